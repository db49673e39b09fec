"""Thử dữ liệu hỏng và độc hại: chạy bộ kiểm tra trên các bản biến đổi của data/ và in số liệu.

Run the validator on a seeded set of mutants of data/ (and the hostile probes) and print
the figures: cases, reported, accepted, crashes, hangs. `--show STATUS` lists those cases.
Changes no file of the checkout (every case runs on a temporary copy).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's macros/, not another clone's

from macros.bench.fuzz import figures, run_cases
from macros.cli import run


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Thử bộ kiểm tra dữ liệu với dữ liệu hỏng (không sửa tệp nào).")
    parser.add_argument("--seed", type=int, default=57, help="hạt giống ngẫu nhiên (mặc định 57)")
    parser.add_argument("--count", type=int, default=240, help="số bản biến đổi ngẫu nhiên (mặc định 240)")
    parser.add_argument("--workers", type=int, default=2, help="số tiến trình chạy song song")
    parser.add_argument("--show", action="append", default=[], help="in các trường hợp có trạng thái này")
    parser.add_argument("--lines", action="store_true", help="in cả thông báo của bộ kiểm tra")
    args = parser.parse_args(argv)
    outcomes = run_cases(seed=args.seed, count=args.count, workers=args.workers)
    for outcome in outcomes:
        flagged = outcome.status in args.show or ("detail" in args.show and outcome.detail)
        if flagged:
            print(f"[{outcome.status}] #{outcome.index} {outcome.name} ({outcome.seconds:.2f} s) {outcome.detail}")
            if args.lines:
                for line in outcome.lines[:5]:
                    print(f"    {line}")
    print(", ".join(f"{key}: {value}" for key, value in figures(outcomes).items()))
    return 1 if any(o.status in ("crash", "hang") for o in outcomes) else 0


if __name__ == "__main__":
    run(main)
