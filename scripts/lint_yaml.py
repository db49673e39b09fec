"""Kiểm tra cách viết YAML (thụt lề, dấu cách, dòng trống) trong data/, báo bằng tiếng Việt.

Style check of data/ YAML files for the pre-commit hook: yamllint's rules (.yamllint.yml),
with its English messages said in Vietnamese as `file:line:column: message`. Syntax errors
and duplicate keys are left to scripts/check_data.py (the next hook), which reports them in
Vietnamese at the right line, so one mistake gives one message. Changes no file.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's macros/, not another clone's

from yamllint import linter
from yamllint.config import YamlLintConfig

from macros.cli import ROOT, run

CONFIG = ROOT / ".yamllint.yml"
LEFT_TO_THE_VALIDATOR = {None, "key-duplicates"}  # None: a syntax error

# yamllint's description (a regular expression) -> the same in Vietnamese; first match wins.
MESSAGES: tuple[tuple[str, str], ...] = (
    (r"too many spaces after colon", "thừa dấu cách sau dấu hai chấm “:” (chỉ một dấu cách)."),
    (r"too few spaces after colon|missing space after colon", "thiếu dấu cách sau dấu hai chấm “:”."),
    (r"too many spaces before colon", "thừa dấu cách trước dấu hai chấm “:”."),
    (r"too many spaces after comma", "thừa dấu cách sau dấu phẩy (chỉ một dấu cách)."),
    (r"too few spaces after comma", "thiếu dấu cách sau dấu phẩy."),
    (r"too many spaces before comma", "thừa dấu cách trước dấu phẩy."),
    (r"too many spaces inside brackets", "thừa dấu cách trong ngoặc vuông [ ]."),
    (r"too few spaces inside brackets", "thiếu dấu cách trong ngoặc vuông [ ]."),
    (r"too many spaces inside braces", "thừa dấu cách trong ngoặc nhọn { }."),
    (r"too few spaces inside braces", "thiếu dấu cách trong ngoặc nhọn { }."),
    (r"too many spaces after hyphen", "thừa dấu cách sau dấu “-” của mục danh sách (chỉ một dấu cách)."),
    (r"trailing spaces", "thừa dấu cách ở cuối dòng; hãy xoá."),
    (r"too many blank lines", "thừa dòng trống; hãy xoá bớt."),
    (r"no new line character at the end of file", "thiếu dấu xuống dòng ở cuối tệp; hãy thêm một dòng trống cuối tệp."),
    (r"wrong new line character", "ký tự xuống dòng kiểu Windows (CRLF); hãy lưu tệp với kiểu xuống dòng LF."),
    (r"wrong indentation", "thụt lề sai: mỗi cấp thụt thêm 2 dấu cách, thẳng với các dòng cùng cấp."),
    (r"too many spaces before comment", "thừa dấu cách trước dấu “#” của ghi chú."),
    (r"too few spaces before comment", "thiếu dấu cách trước dấu “#” của ghi chú."),
    (r"missing starting space in comment", "thiếu dấu cách sau dấu “#” của ghi chú."),
    (r"comment not indented like content", "ghi chú “#” thụt lề không thẳng với các dòng bên dưới."),
    (r"truthy value", 'giá trị đúng/sai chỉ viết true hoặc false; nếu là văn bản, đặt trong ngoặc kép "…".'),
    (r"anchor|alias", 'dữ liệu không dùng neo “&” và tham chiếu “*”; nếu là văn bản, đặt trong ngoặc kép "…".'),
)


def vietnamese(description: str) -> str:
    for english, message in MESSAGES:
        if re.search(english, description):
            return "Cách viết YAML: " + message
    return "Cách viết YAML chưa đúng quy ước của dự án ở đây; hãy viết giống các dòng cùng loại bên cạnh."


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra cách viết YAML (không sửa tệp nào).")
    parser.add_argument("files", nargs="*", help="tệp YAML cần kiểm tra")
    args = parser.parse_args(argv)
    config = YamlLintConfig(file=str(CONFIG))
    found = 0
    for name in args.files:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # scripts/check_data.py says why the file cannot be read
        for problem in linter.run(text, config):
            if problem.rule in LEFT_TO_THE_VALIDATOR:
                continue
            found += 1
            print(f"{name}:{problem.line}:{problem.column}: {vietnamese(problem.desc)}")
    if found:
        print(f"\nCó {found} lỗi cách viết. Sửa các lỗi trên rồi chạy lại: make check")
        return 1
    return 0


if __name__ == "__main__":
    run(main)
