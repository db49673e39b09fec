"""Đo hiệu năng: dựng cổng, đo dung lượng trang và thời gian tới kết quả tìm kiếm đầu tiên trong Chromium.

Benchmark the site, on the real data (`--data current`, the default), on a generated data
set of national size (`--data national`: 34 provinces × 150 tasks, see
macros/national_sample.py, written into a temporary folder) or on both (`--data both`).

For each data set:
- build: `mkdocs build --strict` N times into a temporary folder (default 3, `--runs`),
  the wall time of each run and the median;
- size: of the last build, total bytes, bytes without the search index (search/), the
  number of HTML pages, the five heaviest pages (raw and gzip) and whether every page is
  under the 300 KB target;
- first_results: the built site served on 127.0.0.1 (tests/browser/server.py) and opened
  in Chromium (Playwright, /usr/bin/chromium), a fresh browser context (empty cache) per
  sample, `--samples` (default 5) per scenario: the site search (`/?q=chuyen+doi+so`, first
  `.md-search-result__item`), the explorer with a query (`/tra-cuu/?tim=chuyen+doi+so`) and
  without one (first `.gp-explorer__result`); and, as a diagnostic without a target, the
  site search with a stub worker that answers at once (Material's own path to a result).
  The median time to the first result, from
  navigation start and from the load event (PerformanceNavigationTiming.loadEventEnd), and
  every response the page and its workers received before it: raw bytes (response body)
  and gzip bytes (compressed here: the test server does not compress), split into HTML,
  CSS, JS, search data and other, with each file's start and end time (a timeline);
- search_phases: where the search's time goes, measured in Chromium on a bare page that
  loads only the search bundle (gp-search-bundle.js): fetching the index files a query
  needs, one query, the records of its first results, and the search box's worker on its
  own (start to READY, then one query to its first RESULT);
- targets: the issue's targets with PASS/FAIL (current data: first results within 200 ms
  of the load event and at most 150 KB gzip before them; national size: build within
  30 s, first results within 300 ms, at most 250 KB gzip).

Each report also notes the CPUs and the load average: timings taken while other work
runs on the machine are slower. Prints a readable report per data set; `--json` prints the same as one JSON object (the
data set's report, or {"current": …, "national": …} with `--data both`). `--no-browser`
skips the Chromium measurements. Changes no file outside its temporary folders. Exit 1
if a build fails.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's macros/, not another clone's

from macros.cli import ROOT, run

CONFIG = ROOT / "mkdocs.yml"
PAGE_LIMIT_BYTES = 300 * 1024  # the per-page target: 300 KiB of raw HTML, search index excluded
SEARCH_DIR = "search"
HEAVIEST = 5
GZIP_LEVEL = 6  # what common web servers use
BUILD_TIMEOUT_S = 30 * 60
KIB = 1024

CHROMIUM = "/usr/bin/chromium"
# This machine's closed network refuses Chromium's background connections; these flags stop them.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SAMPLES = 5
QUERY = "chuyen doi so"
WAIT_MS = 60_000  # a first result later than this is a failure, not a figure
PROBE_DIR = "__gp-bench__"  # a bare page written into the built site for search_phases, removed after


class BuildFailed(Exception):
    def __init__(self, run_number: int, returncode: int, output: str) -> None:
        super().__init__(f"build {run_number} exited with {returncode}")
        self.run_number, self.returncode, self.output = run_number, returncode, output


@dataclass(frozen=True)
class Settings:
    samples: int = SAMPLES
    browser: bool = True


@dataclass(frozen=True)
class Targets:
    """The issue's targets for one data set (None: no target)."""

    build_s: float | None
    first_from_load_ms: float
    gzip_before_first_bytes: int
    pages_under_limit: bool = False  # every page under PAGE_LIMIT_BYTES (search index aside)


TARGETS = {
    # the portal issue: a strict build within 5 s, no page over 300 KB; the search issue: the rest
    "current": Targets(5, 200, 150 * KIB, pages_under_limit=True),
    "national": Targets(30, 300, 250 * KIB),
}


# --- building --------------------------------------------------------------------------------


def build_once(config: Path, site_dir: Path, run_number: int) -> float:
    """One `mkdocs build --strict` in a fresh process; returns its wall time in seconds."""
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "--config-file",
        str(config),
        "--site-dir",
        str(site_dir),
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=config.parent, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise BuildFailed(run_number, proc.returncode, proc.stdout + proc.stderr)
    return elapsed


def time_builds(
    config: Path, site_dir: Path, runs: int, progress: Callable[[int, float], None] = lambda n, s: None
) -> dict[str, Any]:
    """Build `runs` times into the same folder; the last build stays there for the size figures."""
    times = []
    for n in range(1, runs + 1):
        times.append(build_once(config, site_dir, n))
        progress(n, times[-1])
    return {"runs_s": [round(t, 3) for t in times], "median_s": round(statistics.median(times), 3)}


def machine() -> dict[str, Any]:
    """CPUs and load: timings taken while other work runs on the machine are slower."""
    return {"cpus": os.cpu_count(), "load_average_start": round(os.getloadavg()[0], 2)}


# --- the data sets ---------------------------------------------------------------------------


def data_summary(root: Path) -> dict[str, Any]:
    """What the data set holds: plans, tasks, indicators, agencies, text sizes."""
    from macros.data.loader import load_registry

    registry = load_registry(root / "data", root=root)
    plans = list(registry.plans.values())
    narratives = list((root / "content" / "ke-hoach").glob("*.md"))
    return {
        "plans": len(plans),
        "tasks": sum(len(p.tasks) for p in plans),
        "tasks_with_lead": sum(1 for p in plans for t in p.tasks if t.lead),
        "indicators": sum(len(p.indicators) for p in plans),
        "agencies": len(registry.agencies),
        "agency_kinds": len({a.kind.id for a in registry.agencies.values()}),
        "narrative_bytes": sum(p.stat().st_size for p in narratives),
        "source_bytes": sum((root / "data" / "sources" / p.source.file).stat().st_size for p in plans),
    }


def national_config(folder: Path) -> Path:
    """Generate the national-size sample under `folder`; returns its mkdocs.yml."""
    from macros.bench.national_sample import write_national_sample

    return write_national_sample(folder).config


# --- measurements on a built site -----------------------------------------------------------


def _is_search(path: Path, site: Path) -> bool:
    return path.relative_to(site).parts[0] == SEARCH_DIR


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def site_size(site: Path, settings: Settings) -> dict[str, Any]:
    """Bytes on disk of the built site, and of its HTML pages (the search index excluded)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html" and not _is_search(p, site)]
    sized = sorted(((p, p.stat().st_size) for p in pages), key=lambda item: (-item[1], str(item[0])))
    heaviest = []
    for path, size in sized[:HEAVIEST]:
        heaviest.append(
            {
                "path": path.relative_to(site).as_posix(),
                "bytes": size,
                "gzip_bytes": gzip_size(path.read_bytes()),
            }
        )
    over = [{"path": p.relative_to(site).as_posix(), "bytes": s} for p, s in sized if s > PAGE_LIMIT_BYTES]
    return {
        "total_bytes": sum(p.stat().st_size for p in files),
        "bytes_without_search": sum(p.stat().st_size for p in files if not _is_search(p, site)),
        "html_pages": len(pages),
        "heaviest_pages": heaviest,
        "page_limit_bytes": PAGE_LIMIT_BYTES,
        "pages_over_limit": over,
        "all_pages_under_limit": not over,
    }


# --- in Chromium -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    path: str  # under the site root
    selector: str  # the first element matching it is "the first result"
    stub_worker: bool = False  # replace the search box's worker by STUB_WORKER_JS


WORKER_PATH = "assets/javascripts/workers/gp-search-worker.js"
# Speaks Material's worker protocol (SETUP=0, READY=1, QUERY=2, RESULT=3) with one fixed result.
STUB_WORKER_JS = """addEventListener("message", function (event) {
  if (event.data.type === 0) postMessage({ type: 1 })
  else if (event.data.type === 2) postMessage({ type: 3, data: { items: [[{
    location: "ke-hoach/", title: "Kế hoạch", text: "<p>…</p>", score: 1, terms: { chuyen: true } }]] } })
})"""


SCENARIOS = (
    Scenario("search", "Ô tìm kiếm (/?q=chuyen+doi+so)", "?q=" + QUERY.replace(" ", "+"), ".md-search-result__item"),
    # Diagnostic, no target: the same page with a worker that answers at once (served by the
    # browser's request routing, the site is not changed): Material's own path to a result.
    Scenario(
        "search_floor",
        "Ô tìm kiếm, worker giả trả lời ngay",
        "?q=" + QUERY.replace(" ", "+"),
        ".md-search-result__item",
        stub_worker=True,
    ),
    Scenario(
        "explorer_query",
        "Trang tra cứu có từ khoá (/tra-cuu/?tim=…)",
        "tra-cuu/?tim=" + QUERY.replace(" ", "+"),
        "[data-gp-explorer] .gp-explorer__result",
    ),
    Scenario(
        "explorer_facets",
        "Trang tra cứu không từ khoá (/tra-cuu/)",
        "tra-cuu/",
        "[data-gp-explorer] .gp-explorer__result",
    ),
)
CATEGORIES = ("html", "css", "js", "search", "other")

# Runs before any page script: notes when the first result enters the DOM (the observer's
# callback runs as a microtask right after the mutation, before any paint).
FIRST_RESULT_JS = """(() => {
  const selector = %s
  const check = () => {
    if (window.__gpFirstResult == null && document.querySelector(selector)) {
      window.__gpFirstResult = performance.now()
      observer.disconnect()
    }
  }
  const observer = new MutationObserver(check)
  observer.observe(document, { childList: true, subtree: true })
})()"""

PAGE_TIMING_JS = """() => {
  const nav = performance.getEntriesByType("navigation")[0]
  return { first: window.__gpFirstResult, origin: performance.timeOrigin,
           load: nav.loadEventEnd, domContentLoaded: nav.domContentLoadedEventEnd,
           responseEnd: nav.responseEnd }
}"""


def _serve(site: Path) -> tuple[str, Callable[[], None]]:
    """tests/browser/server.py's serve_directory, loaded by path (no pytest needed)."""
    spec = importlib.util.spec_from_file_location("gp_bench_server", ROOT / "tests" / "browser" / "server.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module.serve_directory(site)


def _category(path: str, resource_type: str) -> str:
    if path.startswith(SEARCH_DIR + "/"):
        return "search"
    suffix = Path(path).suffix
    if resource_type == "document" or suffix == ".html" or path.endswith("/") or path == "":
        return "html"
    if suffix == ".css":
        return "css"
    if suffix in (".js", ".mjs"):
        return "js"
    return "other"


class Chromium:
    """One headless Chromium for all samples; each sample gets a fresh context (no cache)."""

    def __init__(self) -> None:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            raise SystemExit("Thiếu Playwright: chạy `make setup-test` (hoặc dùng --no-browser).") from None
        if not Path(CHROMIUM).exists():
            raise SystemExit(f"Không thấy Chromium ở {CHROMIUM}: chạy `make setup-test` (hoặc dùng --no-browser).")
        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)

    def close(self) -> None:
        self.browser.close()
        self._playwright.stop()

    def sample(self, base: str, scenario: Scenario) -> dict[str, Any]:
        """Open the scenario's page once; its timings and every response until the first result."""
        context = self.browser.new_context()
        try:
            context.add_init_script(FIRST_RESULT_JS % json.dumps(scenario.selector))
            if scenario.stub_worker:
                context.route(
                    base + WORKER_PATH,
                    lambda route: route.fulfill(
                        status=200, content_type="text/javascript; charset=utf-8", body=STUB_WORKER_JS
                    ),
                )
            responses: list[Any] = []
            context.on("response", lambda response: responses.append(response))
            page = context.new_page()
            page.goto(base + scenario.path, wait_until="commit")
            page.wait_for_function("window.__gpFirstResult != null", timeout=WAIT_MS)
            page.wait_for_function(
                "(performance.getEntriesByType('navigation')[0] || {}).loadEventEnd > 0", timeout=WAIT_MS
            )
            timing = page.evaluate(PAGE_TIMING_JS)
            files = []
            for response in responses:
                request = response.request
                path = urlsplit(response.url).path.lstrip("/")
                if not response.url.startswith(base):
                    continue
                clock = request.timing
                start = clock["startTime"] - timing["origin"]
                end = start + clock["responseEnd"] if clock["responseEnd"] >= 0 else None
                try:
                    body = response.body()
                except Exception:  # noqa: BLE001 - a body Chromium no longer holds: count it as empty
                    body = b""
                files.append(
                    {
                        "path": path or "/",
                        "category": _category(path, request.resource_type),
                        "bytes": len(body),
                        "gzip_bytes": gzip_size(body) if body else 0,
                        "start_ms": round(start, 1),
                        "end_ms": round(end, 1) if end is not None else None,
                        "before_first": end is not None and end <= timing["first"],
                    }
                )
            files.sort(key=lambda f: f["start_ms"])
            return {
                "first_ms": round(timing["first"], 1),
                "load_ms": round(timing["load"], 1),
                "dom_content_loaded_ms": round(timing["domContentLoaded"], 1),
                "from_load_ms": round(timing["first"] - timing["load"], 1),
                "files": files,
            }
        finally:
            context.close()


def _downloaded(files: list[dict[str, Any]]) -> dict[str, Any]:
    before = [f for f in files if f["before_first"]]
    by = {}
    for category in CATEGORIES:
        chosen = [f for f in before if f["category"] == category]
        by[category] = {
            "bytes": sum(f["bytes"] for f in chosen),
            "gzip_bytes": sum(f["gzip_bytes"] for f in chosen),
            "files": len(chosen),
        }
    return {
        "bytes": sum(f["bytes"] for f in before),
        "gzip_bytes": sum(f["gzip_bytes"] for f in before),
        "files": len(before),
        "by_category": by,
    }


def first_results(site: Path, settings: Settings) -> dict[str, Any]:
    """Per scenario: median time to the first result and what was downloaded before it."""
    url, stop = _serve(site)
    chromium = Chromium()
    try:
        out: dict[str, Any] = {"samples": settings.samples, "query": QUERY, "scenarios": {}}
        samples: dict[str, list[dict[str, Any]]] = {s.key: [] for s in SCENARIOS}
        for _ in range(settings.samples):  # interleaved, so a busy moment of the machine hits every scenario
            for scenario in SCENARIOS:
                samples[scenario.key].append(chromium.sample(url, scenario))
        for scenario in SCENARIOS:
            runs = samples[scenario.key]
            median_run = sorted(runs, key=lambda r: r["first_ms"])[(len(runs) - 1) // 2]
            out["scenarios"][scenario.key] = {
                "label": scenario.label,
                "diagnostic": scenario.stub_worker,
                "path": "/" + scenario.path,
                "selector": scenario.selector,
                "first_ms": round(statistics.median(r["first_ms"] for r in runs), 1),
                "from_load_ms": round(statistics.median(r["from_load_ms"] for r in runs), 1),
                "load_ms": round(statistics.median(r["load_ms"] for r in runs), 1),
                "dom_content_loaded_ms": round(statistics.median(r["dom_content_loaded_ms"] for r in runs), 1),
                "runs": [{k: r[k] for k in ("first_ms", "from_load_ms", "load_ms")} for r in runs],
                # bytes of the median run (they barely vary: only late chunks can cross the line)
                "before_first": _downloaded(median_run["files"]),
                "timeline": median_run["files"],
            }
        return out
    finally:
        chromium.close()
        stop()


PROBE_HTML = """<!doctype html><meta charset="utf-8"><title>bench</title>
<script src="../assets/javascripts/gp-search-bundle.js"></script>
"""

# In the bare page: prepare the query (terms.json and the query's postings files, fetched
# together), run it, fetch the records of the first 50 hits; then the
# search box's worker alone: created -> READY (after SETUP) -> one QUERY -> RESULT.
PHASES_JS = """async (query) => {
  const base = new URL("../", location.href)
  const out = {}
  const engine = new GPSearch.Engine(base)
  let t = performance.now()
  await engine.prepare(engine.terms(query))
  out.prepare_ms = performance.now() - t
  t = performance.now()
  const hits = await engine.search(query)
  out.query_ms = performance.now() - t
  out.hits = hits.length
  t = performance.now()
  await engine.records(hits.slice(0, 50).map(h => h.doc))
  out.records_ms = performance.now() - t
  t = performance.now()
  const worker = new Worker(new URL("assets/javascripts/workers/gp-search-worker.js", base))
  const reply = (type) => new Promise(resolve => {
    worker.addEventListener("message", function on(event) {
      if (event.data.type === type) { worker.removeEventListener("message", on); resolve(event.data) }
    })
  })
  worker.postMessage({ type: 0, data: { config: {}, docs: [], options: {} } })
  await reply(1)
  out.worker_ready_ms = performance.now() - t
  t = performance.now()
  worker.postMessage({ type: 2, data: query })
  const result = await reply(3)
  out.worker_query_ms = performance.now() - t
  out.worker_groups = result.data.items.length
  worker.terminate()
  return out
}"""


def query_files(site: Path) -> list[str]:
    """The search files a query for QUERY needs, besides display records."""
    from macros.data.text import fold
    from macros.site.search_text import STOP_WORDS  # the same folding the engine uses (no shorthand here)

    terms = [t for t in fold(QUERY).split() if t not in STOP_WORDS]
    shard = json.loads((site / SEARCH_DIR / "gp" / "index" / "terms.json").read_text(encoding="utf-8"))["shard"]
    return [
        "index/terms.json",
        *sorted({f"index/{t[:shard]}.json" for t in terms}),
        "groups.json",
        "explore.json",
        "docs-0.json",
    ]


def search_phases(site: Path, settings: Settings) -> dict[str, Any]:
    """Medians of the search's own costs in Chromium, without the page around it."""
    probe = site / PROBE_DIR
    probe.mkdir()
    (probe / "index.html").write_text(PROBE_HTML, encoding="utf-8")
    url, stop = _serve(site)
    chromium = Chromium()
    try:
        runs = []
        for _ in range(settings.samples):
            context = chromium.browser.new_context()
            try:
                page = context.new_page()
                page.goto(f"{url}{PROBE_DIR}/", wait_until="load")
                runs.append(page.evaluate(PHASES_JS, QUERY))
            finally:
                context.close()
    finally:
        chromium.close()
        stop()
        shutil.rmtree(probe, ignore_errors=True)

    def median(get: Callable[[dict[str, Any]], float]) -> float:
        return round(statistics.median(get(r) for r in runs), 1)

    return {
        "samples": settings.samples,
        "query": QUERY,
        "files": {
            name: {
                "bytes": (site / SEARCH_DIR / "gp" / name).stat().st_size,
                "gzip_bytes": gzip_size((site / SEARCH_DIR / "gp" / name).read_bytes()),
            }
            for name in query_files(site)
        },
        "prepare_ms": median(lambda r: r["prepare_ms"]),
        "query_ms": median(lambda r: r["query_ms"]),
        "records_ms": median(lambda r: r["records_ms"]),
        "hits": runs[0]["hits"],
        "worker_ready_ms": median(lambda r: r["worker_ready_ms"]),
        "worker_query_ms": median(lambda r: r["worker_query_ms"]),
        "worker_groups": runs[0]["worker_groups"],
    }


# name -> function(site, settings) -> JSON-ready dict; each adds one key to the report.
MEASUREMENTS: dict[str, Callable[[Path, Settings], dict[str, Any]]] = {
    "size": site_size,
    "first_results": first_results,
    "search_phases": search_phases,
}
BROWSER_MEASUREMENTS = {"first_results", "search_phases"}


def check_targets(report: dict[str, Any], targets: Targets) -> list[dict[str, Any]]:
    """The issue's targets, each with the measured value and whether it is met."""
    checks = []
    if targets.build_s is not None:
        checks.append(
            {
                "what": "build",
                "target": f"≤ {targets.build_s:g} s",
                "value": report["build"]["median_s"],
                "unit": "s",
                "pass": report["build"]["median_s"] <= targets.build_s,
            }
        )
    if targets.pages_under_limit and "size" in report:
        heaviest = report["size"]["heaviest_pages"][0]["bytes"]
        checks.append(
            {
                "what": "heaviest page",
                "target": f"≤ {PAGE_LIMIT_BYTES // KIB} KB",
                "value": heaviest,
                "unit": "B",
                "pass": report["size"]["all_pages_under_limit"],
            }
        )
    for key, scenario in report.get("first_results", {}).get("scenarios", {}).items():
        if scenario["diagnostic"]:
            continue
        checks.append(
            {
                "what": f"{key}: first result after load",
                "target": f"≤ {targets.first_from_load_ms:g} ms",
                "value": scenario["from_load_ms"],
                "unit": "ms",
                "pass": scenario["from_load_ms"] <= targets.first_from_load_ms,
            }
        )
        gz = scenario["before_first"]["gzip_bytes"]
        checks.append(
            {
                "what": f"{key}: gzip before first result",
                "target": f"≤ {targets.gzip_before_first_bytes // KIB} KB",
                "value": gz,
                "unit": "B",
                "pass": gz <= targets.gzip_before_first_bytes,
            }
        )
    return checks


# --- reporting -------------------------------------------------------------------------------


def grouped(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB".replace(",", " ")


def format_data(data: dict[str, Any]) -> list[str]:
    return [
        f"  {data['plans']} kế hoạch, {grouped(data['tasks'])} nhiệm vụ ({grouped(data['tasks_with_lead'])} có cơ quan "
        f"chủ trì), {grouped(data['indicators'])} chỉ tiêu, {grouped(data['agencies'])} cơ quan thuộc "
        f"{data['agency_kinds']} loại",
        f"  lời văn kế hoạch (content/ke-hoach): {kb(data['narrative_bytes'])}; "
        f"văn bản gốc: {kb(data['source_bytes'])}",
    ]


def format_build(build: dict[str, Any]) -> list[str]:
    lines = [f"  lần {n}: {s:.2f} s" for n, s in enumerate(build["runs_s"], 1)]
    return lines + [f"  trung vị: {build['median_s']:.2f} s ({len(build['runs_s'])} lần)"]


def format_size(size: dict[str, Any]) -> list[str]:
    lines = [
        f"  tổng dung lượng: {grouped(size['total_bytes'])} B ({kb(size['total_bytes'])})",
        f"  không kể chỉ mục tìm kiếm ({SEARCH_DIR}/): {grouped(size['bytes_without_search'])} B "
        f"({kb(size['bytes_without_search'])})",
        f"  số trang HTML: {size['html_pages']}",
        f"  {len(size['heaviest_pages'])} trang nặng nhất (gốc / gzip):",
    ]
    lines += [
        f"    {grouped(p['bytes']):>9} B / {grouped(p['gzip_bytes']):>7} B  {p['path']}" for p in size["heaviest_pages"]
    ]
    limit = f"{kb(size['page_limit_bytes'])} ({grouped(size['page_limit_bytes'])} B)"
    if size["all_pages_under_limit"]:
        lines.append(f"  mọi trang dưới mục tiêu {limit}: có")
    else:
        lines.append(f"  mọi trang dưới mục tiêu {limit}: KHÔNG ({len(size['pages_over_limit'])} trang vượt)")
        lines += [f"    {grouped(p['bytes']):>9} B  {p['path']}" for p in size["pages_over_limit"]]
    return lines


def format_first_results(first: dict[str, Any]) -> list[str]:
    lines = [
        f"  trung vị {first['samples']} lần, mỗi lần một ngữ cảnh trình duyệt mới (không có bộ nhớ đệm); "
        "dung lượng: mọi tệp nhận xong trước kết quả đầu tiên, gốc / gzip"
    ]
    head = f"  {'':44} {'từ điều hướng':>13} {'từ load':>9} {'load':>7}"
    lines.append(head + f"  {'tải trước kết quả (gốc / gzip)':>30}")
    for scenario in first["scenarios"].values():
        before = scenario["before_first"]
        lines.append(
            f"  {scenario['label']:44} {scenario['first_ms']:>10.0f} ms {scenario['from_load_ms']:>6.0f} ms "
            f"{scenario['load_ms']:>4.0f} ms  {kb(before['bytes']):>12} / {kb(before['gzip_bytes']):>10}"
            f"  ({before['files']} tệp)"
        )
        parts = [
            f"{c}: {kb(v['bytes'])} / {kb(v['gzip_bytes'])}" for c, v in before["by_category"].items() if v["files"]
        ]
        lines.append(f"  {'':44} " + "; ".join(parts))
    lines.append(
        "  dòng thời gian của lần trung vị (ms từ điều hướng: bắt đầu → nhận xong; * = trước kết quả đầu tiên):"
    )
    for scenario in first["scenarios"].values():
        lines.append(
            f"    {scenario['label']}: load {scenario['load_ms']:.0f} ms, "
            f"kết quả đầu tiên {scenario['first_ms']:.0f} ms (trung vị)"
        )
        for f in _collapse_chunks(scenario["timeline"]):
            end = f"{f['end_ms']:>7.0f}" if f["end_ms"] is not None else "      ?"
            lines.append(
                f"      {'*' if f['before_first'] else ' '} {f['start_ms']:>7.0f} →{end}  "
                f"{kb(f['bytes']):>10} / {kb(f['gzip_bytes']):>9}  {f['path']}"
            )
    return lines


def _collapse_chunks(files: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Display-record chunks (search/gp/docs-<k>.json) fetched together, as one line per group."""
    out: list[dict[str, Any]] = []
    for f in files:
        chunk = f["path"].startswith(SEARCH_DIR + "/gp/docs-")
        last = out[-1] if out else None
        if (
            chunk
            and last
            and last.get("chunks")
            and last["before_first"] == f["before_first"]
            and f["start_ms"] - last["start_ms"] < 50
        ):
            last["chunks"] += 1
            last["path"] = f"{SEARCH_DIR}/gp/docs-*.json × {last['chunks']}"
            for key in ("bytes", "gzip_bytes"):
                last[key] += f[key]
            if f["end_ms"] is None or last["end_ms"] is None:
                last["end_ms"] = None
            else:
                last["end_ms"] = max(last["end_ms"], f["end_ms"])
        else:
            out.append({**f, "chunks": 1 if chunk else 0})
    return out


def format_phases(phases: dict[str, Any]) -> list[str]:
    lines = [f"  trang trống chỉ nạp gp-search-bundle.js; trung vị {phases['samples']} lần; các tệp một truy vấn cần:"]
    for name, f in phases["files"].items():
        lines.append(f"  {name:22} {kb(f['bytes']):>10} / {kb(f['gzip_bytes']):>9} gzip")
    lines += [
        f"  chuẩn bị truy vấn (terms.json và tệp postings, tải cùng lúc): {phases['prepare_ms']:.1f} ms",
        f"  truy vấn “{phases['query']}”: {phases['query_ms']:.1f} ms ({grouped(phases['hits'])} kết quả); "
        f"bản ghi của 50 kết quả đầu: {phases['records_ms']:.1f} ms",
        f"  worker của ô tìm kiếm: tạo → READY {phases['worker_ready_ms']:.1f} ms; "
        f"QUERY → RESULT đầu tiên {phases['worker_query_ms']:.1f} ms ({phases['worker_groups']} nhóm)",
    ]
    return lines


def format_targets(checks: list[dict[str, Any]]) -> list[str]:
    lines = []
    for c in checks:
        value = kb(c["value"]) if c["unit"] == "B" else f"{c['value']:g} {c['unit']}"
        lines.append(f"  {'PASS' if c['pass'] else 'FAIL'}  {c['what']:42} {value:>12}  (mục tiêu {c['target']})")
    return lines or ["  (không có mục tiêu nào được đo)"]


def format_machine(machine: dict[str, Any]) -> list[str]:
    end = machine.get("load_average_end")
    return [
        f"  {machine['cpus']} CPU; tải trung bình 1 phút: {machine['load_average_start']:g} lúc bắt đầu"
        + (f", {end:g} lúc kết thúc" if end is not None else "")
    ]


FORMATTERS: dict[str, tuple[str, Callable[[Any], list[str]]]] = {
    "machine": ("Máy đo", format_machine),
    "data": ("Dữ liệu", format_data),
    "build": ("Thời gian dựng (mkdocs build --strict)", format_build),
    "size": ("Dung lượng trang", format_size),
    "first_results": ("Kết quả đầu tiên trong Chromium", format_first_results),
    "search_phases": ("Các bước của tìm kiếm trong Chromium", format_phases),
    "targets": ("Mục tiêu", format_targets),
}
DATA_TITLES = {"current": "Dữ liệu hiện tại (data/)", "national": "Dữ liệu mẫu cỡ toàn quốc (34 tỉnh × 150 nhiệm vụ)"}


def format_report(report: dict[str, Any]) -> str:
    out = []
    for key, value in report.items():
        if key == "data_set":
            continue
        title, formatter = FORMATTERS.get(key, (key, lambda v: [f"  {json.dumps(v, ensure_ascii=False)}"]))
        out += [f"{title}:", *formatter(value)]
    return "\n".join(out)


# --- command line ----------------------------------------------------------------------------


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("phải là số nguyên ≥ 1")
    return value


def bench_data_set(name: str, config: Path, runs: int, settings: Settings, log: Any) -> dict[str, Any]:
    """Every measurement of one data set (its mkdocs.yml given); raises BuildFailed."""

    def progress(n: int, seconds: float) -> None:
        print(f"[{name}] Dựng lần {n}/{runs}: {seconds:.2f} s", file=log, flush=True)

    with tempfile.TemporaryDirectory(prefix="gp-bench-") as tmp:
        site = Path(tmp) / "site"
        report: dict[str, Any] = {"data_set": name, "machine": machine(), "data": data_summary(config.parent)}
        report["build"] = time_builds(config, site, runs, progress)
        for key, measure in MEASUREMENTS.items():
            if key in BROWSER_MEASUREMENTS and not settings.browser:
                continue
            print(f"[{name}] Đo {key}…", file=log, flush=True)
            report[key] = measure(site, settings)
    report["machine"]["load_average_end"] = round(os.getloadavg()[0], 2)
    report["targets"] = check_targets(report, TARGETS[name])
    return report


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Đo thời gian dựng, dung lượng và tốc độ tìm kiếm của cổng.")
    parser.add_argument("--runs", type=positive, default=3, help="số lần dựng (mặc định: 3)")
    parser.add_argument(
        "--samples", type=positive, default=SAMPLES, help=f"số lần mở mỗi trang trong Chromium (mặc định: {SAMPLES})"
    )
    parser.add_argument(
        "--data",
        choices=("current", "national", "both"),
        default="current",
        help="dữ liệu hiện tại, dữ liệu mẫu cỡ toàn quốc, hay cả hai (mặc định: current)",
    )
    parser.add_argument("--no-browser", action="store_true", help="không đo trong Chromium")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument(
        "--config", default=str(CONFIG), help="tệp cấu hình MkDocs của dữ liệu hiện tại (mặc định: mkdocs.yml)"
    )
    args = parser.parse_args(argv)
    log = sys.stderr if args.json else sys.stdout
    settings = Settings(samples=args.samples, browser=not args.no_browser)
    names = ["current", "national"] if args.data == "both" else [args.data]

    reports: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="gp-bench-data-") as tmp:
        for name in names:
            if name == "national":
                print("[national] Sinh dữ liệu mẫu cỡ toàn quốc…", file=log, flush=True)
                config = national_config(Path(tmp) / "national")
            else:
                config = Path(args.config).resolve()
            try:
                reports[name] = bench_data_set(name, config, args.runs, settings, log)
            except BuildFailed as err:
                print(err.output[-4000:], file=sys.stderr)
                print(
                    f"[{name}] Lần dựng {err.run_number} thất bại (mã thoát {err.returncode}); không đo tiếp. "
                    "Chạy `make build` để xem lỗi.",
                    file=sys.stderr,
                )
                return 1
    if args.json:
        print(json.dumps(reports[names[0]] if len(names) == 1 else reports, ensure_ascii=False, indent=2))
    else:
        print(
            "\n\n".join(f"===== {DATA_TITLES[name]} =====\n{format_report(report)}" for name, report in reports.items())
        )
    return 0


if __name__ == "__main__":
    run(main)
