"""What a reviewer checks in a newly added plan, for the change report: its tasks and
indicators in compact tables, what the importer guessed and nobody has changed since
(topics, comparison concepts), the importer's review list ("cần xem lại") kept beside the
draft, and whether every verbatim field is still the source's text.

The review list is the file the importer writes beside the draft, data/reviews/<plan-id>.yml,
which the loader reads into `Registry.reviews`; while it exists the plan is not reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from macros.data import fidelity
from macros.data import model as m
from macros.data.loader import REVIEWS_DIR
from macros.data.registry import Registry
from macros.editing.plan_builder import PlanBuilder
from macros.editing.topic_guess import guess_topics
from macros.site import urls

TITLE_LIMIT = 90  # characters of a title in the table (the link opens the whole text)


@dataclass(frozen=True)
class TaskRow:
    label: str
    title: str
    url: str
    lead: str
    deadline: str
    topics: str
    guessed: bool  # the topics are still the importer's guess


@dataclass(frozen=True)
class IndicatorRow:
    label: str
    horizon: int
    name: str
    url: str
    target: str
    unit: str
    concept: str
    guessed: bool  # the concept is still the importer's guess (or the importer found none)


@dataclass
class NewPlan:
    name: str
    url: str
    tasks: list[TaskRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    copied: int = 0  # verbatim fields compared with the source
    mismatched: list[tuple[str, str, str]] = field(default_factory=list)  # (record id, field, value)
    exempt: list[str] = field(default_factory=list)  # records marked verbatim: false
    topics_guessed: int = 0
    concepts_guessed: int = 0
    review: list[str] = field(default_factory=list)  # the importer's review list, as written
    review_file: str | None = None


def review_list(registry: Registry, plan_id: str) -> tuple[str | None, list[str]]:
    """(repository path, items in words) of the importer's review list for a plan, if one is kept."""
    review = registry.reviews.get(plan_id)
    if review is None:
        return None, []
    items = []
    for item in review.items:
        text = item.message
        if (alias := item.alias) is not None:
            kind = registry.agency_kinds.get(alias.kind)
            text += (
                f" (đề xuất: “{alias.text}” là {kind.name if kind else alias.kind}, độ tin cậy {alias.confidence} %"
                + (", đã nhận" if alias.accept else "")
                + ")"
            )
        items.append(text)
    return f"data/{REVIEWS_DIR}/{plan_id}.yml", items


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1] + "…"


def _agencies(registry: Registry, cell: m.AgencyCell | None) -> str:
    if cell is None:
        return ""
    names = [registry.agency_kinds[k].short_name or registry.agency_kinds[k].name for k in cell.agencies]
    return "; ".join(names) or cell.raw


def new_plan(registry: Registry, plan: m.Plan, name: str, data_dir: Path) -> NewPlan:
    plan_url = urls.page_url(urls.plan(plan.id))
    out = NewPlan(name, plan_url)
    builder = PlanBuilder(registry)
    sections = {s.id: s.topic for s in plan.sections}
    topics = registry.topics.values()
    for task in plan.tasks:
        guessed = guess_topics(task.title, sections.get(task.section, task.topic), topics) == task.topics
        deadline = task.deadline.raw if isinstance(task.deadline, m.DeadlineOverride) else task.deadline
        out.tasks.append(
            TaskRow(
                task.label or "",
                _short(task.title),
                f"{plan_url}#{task.id}",
                _agencies(registry, task.lead),
                deadline or "",
                "; ".join(registry.topics[t].short_name for t in task.topics),
                guessed,
            )
        )
        out.topics_guessed += guessed
    for ind in plan.indicators:
        guessed = builder.concept_for(ind.name) == ind.concept
        out.indicators.append(
            IndicatorRow(
                ind.label or "",
                ind.horizon,
                _short(ind.name),
                f"{plan_url}#{ind.id}",
                ind.target or "",
                ind.unit or "",
                registry.concepts[ind.concept].name if ind.concept else "",
                guessed,
            )
        )
        out.concepts_guessed += guessed and ind.concept is not None
    source = registry.sources.get(plan.source.file)
    for record in [*plan.tasks, *plan.indicators]:
        if not record.source.verbatim:
            out.exempt.append(record.id)
            continue
        out.copied += sum(1 for _ in fidelity.copied_fields(record))
        if source is not None:
            out.mismatched += [(record.id, f.field, f.value) for f in fidelity.mismatches(record, source.lines)]
    out.review_file, out.review = review_list(registry, plan.id)
    return out
