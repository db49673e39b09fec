"""An MkDocs hook for the benchmark's stock Material build only (macros/bench/peers.py).

The portal's hook keeps every page out of Material's own search index (its worker reads
search/gp/ instead); this one, run after it, lets each page back in, so Material's search
plugin indexes the site as it would without the portal's search. No MkDocs import: the
priority is the attribute MkDocs' `event_priority` would set.
"""

from __future__ import annotations

from typing import Any


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    search = dict(page.meta.get("search") or {})
    search.pop("exclude", None)
    page.meta["search"] = search
    return markdown


on_page_markdown.mkdocs_priority = -200  # type: ignore[attr-defined]  # after the portal's hook (-100)
