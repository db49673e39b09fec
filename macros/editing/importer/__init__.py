"""Importer: source plan texts -> structured drafts for the portal's data.

Reads the three layouts the plans come in (pipe-terminated cells, one cell per line,
plain or Markdown narrative) generically, keeping every text as written.
"""

from macros.editing.importer.draft import (
    AppendixRef,
    Block,
    DocMeta,
    NarrativeItem,
    SourceDraft,
    SourceFormatError,
    Table,
    TableGroup,
    TableRow,
)
from macros.editing.importer.items import narrative_items
from macros.editing.importer.markdown import narrative_markdown
from macros.editing.importer.parse import parse_source

__all__ = [
    "AppendixRef",
    "Block",
    "DocMeta",
    "NarrativeItem",
    "SourceDraft",
    "SourceFormatError",
    "Table",
    "TableGroup",
    "TableRow",
    "narrative_items",
    "narrative_markdown",
    "parse_source",
]
