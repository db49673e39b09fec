"""The Jinja environment that turns shaped data into page bodies (and the change report).

Templates live under theme_overrides/gp/ (markup belongs to the theme). `jinja_environment`
is the one place an Environment is made: the site's Renderer with autoescaping (its pages
become HTML), the change report without (GitHub Markdown, escaped value by value). `md`
escapes text placed in Markdown (headings here, every data value in the report), and
`note` renders an editor's Markdown note with raw HTML disabled. No MkDocs import: any
generator can call this.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any, Protocol

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from macros.site import explorer_address, urls
from macros.site.theme_fragments import FragmentCache

# Characters both Python-Markdown (with its tables extension) and GitHub's Markdown accept
# escaped by a backslash; `~` (GitHub's strikethrough) Python-Markdown does not, see markdown_text.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>|])")
_NOTES = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")


def markdown_text(value: Any) -> Markup:
    """Plain text from data, safe on one line of Markdown, for the site's pages and the
    change report alike: whitespace collapsed (a line break would end a heading or a list
    item); HTML's <, > and & as entities, so no tag can be injected; Markdown syntax,
    tables' `|` included, backslash-escaped; `~` as the entity &#126;, which neither
    Markdown reads as strikethrough (Python-Markdown leaves a backslash before `~` visible).
    Quotes stay as they are: the result is for Markdown text, never for an HTML attribute."""
    text = html.escape(" ".join(str(value).split()), quote=False)
    return Markup(_MD_SPECIAL.sub(r"\\\1", text).replace("~", "&#126;"))


def note_html(value: str) -> Markup:
    """An editor's Markdown note (progress note) as HTML; raw HTML is shown as text."""
    return Markup(_NOTES.render(value))


def date_vi(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


_SHORT_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def dates_vi(value: Any) -> str:
    """Dates in an editor's text written the short way ('01/7/2025') put in the site's one
    format ('01/07/2025'). For editors' notes only: official text is shown as written."""
    return _SHORT_DATE.sub(lambda mt: f"{int(mt.group(1)):02d}/{int(mt.group(2)):02d}/{mt.group(3)}", str(value))


def abbreviation_filter(expansions: dict[str, str]) -> Any:
    """A filter that shows UI text (concept names, topic descriptions) with every known
    abbreviation wrapped in <abbr title="its full form">, so a reader sees what "GRDP"
    stands for. The text is HTML-escaped first and matched whole-word; official text
    (task titles, targets) is never passed through it."""
    if not expansions:
        return lambda value: escape(value)
    escaped = {str(escape(short)): full for short, full in expansions.items()}
    # not inside a document symbol ("29/KH-UBND") or an escaped entity ("&amp;")
    pattern = re.compile(
        r"(?<![\w&;/-])(" + "|".join(re.escape(s) for s in sorted(escaped, key=len, reverse=True)) + r")(?![\w&])"
    )

    def wrap(value: Any) -> Markup:
        return Markup(
            pattern.sub(
                lambda mt: f'<abbr title="{escape(escaped[mt.group(1)])}">{mt.group(1)}</abbr>', str(escape(value))
            )
        )

    return wrap


def number_vi(value: float | int | None) -> str:
    """'0.7' -> '0,7', '1234' -> '1.234' (Vietnamese separators)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:g}".replace(".", ",")


def jinja_environment(template_dir: Path, *, autoescape: bool) -> jinja2.Environment:
    """The project's one way to make a Jinja environment: templates under `template_dir`,
    undefined names an error, `{## … ##}` comments, and the text filters (md, date_vi,
    dates_vi, number_vi) every template may use.

    autoescape: True when the output becomes HTML (the site's page bodies: Markdown that
    MkDocs turns into HTML, raw HTML passing through), so every value is HTML-escaped unless
    a filter says it is safe. False for Markdown read outside the site (the change report on
    GitHub): there HTML-escaping is the wrong escaper (a code span would show `&lt;` as
    written), so each value goes through `md`, `code` or `url` by hand, and no template of
    that kind may output a value bare.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # an environment lives for one build (serve makes a new one per rebuild): no stat of
        # every template file each time a page includes it
        auto_reload=False,
        # `{#id}` is Markdown's attribute syntax, so Jinja comments are `{## … ##}`
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(md=markdown_text, date_vi=date_vi, dates_vi=dates_vi, number_vi=number_vi)
    return env


class PlacedMarkdown(Protocol):
    """Page content that brings its own HTML blocks (narratives.Narrative): `place` turns
    it into the Markdown of page `here`, handing each block to `html_block`, which returns
    its placeholder."""

    def place(self, html_block: Any, here: str) -> Markup: ...


class Renderer:
    """Renders templates for one page at a time (`here` makes links relative)."""

    def __init__(self, template_dir: Path, abbreviations: dict[str, str] | None = None) -> None:
        self.env = jinja_environment(template_dir, autoescape=True)
        # the filters that write HTML belong to the site's pages only
        self.env.filters.update(note=note_html, abbr=abbreviation_filter(abbreviations or {}))
        # a piece repeated from page to page (a task's row, an agency cell, a deadline badge)
        # is rendered once per build and set of links: `{% cache kind, id…, href… %}`
        self.env.add_extension(FragmentCache)

    def render(self, template: str, here: str, **context: Any) -> tuple[str, list[str]]:
        """Render a page body: Markdown with placeholders, and the HTML blocks they stand for.

        Large HTML regions are wrapped in `{% call html_block() %}`; they skip Markdown
        (whose raw-HTML parser would take most of the build) and are put back into the
        page's HTML after conversion (see `fill_blocks`).
        """
        blocks: list[str] = []

        def link(target: str, anchor: str | None = None) -> str:
            return urls.href(here, target, anchor)

        def html_block(caller: Any) -> Markup:
            blocks.append(str(caller()).strip())
            return Markup(f"\n\n{placeholder(len(blocks) - 1)}\n\n")

        def raw_html(caller: Any) -> Markup:
            """A region of raw HTML chunks (blank lines between them), each as a block:
            what Markdown would have passed through unchanged, without its HTML parser."""
            placed = []
            for chunk in (c.strip() for c in _BLANK_LINE.split(str(caller())) if c.strip()):
                if not chunk.startswith("<"):  # Markdown (a heading) would be shown as written
                    raise ValueError(f"{template}: raw_html holds text that is not HTML: {chunk[:60]!r}")
                placed.append(chunk if _BLOCK.fullmatch(chunk) else add_block(chunk))  # an html_block inside
            return Markup("\n\n" + "\n\n".join(placed) + "\n\n")

        def add_block(html: str) -> str:
            blocks.append(html.strip())
            return placeholder(len(blocks) - 1)

        # by the class, not isinstance(v, PlacedMarkdown): a runtime Protocol check was a
        # twentieth of rendering a national build
        context = {k: v.place(add_block, here) if hasattr(type(v), "place") else v for k, v in context.items()}
        text = self.env.get_template(template).render(
            here=here,
            link=link,
            urls=urls,
            explorer=explorer_address,
            html_block=html_block,
            raw_html=raw_html,
            **context,
        )
        return merge_blocks(text, blocks)


def placeholder(index: int) -> str:
    return f"<!--gp-block:{index}-->"


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# placeholders on lines of their own with only blank lines between them
_BLOCK_RUN = re.compile(r"^<!--gp-block:\d+-->(?:\n(?:[ \t]*\n)*<!--gp-block:\d+-->)*$", re.M)
_BLOCK = re.compile(r"<!--gp-block:(\d+)-->")


def merge_blocks(text: str, blocks: list[str]) -> tuple[str, list[str]]:
    """Each run of placeholders on lines of their own made one, joined as Markdown would
    put them out (a blank line between two blocks stays one blank line, a line break one
    line break): every paragraph Markdown parses costs about as much as a heading, and a
    generated page is mostly a sequence of blocks between its headings."""
    merged: list[str] = []

    def one(run: re.Match[str]) -> str:
        parts = _BLOCK.split(run.group(0))  # "", index, separator, index, …, ""
        html = blocks[int(parts[1])]
        for separator, index in zip(parts[2:-1:2], parts[3::2], strict=True):
            html += ("\n\n" if separator.count("\n") > 1 else "\n") + blocks[int(index)]
        merged.append(html)
        return placeholder(len(merged) - 1)

    text = _BLOCK_RUN.sub(one, text)
    return text, merged


def fill_blocks(html: str, blocks: list[str] | tuple[str, ...]) -> str:
    """Put the HTML blocks back where Markdown left their placeholders."""
    return _BLOCK.sub(lambda mt: blocks[int(mt.group(1))], html)
