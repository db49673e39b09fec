"""Recognising agencies in a cell as written, through the alias registry.

Cells join agencies with commas, semicolons, "và" or nothing at all ("Sở Tài chính Sở
Nội vụ"), and commas also occur inside names ("Sở Văn hóa, Thể thao và Du lịch"). So a
cell is never split on punctuation: aliases are matched word by word, longest first,
and whatever is left over is reported for an editor to look at ("và" between two
recognised names is only a separator).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from macros.data.model import AgencyKind, CompoundAlias
from macros.data.text import match_key

_SEPARATOR_WORDS = {"va"}


@dataclass(frozen=True)
class Resolution:
    kinds: tuple[str, ...]
    leftover: tuple[str, ...]  # words no alias covered, as folded text runs


class AliasIndex:
    def __init__(self, kinds: Iterable[AgencyKind], compounds: Iterable[CompoundAlias]) -> None:
        entries: dict[tuple[str, ...], tuple[str, ...]] = {}
        for kind in kinds:
            for alias in (kind.name, *kind.aliases):
                entries.setdefault(tuple(match_key(alias).split()), (kind.id,))
        for compound in compounds:
            entries[tuple(match_key(compound.alias).split())] = tuple(compound.kinds)
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for words, ids in sorted(entries.items(), key=lambda e: -len(e[0])):
            self._by_first.setdefault(words[0], []).append((words, ids))
        self._resolved: dict[str, Resolution] = {}

    def resolve(self, cell: str) -> Resolution:
        """The kinds a cell names, and what is left over; each text resolved once (cells repeat)."""
        known = self._resolved.get(cell)
        if known is None:
            known = self._resolved[cell] = self._resolve(cell)
        return known

    def _resolve(self, cell: str) -> Resolution:
        words = match_key(cell).split()
        kinds: list[str] = []
        leftover: list[list[str]] = []
        in_gap = False
        i = 0
        while i < len(words):
            for alias, ids in self._by_first.get(words[i], ()):
                if tuple(words[i : i + len(alias)]) == alias:
                    kinds.extend(k for k in ids if k not in kinds)
                    i += len(alias)
                    in_gap = False
                    break
            else:
                # "và" between two recognised names is a separator; inside unknown text it stays
                if in_gap or words[i] not in _SEPARATOR_WORDS:
                    if not in_gap:
                        leftover.append([])
                    leftover[-1].append(words[i])
                    in_gap = True
                i += 1
        runs = (" ".join(w for w in run) for run in leftover)
        return Resolution(tuple(kinds), tuple(r for r in (_trim_separators(run) for run in runs) if r))


def _trim_separators(run: str) -> str:
    words = run.split()
    while words and words[-1] in _SEPARATOR_WORDS:
        words.pop()
    return " ".join(words)
