"""Áp dụng các cách viết tên cơ quan đã chấp nhận trong danh sách cần xem lại.

Apply accepted alias proposals: every `alias` item with `accept: true` in
data/reviews/*.yml is added to its agency kind's `aliases` in data/agencies.yml, every
agency list in data/plans/ that the new spellings change is resolved again, and the
applied items leave the review list (the file goes when nothing is left in it). Only the
lines concerned change; comments and the rest of each file stay as they are. The result
is validated on a copy first: when it would not be valid, nothing is written.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's macros/, not another clone's

from macros.cli import DATA_DIR, run
from macros.data.loader import load_registry
from macros.data.problems import DataError
from macros.data.yamlio import dump_yaml
from macros.editing.aliases import AGENCIES_FILE, accepted_aliases, apply_aliases
from macros.editing.review import HEADER, REVIEWS_DIR, review_document


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Thêm các cách viết tên cơ quan đã chấp nhận (accept: true).")
    parser.add_argument("--data", default=str(DATA_DIR), help="thư mục dữ liệu (mặc định data/)")
    args = parser.parse_args(argv)
    data_dir = Path(args.data).resolve()
    root = data_dir.parent  # file names below are "data/…", as the loader names them
    try:
        registry = load_registry(data_dir, root=root)
    except DataError as err:
        print("Dữ liệu đang có lỗi, sửa trước khi áp dụng cách viết mới:")
        print(err)
        return 1
    if not accepted_aliases(registry):
        print(
            "Chưa có đề xuất cách viết nào được chấp nhận. Trong data/reviews/<mã kế hoạch>.yml, ghi "
            "accept: true ở những đề xuất đúng rồi chạy lại."
        )
        return 0
    prefix = data_dir.name
    plan_files = [registry.locations[("plan", pid)].file for pid in registry.plans]
    changes = apply_aliases(registry, f"{prefix}/{AGENCIES_FILE}", plan_files)
    removed: list[Path] = []
    for plan_id, done in changes.applied.items():
        review = registry.reviews[plan_id]
        left = [item.model_dump(exclude_none=True) for i, item in enumerate(review.items) if i not in done]
        name = f"{prefix}/{REVIEWS_DIR}/{plan_id}.yml"
        if left:
            changes.texts[name] = dump_yaml(review_document(plan_id, review.source, left), header=HEADER)
        else:
            removed.append(root / name)

    with tempfile.TemporaryDirectory() as scratch:  # validate the result before touching data/
        copy = Path(scratch) / prefix
        shutil.copytree(data_dir, copy)
        for name, text in changes.texts.items():
            (Path(scratch) / name).write_text(text, encoding="utf-8")
        for path in removed:
            (Path(scratch) / path.relative_to(root)).unlink()
        try:
            load_registry(copy, root=Path(scratch))
        except DataError as err:
            print("Sau khi thêm cách viết, dữ liệu sẽ có lỗi; không ghi tệp nào:")
            print(err)
            return 1

    for name, text in changes.texts.items():
        (root / name).write_text(text, encoding="utf-8")
    for path in removed:
        path.unlink()
    for text, kind in changes.added:
        print(f"Đã thêm cách viết “{text}” cho loại cơ quan “{kind}” ({prefix}/{AGENCIES_FILE}).")
    for file, line, kinds in changes.resolved:
        print(f"{file}:{line}: danh sách cơ quan nay là {', '.join(kinds)}")
    for file, line in changes.by_hand:
        print(f"{file}:{line}: danh sách không viết trên một dòng; hãy sửa tay theo cách viết mới")
    for path in removed:
        print(f"Đã xoá {path.relative_to(root)}: không còn mục nào cần xem lại.")
    print(f"Xong: {len(changes.added)} cách viết mới, {len(changes.resolved)} danh sách cơ quan được cập nhật.")
    return 0


if __name__ == "__main__":
    run(main)
