"""Source lines -> entries: one text line, or one line of pipe-terminated cells.

The pipe layout (000) writes every table cell, letterhead and header field as "text |",
an empty cell as a lone "|" and several empty cells as "|||"; a cell may wrap over
several lines with the pipe only on the last. The other layouts have one text per line.
Both become entries here, so the rest of the importer never looks at raw pipes. A
"Key | Value |" line in the other layouts is a document-properties row (the header of a
saved legal-database page, written so by formats.render).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from macros.editing.importer.labels import is_all_caps, narrative_label
from macros.editing.importer.textual import ends_sentence, join_pieces, strip_markdown


@dataclass(frozen=True)
class Entry:
    line: int  # 1-based first line
    line_end: int
    text: str  # trimmed; Markdown removed in the markdown layout; cells joined by " | "
    cells: tuple[str, ...] | None = None  # the cells of a pipe line, else None
    marked: bool = False  # a Markdown heading or a line that is bold as a whole


@dataclass(frozen=True)
class Cell:
    text: str
    line: int
    line_end: int


def pipe_cells_of(text: str) -> list[str] | None:
    """'Số hiệu | 29/KH-UBND |' -> ['Số hiệu', '29/KH-UBND']; '|||' -> ['', '', '']."""
    text = text.strip()
    if not text.endswith("|"):
        return None
    return [part.strip() for part in text.split("|")[:-1]]


def is_wrap_fragment(text: str) -> bool:
    """A short capitalised line before a pipe line is the start of that line's cell.

    Outside tables the cells are letterhead and signature ("CỘNG HÒA XÃ HỘI" /
    "CHỦ NGHĨA VIỆT NAM |", "TM. ỦY BAN NHÂN" / "DÂN" / "|"); a sentence, a note in
    brackets or a numbered line right before a cell is narrative, not a fragment.
    """
    return len(text) <= 60 and is_all_caps(text) and not ends_sentence(text) and narrative_label(text) is None


def entries_of(
    lines: tuple[str, ...], numbers: Iterable[int], layout: str, fragment: Callable[[str], bool] = is_wrap_fragment
) -> list[Entry]:
    """Entries for the given 1-based line numbers (blank lines are dropped)."""
    entries: list[Entry] = []
    pending: list[tuple[int, str]] = []  # text lines that may be the start of a wrapped cell

    def flush_text(items: list[tuple[int, str]]) -> None:
        for number, text in items:
            entries.append(Entry(number, number, text))

    for number in numbers:
        raw = lines[number - 1]
        if not raw.strip():
            continue
        cells = pipe_cells_of(raw) if layout == "pipe" else None
        if layout in ("markdown", "plain") and (header := pipe_cells_of(raw)) is not None and len(header) == 2:
            entries.append(Entry(number, number, " | ".join(header), tuple(header)))  # "Số hiệu | … |"
            continue
        if cells is None:
            if layout == "markdown":
                text, marked = strip_markdown(raw)
                entries.append(Entry(number, number, text, marked=marked))
            elif layout == "pipe":
                pending.append((number, raw.strip()))
            else:
                entries.append(Entry(number, number, raw.strip()))
            continue
        split = len(pending)
        while split > 0 and fragment(pending[split - 1][1]):
            split -= 1
        flush_text(pending[:split])
        wrapped = pending[split:]
        pending = []
        if wrapped:
            cells[0] = join_pieces([text for _, text in wrapped] + [cells[0]])
        first = wrapped[0][0] if wrapped else number
        entries.append(Entry(first, number, " | ".join(cells), tuple(cells)))
    flush_text(pending)
    return entries


def cells_of(lines: tuple[str, ...], numbers: Iterable[int], layout: str) -> list[Cell]:
    """Table cells: one per line, or the pipe cells with every unpiped line a wrap."""
    if layout != "pipe":
        return [Cell(lines[n - 1].strip(), n, n) for n in numbers if lines[n - 1].strip()]
    cells: list[Cell] = []
    for entry in entries_of(lines, numbers, layout, fragment=lambda _text: True):
        if entry.cells is None:  # wrapped text left over at the end of the table
            cells.append(Cell(entry.text, entry.line, entry.line_end))
            continue
        for index, text in enumerate(entry.cells):
            cells.append(Cell(text, entry.line if index == 0 else entry.line_end, entry.line_end))
    return cells
