"""Ghi lại tệp từ vựng cho trình duyệt (gp-vocabulary.js) từ các định nghĩa Python.

Write theme_overrides/assets/javascripts/gp-vocabulary.js (the UI words, codes and
address names explorer.js and the search worker share with Python) from
macros/site/browser_vocabulary.py. `--check` changes nothing and exits 1 when the
committed file is stale (used by the tests and pre-commit).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's macros/, not another clone's

from macros.cli import run
from macros.site.browser_vocabulary import VOCABULARY_JS, vocabulary_js


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Ghi tệp từ vựng cho trình duyệt (gp-vocabulary.js).")
    parser.add_argument("--check", action="store_true", help="chỉ kiểm tra, không ghi; lỗi nếu tệp đã cũ")
    args = parser.parse_args(argv)
    text = vocabulary_js()
    fresh = VOCABULARY_JS.exists() and VOCABULARY_JS.read_text(encoding="utf-8") == text
    if args.check:
        if not fresh:
            print(f"Tệp từ vựng cho trình duyệt đã cũ so với định nghĩa Python: {VOCABULARY_JS}")
            print("Chạy: python scripts/export_vocabulary.py")
            return 1
        print("Tệp từ vựng cho trình duyệt khớp với định nghĩa Python.")
        return 0
    if not fresh:
        VOCABULARY_JS.write_text(text, encoding="utf-8")
    print("Đã ghi tệp từ vựng cho trình duyệt." if not fresh else "Tệp từ vựng cho trình duyệt không đổi.")
    return 0


if __name__ == "__main__":
    run(main)
