"""MkDocs adapter: a share of the generated pages built on the second core.

Once the menu is final (on_nav) a forked worker takes pages from a queue (those
macros/site/page_split.py shares: agency pages, never in the menu, heaviest first) and
makes each as any page is made: its body (Site.render, unless made already), then MkDocs'
own `_populate_page` and `_build_page`, so its HTML is the same. It builds only once this
process has read its own pages (on_env) and sent what every page's menu shows of them
(titles and meta). Here the shared pages stay in the file list (sitemap, listings) but
cost nothing: they are left out while pages are read and go through an empty template.
At on_post_build this process, its own pages done, takes from the same queue until it
is empty (so both cores end together, whatever a page costs), then logs the worker's
records (a strict build counts its warnings), fails as the worker failed, and checks the
links to anchors of and to the shared pages (MkDocs checked them without those pages).

Only `mkdocs build` forks (background.can_fork: one thread; serve runs threads).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import select
import signal
import tempfile
from dataclasses import dataclass, field
from typing import IO, Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from macros.data.problems import DataError
from macros.site.background import Records, can_fork, log_again
from macros.site.pages import PlannedPage, Site
from macros.site.template_bytecode import Bytecode, compile_templates

SHARED = "gp_shared"  # on a File: its place in the queue shared with the worker
DEFERRED = "gp_deferred"  # on a File: (Site, PlannedPage) of a page whose body is not rendered yet
FILE_BLOCKS = "gp_blocks"  # a page's HTML blocks (hooks.FILE_BLOCKS)
MAIN_TEMPLATE = "main.html"  # MkDocs' template of a page without its own
EMPTY_TEMPLATE = "gp-made-by-the-worker.html"  # a shared page's template here: MkDocs writes nothing
SKIPPED = "Page skipped: '{}'. Generated empty output."  # what MkDocs says of such a page
QUEUE_MAX = 16_000  # four bytes a page: the queue is written at once into a pipe (64 KiB)
BUILD_LOG = logging.getLogger("mkdocs.commands.build")


def share(file: File, place: int, site: Site, page: PlannedPage | None) -> None:
    """Offer a generated page to the worker; `page`: its body is still to be rendered."""
    setattr(file, SHARED, place)
    if page is not None:
        setattr(file, DEFERRED, (site, page))


def render_deferred(file: File) -> None:
    """The page body of a deferred page, put where MkDocs reads it."""
    if (deferred := getattr(file, DEFERRED, None)) is None:
        return
    site, planned = deferred
    spec = site.render(planned)
    file.content_string = spec.content
    setattr(file, FILE_BLOCKS, spec.blocks)
    delattr(file, DEFERRED)


@dataclass
class _Worker:
    pid: int
    pages: list[File]  # the shared pages, in queue order
    files: Files
    nav: Navigation
    config: MkDocsConfig
    queue: int  # read end: four-byte places in `pages`, taken by both processes
    menu: IO[bytes]  # what the worker needs of this process's pages (see on_env)
    ready: int  # written once `menu` is
    result: int  # read end: the worker's records, failure and anchors
    compiled: Bytecode  # the page frame's templates, compiled before the fork (on_env)
    env: Environment | None = None
    skipped: set[str] = field(default_factory=set)


_WORKER: list[_Worker] = []  # the running worker of this build, if any


def start(files: Files, nav: Navigation, config: MkDocsConfig) -> None:
    """After every on_nav: the shared pages outside the menu go to a queue and a worker
    starts on them; any other (in the menu, beyond the queue, no second core) is rendered
    here now and built as any page."""
    stop()
    in_nav = {page.file.src_uri for page in nav.pages}
    shared = sorted((f for f in files.documentation_pages() if hasattr(f, SHARED)), key=lambda f: getattr(f, SHARED))
    queued = [f for f in shared if f.src_uri not in in_nav][:QUEUE_MAX] if can_fork() else []
    for f in shared:
        delattr(f, SHARED)
        if f not in queued:
            render_deferred(f)
    if not queued:
        return
    queue, queue_write = os.pipe()
    os.write(queue_write, b"".join(place.to_bytes(4, "big") for place in range(len(queued))))
    os.close(queue_write)  # an empty queue reads as its end
    menu = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish() or stop()
    ready_read, ready = os.pipe()
    result, result_write = os.pipe()
    # the theme's environment made as MkDocs makes it, its page frame compiled once for both processes
    env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    compiled = compile_templates(env, MAIN_TEMPLATE)
    pid = os.fork()
    if pid == 0:  # the worker: never returns into the build
        gc.freeze()  # what it inherits is live: out of its collections (as in background._child)
        os.close(ready)
        os.close(result)
        _work(queued, files, nav, config, env, queue, menu, ready_read, result_write)
    os.close(ready_read)
    os.close(result_write)
    for f in queued:  # not read here: left out until on_env
        f.inclusion = InclusionLevel.EXCLUDED
    _WORKER.append(_Worker(pid, queued, files, nav, config, queue, menu, ready, result, compiled))


def on_env(env: Environment) -> Environment:
    """This process's pages are read: the worker gets the menu's titles and meta; the
    shared pages come back into the file list (the sitemap lists them), each with an
    empty template, so building them here writes nothing. The page frame's templates
    are loaded as compiled before the fork."""
    if not _WORKER:
        return env
    worker = _WORKER[0]
    env.bytecode_cache = env.bytecode_cache or worker.compiled
    menu = {page.file.src_uri: (page.title, page.meta) for page in worker.nav.pages}
    pickle.dump(menu, worker.menu, protocol=pickle.HIGHEST_PROTOCOL)
    worker.menu.flush()
    with contextlib.suppress(BrokenPipeError):  # a worker done already, or gone (finish() says which)
        os.write(worker.ready, b"1")
    for f in worker.pages:
        f.inclusion = InclusionLevel.NOT_IN_NAV
        page = f.page or Page(None, f, worker.config)
        page.markdown, page.content = "", ""
        page.meta = {"template": EMPTY_TEMPLATE, "search": {"exclude": True}}
        worker.skipped.add(SKIPPED.format(f.src_uri))
    BUILD_LOG.addFilter(_quiet)
    env.loader = ChoiceLoader([env.loader, DictLoader({EMPTY_TEMPLATE: ""})])  # type: ignore[list-item]
    worker.env = env
    return env


def _quiet(record: logging.LogRecord) -> bool:
    """MkDocs' note that a page gave no output, not said of the shared pages."""
    return not (_WORKER and record.getMessage() in _WORKER[0].skipped)


def finish() -> None:
    """At on_post_build: the rest of the queue is built here, then the worker's records are
    logged, its failure raised, and the shared pages' links to anchors checked."""
    if not _WORKER:
        return
    worker = _WORKER[0]
    BUILD_LOG.removeFilter(_quiet)
    config, files, nav = worker.config, worker.files, worker.nav
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    try:
        while (place := _take(worker.queue)) is not None:
            page = worker.pages[place].page
            render_deferred(page.file)  # type: ignore[union-attr]
            _populate_page(page, config, files)  # type: ignore[arg-type]
            _build_page(page, config, doc_files, nav, worker.env)  # type: ignore[arg-type]
    except DataError as err:
        stop()
        raise PluginError(str(err)) from None
    try:
        with os.fdopen(worker.result, "rb") as pipe:
            records, failure, anchors = pickle.load(pipe)
    except Exception:  # noqa: BLE001 - the worker died without a word
        records, failure, anchors = [], "Tiến trình dựng trang song song dừng bất thường, trang chưa được dựng đủ.", {}
    worker.result = -1
    stop()
    log_again(records)
    if failure:
        raise PluginError(failure)
    _check_anchors(worker, anchors)


def _check_anchors(worker: _Worker, anchors: dict[str, Any]) -> None:
    """MkDocs' own check of links to anchors, for the links of and to the shared pages."""
    files, level = worker.files, worker.config.validation.links.anchors
    shared = set(worker.pages)
    for f in worker.pages:
        if f.src_uri in anchors:
            ids, links = anchors[f.src_uri]
            f.page.present_anchor_ids = ids  # type: ignore[union-attr]
            f.page.links_to_anchors = {files.get_file_from_path(to): found for to, found in links.items()} or None  # type: ignore[union-attr,misc]
        f.page.validate_anchor_links(files=files, log_level=level)  # type: ignore[union-attr]
    for f in files.documentation_pages():
        if f not in shared and f.page is not None and f.page.links_to_anchors:
            if to_shared := {to: found for to, found in f.page.links_to_anchors.items() if to in shared}:
                own, f.page.links_to_anchors = f.page.links_to_anchors, to_shared
                f.page.validate_anchor_links(files=files, log_level=level)  # the others: checked already
                f.page.links_to_anchors = own


def stop() -> None:
    """The worker, if any, is stopped (a failed build, a new one, or done)."""
    BUILD_LOG.removeFilter(_quiet)
    while _WORKER:
        worker = _WORKER.pop()
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        os.waitpid(worker.pid, 0)
        for fd in (worker.queue, worker.ready, worker.result):
            with contextlib.suppress(OSError):
                os.close(fd)
        worker.menu.close()


def _take(queue: int) -> int | None:
    """The next place in the queue, or None once it is empty (four-byte reads from a pipe
    written before the fork are whole)."""
    data = os.read(queue, 4)
    return int.from_bytes(data, "big") if data else None


def _work(
    pages: list[File],
    files: Files,
    nav: Navigation,
    config: MkDocsConfig,
    env: Environment,
    queue: int,
    menu: IO[bytes],
    ready: int,
    result: int,
) -> None:
    status = 1
    try:
        handler = Records.instead_of_output(logging.INFO)
        failure, built, menu_in = None, [], False
        waiting: list[Page] = []  # read, to be built once this process's menu is in
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)  # the parent's after on_env
        try:
            while (place := _take(queue)) is not None:
                f = pages[place]
                render_deferred(f)
                page = f.page or Page(None, f, config)
                _populate_page(page, config, files)
                waiting.append(page)
                if not menu_in and select.select([ready], [], [], 0)[0]:
                    menu_in = _menu(menu, ready, files)
                while menu_in and waiting:
                    built.append(page := waiting.pop(0))
                    _build_page(page, config, doc_files, nav, env)
            if waiting:
                menu_in = menu_in or _menu(menu, ready, files)
                for page in waiting:
                    _build_page(page, config, doc_files, nav, env)
                built += waiting
        except (DataError, BuildError) as err:
            failure = str(err)
        except Exception as err:  # noqa: BLE001 - an editor sees one line, never a traceback
            failure = (
                f"Lỗi không mong đợi khi dựng trang ({type(err).__name__}: {err}). Trang chưa được dựng. "
                "Chạy lại `mkdocs build` và gửi kết quả cho nhóm kỹ thuật."
            )
        anchors = {
            p.file.src_uri: (
                p.present_anchor_ids,
                {to.src_uri: found for to, found in (p.links_to_anchors or {}).items()},
            )
            for p in built
        }
        with os.fdopen(result, "wb") as pipe:
            pickle.dump((handler.records, failure, anchors), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)  # no atexit handlers, no more of MkDocs: the parent carries on


def _menu(menu: IO[bytes], ready: int, files: Files) -> bool:
    """Wait for this process's parent to have read its pages; its menu's titles and meta
    go on the worker's menu pages."""
    if os.read(ready, 1) != b"1":  # the build stopped before its pages were read
        os._exit(1)
    menu.seek(0)
    for src_uri, (title, meta) in pickle.load(menu).items():
        page = files.get_file_from_path(src_uri).page  # type: ignore[union-attr]
        page.title, page.meta = title, meta  # type: ignore[union-attr]
    return True
