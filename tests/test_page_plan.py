"""The page table on a small fixture data set (tests/fixtures/data), without MkDocs: which
pages exist, their URLs, titles and the file each page's edit button opens. Expectations
come from the fixture's YAML, read here through the registry, not from the page code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from macros.data.loader import load_registry
from macros.data.problems import DataError
from macros.data.registry import Registry
from macros.site import urls
from macros.site.pages import PAGES, Site, page_plan

FIXTURE = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def fixture_registry() -> Registry:
    return load_registry(FIXTURE / "data", root=FIXTURE)


def plan_of(registry: Registry, narratives: dict[str, str] | None = None) -> dict[tuple[str, str], object]:
    site = Site(registry, narratives=narratives or {}, today=TODAY)
    return {(p.kind.kind, p.src_uri): p for p in page_plan(site)}


def test_one_page_per_entity_at_its_url(fixture_registry: Registry) -> None:
    reg = fixture_registry
    planned = plan_of(reg)
    expected = {("plan", urls.plan(p.id)) for p in reg.plans.values()}
    expected |= {("source", urls.source(p)) for p in reg.plans.values()}
    expected |= {("agency", urls.agency(a)) for a in reg.agencies.values()}
    expected |= {("kind", urls.kind(k)) for k in {a.kind.id for a in reg.agencies.values()}}
    expected |= {("topic", urls.topic(t.id)) for t in reg.topics.values() if t.for_tasks}
    # provinces with plans, and the province the fixture's tinh-a merged into
    expected |= {("province", urls.province(p)) for p in ("tinh-a", "tinh-b")}
    entity_kinds = {kind for kind, _ in expected}
    assert {key for key in planned if key[0] in entity_kinds} == expected
    singles = [k.kind for k in PAGES if k.kind not in entity_kinds]
    assert sorted(kind for kind, _ in planned if kind in singles) == sorted(singles), "one page per single kind"
    uris = [uri for _, uri in planned]
    assert len(uris) == len(set(uris)), "two pages at one URL"


def test_titles_say_what_the_page_is(fixture_registry: Registry) -> None:
    reg = fixture_registry
    planned = plan_of(reg)
    plan = reg.plans["demo-kh-1-2025"]
    name = f"Kế hoạch {plan.number} – {reg.provinces[plan.province].name}"
    assert planned[("plan", urls.plan(plan.id))].title == name
    assert planned[("source", urls.source(plan))].title == f"Văn bản gốc: {name}"
    agency = reg.agency("tinh-b", "so-khcn")
    assert (
        planned[("agency", urls.agency(agency))].title
        == f"Sở Khoa học và Công nghệ tỉnh {reg.provinces['tinh-b'].name}"
    )
    assert planned[("kind", urls.kind("so-tttt"))].title == "Sở Thông tin và Truyền thông – mọi tỉnh"
    assert planned[("topic", urls.topic("ha-tang-so"))].title == reg.topics["ha-tang-so"].name
    assert planned[("home", urls.HOME)].title == "Trang chủ"


def test_edit_buttons_open_the_file_that_holds_the_page(fixture_registry: Registry) -> None:
    reg = fixture_registry
    planned = plan_of(reg)
    plan = reg.plans["demo-kh-1-2025"]
    plan_file = reg.locations[("plan", plan.id)].file
    assert plan_file == "data/plans/demo-kh-1-2025.yml"
    wanted = {
        ("plan", urls.plan(plan.id)): plan_file,
        ("source", urls.source(plan)): plan_file,  # source texts are add-only; their notes are in the plan
        ("province", urls.province("tinh-a")): "data/provinces.yml",
        ("agency", urls.agency(reg.agency("tinh-a", "so-khcn"))): "data/agencies.yml",
        ("kind", urls.kind("so-khcn")): "data/agencies.yml",
        ("topic", urls.topic("chinh-quyen-so")): "data/topics.yml",
        ("home", urls.HOME): "content/index.md",
    }
    assert {key: planned[key].edit_path for key in wanted} == wanted
    # MkDocs' edit_uri is relative to edit/main/content/: data files sit beside content/
    assert urls.edit_uri(plan_file) == "../data/plans/demo-kh-1-2025.yml"
    assert urls.edit_uri("content/index.md") == "index.md"


def test_pages_are_dated_by_the_files_they_show(fixture_registry: Registry) -> None:
    planned = plan_of(fixture_registry)
    plan = fixture_registry.plans["demo-kh-1-2025"]
    assert planned[("source", urls.source(plan))].data_files == ("data/sources/demo.txt",)
    assert "data/sources/demo.txt" in planned[("plan", urls.plan(plan.id))].data_files
    assert "data/plans/demo-kh-1-2025.yml" in planned[("province", urls.province("tinh-b"))].data_files
    assert planned[("compare", urls.COMPARE)].data_files is None  # sums up every plan: all of data/


def test_a_narrative_without_its_entity_is_reported(fixture_registry: Registry) -> None:
    with pytest.raises(DataError) as caught:
        plan_of(fixture_registry, {urls.plan("no-such-plan"): "# Lời văn\n"})
    [problem] = caught.value.problems
    assert problem.file == f"content/{urls.plan('no-such-plan')}"
    assert "không khớp mã nào trong data/" in problem.message
    # and a narrative that matches its plan is accepted
    assert plan_of(fixture_registry, {urls.plan("demo-kh-1-2025"): "# Lời văn\n"})


def test_successors_are_worked_out_once_per_agency(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages ask every agency for its predecessors: that must cost one successor lookup per
    agency in all, not one per pair (quadratic at national size), and give what asking every
    pair would."""
    reg = load_registry(FIXTURE / "data", root=FIXTURE)
    agencies = list(reg.agencies.values())
    brute = {a.id: [p.id for p in agencies if reg.successor(p) == a] for a in agencies}
    calls = []
    original = Registry.successor
    monkeypatch.setattr(Registry, "successor", lambda self, agency: calls.append(agency) or original(self, agency))
    found = {a.id: [p.id for p in reg.predecessors(a)] for a in agencies}
    assert len(calls) == len(agencies)
    assert found == brute and any(found.values()), found
