"""A narrative from content/ (a plan's text, an index page's introduction) placed in a
generated page as text, never as markup of its own.

The page's Markdown (the theme's templates) allows raw HTML, attribute lists and any link;
a narrative must not: `<script>`, `{: onclick=… }` and `javascript:` links in content/
would run in the reader's browser. So a narrative is cut at its headings: each heading
stays in the page's Markdown, its text escaped (so it keeps its anchor, its permalink and
its place in the table of contents), and the text between headings is rendered here by
Python-Markdown with raw HTML off, no attribute lists and links limited to http(s),
mailto and site-relative addresses, then put back as an HTML block (render.fill_blocks).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from macros.site import urls
from macros.site.render import markdown_text

# the page's own extensions (mkdocs.yml), less md_in_html and attr_list (markup from text)
# and toc (headings stay in the page's Markdown)
EXTENSIONS = ("tables", "admonition", "pymdownx.superfences")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S.*$", re.M)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")  # what browsers drop before reading a scheme
SAFE_SCHEMES = {"http", "https", "mailto"}


def safe_url(url: str) -> bool:
    """http(s), mailto, or an address on this site (relative, /…, #…); not `//other.host`."""
    bare = _IGNORED_IN_URLS.sub("", url)
    if scheme := _SCHEME.match(bare):
        return scheme.group(1).lower() in SAFE_SCHEMES
    return not bare.startswith(("//", "\\\\", "/\\", "\\/"))


def page_link(url: str, here: str) -> str:
    """A link to another page's Markdown file (`../tinh/x.md#y`), relative to the narrative's
    own file as MkDocs reads it, as the address of that page; any other address unchanged."""
    path, hash_, anchor = url.partition("#")
    if not path.endswith(".md") or _SCHEME.match(path) or path.startswith("/"):
        return url
    target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
    return urls.href(here, target, anchor if hash_ else None)


class _SafeLinks(Treeprocessor):
    """A link or image whose address is not safe_url keeps its text, loses its address;
    links to Markdown files become page addresses (MkDocs does not see this HTML)."""

    here = urls.HOME

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            for attribute in ("href", "src"):
                if attribute not in el.attrib:
                    continue
                if safe_url(el.attrib[attribute]):
                    el.attrib[attribute] = page_link(el.attrib[attribute], self.here)
                else:
                    del el.attrib[attribute]


def _text_renderer() -> markdown.Markdown:
    md = markdown.Markdown(extensions=list(EXTENSIONS))
    md.preprocessors.deregister("html_block")  # raw HTML blocks stay text
    md.inlinePatterns.deregister("html")  # inline tags stay text
    md.treeprocessors.register(_SafeLinks(md), "gp_safe_links", 0)
    return md


_MD = _text_renderer()


def text_html(text: str, here: str) -> str:
    """Narrative text without headings, on page `here`, as HTML: Markdown only, raw HTML
    shown as text."""
    _MD.reset()
    _MD.treeprocessors["gp_safe_links"].here = here
    return _MD.convert(text)


@dataclass(frozen=True)
class Narrative:
    """A narrative's Markdown (front matter removed); `render.Renderer` places it."""

    markdown: str

    def parts(self) -> list[tuple[str, str]]:
        """("heading", Markdown line) and ("text", Markdown) parts, in order. Headings inside
        fenced code are text; reference-style link definitions go with every text part."""
        parts: list[tuple[str, str]] = []
        text: list[str] = []
        fence = ""
        for line in self.markdown.splitlines():
            if opened := _FENCE.match(line):
                mark = opened.group(1)
                fence = "" if fence and mark.startswith(fence[0]) and len(mark) >= len(fence) else fence or mark
            heading = None if fence else _HEADING.match(line)
            if heading:
                if "".join(text).strip():
                    parts.append(("text", "\n".join(text)))
                text = []
                parts.append(("heading", f"{heading.group(1)} {markdown_text(heading.group(2))}"))
            else:
                text.append(line)
        if "".join(text).strip():
            parts.append(("text", "\n".join(text)))
        references = "\n".join(_REFERENCE.findall(self.markdown))
        if references:
            parts = [(kind, f"{body}\n\n{references}" if kind == "text" else body) for kind, body in parts]
        return parts

    def place(self, html_block: Callable[[str], str], here: str) -> Markup:
        """The narrative as the Markdown of page `here`: escaped headings, and placeholders
        that `html_block` returns for the HTML of the text between them."""
        out = [body if kind == "heading" else html_block(text_html(body, here)) for kind, body in self.parts()]
        return Markup("\n\n".join(out) + "\n")  # noqa: S704  # escaped headings and placeholders only
