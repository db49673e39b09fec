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


# What a narrative's front matter may set on the generated page it is merged into: text
# the theme escapes, and layout switches. Anything else (`render_macros`, which would have
# mkdocs-macros run the page, data values included, as Jinja; `template`; `hooks` …) is
# dropped, so content/ cannot turn data into code.
NARRATIVE_KEYS = {"title": str, "description": str, "hide": list}


def narrative_front_matter(meta: dict[str, Any]) -> dict[str, Any]:
    """The harmless part of a narrative's front matter (NARRATIVE_KEYS, right type only)."""
    return {key: value for key, value in meta.items() if isinstance(value, NARRATIVE_KEYS.get(key, ()))}
