"""Pieces of Material's page frame rendered once and reused: `{% cache key, ... %}…{% endcache %}`.

Most of what Material's templates print around a page body is the same on hundreds of pages: the
navigation drawer of every generated page (agency, plan, province, topic, source pages: none is in
the menu), the header's search box, its icons, its translated strings. Rendering it again for each
page was most of MkDocs' time per page. A `cache` block renders its body the first time its key is
seen and reuses that output after, so the key must name everything the body depends on: the
templates that use it (theme_overrides/) pass the page's own inputs, and `page_links` gives the
links a menu prints, as the page would print them.

Page bodies use the same tag (macros/site/render.py: a task's row, an agency cell, a deadline
badge); a body that places an html_block must not be cached (the block would reach one page only).

Kept on the Jinja environment, which MkDocs makes anew for each build (and each rebuild under
serve), so nothing outlives the build whose site settings and menu it was made from. A key with
`None` in it is not kept (the body is rendered as if there were no cache). The MkDocs hook installs
it on every environment of the theme (no MkDocs import here: it reads only what templates read).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import jinja2
import markupsafe
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser


class FragmentCache(Extension):
    """The `{% cache … %}` tag (Jinja's documented fragment-cache extension, kept in memory)."""

    tags = {"cache"}  # noqa: RUF012 - Jinja's Extension API

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.extend(fragment_cache={})

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        parts = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            parts.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        key = nodes.Tuple(parts, "load")
        return nodes.CallBlock(self.call_method("_cached", [key]), [], [], body).set_lineno(lineno)

    def _cached(self, key: tuple, caller: Callable[[], str]) -> str:
        if None in key:
            return caller()
        store: dict[tuple, str] = self.environment.fragment_cache  # type: ignore[attr-defined]
        if (output := store.get(key)) is None:
            output = store[key] = caller()
        return output


@jinja2.pass_context
def page_links(context: jinja2.runtime.Context) -> tuple[str, ...] | None:
    """What a menu fragment depends on for this page: every link of the menu (its pages, its
    home page) as this page prints it (MkDocs' `url` filter makes links relative to the page),
    or None for a page in the menu (its item is marked active and carries its table of
    contents) and outside a page (the 404 page's links are absolute)."""
    page, nav = context.get("page"), context.get("nav")
    items = list(_items(nav.items)) if nav is not None else []
    if page is None or nav is None or page in nav.pages or any(getattr(item, "active", False) for item in items):
        return None
    url = context.environment.filters["url"]
    config = context["config"]
    targets = [config.extra.get("homepage") or (nav.homepage.url if nav.homepage else ""), config.theme.get("logo")]
    targets += [item.url for item in items if getattr(item, "url", None) is not None]
    return tuple(url(context, target) if target else "" for target in targets)


@jinja2.pass_environment
def translations(env: jinja2.Environment, language: str) -> Callable[[str], str]:
    """Material's `lang.t`, each string looked up once per build: its tables are Jinja macros
    that build a dict literal of every string at each lookup, dozens of times a page. Returns
    what Material's own `t` macro (partials/language.html) returns: the string of the chosen
    language, else the English one, else the key, printed through `{{ }}`."""
    key = ("partials/language.html", language)
    store: dict[tuple, Any] = env.fragment_cache  # type: ignore[attr-defined]
    if key not in store:
        chosen = env.get_template(f"partials/languages/{language}.html").module
        fallback = env.get_template("partials/languages/en.html").module
        found: dict[str, str] = {}

        def t(name: str) -> str:
            if name not in found:
                text = chosen.t(name) or fallback.t(name) or name  # type: ignore[attr-defined]
                found[name] = markupsafe.escape(text) if env.autoescape else str(text)
            return found[name]

        store[key] = t
    return store[key]


def _items(items: Any) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _items(item.children or ())


def fragment_cache(get_env: Callable[[], jinja2.Environment]) -> Callable[[], jinja2.Environment]:
    """A theme's `get_env` whose environments know the `cache` tag, `page_links` and `translations`."""

    def with_cache() -> jinja2.Environment:
        env = get_env()
        env.add_extension(FragmentCache)
        env.globals.update(page_links=page_links, translations=translations)
        return env

    return with_cache
