"""The parts of the build that must grow linearly with the data, pinned by counting
operations (never time: the benchmark, scripts/bench.py, measures that), and the search
postings counted without lunr.py's builder equal to what that builder counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.data.loader import load_registry
from macros.data.registry import Registry
from macros.site.pages import Site, page_plan
from macros.site.search_docs import all_docs
from macros.site.search_index import FIELDS, build_lunr, term_index
from macros.site.views import Views

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures"
COPIES = 10


def scaled(registry: Registry, copies: int) -> Registry:
    """The registry with every province and plan repeated `copies` times (mergers kept
    within each copy), so it names `copies` times the agencies."""
    provinces, plans = {}, {}
    for k in range(copies):
        for p in registry.provinces.values():
            merged = f"{p.merged_into}-x{k}" if p.merged_into else None
            provinces[f"{p.id}-x{k}"] = p.model_copy(update={"id": f"{p.id}-x{k}", "merged_into": merged})
        for plan in registry.plans.values():
            plans[f"{plan.id}-x{k}"] = plan.model_copy(
                update={"id": f"{plan.id}-x{k}", "province": f"{plan.province}-x{k}"}
            )
    return Registry(
        provinces=provinces,
        agency_kinds=registry.agency_kinds,
        compound_aliases=registry.compound_aliases,
        topics=registry.topics,
        concepts=registry.concepts,
        plans=plans,
        abbreviations=registry.abbreviations,
        today=registry.today,
    )


def test_predecessors_of_ten_times_the_agencies_cost_a_lookup_per_agency(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = scaled(registry, COPIES)
    agencies = list(big.agencies.values())  # the list itself asks each agency for its successor once
    assert len(agencies) == COPIES * len(registry.agencies)
    calls = []
    original = Registry.successor
    monkeypatch.setattr(Registry, "successor", lambda self, agency: calls.append(agency) or original(self, agency))
    found = {a.id: [p.id for p in big.predecessors(a)] for a in agencies}
    # one pass over the agencies builds the successor map; asking pairs would be n² = 2.4 million
    assert len(calls) == len(agencies)
    # and the map is the real one, copied: each copy's agencies take over within that copy
    base = {a.id: [p.id for p in registry.predecessors(a)] for a in registry.agencies.values()}
    assert any(base.values())
    for k in range(COPIES):
        for agency_id, predecessors in base.items():
            province, kind = agency_id.split("/")
            assert found[f"{province}-x{k}/{kind}"] == [
                f"{p.split('/')[0]}-x{k}/{p.split('/')[1]}" for p in predecessors
            ]


def test_a_tasks_view_is_made_once_however_many_pages_show_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A task shows on its plan page, its agencies' and its topics' pages: its view is made once."""
    registry = load_registry(FIXTURE / "data", root=FIXTURE)
    made = []
    original = Views._task
    monkeypatch.setattr(Views, "_task", lambda self, plan, task: made.append(task.id) or original(self, plan, task))
    site = Site(registry, narratives={}, today=dt.date(2026, 1, 1))
    for page in page_plan(site):
        site.render(page)
    tasks = sum(len(p.tasks) for p in registry.plans.values())
    assert sorted(made) == sorted(t.id for p in registry.plans.values() for t in p.tasks)
    assert len(made) == tasks > 0


def test_postings_counted_directly_equal_lunr_builder(registry: Registry) -> None:
    """The build counts terms itself (lunr.py's tokenizer was most of the search files' time);
    the counts are lunr.Builder's, term for term (the browser test compares the weights
    and rankings with lunr.js)."""
    docs = all_docs(registry, Views(registry, registry.today), {}, {})
    builder = build_lunr(docs, registry)
    index = term_index(docs, registry)
    assert index.n == builder.document_count == len(docs)
    assert (index.k1, index.b) == (builder._k1, builder._b)
    assert sorted(index.postings) == sorted(builder.inverted_index)
    for name, _ in FIELDS:
        assert index.lengths[name] == [builder.field_lengths[f"{name}/{i}"] for i in range(len(docs))]
    for term, per_field in index.postings.items():
        for name, _ in FIELDS:
            expected = sorted(
                (int(ref), builder.field_term_frequencies[f"{name}/{ref}"][term])
                for ref in builder.inverted_index[term][name]
            )
            assert per_field[name] == expected, (term, name)
