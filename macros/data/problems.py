"""Data problems as editors read them: `file:line:column: message`, in Vietnamese, with the fix.

Errors are a user interface for communications staff, so every message says what is
wrong in plain words and what to type instead. Pydantic's English errors are translated
here, using the YAML node (its raw text, its tag) to explain YAML's own surprises.
"""

from __future__ import annotations

import errno
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


_INVISIBLE_NAMES = {
    "U+0000": "ký tự rỗng (NUL)",
    "U+202E": "ký tự đảo chiều chữ (viết từ phải sang trái)",
    "U+202D": "ký tự ép chiều chữ",
    "U+FEFF": "ký tự BOM ẩn",
    "U+2028": "ký tự xuống dòng đặc biệt",
    "U+2029": "ký tự ngắt đoạn đặc biệt",
}


def yaml_problem_message(problem: YamlProblem) -> str:
    kind, detail = problem.kind, problem.detail
    if kind == "duplicate-key":
        key, _, first_line = detail.rpartition("@")
        return (
            f"Khoá {quote(key)} bị lặp (đã có ở dòng {first_line}). "
            "YAML sẽ bỏ mất một trong hai giá trị: hãy xoá hoặc gộp một dòng."
        )
    if kind == "bad-date":
        return f"Ngày {quote(detail)} không có thật. Hãy viết ngày đúng theo dạng NNNN-TT-NN, ví dụ 2025-02-21."
    if kind == "bad-number":
        return f'Số {quote(detail + "…")} quá dài để đọc. Nếu đây là văn bản, hãy đặt trong ngoặc kép "…".'
    if kind == "tag":
        return (
            f"Dữ liệu không dùng thẻ YAML {quote(detail)} (dấu “!” trước giá trị). Hãy xoá thẻ; "
            'nếu dấu “!” là một phần của văn bản, hãy đặt cả văn bản trong ngoặc kép "…".'
        )
    if kind in ("anchor", "alias"):
        sign = "&" if kind == "anchor" else "*"
        return (
            f"Dữ liệu không dùng neo và tham chiếu YAML ({quote(sign + detail)}). Hãy chép đầy đủ giá trị "
            'vào chỗ cần dùng; nếu “&” hay “*” là một phần của văn bản, hãy đặt văn bản trong ngoặc kép "…".'
        )
    if kind == "too-deep":
        return f"Các mục lồng nhau quá sâu (quá {detail} cấp). Kiểm tra dấu ngoặc [ ] {{ }} và thụt lề."
    if kind == "complex-key":
        return "Tên khoá phải là một chữ hoặc cụm chữ, không phải danh sách hay nhóm khoá–giá trị."
    if kind == "two-documents":
        return "Tệp chỉ được có một phần dữ liệu: hãy xoá dòng “---” này hoặc tách phần sau sang tệp khác."
    if kind == "too-large":
        return (
            f"Tệp quá lớn ({int(detail) // 1_000_000} MB). Tệp dữ liệu phải nhỏ hơn 4 MB; "
            "hãy kiểm tra nội dung bị dán thừa."
        )
    if kind == "invisible":
        return invisible_message(detail)
    if kind == "unclosed-quote":
        return (
            "Lỗi cú pháp YAML: dấu ngoặc kép mở ở đây chưa được đóng, nên YAML đọc lẫn sang các dòng sau. "
            'Hãy thêm dấu ngoặc kép đóng " ở cuối giá trị trên dòng này.'
        )
    if unquoted := UNQUOTED_INDICATOR.match(problem.line_text):
        _, key, value = unquoted.groups()
        return (
            f'Lỗi cú pháp YAML: giá trị bắt đầu bằng “{value[0]}” phải đặt trong ngoặc kép. Hãy viết: {key}: "{value}"'
        )
    return (
        "Lỗi cú pháp YAML: "
        + ("có ký tự Tab." if "\t" in problem.line_text else _syntax_hint(detail))
        + " Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu hai chấm sau tên khoá, "
        'và đặt văn bản trong ngoặc kép "…" (nhất là văn bản bắt đầu bằng >, -, *, &, ! hoặc %).'
    )


_OS_REASONS = {
    errno.EACCES: "không có quyền đọc",
    errno.EPERM: "không có quyền đọc",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENOTDIR: "một phần đường dẫn không phải thư mục",
    errno.ELOOP: "liên kết tắt quay vòng",
    errno.EIO: "lỗi đọc ổ đĩa",
}


def os_reason(err: OSError) -> str:
    """The operating system's reason, in Vietnamese (its own text is English)."""
    return _OS_REASONS.get(err.errno or 0, f"lỗi hệ thống số {err.errno}")


def invisible_message(code: str) -> str:
    """For a character an editor cannot see (a control, a direction override), by its code."""
    name = _INVISIBLE_NAMES.get(code, "ký tự điều khiển")
    return (
        f"Có {name} ({code}) không nhìn thấy được ở đây, thường do dán từ trang web, Word hoặc PDF. "
        "Hãy xoá ký tự này (gõ lại đoạn văn bản quanh nó)."
    )


def _syntax_hint(detail: str) -> str:
    hints = {
        "found character '\\t'": "có ký tự Tab.",
        "found a tab character": "có ký tự Tab.",
        "could not find expected ':'": "thiếu dấu hai chấm “:” sau tên khoá.",
        "mapping values are not allowed": "có dấu “: ” nằm trong văn bản chưa đặt trong ngoặc kép.",
        "found unexpected end of stream": "thiếu dấu ngoặc kép đóng.",
        "did not find expected key": "thụt lề không khớp với các dòng bên trên.",
        "expected <block end>, but found": "thụt lề không khớp với các dòng bên trên.",
        "did not find expected '-' indicator": "thụt lề không khớp với các dòng bên trên (mục danh sách “- ”).",
        "block sequence entries are not allowed": "dấu “- ” của danh sách đặt sai chỗ (sau tên khoá cùng dòng, "
        "hoặc thụt lề sai).",
        "did not find expected node content": "thiếu giá trị sau dấu hai chấm hoặc sau dấu “- ”.",
        "did not find expected ',' or ']'": "danh sách trong ngoặc vuông [ ] thiếu dấu phẩy hoặc ngoặc đóng “]”.",
        "did not find expected ',' or '}'": "nhóm trong ngoặc nhọn { } thiếu dấu phẩy hoặc ngoặc đóng “}”.",
        "found unknown escape character": (
            "có dấu “\\” lạ trong văn bản trong ngoặc kép (viết “\\\\” nếu cần dấu “\\”)."
        ),
        "found character that cannot start any token": "có ký tự không được đứng đầu giá trị (như “@”, “`” hoặc “%”).",
        "found unexpected ':'": "có dấu “:” đặt sai chỗ.",
        "found undefined tag handle": "có dấu “!” đứng đầu giá trị chưa đặt trong ngoặc kép.",
        "did not find expected <document start>": "có nội dung sau phần dữ liệu chính.",
        "found unexpected document indicator": "có dòng “---” hoặc “...” nằm giữa văn bản.",
        "did not find expected alphabetic or numeric character": "có dấu “&” hoặc “*” đứng đầu giá trị chưa đặt "
        "trong ngoặc kép.",
        "did not find URI escaped octet": "có dấu “!” hoặc “%” đứng đầu giá trị chưa đặt trong ngoặc kép.",
        "found unexpected end of stream while scanning": "tệp dừng giữa chừng (thiếu ngoặc đóng?).",
        "control characters are not allowed": "có ký tự điều khiển không nhìn thấy được.",
        "invalid leading UTF-8 octet": "có byte không phải UTF-8.",
    }
    for english, vietnamese in hints.items():
        if english in detail:
            return vietnamese
    return "YAML không đọc được ở vị trí này."


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
        if field == "url":
            return (
                f"Địa chỉ {quote(error['input'])} phải bắt đầu bằng https:// và không có dấu cách, "
                "ví dụ “https://example.gov.vn/bao-cao.pdf”. Hãy chép đầy đủ địa chỉ từ thanh địa chỉ của trình duyệt."
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
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = error.get("ctx", {})
        bound = {
            "greater_than_equal": f"ít nhất là {ctx.get('ge')}",
            "less_than_equal": f"nhiều nhất là {ctx.get('le')}",
            "greater_than": f"lớn hơn {ctx.get('gt')}",
            "less_than": f"nhỏ hơn {ctx.get('lt')}",
        }[kind]
        return f"Giá trị {quote(error['input'])} của {quote(field)} nằm ngoài khoảng cho phép (phải {bound})."
    if kind == "list_type":
        return f"Trường {quote(field)} cần một danh sách (mỗi mục một dòng bắt đầu bằng “- ”)."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"Trường {quote(field)} cần một nhóm khoá–giá trị (các dòng thụt lề bên dưới)."
    if kind == "too_short":
        return f"Danh sách {quote(field)} cần ít nhất một mục."
    if kind == "bool_type" or kind == "bool_parsing":
        return f"Trường {quote(field)} chỉ nhận true hoặc false."
    return f"Giá trị của {quote(field)} không hợp lệ. Hãy xem mẫu dữ liệu trong data/schema/ và các mục khác cùng loại."


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
