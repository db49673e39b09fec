"""The comparison page's three tables: same indicator concept across provinces, task
coverage by topic, and deadlines by period. One column per plan, in registry order."""

from __future__ import annotations

from dataclasses import dataclass

from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.data.deadlines import DeadlineKind
from macros.data.registry import Registry
from macros.site import urls
from macros.site.explorer_address import DEADLINE_IDS, NO_QUARTER_ID, PERIOD_ID, Filters, explorer_query
from macros.site.render import number_vi
from macros.site.views import Link, Views


def normalised(indicator: m.Indicator) -> str:
    """'≥ 30 %' style text of a parsed target, for reading numbers side by side."""
    target = indicator.parsed_target
    if target is None:
        return ""
    unit = "%" if "%" in (indicator.unit or "") or "%" in (indicator.target or "") else ""
    if target.is_range:
        return f"{number_vi(target.value)}–{number_vi(target.value_to)}{(' ' + unit) if unit else ''}"
    operator = "" if target.operator == "=" else f"{target.operator} "
    return f"{operator}{number_vi(target.value)}{(' ' + unit) if unit else ''}"


def shown_unit(indicator: m.Indicator) -> str | None:
    """The unit beside a target as written, unless the target already ends with it ("100%", unit "%")."""
    unit, target = indicator.unit, (indicator.target or "").strip()
    return None if unit and target.endswith(unit.strip()) else unit


def deadline_period(task: m.Task) -> tuple[int, str, Filters]:
    """(sort key, label, explorer filters) of the period a task is due in. The filters
    select exactly the period's tasks in the explorer (its "Năm đến hạn", "Quý" and
    "Loại thời hạn" facets, coded in search_index._deadline_codes)."""
    deadline = task.parsed_deadline
    if deadline is None:
        return (99_999, vocab.NO_DEADLINE, {"loai-han": [DEADLINE_IDS["none"]]})
    if deadline.kind in (DeadlineKind.ONGOING, DeadlineKind.ANNUAL, DeadlineKind.YEAR_ONWARD):
        return (
            99_000,
            "Thường xuyên, hằng năm hoặc liên tục từ một năm",
            {"loai-han": [DEADLINE_IDS["ongoing"], DEADLINE_IDS["annual"]]},
        )
    if deadline.kind is DeadlineKind.CONDITIONAL:
        return (99_100, "Có điều kiện (chờ văn bản cấp trên)", {"loai-han": [DEADLINE_IDS["conditional"]]})
    due = deadline.due
    if deadline.kind is DeadlineKind.YEAR_RANGE:  # its own row, not "Trong năm 2030"
        return (
            due.year * 10 + 8,
            f"Giai đoạn {deadline.year}–{deadline.year_to}",
            {"nam": [str(due.year)], "quy": [PERIOD_ID]},
        )
    if deadline.kind in (DeadlineKind.QUARTER, DeadlineKind.MONTH, DeadlineKind.DAY):
        quarter = (due.month - 1) // 3 + 1
        return (
            due.year * 10 + quarter,
            f"Năm {due.year}, quý {'I II III IV'.split()[quarter - 1]}",
            {"nam": [str(due.year)], "quy": [str(quarter)]},
        )
    return (
        due.year * 10 + 9,
        f"Trong năm {due.year} (không ghi quý)",
        {"nam": [str(due.year)], "quy": [NO_QUARTER_ID]},
    )


@dataclass(frozen=True)
class Column:
    plan: str
    province: str
    province_name: str
    uri: str


@dataclass(frozen=True)
class GridCell:
    """A count in a grid and, when not 0, the explorer address that lists those tasks."""

    n: int
    query: str
    main: int = 0  # of which the tasks' main topic (topic grid)


@dataclass(frozen=True)
class TargetEntry:
    raw: str
    unit: str | None
    narrative: bool  # taken from the narrative, not a table
    normalised: str
    value: float | None
    link: Link
    value_to: float | None = None  # the upper end of a range ("35–40 %")


@dataclass(frozen=True)
class TargetCell:
    entries: list[TargetEntry]
    value: float | None


@dataclass(frozen=True)
class IndicatorRow:
    concept: m.Concept
    horizon: int
    anchor: str
    cells: list[TargetCell]


@dataclass(frozen=True)
class TopicRow:
    uri: str
    name: str
    cells: list[GridCell]
    short_name: str = ""  # for a chart's narrow labels


@dataclass(frozen=True)
class DeadlineRow:
    label: str
    cells: list[GridCell]


@dataclass(frozen=True)
class Comparison:
    columns: list[Column]
    indicator_rows: list[IndicatorRow]
    topic_rows: list[TopicRow]
    deadline_rows: list[DeadlineRow]
    missing: str  # plans whose indicator appendix was not published, in a sentence


def _explorer_cell(n: int, plan: m.Plan, filters: Filters, main: int = 0) -> GridCell:
    """Filtered by the plan (a province's filter also takes the plans of the provinces merged into it)."""
    query = explorer_query({"ke-hoach": [plan.id], **filters}) if n else ""
    return GridCell(n, query, main)


def comparison(registry: Registry, views: Views) -> Comparison:
    plans = list(registry.plans.values())
    columns = [Column(p.id, p.province, registry.provinces[p.province].name, urls.plan(p.id)) for p in plans]
    rows: dict[tuple[str, int], list[list[TargetEntry]]] = {}
    for index, plan in enumerate(plans):
        for indicator in plan.indicators:
            if not indicator.concept:
                continue
            cells = rows.setdefault((indicator.concept, indicator.horizon), [[] for _ in plans])
            cells[index].append(
                TargetEntry(
                    raw=indicator.target or "–",
                    unit=shown_unit(indicator),
                    narrative=indicator.source.kind == "narrative",
                    normalised=normalised(indicator),
                    value=indicator.parsed_target.value if indicator.parsed_target else None,
                    link=Link(indicator.name, urls.plan(plan.id), indicator.id),
                    value_to=indicator.parsed_target.value_to if indicator.parsed_target else None,
                )
            )
    concepts = list(registry.concepts)
    indicator_rows = [
        IndicatorRow(
            concept=registry.concepts[concept_id],
            horizon=horizon,
            anchor=f"kn-{concept_id}-{horizon}",
            cells=[TargetCell(c, c[0].value if c else None) for c in cells],
        )
        for (concept_id, horizon), cells in sorted(rows.items(), key=lambda r: (concepts.index(r[0][0]), r[0][1]))
    ]
    topic_rows = []
    for topic in registry.topics.values():
        if not topic.for_tasks:
            continue
        cells = []
        for plan in plans:
            main, related = views.topic_tasks(plan, topic.id)
            cells.append(_explorer_cell(len(main) + len(related), plan, {"chu-de": [topic.id]}, len(main)))
        topic_rows.append(TopicRow(urls.topic(topic.id), topic.name, cells, topic.short_name))
    periods: dict[tuple[int, str], list[int]] = {}
    period_filters: dict[tuple[int, str], Filters] = {}
    for index, plan in enumerate(plans):
        for task in plan.tasks:
            key, label, filters = deadline_period(task)
            periods.setdefault((key, label), [0] * len(plans))[index] += 1
            period_filters[(key, label)] = filters
    deadline_rows = [
        DeadlineRow(
            label,
            [_explorer_cell(n, plan, period_filters[(key, label)]) for n, plan in zip(counts, plans, strict=True)],
        )
        for (key, label), counts in sorted(periods.items())
    ]
    missing = [views.plan_name(p) for p in plans if (a := p.appendix("indicators")) and not a.published]
    return Comparison(
        columns=columns,
        indicator_rows=indicator_rows,
        topic_rows=topic_rows,
        deadline_rows=deadline_rows,
        missing=(
            "Chưa có chỉ tiêu của " + ", ".join(missing) + ": phụ lục chỉ tiêu không được công bố kèm văn bản."
            if missing
            else ""
        ),
    )
