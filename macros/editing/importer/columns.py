"""Column keys from header words, and cells of short rows assigned to their columns.

In the cells layout (001, 002) an empty cell simply vanishes, so a row with fewer cells
than columns must be read by recognising what each cell is: a deadline, a number, an
agency, a unit already seen in the table. When two readings fit equally well, the one
that keeps column order wins and the row gets a note saying so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import combinations

from macros.data.text import fold

INDICATORS, TASKS = "indicators", "tasks"
AGENCY_KEYS = frozenset({"monitoring", "lead", "support"})

# Header words (folded) -> key, first match wins; "Kết quả" depends on the table kind.
# Agency words come first: "Đơn vị chủ trì" is the lead, not a unit.
_HEADER_WORDS: tuple[tuple[str, str], ...] = (
    (r"^s?tt$", "label"),
    (r"theo doi", "monitoring"),
    (r"chu tri", "lead"),
    (r"phoi hop", "support"),
    (r"thoi (gian|han)|tien do", "deadline"),
    (r"chi tieu", "name"),
    (r"nhiem vu|noi dung", "title"),
    (r"don vi", "unit"),
    (r"ket qua|san pham", "result"),
)


def header_key(text: str) -> str | None:
    """'Đơn vị tính' -> 'unit'; 'Kết quả' -> 'result' (resolved by `resolve_keys`)."""
    folded = fold(text).strip()
    for pattern, key in _HEADER_WORDS:
        if re.search(pattern, folded):
            return key
    return None


def resolve_keys(keys: Sequence[str]) -> tuple[str, tuple[str, ...]] | None:
    """Table kind and final keys: 'Kết quả' is the target of an indicator, the output of a task."""
    if "name" in keys:
        kind, result = INDICATORS, "target"
    elif "title" in keys:
        kind, result = TASKS, "output"
    else:
        return None
    return kind, tuple(result if key == "result" else key for key in keys)


_AGENCY_START = re.compile(
    r"^(so|cac|cong an|ubnd|uy ban|ban|van phong|ngan hang|bo chi huy|bo|chi nhanh|dai|bao|"
    r"cuc|thanh pho|thi xa|huyen|bao hiem|bhxh|hiep hoi|hoi|truong|vien|trung tam|kho bac|"
    r"thue|tinh doan|mat tran|lien doan|cong ty|tong cong ty|doanh nghiep|toa an|vien kiem sat)\b"
)
_DEADLINE = re.compile(
    r"^(quy [ivx]+\b|nam \d{4}|thang \d|\d{1,2}/\d{4}$|\d{4}\b|thuong xuyen|hang nam|dinh ky|"
    r"sau khi|ngay sau khi|trinh\b|theo tien do|truoc\b|giai doan|trong (nam|quy|thang)|den (nam|het))"
)
_NUMBER = re.compile(r"^[<>≤≥=~]?\s*\d")


def is_agency(text: str) -> bool:
    return bool(_AGENCY_START.match(fold(text)))


def is_deadline(text: str) -> bool:
    return bool(_DEADLINE.match(fold(text)))


def _fit(key: str, text: str, seen: Mapping[str, set[str]]) -> int:
    """How well a cell fits a column: 3 recognised, 1 possible, below 0 unlikely."""
    known = 3 if text in seen.get(key, ()) else 0
    agency, deadline = is_agency(text), is_deadline(text)
    if key in AGENCY_KEYS:
        return known + (3 if agency else 1 if text == "-" else -2)
    if key == "deadline":
        return known + (3 if deadline else -2)
    if key == "unit":
        return known + (3 if text.startswith("%") else 0)
    if key == "target":
        return known + (3 if _NUMBER.match(text) else -2 if agency or deadline else 1)
    return known + (-1 if agency or deadline else 1)  # output, and any other free text


def assign(
    cells: Sequence[str], keys: Sequence[str], seen: Mapping[str, set[str]]
) -> tuple[dict[str, str], str | None]:
    """Place the value cells of a short row; the first is always the name/title.

    Returns the mapping and a note when the reading is a guess: two readings score
    equally (column order decides) or the best wins by a single point.
    """
    first, rest = cells[0], list(cells[1:])
    columns = list(keys[1:])
    scored: list[tuple[int, tuple[str, ...]]] = []
    for chosen in combinations(columns, len(rest)):
        scored.append((sum(_fit(key, text, seen) for key, text in zip(chosen, rest, strict=False)), chosen))
    best_score = max(score for score, _ in scored)
    best = next(chosen for score, chosen in scored if score == best_score)
    runner_up = [(score, chosen) for score, chosen in scored if chosen != best]
    note = None
    if runner_up:
        second_score, second = max(runner_up, key=lambda item: item[0])
        if best_score - second_score <= 1:
            doubts = [
                f"'{text}' read as {key} (could be {other})"
                for text, key, other in zip(rest, best, second, strict=False)
                if key != other
            ]
            why = "equal fit, column order decides" if best_score == second_score else "weak evidence"
            note = f"{len(cells)} of {len(keys)} cells present; " + "; ".join(doubts) + f" ({why})"
    return {keys[0]: first, **dict(zip(best, rest, strict=False))}, note
