"""Line-level text tests and clean-up shared by the layouts.

Kept apart from the parsers so that "ends a sentence", "starts in lower case" and
"strip Markdown" mean the same thing for tables, narrative and metadata.
"""

from __future__ import annotations

import re

from macros.editing.importer.labels import is_all_caps

_TERMINAL = ".!?:;…"
_CLOSERS = ")]\"'”’»"


def ends_sentence(text: str) -> bool:
    """True when the text ends with terminal punctuation, maybe inside a closing bracket."""
    text = text.rstrip()
    while text and text[-1] in _CLOSERS:
        if len(text) > 1 and text[-2] in _TERMINAL:
            return True
        text = text[:-1].rstrip()
    return bool(text) and text[-1] in _TERMINAL


def starts_lower(text: str) -> bool:
    """True when the first character is a lower-case letter: a page break cut a sentence."""
    return bool(text) and text[0].islower()


def join_pieces(pieces: list[str]) -> str:
    """Join line fragments with one space; the fragments' own edges are trimmed."""
    return " ".join(piece.strip() for piece in pieces if piece.strip())


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?$")
_LIST_MARKER = re.compile(r"^[*+-]\s+")
_STARS = re.compile(r"\*+")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w])_+(?=\S)|(?<=\S)_+(?![\w])")
_PLACEHOLDER = "\x00{}\x00"


def strip_markdown(text: str) -> tuple[str, bool]:
    """Markdown line -> (plain text, marked as heading).

    A line is marked when it is an ATX heading or is bold as a whole ("**1. …**"); the
    004 source uses both for headings whose depth says nothing about the hierarchy.
    Emphasis markers go, escapes become their character ("HP\\_VP6" -> "HP_VP6") and
    trailing hard-break spaces are dropped.
    """
    text = text.strip()
    marked = False
    heading = _HEADING.match(text)
    if heading:
        text, marked = heading.group(2), True
    bullet = ""
    if _LIST_MARKER.match(text):
        bullet, text = "- ", _LIST_MARKER.sub("", text, count=1)
    if re.fullmatch(r"(\*\*|__)(?!\s).+(?<!\s)\1\**", text) or re.fullmatch(r"\*{3}.+\*{3}", text):
        marked = marked or not bullet
    escaped: list[str] = []

    def keep(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return _PLACEHOLDER.format(len(escaped) - 1)

    text = _ESCAPED.sub(keep, text)
    text = _UNDERSCORE_EMPHASIS.sub("", _STARS.sub("", text))
    for index, char in enumerate(escaped):
        text = text.replace(_PLACEHOLDER.format(index), char)
    return bullet + text.strip(), marked


def looks_like_name(text: str) -> bool:
    """A person's name as signed: 2-5 capitalised words, no digits or punctuation."""
    words = text.split()
    return (
        2 <= len(words) <= 5
        and all(w[0].isupper() and w[1:].islower() and w.isalpha() for w in words if len(w) > 1)
        and all(w.isalpha() for w in words)
    )


def looks_like_signature_title(text: str) -> bool:
    """'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'BÍ THƯ': capitals, words, no digits."""
    return is_all_caps(text) and len(text.split()) >= 2 and len(text) <= 60 and not re.search(r"[\d_|]", text)
