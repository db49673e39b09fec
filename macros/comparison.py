"""The comparison page's three tables: same indicator concept across provinces, task
coverage by topic, and deadlines by period. One column per plan, in registry order."""

from __future__ import annotations

from typing import Any

from . import model as m
from . import urls
from . import vocabulary as vocab
from .deadlines import DeadlineKind
from .registry import Registry
from .render import number_vi
from .views import Link, Views


def normalised(indicator: m.Indicator) -> str:
    """'≥ 30 %' style text of a parsed target, for reading numbers side by side."""
    target = indicator.parsed_target
    if target is None:
        return ""
    unit = "%" if "%" in (indicator.unit or "") or "%" in (indicator.target or "") else ""
    if target.is_range:
        return f"{number_vi(target.value)}–{number_vi(target.value_to)}{(' ' + unit) if unit else ''}"
    operator = "" if target.operator == "=" else f"{target.operator} "
    return f"{operator}{number_vi(target.value)}{(' ' + unit) if unit else ''}"


def deadline_period(task: m.Task) -> tuple[int, str]:
    """(sort key, label) of the period a task is due in."""
    deadline = task.parsed_deadline
    if deadline is None:
        return (99_999, vocab.NO_DEADLINE)
    if deadline.kind in (DeadlineKind.ONGOING, DeadlineKind.ANNUAL, DeadlineKind.YEAR_ONWARD):
        return (99_000, "Thường xuyên, hằng năm hoặc liên tục từ một năm")
    if deadline.kind is DeadlineKind.CONDITIONAL:
        return (99_100, "Có điều kiện (chờ văn bản cấp trên)")
    due = deadline.due
    if deadline.kind in (DeadlineKind.QUARTER, DeadlineKind.MONTH, DeadlineKind.DAY):
        quarter = (due.month - 1) // 3 + 1
        return (due.year * 10 + quarter, f"Năm {due.year}, quý {'I II III IV'.split()[quarter - 1]}")
    return (due.year * 10 + 9, f"Trong năm {due.year} (không ghi quý)")


def comparison(registry: Registry, views: Views) -> dict[str, Any]:
    plans = list(registry.plans.values())
    columns = [
        {"plan": p.id, "province": p.province, "province_name": registry.provinces[p.province].name,
         "uri": urls.plan(p.id)}
        for p in plans
    ]
    rows: dict[tuple[str, int], list[list[dict[str, Any]]]] = {}
    for index, plan in enumerate(plans):
        for indicator in plan.indicators:
            if not indicator.concept:
                continue
            cells = rows.setdefault((indicator.concept, indicator.horizon), [[] for _ in plans])
            cells[index].append({
                "raw": indicator.target or "–",
                "unit": indicator.unit,
                "narrative": indicator.source.kind == "narrative",
                "normalised": normalised(indicator),
                "value": indicator.parsed_target.value if indicator.parsed_target else None,
                "link": Link(indicator.name, urls.plan(plan.id), indicator.id),
            })
    concepts = list(registry.concepts)
    indicator_rows = []
    for (concept_id, horizon), cells in sorted(rows.items(), key=lambda r: (concepts.index(r[0][0]), r[0][1])):
        indicator_rows.append({
            "concept": registry.concepts[concept_id], "horizon": horizon, "anchor": f"kn-{concept_id}-{horizon}",
            "cells": [{"entries": c, "value": c[0]["value"] if c else None} for c in cells],
        })
    topic_rows = [
        {"uri": urls.topic(t.id), "name": t.name, "counts": [sum(1 for x in p.tasks if x.topic == t.id) for p in plans]}
        for t in registry.topics.values() if t.for_tasks
    ]
    periods: dict[tuple[int, str], list[int]] = {}
    for index, plan in enumerate(plans):
        for task in plan.tasks:
            periods.setdefault(deadline_period(task), [0] * len(plans))[index] += 1
    deadline_rows = [{"label": label, "counts": counts} for (_, label), counts in sorted(periods.items())]
    missing = [views.plan_name(p) for p in plans if (a := p.appendix("indicators")) and not a.published]
    return {
        "columns": columns,
        "indicator_rows": indicator_rows,
        "topic_rows": topic_rows,
        "deadline_rows": deadline_rows,
        "missing": (
            "Chưa có chỉ tiêu của " + ", ".join(missing) + ": phụ lục chỉ tiêu không được công bố kèm văn bản."
            if missing else ""
        ),
    }
