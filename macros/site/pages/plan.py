"""A plan's page, phone first: its identity and how its deadlines stand (identity.py), then
its tasks by section, its indicators by horizon, its narrative cut in two (purpose and
goals, the rest), the document's details, and one corner for editors' links."""

from __future__ import annotations

from dataclasses import dataclass

from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.site import urls
from macros.site.charts import PlanCharts, plan_charts
from macros.site.explorer_address import FACET_PARAMS, explorer_query
from macros.site.identity import Identity, identity
from macros.site.narratives import Narrative
from macros.site.pages.base import REGISTRY_FILES, Site
from macros.site.views import Counts, IndicatorView, IssueView, TaskView


def plan_title(site: Site, plan: m.Plan) -> str:
    return site.views.plan_name(plan)


def plan_meta(site: Site, plan: m.Plan) -> dict[str, str]:
    return {"description": f"{plan_title(site, plan)}: chỉ tiêu, nhiệm vụ, cơ quan chủ trì và thời hạn."}


def plan_shows(site: Site, plan: m.Plan) -> list[str]:
    return [f"data/sources/{plan.source.file}", *REGISTRY_FILES]


def raw_source(plan: m.Plan) -> str:
    """Where the source text is offered for download, byte for byte."""
    return urls.raw_source(plan.source.file)


@dataclass(frozen=True)
class PlanPage:
    plan: m.Plan
    province: m.Province
    successor: m.Province | None  # the province this plan's province merged into
    doc_type: str
    title: str
    counts: Counts
    indicator_appendix: m.Appendix | None
    task_appendix: m.Appendix | None
    indicator_groups: list[tuple[int, list[IndicatorView]]]  # by horizon
    task_groups: list[tuple[m.Section, list[TaskView]]]  # sections with tasks, in order
    topic_names: dict[str, str]
    issue: IssueView
    narrative_head: Narrative | None
    narrative: Narrative | None
    raw_source: str
    charts: PlanCharts
    identity: Identity
    explore: str  # the explorer's address filtered on this plan ("?ke-hoach=…")


def plan_page(site: Site, plan: m.Plan) -> PlanPage:
    reg, views = site.registry, site.views
    province = reg.provinces[plan.province]
    indicator_groups: dict[int, list[IndicatorView]] = {}
    for indicator in plan.indicators:
        indicator_groups.setdefault(indicator.horizon, []).append(views.indicator(plan, indicator))
    task_groups = [
        (section, [views.task(plan, t) for t in plan.tasks if t.section == section.id]) for section in plan.sections
    ]
    narrative_head, narrative_rest = site.plan_narrative(urls.plan(plan.id))
    return PlanPage(
        plan=plan,
        province=province,
        successor=reg.current_province(province.id) if province.merged_into else None,
        doc_type=vocab.DOC_TYPES[plan.doc_type],
        title=plan_title(site, plan),
        counts=views.counts(plan.tasks, plan.indicators),
        indicator_appendix=plan.appendix("indicators"),
        task_appendix=plan.appendix("tasks"),
        indicator_groups=sorted(indicator_groups.items()),
        task_groups=[(s, v) for s, v in task_groups if v],
        topic_names={t.id: t.short_name for t in reg.topics.values()},
        issue=views.issue(plan),
        narrative_head=narrative_head,
        narrative=narrative_rest,
        raw_source=raw_source(plan),
        charts=plan_charts(views, reg, plan),
        identity=identity(site, plan),
        explore=explorer_query({FACET_PARAMS["plan"]: [plan.id]}),
    )
