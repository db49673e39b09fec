"""Appendix tables: where they are, their header, groups and rows.

Rows are found by the expected-next-label rule: after row n the next label is n+1 or a
sub-row (n.1, n.(k+1)), so a value such as "12" or "2025" alone on a line is never taken
for a row. The same code reads both table layouts; they differ only in how cells are
cut (entries.cells_of) and in whether empty cells survive ("complete" rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from macros.data.text import fold
from macros.editing.importer.columns import assign, header_key, resolve_keys
from macros.editing.importer.draft import SourceFormatError, Table, TableGroup, TableRow
from macros.editing.importer.entries import Cell, cells_of, pipe_cells_of
from macros.editing.importer.labels import group_label, is_all_caps, next_row_numbers, row_label

_FOOTNOTE = re.compile(r"^\[\d+\]\s")
_MAX_TITLE_LINES = 5
_SIGNATURE = re.compile(r"^(T/M|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s|^(PHÓ )?(CHỦ TỊCH|BÍ THƯ)$")


@dataclass(frozen=True)
class TableSpan:
    """Line numbers (1-based) of one table: title block, header start, body end."""

    start: int  # first line of label/title (or the header when there is none)
    label: int | None
    titles: tuple[int, ...]
    caption: int | None
    header: int
    end: int  # last line of the table body


def _bare(line: str) -> str:
    """A line without its trailing cell pipe."""
    cells = pipe_cells_of(line)
    return line.strip() if cells is None else " ".join(c for c in cells if c)


def is_header_line(line: str) -> bool:
    """The first header cell of a table: "TT" or "STT" alone."""
    return header_key(_bare(line)) == "label" and _bare(line) != ""


def find_tables(lines: tuple[str, ...]) -> tuple[list[TableSpan], list[tuple[int, int, str]]]:
    """Every table of the source, plus footnotes found after a table (left out)."""
    headers = [n for n in range(1, len(lines) + 1) if is_header_line(lines[n - 1])]
    spans: list[TableSpan] = []
    footnotes: list[tuple[int, int, str]] = []
    starts = [_title_block(lines, header) for header in headers]
    for index, (header, (start, label, titles, caption)) in enumerate(zip(headers, starts, strict=False)):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        for number in range(header + 1, end + 1):
            if _FOOTNOTE.match(lines[number - 1].strip()):
                last = max(n for n in range(number, end + 1) if lines[n - 1].strip())
                footnotes.append((number, last, "footnote after the table, not part of it"))
                end = number - 1
                break
        spans.append(TableSpan(start, label, titles, caption, header, end))
    return spans, footnotes


def _title_block(lines: tuple[str, ...], header: int) -> tuple[int, int | None, tuple[int, ...], int | None]:
    """Caption "(Kèm theo …)" right above the header, capitalised title lines above it,
    and a "PHỤ LỤC …" label above those when the source kept it."""
    number = header - 1
    while number >= 1 and not lines[number - 1].strip():
        number -= 1
    caption = None
    if number >= 1 and lines[number - 1].strip().startswith("(") and "kem theo" in fold(lines[number - 1]):
        caption, number = number, number - 1
    titles: list[int] = []
    label = None
    while number >= 1 and len(titles) < _MAX_TITLE_LINES:
        text = lines[number - 1].strip()
        if not text:
            number -= 1
            continue
        if pipe_cells_of(text) is not None or not is_all_caps(text) or _SIGNATURE.match(text):
            break  # a signature line ("TM. ỦY BAN NHÂN DÂN") ends the narrative, it is no title
        if fold(text).startswith("phu luc"):
            label = number
            break
        titles.insert(0, number)
        number -= 1
    first = min([n for n in (label, caption, *titles) if n is not None], default=header)
    return first, label, tuple(titles), caption


@dataclass
class _Span:
    """A row or group row being read: its cells, in order."""

    is_group: bool
    labelled: bool  # starts with a row number or a roman group number
    cells: list[Cell] = field(default_factory=list)


def parse_table(lines: tuple[str, ...], span: TableSpan, layout: str, path: Path) -> Table:
    cells = cells_of(lines, range(span.header, span.end + 1), layout)
    header_cells, keys = _header(cells, path)
    resolved = resolve_keys(keys)
    if resolved is None:
        raise SourceFormatError(
            path,
            span.header,
            "dòng tiêu đề bảng không có cột “Chỉ tiêu” hay “Tên nhiệm vụ”; "
            "không biết đây là bảng chỉ tiêu hay bảng nhiệm vụ",
        )
    kind, keys = resolved
    spans = _segment(cells[len(header_cells) :], len(keys), layout == "pipe", path)
    groups, rows = _build(spans, keys, path)

    def text(number: int | None) -> str | None:
        return _bare(lines[number - 1]) if number else None

    return Table(
        kind=kind,
        label=text(span.label),
        title=" ".join(_bare(lines[n - 1]) for n in span.titles),
        caption=text(span.caption),
        line=span.start,
        columns=tuple(c.text for c in header_cells),
        keys=keys,
        groups=tuple(groups),
        rows=tuple(rows),
    )


def _header(cells: list[Cell], path: Path) -> tuple[list[Cell], tuple[str, ...]]:
    """The header cells: from "TT" while each names a new column."""
    keys: list[str] = []
    for cell in cells:
        key = header_key(cell.text)
        if key is None or key in keys:
            break
        keys.append(key)
    if len(keys) < 3:
        raise SourceFormatError(path, cells[0].line, "dòng tiêu đề bảng có ít hơn ba cột nhận ra được")
    return cells[: len(keys)], tuple(keys)


def _segment(cells: list[Cell], width: int, complete: bool, path: Path) -> list[_Span]:
    """Cut the body into rows and group rows by the expected-next-label rule.

    `complete`: empty cells are written (pipe layout), so every row has exactly `width`
    cells and a new row can only start once the current one is full; cells beyond that
    are a group row without a label (000's "Thúc đẩy …" / "||||" and its empty group row).
    """
    spans: list[_Span] = []
    previous: tuple[int, ...] | None = None
    after_group = False
    next_group = 1
    dots: dict[int, bool] = {}  # label style per depth: "1." vs "1", "7.1" vs "7.1."
    group_dot: bool | None = None
    for index, cell in enumerate(cells):
        current = spans[-1] if spans else None
        room = current is None or len(current.cells) >= _minimum_cells(current, width, complete)
        if room and current is not None and not complete and _label_comes_again(cells, index, current, width):
            room = False
        number = row_label(cell.text) if room else None
        if (
            number
            and number[0] in next_row_numbers(previous, after_group)
            and dots.setdefault(len(number[0]), number[1]) == number[1]
        ):
            spans.append(_Span(False, True, [cell]))
            previous, after_group = number[0], False
            continue
        roman = group_label(cell.text) if room else None
        if roman and roman[0] == next_group and (group_dot is None or group_dot == roman[1]):
            spans.append(_Span(True, True, [cell]))
            next_group, group_dot, after_group = next_group + 1, roman[1], True
            continue
        if current is None or (complete and len(current.cells) >= width):
            if row_label(cell.text):
                raise SourceFormatError(
                    path, cell.line, f"số thứ tự “{cell.text}” không nối tiếp “{_label_text(previous)}”"
                )
            spans.append(_Span(True, False, [cell]))  # a group row without a label
            after_group = True
            continue
        current.cells.append(cell)
    for span in spans:
        if len(span.cells) > width or (complete and len(span.cells) != width):
            what = "dòng nhóm" if span.is_group else f"hàng {span.cells[0].text}"
            raise SourceFormatError(
                path,
                span.cells[0].line,
                f"{what} có {len(span.cells)} ô nhưng bảng có {width} cột; "
                "có số thứ tự nào bị thiếu hoặc sai thứ tự không?",
            )
    return spans


def _label_comes_again(cells: list[Cell], index: int, current: _Span, width: int) -> bool:
    """A value may equal the next row number (row 2 with the target "3"). When the same
    text comes again exactly where it would complete the current row, that later cell
    is the label and this one a value."""
    ahead = width - len(current.cells)
    return (
        not current.is_group
        and ahead > 0
        and index + ahead < len(cells)
        and cells[index + ahead].text == cells[index].text
    )


def _minimum_cells(span: _Span, width: int, complete: bool) -> int:
    """Cells a row or group row needs before another may start."""
    if complete:
        return width
    return 2 if span.labelled else 1


def _label_text(numbers: tuple[int, ...] | None) -> str:
    return "start" if numbers is None else ".".join(map(str, numbers))


def _build(spans: list[_Span], keys: tuple[str, ...], path: Path) -> tuple[list[TableGroup], list[TableRow]]:
    groups: list[TableGroup] = []
    pending: list[tuple[_Span, int | None]] = []
    for span in spans:
        if span.is_group:
            groups.append(_group(span, path))
        else:
            pending.append((span, len(groups) - 1 if groups else None))
    value_keys = keys[1:]
    seen: dict[str, set[str]] = {key: set() for key in value_keys}
    for span, _ in pending:
        if len(span.cells) == len(keys):
            for key, cell in zip(value_keys, span.cells[1:], strict=False):
                if cell.text:
                    seen[key].add(cell.text)
    rows = [_row(span, group, value_keys, seen) for span, group in pending]
    return groups, rows


def _group(span: _Span, path: Path) -> TableGroup:
    first = span.cells[0]
    texts = [c.text for c in (span.cells[1:] if span.labelled else span.cells) if c.text]
    if len(texts) > 1:
        raise SourceFormatError(path, first.line, f"dòng nhóm có {len(texts)} ô chữ; chỉ được có tên nhóm")
    return TableGroup(first.text if span.labelled else None, texts[0] if texts else "", first.line)


def _row(span: _Span, group: int | None, keys: tuple[str, ...], seen: dict[str, set[str]]) -> TableRow:
    label, values = span.cells[0], span.cells[1:]
    note = None
    if len(values) == len(keys):
        placed = dict(zip(keys, (c.text for c in values), strict=False))
    else:
        placed, note = assign([c.text for c in values], keys, seen)
    return TableRow(
        label=label.text,
        values=MappingProxyType({key: placed.get(key) or None for key in keys}),
        line=label.line,
        line_end=span.cells[-1].line_end,
        group=group,
        note=note,
    )
