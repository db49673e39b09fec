"""Pages saved from a legal-document website (thuvienphapluat.vn, vbpl.vn) -> paragraphs
and grids for `formats.render`.

Only the document body is read: the site's own container when the page has one, else
the page without scripts, styles, menus, headers, footers and forms. The page's
document-properties table (Số hiệu, Loại văn bản, Nơi ban hành, Người ký, Ngày ban hành)
and its title go first, as the database-export header the importer reads for metadata
(the 000 source is such an export). `<br>` ends a line; `&nbsp;` is a space; colspan and
rowspan give cells as wide and as tall as on the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.editing.importer.draft import SourceFormatError
from macros.editing.importer.formats import Extracted, Grid, Para, clean, property_pairs

MAX_BYTES = 8 * 1024 * 1024
MAX_TAGS = 150_000  # a saved plan page has a few thousand; the parser needs seconds per 10,000
# The document body on the sites editors save pages from (class or id), most specific first.
BODY_MARKS = ("content1", "toanvancontent", "fulltext")
BODY_TAGS = ("article", "main")
MAX_DEPTH = 400  # unclosed-tag-tolerant nesting depth; deeper pages are refused before parsing
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
# Elements without an end tag, or whose end tag pages often leave out: they do not nest.
_FLAT = {
    b"br",
    b"img",
    b"hr",
    b"meta",
    b"link",
    b"input",
    b"col",
    b"area",
    b"base",
    b"wbr",
    b"source",
    b"p",
    b"li",
    b"td",
    b"th",
    b"tr",
    b"dt",
    b"dd",
    b"option",
    b"tbody",
    b"thead",
    b"colgroup",
}
SKIP = {"script", "style", "noscript", "iframe", "object", "embed", "svg", "button", "input", "select", "textarea"}
NOISE_TAGS = {"nav", "header", "footer", "aside", "form", "menu"}
_NOISE = re.compile(r"menu|nav|footer|header|banner|sidebar|breadcrumb|quang-?cao|advert|social|share|login|popup")
BLOCKS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "main",
    "center",
    "pre",
    "dd",
    "dt",
    "dl",
    "tr",
    "td",
    "th",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "body",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BOLD = {"b", "strong"}
_MAX_SPAN = 50


def read_html(path: Path) -> Extracted:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SourceFormatError(
                path, 0, "trang HTML lớn hơn 8 MB; hãy lưu lại chỉ trang văn bản (Ctrl+S, kiểu “chỉ HTML”)"
            )
        data = path.read_bytes()
    except OSError as error:
        raise SourceFormatError(path, 0, f"không đọc được tệp ({error.strerror})") from None
    tags, depth = _shape(data)
    if tags > MAX_TAGS or depth > MAX_DEPTH:
        raise SourceFormatError(
            path, 0, "trang HTML quá lớn hoặc lồng quá sâu, không phải một trang văn bản; hãy lưu lại trang văn bản"
        )
    try:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(data, "html.parser")
        return _extract(soup)
    except RecursionError:
        raise SourceFormatError(path, 0, "trang HTML lồng quá sâu, không đọc được; hãy lưu lại trang văn bản") from None
    except SourceFormatError:
        raise
    except Exception as error:  # noqa: BLE001 - a broken page ends in one message
        raise SourceFormatError(path, 0, f"không đọc được trang HTML ({type(error).__name__})") from None


def _extract(soup) -> Extracted:
    extracted = Extracted()
    properties = None
    for table in soup.find_all("table"):
        grid = _grid(table, extracted)
        if property_pairs(grid):
            properties = grid
            table.decompose()
            break
    body = _body(soup)
    if properties is not None:
        title = soup.find("h1")
        if title is not None and (body is None or title not in body.descendants):
            extracted.pieces.append(Para(title.get_text()))
            title.decompose()
        extracted.pieces.append(properties)
    if body is None:
        body = soup.body or soup
        for tag in body.find_all(True):
            if tag.decomposed:
                continue
            marks = " ".join([*(tag.get("class") or []), tag.get("id") or ""]).lower()
            if tag.name in NOISE_TAGS or (tag.name in ("div", "ul", "section") and _NOISE.search(marks)):
                tag.decompose()
    walker = _Walker(extracted)
    walker.block(body)
    walker.flush()
    return extracted


def _shape(data: bytes) -> tuple[int, int]:
    """How many tags the page has and how deep they nest: a quick scan before the parser,
    which is slow on huge or deep pages."""
    tags = depth = deepest = 0
    for closing, name, empty in _TAG.findall(data):
        tags += 1
        if name.lower() in _FLAT or empty:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return tags, deepest


def _body(soup):
    """The site's document container, found in one pass over the page."""
    best = None
    for tag in soup.find_all(True):
        marks = {*(tag.get("class") or []), tag.get("id") or ""}
        rank = next((i for i, mark in enumerate(BODY_MARKS) if mark in marks), None)
        if rank is None and tag.name in BODY_TAGS:
            rank = len(BODY_MARKS) + BODY_TAGS.index(tag.name)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, tag)
    return best[1] if best else None


class _Walker:
    """Blocks of a container in order: a paragraph per block element or <br>, a grid per table."""

    def __init__(self, extracted: Extracted) -> None:
        self.extracted = extracted
        self.buffer: list[tuple[str, bool]] = []

    def flush(self, heading: bool = False) -> None:
        text = "".join(t for t, _ in self.buffer)
        if clean(text):
            bold = all(b for t, b in self.buffer if t.strip())
            self.extracted.pieces.append(Para(text, heading=heading or bold))
        self.buffer = []

    def block(self, node, bold: bool = False) -> None:
        for child in node.children:
            name = getattr(child, "name", None)
            if name is None:
                if type(child).__name__ == "NavigableString":
                    self.buffer.append((str(child), bold))
            elif name in SKIP:
                continue
            elif name == "table":
                self.flush()
                self.extracted.pieces.append(_grid(child, self.extracted))
            elif name == "br":
                self.flush()
            elif name in BLOCKS:
                self.flush()
                self.block(child, bold)
                self.flush(heading=name in HEADINGS)
            else:
                self.block(child, bold or name in BOLD or "bold" in (child.get("style") or "").replace(" ", ""))


def _span(cell, name: str) -> int:
    try:
        return min(max(int(cell.get(name, 1)), 1), _MAX_SPAN)
    except (TypeError, ValueError):
        return 1


def _grid(table, extracted: Extracted) -> Grid:
    rows: list[tuple[tuple[str, ...], ...]] = []
    below: dict[int, tuple[int, tuple[str, ...]]] = {}  # column -> (rows left, text) of a rowspan
    trs = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    for number, tr in enumerate(trs, start=1):
        cells: list[tuple[str, ...]] = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            _fill_spans(cells, below)
            lines = tuple(_cell_lines(cell))
            column = len(cells)
            cells.append(lines)
            cells.extend(() for _ in range(_span(cell, "colspan") - 1))
            if (down := _span(cell, "rowspan")) > 1:
                below[column] = (down - 1, lines)
                if any(lines):
                    extracted.warnings.append(
                        f"bảng trong trang, hàng {number}: một ô gộp dọc nhiều hàng; chữ của ô được chép cho từng hàng"
                    )
        _fill_spans(cells, below)
        rows.append(tuple(cells))
    return Grid(tuple(rows))


def _fill_spans(cells: list[tuple[str, ...]], below: dict[int, tuple[int, tuple[str, ...]]]) -> None:
    """Cells covered by a rowspan from a row above, at the current position."""
    while len(cells) in below:
        left, lines = below.pop(len(cells))
        cells.append(lines)
        if left > 1:
            below[len(cells) - 1] = (left - 1, lines)


def _cell_lines(cell) -> list[str]:
    inner = Extracted()
    walker = _Walker(inner)
    walker.block(cell)
    walker.flush()
    lines: list[str] = []
    for piece in inner.pieces:
        if isinstance(piece, Para):
            lines.append(piece.text)
        else:
            lines.extend(text for row in piece.rows for c in row for text in c)
    return lines
