"""MkDocs hooks: a thin adapter that hands the generated pages to MkDocs.

All decisions live in macros/data (the loader) and macros/site/pages (the page table); this file only moves
their results into MkDocs' file collection and turns data problems into a clean
build failure listing every problem.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import logging
import os
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment
from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from macros import markdown_reuse, page_worker
from macros.data import clock
from macros.data.loader import load_registry
from macros.data.problems import DataError
from macros.editing.guide import example_problems
from macros.editing.guide import macros as guide_macros
from macros.editing.schema import TITLES, schema_files
from macros.site import theme_safety
from macros.site.background import Background, can_fork
from macros.site.error_reports import Reporter
from macros.site.exports import SchemaFile
from macros.site.feeds import History, read_history
from macros.site.history import Commit, last_changed_in, read_log
from macros.site.narratives import Narrative
from macros.site.page_split import SharedPages
from macros.site.pages import (
    GENERATED_SECTIONS,
    THEME_TEMPLATES,
    PlannedPage,
    Site,
    assets,
    pages,
    pages_and_assets,
)
from macros.site.rebuild_cache import CACHE, SERVE_STATE, templates_fingerprint
from macros.site.render import date_vi, fill_blocks, placeholder
from macros.site.repository import repo_url
from macros.site.site_folder import SiteFolder
from macros.site.theme_fragments import fragment_cache
from macros.site.urls import Editor, edit_uri

# What travels on MkDocs File objects from on_files to the page events (MkDocs offers no
# other channel): a generated page's HTML blocks (PageSpec.blocks, put back by
# on_page_content) and a hand-written page's last-changed date (copied into
# page.meta["gp_updated"] by on_page_markdown; main.html shows it).
FILE_BLOCKS = page_worker.FILE_BLOCKS
FILE_UPDATED = "gp_updated"
log = logging.getLogger("mkdocs.plugins.gp")


@event_priority(100)  # before Material's search plugin asks the theme for templates
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Edit links open the repository this clone came from when REPO_URL is not set. Under
    `make serve` the theme's template list and compiled templates are kept between rebuilds.
    The theme's templates may reuse a piece of a page frame (theme_fragments); Material's
    search plugin skips the pages it has nothing to do for."""
    config.repo_url = repo_url(config.repo_url, Path(config.config_file_path).parent, os.environ)
    if SERVE_STATE["serve"]:
        CACHE.stop_later()  # a new rebuild: the work in progress read older files
        config.theme.get_env = CACHE.theme_env(config.theme)
    config.theme.get_env = fragment_cache(config.theme.get_env)
    _skip_unindexed_pages(config)
    return config


def _skip_unindexed_pages(config: MkDocsConfig) -> None:
    """Material's search plugin, for each page, adds it to its index unless the page is
    excluded (every page is: on_page_markdown), then strips `data-search-…` attributes from
    its body with a regular expression over the whole body (a tenth of MkDocs' time per
    page). For an excluded page whose body has no such attribute both do nothing, so the
    call is skipped; any other page goes through the plugin as before."""
    plugin = config.plugins.get("material/search")
    if plugin is None:
        return
    events = config.plugins.events["page_context"]
    for index, method in enumerate(events):
        if getattr(method, "__self__", None) is plugin:
            events[index] = _unless_unindexed(method)
            origins = config.plugins._event_origins  # the plugin's name in MkDocs' messages
            origins[events[index]] = origins.get(method, "material/search")


def _unless_unindexed(on_page_context: Callable[..., dict | None]) -> Callable[..., dict | None]:
    @functools.wraps(on_page_context)
    def run(context: dict, *, page: Page, **kwargs: object) -> dict | None:
        if (page.meta.get("search") or {}).get("exclude") and "data-search-" not in (page.content or ""):
            return None
        return on_page_context(context, page=page, **kwargs)

    return run


_HISTORIES: dict[tuple[str | None, dt.date], History] = {}


def _served_history(root: Path, git_log: list[Commit] | None, today: dt.date) -> History:
    """The change feeds' history under serve: it only changes with a new commit, so it is kept."""
    key = (git_log[0].sha if git_log else None, today)
    if key not in _HISTORIES:
        _HISTORIES.clear()
        _HISTORIES[key] = read_history(root, git_log, today)
    return _HISTORIES[key]


@event_priority(100)  # before plugins that snapshot the file list see it
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    cache = CACHE if SERVE_STATE["serve"] else None
    if cache:
        cache.start()
    git_log = read_log(root)  # the one git log of the build: page dates and the change feeds
    try:
        today = clock.today()
        # a build replays the change feeds' history on the second core while data/ loads
        history = None if cache else Background(lambda: read_history(root, git_log, today))
        data = root / "data"
        registry = (
            cache.load(load_registry, data, root=root, today=today)
            if cache
            else load_registry(data, root=root, today=today)
        )
        if _RUN["build command"]:
            # `mkdocs build` ends when this build does: what it has read lives to the end, so the
            # cyclic collector need not walk it again and again (nor its forked children, which
            # inherit this): about a tenth of the CPU time at four times national size
            gc.freeze()
        if examples := example_problems(registry, Path(config.docs_dir), root=root):
            raise DataError(examples)
    except DataError as err:
        raise PluginError(
            "Dữ liệu trong data/ có lỗi, trang chưa được dựng:\n"
            + str(err)
            + "\nChạy `python scripts/check_data.py` để xem lại."
        ) from None
    except Exception as err:  # noqa: BLE001 - an editor sees one line, never a traceback
        raise PluginError(
            f"Lỗi không mong đợi khi đọc data/ ({type(err).__name__}: {err}). Trang chưa được dựng. "
            "Chạy `python scripts/check_data.py --debug` và gửi kết quả cho nhóm kỹ thuật."
        ) from None
    changed = last_changed_in(git_log)
    narratives, handwritten = {}, {}
    for f in files.documentation_pages():
        generated = f.src_uri.split("/", 1)[0] in GENERATED_SECTIONS or f.src_uri in GENERATED_SECTIONS
        (narratives if generated else handwritten)[f.src_uri] = f.content_string
        if not generated and (day := changed.get(f"content/{f.src_uri}")):
            setattr(f, FILE_UPDATED, date_vi(day))
    branch = (config.edit_uri or "edit/main/").split("/")[1] or "main"
    site = Site(
        registry,
        narratives=narratives,
        handwritten=handwritten,
        today=registry.today,
        repo_url=config.repo_url or "",
        editor=Editor(config.repo_url, branch) if config.repo_url else None,
        reporter=Reporter(report_to, config.site_url or "") if (report_to := config.extra.get("report_to")) else None,
        changed=changed,
        history=history or _served_history(root, git_log, registry.today),
        site_url=config.site_url or "",
        schemas=tuple(
            SchemaFile(name, TITLES[name.removesuffix(".schema.json")], text) for name, text in schema_files().items()
        ),
    )
    if cache:
        site.renderer.env.bytecode_cache = cache.site_templates

    fingerprint = templates_fingerprint() if cache else ""
    shared = SharedPages(site) if not cache and can_fork() else None  # pages for page_worker, from on_nav
    try:
        if cache:
            specs = pages(site, cache.render(site, fingerprint))
        else:  # a build: open data, calendars and search files are made on the second core meanwhile
            specs, built_assets = pages_and_assets(site, shared)
    except DataError as err:
        raise PluginError(str(err)) from None
    places = {uri: i for i, uri in enumerate(shared.uris)} if shared else {}
    for spec in specs:
        existing = files.get_file_from_path(spec.src_uri)
        if existing is not None:
            files.remove(existing)
        planned = spec if isinstance(spec, PlannedPage) else None  # its body is rendered later
        generated = File.generated(config, spec.src_uri, content="" if planned else spec.content)
        if not planned:
            setattr(generated, FILE_BLOCKS, spec.blocks)
        if spec.src_uri in places:
            page_worker.share(generated, places[spec.src_uri], site, planned)
        if spec.edit_path:
            generated.edit_uri = edit_uri(spec.edit_path)
        if cache:  # serve --dirty: a page the same as last time is not rebuilt (its menu title is kept: on_nav)
            _skip_if_unchanged(generated, cache.unchanged(spec.src_uri, spec))
        files.append(generated)
    if cache:
        log.info(cache.report(len(specs)))
    for asset in cache.assets(site, fingerprint, assets) if cache else built_assets:
        if (existing := files.get_file_from_path(asset.dest_uri)) is not None:
            files.remove(existing)  # the theme's source of a built script (the search box's worker)
        generated = File.generated(config, asset.dest_uri, content=asset.content)
        if cache:
            _skip_if_unchanged(generated, cache.unchanged(asset.dest_uri, asset))
        files.append(generated)
    if cache:
        again = cache.handwritten_pages(site, f"{templates_fingerprint(THEME_TEMPLATES.parent)}{config.nav}")
        for f in files.documentation_pages():
            if f.src_uri in handwritten:
                _skip_if_unchanged(f, f.src_uri not in again, always=True)
    if (macros_plugin := config.plugins.get("macros")) is not None:
        macros_plugin.register_macros(guide_macros(registry))  # for hand-written pages (the guide)
    return files


def _skip_if_unchanged(file: File, unchanged: bool, *, always: bool = False) -> None:
    """In a dirty build MkDocs rebuilds a file only when `is_modified()`, which a generated
    file always is; one whose content is what the previous rebuild wrote is not. `always`:
    a changed file is rebuilt even if MkDocs' own test (dates) would not."""
    if unchanged and os.path.isfile(file.abs_dest_path):
        file.is_modified = lambda: False  # type: ignore[method-assign]
    elif always:
        file.is_modified = lambda: True  # type: ignore[method-assign]


def on_startup(*, command: str, dirty: bool) -> None:
    """`mkdocs serve --dirty` (make serve) keeps unchanged pages between rebuilds; every other
    run (build, CI, serve without --dirty) renders everything. MkDocs calls this once per
    run, while it loads the hooks anew for each rebuild of serve: the flag and the kept
    work live in macros/site/rebuild_cache.py."""
    SERVE_STATE["serve"] = command == "serve" and dirty
    _RUN["build command"] = command == "build"
    if command == "build" and not dirty:
        mkdocs_utils.clean_directory = _take_stock  # the name MkDocs empties the site folder through


_RUN = {"build command": False}  # on_startup: the process is `mkdocs build`, one build and done
_SITE_FOLDER: list[SiteFolder] = []  # `mkdocs build`: the site folder, written in place (site_folder.py)


def _take_stock(directory: str) -> None:
    """Instead of emptying the site folder: what is there now is noted, and written over."""
    folder = SiteFolder(directory)
    folder.take_stock()
    _SITE_FOLDER[:] = [folder]


WATCH_INTERVAL_S = 0.2  # how often serve looks at data/, macros/, theme_overrides/ (MkDocs: 0.5 s)


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[[], None]) -> LiveReloadServer:
    """Under `make serve` the kept work may ask for one more rebuild (rebuild_cache.Later):
    the way MkDocs' own file watcher does; and the folders named in `watch` are looked at
    more often, so a saved file is seen sooner."""
    if SERVE_STATE["serve"]:
        server.observer._timeout = WATCH_INTERVAL_S  # read when `watch` schedules them, after this event

        def request_rebuild() -> None:
            with server._rebuild_cond:
                server._want_rebuild = True
                server._rebuild_cond.notify_all()

        CACHE.request_rebuild = request_rebuild
    return server


@event_priority(-100)  # after every plugin has written its files
def on_post_build(*, config: MkDocsConfig) -> None:
    """The pages made on the second core are in (their warnings counted), and what the site
    folder held that this build did not write is gone; under `make serve`: what this
    rebuild left for later is made now (rebuild_cache.Later)."""
    page_worker.finish()
    if _SITE_FOLDER:
        _SITE_FOLDER.pop().remove_stale()
    if SERVE_STATE["serve"]:
        CACHE.start_later()


def on_build_error(*, error: Exception) -> None:
    page_worker.stop()


OTHER_PAGES = "Trang khác"


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """A page an editor adds to content/ reaches the menu without editing mkdocs.yml:
    hand-written pages that the nav does not list go into a last section, OTHER_PAGES."""
    listed = {page.file.src_uri for page in nav.pages}
    extra = [
        f
        for f in files.documentation_pages()
        if f.src_uri not in listed and not f.generated_by and f.src_uri.split("/", 1)[0] not in GENERATED_SECTIONS
    ]
    if extra:
        _add_section(nav, OTHER_PAGES, [Page(None, f, config) for f in sorted(extra, key=lambda f: f.src_uri)])
    if SERVE_STATE["serve"]:  # serve --dirty: a page not rebuilt keeps its title in the menus
        for page in nav.pages:
            if not page.file.is_modified() and (title := CACHE.titles.get(page.file.src_uri)):
                page.title = title
    page_worker.start(files, nav, config)  # the menu is final: the deferred pages' worker starts
    return nav


def _add_section(nav: Navigation, title: str, pages: list[Page]) -> None:
    section = Section(title, pages)
    for page in pages:
        page.parent = section
    nav.items.append(section)
    nav.pages.extend(pages)
    for before, after in zip(nav.pages, nav.pages[1:], strict=False):
        before.next_page, after.previous_page = after, before


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    """Every page is converted by one Markdown instance per build (markdown_reuse)."""
    markdown_reuse.reuse_markdown(page)
    return page


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put back the HTML blocks that skipped Markdown (see render.Renderer.render); the
    page's title becomes plain text for the auto-escaping theme (see on_env)."""
    theme_safety.plain_title(page)
    blocks = getattr(page.file, FILE_BLOCKS, ())
    return fill_blocks(html, blocks) if blocks else html


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """The page body and its table of contents reach the auto-escaping theme as HTML."""
    theme_safety.trust_page_html(page)
    if SERVE_STATE["serve"]:
        CACHE.titles[page.file.src_uri] = page.title  # for on_nav when it is not rebuilt
    return context


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Material's templates print titles and descriptions raw: escape by default. Under
    serve the theme's compiled templates are kept between rebuilds."""
    if _SITE_FOLDER:  # nothing is written yet (the page worker waits for what follows)
        dest = [f.abs_dest_path for f in files]
        _SITE_FOLDER[0].make_room(dest + [os.path.join(config.site_dir, t) for t in config.theme.static_templates])
    env = page_worker.on_env(theme_safety.autoescaping(env))
    if SERVE_STATE["serve"]:
        env.bytecode_cache = CACHE.theme_templates
    return env


@event_priority(-100)  # after mkdocs-macros: what it printed is placed as text too
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Keep every page out of Material's built-in index (the portal ships its own,
    search/gp/, read by the search box's worker), and note when its file last changed."""
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    if updated := getattr(page.file, FILE_UPDATED, None):
        page.meta.setdefault("gp_updated", updated)
    if page.file.generated_by:
        return markdown
    # A hand-written page (after mkdocs-macros, if it opted in) is placed as a narrative:
    # headings in Markdown, the text between them rendered with raw HTML off.
    blocks: list[str] = []

    def add_block(html: str) -> str:
        blocks.append(html.strip())
        return placeholder(len(blocks) - 1)

    placed = Narrative(markdown).place(add_block, page.file.src_uri)
    setattr(page.file, FILE_BLOCKS, tuple(blocks))
    return str(placed)
