"""Kiểm tra dữ liệu: đọc mọi tệp trong data/ và in từng lỗi dạng tệp:dòng:cột: thông báo.

Check all of data/ and print every problem as `file:line:column: message` (Vietnamese,
with the fix). Exits 1 when there is any problem. Changes no file. The site build runs
the same check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's macros/, not another clone's

from macros.cli import DATA_DIR, ROOT, run
from macros.data.loader import load_registry
from macros.data.problems import DataError


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra dữ liệu trong data/ (không sửa tệp nào).")
    parser.add_argument("--data", default=str(DATA_DIR), help="thư mục dữ liệu (mặc định: data/)")
    args = parser.parse_args(argv)
    try:
        registry = load_registry(args.data, root=ROOT)
    except DataError as err:
        for problem in err.problems:
            print(problem)
        print(f"\nCó {len(err.problems)} lỗi. Sửa các lỗi trên rồi chạy lại: python scripts/check_data.py")
        return 1
    tasks = sum(len(p.tasks) for p in registry.plans.values())
    indicators = sum(len(p.indicators) for p in registry.plans.values())
    print(f"Dữ liệu hợp lệ: {len(registry.plans)} kế hoạch, {tasks} nhiệm vụ, {indicators} chỉ tiêu.")
    return 0


if __name__ == "__main__":
    run(main)
