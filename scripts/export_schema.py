"""Xuất JSON Schema cho các tệp dữ liệu, để trình soạn thảo gợi ý và gạch chân lỗi.

Export the JSON Schema of every kind of data file into data/schema/, generated from
the data model (macros/model.py) and the current id lists. `--check` changes nothing
and exits 1 when the committed schema is stale (used by the tests and pre-commit).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from macros.cli import DATA_DIR, ROOT, run
from macros.problems import DataError
from macros.registry import load_registry
from macros.schema import SCHEMA_DIR, schema_files


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Xuất JSON Schema của dữ liệu vào data/schema/.")
    parser.add_argument("--data", default=str(DATA_DIR), help="thư mục dữ liệu (mặc định data/)")
    parser.add_argument("--check", action="store_true", help="chỉ kiểm tra, không ghi; lỗi nếu schema đã cũ")
    args = parser.parse_args(argv)
    data_dir = Path(args.data)
    try:
        registry = load_registry(data_dir, root=ROOT)
    except DataError as err:
        print("Dữ liệu có lỗi, sửa trước khi xuất schema:")
        print(err)
        return 1
    out_dir = data_dir / SCHEMA_DIR
    stale = []
    for name, text in schema_files(registry).items():
        path = out_dir / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            out_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.check:
        if stale:
            print("Schema đã cũ so với mô hình dữ liệu: " + ", ".join(str(p) for p in stale))
            print("Chạy: python scripts/export_schema.py")
            return 1
        print("Schema khớp với mô hình dữ liệu.")
        return 0
    print(f"Đã ghi {len(stale)} tệp schema." if stale else "Schema không đổi.")
    return 0


if __name__ == "__main__":
    run(main)
