"""The home page and the list of plans: every plan as a card, and the ways into the site."""

from __future__ import annotations

from dataclasses import dataclass

from macros.site import urls
from macros.site.charts import HomeCharts, home_charts
from macros.site.narratives import Narrative
from macros.site.pages.base import PlanCard, Site
from macros.site.views import Link

HOME_KINDS = 8  # agency kinds the home page offers, those leading the most tasks first


@dataclass(frozen=True)
class HomePage:
    narrative: Narrative | str
    plan_cards: list[PlanCard]
    provinces: list[Link]
    kinds: list[Link]
    topics: list[Link]
    charts: HomeCharts


def home(site: Site, _: None) -> HomePage:
    reg = site.registry
    led = {k.id: sum(len(reg.tasks_led_by(a)) for a in reg.agencies_of_kind(k.id)) for k in site.kinds_shown()}
    kinds = sorted(site.kinds_shown(), key=lambda k: -led[k.id])
    return HomePage(
        narrative=site.narrative(urls.HOME, 0) or "",
        plan_cards=[site.plan_card(p) for p in reg.plans.values()],
        provinces=[Link(p.name, urls.province(p.id)) for p in site.provinces_shown()],
        kinds=[Link(k.name, urls.kind(k.id)) for k in kinds[:HOME_KINDS]],
        topics=[Link(t.name, urls.topic(t.id)) for t in reg.topics.values() if t.for_tasks],
        charts=home_charts(site.views, reg),
    )


@dataclass(frozen=True)
class PlansIndex:
    narrative: Narrative | None
    plan_cards: list[PlanCard]


def plans_index(site: Site, _: None) -> PlansIndex:
    return PlansIndex(
        narrative=site.narrative(urls.index(urls.PLANS)),
        plan_cards=[site.plan_card(p) for p in site.registry.plans.values()],
    )
