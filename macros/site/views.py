"""Shaping the registry into what templates show: links resolved, codes put into words.

Templates receive these small view objects and never query the registry themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.data.deadlines import NO_DEADLINE_STATE, Deadline, DeadlineKind, DeadlineState, date_code
from macros.data.registry import Agency, Registry
from macros.data.targets import Target
from macros.data.text import match_key
from macros.site import urls
from macros.site.current_agency import LeadNow, lead_now
from macros.site.error_reports import Reporter
from macros.site.render import date_vi

_MONTH_YEAR = re.compile(r"tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_YEAR = re.compile(r"năm\s+(\d{4})", re.I)


@dataclass(frozen=True)
class Link:
    text: str
    uri: str
    anchor: str | None = None


@dataclass(frozen=True)
class CellView:
    raw: str
    agencies: tuple[Link, ...]

    @property
    def is_one_agency(self) -> bool:
        """The cell is exactly one recognised agency's name: link the words themselves."""
        return len(self.agencies) == 1 and match_key(self.raw) == match_key(self.agencies[0].text)


@dataclass(frozen=True)
class DeadlineView:
    raw: str
    kind: str  # DeadlineKind value
    kind_label: str
    state: str  # DeadlineState value
    state_label: str
    due: dt.date | None
    detail: str  # "hạn 30/06/2025", "chờ Nghị định của Chính phủ", …
    due_code: int = 0  # Deadline.judged_on as yyyymmdd, 0 when no date decides the badge (gp-today.js)


@dataclass(frozen=True)
class IssueView:
    date: str  # "21/02/2025", "tháng 3/2025" when the day is left blank, "" when not written
    partial: bool  # the text gives the month or year only
    missing: str  # what the text leaves out, for "văn bản không ghi …": "số, ngày", "" when nothing

    @property
    def summary(self) -> str:
        """One line for a plan card: 'ban hành 21/02/2025', 'ban hành tháng 3/2025 (văn bản
        không ghi số, ngày)', 'văn bản không ghi số, ngày ban hành'."""
        if not self.date:
            return f"văn bản không ghi {self.missing}"
        return f"ban hành {self.date}" + (f" (văn bản không ghi {self.missing})" if self.missing else "")


@dataclass(frozen=True)
class UpdateView:
    date: dt.date
    status_label: str | None
    note: str
    source: m.SourceLink


@dataclass(frozen=True)
class TaskView:
    plan: m.Plan
    task: m.Task
    plan_link: Link
    source_link: Link
    section: m.Section
    lead: CellView | None
    support: CellView | None
    deadline: DeadlineView | None
    topics: tuple[Link, ...]
    status: str  # Status value or "" when there is no report
    status_label: str
    updates: tuple[UpdateView, ...]
    origin_label: str
    edit_url: str | None = None  # the YAML at this task's line, in the web editor
    lead_now: tuple[LeadNow, ...] = ()  # lead agencies that changed hands in 2025
    report_url: str | None = None  # a citizen's prefilled "Báo sai sót" (error_reports)


@dataclass(frozen=True)
class IndicatorView:
    plan: m.Plan
    indicator: m.Indicator
    plan_link: Link
    source_link: Link
    monitoring: CellView | None
    target: Target | None
    concept: Link | None
    origin_label: str
    is_child: bool
    edit_url: str | None = None
    report_url: str | None = None


@dataclass(frozen=True)
class DeadlineSummary:
    """How a set of tasks' deadlines stand on `today`, counted by the badges' rule (Deadline.state)."""

    today: dt.date
    tasks: int
    passed: int
    upcoming: int
    undated: int  # ongoing, annual, "from a year on", conditional: no date to pass
    unwritten: int  # the plan names no deadline
    reported: int  # tasks with at least one progress report
    dues: tuple[int, ...]  # judged_on of every dated task, yyyymmdd, for the browser's recount

    @property
    def dues_attr(self) -> str:
        return " ".join(str(d) for d in self.dues)


@dataclass
class Counts:
    tasks: int = 0
    indicators: int = 0
    due_passed: int = 0  # badge "Đã đến hạn" (DeadlineState.PASSED)
    dated: int = 0  # with a date the badge is judged on (passed or upcoming)
    with_deadline: int = 0  # with any deadline written
    extra: dict[str, int] = field(default_factory=dict)


class Views:
    def __init__(
        self, registry: Registry, today: dt.date, editor: urls.Editor | None = None, reporter: Reporter | None = None
    ) -> None:
        self.reg = registry
        self.today = today
        self.editor = editor
        # A task shows on its plan page and on the pages of its agencies and topics; its
        # view does not depend on the page (links stay page-independent until rendered).
        self._tasks: dict[tuple[str, str], TaskView] = {}
        self._indicators: dict[tuple[str, str], IndicatorView] = {}
        self._topic_split: dict[str, dict[str, tuple[tuple[m.Task, ...], tuple[m.Task, ...]]]] = {}
        self.reporter = reporter

    def edit_url(self, *key: str) -> str | None:
        location = self.reg.locations.get(key)
        return self.editor.line(location.file, location.line) if self.editor and location else None

    def report_url(self, plan: m.Plan, item_id: str, what: str) -> str | None:
        """A "Báo sai sót" link for one task or indicator ("Nhiệm vụ 1.2: …")."""
        if self.reporter is None:
            return None
        # The item by its label and address only: its text is on the page, and every card
        # carries this link, so a prefilled copy of the text would weigh more than the page.
        label = what.split(":", 1)[0].strip()
        return self.reporter.link(f"Báo sai sót: {plan.number or plan.id}, {label}", urls.plan(plan.id), item_id, [])

    # --- small pieces ----------------------------------------------------------------

    def agency_link(self, agency: Agency) -> Link:
        return Link(agency.name, urls.agency(agency))

    def plan_link(self, plan: m.Plan, anchor: str | None = None) -> Link:
        return Link(self.plan_name(plan), urls.plan(plan.id), anchor)

    def plan_name(self, plan: m.Plan) -> str:
        """Short name: 'Kế hoạch 29/KH-UBND – Nam Định' / 'Chương trình hành động (không số) – Hải Dương'
        (without the words, a plan with no number reads as if the number had been lost)."""
        doc = vocab.DOC_TYPES[plan.doc_type]
        number = f" {plan.number}" if plan.number else f" {vocab.NO_NUMBER}"
        return f"{doc}{number} – {self.reg.provinces[plan.province].name}"

    def issue(self, plan: m.Plan) -> IssueView:
        """When the plan was issued, as far as its text says, and what it leaves out."""
        date, partial = "", False
        if plan.issued_on:
            date = date_vi(plan.issued_on)
        elif plan.issued_raw and (month := _MONTH_YEAR.search(plan.issued_raw)):
            date, partial = f"tháng {int(month.group(1))}/{month.group(2)}", True
        elif plan.issued_raw and (year := _YEAR.search(plan.issued_raw)):
            date, partial = f"năm {year.group(1)}", True
        missing = [] if plan.number else ["số"]
        if partial:
            missing.append("ngày")
        elif not date:
            missing.append("ngày ban hành")
        return IssueView(date=date, partial=partial, missing=", ".join(missing))

    def cell(self, plan: m.Plan, cell: m.AgencyCell | None) -> CellView | None:
        """The cell as written, with a link per recognised agency (named by its kind: the
        plan already says which province)."""
        if cell is None:
            return None
        links = tuple(
            Link(self.reg.agency_kinds[k].name, urls.agency(self.reg.agency(plan.province, k))) for k in cell.agencies
        )
        return CellView(cell.raw, links)

    def deadline(self, deadline: Deadline | None) -> DeadlineView | None:
        if deadline is None:
            return None
        state = deadline.state(self.today)
        due = deadline.due
        if deadline.kind is DeadlineKind.CONDITIONAL:
            detail = vocab.TRIGGERS.get(deadline.trigger or "other", vocab.TRIGGERS["other"])
        elif deadline.kind is DeadlineKind.YEAR_ONWARD:
            detail = f"từ năm {deadline.year}, làm liên tục"
        elif deadline.kind in (DeadlineKind.ONGOING, DeadlineKind.ANNUAL):
            detail = ""  # the words as written already say it
        else:
            detail = f"hạn {date_vi(due)}" if due else ""
        return DeadlineView(
            raw=deadline.raw,
            kind=deadline.kind.value,
            kind_label=vocab.DEADLINE_KINDS[deadline.kind],
            state=state.value,
            # "Hằng năm" is not "Liên tục": an annual task is due every year
            state_label=vocab.DEADLINE_KINDS[deadline.kind]
            if deadline.kind is DeadlineKind.ANNUAL
            else vocab.DEADLINE_STATES[state],
            due=due,
            detail=detail,
            due_code=date_code(deadline.judged_on),
        )

    def topic_links(self, topic_ids: list[str]) -> tuple[Link, ...]:
        return tuple(Link(self.reg.topics[t].short_name, urls.topic(t)) for t in topic_ids)

    # --- entities --------------------------------------------------------------------

    def task(self, plan: m.Plan, task: m.Task) -> TaskView:
        key = (plan.id, task.id)
        if (view := self._tasks.get(key)) is None:
            view = self._tasks[key] = self._task(plan, task)
        return view

    def _task(self, plan: m.Plan, task: m.Task) -> TaskView:
        status = task.current_status
        sections = {s.id: s for s in plan.sections}
        return TaskView(
            plan=plan,
            task=task,
            plan_link=self.plan_link(plan, task.id),
            source_link=Link(f"dòng {task.source.line}", urls.source(plan), task.id),
            section=sections[task.section],
            lead=self.cell(plan, task.lead),
            support=self.cell(plan, task.support),
            deadline=self.deadline(task.parsed_deadline),
            topics=self.topic_links(task.topics),
            status=status.value if status else "",
            status_label=vocab.STATUS[status] if status else vocab.NO_REPORT,
            updates=tuple(
                UpdateView(u.date, vocab.STATUS[u.status] if u.status else None, u.note, u.source)
                for u in sorted(task.updates, key=lambda u: u.date, reverse=True)
            ),
            origin_label=vocab.ORIGINS[task.source.kind],
            edit_url=self.edit_url("task", plan.id, task.id),
            lead_now=lead_now(self.reg, plan, task),
            report_url=self.report_url(plan, task.id, f"Nhiệm vụ {task.label or ''}: {task.title}".replace("  ", " ")),
        )

    def indicator(self, plan: m.Plan, indicator: m.Indicator) -> IndicatorView:
        """Shaped once per build: an indicator shows on its plan page, its monitoring
        agency's page (and its successor's) and its concept's topic page."""
        key = (plan.id, indicator.id)
        if (view := self._indicators.get(key)) is None:
            view = self._indicators[key] = self._indicator(plan, indicator)
        return view

    def _indicator(self, plan: m.Plan, indicator: m.Indicator) -> IndicatorView:
        concept = self.reg.concepts.get(indicator.concept) if indicator.concept else None
        return IndicatorView(
            plan=plan,
            indicator=indicator,
            plan_link=self.plan_link(plan, indicator.id),
            source_link=Link(f"dòng {indicator.source.line}", urls.source(plan), indicator.id),
            monitoring=self.cell(plan, indicator.monitoring),
            target=indicator.parsed_target,
            concept=Link(concept.name, urls.COMPARE, f"kn-{concept.id}-{indicator.horizon}") if concept else None,
            origin_label=vocab.ORIGINS[indicator.source.kind],
            is_child=indicator.parent is not None,
            edit_url=self.edit_url("indicator", plan.id, indicator.id),
            report_url=self.report_url(plan, indicator.id, f"Chỉ tiêu {indicator.label or ''}: {indicator.name}"),
        )

    def counts(self, tasks: list[m.Task], indicators: list[m.Indicator] = ()) -> Counts:
        """`due_passed` counts the tasks whose badge says "Đã đến hạn" (Deadline.state), so
        a card's share and the badges on the plan page always agree."""
        deadlines = [t.parsed_deadline for t in tasks if t.parsed_deadline]
        return Counts(
            tasks=len(tasks),
            indicators=len(indicators),
            dated=sum(1 for d in deadlines if d.judged_on),
            with_deadline=len(deadlines),
            due_passed=sum(1 for d in deadlines if d.state(self.today) is DeadlineState.PASSED),
        )

    def deadline_summary(self, tasks: list[m.Task]) -> DeadlineSummary:
        """How these tasks' deadlines stand today, by the badges' rule (Deadline.state)."""
        deadlines = [t.parsed_deadline for t in tasks if t.parsed_deadline]
        states = [d.state(self.today) for d in deadlines]
        return DeadlineSummary(
            today=self.today,
            tasks=len(tasks),
            passed=states.count(DeadlineState.PASSED),
            upcoming=states.count(DeadlineState.UPCOMING),
            undated=states.count(DeadlineState.ONGOING) + states.count(DeadlineState.CONDITIONAL),
            unwritten=len(tasks) - len(deadlines),
            reported=sum(1 for t in tasks if t.updates),
            dues=tuple(date_code(d.judged_on) for d in deadlines if d.judged_on),
        )

    def deadline_state(self, task: m.Task) -> str:
        deadline = task.parsed_deadline
        return deadline.state(self.today).value if deadline else NO_DEADLINE_STATE

    def topic_tasks(self, plan: m.Plan, topic_id: str) -> tuple[tuple[m.Task, ...], tuple[m.Task, ...]]:
        """(main, related): the plan's tasks whose main topic (from their section) is this
        one, then those that carry it as a further topic. Every count and list of a topic
        covers both: most tasks on data or innovation sit in other sections. Sorted out
        once per plan (the topic pages, their index, charts and the comparison all ask)."""
        if (split := self._topic_split.get(plan.id)) is None:
            main: dict[str, list[m.Task]] = {}
            related: dict[str, list[m.Task]] = {}
            for t in plan.tasks:
                main.setdefault(t.topics[0], []).append(t)
                for other in dict.fromkeys(t.topics[1:]):  # once, as `in` counted it
                    related.setdefault(other, []).append(t)
            split = self._topic_split[plan.id] = {
                topic: (tuple(main.get(topic, ())), tuple(related.get(topic, ()))) for topic in main.keys() | related
            }
        return split.get(topic_id, ((), ()))


__all__ = ["Views", "TaskView", "IndicatorView", "IssueView", "Link", "CellView", "DeadlineView", "DeadlineState"]
