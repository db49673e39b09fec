"""Verbatim repeated blocks: a block the source pasted twice is one block.

000 repeats its letterhead, preamble, goals and first bullets (lines 9-35 again as
36-62). Only narrative lines are compared; table cells repeat by nature.
"""

from __future__ import annotations

from collections import defaultdict

MIN_REPEAT_LINES = 3


def repeated_runs(lines: tuple[str, ...], numbers: list[int]) -> list[tuple[int, int, int, int]]:
    """(first, last, original_first, original_last) line numbers of every run of at least
    three non-blank lines that repeats, line for line, a run seen earlier in `numbers`."""
    texts = [lines[n - 1].strip() for n in numbers if lines[n - 1].strip()]
    where = [n for n in numbers if lines[n - 1].strip()]
    seen: dict[str, list[int]] = defaultdict(list)
    runs: list[tuple[int, int, int, int]] = []
    i = 0
    while i < len(texts):
        best_length, best_origin = 0, -1
        for j in seen.get(texts[i], ()):
            length = 0
            while i + length < len(texts) and j + length < i and texts[j + length] == texts[i + length]:
                length += 1
            if length > best_length:
                best_length, best_origin = length, j
        if best_length >= MIN_REPEAT_LINES:
            runs.append(
                (where[i], where[i + best_length - 1], where[best_origin], where[best_origin + best_length - 1])
            )
            i += best_length
            continue
        seen[texts[i]].append(i)
        i += 1
    return runs
