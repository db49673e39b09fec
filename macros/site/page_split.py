"""Which generated pages a build shares with its second core (macros/page_worker.py forks it).

Agency pages are most of the pages, are never in the menu (so no other page shows their
title) and each costs about the same plus its rows of tasks. They go to a queue, heaviest
first; the worker takes from it, and this process too once its own pages are built, so
both cores end together whatever a page costs. Plain Python: the MkDocs side lives in
the adapter.
"""

from __future__ import annotations

from collections.abc import Iterable

from macros.site.pages.base import PlannedPage, Site

ROW_COST = 0.1  # a task row against the rest of a page (heading, menu, theme)


def page_weight(site: Site, page: PlannedPage) -> float:
    """An agency page's cost, in pages: one plus a tenth of a page per task it lists."""
    reg = site.registry
    return 1 + ROW_COST * (len(reg.tasks_led_by(page.entity)) + len(reg.tasks_supported_by(page.entity)))


class SharedPages:
    """`SharedPages(site)(planned)`: the pages to share, heaviest first (a queue balances
    best when its last items are small); `.uris` keeps them for the adapter."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.uris: list[str] = []

    def __call__(self, planned: Iterable[PlannedPage]) -> list[str]:
        weighed = [(page_weight(self.site, p), p.src_uri) for p in planned if p.kind.kind == "agency"]
        self.uris = [uri for _, uri in sorted(weighed, key=lambda w: (-w[0], w[1]))]
        return self.uris
