"""So sánh hai bản dựng của cổng, từng tệp một (trước và sau một thay đổi không được đổi nội dung).

`python scripts/compare_sites.py SITE_TRUOC SITE_SAU`: in các tệp chỉ có ở một bên và các
tệp khác nhau; exit 0 khi hai bản dựng giống hệt nhau, 1 khi khác.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's macros/, not another clone's

from macros.bench.site_diff import site_diff
from macros.cli import run

SHOWN = 20


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="So sánh hai thư mục site đã dựng, từng tệp một.")
    parser.add_argument("before", type=Path, help="bản dựng trước thay đổi")
    parser.add_argument("after", type=Path, help="bản dựng sau thay đổi")
    args = parser.parse_args(argv)
    for folder in (args.before, args.after):
        if not folder.is_dir():
            print(f"Không thấy thư mục {folder}.", file=sys.stderr)
            return 2
    diff = site_diff(args.before, args.after)
    for label, names in (
        ("chỉ có ở bản trước", diff.only_before),
        ("chỉ có ở bản sau", diff.only_after),
        ("khác nhau", diff.changed),
    ):
        if names:
            print(f"{len(names)} tệp {label}:")
            print("\n".join(f"  {n}" for n in names[:SHOWN]) + ("\n  …" if len(names) > SHOWN else ""))
    print(f"{diff.files} tệp: " + ("giống hệt nhau." if diff.same else "CÓ KHÁC BIỆT."))
    return 0 if diff.same else 1


if __name__ == "__main__":
    run(main)
