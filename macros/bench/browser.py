"""The benchmark in Chromium: time to the first result, and where the search's time goes.

The built site is served on 127.0.0.1 (tests/browser/server.py) and opened in Debian's
Chromium through Playwright, a fresh browser context (empty cache) per sample.
`first_results`: per scenario (the site search, the explorer with and without a query, and
the site search with a stub worker as a diagnostic), the median time to the first result
from navigation start and from the load event, and every response received before it.
`search_phases`: the search bundle alone on a bare page (fetching a query's index files,
the query, its records, the search box's worker). macros/bench/report.py sets them against
the targets.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from macros.bench.measure import SEARCH_DIR, Settings, gzip_size
from macros.cli import ROOT
from macros.data.text import fold
from macros.site.search_index import SHARD
from macros.site.search_text import STOP_WORDS

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
QUERY = "chuyen doi so"
WAIT_MS = 60_000  # a first result later than this is a failure, not a figure
PROBE_DIR = "__gp-bench__"  # a bare page written into the built site for search_phases, removed after


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    path: str  # under the site root
    selector: str  # the first element matching it is "the first result"
    stub_worker: bool = False  # replace the search box's worker by STUB_WORKER_JS
    peer: str = ""  # another search engine's page on its own copy of the site (macros/bench/peers.py)


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
PEER_SEARCH_DIRS = ("pagefind/",)  # a peer's index and fragments count as search data, its scripts as js

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
    suffix = Path(path).suffix
    if path.startswith(SEARCH_DIR + "/") or (path.startswith(PEER_SEARCH_DIRS) and suffix not in (".js", ".css")):
        return "search"
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
            # functions, not expressions: Playwright evals an expression in the page, which the
            # site's Content-Security-Policy (no 'unsafe-eval') refuses
            page.wait_for_function("() => window.__gpFirstResult != null", timeout=WAIT_MS)
            page.wait_for_function(
                "() => (performance.getEntriesByType('navigation')[0] || {}).loadEventEnd > 0", timeout=WAIT_MS
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
                        # a file that is compressed already (Pagefind's index) goes as it is
                        "gzip_bytes": min(len(body), gzip_size(body)) if body else 0,
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


def first_results(site: Path, settings: Settings, peers: Sequence[tuple[Scenario, Path]] = ()) -> dict[str, Any]:
    """Per scenario: median time to the first result and what was downloaded before it.

    peers: other search engines' scenarios, each on its own site folder (served apart),
    sampled in the same rounds as the portal's, so a busy moment of the machine hits all."""
    servers = [_serve(site), *(_serve(folder) for _, folder in peers)]
    plan = [(servers[0][0], s) for s in SCENARIOS] + [
        (served[0], scenario) for served, (scenario, _) in zip(servers[1:], peers, strict=True)
    ]
    chromium = Chromium()
    try:
        out: dict[str, Any] = {"samples": settings.samples, "query": QUERY, "scenarios": {}}
        samples: dict[str, list[dict[str, Any]]] = {s.key: [] for _, s in plan}
        for _ in range(settings.samples):  # interleaved, so a busy moment of the machine hits every scenario
            for url, scenario in plan:
                samples[scenario.key].append(chromium.sample(url, scenario))
        for _, scenario in plan:
            runs = samples[scenario.key]
            median_run = sorted(runs, key=lambda r: r["first_ms"])[(len(runs) - 1) // 2]
            out["scenarios"][scenario.key] = {
                "label": scenario.label,
                "diagnostic": scenario.stub_worker,
                "peer": scenario.peer or None,
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
        for _, stop in servers:
            stop()


PROBE_HTML = """<!doctype html><meta charset="utf-8"><title>bench</title>
<script src="../assets/javascripts/gp-search-bundle.js"></script>
"""

# In the bare page: prepare the query (the query's postings files, fetched together), run
# it, fetch the records of the first 50 hits; then the search box's worker alone: created
# -> READY (after SETUP) -> one QUERY -> RESULT.
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
    """The search files a query for QUERY needs, besides display records (the same folding
    and stop words as the engine; no shorthand here)."""
    terms = [t for t in fold(QUERY).split() if t not in STOP_WORDS]
    return [
        *sorted({f"index/{t[:SHARD]}.json" for t in terms}),
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
