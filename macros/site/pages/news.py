"""The "Có gì mới" page: the latest data changes in words, day by day, and the feeds to
follow them (entries from macros/site/feeds.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.site import urls
from macros.site.feeds import Entry
from macros.site.pages.base import Site, place
from macros.site.views import Link

SHOWN = 60  # entries on the page; the feeds carry every entry replayed


@dataclass(frozen=True)
class NewsPage:
    available: bool  # False: built without git history
    days: list[tuple[dt.date, list[Entry]]]  # newest first
    total: int
    shown: int  # at most this many on the page
    replayed: int
    unreadable: int
    since: dt.date | None
    site_feed: str
    plan_feeds: list[Link]
    province_feeds: list[Link]


def news_page(site: Site, _: None) -> NewsPage:
    history = site.change_history()
    days: dict[dt.date, list[Entry]] = {}
    for entry in history.entries[:SHOWN]:
        days.setdefault(entry.when.date(), []).append(entry)
    return NewsPage(
        available=history.available,
        days=list(days.items()),
        total=len(history.entries),
        shown=SHOWN,
        replayed=history.replayed,
        unreadable=history.unreadable,
        since=history.since.date() if history.since else None,
        site_feed=urls.feed(),
        plan_feeds=[Link(site.views.plan_name(p), urls.feed(urls.PLANS, p.id)) for p in site.registry.plans.values()],
        province_feeds=[
            Link(f"{place(p).capitalize()} {p.name}", urls.feed(urls.PROVINCES, p.id)) for p in site.provinces_shown()
        ],
    )
