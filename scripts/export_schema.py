"""Xuất JSON Schema cho các tệp dữ liệu, để trình soạn thảo gợi ý và gạch chân lỗi.

Export the JSON Schema of every kind of data file into data/schema/, generated from
the data model (macros/model.py) alone: the data files' contents (which provinces,
agency kinds, topics exist) do not enter it, so editing data never makes it stale.
`--check` changes nothing and exits 1 when the committed schema is stale (used by the
tests and pre-commit).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's macros/, not another clone's

from macros.cli import DATA_DIR, run
from macros.editing.schema import SCHEMA_DIR, schema_files


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Xuất JSON Schema của dữ liệu vào data/schema/.")
    parser.add_argument("--data", default=str(DATA_DIR), help="thư mục dữ liệu (mặc định data/)")
    parser.add_argument("--check", action="store_true", help="chỉ kiểm tra, không ghi; lỗi nếu schema đã cũ")
    args = parser.parse_args(argv)
    out_dir = Path(args.data) / SCHEMA_DIR
    stale = []
    for name, text in schema_files().items():
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
