"""The review list ("cần xem lại") an import leaves beside its draft, and alias proposals.

The importer writes data/reviews/<plan-id>.yml: every warning as an item, and for an
agency spelling it did not recognise, the closest agency kind with a confidence. An
editor sets `accept: true` on the proposals that are right (or changes `kind`), runs
scripts/apply_aliases.py, deals with the other items and deletes the file. The loader
reads it (Registry.reviews), so the change report can show what is still open.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Any

from macros.data.model import AgencyKind
from macros.data.text import match_key

REVIEWS_DIR = "reviews"
HEADER = (
    "# yaml-language-server: $schema=../schema/review.schema.json\n"
    "# Danh sách cần xem lại của bản nháp, do scripts/import_source.py ghi. Với mỗi đề xuất cách viết\n"
    "# (alias) đúng, ghi accept: true (sửa kind nếu đoán sai loại cơ quan) rồi chạy\n"
    "# scripts/apply_aliases.py. Xem xong mục nào thì xoá mục đó; xong hết thì xoá tệp này.\n"
)


def spelling_in(raw: str, leftover: str) -> str:
    """The leftover words as the cell writes them ("so khcn tinh" -> "Sở KHCN tỉnh")."""
    words = [(key, token.start(), token.end()) for token in re.finditer(r"\S+", raw) for key in _keys(token.group())]
    wanted = leftover.split()
    for start in range(len(words) - len(wanted) + 1):
        if [key for key, _, _ in words[start : start + len(wanted)]] == wanted:
            text = raw[words[start][1] : words[start + len(wanted) - 1][2]]
            return text.strip(" ,;.:-–")
    return leftover


def _keys(token: str) -> list[str]:
    return match_key(token).split()


def similarity(text: str, name: str) -> float:
    """0-1 for two folded names: letters and words in common, and the same first word (the
    kind of body: "so", "ubnd", "bao", "dai"), which matters most."""
    words, other = text.split(), name.split()
    if not words or not other:
        return 0.0
    letters = SequenceMatcher(None, text, name).ratio()
    shared = 2 * len(set(words) & set(other)) / (len(set(words)) + len(set(other)))
    return min(1.0, 0.5 * letters + 0.5 * shared + (0.2 if words[0] == other[0] else 0.0))


def propose_alias(raw: str, leftover: str, kinds: Iterable[AgencyKind], province: str = "") -> dict[str, Any]:
    """The closest agency kind for an unknown spelling, compared with every kind's name and
    aliases; the plan's province name counts as "tỉnh" ("Báo Quảng Nam" is "Báo tỉnh")."""
    texts = {leftover}
    if province and (key := match_key(province)) in leftover:
        texts.add(leftover.replace(key, "tinh"))
    best: tuple[float, str] = (0.0, "")
    for kind in kinds:
        for name in (kind.name, *kind.aliases):
            score = max(similarity(text, match_key(name)) for text in texts)
            if score > best[0]:
                best = (score, kind.id)
    return {"text": spelling_in(raw, leftover), "kind": best[1], "confidence": round(best[0] * 100), "accept": False}


def review_document(plan_id: str, source_file: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"plan": plan_id, "source": source_file, "items": items}
