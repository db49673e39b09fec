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
from macros.editing.guide import example_problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra dữ liệu trong data/ (không sửa tệp nào).")
    parser.add_argument("--data", default=str(DATA_DIR), help="thư mục dữ liệu (mặc định: data/)")
    parser.add_argument(
        "--content", help="thư mục nội dung, có trang hướng dẫn (mặc định: content/ bên cạnh thư mục dữ liệu)"
    )
    args = parser.parse_args(argv)
    try:
        registry = load_registry(args.data, root=ROOT)
        content = Path(args.content) if args.content else Path(args.data).parent / "content"
        problems = example_problems(registry, content, root=ROOT)
    except DataError as err:
        problems = err.problems
    if problems:
        for problem in problems:
            print(problem)
        print(f"\nCó {len(problems)} lỗi. Sửa các lỗi trên rồi chạy lại: make check")
        return 1
    tasks = sum(len(p.tasks) for p in registry.plans.values())
    indicators = sum(len(p.indicators) for p in registry.plans.values())
    print(f"Dữ liệu hợp lệ: {len(registry.plans)} kế hoạch, {tasks} nhiệm vụ, {indicators} chỉ tiêu.")
    return 0


if __name__ == "__main__":
    run(main)
