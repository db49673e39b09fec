"""A topic's page (its tasks side by side per plan, its indicators by concept) and the
list of topics with counts per plan."""

from __future__ import annotations

from dataclasses import dataclass

from macros.data import model as m
from macros.site import urls
from macros.site.charts import BarChart, topic_chart
from macros.site.explorer_address import explorer_query
from macros.site.narratives import Narrative
from macros.site.pages.base import FULL_LIST, SHORT_LIST, Site
from macros.site.views import IndicatorView, Link, TaskView


def topic_shows(site: Site, topic: m.Topic) -> list[str]:
    return ["data/concepts.yml", *site.plan_files(site.registry.plans.values())]


@dataclass(frozen=True)
class TopicColumn:
    """One plan's tasks on the topic: main topic first, then further topic (the first
    SHORT_LIST in all when the page is long, with a link `more` to the rest)."""

    plan: m.Plan
    link: Link
    primary: list[TaskView]
    secondary: list[TaskView]
    primary_count: int
    secondary_count: int
    hidden: int
    more: tuple[str, str]  # (page, query): the explorer on this province and topic, or the plan page


@dataclass(frozen=True)
class TopicPage:
    topic: m.Topic
    columns: list[TopicColumn]
    concept_groups: list[tuple[m.Concept, list[IndicatorView]]]
    short: bool
    primary_count: int
    secondary_count: int
    indicator_count: int
    narrative: Narrative | None
    chart: BarChart


def topic_page(site: Site, topic: m.Topic) -> TopicPage:
    reg, views = site.registry, site.views
    tagged = {plan.id: views.topic_tasks(plan, topic.id) for plan in reg.plans.values()}
    short = sum(len(main) + len(related) for main, related in tagged.values()) > FULL_LIST
    columns = []
    for plan in reg.plans.values():
        main, related = tagged[plan.id]
        shown_main = main[:SHORT_LIST] if short else main
        shown_related = related[: SHORT_LIST - len(shown_main)] if short else related
        columns.append(
            TopicColumn(
                plan=plan,
                link=views.plan_link(plan),
                primary=[views.task(plan, t) for t in shown_main],
                secondary=[views.task(plan, t) for t in shown_related],
                primary_count=len(main),
                secondary_count=len(related),
                hidden=len(main) + len(related) - len(shown_main) - len(shown_related),
                more=(urls.EXPLORER, explorer_query({"ke-hoach": [plan.id], "chu-de": [topic.id]})),
            )
        )
    concept_groups = [
        (concept, [views.indicator(p, i) for p, i in reg.indicators_for_concept(concept.id)])
        for concept in reg.concepts.values()
        if concept.topic == topic.id
    ]
    concept_groups = [(c, v) for c, v in concept_groups if v]
    return TopicPage(
        topic=topic,
        columns=columns,
        concept_groups=concept_groups,
        short=short,
        primary_count=sum(c.primary_count for c in columns),
        secondary_count=sum(c.secondary_count for c in columns),
        indicator_count=sum(len(v) for _, v in concept_groups),
        narrative=site.narrative(urls.topic(topic.id)),
        chart=topic_chart(views, reg, topic),
    )


@dataclass(frozen=True)
class TopicCount:
    n: int  # tasks carrying the topic
    main: int  # of which as their main topic


@dataclass(frozen=True)
class TopicRow:
    uri: str
    name: str
    cells: list[TopicCount]  # one per plan
    total: TopicCount


@dataclass(frozen=True)
class TopicsIndex:
    narrative: Narrative | None
    plans: list[Link]
    rows: list[TopicRow]


def topics_index(site: Site, _: None) -> TopicsIndex:
    reg = site.registry
    plans = list(reg.plans.values())
    rows = []
    for topic in (t for t in reg.topics.values() if t.for_tasks):
        split = [site.views.topic_tasks(p, topic.id) for p in plans]
        cells = [TopicCount(len(main) + len(related), len(main)) for main, related in split]
        total = TopicCount(sum(c.n for c in cells), sum(c.main for c in cells))
        rows.append(TopicRow(urls.topic(topic.id), topic.name, cells, total))
    return TopicsIndex(
        narrative=site.narrative(urls.index(urls.TOPICS)),
        plans=[Link(reg.provinces[p.province].name, urls.plan(p.id)) for p in plans],
        rows=rows,
    )
