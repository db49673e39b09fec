"""Work kept from one rebuild of `mkdocs serve` to the next, so that an editor's change
shows in a second: only the pages whose inputs changed are rendered again.

A generated page is rendered from the data files it shows (PlannedPage.data_files, all
of data/ when None), the file its edit button opens, the reference files every page
names things from, its narrative in content/, the day it is judged on, and the
templates; its key is a digest of those. `RebuildCache.render` returns the page kept
from an earlier rebuild when the key is the same, and `unchanged` says whether a
page or file is byte for byte what the previous rebuild wrote (the MkDocs adapter then
lets MkDocs skip it in a dirty build). The files the search needs are made from every
document, so they are kept whole, by a digest of all inputs.

Used only while serving (macros/hooks.py); `mkdocs build` renders everything and stays
the gate. The state lives in this module because MkDocs loads the hooks anew for
every rebuild of `serve`; the keys are digests of the inputs, so nothing stale is
ever served.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

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


class RebuildCache:
    def __init__(self) -> None:
        # one per environment: code compiled with one environment's settings is not another's
        self.site_templates = MemoryBytecodeCache()
        self.theme_templates = MemoryBytecodeCache()
        self.pages: dict[str, tuple[str, PageSpec]] = {}  # src_uri -> (key, page)
        self._assets: tuple[str, list[AssetSpec]] | None = None
        self._terms: dict[str, list[str]] = {}  # a search document's text -> its terms
        self._terms_key = ""  # digest of the abbreviations the terms were made with
        self.written: dict[str, str] = {}  # uri -> digest of what the previous rebuild wrote
        self.rendered = 0  # pages rendered by the last rebuild (the tests read it)
        self.parsed: dict[str, YamlDocument] = {}  # data file text -> its parse, for the last rebuild's files

    def start(self) -> None:
        self.rendered = 0

    def parse(self) -> Callable[[str], YamlDocument]:
        """parse_yaml, but a file whose text is unchanged is not parsed again (only the
        files of this rebuild are kept; a file that fails to parse is never kept)."""
        previous, self.parsed = self.parsed, {}

        def parse(text: str) -> YamlDocument:
            document = previous.get(text) or parse_yaml(text)
            self.parsed[text] = document
            return document

        return parse

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
        registry = site.registry
        return _digest(
            [
                str(site.today),
                fingerprint,
                *(f"{k}\0{v}" for k, v in sorted(registry.files.items())),
                *(registry.sources[k].data for k in sorted(registry.sources)),
                *(f"{k}\0{v}" for k, v in sorted({**site.narratives, **site.handwritten}.items())),
            ]
        )

    # --- kept work -----------------------------------------------------------------------

    def render(self, site: Site, fingerprint: str) -> Callable[[PlannedPage], PageSpec]:
        """Site.render, but a page whose key is unchanged comes from the previous rebuild."""

        digests = self._digests(site)

        def render(page: PlannedPage) -> PageSpec:
            key = self.page_key(site, page, fingerprint, digests)
            kept = self.pages.get(page.src_uri)
            if kept is not None and kept[0] == key:
                return kept[1]
            spec = site.render(page)
            self.pages[page.src_uri] = (key, spec)
            self.rendered += 1
            return spec

        return render

    def assets(self, site: Site, fingerprint: str, make: Callable[..., list[AssetSpec]]) -> list[AssetSpec]:
        """make(site, document_terms=…): the files beside the pages, kept whole while no input
        changes; when one does, a search document's terms are worked out again only when its
        text changed."""
        key = self.everything_key(site, fingerprint)
        if self._assets is None or self._assets[0] != key:
            self._assets = (key, make(site, document_terms=self._document_terms(site)))
        return self._assets[1]

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

    def unchanged(self, uri: str, content: str | bytes) -> bool:
        """Whether `content` is what the previous rebuild wrote for `uri` (and note it)."""
        digest = _digest([content])
        same = self.written.get(uri) == digest
        self.written[uri] = digest
        return same


CACHE = RebuildCache()  # the one kept between the rebuilds of a serve (see the module docstring)
SERVE_STATE: dict[str, bool] = {"serve": False}  # set once per MkDocs run by the hooks' on_startup
