"""An agency's page (what it leads, supports, monitors and took over in 2025), the page of
an agency kind across provinces, and the list of agencies."""

from __future__ import annotations

from dataclasses import dataclass, field

from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.data.registry import Agency
from macros.site import urls
from macros.site.charts import BarChart, kind_chart
from macros.site.narratives import Narrative
from macros.site.pages.base import FULL_LIST, SHORT_LIST, Site, place
from macros.site.views import IndicatorView, Link, TaskView

ByPlan = list[tuple[Link, list[TaskView]]]


def agency_shows(site: Site, agency: Agency) -> list[str]:
    reg = site.registry
    holders = (agency, *reg.predecessors(agency))
    return ["data/provinces.yml", *site.plan_files(p for a in holders for p in reg.plans_for_province(a.province.id))]


def predecessor_name(agency: Agency) -> str:
    """An agency's name that says whose it is: a group ("Các sở, ban, ngành") gets its province."""
    if agency.province.name in agency.name:
        return agency.name
    return f"{agency.name} ({place(agency.province)} {agency.province.name})"


@dataclass(frozen=True)
class InheritedGroup:
    """What a successor took over from one predecessor (merged departments or provinces, 2025)."""

    agency: Agency
    link: Link
    anchor: str
    led: ByPlan
    supported: ByPlan
    monitored: list[IndicatorView]
    led_count: int
    supported_count: int
    monitored_count: int


@dataclass(frozen=True)
class InheritedCounts:
    led: int
    supported: int
    monitored: int
    joint: int = 0  # tasks two or more predecessors led together (listed under each, counted once)


@dataclass(frozen=True)
class AgencyPage:
    agency: Agency
    kind_name: str
    successor: Link | None
    change_notes: list[str]
    ended: str | None
    predecessors: list[Link]
    led: ByPlan
    supported: ByPlan
    led_count: int
    supported_count: int
    monitored: list[IndicatorView]
    inherited: list[InheritedGroup]
    inherited_counts: InheritedCounts
    narrative: Narrative | None


def inherited(site: Site, agency: Agency) -> list[InheritedGroup]:
    reg = site.registry
    groups = []
    for pre in reg.predecessors(agency):
        led, supported = reg.tasks_led_by(pre), reg.tasks_supported_by(pre)
        monitored = [site.views.indicator(p, i) for p, i in reg.indicators_monitored_by(pre)]
        groups.append(
            InheritedGroup(
                agency=pre,
                link=Link(predecessor_name(pre), urls.agency(pre)),
                anchor=f"tiep-nhan-{pre.province.id}-{pre.kind.id}",
                led=site.by_plan(led),
                supported=site.by_plan(supported),
                monitored=monitored,
                led_count=len(led),
                supported_count=len(supported),
                monitored_count=len(monitored),
            )
        )
    return groups


def inherited_counts(site: Site, agency: Agency) -> InheritedCounts:
    """Counted once each: a task two merged departments led jointly is one inherited task."""
    reg = site.registry
    led = reg.taken_over(agency, "lead")
    return InheritedCounts(
        led=len(led),
        supported=len(reg.taken_over(agency, "support")),
        monitored=len(reg.taken_over(agency, "monitoring")),
        joint=sum(len(reg.tasks_led_by(pre)) for pre in reg.predecessors(agency)) - len(led),
    )


def agency_page(site: Site, agency: Agency) -> AgencyPage:
    reg = site.registry
    successor = reg.successor(agency)
    notes = []
    if successor and successor.kind.id != agency.kind.id and agency.kind.change_note:
        notes.append(agency.kind.change_note)
    if successor and successor.province.id != agency.province.id:
        province = agency.province
        notes.append(
            f"Từ ngày {province.merged_on:%d/%m/%Y}, {place(province)} {province.name} hợp nhất vào "
            f"{place(successor.province)} {successor.province.name}."
        )
    led, supported = reg.tasks_led_by(agency), reg.tasks_supported_by(agency)
    groups = inherited(site, agency)
    return AgencyPage(
        agency=agency,
        kind_name=agency.kind.name,
        successor=site.views.agency_link(successor) if successor else None,
        change_notes=notes,
        ended=agency.kind.change_note if agency.kind.ended_on else None,
        predecessors=[site.views.agency_link(a) for a in reg.predecessors(agency)],
        led=site.by_plan(led),
        supported=site.by_plan(supported),
        led_count=len(led),
        supported_count=len(supported),
        monitored=[site.views.indicator(p, i) for p, i in reg.indicators_monitored_by(agency)],
        inherited=groups,
        inherited_counts=inherited_counts(site, agency),
        narrative=site.narrative(urls.agency(agency)),
    )


def kind_title(site: Site, kind: m.AgencyKind) -> str:
    return f"{kind.name} – mọi tỉnh"


@dataclass(frozen=True)
class KindRow:
    link: Link
    led: int
    supported: int
    monitored: int
    inherited: InheritedCounts | None  # what it took over counts apart ("tiếp nhận")


@dataclass
class KindLed:
    """One plan's tasks led by the kind's agency there (its first SHORT_LIST when the page is long)."""

    plan: Link
    agency: Link
    tasks: list[TaskView] = field(default_factory=list)
    total: int = 0


@dataclass(frozen=True)
class KindPage:
    kind: m.AgencyKind
    category: str
    rows: list[KindRow]
    any_inherited: bool
    successor: Link | None
    led: list[KindLed]
    narrative: Narrative | None
    chart: BarChart


def kind_led(site: Site, agencies: list[Agency]) -> list[KindLed]:
    """Per plan, the tasks one agency of the kind leads (its first SHORT_LIST past FULL_LIST
    in all, with a link to the agency's own page, which lists them all)."""
    led = [(a, pair) for a in agencies for pair in site.registry.tasks_led_by(a)]
    short = len(led) > FULL_LIST
    groups: dict[str, KindLed] = {}
    for agency, (plan, task) in led:
        group = groups.setdefault(plan.id, KindLed(site.views.plan_link(plan), site.views.agency_link(agency)))
        group.total += 1
        if not short or len(group.tasks) < SHORT_LIST:
            group.tasks.append(site.views.task(plan, task))
    return list(groups.values())


def kind_page(site: Site, kind: m.AgencyKind) -> KindPage:
    reg = site.registry
    agencies = reg.agencies_of_kind(kind.id)
    rows = []
    for a in agencies:
        before = reg.predecessors(a)
        rows.append(
            KindRow(
                link=site.views.agency_link(a),
                led=len(reg.tasks_led_by(a)),
                supported=len(reg.tasks_supported_by(a)),
                monitored=len(reg.indicators_monitored_by(a)),
                inherited=inherited_counts(site, a) if before else None,
            )
        )
    successor_kind = reg.agency_kinds.get(kind.successor) if kind.successor else None
    return KindPage(
        kind=kind,
        category=vocab.AGENCY_CATEGORIES[kind.category],
        rows=rows,
        any_inherited=any(r.inherited for r in rows),
        successor=Link(successor_kind.name, urls.kind(successor_kind.id)) if successor_kind else None,
        led=kind_led(site, agencies),
        narrative=site.narrative(urls.kind(kind.id)),
        chart=kind_chart(
            kind,
            [
                (
                    r.link.text,
                    r.link.uri,
                    r.led,
                    r.supported,
                    (r.inherited.led + r.inherited.supported) if r.inherited else 0,
                )
                for r in rows
            ],
        ),
    )


@dataclass(frozen=True)
class KindRowOfIndex:
    uri: str
    name: str
    historical: bool  # merged into another kind in 2025
    agencies: list[Link]
    led: int
    anchor: str


@dataclass(frozen=True)
class AgenciesIndex:
    narrative: Narrative | None
    groups: list[tuple[str, list[KindRowOfIndex]]]  # by category, in vocabulary order


def agencies_index(site: Site, _: None) -> AgenciesIndex:
    reg = site.registry
    groups: dict[str, list[KindRowOfIndex]] = {}
    for kind in site.kinds_shown():
        agencies = reg.agencies_of_kind(kind.id)
        groups.setdefault(kind.category, []).append(
            KindRowOfIndex(
                uri=urls.kind(kind.id),
                name=kind.name,
                historical=bool(kind.successor),
                agencies=[Link(a.province.name, urls.agency(a)) for a in agencies],
                led=sum(len(reg.tasks_led_by(a)) for a in agencies),
                anchor=kind.category,
            )
        )
    ordered = [(vocab.AGENCY_CATEGORIES[c], rows) for c in vocab.AGENCY_CATEGORIES if (rows := groups.get(c))]
    return AgenciesIndex(site.narrative(urls.index(urls.AGENCIES)), ordered)
