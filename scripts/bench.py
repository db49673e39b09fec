"""Đo hiệu năng: dựng toàn bộ cổng (mkdocs build --strict) vài lần, in thời gian và dung lượng trang.

Benchmark the site: run a full `mkdocs build --strict` of the real site N times into a
temporary folder (default 3, `--runs`), print the wall time of each run and the median,
then the size of the last build: total bytes, bytes without the search index (search/),
the number of HTML pages, the five heaviest pages (raw and gzip bytes) and whether every
page is under the 300 KB target. `--json` prints the same figures as one JSON object.

Each measurement is one function that takes the built site and returns a JSON-ready
dict; add a new one (e.g. search download sizes, search timings) to MEASUREMENTS and
to the text report. Changes no file outside the temporary folder. Exit 1 if a build fails.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from macros.cli import ROOT, run

CONFIG = ROOT / "mkdocs.yml"
PAGE_LIMIT_BYTES = 300 * 1024  # the per-page target: 300 KiB of raw HTML, search index excluded
SEARCH_DIR = "search"
HEAVIEST = 5
GZIP_LEVEL = 6  # what common web servers use
BUILD_TIMEOUT_S = 30 * 60


class BuildFailed(Exception):
    def __init__(self, run_number: int, returncode: int, output: str) -> None:
        super().__init__(f"build {run_number} exited with {returncode}")
        self.run_number, self.returncode, self.output = run_number, returncode, output


# --- building --------------------------------------------------------------------------------


def build_once(config: Path, site_dir: Path, run_number: int) -> float:
    """One `mkdocs build --strict` in a fresh process; returns its wall time in seconds."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
           "--config-file", str(config), "--site-dir", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=config.parent, env=env, capture_output=True, text=True,
                          timeout=BUILD_TIMEOUT_S)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise BuildFailed(run_number, proc.returncode, proc.stdout + proc.stderr)
    return elapsed


def time_builds(config: Path, site_dir: Path, runs: int,
                progress: Callable[[int, float], None] = lambda n, s: None) -> dict[str, Any]:
    """Build `runs` times into the same folder; the last build stays there for the size figures."""
    times = []
    for n in range(1, runs + 1):
        times.append(build_once(config, site_dir, n))
        progress(n, times[-1])
    return {"runs_s": [round(t, 3) for t in times], "median_s": round(statistics.median(times), 3)}


# --- measurements on a built site -----------------------------------------------------------


def _is_search(path: Path, site: Path) -> bool:
    return path.relative_to(site).parts[0] == SEARCH_DIR


def site_size(site: Path) -> dict[str, Any]:
    """Bytes on disk of the built site, and of its HTML pages (the search index excluded)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html" and not _is_search(p, site)]
    sized = sorted(((p, p.stat().st_size) for p in pages), key=lambda item: (-item[1], str(item[0])))
    heaviest = []
    for path, size in sized[:HEAVIEST]:
        heaviest.append({
            "path": path.relative_to(site).as_posix(),
            "bytes": size,
            "gzip_bytes": len(gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)),
        })
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


# name -> function(site) -> JSON-ready dict; each adds one key to the report.
MEASUREMENTS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "size": site_size,
}


# --- reporting -------------------------------------------------------------------------------


def grouped(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB".replace(",", " ")


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
    lines += [f"    {grouped(p['bytes']):>9} B / {grouped(p['gzip_bytes']):>7} B  {p['path']}"
              for p in size["heaviest_pages"]]
    limit = f"{kb(size['page_limit_bytes'])} ({grouped(size['page_limit_bytes'])} B)"
    if size["all_pages_under_limit"]:
        lines.append(f"  mọi trang dưới mục tiêu {limit}: có")
    else:
        lines.append(f"  mọi trang dưới mục tiêu {limit}: KHÔNG ({len(size['pages_over_limit'])} trang vượt)")
        lines += [f"    {grouped(p['bytes']):>9} B  {p['path']}" for p in size["pages_over_limit"]]
    return lines


FORMATTERS: dict[str, tuple[str, Callable[[dict[str, Any]], list[str]]]] = {
    "build": ("Thời gian dựng (mkdocs build --strict)", format_build),
    "size": ("Dung lượng trang", format_size),
}


def format_report(report: dict[str, Any]) -> str:
    out = []
    for key, value in report.items():
        title, formatter = FORMATTERS.get(key, (key, lambda v: [f"  {json.dumps(v, ensure_ascii=False)}"]))
        out += [f"{title}:", *formatter(value)]
    return "\n".join(out)


# --- command line ----------------------------------------------------------------------------


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("phải là số nguyên ≥ 1")
    return value


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Đo thời gian dựng và dung lượng của cổng.")
    parser.add_argument("--runs", type=positive, default=3, help="số lần dựng (mặc định: 3)")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument("--config", default=str(CONFIG), help="tệp cấu hình MkDocs (mặc định: mkdocs.yml)")
    args = parser.parse_args(argv)
    log = sys.stderr if args.json else sys.stdout

    def progress(n: int, seconds: float) -> None:
        print(f"Dựng lần {n}/{args.runs}: {seconds:.2f} s", file=log, flush=True)

    with tempfile.TemporaryDirectory(prefix="gp-bench-") as tmp:
        site = Path(tmp) / "site"
        try:
            report: dict[str, Any] = {"build": time_builds(Path(args.config).resolve(), site, args.runs, progress)}
        except BuildFailed as err:
            print(err.output[-4000:], file=sys.stderr)
            print(f"Lần dựng {err.run_number} thất bại (mã thoát {err.returncode}); không đo tiếp. "
                  "Chạy `make build` để xem lỗi.", file=sys.stderr)
            return 1
        for name, measure in MEASUREMENTS.items():
            report[name] = measure(site)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    return 0


if __name__ == "__main__":
    run(main)
