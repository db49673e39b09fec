"""Word, PDF and saved web pages -> the text layouts the importer already reads.

One importer, many formats: each reader (docx_reader, pdf_reader, html_reader) turns its
file into paragraphs and grids (tables), and `render` writes those as a text in one of
the existing layouts, so tables, narrative and metadata are read by the same code as a
.txt source. The text is kept beside the original in data/sources/ and is what the
provenance links (line numbers) point to.

- A table whose header starts with "TT"/"STT" (an appendix) is written in the pipe
  layout: every cell "text |", an empty cell "|", so empty cells survive; a cell merged
  over n columns is its text then n-1 empty cells (a group row, as in 000).
- A two-column table of document properties (Số hiệu, Người ký, …) becomes the
  database-export header "Số hiệu | 29/KH-UBND |" that 000 starts with.
- Other tables (letterhead, signature block) are read cell by cell, one line per
  paragraph, as the text layouts have them.
- Without appendix tables, a document with headings is written in the Markdown layout
  ("## " headings, other text escaped), else as plain lines.
Cell and paragraph text is kept as written; only whitespace runs become one space.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from macros.data.text import fold
from macros.editing.importer.columns import header_key
from macros.editing.importer.source import MARKDOWN, PIPE, PLAIN

_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Keys of a legal database's document-properties table (folded, without the colon).
PROPERTY_KEYS = frozenset(
    {
        "so hieu",
        "so ky hieu",
        "loai van ban",
        "noi ban hanh",
        "co quan ban hanh",
        "nguoi ky",
        "ngay ban hanh",
        "ngay hieu luc",
        "ngay co hieu luc",
        "linh vuc",
        "tinh trang",
        "tinh trang hieu luc",
    }
)
_MARKDOWN_SPECIAL = re.compile(r"([\\*_`\[\]])")
_MARKDOWN_START = re.compile(r"^([#+>])")


def clean(text: str) -> str:
    """NFC, invisible characters (soft hyphen, zero-width space) removed, whitespace runs
    (tabs, non-breaking spaces, line breaks) collapsed to one space, ends trimmed."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class Para:
    text: str
    heading: bool = False  # a Word heading style, an <h2>, a line set in bold as a whole


@dataclass(frozen=True)
class Grid:
    """A table: rows of cells, each cell the lines (paragraphs) it holds; every row as
    wide as the table, a merged cell followed by empty cells for the columns it covers."""

    rows: tuple[tuple[tuple[str, ...], ...], ...]


@dataclass
class Extracted:
    pieces: list[Para | Grid] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # Vietnamese, for the review list


def cell_text(cell: tuple[str, ...]) -> str:
    return clean(" ".join(cell))


def is_appendix_table(grid: Grid) -> bool:
    """An appendix table: one of its first rows starts with the header cell "TT"/"STT"."""
    return any(row and header_key(cell_text(row[0])) == "label" for row in grid.rows[:3])


def property_pairs(grid: Grid) -> list[tuple[str, str]] | None:
    """(key, value) pairs of a document-properties table (two or four cells a row), or
    None when the table is something else."""
    pairs: list[tuple[str, str]] = []
    for row in grid.rows:
        texts = [cell_text(c) for c in row]
        if len(texts) % 2:
            return None
        for key, value in zip(texts[::2], texts[1::2], strict=True):
            if key or value:
                pairs.append((key.rstrip(":").strip(), value))
    known = sum(1 for key, _ in pairs if fold(key) in PROPERTY_KEYS)
    return pairs if known >= 2 and known * 2 >= len(pairs) else None


def _appendix_grids(pieces: list[Para | Grid]) -> dict[int, Grid]:
    """Index -> grid of every appendix table and of its continuations: a table right after
    one, as wide as it (a PDF table broken by a page), without a repeated header row."""
    found: dict[int, Grid] = {}
    header: tuple[tuple[str, ...], ...] | None = None
    for index, piece in enumerate(pieces):
        if isinstance(piece, Grid) and is_appendix_table(piece):
            found[index] = piece
            header = next(row for row in piece.rows if row and header_key(cell_text(row[0])) == "label")
        elif isinstance(piece, Grid) and header is not None and piece.rows and len(piece.rows[0]) == len(header):
            rows = piece.rows[1:] if piece.rows[0] == header else piece.rows
            found[index] = Grid(rows)
        else:
            header = None
    return found


def render(extracted: Extracted) -> tuple[str, str]:
    """(text, layout) for the pieces, in document order."""
    appendices = _appendix_grids(extracted.pieces)
    appendix = bool(appendices)
    headings = sum(1 for p in extracted.pieces if isinstance(p, Para) and p.heading)
    layout = PIPE if appendix else MARKDOWN if headings >= 2 else PLAIN
    lines: list[str] = []
    for index, piece in enumerate(extracted.pieces):
        if isinstance(piece, Para):
            lines.append(_paragraph(piece, layout))
        elif index in appendices:
            for row in appendices[index].rows:
                lines.extend(f"{text} |" if text else "|" for text in map(cell_text, row))
        elif (pairs := property_pairs(piece)) is not None:
            lines.extend(f"{key} | {value} |" for key, value in pairs)
        else:
            for row in piece.rows:
                seen: set[tuple[str, ...]] = set()
                for cell in row:
                    if cell in seen:  # a merged cell repeated for the columns it covers
                        continue
                    seen.add(cell)
                    lines.extend(_paragraph(Para(text), layout) for text in map(clean, cell) if text)
    lines = [line for line in lines if line]
    return "".join(f"{line}\n" for line in lines), layout


def _paragraph(para: Para, layout: str) -> str:
    text = clean(para.text)
    if layout != MARKDOWN or not text:
        return text
    text = _MARKDOWN_START.sub(r"\\\1", _MARKDOWN_SPECIAL.sub(r"\\\1", text))
    return f"## {text}" if para.heading else text
