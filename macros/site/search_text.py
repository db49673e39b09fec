"""How text becomes search terms, the same way at build time (Python) and in the browser.

Readers type without diacritics, in capitals, or in abbreviations, so every term is
folded ('Chuyển đổi SỐ' → 'chuyen', 'doi', 'so') and abbreviations meet their full
forms: 'KH&CN' in a plan is indexed as 'khcn' plus 'khoa hoc cong nghe', and the full
words in a plan also get 'khcn'. The query side only folds and maps the typed short
form to its token. theme_overrides/assets/javascripts/gp-search.js implements
`query_terms` again; tests check both give the same terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from macros.data.model import Abbreviation
from macros.data.text import fold

# Folded words too common to help (và, các, của, …). Words whose folded form is also a
# content word are kept: 'trong' (trọng điểm), 'tai' (tài chính), 'de' (đề án), 'co' (cơ sở).
STOP_WORDS = frozenset("va cac cua cho voi tren theo duoc nhung la mot nay den".split())
_SPLIT = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Shorthand:
    token: str  # 'khcn'
    forms: tuple[str, ...]  # as written in plans: 'KH&CN', 'KHCN'
    folded_forms: tuple[str, ...]  # as typed: 'kh&cn', 'khcn'
    full: tuple[str, ...]  # full form as terms: ('khoa', 'hoc', 'cong', 'nghe')


def shorthands(abbreviations: tuple[Abbreviation, ...] | list[Abbreviation]) -> list[Shorthand]:
    out = []
    for a in abbreviations:
        folded = tuple(fold(s) for s in a.short)
        token = _SPLIT.sub("", folded[0])
        out.append(Shorthand(token, tuple(a.short), folded, tuple(_terms(fold(a.full)))))
    return out


def _terms(folded: str) -> list[str]:
    return [t for t in _SPLIT.split(folded) if t and t not in STOP_WORDS]


def _pattern(table: list[Shorthand], *, folded: bool) -> re.Pattern[str] | None:
    """One alternation of every form, longest first, so 'KN-ĐMST' wins over 'ĐMST'."""
    pairs = sorted(
        ((form, s) for s in table for form in (s.folded_forms if folded else s.forms)), key=lambda pair: -len(pair[0])
    )
    if not pairs:
        return None
    edge = "a-z0-9&" if folded else r"\w&"
    return re.compile(rf"(?<![{edge}])(?:{'|'.join(re.escape(form) for form, _ in pairs)})(?![{edge}])")


class Shorthands:
    """The abbreviation table, compiled once, applied to queries and to indexed text."""

    def __init__(self, abbreviations: tuple[Abbreviation, ...] | list[Abbreviation]) -> None:
        self.table = shorthands(abbreviations)
        self._typed = {form: s for s in self.table for form in s.folded_forms}
        self._written = {form: s for s in self.table for form in s.forms}
        self._query = _pattern(self.table, folded=True)
        self._document = _pattern(self.table, folded=False)
        self._words: dict[str, list[str]] = {}  # a whitespace-separated word's terms
        # the shorthands a full form's first term may add (in table order): a text's terms
        # are checked against these, not against the whole table
        self._by_first: dict[str, list[int]] = {}
        for number, s in enumerate(self.table):
            if s.full:
                self._by_first.setdefault(s.full[0], []).append(number)

    def query_terms(self, query: str) -> list[str]:
        """Terms of what a reader typed: folded, short forms mapped to their token."""
        text = fold(query)
        if self._query:
            text = self._query.sub(lambda mt: f" {self._typed[mt.group(0)].token} ", text)
        return _terms(text)

    def folded_terms(self, text: str) -> list[str]:
        """_terms(fold(text)), word by word: whitespace separates terms and folding never
        joins characters across it (a mark combines with the character before it, a final
        sigma looks no further than the word), and a plan's words repeat, so each word is
        folded once (folding was most of the search files' build time)."""
        out: list[str] = []
        words = self._words
        for word in text.split():
            if (terms := words.get(word)) is None:
                terms = words[word] = _terms(fold(word))
            out += terms
        return out

    def document_terms(self, text: str) -> list[str]:
        """Terms of a text to index: short forms (as written, in capitals) add their full
        form's terms, and a full form adds its short token."""
        if self._document:

            def expand(mt: re.Match[str]) -> str:
                shorthand = self._written[mt.group(0)]
                return f" {shorthand.token} {' '.join(shorthand.full)} "

            text = self._document.sub(expand, text)
        terms = self.folded_terms(text)
        present = set(terms)
        candidates = sorted(n for term in present.intersection(self._by_first) for n in self._by_first[term])
        if not candidates:
            return terms
        joined = f" {' '.join(terms)} "
        extra = [
            s.token
            for s in map(self.table.__getitem__, candidates)
            if present.issuperset(s.full)  # cheap first test; the phrase test below decides
            and f" {s.token} " not in joined
            and f" {' '.join(s.full)} " in joined
        ]
        return terms + extra
