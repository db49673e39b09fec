"""Material's templates print titles, descriptions and nav labels raw; these make the
theme's Jinja environment escape by default instead, so a value from data (a plan
number, a province, agency-kind or topic name in a page title) is always shown as text.

The MkDocs hook calls them (no MkDocs import here): `autoescaping` on the theme's
environment, `plain_title` on each page once Markdown has made its HTML, and
`trust_page_html` just before the page goes through the theme.
"""

from __future__ import annotations

import html
from typing import Any

import jinja2
from markupsafe import Markup


def autoescaping(env: jinja2.Environment) -> jinja2.Environment:
    """Every `{{ … }}` of the theme escapes unless the value is Markup (the page body,
    the table of contents, `tojson`, Material's own macros)."""
    env.autoescape = True
    return env


def plain_title(page: Any) -> None:
    """The page's title as plain text, which the templates escape. A title from front
    matter or mkdocs.yml is plain text already; one MkDocs took from the page's first
    heading is HTML (entities escaped), so it is unescaped once here to be escaped once
    on output (no "&amp;amp;" for readers)."""
    if "title" not in page.meta and "title" not in vars(page) and page.title:
        page.title = html.unescape(page.title)


def trust_page_html(page: Any) -> None:
    """The page body and table of contents, both made by Python-Markdown (which escapes
    text; generated pages and narratives allow no raw HTML), printed as HTML."""
    page.content = Markup(page.content)  # noqa: S704  # Python-Markdown's output, the page body
    _trust_toc(page.toc)


def _trust_toc(items: Any) -> None:
    for item in items:
        item.title = Markup(item.title)  # noqa: S704  # toc extension: heading text as escaped HTML
        _trust_toc(item.children)
