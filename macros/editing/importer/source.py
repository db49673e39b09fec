"""Reading a source file and telling its layout from its text, not from its name."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from macros.editing.importer.draft import SourceFormatError
from macros.editing.importer.entries import pipe_cells_of
from macros.editing.importer.tables import is_header_line

PIPE, CELLS, PLAIN, MARKDOWN = "pipe", "cells", "plain", "markdown"
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+\S")
_MARKDOWN_BOLD_LINE = re.compile(r"^\*\*\S.*\*\*$")
_PIPE_SHARE = 0.2


def read_lines(path: Path) -> tuple[str, ...]:
    """The file's lines, NFC-normalised (a no-op for the NFC sources), without line ends."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceFormatError(path, 0, f"không đọc được tệp ({error.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceFormatError(
            path, line, "không phải văn bản UTF-8 (có byte không đọc được ở dòng này); hãy lưu lại tệp với mã hoá UTF-8"
        ) from None
    return split_lines(text, path)


def split_lines(text: str, path: Path) -> tuple[str, ...]:
    """A text's lines, NFC-normalised, without a byte-order mark or line ends."""
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff")).replace("\r\n", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not any(line.strip() for line in lines):
        raise SourceFormatError(path, 1, "tệp trống")
    return tuple(lines)


def detect_layout(lines: tuple[str, ...]) -> str:
    """pipe: cells end in "|" (000, and the text of a Word, PDF or HTML file with appendix tables);
    markdown: "#" headings or bold lines (004);
    cells: a table header "TT" alone on a line (001, 002); plain: anything else (003)."""
    filled = [line.strip() for line in lines if line.strip()]
    piped = sum(1 for line in filled if pipe_cells_of(line) is not None)
    if piped >= max(5, _PIPE_SHARE * len(filled)) or any(
        is_header_line(line) and pipe_cells_of(line) is not None for line in filled
    ):
        return PIPE  # a table header written as a pipe cell ("TT |") is the pipe layout however long the text
    marked = sum(1 for line in filled if _MARKDOWN_HEADING.match(line) or _MARKDOWN_BOLD_LINE.match(line))
    if marked >= 2:
        return MARKDOWN
    if any(is_header_line(line) for line in filled):
        return CELLS
    return PLAIN
