"""A province's page (its plans, the plans of the provinces merged into it, its agencies)
and the list of provinces."""

from __future__ import annotations

from dataclasses import dataclass

from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.site import urls
from macros.site.charts import BarChart, province_timeline
from macros.site.narratives import Narrative
from macros.site.pages.base import PlanCard, Site, place
from macros.site.views import Link


def province_title(site: Site, province: m.Province) -> str:
    return f"{place(province).capitalize()} {province.name}"


def predecessors(site: Site, province: m.Province) -> list[m.Province]:
    """The provinces merged into this one (2025)."""
    return [p for p in site.registry.provinces.values() if p.merged_into == province.id]


def province_shows(site: Site, province: m.Province) -> list[str]:
    plans = [p for pr in (province, *predecessors(site, province)) for p in site.registry.plans_for_province(pr.id)]
    return ["data/agencies.yml", *site.plan_files(plans)]


@dataclass(frozen=True)
class ProvincePage:
    title: str
    province: m.Province
    place: str
    successor: m.Province | None
    successor_place: str
    predecessors: list[m.Province]
    shown: set[str]  # provinces that have a page
    plan_cards: list[PlanCard]
    inherited_cards: list[PlanCard]  # plans of the provinces merged into this one
    agency_groups: list[tuple[str, list[Link]]]  # by category
    narrative: Narrative | None
    chart: BarChart | None  # the deadlines of its plans and of those merged into it


def province_page(site: Site, province: m.Province) -> ProvincePage:
    reg = site.registry
    successor = reg.current_province(province.id) if province.merged_into else None
    before = predecessors(site, province)
    plans = [p for pr in (province, *before) for p in reg.plans_for_province(pr.id)]
    groups: dict[str, list[Link]] = {}
    for agency in (a for a in reg.agencies.values() if a.province.id == province.id):
        groups.setdefault(vocab.AGENCY_CATEGORIES[agency.kind.category], []).append(site.views.agency_link(agency))
    return ProvincePage(
        title=province_title(site, province),
        province=province,
        place=place(province).capitalize(),
        successor=successor,
        successor_place=place(successor) if successor else "",
        predecessors=before,
        shown={p.id for p in site.provinces_shown()},
        plan_cards=[site.plan_card(p) for p in reg.plans_for_province(province.id)],
        inherited_cards=[site.plan_card(p) for pre in before for p in reg.plans_for_province(pre.id)],
        agency_groups=sorted(groups.items()),
        narrative=site.narrative(urls.province(province.id)),
        chart=province_timeline(site.views, province, plans) if plans else None,
    )


@dataclass(frozen=True)
class ProvinceRow:
    uri: str
    name: str
    plans: list[Link]
    successor: Link | None
    note: str | None


@dataclass(frozen=True)
class ProvincesIndex:
    narrative: Narrative | None
    rows: list[ProvinceRow]


def provinces_index(site: Site, _: None) -> ProvincesIndex:
    reg = site.registry
    rows = []
    for province in site.provinces_shown():
        current = reg.current_province(province.id)
        rows.append(
            ProvinceRow(
                uri=urls.province(province.id),
                name=province.name,
                plans=[site.views.plan_link(p) for p in reg.plans_for_province(province.id)],
                successor=Link(current.name, urls.province(current.id)) if current.id != province.id else None,
                note=province.note,
            )
        )
    return ProvincesIndex(site.narrative(urls.index(urls.PROVINCES)), rows)
