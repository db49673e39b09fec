"""The importer's output: a faithful, structured draft of one source text.

Everything is frozen and uses tuples, so a draft can be cached, compared and handed to
editors without anyone changing it by accident. Text is kept as written; the only
rewriting is the joining of lines that the source broke (wrapped cells, page breaks).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path


class SourceFormatError(ValueError):
    """A source text the importer cannot read faithfully; says where and why."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line}: {message}")


@dataclass(frozen=True)
class TableGroup:
    label: str | None  # as written: "I", "I.", None when the group row has no label
    title: str  # as written; "" for an empty group row
    line: int  # 1-based source line of the group row


@dataclass(frozen=True)
class TableRow:
    label: str  # as written, without the cell's " |": "1", "1.", "7.10"
    values: Mapping[str, str | None]  # column key -> cell text; None when absent or empty
    line: int  # line of the label
    line_end: int  # last line of the row
    group: int | None  # index into Table.groups; None before the first group row
    note: str | None  # English note when the column assignment was a guess


@dataclass(frozen=True)
class Table:
    kind: str  # "indicators" or "tasks"
    label: str | None  # "PHỤ LỤC I" as written; None when the source lost it
    title: str  # lines broken mid-title joined with one space
    caption: str | None  # "(Kèm theo Kế hoạch số …)"
    line: int  # first line of the label/title
    columns: tuple[str, ...]  # header cells as written
    keys: tuple[str, ...]  # column keys in the same order; the TT column is "label"
    groups: tuple[TableGroup, ...]
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class Block:
    """One unit of narrative text.

    level: heading 1 = roman part, 2 = arabic section ("1."), 3 = anything deeper
    ("2.1.", "a) Giai đoạn …"); item 1; paragraph 0.
    """

    kind: str  # "heading" | "paragraph" | "item"
    level: int
    label: str | None  # as written: "I-", "III.", "1.", "1.1.", "a)", "-", "(1)"
    text: str  # without the label and Markdown syntax; page-break fragments re-joined
    line: int
    line_end: int
    path: tuple[str, ...]  # bare labels of the enclosing headings: ("III", "1")


@dataclass(frozen=True)
class AppendixRef:
    label: str  # "Phụ lục I"
    title: str | None  # "Danh mục các chỉ tiêu cụ thể" when the text gives it
    line: int


@dataclass(frozen=True)
class DocMeta:
    doc_type: str | None  # "Kế hoạch", "Chương trình hành động"
    title: str | None
    number: str | None  # "29/KH-UBND"; None when blank or absent
    number_raw: str | None  # "Số: /KH-UBND"
    date_raw: str | None  # "Ninh Bình, ngày tháng 3 năm 2025"
    issued_on: date | None  # only when day, month and year are all given
    caption_number: str | None  # from the appendix captions
    caption_date: date | None
    signer_name: str | None
    signer_title: tuple[str, ...]  # signature-block lines above the name
    header: Mapping[str, str]  # a database export's key/value header; empty otherwise


@dataclass(frozen=True)
class NarrativeItem:
    """A numbered, lettered or bulleted item of the tasks part of the narrative."""

    section_label: str | None  # "1." as written; None when the heading was lost
    section_title: str | None
    label: str | None  # "1.1.", "a)", "-"
    ordinal: int  # 1-based position within its section
    text: str
    line: int
    line_end: int
    path: tuple[str, ...]  # enclosing headings plus the item's own bare label, if numbered


@dataclass(frozen=True)
class SourceDraft:
    file: str
    layout: str  # "pipe" | "cells" | "plain" | "markdown"
    lines: tuple[str, ...]  # the lines as read (NFC), for provenance
    meta: DocMeta
    blocks: tuple[Block, ...]  # narrative only: no header, letterhead, signature, recipients, tables
    tables: tuple[Table, ...]
    appendix_refs: tuple[AppendixRef, ...]
    skipped: tuple[tuple[int, int, str], ...]  # (first_line, last_line, reason) left out on purpose
    original: str | None = None  # the Word/PDF/HTML file `file` was extracted from
