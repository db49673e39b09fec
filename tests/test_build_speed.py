"""The build's faster paths write the same bytes as the slow ones they replace: calendars
spelled line by line as icalendar writes them, CSV lines made once, search terms found
without scanning the whole abbreviation table, and the open-data files and calendars made
in a second process."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import logging
import os
import random
import threading
import time
import zipfile

import pytest
from icalendar import Event, Journal
from icalendar.parser.string import _foldline
from test_scale import scaled

from macros.data.registry import Registry
from macros.data.text import fold as fold_text
from macros.site import calendars as ics
from macros.site import datapackage, exports, search_text, urls, xlsx_sheets
from macros.site.background import Background, WorkQueue, can_fork
from macros.site.calendars import Calendars, Scope, fold
from macros.site.exports import TABLES
from macros.site.pages import Site, pages, pages_and_assets
from macros.site.pages.open_data import calendar_files, calendar_scopes
from macros.site.search_text import Shorthands
from macros.site.views import Views

# A line of Vietnamese text, escapes and a four-byte character: each may fall on a cut.
PIECES = ["a", " ", "ệ", "đ", "😀", "\\n", "\\,", "\\;", "^", "\\", "Nhiệm vụ: "]


@pytest.mark.parametrize("seed", range(4))
def test_folding_cuts_where_icalendar_cuts(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(500):
        line = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 300)))
        assert fold(line) == _foldline(line).encode("utf-8"), line
    # the cut falls at 74 octets, or before a character or an escape that would straddle it
    assert fold("x" * 73 + "ệ" + "y") == ("x" * 73).encode() + b"\r\n " + "ệy".encode()
    assert fold("x" * 73 + "\\n" + "y") == ("x" * 73).encode() + b"\r\n \\ny"


def test_calendars_are_written_as_icalendar_writes_them(registry: Registry) -> None:
    """An event and the note of undated tasks (the longest line) read back by icalendar and
    written again come out as the same bytes."""
    calendars = Calendars(Views(registry, registry.today), "https://example.org/")
    pairs = [(p, t) for p in registry.plans.values() for t in p.tasks]
    undated = [(p, t) for p, t in pairs if t.parsed_deadline and t.parsed_deadline.judged_on is None]
    assert len(undated) > 10
    note = calendars.note(Scope(urls.EVERYTHING, "Tất cả", pairs), undated)
    assert len(note) > 10_000 and Journal.from_ical(note).to_ical() == note
    plan, task = next((p, t) for p, t in pairs if t.parsed_deadline and t.parsed_deadline.judged_on)
    event = calendars.event(plan, task, task.parsed_deadline.judged_on)
    assert b"\r\n " in event and Event.from_ical(event).to_ical() == event


# Text a plan may hold: the TEXT escapes (backslash, ; , line breaks of every kind, "\N"),
# what folding must not cut (four-byte characters, escapes, ^), markup, a long line.
HOSTILE_TEXT = [
    "Kế hoạch 57, số 3; phần 2",
    "C:\\thư mục\\tệp",
    "chữ \\N giữa \\n",
    "dòng 1\ndòng 2\r\ndòng 3\rdòng 4",
    "",
    "  lề ",
    "<b>đậm</b> & \"trích\" 'dẫn' ^ ^^ \t thụt",
    "😀" * 40,
    "Nhiệm vụ, " * 30,
    "=SUM(A1)",
]
UTC_STAMP = dt.datetime(2026, 12, 3, tzinfo=dt.UTC)


def same_as_icalendar(direct, reference) -> None:
    """direct() gives reference()'s bytes, or fails as icalendar fails."""
    try:
        expected = reference()
    except (AssertionError, ValueError) as refused:  # a line break where icalendar allows none
        with pytest.raises(type(refused)):
            direct()
        return
    assert direct() == expected


@pytest.mark.parametrize("value", HOSTILE_TEXT)
def test_calendar_components_are_spelled_as_icalendar_writes_them(value: str) -> None:
    """Each component the calendars hold, written directly, is icalendar's own to_ical() of
    the same values, hostile text in every text property (and the cases left to icalendar:
    a line break in a URL, a calendar's name or description; a time of writing not in UTC)."""
    days = [dt.date(2025, 12, 31), dt.date(2026, 2, 28), dt.date(999, 1, 1)]
    stamps = [UTC_STAMP, dt.datetime(2026, 1, 2, 3, 4, 5), dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)]
    urls_ = ["https://example.org/ke-hoach/a/#nv-1", f"https://example.org/?q={value}"]
    for day, stamp, url in zip(days, stamps, urls_ * 2, strict=False):
        args = (f"{value}.nv-1@cong-ke-hoach-57", stamp, day, value, f"Nhiệm vụ: {value}\n{url}", url)
        same_as_icalendar(lambda a=args: ics.vevent(*a), lambda a=args: ics.icalendar_event(*a).to_ical())
        note = (f"{value}.khong-co-ngay", stamp, f"3 {value}", f"Các nhiệm vụ:\n- {value}")
        same_as_icalendar(lambda n=note: ics.vjournal(*n), lambda n=note: ics.icalendar_journal(*n).to_ical())
    note, event = ("u", UTC_STAMP, value, value), ("v", UTC_STAMP, days[0], value, value, urls_[0])
    for name, description in ((f"Thời hạn: {value}", f"Mô tả {value}"), ("Tên, có; dấu", value)):
        same_as_icalendar(
            lambda n=name, d=description: ics.vcalendar(n, d, [ics.vjournal(*note), ics.vevent(*event)]),
            lambda n=name, d=description: ics.icalendar_calendar(
                n, d, [ics.icalendar_journal(*note), ics.icalendar_event(*event)]
            ).to_ical(),
        )


# --- work on a second core ------------------------------------------------------------------


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork as a build does: the build is single-threaded, the test runner's worker is not
    (pytest-xdist's own thread), which would make can_fork() say no and skip the test."""
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    if not can_fork():
        pytest.skip("no second core or no fork here")


def warn_and_count() -> tuple[int, int]:
    logging.getLogger("mkdocs.plugins.gp").warning("Cảnh báo từ tiến trình con %d", 7)
    return os.getpid(), 42


def test_background_work_returns_its_value_and_its_warnings(caplog: pytest.LogCaptureFixture, forking: None) -> None:
    """The child's value comes back, made in another process; its warnings are logged here
    (a strict build counts them) exactly once."""
    with caplog.at_level(logging.WARNING):
        pid, value = Background(warn_and_count).result()
    assert value == 42 and pid != os.getpid()
    assert [r.getMessage() for r in caplog.records] == ["Cảnh báo từ tiến trình con 7"]


def test_background_work_that_fails_fails_here() -> None:
    """A failing child gives no value: the work runs again in this process and its error
    is raised as it would be without the child."""
    calls = []

    def work() -> None:
        calls.append(os.getpid())
        raise ValueError("hỏng")

    later = Background(work)
    with pytest.raises(ValueError, match="hỏng"):
        later.result()
    assert calls == [os.getpid()]  # the child's own attempt is not in this process's list


# --- the workbook's sheets ------------------------------------------------------------------

HOSTILE = [
    "Kế hoạch 57 & <b>đậm</b> > 3",
    "  lề trái",
    "dòng 1\ndòng 2\r\n\tthụt",
    "=SUM(A1:A9)",
    "#N/A",
    "😀 ký tự bốn byte",
    "",
    "x" * 40_000,
    0,
    -7,
    10**17,
    0.1,
    2.5e-9,
    True,
    False,
    dt.date(2025, 12, 31),
    dt.date(1900, 2, 1),
    None,
]


def test_workbook_sheets_are_written_as_openpyxl_writes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kind of value a table holds, hostile text included, comes out of the fast sheet
    writer as openpyxl's own cells write it: the two packages are the same bytes."""
    table = TABLES[0]
    rows = [{c: HOSTILE[(i + k) % len(HOSTILE)] for k, c in enumerate(table.columns)} for i in range(2 * len(HOSTILE))]
    plain = [{c: "chữ" for c in TABLES[1].columns}]  # a sheet without dates
    written = dt.datetime(2026, 1, 2)
    fast = datapackage.workbook([(table, rows), (TABLES[1], plain)], "Trích dẫn", written)
    monkeypatch.setattr(xlsx_sheets, "rows_xml", lambda columns, rows: None)  # openpyxl writes every cell
    slow = datapackage.workbook([(table, rows), (TABLES[1], plain)], "Trích dẫn", written)
    assert fast == slow
    with zipfile.ZipFile(io.BytesIO(fast)) as z:
        assert len(z.read("xl/worksheets/sheet2.xml")) > 40_000


def test_a_value_the_fast_writer_does_not_spell_leaves_the_sheet_to_openpyxl() -> None:
    """A control character (openpyxl refuses it with its own error), a time of day, NaN: the
    sheet is then written cell by cell by openpyxl, as without the fast writer."""
    columns = TABLES[1].columns
    for odd in ("chữ\x07", dt.datetime(2025, 1, 1, 8, 30), float("nan")):
        assert xlsx_sheets.rows_xml(columns, [{c: odd for c in columns}]) is None
    assert xlsx_sheets.rows_xml(columns, [{c: "chữ" for c in columns}]) is not None


def test_background_work_never_asked_for_is_stopped(forking: None) -> None:
    """A build that fails before it needs the child's work (a data error) leaves no process behind."""
    later = Background(lambda: time.sleep(60))
    pid = later.pid
    del later
    gc.collect()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # stopped and reaped


def test_calendars_of_three_times_the_plans_write_each_event_once(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A task sits in a dozen calendars (plan, province, agency, kind, topic, all): its event
        is serialised once, and each calendar once, so the calendars grow with the tasks, not
    with tasks × calendars."""
    big = scaled(registry, 3)  # the count is exact at any size; 3 copies keep the test short
    site = Site(big, narratives={}, today=big.today)
    written = []
    for writer in ("vevent", "vcalendar"):
        real = getattr(ics, writer)
        monkeypatch.setattr(ics, writer, lambda *a, w=writer, real=real: written.append(w) or real(*a))
    files = calendar_files(site)
    dated = {
        (p.id, t.id) for p in big.plans.values() for t in p.tasks if t.parsed_deadline and t.parsed_deadline.judged_on
    }
    assert len(dated) > 3 * 100
    assert written.count("vevent") == len(dated)
    assert written.count("vcalendar") == len(files) == len(calendar_scopes(site))


# --- CSV files and search terms -------------------------------------------------------------


class Spelled(str):
    """Text whose str() differs from its value: csv_cell writes str(value)."""

    def __str__(self) -> str:
        return "=khác"


CSV_VALUES = [
    *[v for v in HOSTILE if not (isinstance(v, str) and len(v) > 1000)],
    "a,b",
    '"trích"',
    "-5",
    "+x",
    "@x",
    "\tx",
    "\rx",
    Spelled("chữ"),
    1e20,
    -0.5,
]


def test_csv_lines_are_the_csv_writers_cells() -> None:
    """Each table's CSV and each plan's part of it are what csv.writer writes of csv_cell's
    cells (the formula guard on text, numbers with a decimal comma, dates) for hostile values."""
    plans, n = ["kh-a", "kh-b", "kh-c"], len(CSV_VALUES)
    rows, lines = {}, {}
    for table in TABLES:
        rows[table.name] = [{c: CSV_VALUES[(i * 7 + k) % n] for k, c in enumerate(table.columns)} for i in range(3 * n)]
        for i, row in enumerate(rows[table.name]):
            row["ke_hoach"] = plans[i % 3]
        lines[table.name] = exports.csv_lines(rows[table.name], table.columns)

    def reference(table: exports.Table, rows: list[dict]) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(table.columns)
        writer.writerows([exports.csv_cell(row[c]) for c in table.columns] for row in rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    for table in TABLES:
        assert exports.csv_file(lines[table.name]) == reference(table, rows[table.name])
    assert b"'=SUM(A1:A9)" in exports.csv_file(lines[TABLES[0].name])
    assert b"'=kh" in exports.csv_file(lines[TABLES[0].name])  # str(value) is what is written
    parts = {d.uri: d.content for d in datapackage.plan_downloads(rows, lines, plans)}
    per_plan = [t for t in TABLES if t.per_plan]
    assert len(parts) == 3 * len(per_plan) > 3
    for table in per_plan:
        for pid in plans:
            part = [r for r in rows[table.name] if r["ke_hoach"] == pid]
            assert parts[urls.plan_data(pid, table.path)] == reference(table, part)


def table_scan_terms(shorthands: Shorthands, text: str) -> list[str]:
    """document_terms as it was: the shorthand tokens found by trying every table entry."""
    if shorthands._document:
        text = shorthands._document.sub(
            lambda mt: f" {shorthands._written[mt.group(0)].token} {' '.join(shorthands._written[mt.group(0)].full)} ",
            text,
        )
    terms = search_text._terms(fold_text(text))
    joined, present = f" {' '.join(terms)} ", set(terms)
    return terms + [
        s.token
        for s in shorthands.table
        if s.full and present.issuperset(s.full) and f" {s.token} " not in joined and f" {' '.join(s.full)} " in joined
    ]


def test_document_terms_add_every_shorthand_the_table_would(registry: Registry) -> None:
    """A text's shorthand tokens, found from its terms, are those a scan of the whole
    abbreviation table finds, in the table's order, for texts mixing full and short forms."""
    shorthands = Shorthands(registry.abbreviations)
    assert len(shorthands.table) > 5
    rng = random.Random(5)
    words = [w for s in shorthands.table for w in (*s.full, *s.forms)] + ["và", "Kế hoạch", "Chuyển", "số", ","]
    added = 0
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 30)))
        terms = shorthands.document_terms(text)
        assert terms == table_scan_terms(shorthands, text), text
        added += len(terms) > len(search_text._terms(fold_text(text)))
    assert added > 50  # texts where full forms did add their tokens


# Characters where folding a text word by word could differ from folding it whole: marks
# combining with what precedes them (after a space too), a final sigma, a dotted capital I,
# spaces of every kind, đ, joiners and separators folding keeps.
FOLD_PIECES = ["Chuyển", "đổi", "SỐ", "Đ", " ", "\u00a0", "\t", "\n", "\u2028", "\u3000", "\u0301", "\u0323"]
FOLD_PIECES += ["ΟΔΟΣ", "Σ", "İ", "–", "KH&CN", "57-NQ/TW", "😀", "ǅ", "ﬁ", "x\u200by", "và", "các"]


@pytest.mark.parametrize("seed", range(3))
def test_folding_word_by_word_gives_the_terms_of_the_whole_text(registry: Registry, seed: int) -> None:
    shorthands, rng = Shorthands(registry.abbreviations), random.Random(seed)
    for _ in range(500):
        text = "".join(rng.choice(FOLD_PIECES) for _ in range(rng.randint(0, 40)))
        assert shorthands.folded_terms(text) == search_text._terms(fold_text(text)), repr(text)
    assert shorthands.folded_terms("Chuyển đổi SỐ và ΟΔΟΣ") == ["chuyen", "doi", "so"]


# --- pages rendered on the second core ------------------------------------------------------


def rendered(specs: list) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(s.src_uri, s.content, s.blocks) for s in specs]


def test_pages_the_second_core_renders_are_the_pages_this_one_would(
    registry: Registry, monkeypatch: pytest.MonkeyPatch, forking: None
) -> None:
    """Once its files are made, the second core renders pages from the queue both share:
    the same pages as rendered here, in the same order, whoever takes them; and pages
    taken by a child that then fails are rendered here."""
    here = rendered(pages(Site(registry, narratives={}, today=registry.today)))
    parent, take = os.getpid(), WorkQueue.take
    monkeypatch.setattr(WorkQueue, "take", lambda queue: take(queue) if os.getpid() != parent else None)
    taken = []
    render = Site.render

    def recording_render(site: Site, page):
        taken.append((os.getpid(), page.src_uri))
        return render(site, page)

    monkeypatch.setattr(Site, "render", recording_render)
    specs, _ = pages_and_assets(Site(registry, narratives={}, today=registry.today))
    assert rendered(specs) == here
    # every page the queue held went to the child: none was rendered here but the two last
    assert sum(1 for pid, _ in taken if pid == parent) == 2, taken

    def fail_in_child(site: Site, page):
        if os.getpid() != parent:
            raise RuntimeError("hỏng")
        return render(site, page)

    monkeypatch.setattr(Site, "render", fail_in_child)
    specs, _ = pages_and_assets(Site(registry, narratives={}, today=registry.today))
    assert rendered(specs) == here
