"""Chuẩn hoá chữ tiếng Việt trong tệp về dạng dựng sẵn (NFC), giữ nguyên mọi thứ khác.

Rewrite each given text file to Unicode NFC in place: the fix the validator suggests for
Vietnamese pasted from Word or PDF in decomposed form (NFD), which looks the same but
breaks search and matching. Nothing else changes: line endings, a byte-order mark,
spacing and every byte outside the decomposed letters stay exactly as they were, and a
file already in NFC is not written at all. With --check, only report (exit 1 when a file
needs normalising). Exit 1 also when a file cannot be read.

    python scripts/normalize_text.py data/plans/nam-dinh-kh-29-2025.yml
    python scripts/normalize_text.py --check data/*.yml data/plans/*.yml
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import tempfile
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's macros/, not another clone's

from macros.cli import run

USAGE_HINT = "Hãy ghi tên tệp cần chuẩn hoá, ví dụ: python scripts/normalize_text.py data/plans/ten-ke-hoach.yml"


class FileProblem(Exception):
    """A file this tool cannot handle; the message is for the editor."""


def changed_letters(text: str) -> int:
    """How many letters NFC rewrites: a letter is a base character with the marks after it."""
    count, start = 0, 0
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            if not unicodedata.is_normalized("NFC", text[start:i]):
                count += 1
            start = i
    return count


def read_text(path: Path, shown: str) -> str:
    if not path.exists():
        raise FileProblem(f"Không tìm thấy tệp {shown}. Hãy kiểm tra lại tên và đường dẫn.")
    if path.is_dir():
        raise FileProblem(f"“{shown}” là thư mục, không phải tệp. Hãy ghi tên từng tệp, ví dụ {shown}/*.yml.")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise FileProblem(f"Không đọc được tệp {shown} ({err.strerror}).") from err
    try:
        return data.decode("utf-8")  # bytes as they are: "\r\n" and a BOM survive the round trip
    except UnicodeDecodeError as err:
        raise FileProblem(
            f"Tệp {shown} không phải văn bản UTF-8 (byte lạ ở vị trí {err.start}); tệp được giữ nguyên. "
            "Hãy lưu lại tệp với mã hoá UTF-8 rồi chạy lại."
        ) from err


def write_text(path: Path, text: str, shown: str) -> None:
    """Replace the file's content in one step (a crash leaves the old file), keeping its mode."""
    target = path.resolve()
    if not os.access(target, os.W_OK):
        raise FileProblem(
            f"Tệp {shown} đang ở chế độ chỉ đọc; tệp được giữ nguyên. Hãy bỏ chế độ chỉ đọc rồi chạy lại."
        )
    mode = stat.S_IMODE(target.stat().st_mode)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as err:
        Path(temporary).unlink(missing_ok=True)
        raise FileProblem(f"Không ghi được tệp {shown} ({err.strerror}); tệp được giữ nguyên.") from err


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Chuyển chữ tiếng Việt dạng tổ hợp (NFD) về dạng dựng sẵn (NFC), giữ nguyên mọi thứ khác."
    )
    parser.add_argument("files", nargs="*", metavar="TỆP", help="các tệp văn bản cần chuẩn hoá")
    parser.add_argument(
        "--check", action="store_true", help="chỉ kiểm tra, không sửa tệp (thoát với mã 1 nếu có tệp cần chuẩn hoá)"
    )
    args = parser.parse_args(argv)
    if not args.files:
        print(USAGE_HINT, file=sys.stderr)
        return 2

    changed = unchanged = failed = 0
    for name in args.files:
        path = Path(name)
        try:
            text = read_text(path, name)
            if unicodedata.is_normalized("NFC", text):
                unchanged += 1
                print(f"{name}: đã ở dạng dựng sẵn (NFC), không cần sửa.")
                continue
            letters = changed_letters(text)
            changed += 1
            if args.check:
                print(
                    f"{name}: có {letters} ký tự ở dạng tổ hợp (NFD). "
                    f"Chạy `python scripts/normalize_text.py {name}` để sửa."
                )
                continue
            write_text(path, unicodedata.normalize("NFC", text), name)
            print(f"Đã chuẩn hoá {name}: {letters} ký tự chuyển về dạng dựng sẵn (NFC).")
        except FileProblem as problem:
            failed += 1
            print(problem, file=sys.stderr)

    summary = [
        f"{changed} tệp cần chuẩn hoá" if args.check else f"đã chuẩn hoá {changed} tệp",
        f"{unchanged} tệp đã đúng dạng NFC",
    ]
    if failed:
        summary.append(f"{failed} tệp không xử lý được")
    print(("Kiểm tra xong: " if args.check else "Xong: ") + ", ".join(summary) + ".")
    return 1 if failed or (args.check and changed) else 0


if __name__ == "__main__":
    run(main)
