"""The task explorer's page: the interactive part is explorer.js (loaded in the page's
<head> by theme_overrides/main.html, with explorer.css); this is the list every reader
gets without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass

from macros.site import urls
from macros.site.current_agency import now_summary
from macros.site.narratives import Narrative
from macros.site.pages.base import Site
from macros.site.views import Link

STATIC_LIST_LIMIT = 1000  # tasks the explorer lists in its page for readers without JavaScript


@dataclass(frozen=True)
class ExplorerRow:
    plan_id: str
    uri: str
    anchor: str
    label: str | None
    title: str
    lead: str
    lead_now: str  # "nay: …" where a 2025 merger changed the lead agency, else ""
    deadline: str


@dataclass(frozen=True)
class ExplorerPage:
    narrative: Narrative | None
    groups: list[tuple[Link, list[ExplorerRow]]]
    plan_count: int
    task_count: int
    full_list: bool  # past STATIC_LIST_LIMIT tasks the no-JS list names the plans only


def explorer_page(site: Site, _: None) -> ExplorerPage:
    groups = []
    for plan in site.registry.plans.values():
        rows = [
            ExplorerRow(
                plan_id=plan.id,
                uri=urls.plan(plan.id),
                anchor=t.id,
                label=t.label,
                title=t.title,
                lead=t.lead.raw if t.lead else "",
                lead_now=now_summary(site.registry.current_lead(plan, t)),
                deadline=t.parsed_deadline.raw if t.parsed_deadline else "",
            )
            for t in plan.tasks
        ]
        groups.append((site.views.plan_link(plan), rows))
    task_count = sum(len(rows) for _, rows in groups)
    return ExplorerPage(
        narrative=site.narrative(urls.EXPLORER),
        groups=groups,
        plan_count=len(site.registry.plans),
        task_count=task_count,
        full_list=task_count <= STATIC_LIST_LIMIT,
    )
