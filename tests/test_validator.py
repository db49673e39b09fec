"""The validator as editors meet it: broken files in, `file:line:column: message` out.

Each case breaks one thing in a copy of the fixture dataset, runs scripts/check_data.py
as an editor would, and checks the exact place and wording of the message, that the
exit status is 1, and that no file was touched.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "data"
PLAN = "plans/demo-kh-1-2025.yml"


def run_check(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_data.py"), "--data", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


def break_file(data: Path, name: str, old: str, new: str) -> tuple[int, int]:
    """Replace `old` by `new` once; return the 1-based line and column where `new` starts."""
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture text {old!r} must occur once in {name}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    before = text[: text.index(new)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def test_valid_fixture_passes(data: Path) -> None:
    result = run_check(data)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "Dữ liệu hợp lệ: 1 kế hoạch, 1 nhiệm vụ, 1 chỉ tiêu."


LINEAGE = "lineage.yml"
CASES = {
    "lineage-unknown-plan": (
        LINEAGE,
        'plan: "demo-kh-1-2025"',
        'plan: "demo-kh-2-2025"',
        (0, 6),
        "Không có kế hoạch mã “demo-kh-2-2025” trong data/plans/. Mã gần giống: demo-kh-1-2025.",
    ),
    "lineage-unknown-relation": (
        LINEAGE,
        'relation: "thay-the"',
        'relation: "thay-doi"',
        (0, 10),
        "Giá trị “thay-doi” không hợp lệ cho “relation”. Chọn một trong: 'thay-the', 'sua-doi' hoặc 'tiep-noi'.",
    ),
    "lineage-plan-and-document": (
        LINEAGE,
        '        plan: "demo-kh-1-2025"',
        '        plan: "demo-kh-1-2025"\n        document: "57-NQ/TW"',
        (-1, 8),
        "Mỗi liên kết ghi đúng một trong hai trường: `plan` (mã kế hoạch trên cổng) hoặc `document` (số hiệu "
        "văn bản mà kế hoạch thực hiện, ví dụ “03/NQ-CP”).",
    ),
    "lineage-document-not-implemented": (
        LINEAGE,
        'plan: "demo-kh-1-2025"',
        'document: "03/NQ-CP"',
        (0, 10),
        "Không kế hoạch nào ghi thực hiện văn bản “03/NQ-CP” (trường implements). Số hiệu các kế hoạch đang "
        "ghi: (chưa có).",
    ),
    "lineage-source-not-a-link": (
        LINEAGE,
        'url: "https://example.org/tinh-b/kh-9"',
        'url: "example.org/tinh-b/kh-9"',
        (0, 5),
        "Địa chỉ “example.org/tinh-b/kh-9” phải bắt đầu bằng https:// và không có dấu cách, ví dụ "
        "“https://example.gov.vn/bao-cao.pdf”. Hãy chép đầy đủ địa chỉ từ thanh địa chỉ của trình duyệt.",
    ),
    "unquoted-operator": (
        PLAN,
        '    target: "≥ 99"',
        "    target: > 55",
        (0, 12),
        'Lỗi cú pháp YAML: giá trị bắt đầu bằng “>” phải đặt trong ngoặc kép. Hãy viết: target: "> 55"',
    ),
    "tab-indent": (
        PLAN,
        'issuer: "Ủy ban nhân dân Tỉnh A"',
        '\tissuer: "Ủy ban nhân dân Tỉnh A"',
        (0, 0),
        "Lỗi cú pháp YAML: có ký tự Tab. Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu hai chấm "
        'sau tên khoá, và đặt văn bản trong ngoặc kép "…" (nhất là văn bản bắt đầu bằng >, -, *, &, ! hoặc %).',
    ),
    "unknown-key": (
        PLAN,
        '    title: "Xây dựng trung tâm dữ liệu tỉnh"',
        '    titel: "Xây dựng trung tâm dữ liệu tỉnh"',
        (0, 4),
        "Trường “titel” không có trong mẫu dữ liệu. Có phải là “title”? Hãy sửa tên trường thành “title”.",
    ),
    "unknown-agency": (
        PLAN,
        'agencies: ["so-khcn"]',
        'agencies: ["so-khcnn"]',
        (0, 11),
        "Không có loại cơ quan mã “so-khcnn” trong data/agencies.yml. Mã gần giống: so-khcn, cac-so-nganh.",
    ),
    "unknown-topic": (
        PLAN,
        'topics: ["ha-tang-so", "chinh-quyen-so"]',
        'topics: ["ha-tang-so", "chinh-quyen-s"]',
        (0, 23),
        "Không có chủ đề mã “chinh-quyen-s” trong data/topics.yml. Mã gần giống: chinh-quyen-so.",
    ),
    "duplicate-id": (
        PLAN,
        '  - id: "ct-2030-7-10"',
        '  - id: "nv-1"',
        (0, 0),
        None,  # indicator and task ids live in different lists: not a clash (checked below)
    ),
    "unparseable-deadline": (
        PLAN,
        'deadline: "Quý II/2025"',
        'deadline: "Cuối tháng Mười"',
        (0, 10),
        "Không hiểu thời hạn “Cuối tháng Mười”. Hãy viết theo một dạng đã biết (“Quý II/2025”, “4/2025”, "
        "“Năm 2026”, “2025 và những năm tiếp theo”, “2025 - 2030”, “Thường xuyên”, “Hằng năm”, “Sau khi "
        "Nghị định của Chính phủ được ban hành”), hoặc ghi rõ loại thời hạn: "
        '`deadline: {raw: "…", kind: conditional}`.',
    ),
    "incomplete-deadline": (
        PLAN,
        'deadline: "Quý II/2025"',
        'deadline: {raw: "Cuối quý", kind: quarter, year: 2025}',
        (0, 10),
        "Thời hạn loại “quarter” cần thêm quarter, nếu không nhiệm vụ sẽ hiện như không có hạn. Ví dụ: "
        '`deadline: {raw: "…", kind: quarter, year: 2025, quarter: 2}`.',
    ),
    "unknown-layout": (
        PLAN,
        'layout: "cells"',
        'layout: "table"',
        (0, 8),
        "Giá trị “table” không hợp lệ cho “layout”. Chọn một trong: 'pipe', 'cells', 'plain' hoặc 'markdown'.",
    ),
    "unquoted-number": (
        PLAN,
        'label: "7.10"',
        "label: 7.10",
        (0, 7),
        'YAML đọc 7.10 thành số 7.1; trường “label” cần văn bản. Hãy đặt trong ngoặc kép: "7.10".',
    ),
    "impossible-date": (
        PLAN,
        "issued_on: 2025-02-21",
        "issued_on: 2025-02-30",
        (0, 11),
        "Ngày “2025-02-30” không có thật. Hãy viết ngày đúng theo dạng NNNN-TT-NN, ví dụ 2025-02-21.",
    ),
    "duplicate-key": (
        PLAN,
        'number: "1/KH-UBND"',
        'number: "1/KH-UBND"\nnumber: "2/KH-UBND"',
        (1, 0),
        "Khoá “number” bị lặp (đã có ở dòng 6). YAML sẽ bỏ mất một trong hai giá trị: hãy xoá hoặc gộp một dòng.",
    ),
    "missing-required": (
        PLAN,
        '    section: "i"\n',
        "",
        (0, 0),
        None,
    ),
    "agency-text-mismatch": (
        PLAN,
        'agencies: ["so-khcn"]',
        'agencies: ["cac-so-nganh"]',
        (0, 10),
        "Ô cơ quan “Sở Khoa học và Công nghệ” gọi tên [so-khcn] nhưng `agencies` ghi [cac-so-nganh]. Hãy sửa "
        "`agencies` cho khớp; nếu văn bản viết tên cơ quan theo cách khác, thêm cách viết đó vào `aliases` "
        "của cơ quan trong data/agencies.yml.",
    ),
    "duplicate-label": (
        PLAN,
        '    label: "7.10"',
        '    label: "7.10"\n    horizon: 2030\n    name: "Phủ sóng 5G cho người dân"\n    source:\n      kind: '
        '"appendix"\n      appendix: "pl1"\n      line: 6\n  - id: "ct-2030-7-11"\n    label: "7.10"',
        (8, 11),
        "Số thứ tự “7.10” (mốc 2030) đã dùng cho chỉ tiêu ở dòng 26. Hãy kiểm tra lại với văn bản gốc: mỗi "
        "dòng của bảng một số.",
    ),
    "status-without-report": (
        PLAN,
        '    topics: ["ha-tang-so", "chinh-quyen-so"]\n',
        '    topics: ["ha-tang-so", "chinh-quyen-so"]\n    status: "hoan-thanh"\n',
        (1, 12),
        "Tình trạng “Hoàn thành” chưa có báo cáo làm nguồn. Hãy thêm một mục `updates` (ngày, ghi chú, "
        "nguồn), hoặc xoá dòng `status`.",
    ),
    "future-update": (
        PLAN,
        '    topics: ["ha-tang-so", "chinh-quyen-so"]\n',
        '    topics: ["ha-tang-so", "chinh-quyen-so"]\n    updates:\n      - date: 2999-01-01\n        note: "Xong"\n'
        '        source:\n          title: "Báo cáo 1"\n          url: "https://example.org/1"\n',
        (2, 14),
        "Ngày cập nhật 01/01/2999 chưa đến. Hãy ghi ngày của báo cáo.",
    ),
    "status-disagrees-with-update": (
        PLAN,
        '    topics: ["ha-tang-so", "chinh-quyen-so"]\n',
        '    topics: ["ha-tang-so", "chinh-quyen-so"]\n    status: "hoan-thanh"\n'
        "    updates:\n      - date: 2025-06-30\n"
        '        status: "dang-thuc-hien"\n        note: "Đang làm"\n        source:\n          title: "Báo cáo 1"\n'
        '          url: "https://example.org/1"\n',
        (1, 12),
        "Tình trạng “Hoàn thành” khác với cập nhật mới nhất (ngày 30/06/2025: “Đang thực hiện”). Hãy ghi "
        '`status: "dang-thuc-hien"`, hoặc thêm cập nhật mới.',
    ),
    "unknown-province": (
        PLAN,
        'province: "tinh-a"',
        'province: "tinh-c"',
        (0, 10),
        "Không có tỉnh mã “tinh-c” trong data/provinces.yml. Mã gần giống: tinh-b, tinh-a.",
    ),
}


@pytest.mark.parametrize("case", [c for c, v in CASES.items() if v[4] is not None])
def test_broken_file_is_reported_exactly(data: Path, case: str) -> None:
    name, old, new, (dline, dcol), message = CASES[case]
    line, column = break_file(data, name, old, new)
    before = snapshot(data)
    result = run_check(data)
    assert result.returncode == 1
    expected = f"{(data / name)}:{line + dline}:{column + dcol}: {message}"
    assert result.stdout.splitlines()[0] == expected
    assert result.stdout.splitlines()[-1] == "Có 1 lỗi. Sửa các lỗi trên rồi chạy lại: make check"
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(data) == before, "the validator must not change any file"


def test_duplicate_task_id(data: Path) -> None:
    path = data / PLAN
    text = path.read_text(encoding="utf-8")
    task = text[text.index('  - id: "nv-1"') :]
    path.write_text(text + task, encoding="utf-8")
    line = text.count("\n") + 1
    result = run_check(data)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:{line}:9: Mã nhiệm vụ “nv-1” bị trùng trong kế hoạch này. Mỗi mã chỉ dùng một lần: hãy đổi "
        "một mã (mã đã công bố là địa chỉ trang, đừng đổi mã cũ)."
    )


def test_nfd_text_pasted_from_word(data: Path) -> None:
    old = '"Xây dựng trung tâm dữ liệu tỉnh"'
    new = unicodedata.normalize("NFD", old)
    assert new != old
    line, column = break_file(data, PLAN, old, new)
    result = run_check(data)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"{data / PLAN}:{line}:{column}: Văn bản “{new[1:-1]}” có chữ tiếng Việt ở dạng tổ hợp (NFD), "
        "thường do dán từ Word hoặc PDF: trông giống nhưng tìm kiếm và so khớp sẽ sai. Hãy gõ lại đoạn này, "
        "hoặc chạy `python scripts/normalize_text.py <tệp>` để chuyển về dạng dựng sẵn (NFC)."
    )


def test_missing_required_field(data: Path) -> None:
    break_file(data, PLAN, '    section: "i"\n', "")
    result = run_check(data)
    assert result.returncode == 1
    text = (data / PLAN).read_text(encoding="utf-8")
    task_line = text[: text.index('  - id: "nv-1"')].count("\n") + 1
    assert result.stdout.splitlines()[0] == (
        f"{data / PLAN}:{task_line}:5: Thiếu trường bắt buộc “section”. Hãy thêm dòng `section: …`."
    )


def test_every_problem_is_reported_at_once(data: Path) -> None:
    """A broken reference file does not hide the problems of the other files."""
    break_file(data, PLAN, 'agencies: ["so-khcn"]', 'agencies: ["so-khcnn"]')
    break_file(data, PLAN, 'province: "tinh-a"', 'province: "tinh-c"')
    break_file(data, "topics.yml", '    short_name: "Chính quyền số"', '    short_nam: "Chính quyền số"')
    result = run_check(data)
    assert result.returncode == 1
    lines = [line.removeprefix(f"{data}/") for line in result.stdout.splitlines()]
    assert lines[:3] == [
        f"{PLAN}:2:11: Không có tỉnh mã “tinh-c” trong data/provinces.yml. Mã gần giống: tinh-b, tinh-a.",
        f"{PLAN}:47:18: Không có loại cơ quan mã “so-khcnn” trong data/agencies.yml. "
        "Mã gần giống: so-khcn, cac-so-nganh.",
        "topics.yml:11:5: Trường “short_nam” không có trong mẫu dữ liệu. Có phải là “short_name”? "
        "Hãy sửa tên trường thành “short_name”.",
    ]
    assert lines[-1].startswith("Có 3 lỗi.")


def test_a_broken_item_still_has_its_references_checked(data: Path) -> None:
    """A misspelt key in a task does not hide the unknown agency and topic in the same task."""
    break_file(
        data, PLAN, '    title: "Xây dựng trung tâm dữ liệu tỉnh"', '    titel: "Xây dựng trung tâm dữ liệu tỉnh"'
    )
    break_file(data, PLAN, 'agencies: ["so-khcn"]', 'agencies: ["so-khcnn"]')
    break_file(data, PLAN, 'topics: ["ha-tang-so", "chinh-quyen-so"]', 'topics: ["ha-tang-so", "chinh-quyen-s"]')
    result = run_check(data)
    assert result.returncode == 1
    lines = [line.removeprefix(f"{data / PLAN}:") for line in result.stdout.splitlines()]
    assert lines == [
        "44:5: Trường “titel” không có trong mẫu dữ liệu. Có phải là “title”? Hãy sửa tên trường thành “title”.",
        "47:18: Không có loại cơ quan mã “so-khcnn” trong data/agencies.yml. Mã gần giống: so-khcn, cac-so-nganh.",
        "53:28: Không có chủ đề mã “chinh-quyen-s” trong data/topics.yml. Mã gần giống: chinh-quyen-so.",
        "",
        "Có 3 lỗi. Sửa các lỗi trên rồi chạy lại: make check",
    ]


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "provinces.yml",
            '    name: "Tỉnh Bờ"',
            '    name: "Tỉnh Bờ"\n    merged_into: "tinh-a"',
            "Chuỗi sáp nhập quay vòng: tinh-a → tinh-b → tinh-a. Hãy sửa để chuỗi dừng ở tỉnh, thành phố hiện nay "
            "(không có merged_into).",
        ),
        (
            "agencies.yml",
            '    successor: "so-khcn"',
            '    successor: "so-tttt"',
            "Chuỗi cơ quan kế thừa quay vòng: so-tttt → so-tttt. Hãy sửa để chuỗi dừng ở cơ quan hiện nay (không có "
            "successor).",
        ),
    ],
)
def test_a_successor_loop_is_reported(data: Path, name: str, old: str, new: str, message: str) -> None:
    break_file(data, name, old, new)
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_data.py"), "--data", str(data)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=20,
    )
    assert result.returncode == 1
    assert message in result.stdout, result.stdout


def test_unexpected_input_gives_no_traceback(tmp_path: Path) -> None:
    result = run_check(tmp_path / "does-not-exist")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "Không tìm thấy tệp" in result.stdout
