"""Data problems as editors read them: `file:line:column: message`, in Vietnamese, with the fix.

Errors are a user interface for communications staff, so every message says what is
wrong in plain words and what to type instead. Pydantic's English errors are translated
here, using the YAML node (its raw text, its tag) to explain YAML's own surprises.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from macros.data.deadlines import EXAMPLES as DEADLINE_EXAMPLES
from macros.data.yamlio import UNQUOTED_INDICATOR, Path_, YamlDocument, YamlProblem


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class DataError(Exception):
    """All problems found in data/, reported together."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(map(str, self.problems)))


def quote(value: Any) -> str:
    return f"“{value}”"


def _field(path: Path_) -> str:
    named = [p for p in path if isinstance(p, str)]
    return named[-1] if named else "(gốc tệp)"


def yaml_problem_message(problem: YamlProblem) -> str:
    if problem.kind == "duplicate-key":
        key, _, first_line = problem.detail.rpartition("@")
        return (
            f"Khoá {quote(key)} bị lặp (đã có ở dòng {first_line}). "
            "YAML sẽ bỏ mất một trong hai giá trị: hãy xoá hoặc gộp một dòng."
        )
    if problem.kind == "bad-date":
        return f"Ngày {quote(problem.detail)} không có thật. Hãy viết ngày đúng theo dạng NNNN-TT-NN, ví dụ 2025-02-21."
    if unquoted := UNQUOTED_INDICATOR.match(problem.line_text):
        _, key, value = unquoted.groups()
        return (
            f'Lỗi cú pháp YAML: giá trị bắt đầu bằng “{value[0]}” phải đặt trong ngoặc kép. Hãy viết: {key}: "{value}"'
        )
    return (
        "Lỗi cú pháp YAML: "
        + ("có ký tự Tab." if "\t" in problem.line_text else _syntax_hint(problem.detail))
        + " Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu hai chấm sau tên khoá, "
        'và đặt văn bản trong ngoặc kép "…" (nhất là văn bản bắt đầu bằng >, -, *, &, ! hoặc %).'
    )


def _syntax_hint(detail: str) -> str:
    hints = {
        "found character '\\t'": "có ký tự Tab.",
        "could not find expected ':'": "thiếu dấu hai chấm “:” sau tên khoá.",
        "mapping values are not allowed here": "có dấu “: ” nằm trong văn bản chưa đặt trong ngoặc kép.",
        "found unexpected end of stream": "thiếu dấu ngoặc kép đóng.",
        "did not find expected key": "thụt lề không khớp với các dòng bên trên.",
        "expected <block end>, but found": "thụt lề không khớp với các dòng bên trên.",
    }
    for english, vietnamese in hints.items():
        if english in detail:
            return vietnamese
    return f"YAML không đọc được ({detail})."


def nfd_message(value: str) -> str:
    return (
        f"Văn bản {quote(_short(value))} có chữ tiếng Việt ở dạng tổ hợp (NFD), thường do dán từ Word "
        "hoặc PDF: trông giống nhưng tìm kiếm và so khớp sẽ sai. Hãy gõ lại đoạn này, hoặc chạy "
        "`python scripts/normalize_text.py <tệp>` để chuyển về dạng dựng sẵn (NFC)."
    )


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def pydantic_message(error: dict[str, Any], document: YamlDocument, path: Path_) -> str:
    """Vietnamese message for one pydantic error at `path` of `document`."""
    kind = error["type"]
    field = _field(path)
    tag, raw = document.tags.get(path, ("", ""))
    if kind == "missing":
        return f"Thiếu trường bắt buộc {quote(field)}. Hãy thêm dòng `{field}: …`."
    if kind == "extra_forbidden" and error.get("renamed"):
        renamed = error["renamed"]
        return (
            f"Trường {quote(field)} không có trong mẫu dữ liệu. Có phải là {quote(renamed)}? "
            f"Hãy sửa tên trường thành {quote(renamed)}."
        )
    if kind == "extra_forbidden":
        allowed = error.get("allowed") or []
        suggestion = f" Các trường hợp lệ ở đây: {', '.join(allowed)}." if allowed else ""
        return f"Trường {quote(field)} không có trong mẫu dữ liệu (viết sai tên?).{suggestion}"
    if kind == "string_type":
        if tag.endswith((":int", ":float")):
            return (
                f"YAML đọc {raw} thành số{_float_note(raw, tag)}; trường {quote(field)} cần văn bản. "
                f'Hãy đặt trong ngoặc kép: "{raw}".'
            )
        if tag.endswith(":bool"):
            return f'YAML đọc {raw} thành đúng/sai; hãy đặt trong ngoặc kép: "{raw}".'
        if tag.endswith(":null"):
            return f"Trường {quote(field)} đang để trống; hãy ghi giá trị hoặc xoá dòng này."
        return f"Trường {quote(field)} cần văn bản, không phải danh sách hay bảng."
    if kind == "string_pattern_mismatch":
        if "[a-z0-9]" in str(error.get("ctx", {}).get("pattern", "")):
            return (
                f"Mã {quote(error['input'])} chỉ được gồm chữ thường không dấu, chữ số và dấu gạch "
                "ngang, ví dụ “so-khcn”."
            )
        return f"Giá trị {quote(error['input'])} không đúng định dạng của trường {quote(field)}."
    if kind == "string_too_short":
        return f"Trường {quote(field)} đang để trống; hãy ghi giá trị hoặc xoá dòng này."
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "").replace("' or '", "' hoặc '")
        return f"Giá trị {quote(error['input'])} không hợp lệ cho {quote(field)}. Chọn một trong: {expected}."
    if kind.startswith("date"):
        return (
            f"Ngày {quote(error['input'])} không hợp lệ. Viết theo dạng NNNN-TT-NN, không đặt trong "
            "ngoặc kép, ví dụ 2025-02-21."
        )
    if kind == "deadline_unparseable":
        examples = ", ".join(quote(e) for e in DEADLINE_EXAMPLES)
        return (
            f"Không hiểu thời hạn {quote(error['input'])}. Hãy viết theo một dạng đã biết ({examples}), "
            'hoặc ghi rõ loại thời hạn: `deadline: {raw: "…", kind: conditional}`.'
        )
    if kind == "deadline_fields_missing":
        ctx = error.get("ctx", {})
        return (
            f"Thời hạn loại {quote(ctx.get('kind', ''))} cần thêm {ctx.get('missing', '')}, nếu không nhiệm vụ sẽ "
            'hiện như không có hạn. Ví dụ: `deadline: {raw: "…", kind: quarter, year: 2025, quarter: 2}`.'
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"Trường {quote(field)} cần một số nguyên, ví dụ 2030."
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"Giá trị {quote(error['input'])} của {quote(field)} nằm ngoài khoảng cho phép ({error['msg']})."
    if kind == "list_type":
        return f"Trường {quote(field)} cần một danh sách (mỗi mục một dòng bắt đầu bằng “- ”)."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"Trường {quote(field)} cần một nhóm khoá–giá trị (các dòng thụt lề bên dưới)."
    if kind == "too_short":
        return f"Danh sách {quote(field)} cần ít nhất một mục."
    if kind == "bool_type" or kind == "bool_parsing":
        return f"Trường {quote(field)} chỉ nhận true hoặc false."
    return f"Giá trị của {quote(field)} không hợp lệ ({error['msg']})."


def _float_note(raw: str, tag: str) -> str:
    if tag.endswith(":float"):
        try:
            shown = float(raw)
        except ValueError:
            return ""
        if str(shown) != raw:
            return f" {shown:g}"
    return ""


def unknown_reference_message(noun: str, value: str, where: str, close: list[str]) -> str:
    return f"Không có {noun} mã {quote(value)} trong {where}. Mã gần giống: {', '.join(close)}."


def duplicate_id_message(noun: str, value: str, *, in_plan: bool) -> str:
    if in_plan:
        return (
            f"Mã {noun} {quote(value)} bị trùng trong kế hoạch này. Mỗi mã chỉ dùng một lần: hãy đổi một mã "
            "(mã đã công bố là địa chỉ trang, đừng đổi mã cũ)."
        )
    return f"Mã {noun} {quote(value)} bị trùng. Mỗi mã chỉ dùng một lần: hãy đổi một mã."
