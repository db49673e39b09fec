"""Building the site and measuring it on disk: the benchmark's part without a browser.

Times `mkdocs build --strict` in fresh processes that import this checkout's macros/
(`mkdocs_process`), sums up the data set, and sizes the built pages (raw and gzip, the
search index apart). macros/bench/browser.py measures in Chromium, macros/bench/report.py
puts the figures together; scripts/bench.py is the command line.
"""

from __future__ import annotations

import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.bench.national_sample import TASKS_PER_PLAN, write_national_sample
from macros.cli import ROOT
from macros.data.loader import load_registry

PAGE_LIMIT_BYTES = 300 * 1024  # the per-page target: 300 KiB of raw HTML, search index excluded
SEARCH_DIR = "search"
HEAVIEST = 5
GZIP_LEVEL = 6  # what common web servers use
BUILD_TIMEOUT_S = 30 * 60
KIB = 1024
SAMPLES = 5  # openings of each page in Chromium


class BuildFailed(Exception):
    def __init__(self, run_number: int, returncode: int, output: str, data_set: str = "") -> None:
        super().__init__(f"build {run_number} exited with {returncode}")
        self.run_number, self.returncode, self.output, self.data_set = run_number, returncode, output, data_set


@dataclass(frozen=True)
class Settings:
    samples: int = SAMPLES
    browser: bool = True
    serve: bool = True  # the editor's loop under `make serve`
    serve_edits: int = 3
    peers: bool = True  # Pagefind and stock Material search, beside the portal's (macros/bench/peers.py)


# --- building --------------------------------------------------------------------------------


def mkdocs_process(
    config: Path, site_dir: Path, environ: dict[str, str] | None = None
) -> tuple[list[str], Path, dict[str, str]]:
    """The command, working folder and environment of one `mkdocs build --strict`.

    The build imports `macros` (hooks, macros plugin) by name; run from another folder (the
    national sample's) with an interpreter whose editable install or PYTHONPATH points at
    another checkout, it would build with that checkout's code. So this checkout comes
    first on PYTHONPATH and the build runs inside it; the config's own folder still holds
    the data (the hooks read data/ beside mkdocs.yml).
    """
    environ = dict(os.environ if environ is None else environ)
    path = os.pathsep.join(p for p in (str(ROOT), environ.get("PYTHONPATH", "")) if p)
    env = {**environ, "PYTHONPATH": path, "NO_MKDOCS_2_WARNING": "1"}
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
    return cmd, ROOT, env


def build_once(config: Path, site_dir: Path, run_number: int) -> dict[str, float]:
    """One `mkdocs build --strict` in a fresh process: its wall and CPU seconds (CPU time
    varies less on a shared machine) and its peak memory, from the kernel's accounting."""
    cmd, cwd, env = mkdocs_process(config.resolve(), site_dir.resolve())
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            _, status, usage = _wait4(proc.pid, BUILD_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            output.seek(0)
            raise BuildFailed(run_number, proc.returncode, output.read().decode("utf-8", "replace"))
    return {
        "wall_s": elapsed,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,  # KiB on Linux
    }


def _wait4(pid: int, timeout: float) -> tuple[int, int, Any]:
    """os.wait4 with a time bound (polling: wait4 itself has none)."""
    deadline = time.monotonic() + timeout
    while True:
        reaped, status, usage = os.wait4(pid, os.WNOHANG)
        if reaped:
            return reaped, status, usage
        if time.monotonic() > deadline:
            raise subprocess.TimeoutExpired(str(pid), timeout)
        time.sleep(0.05)


def time_builds(
    config: Path, site_dir: Path, runs: int, progress: Callable[[int, float], None] = lambda n, s: None
) -> dict[str, Any]:
    """Build `runs` times into the same folder; the last build stays there for the size figures."""
    builds = []
    for n in range(1, runs + 1):
        builds.append(build_once(config, site_dir, n))
        progress(n, builds[-1]["wall_s"])
    return {
        "runs_s": [round(b["wall_s"], 3) for b in builds],
        "median_s": round(statistics.median(b["wall_s"] for b in builds), 3),
        "cpu_median_s": round(statistics.median(b["cpu_s"] for b in builds), 3),
        "peak_mib": round(max(b["peak_mib"] for b in builds), 1),
    }


def machine() -> dict[str, Any]:
    """CPUs and load: timings taken while other work runs on the machine are slower."""
    return {"cpus": os.cpu_count(), "load_average_start": round(os.getloadavg()[0], 2)}


# --- the data sets ---------------------------------------------------------------------------


def data_summary(root: Path) -> dict[str, Any]:
    """What the data set holds: plans, tasks, indicators, agencies, text sizes."""
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


def national_config(folder: Path, tasks_per_plan: int = TASKS_PER_PLAN) -> Path:
    """Generate the national-size sample under `folder` (`tasks_per_plan` × 34 plans); returns its mkdocs.yml."""
    return write_national_sample(folder, tasks_per_plan=tasks_per_plan).config


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
