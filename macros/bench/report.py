"""The benchmark's report: every measurement of a data set, its targets, and the words.

Benchmarks the site on the real data (`current`), on a generated data set of national size
(`national`: 34 provinces × 150 tasks, see macros/bench/national_sample.py, written into a
temporary folder) or on both. scripts/bench.py is the command line.

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
- peers: Pagefind (indexing a copy of the built site) and stock Material search (the
  same data built again with Material's own worker and index), opened in the same rounds
  as the portal's scenarios with the same query (macros/bench/peers.py, `--no-peers`
  skips them); each peer's time to its first result after load and gzip bytes before it,
  and the ratios peer ÷ portal;
- targets: the issues' targets with PASS/FAIL (TARGETS below: build time and memory, the
  editor's loop, page weight, first results after load and gzip bytes before them), and
  the goal against Pagefind: at least three times faster to the first result, fewer bytes.

Each report also notes the CPUs and the load average: timings taken while other work
runs on the machine are slower. `format_reports` words the reports for a reader, in
Vietnamese; `json_report` gives the same as one JSON object (the data set's report, or
{"current": …, "national": …} for both). Changes no file outside its temporary folders.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from macros.bench.browser import first_results, search_phases
from macros.bench.measure import (
    KIB,
    PAGE_LIMIT_BYTES,
    SEARCH_DIR,
    BuildFailed,
    Settings,
    data_summary,
    machine,
    national_config,
    site_size,
    time_builds,
)
from macros.bench.national_sample import TASKS_PER_PLAN
from macros.bench.peers import compare, goal_checks, prepare_peers
from macros.bench.serve_loop import serve_loop

DATA_SETS = ("current", "national", "national4")
BOTH = ("current", "national")
NATIONAL_TASKS = {"national": TASKS_PER_PLAN, "national4": 4 * TASKS_PER_PLAN}  # tasks per plan, 34 plans
MIB = 1024


@dataclass(frozen=True)
class Targets:
    """The issue's targets for one data set (None: no target)."""

    build_s: float | None
    first_from_load_ms: float | None
    gzip_before_first_bytes: int | None
    pages_under_limit: bool = False  # every page under PAGE_LIMIT_BYTES (search index aside)
    explorer_query_from_load_ms: float | None = None  # the explorer with a query, when it has its own
    build_peak_mib: float | None = None
    serve_change_s: float | None = None  # a plan edit under `make serve`, from save to page


TARGETS = {
    # the portal issue: a strict build within 5 s, no page over 300 KB; the search issue and
    # the scale issue: the rest
    "current": Targets(5, 100, 150 * KIB, pages_under_limit=True, explorer_query_from_load_ms=150, serve_change_s=1),
    "national": Targets(10, 150, 250 * KIB, explorer_query_from_load_ms=200, serve_change_s=2),
    "national4": Targets(30, None, None, build_peak_mib=1024),
}
# only the build is measured at four times national size (the targets are the build's)
BUILD_ONLY = {"national4"}

# name -> function(site, settings) -> JSON-ready dict; each adds one key to the report.
MEASUREMENTS: dict[str, Callable[[Path, Settings], dict[str, Any]]] = {
    "size": site_size,
    "first_results": first_results,
    "search_phases": search_phases,
}
BROWSER_MEASUREMENTS = {"first_results", "search_phases"}


def _check(what: str, target: str, value: float, unit: str, ok: bool) -> dict[str, Any]:
    return {"what": what, "target": target, "value": value, "unit": unit, "pass": ok}


def check_targets(report: dict[str, Any], targets: Targets) -> list[dict[str, Any]]:
    """The issue's targets, each with the measured value and whether it is met."""
    checks = []
    build = report["build"]
    if targets.build_s is not None:
        checks.append(
            _check("build", f"≤ {targets.build_s:g} s", build["median_s"], "s", build["median_s"] <= targets.build_s)
        )
    if targets.build_peak_mib is not None:
        limit_mib = targets.build_peak_mib
        checks.append(
            _check(
                "build: peak memory",
                f"≤ {limit_mib / MIB:g} GB",
                build["peak_mib"],
                "MiB",
                build["peak_mib"] <= limit_mib,
            )
        )
    if targets.serve_change_s is not None and "serve_loop" in report:
        median = report["serve_loop"]["median_s"]
        checks.append(
            _check(
                "make serve: plan edit to page",
                f"≤ {targets.serve_change_s:g} s",
                median,
                "s",
                median <= targets.serve_change_s,
            )
        )
    if targets.pages_under_limit and "size" in report:
        size = report["size"]
        heaviest = size["heaviest_pages"][0]["bytes"]
        checks.append(
            _check("heaviest page", f"≤ {PAGE_LIMIT_BYTES // KIB} KB", heaviest, "B", size["all_pages_under_limit"])
        )
    for key, scenario in report.get("first_results", {}).get("scenarios", {}).items():
        if (
            scenario["diagnostic"]
            or scenario["peer"]
            or targets.first_from_load_ms is None
            or targets.gzip_before_first_bytes is None
        ):
            continue
        limit = targets.first_from_load_ms
        if key == "explorer_query" and targets.explorer_query_from_load_ms is not None:
            limit = targets.explorer_query_from_load_ms
        after_load = scenario["from_load_ms"]
        gz, gz_limit = scenario["before_first"]["gzip_bytes"], targets.gzip_before_first_bytes
        checks += [
            _check(f"{key}: first result after load", f"≤ {limit:g} ms", after_load, "ms", after_load <= limit),
            _check(f"{key}: gzip before first result", f"≤ {gz_limit // KIB} KB", gz, "B", gz <= gz_limit),
        ]
    if "peers" in report:
        checks += goal_checks(report["peers"])
    return checks


# --- measuring a data set ----------------------------------------------------------------------


def bench_data_set(name: str, config: Path, runs: int, settings: Settings, log: Any) -> dict[str, Any]:
    """Every measurement of one data set (its mkdocs.yml given); raises BuildFailed."""

    def progress(n: int, seconds: float) -> None:
        print(f"[{name}] Dựng lần {n}/{runs}: {seconds:.2f} s", file=log, flush=True)

    with tempfile.TemporaryDirectory(prefix="gp-bench-") as tmp:
        site = Path(tmp) / "site"
        report: dict[str, Any] = {"data_set": name, "machine": machine(), "data": data_summary(config.parent)}
        try:
            report["build"] = time_builds(config, site, runs, progress)
            measurements = dict(MEASUREMENTS)
            peers = []
            if settings.peers and settings.browser and name not in BUILD_ONLY:
                peers = prepare_peers(
                    config, site, Path(tmp) / "peers", lambda text: print(f"[{name}] {text}", file=log, flush=True)
                )
                measurements["first_results"] = partial(first_results, peers=[(p.scenario, p.site) for p in peers])
        except BuildFailed as err:
            raise BuildFailed(err.run_number, err.returncode, err.output, data_set=name) from None
        for key, measure in measurements.items():
            if name in BUILD_ONLY or (key in BROWSER_MEASUREMENTS and not settings.browser):
                continue
            print(f"[{name}] Đo {key}…", file=log, flush=True)
            report[key] = measure(site, settings)
        if peers:
            report["peers"] = compare(report["first_results"], peers)
    if settings.serve and name not in BUILD_ONLY:
        print(f"[{name}] Đo make serve (sửa một kế hoạch)…", file=log, flush=True)
        report["serve_loop"] = serve_loop(config, settings)
    report["machine"]["load_average_end"] = round(os.getloadavg()[0], 2)
    report["targets"] = check_targets(report, TARGETS[name])
    return report


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
    return lines + [
        f"  trung vị: {build['median_s']:.2f} s ({len(build['runs_s'])} lần); CPU {build['cpu_median_s']:.2f} s; "
        f"bộ nhớ lớn nhất {build['peak_mib']:.0f} MiB"
    ]


def format_serve_loop(loop: dict[str, Any]) -> list[str]:
    return [
        f"  lần dựng đầu: {loop['first_build_s']:.1f} s; từ lúc lưu tệp tới khi trang đổi: "
        + ", ".join(f"{s:.2f} s" for s in loop["runs_s"])
        + f" (trung vị {loop['median_s']:.2f} s); trang dựng lại sau mỗi lần sửa: {loop['rebuilt']}"
    ]


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
        f"  chuẩn bị truy vấn (tệp postings của các từ, tải cùng lúc): {phases['prepare_ms']:.1f} ms",
        f"  truy vấn “{phases['query']}”: {phases['query_ms']:.1f} ms ({grouped(phases['hits'])} kết quả); "
        f"bản ghi của 50 kết quả đầu: {phases['records_ms']:.1f} ms",
        f"  worker của ô tìm kiếm: tạo → READY {phases['worker_ready_ms']:.1f} ms; "
        f"QUERY → RESULT đầu tiên {phases['worker_query_ms']:.1f} ms ({phases['worker_groups']} nhóm)",
    ]
    return lines


PORTAL_NAMES = {"search": "ô tìm kiếm của cổng", "explorer_query": "trang tra cứu có từ khoá"}


def format_peers(comparison: dict[str, Any]) -> list[str]:
    lines = [
        f"  cùng trang, cùng truy vấn “{comparison['query']}”, đo xen kẽ với các kịch bản của cổng; "
        "tỉ số = công cụ kia ÷ cổng (thời gian từ load, hoặc từ điều hướng khi kết quả của cổng "
        "đến trước load; gzip trước kết quả đầu tiên); "
        "Pagefind chạy trên chính trang chủ của cổng (bản sao, chỉ thêm quyền chạy WebAssembly), "
        "nên load của hai bên như nhau"
    ]
    for peer in comparison["peers"].values():
        made = (
            f"chỉ mục {peer['index_s']:.1f} s, {kb(peer['bundle_bytes'])}"
            if "index_s" in peer
            else f"dựng {peer['build_s']:.1f} s, chỉ mục {kb(peer['index_bytes'])}"
        )
        lines.append(
            f"  {peer['label']} {peer['version']} ({made}): kết quả đầu tiên {peer['from_load_ms']:.0f} ms sau load, "
            f"{kb(peer['gzip_before_first_bytes'])} gzip trước đó ({peer['files_before_first']} tệp)"
        )
        lines += [
            f"    so với {PORTAL_NAMES.get(key, key)}: thời gian ×{r['speedup']:g} "
            f"(từ điều hướng ×{r['speedup_from_navigation']:g}), gzip ×{r['gzip_ratio']:g}"
            for key, r in peer["against"].items()
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
    "serve_loop": ("Sửa một kế hoạch khi đang chạy make serve (mkdocs serve --dirty)", format_serve_loop),
    "size": ("Dung lượng trang", format_size),
    "first_results": ("Kết quả đầu tiên trong Chromium", format_first_results),
    "search_phases": ("Các bước của tìm kiếm trong Chromium", format_phases),
    "peers": ("So với Pagefind và ô tìm kiếm nguyên bản của Material", format_peers),
    "targets": ("Mục tiêu", format_targets),
}
DATA_TITLES = {
    "current": "Dữ liệu hiện tại (data/)",
    "national": f"Dữ liệu mẫu cỡ toàn quốc (34 tỉnh × {NATIONAL_TASKS['national']} nhiệm vụ)",
    "national4": f"Dữ liệu mẫu gấp bốn cỡ toàn quốc (34 tỉnh × {NATIONAL_TASKS['national4']} nhiệm vụ)",
}


def format_report(report: dict[str, Any]) -> str:
    out = []
    for key, value in report.items():
        if key == "data_set":
            continue
        title, formatter = FORMATTERS.get(key, (key, lambda v: [f"  {json.dumps(v, ensure_ascii=False)}"]))
        out += [f"{title}:", *formatter(value)]
    return "\n".join(out)


def run_benchmark(names: list[str], config: Path, runs: int, settings: Settings, log: Any) -> dict[str, dict[str, Any]]:
    """The report of each data set in `names` (`config`: the current data's mkdocs.yml);
    progress lines go to `log`. Raises BuildFailed (naming the data set) at the first failed build."""
    reports: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="gp-bench-data-") as tmp:
        for name in names:
            if name in NATIONAL_TASKS:
                print(f"[{name}] Sinh dữ liệu mẫu ({DATA_TITLES[name]})…", file=log, flush=True)
                data_config = national_config(Path(tmp) / name, NATIONAL_TASKS[name])
            else:
                data_config = config.resolve()
            reports[name] = bench_data_set(name, data_config, runs, settings, log)
    return reports


def growth(reports: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """Four times the tasks against national size: how much longer the build takes and how
    much more memory it needs (4 or less: nothing grows faster than linearly; a fixed cost
    makes it less), and both per task."""
    if not {"national", "national4"} <= set(reports):
        return None
    one, four = reports["national"], reports["national4"]

    def per_task(report: dict[str, Any]) -> dict[str, float]:
        tasks = report["data"]["tasks"]
        return {
            "cpu_ms": round(report["build"]["cpu_median_s"] * 1000 / tasks, 2),
            "peak_kib": round(report["build"]["peak_mib"] * 1024 / tasks, 1),
        }

    ratio = {
        "tasks": round(four["data"]["tasks"] / one["data"]["tasks"], 2),
        "wall": round(four["build"]["median_s"] / one["build"]["median_s"], 2),
        "cpu": round(four["build"]["cpu_median_s"] / one["build"]["cpu_median_s"], 2),
        "memory": round(four["build"]["peak_mib"] / one["build"]["peak_mib"], 2),
        "per_task": {"national": per_task(one), "national4": per_task(four)},
    }
    ratio["linear"] = ratio["cpu"] <= ratio["tasks"] and ratio["memory"] <= ratio["tasks"]
    return ratio


def format_growth(ratio: dict[str, Any]) -> list[str]:
    one, four = ratio["per_task"]["national"], ratio["per_task"]["national4"]
    return [
        f"  ×{ratio['tasks']:g} nhiệm vụ → thời gian dựng ×{ratio['wall']:g} (CPU ×{ratio['cpu']:g}), "
        f"bộ nhớ ×{ratio['memory']:g}",
        f"  mỗi nhiệm vụ (cỡ toàn quốc → gấp bốn): CPU {one['cpu_ms']:g} → {four['cpu_ms']:g} ms, "
        f"bộ nhớ {one['peak_kib']:g} → {four['peak_kib']:g} KB",
        f"  tuyến tính (CPU và bộ nhớ không quá ×{ratio['tasks']:g}): " + ("có" if ratio["linear"] else "KHÔNG"),
    ]


def format_reports(reports: dict[str, dict[str, Any]]) -> str:
    out = "\n\n".join(f"===== {DATA_TITLES[name]} =====\n{format_report(report)}" for name, report in reports.items())
    if ratio := growth(reports):
        out += "\n\n===== Tăng trưởng (gấp bốn so với cỡ toàn quốc) =====\n" + "\n".join(format_growth(ratio))
    return out


def json_report(reports: dict[str, dict[str, Any]]) -> str:
    """One data set's report alone, or every report by data set (and the growth from
    national to four times national, when both were measured)."""
    if len(reports) == 1:
        return json.dumps(next(iter(reports.values())), ensure_ascii=False, indent=2)
    ratio = growth(reports)
    return json.dumps({**reports, **({"growth": ratio} if ratio else {})}, ensure_ascii=False, indent=2)
