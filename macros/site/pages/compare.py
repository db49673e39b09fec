"""The comparison page: the same indicator concept across provinces, task coverage by
topic, and deadlines by period (shaped by macros.site.comparison)."""

from __future__ import annotations

from dataclasses import dataclass

from macros.data import model as m
from macros.site import urls
from macros.site.charts import CompareCharts, compare_charts
from macros.site.comparison import Column, DeadlineRow, IndicatorRow, TopicRow, comparison
from macros.site.narratives import Narrative
from macros.site.pages.base import Site


@dataclass(frozen=True)
class ConceptGroup:
    """One indicator concept's rows (one per target year): one card on a phone, one entry
    of the jump list."""

    concept: m.Concept
    anchor: str
    rows: list[IndicatorRow]


@dataclass(frozen=True)
class ComparePage:
    narrative: Narrative | None
    columns: list[Column]
    indicator_rows: list[IndicatorRow]
    concept_groups: list[ConceptGroup]
    topic_rows: list[TopicRow]
    deadline_rows: list[DeadlineRow]
    missing: str
    charts: CompareCharts


def concept_groups(rows: list[IndicatorRow]) -> list[ConceptGroup]:
    """The rows by concept, in the table's order (rows come sorted by concept, then year)."""
    groups: dict[str, list[IndicatorRow]] = {}
    for row in rows:
        groups.setdefault(row.concept.id, []).append(row)
    return [ConceptGroup(rows[0].concept, f"kn-{concept_id}", rows) for concept_id, rows in groups.items()]


def compare_page(site: Site, _: None) -> ComparePage:
    shaped = comparison(site.registry, site.views)
    return ComparePage(
        narrative=site.narrative(urls.COMPARE),
        columns=shaped.columns,
        indicator_rows=shaped.indicator_rows,
        concept_groups=concept_groups(shaped.indicator_rows),
        topic_rows=shaped.topic_rows,
        deadline_rows=shaped.deadline_rows,
        missing=shaped.missing,
        charts=compare_charts(shaped),
    )
