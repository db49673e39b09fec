"""Charts as data: bars, heat-map cells and target lines shaped from the same registry
queries and views as the tables beside them, with their layout in chart units.

Templates (theme_overrides/gp/components/chart.html) draw them as static SVG inside a
`<figure class="gp-chart">` with the numbers again as a table, so a chart needs no script
and no library at view time. Every mark carries the page (and explorer query) that lists
exactly what it counts. Pure Python: no MkDocs, no Jinja.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from macros.data import model as m
from macros.data.deadlines import DeadlineState
from macros.data.registry import Registry
from macros.site import urls
from macros.site.comparison import Comparison
from macros.site.explorer_address import DEADLINE_IDS, DUE_IDS, NO_QUARTER_ID, Filters, explorer_query
from macros.site.render import number_vi
from macros.site.views import Views

# Chart units: one unit is one CSS pixel at 100 % (the SVG scales to its box; see site CSS).
WIDTH = 340
LABEL_LINE = 17  # a row's label sits on its own line above the bar, so long names fit
BAR = 14
ROW_GAP = 9
VALUE_ROOM = 44  # right of the longest bar, for its number
LABEL_CHARS = 50  # longer labels are cut in the picture (the table has them whole)
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Series:
    """One kind of mark (a state, a role): its CSS key, its words and its total."""

    key: str
    label: str
    total: int


@dataclass(frozen=True)
class Mark:
    key: str  # the series
    label: str  # the series' words, for the mark's tooltip
    n: int
    target: str  # page (source path) that lists what the mark counts
    query: str = ""  # explorer query, when target is the explorer
    anchor: str | None = None
    x: float = 0
    width: float = 0


@dataclass(frozen=True)
class Row:
    label: str
    short_label: str  # cut to fit the picture
    total: int
    marks: tuple[Mark, ...]  # one per series, in series order (n may be 0)
    y: float  # top of the label line
    end: float  # where the bar ends (its number is written after it)
    target: str = ""  # where the row's label links (a plan, an agency), "" for none
    total_target: str = ""  # where the row's total links ("" when marks link apart)
    total_query: str = ""


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, stacked by series; rows read top to bottom."""

    id: str
    title: str  # the SVG's accessible name
    summary: str  # the figcaption: one sentence in words
    series: tuple[Series, ...]
    rows: tuple[Row, ...]
    row_header: str  # the table's first column
    height: float
    note: str = ""  # said under the table (e.g. "một nhiệm vụ có thể thuộc nhiều chủ đề")
    width: int = WIDTH

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    @property
    def patterns(self) -> tuple[int, ...]:
        """The series (by index) drawn with a pattern and present: only their <pattern>s are written."""
        return tuple(i for i, s in enumerate(self.series) if i and s.total)


@dataclass(frozen=True)
class Cell:
    n: int
    level: int  # 0 (none) … 4 (the most), the cell's shade
    target: str
    query: str
    x: float
    y: float
    cx: float  # the middle, where its number is written


@dataclass(frozen=True)
class HeatRow:
    label: str
    short_label: str
    target: str
    cells: tuple[Cell, ...]
    y: float


@dataclass(frozen=True)
class HeatMap:
    id: str
    title: str
    summary: str
    columns: tuple[str, ...]  # column headings (provinces)
    rows: tuple[HeatRow, ...]
    row_header: str
    label_width: float
    cell_width: float
    cell_height: float
    height: float
    width: int = WIDTH

    @property
    def column_x(self) -> tuple[float, ...]:
        """The middle of each column, where its heading is written."""
        return tuple(_n(self.label_width + (c + 0.5) * self.cell_width) for c in range(len(self.columns)))


@dataclass(frozen=True)
class TargetBar:
    province: str  # province id (the comparison's picker hides and shows by it)
    label: str  # province name
    text: str  # the target as compared: "≥ 30 %", "35–40 %"
    raw: str  # as the plan writes it
    value: float
    value_to: float | None
    target: str
    anchor: str
    x: float
    width: float
    y: float


@dataclass(frozen=True)
class TargetChart:
    id: str
    title: str
    summary: str
    concept: str
    horizon: int
    unit: str
    lower_is_better: bool
    bars: tuple[TargetBar, ...]
    words: tuple[TargetBar, ...]  # targets in words: listed under the chart, never dropped
    height: float
    width: int = WIDTH


# --- the parts every chart shares ---------------------------------------------------


def _n(value: float) -> float | int:
    """A coordinate as short as it can be written: 296 rather than 296.0, else one decimal."""
    value = round(float(value), 1)  # an int has no is_integer() before Python 3.12
    return int(value) if value.is_integer() else value


def short(text: str, limit: int = LABEL_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.6 else cut).rstrip(" ,;:–-") + "…"


def _layout(rows: Sequence[tuple[str, Sequence[Mark], dict[str, str]]]) -> tuple[tuple[Row, ...], float]:
    """Place rows one under another, bars scaled to the largest row total."""
    top = max((sum(mark.n for mark in marks) for _, marks, _ in rows), default=0) or 1
    scale = (WIDTH - VALUE_ROOM) / top
    placed, y = [], 0
    for label, marks, links in rows:
        x, row_marks = 0.0, []
        for mark in marks:
            width = mark.n * scale
            row_marks.append(replace(mark, x=_n(x), width=_n(width)))
            x += width
        placed.append(
            Row(
                label=label,
                short_label=short(label),
                total=sum(mark.n for mark in marks),
                marks=tuple(row_marks),
                y=y,
                end=_n(x),
                target=links.get("target", ""),
                total_target=links.get("total_target", ""),
                total_query=links.get("total_query", ""),
            )
        )
        y += LABEL_LINE + BAR + ROW_GAP
    return tuple(placed), y


def bar_chart(
    id: str,
    title: str,
    summary: str,
    row_header: str,
    series: Sequence[tuple[str, str]],
    rows: Iterable[tuple[str, dict[str, tuple[int, str, str, str | None]], dict[str, str]]],
    note: str = "",
) -> BarChart:
    """rows: (label, {series key: (n, target, query, anchor)}, row links)."""
    laid_out = [
        (label, [Mark(key, words, *values.get(key, (0, "", "", None))) for key, words in series], links)
        for label, values, links in rows
    ]
    placed, height = _layout(laid_out)
    totals = tuple(Series(key, words, sum(r.marks[i].n for r in placed)) for i, (key, words) in enumerate(series))
    return BarChart(id, title, summary, totals, placed, row_header, max(height - ROW_GAP, 1), note)


def quarter_label(year: int, quarter: int) -> str:
    return f"Quý {ROMAN[quarter - 1]}/{year}"


def _count_words(n: int, what: str) -> str:
    return f"{number_vi(n)} {what}"


# --- deadline state, the timeline's series --------------------------------------------

STATE_SERIES = (
    (DeadlineState.PASSED.value, "đã qua thời hạn ghi trong kế hoạch"),
    (DeadlineState.UPCOMING.value, "chưa đến hạn"),
    (DeadlineState.ONGOING.value, "thường xuyên, hằng năm hoặc liên tục"),
    (DeadlineState.CONDITIONAL.value, "có điều kiện (chờ văn bản cấp trên)"),
    ("none", "không ghi thời hạn"),
)
# The explorer's filters that select exactly a state's tasks (search_index._deadline_codes).
STATE_FILTERS: dict[str, Filters] = {
    DeadlineState.PASSED.value: {"den-han": [DUE_IDS["passed"]]},
    DeadlineState.UPCOMING.value: {"den-han": [DUE_IDS["upcoming"]]},
    DeadlineState.ONGOING.value: {"loai-han": [DEADLINE_IDS["ongoing"], DEADLINE_IDS["annual"]]},
    DeadlineState.CONDITIONAL.value: {"loai-han": [DEADLINE_IDS["conditional"]]},
    "none": {"loai-han": [DEADLINE_IDS["none"]]},
}


def _explorer(plans: Sequence[m.Plan], filters: Filters) -> str:
    """The explorer on exactly these plans' tasks (by plan: a province's filter also takes the
    plans of the provinces merged into it)."""
    return explorer_query({"ke-hoach": [p.id for p in plans], **filters})


def _mark(n: int, plans: Sequence[m.Plan], filters: Filters) -> tuple[int, str, str, None]:
    return (n, urls.EXPLORER, _explorer(plans, filters), None)


def timeline(id: str, views: Views, plans: Sequence[m.Plan]) -> BarChart:
    """Tasks by the year their deadline falls in (passed or not yet), then the tasks with
    no date to judge: ongoing, conditional, none written. The rows add up to every task."""
    tasks = [t for p in plans for t in p.tasks]
    by_year: dict[int, dict[str, int]] = {}
    other: dict[str, int] = {}
    for task in tasks:
        state = views.deadline_state(task)
        deadline = task.parsed_deadline
        if state in (DeadlineState.PASSED.value, DeadlineState.UPCOMING.value) and deadline and deadline.due:
            by_year.setdefault(deadline.due.year, {}).setdefault(state, 0)
            by_year[deadline.due.year][state] += 1
        else:
            other[state] = other.get(state, 0) + 1

    rows = []
    for year, counts in sorted(by_year.items()):
        dated = {"nam": [str(year)]}  # a due state ("đã đến hạn"…) is only ever a dated deadline's
        rows.append(
            (
                f"Năm {year}",
                {s: _mark(n, plans, {**dated, **STATE_FILTERS[s]}) for s, n in counts.items()},
                {},
            )
        )
    for state, words in STATE_SERIES[2:]:
        if other.get(state):
            rows.append((words[:1].upper() + words[1:], {state: _mark(other[state], plans, STATE_FILTERS[state])}, {}))
    passed = sum(c.get(DeadlineState.PASSED.value, 0) for c in by_year.values())
    summary = (
        f"{_count_words(passed, 'trên')} {_count_words(len(tasks), 'nhiệm vụ')} đã qua thời hạn ghi trong kế hoạch"
        f" (tính đến {views.today:%d/%m/%Y}); {_count_words(sum(other.values()), 'nhiệm vụ')} không có hạn theo ngày,"
        " năm cụ thể."
    )
    return bar_chart(id, "Nhiệm vụ theo năm đến hạn", summary, "Năm đến hạn", STATE_SERIES, rows)


# --- plan page --------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanCharts:
    timeline: BarChart
    topics: BarChart
    agencies: BarChart | None


TOP_AGENCIES = 8


def plan_charts(views: Views, registry: Registry, plan: m.Plan) -> PlanCharts:
    return PlanCharts(
        timeline=timeline(f"bd-han-{plan.id}", views, [plan]),
        topics=topics_chart(f"bd-chu-de-{plan.id}", views, registry, [plan]),
        agencies=agencies_chart(f"bd-co-quan-{plan.id}", registry, plan),
    )


TOPIC_SERIES = (("main", "chủ đề chính"), ("related", "chủ đề liên quan"))


def topics_chart(id: str, views: Views, registry: Registry, plans: Sequence[m.Plan]) -> BarChart:
    rows = []
    for topic in (t for t in registry.topics.values() if t.for_tasks):
        main = sum(len(views.topic_tasks(p, topic.id)[0]) for p in plans)
        related = sum(len(views.topic_tasks(p, topic.id)[1]) for p in plans)
        if not main + related:
            continue
        query, target = _explorer(plans, {"chu-de": [topic.id]}), urls.EXPLORER
        rows.append(
            (
                topic.short_name,
                {"main": (main, target, query, None), "related": (related, target, query, None)},
                {"target": urls.topic(topic.id), "total_target": target, "total_query": query},
            )
        )
    rows.sort(key=lambda r: -(r[1]["main"][0] + r[1]["related"][0]))
    total = sum(len(p.tasks) for p in plans)
    top = rows[0][0] if rows else ""
    summary = f"Nhiều nhiệm vụ nhất thuộc chủ đề “{top}”; {_count_words(total, 'nhiệm vụ')} gắn với {len(rows)} chủ đề."
    return bar_chart(
        id,
        "Nhiệm vụ theo chủ đề",
        summary,
        "Chủ đề",
        TOPIC_SERIES,
        rows,
        note="Một nhiệm vụ có thể thuộc nhiều chủ đề, nên cộng các hàng sẽ lớn hơn số nhiệm vụ.",
    )


def agencies_chart(id: str, registry: Registry, plan: m.Plan) -> BarChart | None:
    """The agencies that lead the most of the plan's tasks (a task may have several leads)."""
    counts: dict[str, int] = {}
    for task in plan.tasks:
        for key in task.lead.agencies if task.lead else ():
            counts[f"{plan.province}/{key}"] = counts.get(f"{plan.province}/{key}", 0) + 1
    if not counts:
        return None
    top = sorted(counts.items(), key=lambda kv: (-kv[1], registry.agencies[kv[0]].name))[:TOP_AGENCIES]
    rows = []
    for agency_id, n in top:
        agency = registry.agencies[agency_id]
        rows.append((agency.name, {"led": _mark(n, [plan], {"co-quan": [agency_id]})}, {"target": urls.agency(agency)}))
    first, n_first = registry.agencies[top[0][0]].name, top[0][1]
    summary = f"{first} chủ trì nhiều nhiệm vụ nhất: {_count_words(n_first, 'nhiệm vụ')}."
    return bar_chart(
        id,
        f"{len(top)} cơ quan chủ trì nhiều nhiệm vụ nhất",
        summary,
        "Cơ quan",
        (("led", "nhiệm vụ chủ trì"),),
        rows,
        note="Một nhiệm vụ có thể do nhiều cơ quan cùng chủ trì.",
    )


# --- home page --------------------------------------------------------------------------


@dataclass(frozen=True)
class HomeCharts:
    states: BarChart
    due_soon: BarChart | None


def _quarters_ahead(today: dt.date, n: int) -> list[tuple[int, int]]:
    year, quarter = today.year, (today.month - 1) // 3 + 1
    out = []
    for _ in range(n):
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


def _due_quarter(task: m.Task) -> tuple[int, int] | None:
    """The quarter a dated deadline ends in (a year or a period ends in its fourth)."""
    deadline = task.parsed_deadline
    if deadline is None or deadline.judged_on is None:
        return None
    return (deadline.judged_on.year, (deadline.judged_on.month - 1) // 3 + 1)


def home_charts(views: Views, registry: Registry) -> HomeCharts:
    plans = list(registry.plans.values())
    rows = []
    for plan in plans:
        counts: dict[str, int] = {}
        for task in plan.tasks:
            state = views.deadline_state(task)
            counts[state] = counts.get(state, 0) + 1
        rows.append(
            (
                views.plan_name(plan),
                {s: _mark(n, [plan], STATE_FILTERS[s]) for s, n in counts.items()},
                {"target": urls.plan(plan.id)},
            )
        )
    passed = sum(views.counts(p.tasks).due_passed for p in plans)
    total = sum(len(p.tasks) for p in plans)
    states = bar_chart(
        "bd-tinh-trang-han",
        "Nhiệm vụ của từng kế hoạch theo thời hạn",
        f"{_count_words(passed, 'trên')} {_count_words(total, 'nhiệm vụ')} của {len(plans)} kế hoạch đã qua thời hạn"
        f" ghi trong kế hoạch (tính đến {views.today:%d/%m/%Y}); đó là thời hạn, không phải báo cáo tiến độ.",
        "Kế hoạch",
        STATE_SERIES,
        rows,
    )
    return HomeCharts(states=states, due_soon=due_soon_chart(views, plans))


DUE_SOON_QUARTERS = 3  # this quarter and the next two: the next six months and a little more


def due_soon_chart(views: Views, plans: Sequence[m.Plan]) -> BarChart | None:
    quarters = _quarters_ahead(views.today, DUE_SOON_QUARTERS)
    series = tuple((f"q{i}", quarter_label(*q)) for i, q in enumerate(quarters))
    rows = []
    for plan in plans:
        values = {}
        for i, (year, quarter) in enumerate(quarters):
            n = sum(
                1
                for t in plan.tasks
                if _due_quarter(t) == (year, quarter) and views.deadline_state(t) == DeadlineState.UPCOMING.value
            )
            if not n:
                continue
            quarter_ids = [str(quarter), NO_QUARTER_ID] if quarter == 4 else [str(quarter)]
            filters = {"nam": [str(year)], "quy": quarter_ids, "den-han": [DUE_IDS["upcoming"]]}
            values[f"q{i}"] = _mark(n, [plan], filters)
        rows.append((views.plan_name(plan), values, {"target": urls.plan(plan.id)}))
    total = sum(sum(v[0] for v in values.values()) for _, values, _ in rows)
    first, last = quarters[0], quarters[-1]
    return bar_chart(
        "bd-sap-den-han",
        f"Nhiệm vụ đến hạn từ nay đến hết {quarter_label(*last)}",
        f"{_count_words(total, 'nhiệm vụ')} đến hạn từ nay ({views.today:%d/%m/%Y}) đến hết {quarter_label(*last)}."
        if total
        else f"Không có nhiệm vụ nào đến hạn từ nay ({views.today:%d/%m/%Y}) đến hết {quarter_label(*last)}.",
        "Kế hoạch",
        series,
        rows,
        note=f"Hạn ghi theo năm hoặc giai đoạn được tính vào quý cuối năm đó ({quarter_label(first[0], 4)}…).",
    )


# --- topic, agency kind, province ---------------------------------------------------------


def topic_chart(views: Views, registry: Registry, topic: m.Topic) -> BarChart:
    rows = []
    for plan in registry.plans.values():
        main, related = views.topic_tasks(plan, topic.id)
        query, target = _explorer([plan], {"chu-de": [topic.id]}), urls.EXPLORER
        rows.append(
            (
                views.plan_name(plan),
                {"main": (len(main), target, query, None), "related": (len(related), target, query, None)},
                {"target": urls.plan(plan.id), "total_target": target, "total_query": query},
            )
        )
    total = sum(len(v[0]) + len(v[1]) for v in (views.topic_tasks(p, topic.id) for p in registry.plans.values()))
    with_any = sum(1 for _, values, _ in rows if values["main"][0] + values["related"][0])
    return bar_chart(
        f"bd-chu-de-{topic.id}",
        f"Nhiệm vụ về {topic.short_name} theo kế hoạch",
        f"{_count_words(total, 'nhiệm vụ')} của {with_any} trên {len(rows)} kế hoạch thuộc chủ đề này.",
        "Kế hoạch",
        TOPIC_SERIES,
        rows,
    )


ROLE_SERIES = (
    ("led", "chủ trì"),
    ("supported", "phối hợp"),
    ("inherited", "tiếp nhận từ cơ quan cũ (chủ trì và phối hợp)"),
)


def kind_chart(kind: m.AgencyKind, rows: Sequence[tuple[str, str, int, int, int]]) -> BarChart:
    """rows: (agency name, agency page, led, supported, inherited) as the kind page's table counts them."""
    chart_rows = [
        (
            name,
            {
                "led": (led, page, "", "chu-tri"),
                "supported": (supported, page, "", "phoi-hop"),
                "inherited": (inherited, page, "", "tiep-nhan"),
            },
            {"target": page},
        )
        for name, page, led, supported, inherited in rows
    ]
    total_led = sum(r[2] for r in rows)
    return bar_chart(
        f"bd-loai-{kind.id}",
        f"Nhiệm vụ của {kind.name} ở từng tỉnh",
        f"{kind.name} ở {len(rows)} tỉnh chủ trì tổng cộng {_count_words(total_led, 'nhiệm vụ')}.",
        "Cơ quan",
        ROLE_SERIES,
        chart_rows,
        note="Một nhiệm vụ có thể vừa được tính ở cột chủ trì của cơ quan này vừa ở cột phối hợp của cơ quan khác.",
    )


def province_timeline(views: Views, province: m.Province, plans: Sequence[m.Plan]) -> BarChart:
    return timeline(f"bd-han-{province.id}", views, plans)


# --- comparison page ----------------------------------------------------------------------


HEAT_LEVELS = 4
MIN_CELL = 40  # below this a column's numbers no longer fit: the map grows and scrolls in its box


def heat_map(
    id: str,
    title: str,
    summary: str,
    row_header: str,
    columns: Sequence[str],
    rows: Sequence[tuple[str, str, Sequence[tuple[int, str, str]]]],
) -> HeatMap:
    """rows: (label, label's page, [(n, target, query) per column]); shades by count quartile."""
    top = max((n for _, _, cells in rows for n, _, _ in cells), default=0) or 1
    label_width = 140
    cell_width = max((WIDTH - label_width) / max(len(columns), 1), MIN_CELL)
    cell_height = 26
    header = 34
    out = []
    for r, (label, target, cells) in enumerate(rows):
        y = header + r * cell_height
        out.append(
            HeatRow(
                label=label,
                short_label=short(label, 24),
                target=target,
                cells=tuple(
                    Cell(
                        n=n,
                        level=0 if n == 0 else 1 + min(HEAT_LEVELS - 1, (HEAT_LEVELS * (n - 1)) // top),
                        target=t,
                        query=q,
                        x=_n(label_width + c * cell_width),
                        y=y,
                        cx=_n(label_width + (c + 0.5) * cell_width),
                    )
                    for c, (n, t, q) in enumerate(cells)
                ),
                y=y,
            )
        )
    return HeatMap(
        id, title, summary, tuple(columns), tuple(out), row_header, label_width, _n(cell_width), cell_height,
        header + len(rows) * cell_height, round(max(WIDTH, label_width + len(columns) * cell_width)),
    )  # fmt: skip


def target_chart(
    id: str,
    concept: m.Concept,
    horizon: int,
    unit: str,
    entries: Sequence[tuple[str, str, str, str, float | None, float | None, str, str]],
) -> TargetChart:
    """entries: (province id, province name, compared text, raw, value, value_to, page, anchor)."""
    numeric = [e for e in entries if e[4] is not None]
    top = max((e[5] if e[5] is not None else e[4] for e in numeric), default=0) or 1
    scale = (WIDTH - 130) / top
    bars, words, y = [], [], 0
    for province, name, text, raw, value, value_to, page, anchor in entries:
        if value is None:
            words.append(TargetBar(province, name, text, raw, 0, None, page, anchor, 0, 0, 0))
            continue
        start = value if value_to is not None else 0
        end = value_to if value_to is not None else value
        bars.append(
            TargetBar(
                province, name, text, raw, value, value_to, page, anchor,
                x=_n(start * scale), width=_n(max((end - start) * scale, 2)), y=y,
            )
        )  # fmt: skip
        y += LABEL_LINE + BAR + ROW_GAP
    lower = concept.better == "lower"
    summary = (
        f"Mục tiêu đến năm {horizon} của {len(bars)} tỉnh"
        + (f" ({unit})" if unit else "")
        + (", số nhỏ là tốt (thứ hạng)" if lower else "")
        + ": "
        + "; ".join(f"{b.label} {b.text}" for b in bars)
        + "."
    )
    return TargetChart(
        id=id,
        title=f"{concept.name}: mục tiêu đến năm {horizon} của các tỉnh",
        summary=summary,
        concept=concept.name,
        horizon=horizon,
        unit=unit,
        lower_is_better=lower,
        bars=tuple(bars),
        words=tuple(words),
        height=max(y - ROW_GAP, 1),
    )


@dataclass(frozen=True)
class CompareCharts:
    targets: tuple[TargetChart, ...]
    topics: HeatMap


def compare_charts(shaped: Comparison) -> CompareCharts:
    """A target chart for every indicator concept (and horizon) with numeric targets in two
    or more provinces, and the topic grid as a heat map: both from the tables' own rows."""
    targets = []
    for row in shaped.indicator_rows:
        entries = [
            (column.province, column.province_name, e.normalised or e.raw, e.raw, e.value, e.value_to, e.link.uri,
             e.link.anchor or "")
            for column, cell in zip(shaped.columns, row.cells, strict=True)
            for e in cell.entries
        ]  # fmt: skip
        if len({e[0] for e in entries if e[4] is not None}) < 2:
            continue
        targets.append(target_chart(f"bd-{row.anchor}", row.concept, row.horizon, row.concept.unit or "", entries))
    names = tuple(c.province_name for c in shaped.columns)
    heat = heat_map(
        "bd-chu-de",
        "Nhiệm vụ theo chủ đề và tỉnh",
        f"{len(shaped.topic_rows)} chủ đề ở {len(names)} tỉnh; ô đậm nhất: " + _busiest(shaped, names) + ".",
        "Chủ đề",
        names,
        [
            (row.short_name or row.name, row.uri, [(cell.n, urls.EXPLORER, cell.query) for cell in row.cells])
            for row in shaped.topic_rows
        ],
    )
    return CompareCharts(targets=tuple(targets), topics=heat)


def _busiest(shaped: Comparison, names: Sequence[str]) -> str:
    n, topic, province = max(
        ((cell.n, row.name, names[i]) for row in shaped.topic_rows for i, cell in enumerate(row.cells)),
        default=(0, "", ""),
    )
    return f"{topic} ở {province}, {number_vi(n)} nhiệm vụ" if n else "không có"


__all__ = [
    "BarChart",
    "CompareCharts",
    "HeatMap",
    "HomeCharts",
    "PlanCharts",
    "TargetChart",
    "bar_chart",
    "compare_charts",
    "heat_map",
    "home_charts",
    "kind_chart",
    "plan_charts",
    "province_timeline",
    "quarter_label",
    "target_chart",
    "topic_chart",
]
