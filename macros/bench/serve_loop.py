"""The editor's loop: a plan file edited under `mkdocs serve`, until the page shows it.

`ServeSession(config)` starts `mkdocs serve --dirty --no-strict` (what `make serve` runs)
on a free port, from this checkout's macros/ (as measure.mkdocs_process builds), and
waits for the first build; `edit_and_wait(plan_file, old, new, url, shown)` replaces a
text in a plan file and waits until the served page shows `shown`, returning the seconds
from save to page. The test of the loop (tests/test_serve_loop.py) and the benchmark
use it; the benchmark works on a copy of the data (`copy_site`), never on data/.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from macros.bench.measure import Settings
from macros.bench.site_config import write_site
from macros.cli import ROOT
from macros.data.loader import load_registry
from macros.site import urls

FIRST_BUILD_TIMEOUT_S = 600
CHANGE_TIMEOUT_S = 300
POLL_S = 0.05


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server on 127.0.0.1
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def copy_site(data: Path, content: Path, into: Path) -> Path:
    """A copy of a data set's data/ and content/ with its own mkdocs.yml; returns that."""
    shutil.copytree(data, into / "data")
    shutil.copytree(content, into / "content")
    return write_site(into, nav=True)


class ServeSession:
    def __init__(self, config: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, "PYTHONPATH": path, "NO_MKDOCS_2_WARNING": "1"}
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict"]
        # the data set's data/ beside its mkdocs.yml (the real mkdocs.yml lists it under `watch`)
        cmd += [
            "--config-file",
            str(config),
            "--dev-addr",
            f"127.0.0.1:{self.port}",
            "--watch",
            str(config.parent / "data"),
        ]
        self.process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def __enter__(self) -> ServeSession:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def wait_for(self, url: str, text: str, timeout: float) -> float:
        """Seconds until the page at `url` (under the site) contains `text`; raises TimeoutError."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.process.poll() is not None:
                raise RuntimeError("mkdocs serve stopped:\n" + self.output()[-3000:])
            page = fetch(self.base + url)
            if page is not None and text in page:
                return time.perf_counter() - start
            time.sleep(POLL_S)
        raise TimeoutError(f"{url} did not show {text!r} within {timeout:g} s:\n" + self.output()[-3000:])

    def wait_for_output(self, text: str, timeout: float, count: int = 1) -> str:
        """The serve's log once `text` appears in it `count` times; raises TimeoutError."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if (log := self.output()).count(text) >= count:
                return log
            if self.process.poll() is not None:
                raise RuntimeError("mkdocs serve stopped:\n" + log[-3000:])
            time.sleep(POLL_S)
        raise TimeoutError(f"the log did not show {text!r} within {timeout:g} s:\n" + self.output()[-3000:])

    def edit_and_wait(self, plan_file: Path, old: str, new: str, url: str, shown: str) -> float:
        """Replace `old` by `new` in a plan file; seconds from the save until `url` shows `shown`."""
        text = plan_file.read_text(encoding="utf-8")
        if old not in text:
            raise ValueError(f"{old!r} is not in {plan_file}")
        plan_file.write_text(text.replace(old, new, 1), encoding="utf-8")
        return self.wait_for(url, shown, CHANGE_TIMEOUT_S)


REBUILT = re.compile(r"Cổng: dựng lại (\d+)/(\d+) trang")  # the hooks' log line under serve


def rebuilt_counts(log: str) -> list[tuple[int, int]]:
    """(pages made again, generated pages) of each rebuild, from the serve's log."""
    return [(int(a), int(b)) for a, b in REBUILT.findall(log)]


def serve_loop(config: Path, settings: Settings) -> dict[str, Any]:
    """The editor's loop on a copy of the data set: `settings.serve_edits` edits of one task's
    editor's note, each timed from the save until the plan's page shows it."""
    registry = load_registry(config.parent / "data", root=config.parent)
    plan = next(iter(registry.plans.values()))
    title = next(t.title for t in plan.tasks if '"' not in t.title and "\\" not in t.title)
    anchor = f'title: "{title}"'  # an editor's note goes under it (a copied title must stay as written)
    with tempfile.TemporaryDirectory(prefix="gp-bench-serve-") as tmp:
        copy = copy_site(config.parent / "data", config.parent / "content", Path(tmp))
        plan_file = copy.parent / "data" / "plans" / f"{plan.id}.yml"
        url = urls.page_url(urls.plan(plan.id))
        with ServeSession(copy) as serve:
            first = serve.wait_for(url, title, FIRST_BUILD_TIMEOUT_S)
            runs, current = [], anchor
            for n in range(1, settings.serve_edits + 1):
                note = f"Ghi chú thử của ban biên tập, lần {n}"
                edited = f'{anchor}\n    note: "{note}"'
                runs.append(serve.edit_and_wait(plan_file, current, edited, url, note))
                current = edited
                time.sleep(1)  # let the watcher settle before the next save
            log = serve.output()
    counts = rebuilt_counts(log)
    return {
        "first_build_s": round(first, 2),
        "runs_s": [round(r, 3) for r in runs],
        "median_s": round(statistics.median(runs), 3),
        "rebuilt": ", ".join(f"{a}/{b}" for a, b in counts[1:]) or "?",
    }
