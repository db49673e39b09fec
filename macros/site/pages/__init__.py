"""Every page and file the site derives from data, declared as a table.

`PAGES` lists the kinds of generated page: which pages exist (one per entity), where
each lives, its template under theme_overrides/gp/ (paired by name with the module here
that shapes its data), the view function, the file an editor opens and the data files it
shows. `page_plan(site)` lists the pages without rendering anything (tests check it on
fixture data); `Site.render` turns a planned page into Markdown; `assets(site)` gives the
files the build copies beside the pages. Pure Python: the MkDocs hook only hands the
results to MkDocs, and a later generator can do the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from macros.data.problems import DataError, Problem
from macros.site import feeds, urls
from macros.site.background import Background, WorkQueue
from macros.site.browser_vocabulary import VOCABULARY_JS
from macros.site.pages import agency, compare, explorer, home, news, open_data, plan, province, source, topic
from macros.site.pages.base import (
    FULL_LIST,
    SHORT_LIST,
    THEME_TEMPLATES,
    AssetSpec,
    PageKind,
    PageSpec,
    PlannedPage,
    Site,
)
from macros.site.search_docs import all_docs
from macros.site.search_index import search_files

__all__ = [
    "FULL_LIST",
    "GENERATED_SECTIONS",
    "PAGES",
    "SHORT_LIST",
    "THEME_TEMPLATES",
    "AssetSpec",
    "PageKind",
    "PageSpec",
    "PlannedPage",
    "Site",
    "assets",
    "page_plan",
    "pages",
    "pages_and_assets",
]

SEARCH_CORE = THEME_TEMPLATES.parent / "assets" / "javascripts" / "gp-search.js"
BUNDLE_SCRIPTS = (VOCABULARY_JS, SEARCH_CORE)  # one file, and the start of the search box's worker
# after the bundle, the explorer page's one script (search_index.EXPLORER_SCRIPT)
EXPLORER_SCRIPTS = tuple(SEARCH_CORE.with_name(name) for name in ("gp-today.js", "explorer-start.js", "explorer.js"))
# the worker's own code: the build writes the served worker in its place (search_index.search_files)
SEARCH_WORKER = SEARCH_CORE.parent / "workers" / "gp-search-worker.js"
# content/ folders and pages whose files are narratives merged into generated pages
GENERATED_SECTIONS = (
    urls.PLANS, urls.PROVINCES, urls.AGENCIES, urls.TOPICS, urls.SOURCES,
    urls.HOME, urls.COMPARE, urls.EXPLORER, urls.OPEN_DATA, urls.CHANGES,
)  # fmt: skip


def one(_: Site) -> Iterable[None]:
    """A page kind with a single page (home, an index)."""
    return (None,)


def at(src_uri: str) -> Any:
    return lambda _: src_uri


def fixed(value: Any) -> Any:
    return lambda site, entity: value


NO_SEARCH = {"search": {"exclude": True}}

# kind, template, which pages, URL, title, view, editor's file, data files shown, front matter
PAGES: tuple[PageKind[Any], ...] = (
    PageKind("home", "pages/home.md", one, at(urls.HOME), fixed("Trang chủ"), home.home,
             edit=fixed("content/index.md"), meta=fixed({"hide": ["navigation", "toc"]})),
    PageKind("plans-index", "pages/plans-index.md", one, at(urls.index(urls.PLANS)), fixed("Các kế hoạch"),
             home.plans_index, edit=fixed(None)),
    PageKind("provinces-index", "pages/provinces-index.md", one, at(urls.index(urls.PROVINCES)),
             fixed("Tỉnh, thành phố"), province.provinces_index, edit=fixed(None)),
    PageKind("agencies-index", "pages/agencies-index.md", one, at(urls.index(urls.AGENCIES)), fixed("Cơ quan"),
             agency.agencies_index, edit=fixed(None)),
    PageKind("topics-index", "pages/topics-index.md", one, at(urls.index(urls.TOPICS)), fixed("Chủ đề"),
             topic.topics_index, edit=fixed(None)),
    PageKind("sources-index", "pages/sources-index.md", one, at(urls.index(urls.SOURCES)), fixed("Văn bản gốc"),
             source.sources_index, edit=fixed(None)),
    PageKind("compare", "pages/compare.md", one, at(urls.COMPARE), fixed("So sánh các tỉnh"), compare.compare_page,
             edit=fixed(None)),
    PageKind("explorer", "pages/explorer.md", one, at(urls.EXPLORER), fixed("Tra cứu nhiệm vụ"),
             explorer.explorer_page, edit=fixed(None), meta=fixed({"hide": ["toc"]})),
    PageKind("open-data", "pages/open-data.md", one, at(urls.OPEN_DATA), fixed("Dữ liệu mở"),
             open_data.open_data_page, edit=fixed(None)),
    PageKind("news", "pages/news.md", one, at(urls.CHANGES), fixed("Có gì mới"), news.news_page, edit=fixed(None)),
    PageKind("plan", "pages/plan.md", lambda site: site.registry.plans.values(), lambda p: urls.plan(p.id),
             plan.plan_title, plan.plan_page, edit=lambda site, p: site.plan_file(p), shows=plan.plan_shows,
             meta=plan.plan_meta),
    PageKind("source", "pages/source.md", lambda site: site.registry.plans.values(), urls.source,
             source.source_title, source.source_page,
             edit=lambda site, p: site.plan_file(p),  # source texts are add-only; their notes live in the plan file
             shows=lambda site, p: [f"data/sources/{p.source.file}"], meta=fixed(NO_SEARCH)),
    PageKind("province", "pages/province.md", lambda site: site.provinces_shown(), lambda p: urls.province(p.id),
             province.province_title, province.province_page, edit=fixed("data/provinces.yml"),
             shows=province.province_shows, meta=fixed(NO_SEARCH)),
    PageKind("agency", "pages/agency.md", lambda site: site.registry.agencies.values(), urls.agency,
             lambda site, a: a.name, agency.agency_page, edit=fixed("data/agencies.yml"), shows=agency.agency_shows,
             meta=fixed(NO_SEARCH)),
    PageKind("kind", "pages/kind.md", lambda site: site.kinds_shown(), lambda k: urls.kind(k.id), agency.kind_title,
             agency.kind_page, edit=fixed("data/agencies.yml"), meta=fixed(NO_SEARCH)),
    PageKind("topic", "pages/topic.md", lambda site: [t for t in site.registry.topics.values() if t.for_tasks],
             lambda t: urls.topic(t.id), lambda site, t: t.name, topic.topic_page, edit=fixed("data/topics.yml"),
             shows=topic.topic_shows, meta=fixed(NO_SEARCH)),
)  # fmt: skip


def page_plan(site: Site) -> list[PlannedPage]:
    """Every generated page, in table order, before rendering; a narrative in a generated
    section that matches no page is a data problem (its file name must be an id)."""
    planned = []
    for kind in PAGES:
        for entity in kind.entities(site):
            shows = kind.shows(site, entity)
            planned.append(
                PlannedPage(
                    kind=kind,
                    entity=entity,
                    src_uri=kind.url(entity),
                    title=kind.title(site, entity),
                    edit_path=kind.edit(site, entity),
                    data_files=None if shows is None else tuple(shows),
                )
            )
    orphans = sorted(set(site.narratives) - {p.src_uri for p in planned})
    if orphans:
        raise DataError(
            Problem(
                f"content/{uri}",
                1,
                1,
                "Trang này nằm trong mục do dữ liệu sinh ra nhưng không khớp mã nào trong data/ "
                "(tên tệp phải là mã của kế hoạch, tỉnh, cơ quan hoặc chủ đề). Hãy đổi tên tệp cho đúng mã.",
            )
            for uri in orphans
        )
    return planned


def pages(site: Site, render: Callable[[PlannedPage], PageSpec] | None = None) -> list[PageSpec]:
    """Every generated page; `render` in place of Site.render (serve keeps unchanged pages)."""
    return [(render or site.render)(page) for page in page_plan(site)]


# The page kinds that cost most each (CPU at national size: home 0.35 s, comparison 0.2 s,
# a plan 70 ms, a topic 30 ms, a source text 20 ms; the others under 10 ms): first in the
# queue the two cores share, so that its last pages are small and both end together.
HEAVY_FIRST = ("home", "compare", "plan", "topic", "source")


def pages_and_assets(
    site: Site, defer: Callable[[list[PlannedPage]], Sequence[str]] | None = None
) -> tuple[list[PageSpec | PlannedPage], list[AssetSpec]]:
    """pages(site) and assets(site), the same files in the same order, with the open-data files,
    the calendars and the search files made on a second core (background.py) while this one
    renders the pages; once done with them, the second core renders pages from the same
    queue. The open-data page, which lists the files' sizes, is rendered once they are in,
    and the "Có gì mới" page last too (the change history, replayed by another child since
    the build began, is waited for only there and by the feeds). The pages `defer(planned)`
    names are rendered only while the second core is still busy, last first; the others
    come back unrendered (PlannedPage), for a later worker."""
    planned = page_plan(site)
    index = {page.src_uri: i for i, page in enumerate(planned)}
    deferred = [index[uri] for uri in defer(planned)] if defer else []
    last = {i for i, page in enumerate(planned) if page.kind.view in (open_data.open_data_page, news.news_page)}
    skip = last | set(deferred)
    rank = {kind: n for n, kind in enumerate(HEAVY_FIRST)}
    shared = sorted(
        (i for i in range(len(planned)) if i not in skip), key=lambda i: rank.get(planned[i].kind.kind, len(rank))
    )
    shared, here = shared[: WorkQueue.CAPACITY], shared[WorkQueue.CAPACITY :]
    queue = WorkQueue(len(shared))

    def second_core() -> tuple[Any, ...]:
        made = site.downloads, open_data.calendar_files(site), search_assets(site)
        return *made, {shared[place]: site.render(planned[shared[place]]) for place in queue}

    later = Background(second_core)
    specs: dict[int, PageSpec | PlannedPage] = {shared[place]: site.render(planned[shared[place]]) for place in queue}
    specs |= {i: site.render(planned[i]) for i in here}
    for i in reversed(deferred):
        if later.ready():
            break
        specs[i] = site.render(planned[i])
    site.__dict__["downloads"], calendars, search, rendered = later.result()  # Site.downloads is a cached property
    queue.close()
    specs |= rendered
    specs |= {i: site.render(planned[i]) for i in shared if i not in specs}  # a second core that failed
    specs |= {i: site.render(planned[i]) for i in last}
    specs |= {i: planned[i] for i in deferred if i not in specs}
    return [specs[i] for i in range(len(planned))], assets(site, calendars=calendars, search=search)


def assets(
    site: Site,
    document_terms: Callable[[str], list[str]] | None = None,
    calendars: list[AssetSpec] | None = None,
    search: list[AssetSpec] | None = None,
) -> list[AssetSpec]:
    """The files beside the pages: source texts as received, open data, calendars, search files
    (document_terms: see search_index.search_files; calendars and search when made already)."""
    out = open_data.data_files(site, calendars)
    out += search_assets(site, document_terms) if search is None else search
    out += feed_files(site)
    return out


def search_assets(site: Site, document_terms: Callable[[str], list[str]] | None = None) -> list[AssetSpec]:
    docs = all_docs(site.registry, site.views, site.narratives, site.handwritten)
    return [
        AssetSpec(uri, content)
        for uri, content in search_files(
            docs, site.registry, BUNDLE_SCRIPTS, SEARCH_WORKER, document_terms, EXPLORER_SCRIPTS
        ).items()
    ]


def feed_files(site: Site) -> list[AssetSpec]:
    """The Atom feeds: the whole site, each plan, each province shown."""
    names = {p.id: site.views.plan_name(p) for p in site.registry.plans.values()}
    fallback = dt.datetime.combine(site.today, dt.time(), dt.UTC)  # an empty feed's <updated>
    template = feeds.feed_template(site.templates)
    return [
        AssetSpec(f.uri, feeds.atom(f, site.site_url, template, fallback))
        for f in feeds.feeds(site.change_history(), site.registry, site.provinces_shown(), names)
    ]
