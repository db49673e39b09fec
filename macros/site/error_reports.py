"""Citizens' "Báo sai sót" links: a report about one task or indicator, prefilled.

Where reports go is one setting (mkdocs.yml `extra.report_to`, env REPORT_TO): a
`mailto:` address, or a form's https address that takes `title` and `body` in its query
(a GitHub "new issue" page does). The report names the page address, the plan and the
item, so whoever reads it finds the place without asking.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from macros.site import urls

BODY_END = "Chỗ sai, nội dung đúng, nguồn:\n"


@dataclass(frozen=True)
class Reporter:
    address: str  # "mailto:…" or "https://…"
    site_url: str = ""  # the published site's address, for the page link in the report

    def link(self, subject: str, page: str, anchor: str, lines: list[str]) -> str:
        """The prefilled report for the item at page#anchor."""
        where = f"{self.site_url.rstrip('/')}/{urls.page_url(page)}#{anchor}" if self.site_url else ""
        body = "\n".join([*([f"Trang: {where}"] if where else []), *lines, "", BODY_END])
        if self.address.startswith("mailto:"):
            fields = {"subject": subject, "body": body}
        else:
            fields = {"title": subject, "body": body}
        query = "&".join(f"{k}={quote(v, safe='')}" for k, v in fields.items())
        return f"{self.address}{'&' if '?' in self.address else '?'}{query}"
