"""Appendices the narrative refers to ("Phụ lục I: Danh mục …"), present or not.

004 refers to two appendices it does not contain; the refs let the portal say
"not published in the source" instead of "no indicators".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from macros.editing.importer.draft import AppendixRef, Block

_MENTION = re.compile(r"[Pp]hụ lục\s+([IVX]+(?:\s*,\s*[IVX]+)*)\b(?:\s*:\s*(.+?)(?=\s+và\s+[Pp]hụ lục|\)|$))?")


def appendix_refs(blocks: Iterable[Block]) -> tuple[AppendixRef, ...]:
    """One ref per appendix, at its first mention; the title from the first mention that gives one."""
    found: dict[str, AppendixRef] = {}
    for block in blocks:
        for match in _MENTION.finditer(block.text):
            title = match.group(2).strip().rstrip(".") if match.group(2) else None
            for roman in re.split(r"\s*,\s*", match.group(1)):
                label = f"Phụ lục {roman}"
                known = found.get(label)
                if known is None:
                    found[label] = AppendixRef(label, title, block.line)
                elif known.title is None and title:
                    found[label] = AppendixRef(label, title, known.line)
    return tuple(found.values())
