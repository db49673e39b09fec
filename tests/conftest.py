"""Fixtures shared by every test that needs a built site (HTML checks and browser tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from site_html import Site, parse_site

from macros.data.loader import load_registry
from macros.data.registry import Registry

REPO_ROOT = Path(__file__).resolve().parent.parent
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"
BUILD_TIMEOUT_S = 20 * 60

MkdocsBuild = Callable[[Path, Path], Path]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives headless Chromium (tests/browser/)")
    # pytest-playwright 0.10's own `base_url` fixture triggers this on every run; not ours to fix.
    config.addinivalue_line(
        "filterwarnings", "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    )


# Files that run long on sites or data of their own: they go first, so that under `make test`
# (two workers, whole files each, in this order) they overlap the real site's build and the
# many short files rather than finishing last on one worker.
RUN_FIRST = (
    "test_bench.py",
    "test_change_report.py",
    "test_fuzz.py",
    "test_serve_loop.py",
    "test_import_formats.py",
    "test_last_changed.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark browser tests by location so `-m "not browser"` works without per-file markers;
    put the RUN_FIRST files first (a stable sort: the rest keep their order)."""
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
    first = {name: n for n, name in enumerate(RUN_FIRST)}
    items.sort(key=lambda item: first.get(item.path.name, len(RUN_FIRST)))


def _mkdocs_build(config_file: Path, site_dir: Path) -> Path:
    """Build with `mkdocs build --strict`, from the config's folder, as the Makefile does.

    Runs in a subprocess so a build never shares state (hooks, plugins) with the tests.
    """
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(config_file),
        "--site-dir",
        str(site_dir),
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        proc = subprocess.run(
            cmd, cwd=config_file.parent, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"mkdocs build of {config_file} took over {BUILD_TIMEOUT_S} s", pytrace=False)
    if proc.returncode != 0:
        pytest.fail(
            f"mkdocs build --strict of {config_file} failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}",
            pytrace=False,
        )
    return site_dir


def shared_build(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Path]) -> Path:
    """`build(root) -> site_dir`, run once per test run: under pytest-xdist (`make test` runs two
    workers) the first worker builds into this run's shared temporary folder, the others wait
    for it and read the same files. Tests only read a shared site.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent  # one folder per run, shared by its workers
    root, done = shared / name, shared / f"{name}.built"
    with FileLock(shared / f"{name}.lock"):
        if not done.is_file():
            shutil.rmtree(root, ignore_errors=True)  # a worker's failed attempt
            root.mkdir()
            done.write_text(str(build(root)), encoding="utf-8")
    return Path(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def mkdocs_build() -> MkdocsBuild:
    """`mkdocs_build(config_file, site_dir) -> site_dir`, for tests that build their own fixture site."""
    return _mkdocs_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session; `SITE_DIR=site` reuses an existing build instead."""
    if given := os.environ.get("SITE_DIR"):
        site = Path(given).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(
                f"SITE_DIR={given}: no index.html there; run `make build` first or unset SITE_DIR", pytrace=False
            )
        return site
    return shared_build(tmp_path_factory, "site", lambda root: _mkdocs_build(REPO_ROOT / "mkdocs.yml", root))


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The real data/, loaded once per session (modules with their own `registry` override it)."""
    return load_registry(REPO_ROOT / "data", root=REPO_ROOT)


@pytest.fixture(scope="session")
def site(built_site: Path) -> Site:
    """Every HTML page of the real built site, parsed once per session."""
    return parse_site(built_site)


@pytest.fixture(scope="session")
def escaping_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile fixture site of tests/test_escaping.py, built once for its HTML checks and
    for tests/browser/test_escaping_browser.py."""
    from test_escaping import make_escaping_site

    return shared_build(
        tmp_path_factory, "escaping", lambda root: _mkdocs_build(make_escaping_site(root), root / "site")
    )
