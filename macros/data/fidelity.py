"""Verbatim stays verbatim: every copied field of a task or indicator is written in the
source lines it points at.

One rule for the validator (the loader reports it at the field), the pre-commit hook (it
runs the validator), the change report and the tests. A record whose `source.verbatim` is
false was written by the editors, not copied, and is not compared.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from macros.data import model as m
from macros.data.text import nfc, squash_spaces

# The copied fields, in the order a record shows them: (path in the record, what editors call it).
TASK_FIELDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("title",), "Tên nhiệm vụ"),
    (("lead", "raw"), "Ô cơ quan chủ trì"),
    (("support", "raw"), "Ô cơ quan phối hợp"),
    (("output",), "Kết quả, sản phẩm"),
    (("deadline",), "Thời hạn"),
)
INDICATOR_FIELDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("name",), "Tên chỉ tiêu"),
    (("unit",), "Đơn vị tính"),
    (("target",), "Mục tiêu"),
    (("monitoring", "raw"), "Ô cơ quan theo dõi"),
)


@dataclass(frozen=True)
class Mismatch:
    """A copied field whose text is not in the record's source lines."""

    path: tuple[str, ...]  # inside the record, e.g. ("lead", "raw")
    field: str  # the editors' name of the field
    value: str
    first: int
    last: int
    excerpt: str  # the source lines as read (or the name, see in_name), for the message
    in_name: bool = False  # a narrative indicator's target must be inside its name


def as_read(lines: Sequence[str]) -> str:
    """Source lines as a reader sees them: joined with single spaces (re-joins words a page
    break cut), Markdown emphasis and the `\\_` escape dropped; table-cell pipes kept (a cell
    never contains one)."""
    return squash_spaces(" ".join(lines).replace("*", "").replace("\\_", "_"))


def span(record: m.Task | m.Indicator) -> tuple[int, int]:
    return record.source.line, record.source.line_end or record.source.line


def copied_fields(record: m.Task | m.Indicator) -> Iterator[tuple[tuple[str, ...], str, str]]:
    """(path, editors' name, value) of every copied field the record has."""
    for path, name in TASK_FIELDS if isinstance(record, m.Task) else INDICATOR_FIELDS:
        value = getattr(record, path[0], None)
        for part in path[1:]:
            value = getattr(value, part, None) if value is not None else None
        if isinstance(value, m.DeadlineOverride):
            path, value = (*path, "raw"), value.raw
        if isinstance(value, str) and value:
            yield path, name, value


def mismatches(record: m.Task | m.Indicator, lines: Sequence[str]) -> list[Mismatch]:
    """The copied fields of `record` not written in its lines of `lines` (the source text,
    index 0 is line 1). Empty for a record marked `verbatim: false`, and when its lines are
    outside the text (reported on their own)."""
    if not record.source.verbatim:
        return []
    first, last = span(record)
    if not 1 <= first <= last <= len(lines):
        return []
    text = as_read(lines[first - 1 : last])
    found = [
        Mismatch(path, name, value, first, last, text)
        for path, name, value in copied_fields(record)
        if squash_spaces(nfc(value)) not in text  # NFD text is reported as such, once
    ]
    if isinstance(record, m.Indicator) and record.source.kind == "narrative" and record.target:
        if record.target not in record.name and not any(f.path == ("target",) for f in found):
            found.append(Mismatch(("target",), "Mục tiêu", record.target, first, last, record.name, in_name=True))
    return found


def mismatch_message(found: Mismatch, source_file: str) -> str:
    lines = f"dòng {found.first}" if found.first == found.last else f"dòng {found.first}–{found.last}"
    excerpt = found.excerpt if len(found.excerpt) <= 160 else found.excerpt[:159] + "…"
    if found.in_name:
        return (
            f"Mục tiêu “{_short(found.value)}” phải nằm nguyên văn trong tên chỉ tiêu “{excerpt}” (chỉ tiêu lấy "
            "từ lời văn). Hãy chép phần mục tiêu đúng như trong tên; muốn ghi điều chỉnh, thêm trường `note`."
        )
    return (
        f"{found.field} “{_short(found.value)}” không còn khớp với văn bản gốc ({source_file}, {lines}: "
        f"“{excerpt}”). Trường này phải chép nguyên văn, kể cả lỗi chính tả. Hãy chép lại đúng như văn bản "
        "gốc; muốn ghi điều chỉnh, thêm trường `note` (ghi chú của ban biên tập), ví dụ "
        'note: "Văn bản gốc viết …, đúng là …".'
    )


def _short(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
