"""The front matter of a Markdown page written by people (narratives, hand-written pages).

Both the page generator (which merges a narrative's front matter into its page) and the
search index (which skips pages excluded from search) read it; MkDocs reads it again for
its own pages.
"""

from __future__ import annotations

from typing import Any

import yaml


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter as a dict, the body): ({}, text) when the page has none."""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            meta = yaml.safe_load(text[4:end]) or {}
            return (meta if isinstance(meta, dict) else {}), text[end + 4 :].lstrip("\n")
    return {}, text
