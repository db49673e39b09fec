"""scripts/bench.py runs on the real site and reports its figures in the documented shape;
its builds import this checkout's macros/; macros/bench/national_sample.py writes a valid,
deterministic national-size data set.

Only the structure and the sign of the figures are checked, never timings: those depend
on the machine. The bench test builds the whole site once more and opens it in Chromium
(one sample per scenario, `--samples 1`), the full-size sample takes some seconds to
write and load, and the sample's build runs MkDocs: these carry the `slow` marker, so
`pytest -m "not slow"` skips them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from macros.bench.browser import Chromium, _serve
from macros.bench.measure import mkdocs_process
from macros.bench.national_sample import INDICATORS_PER_PLAN, UNITS, SampleSummary, write_national_sample
from macros.bench.peers import (
    MATERIAL,
    PAGEFIND,
    PEER_DIR,
    PEER_PAGE,
    PORTAL_MAIN,
    STOCK_HOOK,
    Peer,
    compare,
    goal_checks,
    pagefind_site,
    stock_material_config,
    stock_material_site,
)
from macros.bench.report import format_growth, format_peers, growth, json_report
from macros.bench.site_config import NOT_COPIED, load_config, site_config
from macros.data.loader import load_registry
from macros.data.registry import Registry
from macros.site import urls
from macros.site.pages import FULL_LIST, SHORT_LIST, Site, page_plan

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH = REPO_ROOT / "scripts" / "bench.py"
SLOW_TESTS = {
    "test_bench_json_report",
    "test_national_sample_full_size",
    "test_national_sample_builds",
    "test_topic_pages_stay_light_at_national_size",
    "test_stock_material_peer_indexes_every_page",
}
SCENARIOS = {"search", "search_floor", "explorer_query", "explorer_facets"}
CATEGORIES = {"html", "css", "js", "search", "other"}

# A test module's own hooks are not called by pytest, so this module registers itself as a
# plugin: its pytest_configure then declares the `slow` marker (tests/conftest.py stays
# untouched) and its collection hook marks the tests above, before `-m` deselects.
pytest_plugins = [__name__]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", 'slow: takes more than ~15 s or builds the whole site; skip with -m "not slow"')


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if getattr(item, "module", None) is sys.modules[__name__] and item.originalname in SLOW_TESTS:
            item.add_marker("slow")


def test_bench_json_report() -> None:
    proc = subprocess.run(
        # the peers (another full build, Pagefind) are tested below on small sites
        [sys.executable, str(BENCH), "--runs", "1", "--samples", "1", "--no-peers", "--json"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=20 * 60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)  # stdout is the JSON alone; progress goes to stderr
    assert "Dựng lần 1/1" in proc.stderr
    assert report["data_set"] == "current"
    assert report["machine"]["cpus"] >= 1
    data = report["data"]
    assert data["plans"] > 0 and data["tasks"] >= data["tasks_with_lead"] > 0 and data["agencies"] > 0

    build = report["build"]
    assert len(build["runs_s"]) == 1 and build["runs_s"][0] > 0
    assert build["median_s"] == build["runs_s"][0]
    assert 0 < build["cpu_median_s"] and 50 < build["peak_mib"] < 4096  # the kernel's figures of the build process

    loop = report["serve_loop"]  # the editor's loop under make serve, on a copy of data/
    assert len(loop["runs_s"]) == 3 and all(0 < s for s in loop["runs_s"])
    assert loop["rebuilt"].count("/") >= 3, loop  # one "made again / generated" pair per edit

    size = report["size"]
    assert size["total_bytes"] > size["bytes_without_search"] > 0  # the search index is not empty
    assert size["html_pages"] > 0
    heaviest = size["heaviest_pages"]
    assert len(heaviest) == min(5, size["html_pages"])
    assert [p["bytes"] for p in heaviest] == sorted((p["bytes"] for p in heaviest), reverse=True)
    for page in heaviest:
        assert page["path"].endswith(".html") and not page["path"].startswith("search/")
        assert 0 < page["gzip_bytes"] < page["bytes"]
    assert size["page_limit_bytes"] == 300 * 1024
    over = size["pages_over_limit"]
    assert size["all_pages_under_limit"] is (not over)
    assert all(p["bytes"] > size["page_limit_bytes"] for p in over)
    assert (heaviest[0]["bytes"] <= size["page_limit_bytes"]) is size["all_pages_under_limit"]

    first = report["first_results"]
    assert first["samples"] == 1 and set(first["scenarios"]) == SCENARIOS  # --no-peers: no peer scenario
    assert "peers" not in report
    for key, scenario in first["scenarios"].items():
        assert scenario["first_ms"] > 0 and scenario["load_ms"] > 0, key
        assert scenario["from_load_ms"] == pytest.approx(
            scenario["runs"][0]["first_ms"] - scenario["runs"][0]["load_ms"], abs=0.2
        )
        before = scenario["before_first"]
        assert set(before["by_category"]) == CATEGORIES
        for unit in ("bytes", "gzip_bytes", "files"):
            assert before[unit] == sum(c[unit] for c in before["by_category"].values()), (key, unit)
        assert 0 < before["gzip_bytes"] < before["bytes"]
        assert before["by_category"]["html"]["files"] >= 1 and before["by_category"]["js"]["files"] >= 1
        assert sum(f["before_first"] for f in scenario["timeline"]) == before["files"]
        assert all(f["end_ms"] is None or f["end_ms"] >= f["start_ms"] for f in scenario["timeline"])
        # the real search needs the portal's bundle (search/gp/) before its first result; the stub, none
        bundle = [f for f in scenario["timeline"] if f["before_first"] and f["path"].startswith("search/gp/")]
        assert bool(bundle) is (key != "search_floor"), key
    assert first["scenarios"]["search_floor"]["diagnostic"] is True

    phases = report["search_phases"]
    assert phases["hits"] > 0 and phases["worker_groups"] > 0
    assert {"index/ch.json", "explore.json", "docs-0.json"} <= set(phases["files"])
    assert phases["prepare_ms"] > 0 and phases["query_ms"] > 0 and phases["worker_ready_ms"] > 0

    checks = report["targets"]
    assert [c["what"] for c in checks] == ["build", "make serve: plan edit to page", "heaviest page"] + [
        f"{k}: {what}"
        for k in ("search", "explorer_query", "explorer_facets")
        for what in ("first result after load", "gzip before first result")
    ]
    assert checks[1]["value"] == loop["median_s"] and checks[1]["target"] == "≤ 1 s"
    assert checks[2]["pass"] is size["all_pages_under_limit"] and checks[2]["value"] == heaviest[0]["bytes"]
    targets = {c["what"]: c["target"] for c in checks}
    assert targets["search: first result after load"] == "≤ 100 ms"
    assert targets["explorer_query: first result after load"] == "≤ 150 ms"
    assert all(isinstance(c["pass"], bool) for c in checks)


def test_bench_builds_import_this_checkouts_macros(tmp_path: Path) -> None:
    """A benchmark build runs where the national sample lives, with whatever PYTHONPATH (or
    editable install) the shell has: another checkout's `macros` there must not win."""
    other = tmp_path / "other-checkout"
    (other / "macros").mkdir(parents=True)
    for module in ("__init__.py", "hooks.py"):
        (other / "macros" / module).write_text("", encoding="utf-8")
    (tmp_path / "national").mkdir()
    environ = {**os.environ, "PYTHONPATH": str(other)}
    cmd, cwd, env = mkdocs_process(tmp_path / "national" / "mkdocs.yml", tmp_path / "site", environ)
    assert cmd[1:4] == ["-m", "mkdocs", "build"]
    probe = subprocess.run(
        [cmd[0], "-c", "import macros.hooks; print(macros.__file__); print(macros.hooks.__file__)"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.returncode == 0, probe.stderr
    assert [Path(p) for p in probe.stdout.split()] == [
        REPO_ROOT / "macros" / "__init__.py",
        REPO_ROOT / "macros" / "hooks.py",
    ]


# --- the peers: Pagefind and stock Material search ------------------------------------------


def test_pagefind_peer_finds_the_query_on_a_copy_of_the_site(tmp_path: Path, built_site: Path) -> None:
    """Pagefind indexes a copy (the built site stays as it was) and its own page shows the
    first result for the benchmark's query, a link to one of the indexed pages; the sample
    counts Pagefind's script, WebAssembly and index files before that result."""
    small = tmp_path / "small"  # a few pages of the real site: indexing all of it takes seconds
    pages = [
        "index.html",
        *sorted(p.relative_to(built_site).as_posix() for p in built_site.glob("ke-hoach/*/index.html")),
    ]
    for page in pages:
        (small / page).parent.mkdir(parents=True, exist_ok=True)
        (small / page).write_bytes((built_site / page).read_bytes())
    peer = pagefind_site(small, tmp_path / "peers")
    assert not (built_site / "pagefind").exists() and not (small / "pagefind").exists()
    assert peer.about["version"] == "1.5.2" and peer.about["bundle_bytes"] > 0
    # the portal's own home page, WebAssembly allowed in the copy only
    home, with_pagefind = ((folder / "index.html").read_text(encoding="utf-8") for folder in (small, peer.site))
    peer_page = (peer.site / PEER_PAGE).read_text(encoding="utf-8")
    assert "'wasm-unsafe-eval'" in peer_page and "'wasm-unsafe-eval'" not in home + with_pagefind
    assert (
        peer_page.replace(" 'wasm-unsafe-eval'", "").replace(
            f'<script type="module" src="{PEER_DIR}/peer.js"></script>\n', ""
        )
        == home
    )
    url, stop = _serve(peer.site)

    def open_and_sample() -> tuple[str | None, str, dict]:
        chromium = Chromium()
        try:
            context = chromium.browser.new_context()
            page = context.new_page()
            page.goto(url + PAGEFIND.path)
            link = page.locator(PAGEFIND.selector + " a")
            link.wait_for(timeout=30_000)
            href, text = link.get_attribute("href"), link.inner_text()
            context.close()
            return href, text, chromium.sample(url, PAGEFIND)
        finally:
            chromium.close()

    try:
        # the benchmark's own Playwright, in a thread of its own: a browser test that ran before
        # on this worker leaves pytest-playwright's event loop in the main thread
        with ThreadPoolExecutor(1) as pool:
            href, text, sample = pool.submit(open_and_sample).result()
    finally:
        stop()
    assert text.strip() and href is not None
    assert href.lstrip("/") + "index.html" in pages, href
    before = {f["path"]: f["category"] for f in sample["files"] if f["before_first"]}
    assert before["pagefind/pagefind.js"] == "js"
    assert any(p.endswith(".pf_index") and c == "search" for p, c in before.items()), before
    assert any(p.startswith("pagefind/wasm.") for p in before), before
    assert sample["first_ms"] > 0


def scenario(from_load_ms: float, gzip_bytes: int, peer: str | None = None) -> dict:
    return {"from_load_ms": from_load_ms, "first_ms": from_load_ms + 500, "peer": peer,
            "before_first": {"gzip_bytes": gzip_bytes, "files": 4}}  # fmt: skip


def test_the_goal_against_pagefind_needs_three_times_faster_and_fewer_bytes() -> None:
    peers = [Peer(PAGEFIND, Path("."), {"version": "1.5.2", "index_s": 1.0, "bundle_bytes": 2048}),
             Peer(MATERIAL, Path("."), {"version": "9", "build_s": 9.0, "index_bytes": 4096})]  # fmt: skip
    first = {
        "query": "chuyen doi so",
        "scenarios": {
            "search": scenario(100, 100_000),
            "explorer_query": scenario(300, 100_000),
            "pagefind": scenario(300, 400_000, "pagefind"),
            "material": scenario(1500, 90_000, "material"),
        },
    }
    comparison = compare(first, peers)
    assert comparison["peers"]["pagefind"]["against"] == {
        "search": {"speedup": 3.0, "speedup_from_navigation": 1.33, "gzip_ratio": 4.0},
        "explorer_query": {"speedup": 1.0, "speedup_from_navigation": 1.0, "gzip_ratio": 4.0},
    }
    assert comparison["peers"]["material"]["against"]["search"]["speedup"] == 15
    assert comparison["peers"]["material"]["against"]["search"]["gzip_ratio"] == 0.9
    checks = goal_checks(comparison)
    assert [(c["what"], c["pass"]) for c in checks] == [
        ("search: faster than Pagefind", True),
        ("explorer_query: faster than Pagefind", False),
    ]
    # a portal result before its own load event: the ratio is taken from navigation start
    early = {**first["scenarios"]["search"], "from_load_ms": -50}
    ratios = compare({**first, "scenarios": {**first["scenarios"], "search": early}}, peers)
    assert ratios["peers"]["pagefind"]["against"]["search"]["speedup"] == 1.33
    first["scenarios"]["pagefind"]["before_first"]["gzip_bytes"] = 100_000  # as many bytes: not fewer
    assert [c["pass"] for c in goal_checks(compare(first, peers))] == [False, False]
    text = "\n".join(format_peers(comparison))
    assert "so với ô tìm kiếm của cổng: thời gian ×3 (từ điều hướng ×1.33), gzip ×4" in text
    assert "Material nguyên bản (/?q=…) 9 (dựng 9.0 s, chỉ mục 4.0 KB)" in text


def test_growth_reads_time_and_memory_per_task() -> None:
    """National against four times national: the ratios, per task too, and the verdict that
    neither time nor memory grows faster than the tasks."""

    def report(tasks: int, cpu_s: float, peak_mib: float) -> dict:
        return {"data": {"tasks": tasks}, "build": {"median_s": cpu_s, "cpu_median_s": cpu_s, "peak_mib": peak_mib}}

    reports = {"national": report(5100, 10.2, 400), "national4": report(20400, 30.6, 1000)}
    ratio = growth(reports)
    assert ratio is not None and ratio["linear"] is True
    assert (ratio["tasks"], ratio["cpu"], ratio["memory"]) == (4, 3, 2.5)
    assert ratio["per_task"] == {
        "national": {"cpu_ms": 2, "peak_kib": 80.3},
        "national4": {"cpu_ms": 1.5, "peak_kib": 50.2},
    }
    assert json.loads(json_report(reports))["growth"] == ratio
    reports["national4"]["build"]["peak_mib"] = 1700  # memory ×4.25: faster than linear
    assert growth(reports)["linear"] is False
    assert format_growth(growth(reports))[-1] == "  tuyến tính (CPU và bộ nhớ không quá ×4): KHÔNG"


def test_stock_material_config_undoes_the_portals_search(tmp_path: Path) -> None:
    """Only in a temporary config: the theme without the main.html that swaps the worker,
    the hook that lets pages back into Material's index, data/ where the hooks look."""
    config = stock_material_config(REPO_ROOT / "mkdocs.yml", tmp_path)
    settings = load_config(config)
    theme = Path(settings["theme"]["custom_dir"])
    assert theme.parent == tmp_path and not (theme / PORTAL_MAIN).exists()
    assert (theme / "partials" / "search.html").is_file() and (REPO_ROOT / "theme_overrides" / PORTAL_MAIN).is_file()
    assert settings["hooks"] == [str(REPO_ROOT / "macros" / "hooks.py"), str(STOCK_HOOK)]
    assert "search" in settings["plugins"] and Path(settings["docs_dir"]) == REPO_ROOT / "content"
    assert (tmp_path / "data").resolve() == REPO_ROOT / "data"


def test_stock_material_peer_indexes_every_page(tmp_path: Path) -> None:
    """The stock build puts the pages in Material's own index and points the search box at
    Material's worker, not the portal's."""
    summary = write_national_sample(tmp_path / "sample", provinces=2, tasks_per_plan=10)
    peer = stock_material_site(summary.config, tmp_path / "stock")
    index = json.loads((peer.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"] for d in index["docs"]}
    plans = {p.parent.name for p in (peer.site / "ke-hoach").glob("*/index.html")}
    assert len(plans) == 2 and all(f"ke-hoach/{plan}/" in locations for plan in plans), sorted(locations)[:20]
    home = (peer.site / "index.html").read_text(encoding="utf-8")
    worker = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home, re.S)[1])
    assert re.fullmatch(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", worker["search"]), worker
    assert peer.about["index_bytes"] > 0 and not (summary.config.parent / "site").exists()


# --- the national-size sample ------------------------------------------------------------------


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_national_sample_is_valid_and_deterministic(tmp_path: Path) -> None:
    """Five provinces (one per template plan) with few tasks: loads clean, same bytes every time."""
    first = write_national_sample(tmp_path / "a", provinces=5, tasks_per_plan=30)
    again = write_national_sample(tmp_path / "b", provinces=5, tasks_per_plan=30)
    for folder in ("data", "content"):
        assert tree(tmp_path / "a" / folder) == tree(tmp_path / "b" / folder), folder
    registry = load_registry(tmp_path / "a" / "data", root=tmp_path / "a")
    assert len(registry.plans) == first.plans == 5 and first.tasks == 150 == again.tasks
    assert {p.province for p in registry.plans.values()} == {"ha-noi", "hue", "lai-chau", "dien-bien", "son-la"}
    assert {p.doc_type for p in registry.plans.values()} == {"ke-hoach", "chuong-trinh-hanh-dong"}
    # every template's shape is there: appendix tasks with agencies and deadlines, narrative tasks
    assert {t.source.kind for p in registry.plans.values() for t in p.tasks} == {"appendix", "narrative"}
    assert any(t.lead and t.deadline for p in registry.plans.values() for t in p.tasks)
    assert any(t.output for p in registry.plans.values() for t in p.tasks)
    assert all(INDICATORS_PER_PLAN[0] <= len(p.indicators) <= INDICATORS_PER_PLAN[1] for p in registry.plans.values())
    assert all(
        not registry.agency_kinds[k].province
        for p in registry.plans.values()
        for t in p.tasks
        for c in (t.lead, t.support)
        if c
        for k in c.agencies
    )
    for plan in registry.plans.values():  # a narrative per plan, about this province, not the template's
        narrative = (tmp_path / "a" / "content" / "ke-hoach" / f"{plan.id}.md").read_text(encoding="utf-8")
        name = registry.provinces[plan.province].name
        assert narrative and "Nam Định" not in narrative and "Quảng Nam" not in narrative
        assert name in narrative or plan.doc_type == "ke-hoach" and "UBND tỉnh" in narrative, plan.id
    config = yaml.safe_load(
        (tmp_path / "a" / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "").replace("!!python/name:", "")
    )
    assert config["docs_dir"] == str(tmp_path / "a" / "content")
    flat = json.dumps(config["nav"], ensure_ascii=False)
    assert "tra-cuu.md" in flat and "huong-dan" not in flat  # the real page tree, without the guide it lacks


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> tuple[SampleSummary, Registry]:
    """The full-size sample, written and loaded once for the tests that only read it."""
    root = tmp_path_factory.mktemp("national")
    summary = write_national_sample(root)
    return summary, load_registry(root / "data", root=root)


def test_national_sample_full_size(national: tuple[SampleSummary, Registry]) -> None:
    summary, registry = national
    assert len(registry.plans) == len(UNITS) == 34
    assert summary.tasks == 34 * 150 == sum(len(p.tasks) for p in registry.plans.values())
    assert 34 * INDICATORS_PER_PLAN[0] <= summary.indicators <= 34 * INDICATORS_PER_PLAN[1]
    assert len({p.province for p in registry.plans.values()}) == 34
    assert (
        len({t.title for p in registry.plans.values() for t in p.tasks}) > 0.95 * summary.tasks
    )  # short titles may repeat, as in real plans
    assert len(registry.agencies) > 400  # about as many per province as the real plans name


def test_national_sample_builds(tmp_path: Path, mkdocs_build) -> None:
    summary = write_national_sample(tmp_path, provinces=5, tasks_per_plan=20)
    site = mkdocs_build(summary.config, tmp_path / "site")
    assert (site / "tra-cuu" / "index.html").is_file() and (site / "search" / "gp" / "explore.json").is_file()
    assert len(list((site / "ke-hoach").glob("*/index.html"))) == 5
    # the explorer runs only with every script of the real site (it waited for gp-today.js)
    explorer = (site / "tra-cuu" / "index.html").read_text(encoding="utf-8")
    for script in load_config()["extra_javascript"]:
        assert f'src="../{script}"' in explorer, script


def test_bench_and_test_sites_render_with_every_key_of_the_real_config(tmp_path: Path) -> None:
    """A key added to mkdocs.yml (extra_javascript was left out, so the national sample's
    explorer never started) reaches every site the tests and the benchmark build."""
    real = load_config()
    config = site_config(tmp_path / "content")
    pointed_here = {"theme", "plugins"}  # copied with their paths pointed at this repository
    for key in set(real) - set(NOT_COPIED) - pointed_here:
        assert config[key] == real[key], key
    assert "extra_javascript" in config and "extra" in config


def test_topic_pages_stay_light_at_national_size(national: tuple[SampleSummary, Registry]) -> None:
    """Past FULL_LIST tasks a topic page shows each plan's first few tasks and links to
    the explorer (province and topic) for the rest; below it, every task (the real data)."""
    _, registry = national
    site = Site(registry, narratives={}, today=dt.date(2026, 1, 1))
    planned = {(p.kind.kind, p.src_uri): p for p in page_plan(site)}

    def blocks(kind: str, src_uri: str) -> str:
        return "".join(site.render(planned[(kind, src_uri)]).blocks)

    shortened = 0
    for topic in (t for t in registry.topics.values() if t.for_tasks):
        tagged = [site.views.topic_tasks(p, topic.id) for p in registry.plans.values()]
        total = sum(len(main) + len(related) for main, related in tagged)
        # the "more" links under each plan's column (the chart above links every plan anyway)
        html = re.sub(r'<figure class="gp-chart.*?</figure>', "", blocks("topic", urls.topic(topic.id)), flags=re.S)
        rows = html.count('<li class="gp-task-row"')
        links = re.findall(r'href="[^"]*tra-cuu/\?ke-hoach=([a-z0-9-]+)&amp;chu-de=([a-z0-9-]+)"', html)
        if total <= FULL_LIST:
            assert rows == total and not links, topic.id
            continue
        shortened += 1
        assert rows <= SHORT_LIST * len(registry.plans), (topic.id, rows)
        cut = {
            p.id
            for p, (main, related) in zip(registry.plans.values(), tagged, strict=True)
            if len(main) + len(related) > SHORT_LIST
        }
        assert {plan_id for plan_id, _ in links} == cut and {t for _, t in links} == {topic.id}
    assert shortened > 0, "the national sample has no topic big enough to test the short lists"

    # the same on the agency-kind page: each province's first few, then its agency's own page
    kind = registry.agency_kinds["so-khcn"]
    led = [pair for a in registry.agencies_of_kind(kind.id) for pair in registry.tasks_led_by(a)]
    assert len(led) > FULL_LIST
    html = blocks("kind", urls.kind(kind.id))
    assert html.count('<li class="gp-task-row"') <= SHORT_LIST * len(registry.plans)
    more = re.findall(r'href="(?:[^"]*/)?([a-z0-9-]+)/so-khcn/">Xem cả (\d+) nhiệm vụ', html)
    per_province = Counter(plan.province for plan, _ in led)
    assert more and all(per_province[province] == int(n) > SHORT_LIST for province, n in more), more


def test_targets_are_checked_against_the_measured_values() -> None:
    """Each target's PASS/FAIL follows its own figure (a slow benchmark run checks the same report)."""
    from macros.bench.report import TARGETS, check_targets

    def scenario(after_load: float, gzip_bytes: int) -> dict:
        return {
            "diagnostic": False,
            "peer": None,
            "from_load_ms": after_load,
            "before_first": {"gzip_bytes": gzip_bytes},
        }

    report = {
        "build": {"median_s": 4.0, "peak_mib": 100},
        "serve_loop": {"median_s": 1.5},
        "size": {"heaviest_pages": [{"bytes": 400_000}], "all_pages_under_limit": False},
        "first_results": {"scenarios": {"search": scenario(90, 160_000), "explorer_query": scenario(120, 1_000)}},
    }
    checks = {c["what"]: (c["value"], c["pass"]) for c in check_targets(report, TARGETS["current"])}
    assert checks == {
        "build": (4.0, True),
        "make serve: plan edit to page": (1.5, False),
        "heaviest page": (400_000, False),
        "search: first result after load": (90, True),
        "search: gzip before first result": (160_000, False),
        "explorer_query: first result after load": (120, True),  # its own limit, 150 ms
        "explorer_query: gzip before first result": (1_000, True),
    }
    national4 = check_targets({"build": {"median_s": 40.0, "peak_mib": 1_100}}, TARGETS["national4"])
    assert [(c["what"], c["pass"]) for c in national4] == [("build", False), ("build: peak memory", False)]
