"""Narrative entries -> blocks: headings, paragraphs and items with their numbering path.

Levels come from the numbering, never from Markdown depth or layout: roman part 1,
arabic section 2, deeper numbers and lettered sub-headings 3. A numbered line is a
heading only when it reads like one (no closing punctuation) and what follows is deeper
(bullets, a paragraph, sub-numbers); "1. Cụ thể hóa …" followed by "2. …" is an item.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.data.text import fold
from macros.editing.importer.draft import Block
from macros.editing.importer.entries import Entry
from macros.editing.importer.labels import Label, narrative_label
from macros.editing.importer.textual import ends_sentence, join_pieces, starts_lower


@dataclass(frozen=True)
class _Unit:
    line: int
    line_end: int
    text: str
    marked: bool
    joined: bool


def _join_page_breaks(entries: list[Entry]) -> list[_Unit]:
    """Re-join sentences a page break cut: a line without closing punctuation continues
    on the next line when that line starts in lower case ("khuyến" + "khích")."""
    units: list[_Unit] = []
    for entry in entries:
        previous = units[-1] if units else None
        if (
            previous is not None
            and not previous.marked
            and not entry.marked
            and not ends_sentence(previous.text)
            and starts_lower(entry.text)
            and narrative_label(entry.text) is None
            and getattr(narrative_label(previous.text), "kind", None) != "roman"
        ):
            units[-1] = _Unit(previous.line, entry.line_end, join_pieces([previous.text, entry.text]), False, True)
        else:
            units.append(_Unit(entry.line, entry.line_end, entry.text, entry.marked, False))
    return units


def _is_heading(unit: _Unit, label: Label, following: Label | None, has_next: bool) -> bool:
    if label.kind == "roman":
        return True
    if label.kind not in ("arabic", "letter"):
        return False
    if unit.marked:
        return True
    if unit.joined or ends_sentence(label.rest) or not has_next:
        return False
    if following is None or following.kind in ("bullet", "paren"):
        return True
    if label.kind == "arabic":
        return following.kind == "letter" or (following.kind == "arabic" and following.depth > label.depth)
    return False


def _rank(label: Label, stack: list[tuple[int, str, str]]) -> int:
    """Nesting rank: roman 1, "1." 2, "1.1." 3; a letter sits one below its section."""
    if label.kind == "roman":
        return 1
    if label.kind == "arabic":
        return 1 + label.depth
    parent = next((rank for rank, _, kind in reversed(stack) if kind != "letter"), 1)
    return parent + 1


def _closes_sections(text: str) -> bool:
    """ "(Chi tiết … theo Phụ lục I đính kèm)" ends the section it closes (000 lost the
    headings that would otherwise end it)."""
    text = text.rstrip(".")
    return text.startswith("(") and text.endswith(")") and "phu luc" in fold(text)


def build_blocks(entries: list[Entry]) -> tuple[list[Block], list[tuple[int, int, str]]]:
    """Blocks of the narrative, and the bullets left out because they repeat the previous one."""
    units = _join_page_breaks([e for e in entries if e.cells is None])
    labels = [narrative_label(unit.text) for unit in units]
    stack: list[tuple[int, str, str]] = []  # (rank, bare label, kind) of open headings
    blocks: list[Block] = []
    skipped: list[tuple[int, int, str]] = []
    for index, (unit, label) in enumerate(zip(units, labels, strict=False)):
        has_next = index + 1 < len(units)
        following = labels[index + 1] if has_next else None
        path = tuple(bare for _, bare, _ in stack)
        if label is not None and _is_heading(unit, label, following, has_next):
            rank = _rank(label, stack)
            while stack and stack[-1][0] >= rank:
                stack.pop()
            path = tuple(bare for _, bare, _ in stack)
            blocks.append(Block("heading", min(rank, 3), label.text, label.rest, unit.line, unit.line_end, path))
            stack.append((rank, label.bare, label.kind))
            continue
        if label is None:
            blocks.append(Block("paragraph", 0, None, unit.text, unit.line, unit.line_end, path))
            if _closes_sections(unit.text):
                stack = [entry for entry in stack if entry[0] < 2]
            continue
        previous = blocks[-1] if blocks else None
        if (
            label.kind == "bullet"
            and previous is not None
            and previous.kind == "item"
            and previous.label == label.text
            and previous.text == label.rest
        ):
            skipped.append((unit.line, unit.line_end, f"bullet repeats the bullet on line {previous.line} verbatim"))
            continue
        blocks.append(Block("item", 1, label.text, label.rest, unit.line, unit.line_end, path))
    return blocks, skipped
