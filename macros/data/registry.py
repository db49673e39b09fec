"""The registry: every entity of data/, typed and cross-linked, with the queries pages ask.

Built by `macros.data.loader.load_registry`, the only reader of data/; pages, scripts and
tests ask these queries and never filter raw lists themselves.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from macros.data import clock
from macros.data import model as m


@dataclass(frozen=True, eq=False)
class Agency:
    """One province's agency of one kind (e.g. Sở Khoa học và Công nghệ of Nam Định)."""

    province: m.Province
    kind: m.AgencyKind

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Agency) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    @cached_property  # the key of every agency lookup: its parts are frozen, so made once
    def id(self) -> str:
        return f"{self.province.id}/{self.kind.id}"

    @cached_property
    def name(self) -> str:
        if self.kind.province or self.kind.category in ("nhom-co-quan", "trung-uong"):
            return self.kind.name
        place = "thành phố" if self.province.kind == "thanh-pho" else "tỉnh"
        base = self.kind.name.removesuffix(" tỉnh")
        return f"{base} {place} {self.province.name}"


@dataclass(frozen=True)
class CurrentAgency:
    """An agency as a plan names it, and who holds its duties today (2025 mergers).

    `now` is None when the body ended (district governments, 1/7/2025) and data/ records
    no successor: the reader is told that nothing is known, not given a guess."""

    named: Agency
    now: Agency | None

    @property
    def changed(self) -> bool:
        return self.now != self.named

    @property
    def ended(self) -> bool:
        return self.now is None


@dataclass(frozen=True)
class Location:
    """Where an entity is written: data file (relative to the repository) and line."""

    file: str
    line: int


@dataclass(frozen=True)
class SourceText:
    """One source text of data/sources/, read once by the loader: its bytes as received
    (offered for download) and its lines (numbered from 1 by provenance)."""

    file: str
    data: bytes
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Registry:
    provinces: dict[str, m.Province]
    agency_kinds: dict[str, m.AgencyKind]
    compound_aliases: tuple[m.CompoundAlias, ...]
    topics: dict[str, m.Topic]
    concepts: dict[str, m.Concept]
    plans: dict[str, m.Plan]
    abbreviations: tuple[m.Abbreviation, ...] = ()
    locations: dict[tuple[str, ...], Location] = field(default_factory=dict)
    """('plan', plan_id) / ('task', plan_id, task_id) / ('indicator', …) / ('kind', id) … -> Location."""
    sources: dict[str, SourceText] = field(default_factory=dict)
    """Source file name (data/sources/<name>) -> its text."""
    files: dict[str, str] = field(default_factory=dict)
    """Every data file read, repository-relative path -> its text (for the guide's examples)."""
    today: dt.date = field(default_factory=clock.today)
    """The date this load judged against (macros.data.clock); pages use the same."""
    reviews: dict[str, m.ReviewFile] = field(default_factory=dict)
    """Plan id -> its review list (data/reviews/<plan-id>.yml), while an editor has not cleared it."""
    lineage: tuple[m.LineageDocument, ...] = ()
    """Later documents (data/lineage.yml) and what they do to the plans."""

    def source_text(self, plan: m.Plan) -> SourceText:
        return self.sources[plan.source.file]

    # --- agencies ---------------------------------------------------------------------

    @cached_property
    def agencies(self) -> dict[str, Agency]:
        """Every agency named by a plan, plus the successors that took them over."""
        found: dict[str, Agency] = {}
        for plan in self.plans.values():
            for kind_id in self._kinds_named_by(plan):
                agency = self.agency(plan.province, kind_id)
                found[agency.id] = agency
        for agency in list(found.values()):
            successor = self.successor(agency)
            if successor is not None:
                found.setdefault(successor.id, successor)
        return dict(sorted(found.items()))

    def agency(self, province_id: str, kind_id: str) -> Agency:
        return Agency(self.provinces[province_id], self.agency_kinds[kind_id])

    def _kinds_named_by(self, plan: m.Plan) -> Iterable[str]:
        for task in plan.tasks:
            for cell in (task.lead, task.support):
                if cell:
                    yield from cell.agencies
        for indicator in plan.indicators:
            if indicator.monitoring:
                yield from indicator.monitoring.agencies

    def successor(self, agency: Agency) -> Agency | None:
        """Who holds this agency's duties today: the merged department and/or province.

        A body that ended without a successor (district governments, 1/7/2025) has none.
        """
        if agency.kind.ended_on:
            return None
        kind = agency.kind
        while kind.successor:
            kind = self.agency_kinds[kind.successor]
        province = self.current_province(agency.province.id)
        if kind.id == agency.kind.id and province.id == agency.province.id:
            return None
        return Agency(province, kind)

    def current_agency(self, agency: Agency) -> CurrentAgency:
        """The rule every page and file uses for "who is responsible now".

        A central body (Các bộ, ngành Trung ương) is not changed by a provincial merger."""
        if agency.kind.ended_on:
            return CurrentAgency(agency, None)
        successor = self.successor(agency)
        if successor is None or (successor.kind == agency.kind and agency.kind.category == "trung-uong"):
            return CurrentAgency(agency, agency)
        return CurrentAgency(agency, successor)

    def current_lead(self, plan: m.Plan, task: m.Task) -> list[CurrentAgency]:
        """The task's lead agencies (in cell order, once each) with who leads it today."""
        kinds = dict.fromkeys(task.lead.agencies if task.lead else ())
        return [self.current_agency(self.agency(plan.province, k)) for k in kinds]

    def predecessors(self, agency: Agency) -> list[Agency]:
        """The agencies whose duties this one took over (in agency order)."""
        return self._predecessors.get(agency.id, [])

    @cached_property
    def _predecessors(self) -> dict[str, list[Agency]]:
        """Successor id -> predecessors, from one pass over the agencies (asking every agency
        for every page would be quadratic at national size)."""
        table: dict[str, list[Agency]] = {}
        for agency in self.agencies.values():
            if (successor := self.successor(agency)) is not None:
                table.setdefault(successor.id, []).append(agency)
        return table

    @cached_property
    def _agency_index(self) -> dict[tuple[str, str], dict[str, list[Any]]]:
        index: dict[tuple[str, str], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for plan in self.plans.values():
            for task in plan.tasks:
                for role, cell in (("lead", task.lead), ("support", task.support)):
                    for kind_id in dict.fromkeys(cell.agencies if cell else ()):
                        index[(plan.province, kind_id)][role].append((plan, task))
            for indicator in plan.indicators:
                for kind_id in dict.fromkeys(indicator.monitoring.agencies if indicator.monitoring else ()):
                    index[(plan.province, kind_id)]["monitoring"].append((plan, indicator))
        return index

    def tasks_led_by(self, agency: Agency) -> list[tuple[m.Plan, m.Task]]:
        return self._agency_index[(agency.province.id, agency.kind.id)]["lead"]

    def tasks_supported_by(self, agency: Agency) -> list[tuple[m.Plan, m.Task]]:
        return self._agency_index[(agency.province.id, agency.kind.id)]["support"]

    def indicators_monitored_by(self, agency: Agency) -> list[tuple[m.Plan, m.Indicator]]:
        return self._agency_index[(agency.province.id, agency.kind.id)]["monitoring"]

    def taken_over(self, agency: Agency, role: str) -> list[tuple[m.Plan, Any]]:
        """The tasks (role "lead" or "support") or indicators ("monitoring") of the agencies
        this one took over, each once: a task two merged departments led jointly is one task."""
        found: dict[tuple[str, str], tuple[m.Plan, Any]] = {}
        for pre in self.predecessors(agency):
            for plan, record in self._agency_index[(pre.province.id, pre.kind.id)][role]:
                found.setdefault((plan.id, record.id), (plan, record))
        return list(found.values())

    def agencies_of_kind(self, kind_id: str) -> list[Agency]:
        return [a for a in self.agencies.values() if a.kind.id == kind_id]

    # --- topics, concepts, provinces --------------------------------------------------

    def tasks_for_topic(self, topic_id: str, *, primary_only: bool = False) -> list[tuple[m.Plan, m.Task]]:
        return [
            (plan, task)
            for plan in self.plans.values()
            for task in plan.tasks
            if (task.topic == topic_id if primary_only else topic_id in task.topics)
        ]

    def indicators_for_concept(self, concept_id: str) -> list[tuple[m.Plan, m.Indicator]]:
        return [(plan, ind) for plan in self.plans.values() for ind in plan.indicators if ind.concept == concept_id]

    def plans_for_province(self, province_id: str) -> list[m.Plan]:
        return [p for p in self.plans.values() if p.province == province_id]

    def plan_provinces(self) -> list[m.Province]:
        """The provinces plans were issued in and those that took them over (2025), by id:
        the ones with a page, a search record and a value in the explorer's province filter."""
        ids = {p.province for p in self.plans.values()}
        ids |= {self.current_province(i).id for i in ids}
        return [self.provinces[i] for i in sorted(ids)]

    def current_province(self, province_id: str) -> m.Province:
        province = self.provinces[province_id]
        while province.merged_into:
            province = self.provinces[province.merged_into]
        return province

    # --- what became of the plans (data/lineage.yml) ----------------------------------

    def lineage_of(self, plan: m.Plan) -> list[tuple[m.LineageDocument, m.LineageLink]]:
        """Later documents that act on this plan, or on a document it implements (by number)."""
        numbers = {ref.number for ref in plan.implements if ref.number}
        return [
            (doc, link)
            for doc in self.lineage
            for link in doc.links
            if link.plan == plan.id or (link.document is not None and link.document in numbers)
        ]

    def plan_status(self, plan: m.Plan) -> str:
        """in-force (nothing recorded), replaced, replacement-reported (a source says the
        plans of its province were replaced without naming this one) or amended."""
        relations = {(link.relation, link.named) for _, link in self.lineage_of(plan) if link.plan == plan.id}
        if (m.Relation.REPLACES, True) in relations:
            return "replaced"
        if (m.Relation.REPLACES, False) in relations:
            return "replacement-reported"
        if any(relation == m.Relation.AMENDS for relation, _ in relations):
            return "amended"
        return "in-force"

    def lineage_for_province(self, province_id: str) -> list[m.LineageDocument]:
        """Documents issued by this province (for its page)."""
        return [doc for doc in self.lineage if doc.province == province_id]
