"""Báo cáo thay đổi dữ liệu giữa hai phiên bản git, viết bằng Markdown cho người duyệt.

The command line of macros/editing/change_report.py (what the report says and how).
GitHub refuses comments over 65,536 characters: --comment-output writes a version cut by
whole parts under --comment-limit, saying where the full report (--output) is.

    python scripts/change_report.py --base origin/main --head HEAD --site-url https://…/pr-12/
    python scripts/change_report.py --base origin/main --head HEAD --output full.md --comment-output comment.md
    python scripts/change_report.py            # last commit vs the files as they are now
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's macros/, not another clone's

from macros.cli import ROOT, run
from macros.editing.change_report import COMMENT_LIMIT, WORKTREE, build


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Báo cáo thay đổi dữ liệu giữa hai phiên bản git.")
    parser.add_argument("--base", default="HEAD", help="phiên bản gốc (mặc định HEAD)")
    parser.add_argument("--head", default=WORKTREE, help=f"phiên bản mới (mặc định {WORKTREE}: các tệp hiện tại)")
    parser.add_argument("--repo", default=str(ROOT), help="thư mục kho git (mặc định: kho này)")
    parser.add_argument("--site-url", default="", help="địa chỉ trang xem trước, để liên kết tới trang bị ảnh hưởng")
    parser.add_argument("--output", help="ghi báo cáo đầy đủ vào tệp thay vì in ra")
    parser.add_argument("--comment-output", help="ghi thêm bản rút gọn vừa một bình luận GitHub vào tệp này")
    parser.add_argument(
        "--comment-limit",
        type=int,
        default=COMMENT_LIMIT,
        help=f"số ký tự tối đa của bản rút gọn (mặc định {COMMENT_LIMIT}; GitHub nhận tới 65536)",
    )
    parser.add_argument(
        "--full-report-url", default="", help="địa chỉ nơi xem báo cáo đầy đủ (lượt chạy CI), nêu trong bản rút gọn"
    )
    args = parser.parse_args(argv)
    site_url = args.site_url.rstrip("/") + "/" if args.site_url else ""
    built = build(Path(args.repo), args.base, args.head, site_url)
    text = built.text()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    if args.comment_output:
        Path(args.comment_output).write_text(built.comment(args.comment_limit, args.full_report_url), encoding="utf-8")
    return 0


if __name__ == "__main__":
    run(main)
