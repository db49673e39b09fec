"""Citizens' "Báo sai sót" links: a report about one task or indicator, prefilled.

Where reports go is one setting (mkdocs.yml `extra.report_to`, env REPORT_TO): a
`mailto:` address, or a form's https address that takes `title` and `body` in its query
(a GitHub "new issue" page does). The report names the page address, the plan and the
item, so whoever reads it finds the place without asking.
"""

from __future__ import annotations

import functools
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
        # percent-encoding goes character by character, so the parts every report of a page
        # shares are encoded once (every card carries a report link)
        page_line = _encoded(f"Trang: {self.site_url.rstrip('/')}/{urls.page_url(page)}#") if self.site_url else ""
        body = page_line + _encoded(anchor) + _encoded("\n") if page_line else ""
        body += _encoded("\n".join([*lines, "", BODY_END]))
        subject_field = "subject" if self.address.startswith("mailto:") else "title"
        query = f"{subject_field}={_encoded(subject)}&body={body}"
        return f"{self.address}{'&' if '?' in self.address else '?'}{query}"


@functools.lru_cache(maxsize=1 << 12)
def _encoded(text: str) -> str:
    return quote(text, safe="")
