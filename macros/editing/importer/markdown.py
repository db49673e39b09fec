"""The narrative as clean Markdown for a human editor.

Headings by numbering level ("##" roman part, "###" section, "####" deeper), bullets as
"- " lists, numbered and lettered items as paragraphs that start with their label. Only
characters Markdown would interpret are escaped, so the rendered text is the source text.
"""

from __future__ import annotations

import re

from macros.editing.importer.draft import Block, SourceDraft
from macros.editing.importer.items import narrative_items
from macros.editing.importer.labels import is_bullet

_INLINE = (
    (re.compile(r"\\"), r"\\\\"),
    (re.compile(r"([*`])"), r"\\\1"),
    (re.compile(r"(?<![0-9A-Za-zÀ-ỹĐđ])_|_(?![0-9A-Za-zÀ-ỹĐđ])"), r"\\_"),
    (re.compile(r"<(?=[A-Za-z/!?])"), r"\\<"),
    (re.compile(r"&(?=#?\w+;)"), r"\\&"),
    (re.compile(r"\[(?=[^\]]*\][(\[:])"), r"\\["),
)
_LINE_START = re.compile(r"^(#|>|[-+](?=\s)|=+\s*$|\d{1,9}[.)](?=\s|$))")


def escape(text: str, *, at_line_start: bool = True) -> str:
    """Escape what Markdown would read as syntax: emphasis, code, HTML, links, and a
    leading "#", ">", "-", "+" or "1." that would start a heading, quote or list."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    if at_line_start:
        text = _LINE_START.sub(lambda m: _escape_marker(m.group(1)), text, count=1)
    return text


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def _render(block: Block) -> str:
    if block.kind == "heading":
        heading = f"{block.label} {block.text}" if block.label else block.text
        return f"{'#' * (block.level + 1)} {escape(heading, at_line_start=False)}"
    if block.kind == "paragraph" or block.label is None:
        return escape(block.text)
    if is_bullet(block.label):
        return f"- {escape(block.text)}"
    return f"{escape(block.label)} {escape(block.text, at_line_start=False)}"


def narrative_markdown(draft: SourceDraft, *, omit_items: bool) -> str:
    """The narrative blocks as Markdown; with omit_items, the tasks part keeps its
    headings and intro paragraphs but not its items (they become task records)."""
    omitted = {item.line for item in narrative_items(draft)} if omit_items else set()
    parts: list[str] = []
    previous: Block | None = None
    for block in draft.blocks:
        if block.line in omitted:
            continue
        tight = (
            block.kind == "item"
            and is_bullet(block.label)
            and previous is not None
            and previous.kind == "item"
            and is_bullet(previous.label)
        )
        parts.append(("\n" if tight else "\n\n" if parts else "") + _render(block))
        previous = block
    return "".join(parts) + "\n" if parts else ""
