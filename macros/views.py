"""Shaping the registry into what templates show: links resolved, codes put into words.

Templates receive these small view objects and never query the registry themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import model as m
from . import urls
from . import vocabulary as vocab
from .deadlines import Deadline, DeadlineKind, DeadlineState
from .registry import Agency, Registry
from .targets import Target
from .text import match_key


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


@dataclass
class Counts:
    tasks: int = 0
    indicators: int = 0
    due_passed: int = 0
    dated: int = 0
    extra: dict[str, int] = field(default_factory=dict)


class Views:
    def __init__(self, registry: Registry, today: dt.date, editor: urls.Editor | None = None) -> None:
        self.reg = registry
        self.today = today
        self.editor = editor

    def edit_url(self, *key: str) -> str | None:
        location = self.reg.locations.get(key)
        return self.editor.line(location.file, location.line) if self.editor and location else None

    # --- small pieces ----------------------------------------------------------------

    def agency_link(self, agency: Agency) -> Link:
        return Link(agency.name, urls.agency(agency))

    def plan_link(self, plan: m.Plan, anchor: str | None = None) -> Link:
        return Link(self.plan_name(plan), urls.plan(plan.id), anchor)

    def plan_name(self, plan: m.Plan) -> str:
        """Short name: 'Kế hoạch 29/KH-UBND (Nam Định)' / 'Chương trình hành động (Hải Dương)'."""
        doc = vocab.DOC_TYPES[plan.doc_type]
        number = f" {plan.number}" if plan.number else ""
        return f"{doc}{number} – {self.reg.provinces[plan.province].name}"

    def cell(self, plan: m.Plan, cell: m.AgencyCell | None) -> CellView | None:
        """The cell as written, with a link per recognised agency (named by its kind: the
        plan already says which province)."""
        if cell is None:
            return None
        links = tuple(Link(self.reg.agency_kinds[k].name, urls.agency(self.reg.agency(plan.province, k)))
                      for k in cell.agencies)
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
            detail = f"hạn {due:%d/%m/%Y}" if due else ""
        return DeadlineView(
            raw=deadline.raw, kind=deadline.kind.value, kind_label=vocab.DEADLINE_KINDS[deadline.kind],
            state=state.value, state_label=vocab.DEADLINE_STATES[state], due=due, detail=detail,
        )

    def topic_links(self, topic_ids: list[str]) -> tuple[Link, ...]:
        return tuple(Link(self.reg.topics[t].short_name, urls.topic(t)) for t in topic_ids)

    # --- entities --------------------------------------------------------------------

    def task(self, plan: m.Plan, task: m.Task) -> TaskView:
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
        )

    def indicator(self, plan: m.Plan, indicator: m.Indicator) -> IndicatorView:
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
        )

    def counts(self, tasks: list[m.Task], indicators: list[m.Indicator] = ()) -> Counts:
        dated = [t.parsed_deadline.due for t in tasks if t.parsed_deadline and t.parsed_deadline.due]
        return Counts(
            tasks=len(tasks),
            indicators=len(indicators),
            dated=len(dated),
            due_passed=sum(1 for d in dated if d < self.today),
        )

    def deadline_state(self, task: m.Task) -> str:
        deadline = task.parsed_deadline
        return deadline.state(self.today).value if deadline else "none"


__all__ = ["Views", "TaskView", "IndicatorView", "Link", "CellView", "DeadlineView", "DeadlineState"]
