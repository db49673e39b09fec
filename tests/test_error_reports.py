"""A "Báo sai sót" address is the whole report percent-encoded, though Reporter.link encodes
the parts every report of a page shares once (error_reports._encoded)."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest

from macros.site.error_reports import BODY_END, Reporter


@pytest.mark.parametrize("address", ["https://example.org/issues/new", "https://example.org/form?x=1", "mailto:a@b.vn"])
@pytest.mark.parametrize("site_url", ["https://example.org/cong/", ""])
@pytest.mark.parametrize("lines", [[], ["Dòng 12: “Sở Khoa học & Công nghệ” #1 ?"]])
def test_a_report_link_is_its_whole_text_encoded(address: str, site_url: str, lines: list[str]) -> None:
    reporter = Reporter(address, site_url)
    subject = "Báo sai sót: 29/KH-UBND, Nhiệm vụ 1.2 & #?"
    where = [f"Trang: {site_url.rstrip('/')}/ke-hoach/son-la/#nv-1/é"] if site_url else []
    body = "\n".join([*where, *lines, "", BODY_END])
    for _ in range(2):  # the second time from the encoded parts kept
        link = reporter.link(subject, "ke-hoach/son-la.md", "nv-1/é", lines)
        field = "subject" if address.startswith("mailto:") else "title"
        separator = "&" if "?" in address else "?"
        assert link == f"{address}{separator}{field}={quote(subject, safe='')}&body={quote(body, safe='')}"
        fields = parse_qs(urlsplit(link).query)
        assert fields[field] == [subject] and fields["body"] == [body]
