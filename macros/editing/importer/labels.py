"""Numbering labels: roman parts, arabic sections, letters, bullets, table row numbers.

One place decides what a label looks like, so the narrative and the tables agree on
"I." vs "I-", "1." vs "1.1." and on how a label is reduced to a bare path part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN_VALUES = (
    ("M", 1000),
    ("CM", 900),
    ("D", 500),
    ("CD", 400),
    ("C", 100),
    ("XC", 90),
    ("L", 50),
    ("XL", 40),
    ("X", 10),
    ("IX", 9),
    ("V", 5),
    ("IV", 4),
    ("I", 1),
)
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def roman_value(text: str) -> int | None:
    """'XIV' -> 14; None for anything that is not a well-formed roman numeral."""
    if not text or not _ROMAN.match(text):
        return None
    value, rest = 0, text
    for symbol, amount in _ROMAN_VALUES:
        while rest.startswith(symbol):
            value, rest = value + amount, rest[len(symbol) :]
    return value


BULLETS = "-–•+"


def is_bullet(label: str | None) -> bool:
    """'-' (or another bullet sign) as opposed to a numbered or lettered label."""
    return label is not None and len(label) == 1 and label in BULLETS


def bare_label(text: str) -> str:
    """Path part of a label: 'III.' -> 'III', '1.1.' -> '1.1', 'a)' -> 'a', '(1)' -> '1'."""
    return text.strip().strip("()").rstrip(".-–) ").strip()


# Narrative labels, tried in order. Each yields (kind, label as written, rest of the line).
_NARRATIVE_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("roman", re.compile(r"^([IVXLC]+\s*[.\-–])\s*(\S.*)$")),
    ("arabic", re.compile(r"^(\d{1,2}(?:\.\d{1,2})*\.)\s+(\S.*)$")),
    # "2.1 Đến năm 2030": a multi-part number without the final dot, before a capital.
    ("arabic", re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\s+(?=[A-ZÀ-ỸĐ])(\S.*)$")),
    ("letter", re.compile(r"^([a-zđ]\))\s+(\S.*)$")),
    ("paren", re.compile(r"^(\(\d{1,2}\))\s*(\S.*)$")),
    ("bullet", re.compile(rf"^([{BULLETS}])\s+(\S.*)$")),
)


@dataclass(frozen=True)
class Label:
    kind: str  # "roman" | "arabic" | "letter" | "paren" | "bullet"
    text: str  # as written: "I-", "1.1.", "a)", "(1)", "-"
    rest: str  # the line without the label

    @property
    def bare(self) -> str:
        return bare_label(self.text)

    @property
    def depth(self) -> int:
        """Number of parts of an arabic label ('2.1.' -> 2); 1 for the other kinds."""
        return self.bare.count(".") + 1 if self.kind == "arabic" else 1


def narrative_label(text: str) -> Label | None:
    """The label a narrative line starts with; roman only when the heading is in capitals."""
    for kind, pattern in _NARRATIVE_LABELS:
        match = pattern.match(text)
        if not match:
            continue
        label, rest = match.group(1), match.group(2)
        if kind == "roman":
            if roman_value(re.sub(r"[\s.\-–]", "", label)) is None or not is_all_caps(rest):
                continue
        return Label(kind, label, rest)
    return None


def is_all_caps(text: str) -> bool:
    """True when the text has letters and none of them is lower case ('CHỦ TỊCH')."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(not c.islower() for c in letters)


# Table row labels: "1", "1.", "7.10", "15.1"; group labels "I", "II.".
_ROW_LABEL = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)(\.?)$")
_GROUP_LABEL = re.compile(r"^([IVXLC]+)(\.?)$")


def row_label(text: str) -> tuple[tuple[int, ...], bool] | None:
    """'7.10' -> ((7, 10), False); '1.' -> ((1,), True); None when not a row number."""
    match = _ROW_LABEL.match(text)
    if not match:
        return None
    return tuple(int(part) for part in match.group(1).split(".")), bool(match.group(2))


def group_label(text: str) -> tuple[int, bool] | None:
    """'II' -> (2, False); 'III.' -> (3, True); None when not a roman group number."""
    match = _GROUP_LABEL.match(text)
    if not match:
        return None
    value = roman_value(match.group(1))
    return None if value is None else (value, bool(match.group(2)))


def next_row_numbers(previous: tuple[int, ...] | None, after_group: bool) -> set[tuple[int, ...]]:
    """Row numbers that may follow `previous`: the next at any depth, or its first sub-row.

    After a group row the numbering may also restart at 1 (000 numbers 2045 from 1 again).
    """
    if previous is None:
        return {(1,)}
    allowed = {previous[:depth] + (previous[depth] + 1,) for depth in range(len(previous))}
    if len(previous) < 3:
        allowed.add(previous + (1,))
    if after_group:
        allowed.add((1,))
    return allowed
