"""The items of the tasks part of the narrative ("NHIỆM VỤ …").

For 003/004, whose appendices are missing or absent, these items are the only task
records. The part is the roman part whose heading names "NHIỆM VỤ"; when the headings
were lost (000), it is what lies between the note sending goals to an appendix and the
note sending tasks to an appendix.
"""

from __future__ import annotations

from macros.data.text import fold
from macros.editing.importer.draft import Block, NarrativeItem, SourceDraft
from macros.editing.importer.labels import bare_label, is_bullet


def _is_appendix_note(block: Block, topic: str) -> bool:
    """ "(Chi tiết các mục tiêu theo Phụ lục I đính kèm)"-style paragraph about `topic`."""
    text = fold(block.text)
    return block.kind == "paragraph" and text.startswith("(") and "phu luc" in text and topic in text


def _tasks_part(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    for index, block in enumerate(blocks):
        if block.kind == "heading" and block.level == 1 and "nhiem vu" in fold(block.text):
            end = next(
                (k for k in range(index + 1, len(blocks)) if blocks[k].kind == "heading" and blocks[k].level == 1),
                len(blocks),
            )
            return blocks[index + 1 : end]
    end = next((k for k, b in enumerate(blocks) if _is_appendix_note(b, "nhiem vu")), None)
    if end is None:
        return ()
    start = next((k + 1 for k in range(end - 1, -1, -1) if _is_appendix_note(blocks[k], "muc tieu")), 0)
    return blocks[start:end]


def narrative_items(draft: SourceDraft) -> tuple[NarrativeItem, ...]:
    """Numbered sub-items, bullets and lettered items of the tasks part, by section."""
    items: list[NarrativeItem] = []
    section: Block | None = None
    ordinal = 0
    for block in _tasks_part(draft.blocks):
        if block.kind == "heading" and block.level == 2:
            section, ordinal = block, 0
            continue
        if block.kind != "item":
            continue
        ordinal += 1
        own = () if block.label is None or is_bullet(block.label) else (bare_label(block.label),)
        items.append(
            NarrativeItem(
                section_label=section.label if section else None,
                section_title=section.text if section else None,
                label=block.label,
                ordinal=ordinal,
                text=block.text,
                line=block.line,
                line_end=block.line_end,
                path=block.path + own,
            )
        )
    return tuple(items)
