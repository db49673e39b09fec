"""Verbatim stays verbatim, and syntax mistakes are told once, in Vietnamese, where they are.

Like test_validator.py: each case edits a copy of the fixture dataset as an editor would,
runs scripts/check_data.py and checks every line it prints (the exact message, its line
and column, nothing else), the exit status, and that no file changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_validator import FIXTURE, PLAN, break_file, run_check, snapshot

NOTE_HINT = (
    "Trường này phải chép nguyên văn, kể cả lỗi chính tả. Hãy chép lại đúng như văn bản gốc; muốn ghi điều "
    'chỉnh, thêm trường `note` (ghi chú của ban biên tập), ví dụ note: "Văn bản gốc viết …, đúng là …".'
)
TASK_LINES = (
    "demo.txt, dòng 11–15: “1 Xây dựng trung tâm dữ liệu tỉnh Sở Khoa học và Công nghệ Các sở, ban, ngành Quý II/2025”"
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


def problems(data: Path) -> list[str]:
    """The validator's lines for a broken copy, with the copy's folder removed; checks it
    failed, said how many problems in its last line, and touched nothing."""
    before = snapshot(data)
    result = run_check(data)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(data) == before, "the validator must not change any file"
    lines = result.stdout.splitlines()
    assert lines[-2:] == ["", f"Có {len(lines) - 2} lỗi. Sửa các lỗi trên rồi chạy lại: make check"]
    return [line.removeprefix(f"{data}/") for line in lines[:-2]]


def test_an_edited_title_is_reported_at_the_title(data: Path) -> None:
    line, column = break_file(data, PLAN, '"Xây dựng trung tâm dữ liệu tỉnh"', '"Xây dựng trung tâm dữ liệu của tỉnh"')
    assert problems(data) == [
        f"{PLAN}:{line}:{column}: Tên nhiệm vụ “Xây dựng trung tâm dữ liệu của tỉnh” không còn khớp với văn bản "
        f"gốc ({TASK_LINES}). {NOTE_HINT}"
    ]


def test_an_edited_agency_cell_gives_one_message(data: Path) -> None:
    """The cell no longer matches its source: told once, not again as names that disagree with `agencies`."""
    line, column = break_file(data, PLAN, 'raw: "Sở Khoa học và Công nghệ"', 'raw: "Sở Du lịch"')
    assert problems(data) == [
        f"{PLAN}:{line}:{column + 5}: Ô cơ quan chủ trì “Sở Du lịch” không còn khớp với văn bản gốc ({TASK_LINES}). "
        f"{NOTE_HINT}"
    ]


@pytest.mark.parametrize(
    ("old", "new", "field", "value"),
    [
        ('deadline: "Quý II/2025"', 'deadline: "Quý III/2025"', "Thời hạn", "Quý III/2025"),
        ('target: "≥ 99"', 'target: "≥ 95"', "Mục tiêu", "≥ 95"),
        ('unit: "% dân số"', 'unit: "% số dân"', "Đơn vị tính", "% số dân"),
        ('name: "Phủ sóng 5G cho người dân"', 'name: "Phủ sóng 5G"', None, None),  # still a part of the line
    ],
)
def test_every_copied_field_is_compared(data: Path, old: str, new: str, field: str | None, value: str | None) -> None:
    line, column = break_file(data, PLAN, old, new)
    if field is None:
        assert run_check(data).returncode == 0, "a shorter copy that is still written there is verbatim"
        return
    in_task = "deadline" in old
    where = (
        TASK_LINES
        if in_task
        else "demo.txt, dòng 5–9: “7.10 Phủ sóng 5G cho người dân % dân số ≥ 99 Sở Thông tin và Truyền thông”"
    )
    start = column + len(old.split(":")[0]) + 2
    assert problems(data) == [
        f"{PLAN}:{line}:{start}: {field} “{value}” không còn khớp với văn bản gốc ({where}). {NOTE_HINT}"
    ]


def test_an_item_marked_not_from_the_source_is_exempt(data: Path) -> None:
    break_file(data, PLAN, '"Xây dựng trung tâm dữ liệu tỉnh"', '"Trung tâm dữ liệu (ban biên tập tóm tắt)"')
    break_file(data, PLAN, "      line: 11\n", "      line: 11\n      verbatim: false\n")
    assert run_check(data).returncode == 0


def test_a_correction_goes_in_the_note(data: Path) -> None:
    """What the message tells editors to do passes: the text as written, the correction in `note`."""
    break_file(
        data,
        PLAN,
        '    section: "i"\n',
        '    section: "i"\n    note: "Văn bản gốc viết “Sở Khoa học và Công nghệ”, đúng là “… tỉnh”."\n',
    )
    assert run_check(data).returncode == 0


def test_an_alias_added_without_re_resolving_the_cells(data: Path) -> None:
    """The source writes an abbreviation no alias knows; the draft left `agencies` empty. An
    editor adds the alias but not the agency to the cell: the cell is reported at its list."""
    source = data / "sources" / "demo.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Sở Khoa học và Công nghệ\nCác", "Sở KH&CN\nCác"), encoding="utf-8"
    )
    break_file(
        data,
        PLAN,
        'raw: "Sở Khoa học và Công nghệ"\n      agencies: ["so-khcn"]',
        'raw: "Sở KH&CN"\n      agencies: []',
    )
    line, column = break_file(
        data,
        "agencies.yml",
        'aliases: ["Sở Khoa học và Công nghệ"]',
        'aliases: ["Sở Khoa học và Công nghệ", "Sở KH&CN"]',
    )
    text = (data / PLAN).read_text(encoding="utf-8")
    cell_line = text[: text.index("agencies: []")].count("\n") + 1
    assert problems(data) == [
        f"{PLAN}:{cell_line}:17: Ô cơ quan “Sở KH&CN” gọi tên [so-khcn] nhưng `agencies` ghi []. Hãy sửa `agencies` "
        "cho khớp; nếu văn bản viết tên cơ quan theo cách khác, thêm cách viết đó vào `aliases` của cơ quan trong "
        "data/agencies.yml."
    ]


def test_an_unknown_agency_name_in_the_source(data: Path) -> None:
    source = data / "sources" / "demo.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Sở Khoa học và Công nghệ\nCác", "Sở Du lịch\nCác"), encoding="utf-8"
    )
    line, column = break_file(data, PLAN, 'raw: "Sở Khoa học và Công nghệ"', 'raw: "Sở Du lịch"')
    assert problems(data) == [
        f"{PLAN}:{line + 1}:17: Ô cơ quan “Sở Du lịch” gọi tên [] nhưng `agencies` ghi [so-khcn]. Không nhận ra: "
        "“so du lich”. Hãy sửa `agencies` cho khớp; nếu văn bản viết tên cơ quan theo cách khác, thêm cách viết đó "
        "vào `aliases` của cơ quan trong data/agencies.yml."
    ]


# --- syntax: one mistake, one message, where it is ---------------------------------------------


def test_a_missing_closing_quote_is_reported_where_the_quote_opens(data: Path) -> None:
    line, column = break_file(data, PLAN, '"Xây dựng trung tâm dữ liệu tỉnh"', '"Xây dựng trung tâm dữ liệu tỉnh')
    assert problems(data) == [
        f"{PLAN}:{line}:{column}: Lỗi cú pháp YAML: dấu ngoặc kép mở ở đây chưa được đóng, nên YAML đọc lẫn sang "
        'các dòng sau. Hãy thêm dấu ngoặc kép đóng " ở cuối giá trị trên dòng này.'
    ]


def test_a_missing_closing_quote_on_the_last_value(data: Path) -> None:
    path = data / PLAN
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '    note: "Ghi chú\n', encoding="utf-8")
    line = text.count("\n") + 1
    assert problems(data) == [
        f"{PLAN}:{line}:11: Lỗi cú pháp YAML: dấu ngoặc kép mở ở đây chưa được đóng, nên YAML đọc lẫn sang "
        'các dòng sau. Hãy thêm dấu ngoặc kép đóng " ở cuối giá trị trên dòng này.'
    ]


def test_a_bad_url_says_it_must_start_with_https(data: Path) -> None:
    line, column = break_file(
        data,
        PLAN,
        '    topics: ["ha-tang-so", "chinh-quyen-so"]\n',
        '    topics: ["ha-tang-so", "chinh-quyen-so"]\n    updates:\n      - date: 2025-06-30\n        note: "Xong"\n'
        '        source:\n          title: "Báo cáo 1"\n          url: "www.example.gov.vn/bao-cao"\n',
    )
    assert problems(data) == [
        f"{PLAN}:{line + 6}:16: Địa chỉ “www.example.gov.vn/bao-cao” phải bắt đầu bằng https:// và không có dấu "
        "cách, ví dụ “https://example.gov.vn/bao-cao.pdf”. Hãy chép đầy đủ địa chỉ từ thanh địa chỉ của trình duyệt."
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('    target: "≥ 99"', "    target: > 55"),
        ('issuer: "Ủy ban nhân dân Tỉnh A"', '\tissuer: "Ủy ban nhân dân Tỉnh A"'),
        ('"Xây dựng trung tâm dữ liệu tỉnh"', '"Xây dựng trung tâm dữ liệu tỉnh'),
        ('number: "1/KH-UBND"', 'number: "1/KH-UBND"\nnumber: "2/KH-UBND"'),
        ('    section: "i"', '    section "i"'),
    ],
)
def test_one_syntax_mistake_gives_one_message_with_no_english(data: Path, old: str, new: str) -> None:
    break_file(data, PLAN, old, new)
    (message,) = problems(data)
    english = {"found", "expected", "while", "scanning", "mapping", "block", "error", "syntax", "line", "column"}
    assert not english & set(message.lower().replace(":", " ").split()), message
