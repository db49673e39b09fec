"""The comparison page: the same indicator concept across provinces, task coverage by
topic, and deadlines by period (shaped by macros.site.comparison)."""

from __future__ import annotations

from dataclasses import dataclass

from macros.site import urls
from macros.site.comparison import Column, DeadlineRow, IndicatorRow, TopicRow, comparison
from macros.site.narratives import Narrative
from macros.site.pages.base import Site


@dataclass(frozen=True)
class ComparePage:
    narrative: Narrative | None
    columns: list[Column]
    indicator_rows: list[IndicatorRow]
    topic_rows: list[TopicRow]
    deadline_rows: list[DeadlineRow]
    missing: str


def compare_page(site: Site, _: None) -> ComparePage:
    shaped = comparison(site.registry, site.views)
    return ComparePage(
        narrative=site.narrative(urls.COMPARE),
        columns=shaped.columns,
        indicator_rows=shaped.indicator_rows,
        topic_rows=shaped.topic_rows,
        deadline_rows=shaped.deadline_rows,
        missing=shaped.missing,
    )
