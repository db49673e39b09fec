"""The pages a build shares with its second core (macros/page_worker.py): the worker makes
them exactly as this process would, its warnings fail a strict build, and its failure
ends the build with one clean message. Small fixture builds, run in this process so the
fork can be switched on and off (the `forking` fixture) and the worker made to build
every shared page (this process takes none from the queue)."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.pages import Page
from test_build_speed import forking  # noqa: F401 - a fixture

from macros import page_worker
from macros.bench.site_config import write_site

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = REPO_ROOT / "tests" / "fixtures" / "data"
BROKEN_LINK = "khong-co-trang-nay.md"
TAKE = page_worker._take  # as the module has it, whatever a test puts in its place


def fixture_site(root: Path) -> Path:
    """The fixture data with the real menu, plus a page the menu takes its title from (the
    worker knows it only from this process: hooks.on_nav adds it)."""
    shutil.copytree(FIXTURE_DATA, root / "data")
    config = write_site(root, home="# Trang chủ\n\nCổng thử nghiệm.\n", nav=True)
    page = root / "content" / "gioi-thieu" / "nhom-bien-tap.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Nhóm biên tập\n\nNhững người giữ cho cổng luôn đúng.\n", encoding="utf-8")
    return config


def build_here(config: Path, site_dir: Path) -> Path:
    """`mkdocs build --strict` of `config`, in this process, from its folder."""
    cwd = os.getcwd()
    os.chdir(config.parent)
    try:
        build(load_config(str(config), site_dir=str(site_dir), strict=True))
    finally:
        os.chdir(cwd)
    return site_dir


@pytest.fixture
def worker_builds_all(monkeypatch: pytest.MonkeyPatch, forking: None) -> list[str]:  # noqa: F811
    """The build forks its page worker, and this process takes no page from the queue:
    the worker makes every shared page. Gives the shared pages' source paths."""
    parent, shared = os.getpid(), []
    monkeypatch.setattr(page_worker, "_take", lambda queue: TAKE(queue) if os.getpid() != parent else None)
    start = page_worker.start

    def recording_start(*args: object) -> None:
        start(*args)  # type: ignore[arg-type]
        shared.extend(f.src_uri for worker in page_worker._WORKER for f in worker.pages)

    monkeypatch.setattr(page_worker, "start", recording_start)
    return shared


def html_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.suffix in {".html", ".xml"}}


def test_the_worker_makes_its_pages_as_this_process_would(
    tmp_path: Path, worker_builds_all: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same pages, sitemap and listings whether the worker makes the shared pages, this
    process takes them all from the queue, or nothing forks (one thread more, as under serve)."""
    config = fixture_site(tmp_path)
    with_worker = html_files(build_here(config, tmp_path / "worker"))
    assert worker_builds_all, "no page was shared with a worker"
    made_by_worker = [uri.removesuffix(".md") + "/index.html" for uri in worker_builds_all]
    assert all(with_worker[page] for page in made_by_worker)
    parent = os.getpid()
    monkeypatch.setattr(page_worker, "_take", lambda queue: TAKE(queue) if os.getpid() == parent else None)
    taken_here = html_files(build_here(config, tmp_path / "here"))
    monkeypatch.setattr("threading.active_count", lambda: 2)
    without = html_files(build_here(config, tmp_path / "without"))
    for built in (with_worker, taken_here):
        assert built.keys() == without.keys()
        assert [p for p in built if built[p] != without[p]] == []


def test_a_warning_on_a_page_the_worker_makes_fails_a_strict_build(
    tmp_path: Path, worker_builds_all: list[str], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A warning MkDocs would log while reading one of the worker's pages (a broken link),
    logged in the worker: this process prints it once and the strict build counts it."""
    parent, populate, warned = os.getpid(), page_worker._populate_page, []

    def populate_and_warn(page: Page, *args: object) -> None:
        populate(page, *args)  # type: ignore[arg-type]
        if not warned:
            assert os.getpid() != parent
            warned.append(page.file.src_uri)
            logging.getLogger("mkdocs.structure.pages").warning(
                "Doc file '%s' contains a link '%s', but the target is not found.", page.file.src_uri, BROKEN_LINK
            )

    monkeypatch.setattr(page_worker, "_populate_page", populate_and_warn)
    config = fixture_site(tmp_path)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=r"Aborted with 1 warnings in strict mode"):
        build_here(config, tmp_path / "site")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and BROKEN_LINK in warnings[0], warnings
    assert any(f"'{uri}'" in warnings[0] for uri in worker_builds_all)


def test_a_failing_worker_ends_the_build_with_one_clean_message(
    tmp_path: Path, worker_builds_all: list[str], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("hỏng")

    monkeypatch.setattr(page_worker, "_build_page", broken)
    config = fixture_site(tmp_path)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match="Aborted with a BuildError!"):
        build_here(config, tmp_path / "site")
    assert worker_builds_all
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors[-1] == (
        "Lỗi không mong đợi khi dựng trang (RuntimeError: hỏng). Trang chưa được dựng. "
        "Chạy lại `mkdocs build` và gửi kết quả cho nhóm kỹ thuật."
    ), errors
    assert not any("Traceback" in e for e in errors)
