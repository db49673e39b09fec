"""Indicator targets as written ("≥ 30", "> 0,7", "16 - 18", "từ 55% trở lên"), parsed.

A target is always published as written. The parsed operator and value let the
comparison page align numbers across provinces; qualitative targets parse to None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from macros.data.text import fold, nfc, squash_spaces

# 0,7 (decimal comma) or 1.000 (thousands dot) as Vietnamese writes numbers; 7.5 read as a decimal
_NUMBER = r"(\d{1,3}(?:\.\d{3})+(?![\d.,])|\d+(?:[.,]\d+)?)"
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_SYMBOLS = {">": ">", "≥": "≥", ">=": "≥", "<": "<", "≤": "≤", "<=": "≤", "=": "="}
# Words that open a target in narrative prose, folded.
_WORD_OPERATORS = (
    ("phan dau dat", "="),
    ("phan dau", "="),
    ("dat tren", ">"),
    ("dat", "="),
    ("tu", "≥"),
    ("tren", ">"),
    ("hon", ">"),
    ("it nhat", "≥"),
    ("toi thieu", "≥"),
    ("duoi", "<"),
    ("toi da", "≤"),
    ("khong qua", "≤"),
)
_LEADING = re.compile(r"(>=|<=|[>≥<≤=])?\s*" + _NUMBER + r"\s*(%)?(?:\s*-\s*" + _NUMBER + r"\s*(%)?)?")

# A place in a ranking: "Thuộc nhóm 20 tỉnh, thành dẫn đầu", "top 10 tỉnh đứng đầu" (folded).
_RANKING = re.compile(r"(?:thuoc\s+)?(?:nhom|top)\s+(\d+)\b\s*(.*)")

OPERATOR_WORDS = {">": "trên", "≥": "từ", "<": "dưới", "≤": "không quá", "=": "đạt"}


@dataclass(frozen=True)
class Target:
    raw: str
    operator: str  # one of > ≥ < ≤ = or "range"
    value: float
    value_to: float | None = None
    qualifier: str | None = None  # the words after the number, as written
    rank: bool = False  # a place in a ranking ("nhóm 20", "top 10", "≤ 20 các tỉnh"): lower is better

    @property
    def is_range(self) -> bool:
        return self.value_to is not None


def _number(text: str) -> float:
    if _THOUSANDS.fullmatch(text):
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


def parse_target(raw: str | None) -> Target | None:
    """Parse a numeric target; None for qualitative text such as 'Tiên tiến, hiện đại'."""
    if not raw:
        return None
    text = squash_spaces(nfc(raw))
    folded = fold(text)
    if ranking := _RANKING.match(folded):
        qualifier = text[len(text) - len(ranking.group(2)) :].strip() if ranking.group(2) else None
        return Target(raw, "≤", float(ranking.group(1)), None, qualifier or None, rank=True)
    operator = None
    for words, symbol in _WORD_OPERATORS:
        if folded.startswith(words + " ") and re.match(r"\d", folded[len(words) + 1 :]):
            operator, text = symbol, text[len(words) + 1 :]
            break
    match = _LEADING.match(text)
    if not match:
        return None
    symbol, first, _pct, second, _pct2 = match.groups()
    if symbol and operator:
        return None
    rest = text[match.end() :].strip()
    if fold(rest).endswith("tro len"):
        operator, rest = "≥", rest[: -len("trở lên")].strip()
    qualifier = rest or None
    if second is not None:
        return Target(raw, "range", _number(first), _number(second), qualifier)
    operator = _SYMBOLS.get(symbol or "", operator or "=")
    rank = operator in ("≤", "<") and qualifier is not None and re.search(r"\btinh\b", fold(qualifier)) is not None
    return Target(raw, operator, _number(first), None, qualifier, rank=rank)
