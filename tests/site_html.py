"""The built site as the tests read it: every HTML page parsed once, with its ids and links.

Shared by the built-HTML tests (`site` fixture in conftest.py). Page paths come from
macros.site.urls, so no test spells a built file's path itself.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from macros.site import urls

# URL attributes that make the browser fetch or navigate somewhere.
URL_ATTRIBUTES = ("href", "src", "action", "poster", "data")


@dataclass(frozen=True)
class Target:
    """Where a local link lands: a file of the site (relative path) and an optional fragment."""

    path: str
    fragment: str = ""


@dataclass
class Site:
    root: Path
    pages: dict[str, BeautifulSoup]  # "ke-hoach/x/index.html" -> parsed page
    raw: dict[str, str]
    _ids: dict[str, frozenset[str]] = field(default_factory=dict)
    _elements: dict[str, dict[str, Tag]] = field(default_factory=dict)
    _links: dict[str, list[tuple[Tag, str, Target]]] = field(default_factory=dict)

    @staticmethod
    def html_path(src_uri: str) -> str:
        """The built file of a page source path, via macros.urls."""
        return urls.page_url(src_uri) + "index.html"

    def page(self, src_uri: str) -> BeautifulSoup:
        path = self.html_path(src_uri)
        if path not in self.pages:
            pytest.fail(f"page {src_uri} was not built (expected {path} in {self.root})", pytrace=False)
        return self.pages[path]

    def element(self, src_uri: str, element_id: str) -> Tag | None:
        """The element with this id on a page (first one), from a per-page index built once."""
        path = self.html_path(src_uri)
        if path not in self._elements:
            index: dict[str, Tag] = {}
            for el in self.page(src_uri).find_all(id=True):
                index.setdefault(el["id"], el)
            self._elements[path] = index
        return self._elements[path].get(element_id)

    def ids(self, path: str) -> frozenset[str]:
        if path not in self._ids:
            soup = self.pages[path]
            found = {el["id"] for el in soup.find_all(id=True)}
            found |= {el["name"] for el in soup.find_all("a", attrs={"name": True})}
            self._ids[path] = frozenset(found)
        return self._ids[path]

    def exists(self, path: str) -> bool:
        return path in self.pages or (self.root / path).is_file()

    def resolve(self, from_path: str, url: str) -> Target | None:
        """The site file a local href/src in `from_path` points at; None for non-local URLs."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None
        if not parts.path:  # "#frag" or "?q": this very page
            return Target(from_path, unquote(parts.fragment))
        if parts.path.startswith("/"):
            path = posixpath.normpath(parts.path.lstrip("/") or ".")
        else:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), parts.path))
        path = unquote("" if path == "." else path)
        if parts.path.endswith("/") or path == "" or (self.root / path).is_dir():
            path = posixpath.join(path, "index.html") if path else "index.html"
        return Target(path, unquote(parts.fragment))

    def links(self, path: str) -> list[tuple[Tag, str, Target]]:
        """(element, attribute, target) of every local URL in a page."""
        if path not in self._links:
            found = []
            for el in self.pages[path].find_all(True):
                for attr in URL_ATTRIBUTES:
                    value = el.get(attr)
                    if isinstance(value, str) and (target := self.resolve(path, value.strip())):
                        found.append((el, attr, target))
            self._links[path] = found
        return self._links[path]

    def link_targets(self, path: str) -> set[Target]:
        return {target for el, attr, target in self.links(path) if el.name == "a" and attr == "href"}

    @cached_property
    def visible_text(self) -> dict[str, str]:
        out = {}
        for path, soup in self.pages.items():
            body = soup.body or soup
            out[path] = " ".join(
                s
                for s in body.find_all(string=True)
                if s.parent is not None and s.parent.name not in ("script", "style", "template")
            )
        return out


def parse_site(root: Path) -> Site:
    pages, raw = {}, {}
    for file in sorted(root.rglob("*.html")):
        rel = file.relative_to(root).as_posix()
        raw[rel] = file.read_text(encoding="utf-8")
        pages[rel] = BeautifulSoup(raw[rel], "html.parser")
    assert pages, f"no HTML in {root}"
    return Site(root, pages, raw)


def card_date(card: Tag) -> dt.date | None:
    """The day a home-page plan card says its figures are as of (the build's day)."""
    time = card.select_one(".gp-card__asof time")
    return dt.date.fromisoformat(time["datetime"]) if time else None


def squash(text: str) -> str:
    return " ".join(text.split())


def fail_all(problems: list[str], what: str, limit: int = 200) -> None:
    if problems:
        shown = problems[:limit]
        more = f"\n  … and {len(problems) - limit} more" if len(problems) > limit else ""
        pytest.fail(f"{len(problems)} {what}:\n  " + "\n  ".join(shown) + more, pytrace=False)
