"""What became of a plan, shaped for its page and for its successor province's page.

The facts are data/lineage.yml (loaded and checked by macros.data.loader); this module only
groups them for the component theme_overrides/gp/components/lineage.html, which words them.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.data import model as m
from macros.data.registry import Registry
from macros.site.views import Link, Views

# The plan's status as its notice heads it (registry.plan_status); no heading when nothing is recorded.
STATUS_HEADINGS = {
    "replaced": "Kế hoạch này đã được thay thế",
    "replacement-reported": "Có thông tin kế hoạch này đã được thay thế",
    "amended": "Kế hoạch này đã được sửa đổi, bổ sung",
    "in-force": "Văn bản ban hành sau kế hoạch này",
}
STATUS_WORDS = {
    "replaced": "đã được thay thế",
    "replacement-reported": "có thông tin đã được thay thế (nguồn không nêu đích danh)",
    "amended": "đã được sửa đổi, bổ sung",
    "in-force": "chưa ghi nhận văn bản thay thế",
}
RELATION_WORDS = {
    m.Relation.REPLACES: "thay thế",
    m.Relation.AMENDS: "sửa đổi, bổ sung",
    m.Relation.FOLLOWS: "tiếp nối",
}


@dataclass(frozen=True)
class LineageItem:
    """One later document and what it does to one plan (or to a document the plan implements)."""

    document: m.LineageDocument
    link: m.LineageLink
    relation: str  # "thay thế", …
    target: Link | None  # the plan acted on, when it is on the portal
    text: Link | None  # the document's own page, when its text is on the portal


@dataclass(frozen=True)
class PlanLineage:
    status: str  # registry.plan_status
    heading: str
    items: list[LineageItem]


class LineageViews:
    """The lineage component's queries (a template global: `lineage.plan(p)`, `lineage.province(p)`)."""

    def __init__(self, registry: Registry, views: Views) -> None:
        self.reg, self.views = registry, views

    def _item(self, doc: m.LineageDocument, link: m.LineageLink) -> LineageItem:
        target = self.reg.plans.get(link.plan) if link.plan else None
        text = self.reg.plans.get(doc.on_portal) if doc.on_portal else None
        return LineageItem(
            document=doc,
            link=link,
            relation=RELATION_WORDS[link.relation],
            target=self.views.plan_link(target) if target else None,
            text=self.views.plan_link(text) if text else None,
        )

    def plan(self, plan: m.Plan) -> PlanLineage | None:
        """The notice at the top of the plan's page; None when nothing is recorded."""
        items = [self._item(doc, link) for doc, link in self.reg.lineage_of(plan)]
        if not items:
            return None
        status = self.reg.plan_status(plan)
        return PlanLineage(status, STATUS_HEADINGS[status], items)

    def province(self, province: m.Province) -> list[LineageItem]:
        """Documents this province issued after the plans on the portal, with what they act on."""
        return [self._item(doc, link) for doc in self.reg.lineage_for_province(province.id) for link in doc.links]

    def status_words(self, plan: m.Plan) -> str:
        return STATUS_WORDS[self.reg.plan_status(plan)]
