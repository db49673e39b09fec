"""Vietnamese text normalisation: the one place that folds, slugs and compares text.

Display text is always kept as written (NFC); folding is only for matching, search keys
and ASCII slugs. `đ` has no Unicode decomposition, so it is mapped by hand.
"""

from __future__ import annotations

import re
import unicodedata

_COMBINING = re.compile(r"[\u0300-\u036f]")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map đ→d: 'Chuyển đổi SỐ' → 'chuyen doi so'."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return _COMBINING.sub("", decomposed).replace("đ", "d")


def slugify(text: str) -> str:
    """ASCII slug for URLs: 'Đà Nẵng' → 'da-nang'."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")


def squash_spaces(text: str) -> str:
    """Runs of whitespace as one space, none at the ends (str.split's whitespace is `\\s`'s)."""
    return " ".join(text.split())


def match_key(text: str) -> str:
    """Key for matching names written in different ways.

    Folds diacritics and case (so 'Văn hoá'/'Văn hóa' and 'Sở Công thương'/'Sở Công
    Thương' meet) and reduces punctuation and spacing to single spaces.
    """
    return squash_spaces(re.sub(r"[^0-9a-z&]+", " ", fold(text)))


def heading_slug(value: str, separator: str = "-") -> str:
    """Heading anchors for the Markdown toc extension (the default drops 'đ')."""
    return slugify(value).replace("-", separator)


# Old-style tone placement on an open syllable ("hoá", "uỷ"; not "quý", where "qu" is one sound).
_OLD_STYLE_TONE = re.compile(r"(?<!q)([ou])([àáảãạèéẻẽẹỳýỷỹỵ])(?!\w)")
_TONE_MARKS = dict(zip("àáảãạèéẻẽẹỳýỷỹỵ", ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323") * 3, strict=True))
_NOT_WORD = re.compile(r"[^\w]+")


def word_key(text: str) -> str:
    """Key for matching whole Vietnamese words WITH their diacritics: lower case, one tone
    placement ("hoá" → "hóa"), punctuation as spaces, padded with spaces so that
    `f" {phrase} " in key` matches whole words only ("truyền thông" is not in "truyền thống")."""
    moved = _OLD_STYLE_TONE.sub(
        lambda m: nfc(m.group(1) + _TONE_MARKS[m.group(2)]) + unicodedata.normalize("NFD", m.group(2))[0],
        nfc(text).lower(),
    )
    return f" {squash_spaces(_NOT_WORD.sub(' ', moved))} "
