"""scripts/normalize_text.py as editors meet it: run on files, NFD in, NFC out, nothing else touched.

The tool is run in a subprocess, as an editor would run it, on files in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "scripts" / "normalize_text.py"
FIXTURE = ROOT / "tests" / "fixtures" / "data"
PLAN = "plans/demo-kh-1-2025.yml"
OLD_TIME = 1_000_000_000  # 2001-09-09: a file the tool leaves alone keeps this mtime


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def run_tool(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(TOOL), *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )


def run_check(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_data.py"), "--data", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> bool:
    return "Traceback" not in result.stdout + result.stderr


def test_nfd_yaml_becomes_nfc_and_then_passes_the_validator(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    plan = data / PLAN
    original = plan.read_bytes()
    phrase = '"Xây dựng trung tâm dữ liệu tỉnh"'
    assert original.decode("utf-8").count(phrase) == 1
    plan.write_bytes(original.decode("utf-8").replace(phrase, nfd(phrase)).encode("utf-8"))
    assert plan.read_bytes() != original

    before = run_check(data)
    assert before.returncode == 1 and "scripts/normalize_text.py" in before.stdout

    result = run_tool(plan)
    assert result.returncode == 0, result.stdout + result.stderr
    # â (Xây), ự (dựng), â (tâm), ữ (dữ), ệ (liệu), ỉ (tỉnh): six letters were decomposed
    assert f"Đã chuẩn hoá {plan}: 6 ký tự" in result.stdout
    assert plan.read_bytes() == original, "every other byte is as it was"

    after = run_check(data)
    assert after.returncode == 0, after.stdout
    assert after.stdout.startswith("Dữ liệu hợp lệ")


def test_only_the_decomposed_letters_change(tmp_path: Path) -> None:
    """Line endings (CRLF, LF, a lone CR), a BOM, tabs, trailing spaces, "đ" (no decomposition),
    compatibility characters NFKC would rewrite ("…", "m²", "ﬁ", no-break space), other
    scripts and a missing final newline all stay; only NFD letters are composed."""
    composed = (
        '\ufeffid: "x"\r\n'
        'title: "Chuyển đổi số"  \t\r\n'
        "note: Đồng bộ dữ liệu…; Ω ≥ 30 % — 日本 m² ﬁ\u00a0x\n"
        "\r"
        "khác: Văn hoá / Văn hóa, Tỉnh uỷ\n"
        "cuối: không có dòng mới ở cuối"
    )
    assert unicodedata.is_normalized("NFC", composed)
    mixed = composed.replace("Chuyển đổi số", nfd("Chuyển đổi số")).replace("Văn hoá", nfd("Văn hoá"))
    path = tmp_path / "mixed.yml"
    path.write_bytes(mixed.encode("utf-8"))

    result = run_tool(path)
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == composed.encode("utf-8")
    # ể, ổ, ố in "Chuyển đổi số" ("đ" has no decomposition); ă, á in "Văn hoá"
    assert f"Đã chuẩn hoá {path}: 5 ký tự" in result.stdout


def test_an_nfc_file_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "ok.yml"
    content = 'title: "Xây dựng trung tâm dữ liệu tỉnh"\r\nđã đúng\n'.encode()
    path.write_bytes(content)
    os.utime(path, (OLD_TIME, OLD_TIME))
    result = run_tool(path)
    assert result.returncode == 0
    assert "không cần sửa" in result.stdout and "Đã chuẩn hoá" not in result.stdout
    assert path.read_bytes() == content
    assert path.stat().st_mtime == OLD_TIME, "the file was not even rewritten"


def test_permissions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "plan.yml"
    path.write_bytes(nfd("tên: Sở Khoa học và Công nghệ\n").encode("utf-8"))
    path.chmod(0o640)
    assert run_tool(path).returncode == 0
    assert (path.stat().st_mode & 0o777) == 0o640
    assert path.read_text(encoding="utf-8") == "tên: Sở Khoa học và Công nghệ\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yml"], "no temporary file left behind"


def test_check_only_reports(tmp_path: Path) -> None:
    bad, good = tmp_path / "bad.yml", tmp_path / "good.yml"
    bad_bytes = nfd('title: "Nâng cao nhận thức"\n').encode("utf-8")
    good_bytes = 'title: "Nâng cao nhận thức"\n'.encode()
    bad.write_bytes(bad_bytes)
    good.write_bytes(good_bytes)

    result = run_tool("--check", bad, good)
    assert result.returncode == 1
    assert f"{bad}: có 3 ký tự ở dạng tổ hợp (NFD)" in result.stdout  # â (Nâng), ậ (nhận), ứ (thức)
    assert f"python scripts/normalize_text.py {bad}" in result.stdout
    assert f"{good}: đã ở dạng dựng sẵn (NFC)" in result.stdout
    assert (bad.read_bytes(), good.read_bytes()) == (bad_bytes, good_bytes), "--check changes no file"

    assert run_tool("--check", good).returncode == 0


def test_a_missing_file_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    missing, other = tmp_path / "khong-co.yml", tmp_path / "other.yml"
    other.write_bytes(nfd("Thường xuyên\n").encode("utf-8"))
    result = run_tool(missing, other)
    assert result.returncode == 1
    assert no_traceback(result)
    assert f"Không tìm thấy tệp {missing}." in result.stderr
    assert other.read_text(encoding="utf-8") == "Thường xuyên\n", "the other files are still processed"
    assert "1 tệp không xử lý được" in result.stdout


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_bytes("Văn hóa\n".encode("cp1258")), "không phải văn bản UTF-8"),
        (lambda p: p.mkdir(), "là thư mục, không phải tệp"),
    ],
)
def test_unreadable_input_is_explained(tmp_path: Path, make, message) -> None:
    path = tmp_path / "input.yml"
    make(path)
    before = path.read_bytes() if path.is_file() else None
    result = run_tool(path)
    assert result.returncode == 1
    assert no_traceback(result)
    assert message in result.stderr
    if before is not None:
        assert path.read_bytes() == before


def test_no_file_named(tmp_path: Path) -> None:
    result = run_tool()
    assert result.returncode == 2
    assert no_traceback(result)
    assert "Hãy ghi tên tệp cần chuẩn hoá" in result.stderr
