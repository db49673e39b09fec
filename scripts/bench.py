"""Đo hiệu năng: dựng cổng, đo dung lượng trang và thời gian tới kết quả tìm kiếm đầu tiên trong Chromium.

The command line of macros/bench/report.py (what is measured and how): `--data current`
(the default), `national` (34 provinces × 150 tasks, generated), `national4` (four times
that: the build only), `both` (current and national) or `all` (the three, with the growth
ratio of the build from national to four times national); `--runs` builds (default 3),
`--samples` openings per page in Chromium (default 5), `--no-browser` skips Chromium,
`--no-serve` skips the editor's loop under `make serve`, `--no-peers` skips Pagefind and
stock Material search (measured beside the portal's search, with the ratios), `--json`
prints the report as JSON (progress then goes to stderr). Exit 1 if a build fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's macros/, not another clone's

from macros.bench.measure import SAMPLES, BuildFailed, Settings
from macros.bench.report import BOTH, DATA_SETS, format_reports, json_report, run_benchmark
from macros.cli import ROOT, run


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("phải là số nguyên ≥ 1")
    return value


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Đo thời gian dựng, dung lượng và tốc độ tìm kiếm của cổng.")
    parser.add_argument("--runs", type=positive, default=3, help="số lần dựng (mặc định: 3)")
    parser.add_argument(
        "--samples", type=positive, default=SAMPLES, help=f"số lần mở mỗi trang trong Chromium (mặc định: {SAMPLES})"
    )
    parser.add_argument(
        "--data",
        choices=(*DATA_SETS, "both", "all"),
        default="current",
        help="dữ liệu hiện tại, dữ liệu mẫu cỡ toàn quốc, gấp bốn cỡ toàn quốc (chỉ đo dựng), "
        "both = hiện tại và toàn quốc, all = cả ba (mặc định: current)",
    )
    parser.add_argument("--no-browser", action="store_true", help="không đo trong Chromium")
    parser.add_argument("--no-serve", action="store_true", help="không đo vòng sửa dữ liệu khi chạy make serve")
    parser.add_argument(
        "--no-peers", action="store_true", help="không đo Pagefind và ô tìm kiếm nguyên bản của Material để so sánh"
    )
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument(
        "--config",
        default=str(ROOT / "mkdocs.yml"),
        help="tệp cấu hình MkDocs của dữ liệu hiện tại (mặc định: mkdocs.yml)",
    )
    args = parser.parse_args(argv)
    log = sys.stderr if args.json else sys.stdout
    names = {"both": list(BOTH), "all": list(DATA_SETS)}.get(args.data, [args.data])
    settings = Settings(
        samples=args.samples, browser=not args.no_browser, serve=not args.no_serve, peers=not args.no_peers
    )
    try:
        reports = run_benchmark(names, Path(args.config), args.runs, settings, log)
    except BuildFailed as err:
        print(err.output[-4000:], file=sys.stderr)
        print(
            f"[{err.data_set}] Lần dựng {err.run_number} thất bại (mã thoát {err.returncode}); không đo tiếp. "
            "Chạy `make build` để xem lỗi.",
            file=sys.stderr,
        )
        return 1
    print(json_report(reports) if args.json else format_reports(reports))
    return 0


if __name__ == "__main__":
    run(main)
