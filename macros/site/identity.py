"""What a plan is, in the few facts a reader asks first: the identity block that heads
both the plan's page and its source text (components/identity.html), and the deadline
summary in words that claim nothing a progress report has not said.

The summary (views.DeadlineSummary) carries each dated task's judging date so
gp-today.js can count "passed" again against the reader's date; the page keeps the date
it was built on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.site.pages.base import Site, place
from macros.site.views import DeadlineSummary, IssueView


@dataclass(frozen=True)
class Successor:
    """The province a plan's province merged into on 01/07/2025, as the model records it."""

    province: m.Province
    place: str  # "tỉnh", "thành phố"
    merged_on: dt.date | None
    basis: str | None


@dataclass(frozen=True)
class Identity:
    plan: m.Plan
    name: str  # "Kế hoạch 29/KH-UBND – Nam Định"
    doc_type: str
    province: m.Province
    province_place: str
    issue: IssueView
    successor: Successor | None
    tasks: int
    indicators: int
    indicators_missing: bool  # the indicator appendix is cited but not published
    deadlines: DeadlineSummary

    @property
    def number_missing(self) -> bool:
        return not self.plan.number

    @property
    def date_missing(self) -> str:
        """'' when the text gives a full date; else what it leaves out ("ngày", "ngày, tháng, năm")."""
        if self.plan.issued_on:
            return ""
        return "ngày" if self.issue.partial else "ngày, tháng, năm"


def identity(site: Site, plan: m.Plan) -> Identity:
    reg = site.registry
    province = reg.provinces[plan.province]
    successor = None
    if province.merged_into:
        current = reg.current_province(province.id)
        successor = Successor(current, place(current), province.merged_on, province.merge_basis)
    appendix = plan.appendix("indicators")
    return Identity(
        plan=plan,
        name=site.views.plan_name(plan),
        doc_type=vocab.DOC_TYPES[plan.doc_type],
        province=province,
        province_place=place(province),
        issue=site.views.issue(plan),
        successor=successor,
        tasks=len(plan.tasks),
        indicators=len(plan.indicators),
        indicators_missing=bool(appendix and not appendix.published),
        deadlines=site.views.deadline_summary(plan.tasks),
    )
