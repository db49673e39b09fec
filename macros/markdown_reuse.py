"""MkDocs adapter: a page's Markdown converted by one Python-Markdown instance per build.

MkDocs' `Page.render` builds a new `markdown.Markdown` with every extension for each page,
a third as long as converting a generated page (a few headings between placeholders).
Python-Markdown's own way to convert many documents is one instance, `reset()` between
them; MkDocs' four per-page processors (anchors found, links made relative, the title) are
made and registered anew for each page, under the names MkDocs gives them, which replace
the previous page's. Also, a paragraph of raw HTML skips the inline patterns, none of which
would change it. So `render` is `Page.render` with the instance kept: the same content,
table of contents, title, anchors and links to anchors (tests/test_markdown_reuse.py).

The instance belongs to one configuration (a rebuild under serve reads a new one) and one
thread (serve builds in another thread than the one that started it).
"""

from __future__ import annotations

import logging
import re
import threading
import types
from xml.etree.ElementTree import Element

import markdown
from markdown import util
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
    get_toc,
)

PAGES_LOG = logging.getLogger("mkdocs.structure.pages")  # the logger Page.render asks
_KEPT = threading.local()  # .config, .md: the instance of the build this thread runs
_STASHED = re.compile(util.HTML_PLACEHOLDER % r"\d+")  # a block of raw HTML (a placeholder, a comment)


class _StashedHtmlParagraphs(Treeprocessor):
    """A paragraph that is only a block of raw HTML Markdown has set aside (each page block's
    placeholder, render.placeholder) is marked as done before Markdown's inline patterns:
    none of them matches its text, and trying each on each such paragraph was half of a
    generated page's inline work."""

    def run(self, root: Element) -> None:
        for p in root.iter("p"):
            if p.text and not len(p) and _STASHED.fullmatch(p.text):
                p.text = util.AtomicString(p.text)


def converter(config: MkDocsConfig) -> markdown.Markdown:
    """This build's Markdown instance, reset for a new document."""
    if getattr(_KEPT, "config", None) is not config:
        _KEPT.md = markdown.Markdown(
            extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
        )
        before_inline = 20.5  # Markdown's inline patterns run at 20
        _KEPT.md.treeprocessors.register(_StashedHtmlParagraphs(_KEPT.md), "gp_stashed_html", before_inline)
        _KEPT.config = config
    return _KEPT.md.reset()


def render(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What `Page.render` does (mkdocs 1.6), with this build's Markdown instance."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md = converter(config)
    raw_html_ext = _RawHTMLPreprocessor()
    raw_html_ext._register(md)
    extract_anchors_ext = _ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors_ext._register(md)
    relative_path_ext = _RelativePathTreeprocessor(page.file, files, config)
    relative_path_ext._register(md)
    extract_title_ext = _ExtractTitleTreeprocessor()
    extract_title_ext._register(md)

    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
    if PAGES_LOG.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors


def reuse_markdown(page: Page) -> None:
    """`page` is rendered with this build's Markdown instance (from MkDocs' on_pre_page)."""
    page.render = types.MethodType(render, page)  # type: ignore[method-assign]
