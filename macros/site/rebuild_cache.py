"""Work kept from one rebuild of `mkdocs serve` to the next, so that an editor's change
shows in a second: only the pages whose inputs changed are rendered again, and the page
an editor is working on comes first.

A generated page is rendered from the data files it shows (PlannedPage.data_files, all
of data/ when None), the file its edit button opens, the reference files every page
names things from, its narrative in content/, the day it is judged on, and the
templates; its key is a digest of those. `RebuildCache.render` returns the page kept
from an earlier rebuild when the key is the same, and `unchanged` says whether a
page or file is byte for byte what the previous rebuild wrote (the MkDocs adapter then
lets MkDocs skip it in a dirty build). The files the search needs are made from every
document, so they are kept whole, by a digest of all inputs.

When a rebuild follows an edit of data/ or content/, the pages opened from the edited
file (a plan's page and its source page for a plan file, every agency page for
agencies.yml, a page whose narrative changed) are rendered at once; the other pages the
edit touches (summaries, topics, agencies) and the search and open-data files keep their
previous version for that rebuild and are made in a forked process right after it
(`Later`), which asks for one more rebuild when done (`request_rebuild`, set by the
adapter). The serve's log says so both times; a further edit stops that work and starts
again from the new files. Without fork (Windows) or outside serve, everything is made in
the rebuild itself.

Used only while serving (macros/hooks.py); `mkdocs build` renders everything and stays
the gate. The state lives in this module because MkDocs loads the hooks anew for
every rebuild of `serve`; the keys are digests of the inputs, so nothing stale is
ever kept under a key.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import jinja2

from macros.data.yamlio import YamlDocument, parse_yaml
from macros.site.pages.base import REGISTRY_FILES, THEME_TEMPLATES, AssetSpec, PageSpec, PlannedPage, Site
from macros.site.search_text import Shorthands


def _digest(parts: Iterable[str | bytes]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def templates_fingerprint(folder: Path = THEME_TEMPLATES) -> str:
    """The templates' paths, sizes and modification times: an edited template renders anew."""
    entries = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            entries.append(f"{path.relative_to(folder).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    return _digest(entries)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory: each rebuild makes new Jinja environments (the
    site's and the theme's), which would compile every template again (half a rebuild).
    Jinja checks each template's source against the checksum kept with its code."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.store.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


log = logging.getLogger("mkdocs.plugins.gp")
CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
MakeAssets = Callable[..., list[AssetSpec]]


@dataclass
class Later:
    """What a rebuild left for right after it: pages (with their keys) and, when `assets_key`
    is set, the files beside the pages, all made from that rebuild's `site`."""

    site: Site
    pages: list[tuple[str, PlannedPage]] = field(default_factory=list)
    assets_key: str | None = None
    make_assets: MakeAssets | None = None
    process: Any = None  # the forked process making them

    def __bool__(self) -> bool:
        return bool(self.pages or self.assets_key)


def _make_later(later: Later, document_terms: Callable[[str], list[str]], terms: dict, ends: tuple) -> None:
    """In the forked process: render the pages, make the files, send them back. It holds only
    the pipe's sending end, so it ends when the serve has (closed pipe, or no parent)."""
    conn, other_end = ends
    other_end.close()
    serve = os.getppid()
    try:
        specs = []
        for key, page in later.pages:
            if os.getppid() != serve:
                return
            specs.append((key, later.site.render(page)))
        made = later.make_assets(later.site, document_terms=document_terms) if later.make_assets else None
        conn.send((specs, made, terms))
    except OSError:  # the serve is gone
        return
    except Exception as err:  # noqa: BLE001 - the next rebuild makes them itself and reports the problem
        with contextlib.suppress(OSError):
            conn.send(err)
    finally:
        conn.close()


class RebuildCache:
    def __init__(self) -> None:
        # one per environment: code compiled with one environment's settings is not another's
        self.site_templates = MemoryBytecodeCache()
        self.theme_templates = MemoryBytecodeCache()
        self.plain_theme_templates = MemoryBytecodeCache()  # the theme without escaping (Material's search)
        self._listing: tuple[str, list[str]] | None = None
        self.pages: dict[str, tuple[str, PageSpec]] = {}  # src_uri -> (key, page)
        self._assets: tuple[str, list[AssetSpec]] | None = None
        self._terms: dict[str, list[str]] = {}  # a search document's text -> its terms
        self._terms_key = ""  # digest of the abbreviations the terms were made with
        self.written: dict[str, tuple[Any, str]] = {}  # uri -> what the previous rebuild wrote, its digest
        self.rendered = 0  # pages rendered by the last rebuild (the tests read it)
        self.parsed: dict[str, YamlDocument] = {}  # data file text -> its parse, for the last rebuild's files
        self._loaded: dict[Any, Any] = {}  # load_registry's memo, see `load`
        self._handwritten: dict[str, tuple[str, str]] = {}  # src_uri -> what it was last built from
        self.titles: dict[str, str] = {}  # src_uri -> the page's title when it was last built
        self.inputs: dict[str, str] = {}  # input path (data/…, content/…) -> digest, at the previous rebuild
        self._context = ""  # digest of the day and the templates at the previous rebuild
        self.request_rebuild: Callable[[], None] | None = None  # set by the adapter under serve
        self.later: Later | None = None  # work for right after this rebuild
        self._running: Later | None = None  # work in a forked process
        self._lock = threading.Lock()
        self.prepared = 0  # pages the forked process made for the coming rebuild

    def stop_later(self) -> None:
        """A rebuild begins: work still running for the previous one is stopped (its files
        are older than the ones this rebuild reads)."""
        with self._lock:
            running, self._running = self._running, None
        if running is not None:
            running.process.kill()
            running.process.join()
            log.info("Cổng: có tệp mới sửa, dừng làm các trang còn lại; lượt dựng này làm lại từ các tệp mới.")

    def start(self) -> None:
        self.stop_later()
        self.rendered, self.prepared = self.prepared, 0
        self.later = None

    def parse(self) -> Callable[[str], YamlDocument]:
        """parse_yaml, but a file whose text is unchanged is not parsed again (only the
        files of this rebuild are kept; a file that fails to parse is never kept)."""
        previous, self.parsed = self.parsed, {}

        def parse(text: str) -> YamlDocument:
            document = previous.get(text) or parse_yaml(text)
            self.parsed[text] = document
            return document

        return parse

    def theme_env(self, theme: Any) -> Callable[[], jinja2.Environment]:
        """MkDocs' Theme.get_env, but each environment keeps its compiled templates (this one
        does not escape: Material's search plugin; the adapter's on_env gives the escaping one
        `theme_templates`) and the theme's file list, which MkDocs asks for every rebuild
        (Material's icons make it 15,000 names, each matched against patterns): kept while
        what is asked (theme folders, settings) and the custom folder's files are the same."""
        new_env = theme.get_env

        def get_env() -> jinja2.Environment:
            env = new_env()
            env.bytecode_cache = self.plain_theme_templates
            listing = env.list_templates

            def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
                asked = [
                    *theme.dirs,
                    *theme.static_templates,
                    *(extensions or ()),
                    getattr(filter_func, "__qualname__", ""),
                ]
                custom = templates_fingerprint(Path(theme.custom_dir)) if theme.custom_dir else ""
                key = _digest([*asked, custom])
                if self._listing is None or self._listing[0] != key:
                    self._listing = (key, listing(extensions, filter_func))
                return list(self._listing[1])

            env.list_templates = list_templates  # type: ignore[method-assign]
            return env

        return get_env

    def load(self, load_registry: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """load_registry with this cache's parse and memo: a data file read cleanly before,
        with the same text, is not parsed nor validated again, nor a plan checked again whose
        inputs are the same (only what the last rebuild read is kept)."""
        registry = load_registry(*args, parse=self.parse(), memo=self._loaded, **kwargs)
        texts = set(registry.files.values())
        kept = {k: v for k, v in self._loaded.items() if len(k) == 3 and k[2] in texts}
        alive = {id(v) for v in kept.values()}
        kept.update({k: v for k, v in self._loaded.items() if k[0] == "checked" and id(v[0][0]) in alive})
        self._loaded = kept
        return registry

    # --- inputs --------------------------------------------------------------------------

    def _digests(self, site: Site) -> dict[str, str]:
        """Each input file's digest, worked out once per rebuild (pages share their inputs)."""
        registry = site.registry
        digests = {path: _digest([text]) for path, text in registry.files.items()}
        digests.update({f"data/sources/{name}": _digest([s.data]) for name, s in registry.sources.items()})
        return digests

    def page_key(self, site: Site, page: PlannedPage, fingerprint: str, digests: dict[str, str]) -> str:
        if page.data_files is None:  # pages that sum up every plan: every data file read
            inputs = sorted(digests)
        else:
            inputs = sorted({*page.data_files, *REGISTRY_FILES, *([page.edit_path] if page.edit_path else [])})
        dates = [str(site.changed.get(p, "")) for p in (*inputs, f"content/{page.src_uri}")]
        return _digest(
            [
                page.src_uri,
                str(site.today),
                fingerprint,
                site.narratives.get(page.src_uri, ""),
                *inputs,
                *(digests.get(p, "") for p in inputs),
                *dates,
            ]
        )

    def everything_key(self, site: Site, fingerprint: str) -> str:
        """Every input's digest (worked out by `render` for this rebuild), the hand-written pages."""
        return _digest(
            [
                str(site.today),
                fingerprint,
                *(f"{k}\0{v}" for k, v in sorted(self.inputs.items())),
                *(f"{k}\0{v}" for k, v in sorted(site.handwritten.items())),
            ]
        )

    def _changed(self, site: Site, fingerprint: str, digests: dict[str, str]) -> set[str] | None:
        """The inputs changed since the previous rebuild, when only data/ or content/ did
        (None: the first rebuild, or the day or the templates changed)."""
        inputs = {**digests, **{f"content/{uri}": _digest([t]) for uri, t in site.narratives.items()}}
        context = _digest([str(site.today), fingerprint])
        previous, self.inputs = self.inputs, inputs
        same_context, self._context = self._context == context, context
        if not previous or not same_context:
            return None
        return {p for p in inputs.keys() | previous.keys() if inputs.get(p) != previous.get(p)}

    def render(self, site: Site, fingerprint: str) -> Callable[[PlannedPage], PageSpec]:
        """Site.render, but a page whose key is unchanged comes from the previous rebuild,
        and after an edit a page not opened from the edited file waits for `later`."""

        digests = self._digests(site)
        changed = self._changed(site, fingerprint, digests)
        later = Later(site) if changed and CAN_FORK and self.request_rebuild is not None else None
        self.later = later

        def render(page: PlannedPage) -> PageSpec:
            key = self.page_key(site, page, fingerprint, digests)
            kept = self.pages.get(page.src_uri)
            if kept is not None and kept[0] == key:
                return kept[1]
            if later is not None and kept is not None and not ({page.edit_path, f"content/{page.src_uri}"} & changed):
                later.pages.append((key, page))
                return kept[1]
            spec = site.render(page)
            self.pages[page.src_uri] = (key, spec)
            self.rendered += 1
            return spec

        return render

    def assets(self, site: Site, fingerprint: str, make: MakeAssets) -> list[AssetSpec]:
        """make(site, document_terms=…): the files beside the pages, kept whole while no input
        changes; when one does, a search document's terms are worked out again only when its
        text changed. After an edit they are made `later` (the previous ones stay meanwhile)."""
        key = self.everything_key(site, fingerprint)
        if self._assets is not None and self._assets[0] == key:
            return self._assets[1]
        if self.later is not None and self._assets is not None:
            self.later.assets_key, self.later.make_assets = key, make
            return self._assets[1]
        self._assets = (key, make(site, document_terms=self._document_terms(site)))
        return self._assets[1]

    def handwritten_pages(self, site: Site, context: str) -> set[str]:
        """The hand-written pages MkDocs must build again: all when one of them, the theme or
        the menu (`context`) changed, since every page's menu names them; those that show
        data (`render_macros`, the guide) when data/ changed, after the `later` work if any."""
        group = _digest([context, *(f"{k}\0{v}" for k, v in sorted(site.handwritten.items()))])
        data = _digest([f"{k}\0{v}" for k, v in sorted(self.inputs.items()) if k.startswith("data/")])
        again = set()
        for uri, text in site.handwritten.items():
            wanted = (group, data if "render_macros" in text else "")
            built = self._handwritten.get(uri)
            if built == wanted or (built is not None and built[0] == group and self.later):
                continue  # the same, or only its data changed and the data's pages come later
            again.add(uri)
            self._handwritten[uri] = wanted
        return again

    # --- work for right after a rebuild ----------------------------------------------------------

    def report(self, total: int) -> str:
        """The serve's log line for this rebuild (the benchmark and the tests read it)."""
        line = f"Cổng: dựng lại {self.rendered}/{total} trang sinh từ dữ liệu"
        if self.later:
            return (
                f"{line}: trang của tệp vừa sửa đã xong; {len(self.later.pages)} trang khác có dùng tệp đó "
                "(trang tổng hợp, chủ đề, cơ quan) cùng các tệp tìm kiếm và dữ liệu mở còn là bản trước, "
                "đang được làm lại ngay sau lượt này."
            )
        return f"{line} (các trang khác không đổi)."

    def start_later(self) -> None:
        """After the rebuild's files are written: fork a process to make what it left, and
        ask for one more rebuild when it is done (see the module docstring)."""
        later, self.later = self.later, None
        if not later:
            return
        parent, child = multiprocessing.Pipe(duplex=False)
        context = multiprocessing.get_context("fork")
        later.process = context.Process(
            target=_make_later,
            args=(later, self._document_terms(later.site), self._terms, (child, parent)),
            daemon=True,
        )
        with self._lock:
            self._running = later
            later.process.start()
        child.close()
        threading.Thread(target=self._collect, args=(later, parent), daemon=True).start()

    def _collect(self, later: Later, conn: Connection) -> None:
        """Wait for the forked process; keep what it made, then ask for the rebuild."""
        try:
            result = conn.recv()
        except (EOFError, OSError):  # stopped by a newer rebuild (or it died: the next rebuild makes all)
            result = None
        finally:
            conn.close()
        with self._lock:
            if self._running is not later:
                return
            self._running = None
            if isinstance(result, tuple):
                specs, made, terms = result
                for (key, spec), (_, page) in zip(specs, later.pages, strict=True):
                    self.pages[page.src_uri] = (key, spec)
                if made is not None and later.assets_key is not None:
                    self._assets = (later.assets_key, made)
                self._terms.update(terms)
                self.prepared = len(specs)
        later.process.join()
        if isinstance(result, tuple):
            log.info(
                "Cổng: đã làm xong %d trang còn lại và các tệp tìm kiếm, dữ liệu mở; dựng lại lượt nữa.", self.prepared
            )
        else:  # the rebuild asked for makes them itself, and shows the problem if there is one
            log.info("Cổng: chưa làm xong các trang còn lại (%s); dựng lại lượt nữa.", result or "tiến trình đã dừng")
        if self.request_rebuild is not None:
            self.request_rebuild()

    def _document_terms(self, site: Site) -> Callable[[str], list[str]]:
        table = Shorthands(site.registry.abbreviations)
        key = _digest([f"{a.full}\0{a.short}" for a in site.registry.abbreviations])
        if self._terms_key != key:
            self._terms, self._terms_key = {}, key
        terms = self._terms

        def document_terms(text: str) -> list[str]:
            if (found := terms.get(text)) is None:
                found = terms[text] = table.document_terms(text)
            return found

        return document_terms

    def unchanged(self, uri: str, made: PageSpec | AssetSpec) -> bool:
        """Whether `made` is what the previous rebuild wrote for `uri` (and note it): the
        same object kept from then, or the same content."""
        last = self.written.get(uri)
        if last is not None and last[0] is made:
            return True
        parts = [made.content] if isinstance(made, AssetSpec) else [made.content, *made.blocks]
        digest = _digest(parts)
        self.written[uri] = (made, digest)
        return last is not None and last[1] == digest


CACHE = RebuildCache()  # the one kept between the rebuilds of a serve (see the module docstring)
SERVE_STATE: dict[str, bool] = {"serve": False}  # set once per MkDocs run by the hooks' on_startup
