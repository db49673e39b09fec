"""The build's faster paths write the same bytes as the slow ones they replace: calendars
folded without icalendar's character-by-character folding, and the open-data files and
calendars made in a second process."""

from __future__ import annotations

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
from icalendar import Event
from icalendar.parser.string import _foldline
from test_scale import scaled

from macros.data.registry import Registry
from macros.site import calendars as calendars_module
from macros.site import datapackage, urls, xlsx_sheets
from macros.site.background import Background, can_fork
from macros.site.calendars import Calendars, Scope, fold, serialise
from macros.site.exports import TABLES
from macros.site.pages import Site
from macros.site.pages.open_data import calendar_files, calendar_scopes
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
    """An event and the note of undated tasks (the longest line) come out byte for byte as
    the library's own to_ical()."""
    calendars = Calendars(Views(registry, registry.today), "https://example.org/")
    pairs = [(p, t) for p in registry.plans.values() for t in p.tasks]
    undated = [(p, t) for p, t in pairs if t.parsed_deadline and t.parsed_deadline.judged_on is None]
    assert len(undated) > 10
    note = calendars.note(Scope(urls.EVERYTHING, "Tất cả", pairs), undated)
    assert len(str(note["DESCRIPTION"]).encode()) > 10_000
    assert serialise(note) == note.to_ical()
    plan, task = next((p, t) for p, t in pairs if t.parsed_deadline and t.parsed_deadline.judged_on)
    event = calendars.event(plan, task, task.parsed_deadline.judged_on)
    assert b"\r\n " in event and Event.from_ical(event).to_ical() == event


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
    monkeypatch.setattr(calendars_module, "serialise", lambda c: written.append(c.name) or serialise(c))
    files = calendar_files(site)
    dated = {
        (p.id, t.id) for p in big.plans.values() for t in p.tasks if t.parsed_deadline and t.parsed_deadline.judged_on
    }
    assert len(dated) > 3 * 100
    assert written.count("VEVENT") == len(dated)
    assert written.count("VCALENDAR") == len(files) == len(calendar_scopes(site))
