"""scripts/bench.py runs on the real site and reports its figures in the documented shape.

Only the structure and the sign of the figures are checked, never timings: those depend
on the machine. The test builds the whole site once more (a few seconds today, more as the
data grows), so it carries the `slow` marker: `pytest -m "not slow"` skips it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH = REPO_ROOT / "scripts" / "bench.py"
SLOW_TESTS = {"test_bench_json_report"}

# A test module's own hooks are not called by pytest, so this module registers itself as a
# plugin: its pytest_configure then declares the `slow` marker (tests/conftest.py stays
# untouched) and its collection hook marks the tests above, before `-m` deselects.
pytest_plugins = [__name__]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes more than ~15 s or builds the whole site; "
                                       'skip with -m "not slow"')


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if getattr(item, "module", None) is sys.modules[__name__] and item.originalname in SLOW_TESTS:
            item.add_marker("slow")


def test_bench_json_report() -> None:
    proc = subprocess.run([sys.executable, str(BENCH), "--runs", "1", "--json"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=20 * 60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)  # stdout is the JSON alone; progress goes to stderr
    assert "Dựng lần 1/1" in proc.stderr

    build = report["build"]
    assert len(build["runs_s"]) == 1 and build["runs_s"][0] > 0
    assert build["median_s"] == build["runs_s"][0]

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
