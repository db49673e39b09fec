"""What every page family shares: the page kind record, the site context, and plan cards.

A `PageKind` says which pages of one kind exist, where they live, which template shows
them, which function shapes their data, which file an editor opens and which data files
they show. `Site` holds what all page builders read (the registry, the views, the
narratives people wrote) and turns a planned page into Markdown. No MkDocs import.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.data.loader import REFERENCE_FILES
from macros.data.registry import Registry
from macros.data.text import fold
from macros.site import datapackage, exports, urls
from macros.site.background import Background
from macros.site.error_reports import Reporter
from macros.site.feeds import NO_HISTORY, History
from macros.site.front_matter import narrative_front_matter, split_front_matter
from macros.site.lineage import LineageViews
from macros.site.narratives import Narrative
from macros.site.render import Renderer, date_vi
from macros.site.views import Counts, DeadlineSummary, IssueView, Link, Views

THEME_TEMPLATES = Path(__file__).resolve().parents[3] / "theme_overrides" / "gp"
REGISTRY_FILES = tuple(f"data/{name}" for name, _ in REFERENCE_FILES.values())
# Pages that gather tasks from every plan (topic, agency kind) list them whole up to
# FULL_LIST tasks; past it (a national data set) each plan shows its first SHORT_LIST and
# links to the full list, so the page stays light on a phone.
FULL_LIST = 250
SHORT_LIST = 5

E = TypeVar("E")


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    content: str  # Markdown with front matter; may hold placeholders for `blocks`
    edit_path: str | None = None  # repository path an editor changes to change this page
    blocks: tuple[str, ...] = ()  # HTML that bypasses Markdown (render.fill_blocks puts it back)


@dataclass(frozen=True)
class AssetSpec:
    dest_uri: str
    content: bytes


ALL_DATA = None  # `shows`: a page that sums up every plan is dated by every data file


@dataclass(frozen=True)
class PageKind(Generic[E]):
    """One kind of generated page: a row of the page table (macros/site/pages/__init__.py)."""

    kind: str
    template: str  # under theme_overrides/gp/
    entities: Callable[[Site], Iterable[E]]  # one page per entity
    url: Callable[[E], str]  # the page's source path (macros.site.urls)
    title: Callable[[Site, E], str]
    view: Callable[[Site, E], Any]  # a dataclass: the template's variables
    edit: Callable[[Site, E], str | None]  # the file an editor opens ("Sửa trang này")
    shows: Callable[[Site, E], Sequence[str] | None] = lambda site, entity: ALL_DATA
    """The data files the page shows, for its "last changed" date (None: all of data/)."""
    meta: Callable[[Site, E], dict[str, Any]] = lambda site, entity: {}
    """Front matter besides the title (description, hide, search)."""


@dataclass(frozen=True)
class PlannedPage:
    """A page before it is rendered: enough to list, link and test the site's pages."""

    kind: PageKind[Any]
    entity: Any
    src_uri: str
    title: str
    edit_path: str | None
    data_files: tuple[str, ...] | None


def context_of(view: Any) -> dict[str, Any]:
    """A view dataclass as template variables (shallow: nested views stay objects)."""
    return {f.name: getattr(view, f.name) for f in fields(view)}


def demote_headings(markdown: str, levels: int = 1) -> str:
    """Push every ATX heading down (## -> ###), for a narrative placed under a page section."""
    return re.sub(r"^(#{1,6})(?=\s)", lambda mt: "#" * min(6, len(mt.group(1)) + levels), markdown, flags=re.M)


def relevel_headings(markdown: str, top: int = 3) -> str:
    """Headings renumbered by rank, the highest becoming `top` (### under the page's ##):
    a text whose headings skip a level (a 4th-level heading first) no longer skips one
    on the page, which screen readers navigate by."""
    levels = sorted({len(mt.group(1)) for mt in _HEADING.finditer(markdown)})
    rank = {level: min(6, top + i) for i, level in enumerate(levels)}
    return re.sub(
        r"^(#{1,6})(?=\s)", lambda mt: "#" * rank.get(len(mt.group(1)), len(mt.group(1))), markdown, flags=re.M
    )


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)
_GOALS_END = re.compile(r"^\(Chi tiết (?:các )?(?:mục tiêu|chỉ tiêu)[^\n)]*Phụ lục[^\n)]*\)\s*$", re.M | re.I)


def split_narrative(markdown: str) -> tuple[str, str]:
    """A plan's narrative cut where its tasks part begins: (purpose and goals, the rest).

    The cut is at the first top-level heading (the fewest #s in the text) that names the
    tasks ("II. NHIỆM VỤ VÀ GIẢI PHÁP", "III- NHIỆM VỤ, GIẢI PHÁP"); in a text without
    section headings, just after the line that closes its goals by pointing to the
    indicator appendix ("(Chi tiết các mục tiêu theo Phụ lục I đính kèm)"). A narrative
    with neither is not cut: ("", markdown)."""
    headings = list(_HEADING.finditer(markdown))
    top = min((len(h.group(1)) for h in headings), default=0)
    for h in headings:
        if len(h.group(1)) == top and "nhiem vu" in fold(h.group(2)) and markdown[: h.start()].strip():
            return markdown[: h.start()].rstrip() + "\n", markdown[h.start() :]
    if (end := _GOALS_END.search(markdown)) and markdown[end.end() :].strip():
        return markdown[: end.end()] + "\n", markdown[end.end() :].lstrip("\n")
    return "", markdown


@dataclass(frozen=True)
class PlanCard:
    """A plan as the home page, the plans index and province pages list it."""

    uri: str
    name: str
    issuer: str
    issued_on: dt.date | None
    issued_raw: str | None
    issue: IssueView
    counts: Counts
    deadlines: DeadlineSummary
    indicators_missing: bool  # the indicator appendix is cited but not published
    successor: str | None  # "tỉnh Đồng Tháp": the province the plan's province merged into


@dataclass
class Site:
    """What every page builder reads. Built once per build by the MkDocs adapter (or a test)."""

    registry: Registry
    narratives: dict[str, str]  # content/ pages merged into generated pages, by source path
    today: dt.date
    handwritten: dict[str, str] = field(default_factory=dict)  # the other content/ pages
    templates: Path = THEME_TEMPLATES
    repo_url: str = ""
    editor: urls.Editor | None = None
    reporter: Reporter | None = None  # where citizens' "Báo sai sót" links go (error_reports)
    changed: dict[str, dt.date] = field(default_factory=dict)  # repository path -> last commit date
    # data changes replayed from git (macros/site/feeds.py); in a build, a forked child's work
    # that only the "Có gì mới" page and the feeds wait for (change_history)
    history: History | Background[History] = NO_HISTORY
    site_url: str = ""  # the published address (absolute links in the feeds)
    schemas: tuple[exports.SchemaFile, ...] = ()  # the editors' JSON Schemas, published beside the data

    def __post_init__(self) -> None:
        self.views = Views(self.registry, self.today, self.editor, self.reporter)
        abbreviations = {short: a.full for a in self.registry.abbreviations for short in a.short}
        self.renderer = Renderer(self.templates, abbreviations={**abbreviations, **vocab.UI_ABBREVIATIONS})
        self.renderer.env.globals["lineage"] = LineageViews(self.registry, self.views)  # components/lineage.html
        self.renderer.env.globals["data_tables"] = exports.TABLES  # a plan page's own downloads

    # --- turning a planned page into Markdown ---------------------------------------------

    def render(self, page: PlannedPage) -> PageSpec:
        """The page's Markdown. Its "last changed" date is the newest of every file it is
        built from: its data files (all of data/ when None: summaries and indexes draw on
        every plan), the file its edit button opens, and its narrative in content/."""
        narrative_meta, _ = split_front_matter(self.narratives.get(page.src_uri, ""))
        front = {"title": page.title, **page.kind.meta(self, page.entity), **narrative_front_matter(narrative_meta)}
        sources = self.all_data_files if page.data_files is None else page.data_files
        candidates = (*sources, page.edit_path, f"content/{page.src_uri}")
        updated = [self.changed[p] for p in candidates if p in self.changed]
        if updated:
            front["gp_updated"] = date_vi(max(updated))
        view = page.kind.view(self, page.entity)
        body, blocks = self.renderer.render(
            page.kind.template, page.src_uri, today=self.today, site_url=self.site_url, **context_of(view)
        )
        text = "---\n" + front_matter_yaml(front) + "---\n\n" + body
        return PageSpec(page.src_uri, text, page.edit_path, tuple(blocks))

    # --- pieces several page kinds use ---------------------------------------------------

    def narrative(self, src_uri: str, demote: int = 1) -> Narrative | None:
        """The narrative people wrote for this page (content/<same path>), headings pushed
        under the page's own; None when there is none. Placed as text (narratives.py)."""
        text = self.narratives.get(src_uri)
        if not text:
            return None
        _, body = split_front_matter(text)
        return Narrative(demote_headings(body, demote))

    def plan_narrative(self, src_uri: str) -> tuple[Narrative | None, Narrative | None]:
        """A plan page's narrative in two: purpose and goals (shown near the top) and the
        rest (after the task cards); (None, whole) when it cannot be cut."""
        whole = self.narrative(src_uri)
        if whole is None:
            return None, None
        head, tail = split_narrative(whole.markdown)
        if not head:
            return None, Narrative(relevel_headings(whole.markdown))
        return Narrative(relevel_headings(head)), Narrative(relevel_headings(tail))

    def change_history(self) -> History:
        if isinstance(self.history, Background):
            self.history = self.history.result()
        return self.history

    @cached_property
    def downloads(self) -> list[exports.Download]:
        """The open-data files, made once: the page lists their sizes, the build writes them."""
        return datapackage.downloads(self.registry, self.schemas, self.site_url)

    @cached_property
    def all_data_files(self) -> list[str]:
        return [path for path in self.changed if path.startswith("data/") and not path.startswith("data/schema/")]

    def plan_file(self, plan: m.Plan) -> str:
        location = self.registry.locations.get(("plan", plan.id))
        return location.file if location else f"data/plans/{plan.id}.yml"

    def plan_files(self, plans: Iterable[m.Plan]) -> list[str]:
        return [self.plan_file(p) for p in plans]

    def provinces_shown(self) -> list[m.Province]:
        """Provinces with plans, and the provinces that took them over."""
        return self.registry.plan_provinces()

    def kinds_shown(self) -> list[m.AgencyKind]:
        ids = {a.kind.id for a in self.registry.agencies.values()}
        return [k for k in self.registry.agency_kinds.values() if k.id in ids]

    def plan_card(self, plan: m.Plan) -> PlanCard:
        reg = self.registry
        province = reg.provinces[plan.province]
        current = reg.current_province(province.id)
        appendix = plan.appendix("indicators")
        return PlanCard(
            uri=urls.plan(plan.id),
            name=self.views.plan_name(plan),
            issuer=plan.issuer,
            issued_on=plan.issued_on,
            issued_raw=plan.issued_raw,
            issue=self.views.issue(plan),
            counts=self.views.counts(plan.tasks, plan.indicators),
            deadlines=self.views.deadline_summary(plan.tasks),
            indicators_missing=bool(appendix and not appendix.published),
            successor=f"{place(current)} {current.name}" if current.id != province.id else None,
        )

    def by_plan(self, pairs: list[tuple[m.Plan, m.Task]]) -> list[tuple[Link, list[Any]]]:
        """Tasks grouped by plan, in the order given: (plan link, task views)."""
        grouped: dict[str, list[Any]] = {}
        for plan, task in pairs:
            grouped.setdefault(plan.id, []).append(self.views.task(plan, task))
        return [(self.views.plan_link(self.registry.plans[pid]), views) for pid, views in grouped.items()]


# libyaml's emitter when PyYAML has it (the same text, a tenth of the time per page)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter_yaml(front: dict[str, Any]) -> str:
    return yaml.dump(front, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


def place(province: m.Province) -> str:
    """'thành phố' for a centrally governed city, else 'tỉnh'."""
    return "thành phố" if province.kind == "thanh-pho" else "tỉnh"


def size_text(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} B"
