"""The build's faster paths write the same bytes as the slow ones they replace: calendars
folded without icalendar's character-by-character folding, and the open-data files and
calendars made in a second process."""

from __future__ import annotations

import logging
import os
import random

import pytest
from icalendar import Event
from icalendar.parser.string import _foldline

from macros.data.registry import Registry
from macros.site import urls
from macros.site.background import Background, can_fork
from macros.site.calendars import Calendars, Scope, fold, serialise
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


def warn_and_count() -> tuple[int, int]:
    logging.getLogger("mkdocs.plugins.gp").warning("Cảnh báo từ tiến trình con %d", 7)
    return os.getpid(), 42


def test_background_work_returns_its_value_and_its_warnings(caplog: pytest.LogCaptureFixture) -> None:
    """The child's value comes back, made in another process; its warnings are logged here
    (a strict build counts them) exactly once."""
    if not can_fork():
        pytest.skip("no second core or no fork here")
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
