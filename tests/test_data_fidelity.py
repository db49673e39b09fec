"""The published data is faithful to the five source texts (issue "Plan data").

Runs on the REAL data/ (through load_registry, the only YAML reader) against the copied
source texts in data/sources/ (through the importer's parse_source, and directly against
the raw lines where that is simple enough to do independently).

Expected values come from the source texts and from the row-by-row study of them
(/work/shared/notes/sources-analysis.md, cited as "notes §n"), checked against the texts
when these tests were written. Only verbatim fields are compared: section grouping of Nam
Định, Hải Dương's hand-extracted indicators, topics and `implements` are editorial.

Fidelity is two-way, and holds for every plan, the five and any imported later: every
source row is in the data exactly once, as written, and every data row comes from its
source text (it points at lines whose text contains it). The exact counts are those of
the five SOURCE texts' rows, so the routine edits of the editing guide (content/huong-dan/)
keep these tests green: a progress update with its sourced report, an editor's note, an
indicator added from a plan's narrative text (it must point at the line that states it),
a new plan imported from a new source file.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from macros.data import fidelity
from macros.data import model as m
from macros.data.agency_names import AliasIndex
from macros.data.loader import load_registry
from macros.data.registry import Registry
from macros.data.text import fold, squash_spaces
from macros.editing.importer import SourceDraft, Table, narrative_items, parse_source

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = DATA / "sources"

ND, QN, TG, HD, NB = (
    "nam-dinh-kh-29-2025",
    "quang-nam-kh-1534-2025",
    "tien-giang-kh-69-2025",
    "hai-duong-ctr-hd-2025",
    "ninh-binh-kh-2025",
)
SOURCE_FILES = {
    ND: "000_c83e7eeb60ffafc7.txt",
    QN: "001_614a698281a444bc.txt",
    TG: "002_aea82470e0b2daef.txt",
    HD: "003_000acb6dd72c4d2e.txt",
    NB: "004_9dd27b01f41dd06c.txt",
}
SOURCE_PLANS = tuple(SOURCE_FILES)
TABLE_PLANS = (ND, QN, TG)
NARRATIVE_PLANS = (HD, NB)

# Column order of the appendix tables as printed (notes §1.5, §1.6, §2.5, §2.6, §3.5, §3.6).
INDICATOR_COLUMNS = ("label", "name", "unit", "target", "monitoring")
TASK_COLUMNS = {
    ND: ("label", "title", "lead", "support", "deadline"),
    QN: ("label", "title", "lead", "support", "output", "deadline"),  # only Quảng Nam has "Kết quả"
    TG: ("label", "title", "lead", "support", "deadline"),
}


# --- fixtures: read everything once per module -------------------------------------------------


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(DATA)


@pytest.fixture(scope="module")
def drafts(registry: Registry) -> dict[str, SourceDraft]:
    return {pid: parse_source(SOURCES / plan.source.file) for pid, plan in registry.plans.items()}


@pytest.fixture(scope="module")
def lines(registry: Registry) -> dict[str, list[str]]:
    """The raw source lines of each plan (index 0 is line 1)."""
    return {
        pid: (SOURCES / plan.source.file).read_text(encoding="utf-8").splitlines()
        for pid, plan in registry.plans.items()
    }


def table(draft: SourceDraft, kind: str) -> Table:
    (found,) = [t for t in draft.tables if t.kind == kind]
    return found


def horizon_of(t: Table, group: int | None) -> int:
    """The horizon year written in an indicator group row ("Đến năm 2045")."""
    assert group is not None, "an indicator row outside any horizon group"
    (year,) = re.findall(r"\b(20\d\d)\b", t.groups[group].title)
    return int(year)


def deadline_raw(task: m.Task) -> str | None:
    if task.deadline is None or isinstance(task.deadline, str):
        return task.deadline
    return task.deadline.raw


def cell_raw(cell: m.AgencyCell | None) -> str | None:
    return cell.raw if cell else None


def indicator_fields(ind: m.Indicator) -> dict[str, str | None]:
    return {
        "label": ind.label,
        "name": ind.name,
        "unit": ind.unit,
        "target": ind.target,
        "monitoring": cell_raw(ind.monitoring),
    }


def task_fields(task: m.Task) -> dict[str, str | None]:
    return {
        "label": task.label,
        "title": task.title,
        "lead": cell_raw(task.lead),
        "support": cell_raw(task.support),
        "output": task.output,
        "deadline": deadline_raw(task),
    }


def span(record: m.Task | m.Indicator) -> tuple[int, int]:
    return record.source.line, record.source.line_end or record.source.line


def collapsed(text_lines: list[str]) -> str:
    """Lines joined with single spaces: re-joins page-break fragments ("khoa" / "" / "học")."""
    return squash_spaces(" ".join(text_lines))


def from_table(record: m.Task | m.Indicator) -> bool:
    """A row of an appendix table (the other records come from the narrative text)."""
    return record.source.kind == "appendix"


def table_indicators(plan: m.Plan) -> list[m.Indicator]:
    return [i for i in plan.indicators if from_table(i)]


def has_table(draft: SourceDraft, kind: str) -> bool:
    return any(t.kind == kind for t in draft.tables)


# --- the plans and their sources ----------------------------------------------------------------


def test_each_source_plan_is_built_from_its_source(registry, drafts):
    assert set(SOURCE_PLANS) <= set(registry.plans), "a source plan is missing"
    assert {pid: registry.plans[pid].source.file for pid in SOURCE_PLANS} == SOURCE_FILES
    assert {pid: len(drafts[pid].tables) for pid in SOURCE_PLANS} == {ND: 2, QN: 2, TG: 2, HD: 0, NB: 0}


def test_every_plan_has_a_source_text_of_its_own(registry, drafts):
    """A plan added later is imported from a new file in data/sources/ (them-ke-hoach.md)."""
    files = Counter(plan.source.file for plan in registry.plans.values())
    assert [f for f, n in files.items() if n > 1] == [], "two plans share one source text"
    assert {pid: plan.source.layout for pid, plan in registry.plans.items()} == {
        pid: drafts[pid].layout for pid in registry.plans
    }


# --- counts -------------------------------------------------------------------------------------

# notes §12 (and §1.5–§5.6): the SOURCE rows: indicator rows of the appendix per horizon,
# task rows (table rows, or narrative items where there is no table), tasks per section.
EXPECTED_COUNTS = {
    ND: ({2030: 24, 2045: 3}, 98, None),  # Nam Định's 9 sections are editorial (the table lost them)
    QN: ({2030: 37, 2045: 3}, 60, [9, 5, 16, 2, 22, 5, 1]),
    TG: ({2030: 39, 2045: 5}, 67, [12, 7, 19, 3, 18, 6, 2]),
    HD: (None, 46, [7, 4, 11, 3, 16, 3, 2]),  # indicators: editors' extraction from the goals text
    NB: ({}, 67, [11, 7, 10, 7, 17, 10, 5]),
}


@pytest.mark.parametrize("plan_id", list(EXPECTED_COUNTS))
def test_counts_per_plan(registry, drafts, plan_id):
    """The same counts in the source (as the importer reads it) and in the data."""
    plan, draft = registry.plans[plan_id], drafts[plan_id]
    horizons, tasks, section_sizes = EXPECTED_COUNTS[plan_id]
    if horizons is not None:
        in_source = Counter()
        if has_table(draft, "indicators"):
            t = table(draft, "indicators")
            in_source = Counter(horizon_of(t, r.group) for r in t.rows)
        assert dict(in_source) == horizons
        assert dict(Counter(i.horizon for i in table_indicators(plan))) == horizons
    source_tasks = table(draft, "tasks").rows if has_table(draft, "tasks") else narrative_items(draft)
    assert len(source_tasks) == tasks
    assert len(plan.tasks) == tasks
    if section_sizes is not None:
        per_section = Counter(t.section for t in plan.tasks)
        assert [per_section[s.id] for s in plan.sections] == section_sizes
        assert sum(section_sizes) == tasks


def test_totals(registry):
    """The five source texts: 338 task rows, 111 appendix indicator rows (27 + 40 + 44)."""
    assert sum(len(registry.plans[pid].tasks) for pid in SOURCE_PLANS) == 338
    assert sum(len(table_indicators(registry.plans[pid])) for pid in SOURCE_PLANS) == 27 + 40 + 44


def test_table_plans_take_every_record_from_the_appendices(registry):
    for pid in TABLE_PLANS:
        plan = registry.plans[pid]
        assert {(r.source.kind, r.source.appendix) for r in plan.tasks} == {("appendix", "pl2")}
        assert {r.source.appendix for r in table_indicators(plan)} == {"pl1"}
        # any other indicator comes from the narrative text (checked below, verbatim)
        assert {r.source.kind for r in plan.indicators} <= {"appendix", "narrative"}
        assert (plan.appendix("indicators").id, plan.appendix("tasks").id) == ("pl1", "pl2")


def test_hai_duong_is_narrative_only(registry, lines):
    plan = registry.plans[HD]
    assert plan.appendices == []
    assert "phu luc" not in fold("\n".join(lines[HD])), "the Hải Dương text never mentions an appendix"
    assert {t.source.kind for t in plan.tasks} == {"narrative"}
    assert all(t.lead is None and t.support is None and t.deadline is None and t.output is None for t in plan.tasks)
    assert plan.indicators, "Hải Dương's goals section states numeric targets"
    assert {i.source.kind for i in plan.indicators} == {"narrative"}


def test_ninh_binh_appendices_are_recorded_as_missing(registry, drafts, lines):
    plan = registry.plans[NB]
    assert table_indicators(plan) == [], "no indicator row can come from an appendix that is missing"
    assert {t.source.kind for t in plan.tasks} == {"narrative"}
    assert all(t.lead is None and t.support is None and t.deadline is None for t in plan.tasks)
    assert drafts[NB].tables == ()
    assert sorted((a.kind, a.label, a.published) for a in plan.appendices) == [
        ("indicators", "Phụ lục I", False),
        ("tasks", "Phụ lục II", False),
    ]
    for appendix in plan.appendices:  # the reference is in the text (line 187), the tables are not
        assert appendix.label in lines[NB][appendix.line - 1]
        assert appendix.title in lines[NB][appendix.line - 1]


# --- appendix rows: data == importer == raw text ------------------------------------------------


def _importer_indicators(draft: SourceDraft) -> Counter:
    t = table(draft, "indicators")
    return Counter((horizon_of(t, r.group), r.label) for r in t.rows)


@pytest.mark.parametrize("plan_id", TABLE_PLANS)
def test_indicator_rows_match_the_importer_one_to_one(registry, drafts, plan_id):
    plan, t = registry.plans[plan_id], table(drafts[plan_id], "indicators")
    importer_keys = _importer_indicators(drafts[plan_id])
    data_keys = Counter((i.horizon, i.label) for i in table_indicators(plan))
    assert [k for k, n in importer_keys.items() if n > 1] == [], "importer keys must be unique"
    assert [k for k, n in data_keys.items() if n > 1] == [], "an indicator row is duplicated in data"
    assert set(data_keys) - set(importer_keys) == set(), "data has indicators the source does not"
    assert set(importer_keys) - set(data_keys) == set(), "indicator rows lost"
    assert len({i.id for i in plan.indicators}) == len(plan.indicators)

    by_key = {(i.horizon, i.label): i for i in plan.indicators}
    problems = []
    for row in t.rows:
        ind = by_key[(horizon_of(t, row.group), row.label)]
        expected = {k: row.values.get(k) for k in INDICATOR_COLUMNS if k != "label"} | {"label": row.label}
        for field, value in expected.items():
            if indicator_fields(ind)[field] != value:
                problems.append((ind.id, field, indicator_fields(ind)[field], value))
        if span(ind) != (row.line, row.line_end):
            problems.append((ind.id, "source.line", span(ind), (row.line, row.line_end)))
        group_label = t.groups[row.group].label
        if ind.source.group != group_label:
            problems.append((ind.id, "source.group", ind.source.group, group_label))
    assert problems == []


def test_nam_dinh_indicator_keys_need_the_horizon(registry, drafts):
    """The 2045 rows restart at 1 (notes §1.5): a key by label alone would merge rows."""
    t = table(drafts[ND], "indicators")
    assert [r.label for r in t.rows if horizon_of(t, r.group) == 2045] == ["1", "2", "3"]
    rows = table_indicators(registry.plans[ND])
    by_label = Counter(i.label for i in rows)
    assert {label for label, n in by_label.items() if n > 1} == {"1", "2", "3"}
    by_key = {(i.horizon, i.label): i for i in rows}
    assert all(by_key[(2030, n)].id != by_key[(2045, n)].id for n in ("1", "2", "3"))
    # notes §1.5: row 1 of each horizon is a different indicator
    assert by_key[(2030, "1")].name == "Tiềm lực, trình độ khoa học, công nghệ và đổi mới sáng tạo"
    assert (by_key[(2045, "1")].name, by_key[(2045, "1")].target) == ("Quy mô kinh tế số", "≥ 50")


@pytest.mark.parametrize("plan_id", TABLE_PLANS)
def test_task_rows_match_the_importer_one_to_one(registry, drafts, plan_id):
    plan, t = registry.plans[plan_id], table(drafts[plan_id], "tasks")
    importer_keys = Counter(r.label for r in t.rows)
    data_keys = Counter(task.label for task in plan.tasks)
    assert [k for k, n in importer_keys.items() if n > 1] == []
    assert [k for k, n in data_keys.items() if n > 1] == [], "a task row is duplicated in data"
    assert set(data_keys) - set(importer_keys) == set(), "data has tasks the source does not"
    assert set(importer_keys) - set(data_keys) == set(), "task rows lost"
    assert len({task.id for task in plan.tasks}) == len(plan.tasks)

    by_label = {task.label: task for task in plan.tasks}
    problems = []
    for row in t.rows:
        task = by_label[row.label]
        expected = {k: row.values.get(k) for k in ("title", "lead", "support", "output", "deadline")}
        expected["label"] = row.label
        for field, value in expected.items():
            if task_fields(task)[field] != value:
                problems.append((task.id, field, task_fields(task)[field], value))
        if span(task) != (row.line, row.line_end):
            problems.append((task.id, "source.line", span(task), (row.line, row.line_end)))
        group_label = t.groups[row.group].label if row.group is not None else None
        if task.source.group != group_label:
            problems.append((task.id, "source.group", task.source.group, group_label))
    assert problems == []


def _cells(source_lines: list[str], first: int, last: int) -> list[str]:
    """Non-empty cells of a row span, read straight from the text: one cell per line; in the
    pipe layout a cell ends in " |", an empty cell is a lone "|", and runs of pipes are
    row/group separators."""
    cells = []
    for line in source_lines[first - 1 : last]:
        text = line.strip()
        if not text or set(text) == {"|"}:
            continue
        cells.append(text.removesuffix(" |").rstrip())
    return cells


@pytest.mark.parametrize("plan_id", TABLE_PLANS)
def test_every_row_span_holds_exactly_its_record_in_column_order(registry, lines, plan_id):
    """Independent of the importer: the lines a record points to are its cells, in column
    order, each one verbatim, nothing left over (so nothing lost, nothing appended)."""
    plan, source = registry.plans[plan_id], lines[plan_id]
    problems = []
    records = [(i, indicator_fields(i), INDICATOR_COLUMNS) for i in table_indicators(plan)]
    records += [(t, task_fields(t), TASK_COLUMNS[plan_id]) for t in plan.tasks]
    for record, fields, columns in records:
        written = [fields[c] for c in columns if fields[c] is not None]
        if _cells(source, *span(record)) != written:
            problems.append((record.id, _cells(source, *span(record)), written))
    assert problems == []
    for kind, items in (("indicators", table_indicators(plan)), ("tasks", plan.tasks)):
        spans = sorted(span(r) for r in items)
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False)), f"{kind} row spans overlap"
        assert spans[0][0] > plan.appendix(kind).line, f"{kind} rows start before their appendix"


@pytest.mark.parametrize("plan_id", TABLE_PLANS)
def test_appendix_records_match_the_tables(registry, drafts, plan_id):
    plan = registry.plans[plan_id]
    for t in drafts[plan_id].tables:
        appendix = plan.appendix(t.kind)
        assert (appendix.label, appendix.title, appendix.caption, appendix.line, appendix.published) == (
            t.label,
            t.title,
            t.caption,
            t.line,
            True,
        )
    # Nam Định lost the "PHỤ LỤC" labels (notes §1.2): none invented
    if plan_id == ND:
        assert [a.label for a in plan.appendices] == [None, None]


@pytest.mark.parametrize("plan_id", (QN, TG))
def test_sections_are_the_table_groups_as_written(registry, drafts, plan_id):
    plan, t = registry.plans[plan_id], table(drafts[plan_id], "tasks")
    assert [(s.label, s.title, s.line) for s in plan.sections] == [(g.label, g.title, g.line) for g in t.groups]
    for section in plan.sections:
        assert {task.source.group for task in plan.tasks if task.section == section.id} == {section.label}


def test_nam_dinh_titled_sections_keep_the_group_rows(registry, drafts):
    """The editors' 9 sections are inferred; those anchored to a group row must match it."""
    plan, t = registry.plans[ND], table(drafts[ND], "tasks")
    groups = {g.line: (i, g) for i, g in enumerate(t.groups)}
    anchored = [s for s in plan.sections if s.line is not None]
    assert [s.line for s in anchored] == [645, 697, 721]
    for section in anchored:
        index, group = groups[section.line]
        assert section.title == (group.title or None)
        assert section.title is not None or section.inferred_title, "an untitled section needs an inferred title"
        in_group = {r.label for r in t.rows if r.group == index}
        in_section = {task.label for task in plan.tasks if task.section == section.id}
        assert in_section <= in_group
    assert all(s.title is None for s in plan.sections if s.line is None), "inferred sections invent no title"


# --- narrative tasks and indicators -------------------------------------------------------------


@pytest.mark.parametrize("plan_id", NARRATIVE_PLANS)
def test_narrative_tasks_are_the_narrative_items(registry, drafts, lines, plan_id):
    plan = registry.plans[plan_id]
    items = narrative_items(drafts[plan_id])
    item_lines = Counter(item.line for item in items)
    assert max(item_lines.values()) == 1
    assert Counter(t.source.line for t in plan.tasks) == item_lines, "one task per narrative item"
    by_line = {item.line: item for item in items}
    sections = {s.id: s for s in plan.sections}
    problems = []
    for task in plan.tasks:
        item = by_line[task.source.line]
        if task.title != item.text:
            problems.append((task.id, "title", task.title, item.text))
        if span(task) != (item.line, item.line_end):
            problems.append((task.id, "line_end", span(task), (item.line, item.line_end)))
        own_label = None if item.label in ("-", "+", "*") else item.label
        if task.label != own_label:
            problems.append((task.id, "label", task.label, own_label))
        section = sections[task.section]
        if (section.label, section.title) != (item.section_label, item.section_title):
            problems.append((task.id, "section", section.label, item.section_label))
        # and against the raw text: the item's lines, joined, with Markdown emphasis dropped
        raw = collapsed(lines[plan_id][task.source.line - 1 : span(task)[1]])
        raw = re.sub(r"\*+", "", raw).replace("\\_", "_")
        if squash_spaces(task.title) not in raw:
            problems.append((task.id, "not in source lines", task.title, raw))
    assert problems == []


def test_hai_duong_indicators_are_verbatim_from_the_goals(registry, lines):
    plan, source = registry.plans[HD], lines[HD]
    headings = [
        (n, int(y))
        for n, text in enumerate(source, start=1)
        for y in re.findall(r"^\d\.\d\.\s*Đến năm (20\d\d)$", text.strip())
    ]
    assert [y for _, y in headings] == [2030, 2045]
    tasks_part = next(n for n, text in enumerate(source, start=1) if text.startswith("III- NHIỆM VỤ"))
    whole = collapsed(source)
    problems = []
    for ind in plan.indicators:
        first, last = span(ind)
        text = collapsed(source[first - 1 : last])
        if squash_spaces(ind.name) not in text or squash_spaces(ind.name) not in whole:
            problems.append((ind.id, "name not verbatim", ind.name))
        if not ind.target or ind.target not in ind.name or ind.target not in text:
            problems.append((ind.id, "target not verbatim inside the name", ind.target))
        governing = [y for n, y in headings if n < first]
        if not governing or governing[-1] != ind.horizon or first > tasks_part:
            problems.append((ind.id, "horizon", ind.horizon, governing))
    assert problems == []


# --- every plan, the five and any imported later: two-way fidelity -----------------------------


def test_every_data_row_comes_from_its_source_text(registry, lines):
    """Each task and indicator points at lines of its plan's source text, and every field
    it copies (title or name, agencies, deadline, target…) is written there: the rule the
    validator applies (macros.data.fidelity), here with nothing exempt on the five plans."""
    problems = []
    for pid, plan in registry.plans.items():
        source = lines[pid]
        for record in [*plan.tasks, *plan.indicators]:
            first, last = span(record)
            if not 1 <= first <= last <= len(source):
                problems.append((pid, record.id, "lines outside the source text", (first, last)))
                continue
            if pid in SOURCE_PLANS and not record.source.verbatim:
                problems.append((pid, record.id, "marked as not from the source"))
            problems += [(pid, record.id, f.path, f.value) for f in fidelity.mismatches(record, source)]
    assert problems == []


def test_every_source_row_is_in_the_data(registry, drafts):
    """Each row of an appendix table, and each narrative task item of a plan without a task
    table, is in the data exactly once (at its line)."""
    problems = []
    for pid, plan in registry.plans.items():
        draft = drafts[pid]
        if has_table(draft, "tasks"):
            rows = Counter((r.line, r.label) for r in table(draft, "tasks").rows)
            data = Counter((t.source.line, t.label) for t in plan.tasks if from_table(t))
        else:
            rows = Counter(item.line for item in narrative_items(draft))
            data = Counter(t.source.line for t in plan.tasks)
        if rows != data:
            problems.append((pid, "tasks", sorted((rows - data).elements()), sorted((data - rows).elements())))
        if has_table(draft, "indicators"):
            rows = Counter((r.line, r.label) for r in table(draft, "indicators").rows)
            data = Counter((i.source.line, i.label) for i in table_indicators(plan))
            if rows != data:
                problems.append((pid, "indicators", sorted((rows - data).elements()), sorted((data - rows).elements())))
        elif table_indicators(plan):
            problems.append((pid, "indicators from an appendix the source does not have"))
    assert problems == []


def test_indicators_from_the_narrative_are_verbatim(registry, lines):
    """An indicator added from the text (them-chi-tieu.md) quotes the line that states it:
    its name is in those lines, its target (when given) inside its name."""
    problems = []
    for pid, plan in registry.plans.items():
        for ind in plan.indicators:
            if from_table(ind):
                continue
            text = fidelity.as_read(lines[pid][span(ind)[0] - 1 : span(ind)[1]])
            if ind.source.appendix is not None:
                problems.append((pid, ind.id, "a narrative indicator names an appendix", ind.source.appendix))
            if squash_spaces(ind.name) not in text:
                problems.append((pid, ind.id, "name not in its lines", ind.name))
            if ind.target is not None and ind.target not in ind.name:
                problems.append((pid, ind.id, "target not inside the name", ind.target))
            if str(ind.horizon) not in "\n".join(lines[pid][: span(ind)[1]]):
                problems.append((pid, ind.id, "horizon year never written before", ind.horizon))
    assert problems == []


# --- the traps ----------------------------------------------------------------------------------


def test_nam_dinh_repeated_block_counts_once(registry, drafts, lines):
    source, plan = lines[ND], registry.plans[ND]
    assert source[35:62] == source[8:35], "lines 36–62 repeat lines 9–35 verbatim"
    (note,) = [n for n in plan.source.notes if (n.line, n.line_end) == (36, 62)]
    assert "9–35" in note.text
    inside = lambda line: 36 <= line <= 62  # noqa: E731
    assert [t.id for t in plan.tasks if inside(t.source.line)] == []
    assert [i.id for i in plan.indicators if inside(i.source.line)] == []
    items = narrative_items(drafts[ND])
    assert [i.line for i in items if inside(i.line)] == []
    assert len(items) == 63  # notes §1.3: 63 task bullets, the first 7 taken from lines 29–35


def test_quang_nam_repeated_bullet_counts_once(registry, drafts, lines):
    source, plan = lines[QN], registry.plans[QN]
    assert source[62] == source[61] and source[62].startswith("- Rà soát, xây dựng chính sách thu hút")
    assert (63, None) in [(n.line, n.line_end) for n in plan.source.notes]
    lines_of_items = [i.line for i in narrative_items(drafts[QN])]
    assert 62 in lines_of_items and 63 not in lines_of_items


def test_quang_nam_footnote_is_not_part_of_task_60(registry, lines):
    task = next(t for t in registry.plans[QN].tasks if t.label == "60.")
    assert task.deadline == "2025"
    assert span(task) == (701, 706)
    assert lines[QN][706].startswith("[1] Nghị quyết số 107/NQ-CP")
    assert [text for text in lines[QN][707:] if text.strip()] == [], "the footnote is the last text"
    for field, value in task_fields(task).items():
        assert value is None or ("[1]" not in value and "107/NQ-CP" not in value), field


def test_tien_giang_rows_with_a_missing_cell(registry):
    tasks = {t.label: t for t in registry.plans[TG].tasks}
    assert {label for label, t in tasks.items() if t.note} >= {"49", "59"}  # editors may note others
    assert tasks["49"].lead.raw == (
        "Ngân hàng nhà nước chi nhánh tỉnh; Sở Công Thương, Sở Khoa học và Công nghệ, cơ quan thuế"
    )
    assert tasks["59"].lead.raw == "Các sở, ban, ngành; Ủy ban nhân dân các huyện, thị xã, thành phố"
    for label in ("49", "59"):
        assert tasks[label].support is None
        assert "suy luận" in tasks[label].note  # says the column assignment is a guess


def test_verbatim_oddities_survive(registry):
    tg = {t.label: t for t in registry.plans[TG].tasks}
    assert tg["42"].lead.raw == (
        "Các sở, ban, ngành, địa phương tiếp tục triển khai thực hiện các nhiệm vụ "
        "được phân công tại Kế hoạch số 370/KH-UBND"
    )
    assert tg["42"].support.raw == "-"
    nd = {t.label: t for t in registry.plans[ND].tasks}
    assert nd["91"].support.raw == "Sở Khoa học và Công ngh, các sở, ngành, địa phương."
    assert nd["37"].title.count("khu khu công nghiệp") == 1  # a typo kept as written (notes §1.2)
    assert nd["11"].support is None and nd["70"].support is None  # empty cells, not invented


def test_document_identity_is_not_invented(registry, lines):
    plans = registry.plans
    nb = plans[NB]
    assert (nb.number, nb.issued_on) == (None, None)
    assert nb.issued_raw == "Ninh Bình, ngày tháng 3 năm 2025" and nb.issued_raw in lines[NB]
    assert "Số: /KH-UBND" in lines[NB] and "Số: /KH-UBND" in nb.number_note
    hd = plans[HD]
    assert (hd.number, hd.issued_on, hd.issued_raw) == (None, None, None)
    assert hd.number_note and hd.issued_note

    tg = plans[TG]
    assert (tg.number, tg.issued_on, tg.issued_raw) == ("69/KH-UBND", date(2025, 2, 25), None)
    assert tg.number_note and "phụ lục" in tg.number_note.lower()
    mentions = [text for text in lines[TG] if "69/KH-UBND" in text]
    assert len(mentions) == 2 and all(
        t.startswith("(Ban hành kèm theo Kế hoạch số 69/KH-UBND ngày 25/02/2025") for t in mentions
    ), "the number is only in the appendix captions"
    assert not any(text.startswith("Số:") for text in lines[TG])

    assert (plans[ND].number, plans[ND].issued_on) == ("29/KH-UBND", date(2025, 2, 21))
    assert (plans[QN].number, plans[QN].issued_on) == ("1534/KH-UBND", date(2025, 2, 27))
    assert "Số: 29/KH-UBND |" in lines[ND] and " Số: 1534/KH-UBND" in lines[QN]


def test_signer_names_are_as_written(registry, lines):
    """The notes "correct" Ninh Bình's signer to "Tống"; the source writes "Tổng" (line 223)."""
    assert registry.plans[NB].signer.name == "Tổng Quang Thìn"
    for pid in SOURCE_PLANS:
        assert registry.plans[pid].signer and registry.plans[pid].signer.name, pid
    for pid, plan in registry.plans.items():
        if plan.signer and plan.signer.name:
            assert plan.signer.name in "\n".join(lines[pid]), pid


# --- deadlines ----------------------------------------------------------------------------------


def dl(kind, due=None, *, year=None, quarter=None, month=None, year_to=None, trigger=None, condition=None):
    return {
        "kind": kind,
        "year": year,
        "quarter": quarter,
        "month": month,
        "year_to": year_to,
        "trigger": trigger,
        "condition": condition,
        "due": due,
    }


def Q(q: int, y: int, due: date):  # noqa: N802
    return dl("quarter", due, year=y, quarter=q)


def M(mo: int, y: int, due: date):  # noqa: N802
    return dl("month", due, year=y, month=mo)


def Y(y: int):  # noqa: N802
    return dl("year", date(y, 12, 31), year=y)


ONGOING, ANNUAL = dl("ongoing"), dl("annual")
TTCP, BNV, BKHCN = "prime-minister-decision", "ministry-guidance", "ministry-guidance"

# notes §6 with §1.7, §2.7, §3.7: raw string -> parsed form (due = last day of the period).
EXPECTED_DEADLINES = {
    "Thường xuyên": ONGOING,
    "Quý I/2025": Q(1, 2025, date(2025, 3, 31)),
    "Quý II/2025": Q(2, 2025, date(2025, 6, 30)),
    "Quý III/2025": Q(3, 2025, date(2025, 9, 30)),
    "Quý IV/2025": Q(4, 2025, date(2025, 12, 31)),
    "Quý I/2026": Q(1, 2026, date(2026, 3, 31)),
    "2025": Y(2025),
    "2026": Y(2026),
    "2028": Y(2028),
    "Năm 2025": Y(2025),
    "Năm 2026": Y(2026),
    "Năm 2027": Y(2027),
    "Năm 2030": Y(2030),
    "2025 và theo tiến độ Bộ Y tế quy định": dl(
        "year", date(2025, 12, 31), year=2025, condition="theo tiến độ Bộ Y tế quy định"
    ),
    "2025 và những năm tiếp theo": dl("year_onward", date(2025, 12, 31), year=2025),
    "Năm 2025 và những năm tiếp theo": dl("year_onward", date(2025, 12, 31), year=2025),
    "Năm 2025 và các năm tiếp theo": dl("year_onward", date(2025, 12, 31), year=2025),
    "2025-2030": dl("year_range", date(2030, 12, 31), year=2025, year_to=2030),
    "2025 - 2030": dl("year_range", date(2030, 12, 31), year=2025, year_to=2030),
    "2026 - 2030": dl("year_range", date(2030, 12, 31), year=2026, year_to=2030),
    "02/2025": M(2, 2025, date(2025, 2, 28)),
    "3/2025": M(3, 2025, date(2025, 3, 31)),
    "4/2025": M(4, 2025, date(2025, 4, 30)),
    "5/2025": M(5, 2025, date(2025, 5, 31)),
    "6/2025": M(6, 2025, date(2025, 6, 30)),
    "7/2025": M(7, 2025, date(2025, 7, 31)),
    "8/2025": M(8, 2025, date(2025, 8, 31)),
    "9/2025": M(9, 2025, date(2025, 9, 30)),
    "Hàng năm": ANNUAL,
    "Hằng năm": ANNUAL,
    "Định kỳ hàng năm": ANNUAL,
    "Định kỳ hằng năm": ANNUAL,
    "Sau khi Nghị định của Chính phủ được ban hành": dl("conditional", trigger="government-decree"),
    "Sau khi Nghị quyết của Chính phủ được ban hành": dl("conditional", trigger="government-resolution"),
    "Ngay sau khi Trung ương ban hành": dl("conditional", trigger="central-guidance"),
    "Trình Ủy ban nhân dân tỉnh phê duyệt sau khi có Quyết định của Thủ tướng Chính phủ": dl(
        "conditional", trigger=TTCP
    ),
    "Trình Ủy ban nhân dân tỉnh ban hành sau khi có Quyết định của Thủ tướng Chính phủ": dl(
        "conditional", trigger=TTCP
    ),
    "Trình Ủy ban nhân dân tỉnh ban hành sau khi Thủ tướng Chính phủ ban hành Quyết định": dl(
        "conditional", trigger=TTCP
    ),
    "Trình UBND tỉnh phê duyệt kế hoạch sau khi có Quyết định của Thủ tướng Chính phủ": dl("conditional", trigger=TTCP),
    "Trình Ủy ban nhân dân tỉnh ban hành sau khi Thủ tướng Chính phủ ban hành các Đề án cấp quốc gia": dl(
        "conditional", trigger=TTCP
    ),
    "Trình Ủy ban nhân dân tỉnh ban hành sau khi có văn bản hướng dẫn của Bộ Nội vụ": dl("conditional", trigger=BNV),
    "Trình Ủy ban nhân dân tỉnh ban hành sau khi Bộ Nội vụ ban hành Đề án": dl("conditional", trigger=BNV),
    "Trình Ủy ban nhân dân tỉnh ban hành sau khi có văn bản hướng dẫn của Bộ Khoa học và Công nghệ": dl(
        "conditional", trigger=BKHCN
    ),
    "Sau khi có hướng dẫn của Bộ Khoa học và Công nghệ": dl("conditional", trigger=BKHCN),
    "Trình Hội đồng nhân dân tỉnh, Ủy ban nhân dân tỉnh ban hành sau khi có văn bản hướng dẫn của Trung ương": dl(
        "conditional", trigger="central-guidance"
    ),
    "Trình Ủy ban nhân dân tỉnh ban hành sau khi có Nghị định quy định của Chính phủ": dl(
        "conditional", trigger="government-decree"
    ),
    "Theo tiến độ đề án được phê duyệt": dl("conditional", trigger="project-schedule"),
}

# notes §1.7, §2.7, §3.7: how many rows carry each string.
EXPECTED_DEADLINE_ROWS = {
    ND: {
        "Thường xuyên": 40,
        "Quý II/2025": 16,
        "Quý III/2025": 14,
        "Quý IV/2025": 10,
        "2025": 5,
        "Quý I/2025": 2,
        "Hàng năm": 2,
        "2025 và những năm tiếp theo": 2,
        "Định kỳ hàng năm": 1,
        "Định kỳ hằng năm": 1,
        "Sau khi Nghị định của Chính phủ được ban hành": 1,
        "Sau khi Nghị quyết của Chính phủ được ban hành": 1,
        "2026": 1,
        "Quý I/2026": 1,
        "2025-2030": 1,
    },
    QN: {
        "4/2025": 16,
        "3/2025": 11,
        "6/2025": 9,
        "2025": 7,
        "9/2025": 4,
        "02/2025": 2,
        "Ngay sau khi Trung ương ban hành": 2,
        "Thường xuyên": 2,
        "5/2025": 2,
        "Hằng năm": 1,
        "2025 - 2030": 1,
        "8/2025": 1,
        "7/2025": 1,
        "2028": 1,
    },
    TG: {
        "Năm 2025": 16,
        "Thường xuyên": 14,
        "Năm 2026": 7,
        "Năm 2030": 4,
        "Trình Ủy ban nhân dân tỉnh phê duyệt sau khi có Quyết định của Thủ tướng Chính phủ": 3,
        "Hàng năm": 3,
        "Trình Ủy ban nhân dân tỉnh ban hành sau khi có văn bản hướng dẫn của Bộ Nội vụ": 2,
        "Trình Ủy ban nhân dân tỉnh ban hành sau khi có Quyết định của Thủ tướng Chính phủ": 2,
        "Năm 2025 và những năm tiếp theo": 2,
        "Trình Ủy ban nhân dân tỉnh ban hành sau khi Thủ tướng Chính phủ ban hành Quyết định": 1,
        "Trình Ủy ban nhân dân tỉnh ban hành sau khi Bộ Nội vụ ban hành Đề án": 1,
        "Trình Ủy ban nhân dân tỉnh ban hành sau khi có văn bản hướng dẫn của Bộ Khoa học và Công nghệ": 1,
        "Sau khi có hướng dẫn của Bộ Khoa học và Công nghệ": 1,
        "Trình Hội đồng nhân dân tỉnh, Ủy ban nhân dân tỉnh ban hành sau khi có văn bản hướng dẫn của Trung ương": 1,
        "Trình Ủy ban nhân dân tỉnh ban hành sau khi có Nghị định quy định của Chính phủ": 1,
        "Theo tiến độ đề án được phê duyệt": 1,
        "Năm 2027": 1,
        "Năm 2025 và các năm tiếp theo": 1,
        "Trình UBND tỉnh phê duyệt kế hoạch sau khi có Quyết định của Thủ tướng Chính phủ": 1,
        "Trình Ủy ban nhân dân tỉnh ban hành sau khi Thủ tướng Chính phủ ban hành các Đề án cấp quốc gia": 1,
        "2026 - 2030": 1,
        "2025": 1,
        "2025 và theo tiến độ Bộ Y tế quy định": 1,
    },
}


def test_expected_deadline_tables_agree_with_the_notes_totals():
    """Guards the expectations themselves: 15 + 14 + 23 strings, 47 distinct, 225 rows (notes §6)."""
    assert [len(EXPECTED_DEADLINE_ROWS[p]) for p in TABLE_PLANS] == [15, 14, 23]
    assert [sum(EXPECTED_DEADLINE_ROWS[p].values()) for p in TABLE_PLANS] == [98, 60, 67]
    distinct = set().union(*EXPECTED_DEADLINE_ROWS.values())
    assert len(distinct) == 47 and distinct == set(EXPECTED_DEADLINES)
    kinds = Counter()
    for rows in EXPECTED_DEADLINE_ROWS.values():
        for raw, n in rows.items():
            kinds[EXPECTED_DEADLINES[raw]["kind"]] += n
    assert kinds == {
        "quarter": 43,
        "month": 46,
        "year": 44,
        "year_onward": 5,
        "year_range": 3,
        "ongoing": 56,
        "annual": 8,
        "conditional": 20,
    }


@pytest.mark.parametrize("plan_id", TABLE_PLANS)
def test_deadline_strings_per_plan(registry, plan_id):
    tasks = registry.plans[plan_id].tasks
    assert all(isinstance(t.deadline, str) for t in tasks), "every table deadline is kept as its raw string"
    assert dict(Counter(t.deadline for t in tasks)) == EXPECTED_DEADLINE_ROWS[plan_id]


def test_every_deadline_parses_to_its_kind(registry):
    raws = Counter(deadline_raw(t) for pid in TABLE_PLANS for t in registry.plans[pid].tasks)
    assert (len(raws), sum(raws.values())) == (47, 225)
    problems = []
    for pid in TABLE_PLANS:
        for task in registry.plans[pid].tasks:
            d = task.parsed_deadline
            got = {
                "kind": d.kind.value,
                "year": d.year,
                "quarter": d.quarter,
                "month": d.month,
                "year_to": d.year_to,
                "trigger": d.trigger,
                "condition": d.condition,
                "due": d.due,
            }
            if got != EXPECTED_DEADLINES[d.raw]:
                problems.append((pid, task.id, d.raw, got))
    assert problems == []


# --- agencies -----------------------------------------------------------------------------------

# notes §8 "Canonical sets" (lead ∪ coordinating), in the registry's ids.
# Deliberate differences: the notes count "Thành phố Tam Kỳ, Hội An và thị xã Điện Bàn" as one
# entity (25); the registry splits it into three district governments, and task 60's
# "doanh nghiệp liên quan" is businesses, not "các cơ quan liên quan", so Quảng Nam has 28.
EXPECTED_LEAD_OR_SUPPORT = {
    ND: {
        "ban-tgdv",
        "bao",
        "bhxh",
        "bql-kcn",
        "cac-so-nganh",
        "cong-an",
        "cong-ttdt",
        "dai-ptth",
        "dn-vien-thong",
        "hiep-hoi-dn",
        "nhnn",
        "so-chu-quan-csdl",
        "so-cong-thuong",
        "so-gddt",
        "so-khcn",
        "so-nnmt",
        "so-noi-vu",
        "so-tai-chinh",
        "so-tu-phap",
        "so-vhttdl",
        "so-xay-dung",
        "so-y-te",
        "thue",
        "ubnd-huyen",
        "ubnd-xa",
    },
    QN: {
        "ban-tgdv",
        "bao",
        "benh-vien",
        "bql-kcn",
        "cac-so-nganh",
        "co-quan-dai-dien",
        "co-quan-lien-quan",
        "cong-an",
        "cong-ttdt",
        "dai-ptth",
        "dn-lien-quan",  # task 60's "doanh nghiệp liên quan": businesses, not an agency group
        "dn-vien-thong",
        "he-thong-chinh-tri",
        "so-cong-thuong",
        "so-gddt",
        "so-khcn",
        "so-nnmt",
        "so-noi-vu",
        "so-tai-chinh",
        "so-tu-phap",
        "so-vhttdl",
        "so-xay-dung",
        "so-y-te",
        "ubnd-tp-tam-ky",
        "ubnd-tp-hoi-an",
        "ubnd-tx-dien-ban",
        "ubnd-huyen",
        "vp-ubnd",
    },
    TG: {
        "ban-tgdv",
        "bao-dai-cac-cap",
        "bchqs",
        "bhxh",
        "cac-so-nganh",
        "co-quan-lien-quan",
        "cong-an",
        "nhnn",
        "so-chu-quan-csdl",
        "so-co-to-chuc-khcn",
        "so-cong-thuong",
        "so-gddt",
        "so-khcn",
        "so-khdt",
        "so-nnptnt",
        "so-noi-vu",
        "so-tai-chinh",
        "so-tnmt",
        "so-tttt",
        "so-vhttdl",
        "so-y-te",
        "thue",
        "ubnd-do-thi-du-dk",
        "ubnd-go-cong-dong",
        "ubnd-huyen",
        "ubnd-tp-my-tho",
        "vp-ubnd",
    },
}
# notes §8 table: canonical agencies as lead (Quảng Nam 19 + 2 for the same split) and the kinds
# only monitoring cells add (… ∪ monitoring: 26, 27 + 2, 29).
EXPECTED_LEAD_COUNT = {ND: 14, QN: 21, TG: 21}
EXPECTED_MONITORING_ONLY = {ND: {"thong-ke"}, QN: {"nhnn", "thong-ke"}, TG: {"bo-nganh", "thong-ke"}}
# The one cell that is a sentence, not a list of agencies (notes §8), as folded words.
TG_42_SENTENCE = "tiep tuc trien khai thuc hien cac nhiem vu duoc phan cong tai ke hoach so 370 kh ubnd"


def _cells_of(plan: m.Plan, *, rows_only: bool = False):
    """Every agency cell; with rows_only, only those of the appendix rows."""
    for task in plan.tasks:
        for role in ("lead", "support"):
            if (cell := getattr(task, role)) is not None and (from_table(task) or not rows_only):
                yield task, role, cell
    for ind in plan.indicators:
        if ind.monitoring is not None and (from_table(ind) or not rows_only):
            yield ind, "monitoring", ind.monitoring


def test_every_agency_cell_resolves_to_the_stored_kinds(registry):
    index = AliasIndex(registry.agency_kinds.values(), registry.compound_aliases)
    mismatched, leftovers = [], {}
    for pid in TABLE_PLANS:
        for record, role, cell in _cells_of(registry.plans[pid]):
            resolution = index.resolve(cell.raw)
            if list(resolution.kinds) != cell.agencies:
                mismatched.append((pid, record.id, role, cell.raw, resolution.kinds, cell.agencies))
            if resolution.leftover and from_table(record):
                leftovers[(pid, record.id, role)] = resolution.leftover
    assert mismatched == []
    assert leftovers == {(TG, "nv-42", "lead"): (TG_42_SENTENCE,)}
    # collective words still name their agencies; only "-" names none
    empty = [
        (pid, r.id, role, c.raw)
        for pid in TABLE_PLANS
        for r, role, c in _cells_of(registry.plans[pid], rows_only=True)
        if not c.agencies
    ]
    assert empty == [(TG, "nv-42", "support", "-")]


@pytest.mark.parametrize("plan_id", TABLE_PLANS)
def test_canonical_agency_sets(registry, plan_id):
    plan = registry.plans[plan_id]
    lead = {k for t in plan.tasks if t.lead for k in t.lead.agencies}
    support = {k for t in plan.tasks if t.support for k in t.support.agencies}
    monitoring = {k for i in table_indicators(plan) if i.monitoring for k in i.monitoring.agencies}
    found, expected = lead | support, EXPECTED_LEAD_OR_SUPPORT[plan_id]
    assert found == expected, (
        f"in data, not expected: {sorted(found - expected)}; expected, not in data: {sorted(expected - found)}"
    )
    assert len(lead) == EXPECTED_LEAD_COUNT[plan_id]
    assert monitoring - found == EXPECTED_MONITORING_ONLY[plan_id]


# --- successors (data/sources/README.md) --------------------------------------------------------

PROVINCE_NOW = {
    "nam-dinh": "ninh-binh",
    "quang-nam": "da-nang",
    "tien-giang": "dong-thap",
    "hai-duong": "hai-phong",
    "ninh-binh": "ninh-binh",
}
DISTRICT_LEVEL = {
    "ubnd-huyen",
    "ubnd-tp-tam-ky",
    "ubnd-tp-hoi-an",
    "ubnd-tx-dien-ban",
    "ubnd-tp-my-tho",
    "ubnd-go-cong-dong",
    "ubnd-do-thi-du-dk",
}
MERGED_DEPARTMENTS = {"so-tttt": "so-khcn", "so-khdt": "so-tai-chinh", "so-tnmt": "so-nnmt", "so-nnptnt": "so-nnmt"}


def test_provinces_merged_on_1_july_2025(registry):
    plan_provinces = {registry.plans[pid].province for pid in SOURCE_PLANS}
    assert plan_provinces == set(PROVINCE_NOW)
    assert {pid: registry.current_province(pid).id for pid in PROVINCE_NOW} == PROVINCE_NOW
    for old, new in PROVINCE_NOW.items():
        if old != new:
            assert registry.provinces[old].merged_on == date(2025, 7, 1)


def test_agencies_pass_to_the_merged_province_and_department(registry):
    problems = []
    merged = [
        a for a in registry.agencies.values() if a.province.merged_into is not None and a.province.id in PROVINCE_NOW
    ]  # the five plans' provinces
    assert {a.province.id for a in merged} == {"nam-dinh", "quang-nam", "tien-giang"}  # Hải Dương names none
    for agency in merged:
        successor = registry.successor(agency)
        if agency.kind.id in DISTRICT_LEVEL:
            if successor is not None or agency.kind.ended_on != date(2025, 7, 1):
                problems.append((agency.id, "district level ends 1/7/2025 without successor", successor))
            continue
        kind = MERGED_DEPARTMENTS.get(agency.kind.id, agency.kind.id)
        expected = f"{PROVINCE_NOW[agency.province.id]}/{kind}"
        if successor is None or successor.id != expected:
            problems.append((agency.id, successor and successor.id, expected))
    assert problems == []
    assert registry.successor(registry.agency("tien-giang", "so-tttt")).id == "dong-thap/so-khcn"
    assert registry.successor(registry.agency("tien-giang", "so-khdt")).id == "dong-thap/so-tai-chinh"
    assert registry.successor(registry.agency("tien-giang", "so-tnmt")).id == "dong-thap/so-nnmt"
    assert registry.successor(registry.agency("tien-giang", "so-nnptnt")).id == "dong-thap/so-nnmt"
    assert registry.successor(registry.agency("hai-duong", "so-khcn")).id == "hai-phong/so-khcn"
    assert registry.successor(registry.agency("nam-dinh", "so-khcn")).id == "ninh-binh/so-khcn"
    assert registry.successor(registry.agency("quang-nam", "so-khcn")).id == "da-nang/so-khcn"
    for kind in DISTRICT_LEVEL:
        assert registry.agency_kinds[kind].ended_on == date(2025, 7, 1)
        assert registry.agency_kinds[kind].successor is None
    # the plans named district governments of three provinces; none of them has a successor
    named = {a.id for a in registry.agencies.values() if a.kind.id == "ubnd-huyen" and a.province.id in PROVINCE_NOW}
    assert named == {"nam-dinh/ubnd-huyen", "quang-nam/ubnd-huyen", "tien-giang/ubnd-huyen"}


def test_plans_keep_their_issuer_as_it_was(registry):
    for plan in registry.plans.values():
        at_issue = registry.provinces[plan.province].name
        now = registry.current_province(plan.province).name
        assert plan.issuer.endswith(at_issue), plan.id
        if now != at_issue:
            assert now not in plan.issuer, plan.id
    assert registry.plans[HD].issuer == "Ban Thường vụ Tỉnh ủy Hải Dương"
    assert registry.plans[HD].doc_type == "chuong-trinh-hanh-dong"


# --- progress is never invented -----------------------------------------------------------------


def test_every_status_has_a_sourced_update(registry):
    """Progress is reported, never assumed (cap-nhat-tien-do.md): a task shows a status only
    with a dated update citing its report, and its `status` is the newest update's."""
    today = date.today()
    problems = []
    for pid, plan in registry.plans.items():
        for task in plan.tasks:
            if task.current_status is not None and not task.updates:
                problems.append((pid, task.id, "status without an update"))
            for update in task.updates:
                if not update.source.url.startswith(("https://", "http://")) or not update.source.title:
                    problems.append((pid, task.id, "update without a source", update.date))
                if update.date > today:
                    problems.append((pid, task.id, "update dated in the future", update.date))
            dated = [u for u in task.updates if u.status is not None]
            if task.status is not None and dated and max(dated, key=lambda u: u.date).status != task.status:
                problems.append((pid, task.id, "status is not the newest update's", task.status))
    assert problems == []


def test_a_progress_update_needs_a_source_url():
    good = {
        "date": "2025-06-30",
        "status": "dang-thuc-hien",
        "note": "Đã ban hành kế hoạch.",
        "source": {"title": "Báo cáo 6 tháng", "url": "https://example.gov.vn/bao-cao.pdf"},
    }
    assert m.ProgressUpdate.model_validate(good).source.url == "https://example.gov.vn/bao-cao.pdf"
    without = {k: v for k, v in good.items() if k != "source"}
    with pytest.raises(ValidationError) as err:
        m.ProgressUpdate.model_validate(without)
    assert [e["loc"] for e in err.value.errors()] == [("source",)]
    for url in ("", "example.gov.vn/bao-cao.pdf", "ftp://example.gov.vn/x", "https://"):
        with pytest.raises(ValidationError):
            m.ProgressUpdate.model_validate({**good, "source": {"title": "Báo cáo", "url": url}})
    with pytest.raises(ValidationError):
        m.ProgressUpdate.model_validate({**good, "source": {"url": "https://example.gov.vn/x"}})
