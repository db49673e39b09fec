"""parse_source: one source text -> a SourceDraft, whatever its layout."""

from __future__ import annotations

from pathlib import Path

from macros.editing.importer.draft import SourceDraft, SourceFormatError
from macros.editing.importer.entries import entries_of
from macros.editing.importer.meta import split_document
from macros.editing.importer.narrative import build_blocks
from macros.editing.importer.refs import appendix_refs
from macros.editing.importer.repeats import repeated_runs
from macros.editing.importer.source import CELLS, PIPE, detect_layout, read_lines
from macros.editing.importer.tables import find_tables, parse_table


def parse_source(path: Path) -> SourceDraft:
    """Read one plan: metadata, narrative blocks, appendix tables, and what was left out."""
    path = Path(path)
    lines = read_lines(path)
    layout = detect_layout(lines)
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
        file=path.name,
        layout=layout,
        lines=lines,
        meta=parts.meta,
        blocks=tuple(blocks),
        tables=tables,
        appendix_refs=appendix_refs(blocks),
        skipped=tuple(sorted(skipped + parts.skipped + repeated_bullets + footnotes)),
    )
