"""parse_source: one source text -> a SourceDraft, whatever its layout or file format.

A Word, PDF or HTML file is first converted (`convert_document`) to a text in one of the
layouts; that text is what is parsed, stored in data/sources/ and cited by line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.editing.importer.docx_reader import read_docx
from macros.editing.importer.draft import SourceDraft, SourceFormatError
from macros.editing.importer.entries import entries_of
from macros.editing.importer.formats import render
from macros.editing.importer.html_reader import read_html
from macros.editing.importer.meta import split_document
from macros.editing.importer.narrative import build_blocks
from macros.editing.importer.pdf_reader import read_pdf
from macros.editing.importer.refs import appendix_refs
from macros.editing.importer.repeats import repeated_runs
from macros.editing.importer.source import CELLS, PIPE, detect_layout, read_lines, split_lines
from macros.editing.importer.tables import find_tables, parse_table

READERS = {".docx": read_docx, ".pdf": read_pdf, ".html": read_html, ".htm": read_html}


@dataclass(frozen=True)
class Converted:
    """A Word, PDF or HTML file as a text in one of the layouts."""

    text: str
    layout: str
    warnings: tuple[str, ...]  # for the review list


def convert_document(path: Path) -> Converted | None:
    """The text of a .docx, .pdf or .html file; None for a text file (read as it is)."""
    reader = READERS.get(Path(path).suffix.lower())
    if reader is None:
        return None
    extracted = reader(Path(path))
    text, layout = render(extracted)
    if not text.strip():
        raise SourceFormatError(path, 0, "không có chữ nào trong tệp")
    return Converted(text, layout, tuple(extracted.warnings))


def parse_source(
    path: Path, converted: Converted | None = None, name: str | None = None, original: str | None = None
) -> SourceDraft:
    """Read one plan: metadata, narrative blocks, appendix tables, and what was left out.

    `converted`: the text of a Word/PDF/HTML file, parsed in its own layout; `name`: the
    file name the draft cites (the stored text's name); `original`: the stored original's."""
    path = Path(path)
    if converted is None:
        lines = read_lines(path)
        layout = detect_layout(lines)
    else:
        lines, layout = split_lines(converted.text, path), converted.layout
    spans, footnotes = find_tables(lines) if layout in (PIPE, CELLS) else ([], [])
    narrative = list(range(1, (spans[0].start if spans else len(lines) + 1)))
    runs = repeated_runs(lines, narrative)
    repeated = {n for first, last, _, _ in runs for n in range(first, last + 1)}
    entries = entries_of(lines, [n for n in narrative if n not in repeated], layout)
    tables = tuple(parse_table(lines, span, layout, path) for span in spans)
    parts = split_document(entries, [t.caption for t in tables if t.caption])
    blocks, repeated_bullets = build_blocks(parts.body)
    if not blocks and not tables:
        raise SourceFormatError(path, 1, "không thấy phần lời văn hay bảng phụ lục nào")
    skipped = [(first, last, f"repeats lines {o_first}-{o_last} verbatim") for first, last, o_first, o_last in runs]
    return SourceDraft(
        file=name or path.name,
        layout=layout,
        lines=lines,
        meta=parts.meta,
        blocks=tuple(blocks),
        tables=tables,
        appendix_refs=appendix_refs(blocks),
        skipped=tuple(sorted(skipped + parts.skipped + repeated_bullets + footnotes)),
        original=original,
    )
