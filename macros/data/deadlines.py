"""Deadlines as the plans write them ("Quý II/2025", "Thường xuyên", "Sau khi …"), parsed.

The raw string is always kept; the parsed fields exist for sorting, filtering and the
state badge. Parsing works on folded text so that 'hàng năm'/'hằng năm' both match.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cached_property

from macros.data.text import fold, squash_spaces


class DeadlineKind(str, Enum):
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"
    YEAR = "year"
    YEAR_ONWARD = "year_onward"
    YEAR_RANGE = "year_range"
    ONGOING = "ongoing"
    ANNUAL = "annual"
    CONDITIONAL = "conditional"


class DeadlineState(str, Enum):
    PASSED = "passed"
    UPCOMING = "upcoming"
    ONGOING = "ongoing"
    CONDITIONAL = "conditional"


NO_DEADLINE_STATE = "none"  # the state badges and the explorer give a task whose plan names no deadline


# What a conditional deadline waits for, recognised by words in the folded text.
TRIGGERS: tuple[tuple[str, str], ...] = (
    ("nghi dinh", "government-decree"),
    ("nghi quyet cua chinh phu", "government-resolution"),
    ("thu tuong", "prime-minister-decision"),
    ("bo noi vu", "ministry-guidance"),
    ("bo khoa hoc va cong nghe", "ministry-guidance"),
    ("trung uong", "central-guidance"),
    ("theo tien do de an", "project-schedule"),
)

_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?:nam\s+)?(\d{4})"
_BY = r"(?:(?:truoc|den|han)\s+(?:ngay\s+)?|ngay\s+)?"  # "trước 30/6/2025", "đến ngày …"
_PATTERNS: tuple[tuple[DeadlineKind, re.Pattern[str]], ...] = (
    # "Quý II/2025", "Quý 2/2025", "Quý II năm 2025"
    (DeadlineKind.QUARTER, re.compile(r"quy\s+(i|ii|iii|iv|[1-4])\s*(?:/|nam)\s*(\d{4})")),
    (DeadlineKind.DAY, re.compile(_BY + r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")),
    (DeadlineKind.MONTH, re.compile(r"(?:thang\s+)?(\d{1,2})\s*/\s*(\d{4})")),
    (DeadlineKind.MONTH, re.compile(r"(?:trong\s+)?thang\s+(\d{1,2})\s+nam\s+(\d{4})")),
    (DeadlineKind.YEAR_ONWARD, re.compile(_YEAR + r"\s+va\s+(?:nhung|cac)\s+nam\s+tiep\s+theo")),
    (DeadlineKind.YEAR_ONWARD, re.compile(r"tu\s+" + _YEAR + r"(?:\s+tro\s+di)?")),
    (DeadlineKind.YEAR_RANGE, re.compile(r"(?:nam\s+|giai doan\s+)?(\d{4})\s*-\s*(\d{4})")),
    (DeadlineKind.YEAR, re.compile(r"(?:(?:den|trong)\s+)?" + _YEAR + r"(?:\s+va\s+(theo .+))?")),
    (DeadlineKind.ONGOING, re.compile(r"thuong xuyen")),
    (DeadlineKind.ANNUAL, re.compile(r"(?:dinh ky\s+)?hang nam")),
)

EXAMPLES = (
    "Quý II/2025",
    "4/2025",
    "Năm 2026",
    "2025 và những năm tiếp theo",
    "2025 - 2030",
    "Thường xuyên",
    "Hằng năm",
    "Sau khi Nghị định của Chính phủ được ban hành",
)


class DeadlineParseError(ValueError):
    pass


@dataclass(frozen=True)
class Deadline:
    raw: str
    kind: DeadlineKind
    year: int | None = None
    quarter: int | None = None
    month: int | None = None
    year_to: int | None = None
    trigger: str | None = None
    condition: str | None = None
    day: int | None = None

    @cached_property  # asked for by every badge, count and chart: a frozen value, worked out once
    def due(self) -> date | None:
        """Last day of the period, for sorting; None when there is no date."""
        if self.kind is DeadlineKind.QUARTER and self.year and self.quarter:
            month = self.quarter * 3
            return date(self.year, month, calendar.monthrange(self.year, month)[1])
        if self.kind is DeadlineKind.DAY and self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        if self.kind is DeadlineKind.MONTH and self.year and self.month:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        if self.kind in (DeadlineKind.YEAR, DeadlineKind.YEAR_ONWARD) and self.year:
            return date(self.year, 12, 31)
        if self.kind is DeadlineKind.YEAR_RANGE and self.year_to:
            return date(self.year_to, 12, 31)
        return None

    @property
    def starts_on(self) -> date | None:
        """First day of the period the deadline names (the quarter, month, year or range);
        the day itself for a day; None for ongoing, annual or conditional deadlines."""
        if self.kind is DeadlineKind.QUARTER and self.year and self.quarter:
            return date(self.year, self.quarter * 3 - 2, 1)
        if self.kind is DeadlineKind.MONTH and self.year and self.month:
            return date(self.year, self.month, 1)
        if self.kind is DeadlineKind.DAY:
            return self.due
        if self.kind in (DeadlineKind.YEAR, DeadlineKind.YEAR_ONWARD, DeadlineKind.YEAR_RANGE) and self.year:
            return date(self.year, 1, 1)
        return None

    @property
    def ends_on(self) -> date | None:
        """Last day of the period as the text sets it: None when it sets none, so "2025 và
        những năm tiếp theo" has a start and no end (`due` still sorts it at 31/12/2025)."""
        return None if self.kind is DeadlineKind.YEAR_ONWARD else self.due

    @cached_property
    def judged_on(self) -> date | None:
        """The date a task is "passed" after (or "upcoming" until); None when the deadline
        has none to judge: ongoing, annual, from a year on ("2025 và những năm tiếp theo"),
        conditional, or undated.

        The one rule for "đã đến hạn" everywhere: badges and counts (`state`), and the
        explorer, whose due code (search_index._deadline_codes) is this date and whose
        deadlineState() in explorer.js judges it the same way."""
        if self.kind in (DeadlineKind.CONDITIONAL, DeadlineKind.ONGOING, DeadlineKind.ANNUAL, DeadlineKind.YEAR_ONWARD):
            return None
        return self.due

    def state(self, today: date) -> DeadlineState:
        if self.kind is DeadlineKind.CONDITIONAL:
            return DeadlineState.CONDITIONAL
        judged = self.judged_on
        if judged is None:
            return DeadlineState.ONGOING
        return DeadlineState.PASSED if judged < today else DeadlineState.UPCOMING


def date_code(day: date | None) -> int:
    """yyyymmdd, the form the browser compares dates in (explore.json, gp-today.js); 0 for none."""
    return day.year * 10000 + day.month * 100 + day.day if day else 0


def parse_deadline(raw: str) -> Deadline:
    """Parse a deadline cell; raise DeadlineParseError when it fits no known form."""
    text = squash_spaces(fold(raw)).rstrip(".")
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        groups = match.groups()
        if kind is DeadlineKind.QUARTER:
            return Deadline(raw, kind, year=int(groups[1]), quarter=_QUARTERS[groups[0]])
        if kind is DeadlineKind.DAY:
            day, month, year = (int(g) for g in groups)
            try:
                date(year, month, day)
            except ValueError:
                break  # no such day
            return Deadline(raw, kind, year=year, month=month, day=day)
        if kind is DeadlineKind.MONTH:
            month = int(groups[0])
            if not 1 <= month <= 12:
                break
            return Deadline(raw, kind, year=int(groups[1]), month=month)
        if kind is DeadlineKind.YEAR_RANGE:
            start, end = int(groups[0]), int(groups[1])
            if end < start:
                break
            return Deadline(raw, kind, year=start, year_to=end)
        if kind is DeadlineKind.YEAR:
            condition = _original_tail(raw.rstrip(" ."), groups[1]) if groups[1] else None
            return Deadline(raw, kind, year=int(groups[0]), condition=condition)
        if kind is DeadlineKind.YEAR_ONWARD:
            return Deadline(raw, kind, year=int(groups[0]))
        return Deadline(raw, kind)
    if "sau khi" in text or text.startswith("theo tien do"):
        trigger = next((code for words, code in TRIGGERS if words in text), "other")
        return Deadline(raw, DeadlineKind.CONDITIONAL, trigger=trigger)
    raise DeadlineParseError(raw)


def _original_tail(raw: str, folded_tail: str) -> str:
    """The part of `raw` (with its accents) that corresponds to a folded suffix."""
    words = raw.split()
    return " ".join(words[len(words) - len(folded_tail.split()) :])
