"""ICS calendars (RFC 5545, spelled as the icalendar library writes them) of task deadlines.

Each task whose deadline names a date (a quarter, month, day, year or period: the ones
judged "passed"/"upcoming") is an all-day event on its last day. Its UID comes from the
plan and task ids, so a calendar published again updates the events a reader subscribed
to instead of adding copies. Tasks without such a date (ongoing, annual, conditional,
"from 2025 on") are never given one: they are listed in one note (a VJOURNAL) instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from macros.data import model as m
from macros.site import urls
from macros.site.views import Views

if TYPE_CHECKING:  # icalendar is imported where calendars are made (a build's child process)
    from icalendar import Calendar, Component, Event, Journal

UID_DOMAIN = "cong-ke-hoach-57"  # fixed, so UIDs stay the same on a preview and the published site
PRODID = "-//Cổng Kế hoạch 57//Lịch thời hạn nhiệm vụ//VI"
FOLD_OCTETS = 74  # the longest folded piece icalendar writes (its limit, 75, excluded)


def fold(line: str) -> bytes:
    """One content line folded as icalendar folds it (RFC 5545: pieces of at most 74 octets,
    never cut inside a UTF-8 character nor right after a backslash or caret, so an escape
    stays whole), cut on the encoded bytes: icalendar's own folding walks the line
    character by character, the largest part of a national build's calendars (a calendar's
    note lists every undated task on one line)."""
    data = line.encode("utf-8")
    if len(data) < FOLD_OCTETS + 1:
        return data
    pieces, start = [], 0
    while len(data) - start > FOLD_OCTETS:
        end = start + FOLD_OCTETS
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: the cut goes before its character
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:  # an escape goes to the next piece whole
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def serialise(component: Component) -> bytes:
    """component.to_ical(), folded by `fold`."""
    return b"".join(fold(line) + b"\r\n" for line in component.content_lines() if line)


def text(value: str) -> str:
    """A TEXT value escaped as icalendar escapes it (RFC 5545 3.3.11: backslash, semicolon,
    comma; every line break, "\\N" included, as "\\n")."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _utc(stamp: dt.datetime) -> str:
    return f"{_date(stamp)}T{stamp.hour:02d}{stamp.minute:02d}{stamp.second:02d}Z"


def _lines(*lines: str) -> bytes:
    return b"".join(fold(line) + b"\r\n" for line in lines)


# The components are spelled line by line, byte for byte as icalendar writes them (its
# property order, its escaping, `fold`): icalendar's machinery per property (parameters,
# content lines, type lookups) was most of a national build's calendars. What they do
# not spell is left to icalendar: a URL holding a line break (which icalendar refuses), a
# time of writing other than UTC. tests/test_build_speed.py compares each with icalendar's
# own to_ical() (the icalendar_* functions) on hostile text.


def vevent(uid: str, stamp: dt.datetime, day: dt.date, summary: str, description: str, url: str) -> bytes:
    """An all-day event."""
    if "\n" in url or "\r" in url or stamp.tzinfo is not dt.UTC:
        return serialise(icalendar_event(uid, stamp, day, summary, description, url))
    return _lines(
        "BEGIN:VEVENT",
        f"SUMMARY:{text(summary)}",
        f"DTSTART;VALUE=DATE:{_date(day)}",
        f"DTEND;VALUE=DATE:{_date(day + dt.timedelta(days=1))}",
        f"DTSTAMP:{_utc(stamp)}",
        f"UID:{text(uid)}",
        f"DESCRIPTION:{text(description)}",
        "TRANSP:TRANSPARENT",
        f"URL:{url}",
        "END:VEVENT",
    )


def vjournal(uid: str, stamp: dt.datetime, summary: str, description: str) -> bytes:
    """A note (the tasks without a date)."""
    if stamp.tzinfo is not dt.UTC:
        return serialise(icalendar_journal(uid, stamp, summary, description))
    return _lines(
        "BEGIN:VJOURNAL",
        f"DESCRIPTION:{text(description)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"SUMMARY:{text(summary)}",
        f"UID:{text(uid)}",
        "END:VJOURNAL",
    )


def vcalendar(name: str, description: str, components: Iterable[bytes]) -> bytes:
    """A calendar holding the components (vevent's, vjournal's). Its name and description
    are written verbatim (icalendar knows them as properties of no RFC 5545 type, so it
    does not escape them); one holding a line break (which icalendar refuses) is left to
    icalendar."""
    if "\n" in name or "\n" in description:
        head, end = serialise(icalendar_calendar(name, description, ())).rsplit(b"END:VCALENDAR", 1)
        return b"".join((head, *components, b"END:VCALENDAR", end))
    head = _lines(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{text(PRODID)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"DESCRIPTION:{text(description)}",
        f"X-WR-CALDESC:{description}",
        f"NAME:{name}",
        f"X-WR-CALNAME:{name}",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:P1D",
    )
    return b"".join((head, *components, b"END:VCALENDAR\r\n"))


def icalendar_event(uid: str, stamp: dt.datetime, day: dt.date, summary: str, description: str, url: str) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def icalendar_journal(uid: str, stamp: dt.datetime, summary: str, description: str) -> Journal:
    from icalendar import Journal

    journal = Journal()
    journal.add("uid", uid)
    journal.add("dtstamp", stamp)
    journal.add("summary", summary)
    journal.add("description", description)
    return journal


def icalendar_calendar(name: str, description: str, components: Iterable[Component]) -> Calendar:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add("x-wr-caldesc", description)
    cal.add("description", description)
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    for component in components:
        cal.add_component(component)
    return cal


@dataclass(frozen=True)
class Scope:
    """The tasks one page follows: its calendar lives at urls.calendar(src_uri)."""

    src_uri: str
    name: str
    pairs: list[tuple[m.Plan, m.Task]]

    @property
    def uri(self) -> str:
        return urls.calendar(self.src_uri)


def unique(pairs: Iterable[tuple[m.Plan, m.Task]]) -> list[tuple[m.Plan, m.Task]]:
    return list({(p.id, t.id): (p, t) for p, t in pairs}.values())


def event_date(task: m.Task) -> dt.date | None:
    """The day a task's event sits on; None when its deadline names no date."""
    deadline = task.parsed_deadline
    return deadline.judged_on if deadline else None


def task_uid(plan: m.Plan, task: m.Task) -> str:
    return f"{plan.id}.{task.id}@{UID_DOMAIN}"


class Calendars:
    """Builds the events once per task and a calendar per scope from them."""

    def __init__(self, views: Views, site_url: str) -> None:
        self.views = views
        self.site_url = site_url
        self.stamp = dt.datetime.combine(views.today, dt.time(), tzinfo=dt.UTC)
        self._events: dict[tuple[str, str], bytes] = {}

    def task_url(self, plan: m.Plan, task: m.Task) -> str:
        return urls.absolute(self.site_url, urls.plan(plan.id), task.id)

    def current_leads(self, plan: m.Plan, task: m.Task) -> str:
        """The agencies that hold the lead's duties today, when they changed in 2025."""
        leads = self.views.reg.current_lead(plan, task)
        return "; ".join(c.now.name for c in leads if c.changed and c.now is not None)

    def event(self, plan: m.Plan, task: m.Task, day: dt.date) -> bytes:
        """The task's VEVENT, written once: a task sits in up to a dozen calendars."""
        key = (plan.id, task.id)
        if key not in self._events:
            lead = task.lead.raw if task.lead else "Không ghi"
            if current := self.current_leads(plan, task):
                lead += f" (nay: {current})"
            url = self.task_url(plan, task)
            description = "\n".join(
                (
                    f"Nhiệm vụ: {task.title}",
                    f"Cơ quan chủ trì: {lead}",
                    f"Thời hạn: {task.parsed_deadline.raw if task.parsed_deadline else ''}",
                    f"Kế hoạch: {self.views.plan_name(plan)}",
                    url,
                )
            )
            self._events[key] = vevent(task_uid(plan, task), self.stamp, day, task.title, description, url)
        return self._events[key]

    def note(self, scope: Scope, undated: list[tuple[m.Plan, m.Task]]) -> bytes:
        """The VJOURNAL that lists a scope's tasks without a date."""
        lines = [
            "Các nhiệm vụ dưới đây làm thường xuyên, hằng năm, có điều kiện hoặc từ một năm trở đi, "
            "nên không được đặt vào ngày nào trên lịch:"
        ]
        lines += [
            f"- {task.title} (thời hạn: {task.parsed_deadline.raw}; {self.views.plan_name(plan)}) "
            f"{self.task_url(plan, task)}"
            for plan, task in undated
        ]
        return vjournal(
            f"{scope.src_uri.removesuffix('.md').replace('/', '.')}.khong-co-ngay@{UID_DOMAIN}",
            self.stamp,
            f"{len(undated)} nhiệm vụ không có ngày hạn cụ thể",
            "\n".join(lines),
        )

    def calendar(self, scope: Scope) -> bytes:
        page = urls.absolute(self.site_url, scope.src_uri) if scope.src_uri != urls.EVERYTHING else None
        events, undated = [], []
        for p, t in scope.pairs:
            if (day := event_date(t)) is not None:
                events.append(self.event(p, t, day))
            elif t.parsed_deadline:
                undated.append((p, t))
        description = "Mỗi nhiệm vụ có hạn cụ thể là một sự kiện cả ngày vào ngày cuối của hạn (quý: ngày cuối quý)."
        if undated:
            description += f" {len(undated)} nhiệm vụ không có ngày hạn cụ thể được liệt kê trong ghi chú kèm lịch."
        if page:
            description += f" {page}"
        note = [self.note(scope, undated)] if undated else []
        return vcalendar(f"Thời hạn nhiệm vụ: {scope.name}", description, [*note, *events])
