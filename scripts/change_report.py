"""Báo cáo thay đổi dữ liệu giữa hai phiên bản git, viết bằng Markdown cho người duyệt.

Compare data/ at two git revisions (e.g. a pull request's base and head) and write a
Markdown summary in Vietnamese: plans, tasks and indicators added, removed and changed,
each changed field's old and new value, status changes called out, with links to the
preview site. Works from the data model, so moved or re-formatted YAML is no change.

    python scripts/change_report.py --base origin/main --head HEAD --site-url https://…/pr-12/
    python scripts/change_report.py            # last commit vs the files as they are now
"""

from __future__ import annotations

import argparse
import io
import subprocess
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from macros import changes as ch
from macros import vocabulary as vocab
from macros.cli import ROOT, run
from macros.pages import THEME_TEMPLATES
from macros.problems import DataError
from macros.registry import Registry, load_registry
from macros.render import Renderer

WORKTREE = "WORKTREE"


def data_at(repo: Path, rev: str, into: Path) -> Path:
    """data/ as it was at `rev` (WORKTREE: as it is now), extracted under `into`."""
    if rev == WORKTREE:
        return repo / "data"
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", rev, "data"],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"Không đọc được phiên bản “{rev}” trong git: {archive.stderr.decode().strip()}")
    target = into / rev.replace("/", "_")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / "data"


def load(data_dir: Path) -> tuple[Registry | None, list[str]]:
    try:
        return load_registry(data_dir, root=data_dir.parent), []
    except DataError as err:
        return None, [str(p) for p in err.problems]


def summary(changes: list[ch.Change]) -> str:
    words = {"added": "thêm mới", "removed": "bị xoá", "changed": "thay đổi"}
    counts = Counter((c.kind, c.action) for c in changes)
    return ", ".join(f"{n} {ch.KIND_LABELS[kind].lower()} {words[action]}" for (kind, action), n in counts.items())


def report(repo: Path, base: str, head: str, site_url: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        old, base_problems = load(data_at(repo, base, Path(tmp)))
        new, head_problems = load(data_at(repo, head, Path(tmp)))
    changes = ch.compare(old, new) if old and new else []
    groups: dict[str, list[ch.Change]] = {}
    for change in changes:
        groups.setdefault(change.plan or "Dữ liệu tham chiếu (cơ quan, chủ đề, tỉnh, khái niệm)", []).append(change)
    label = lambda rev: "bản đang sửa (chưa commit)" if rev == WORKTREE else f"`{rev}`"  # noqa: E731
    body, _ = Renderer(THEME_TEMPLATES).render(
        "reports/change-report.md", "",
        base_label=label(base), head_label=label(head), base_problems=base_problems, head_problems=head_problems,
        changes=changes, summary=summary(changes), groups=list(groups.items()),
        status_changes=[c for c in changes if c.kind == "task" and (c.status or c.new_updates)],
        kind_labels=ch.KIND_LABELS, status_words=vocab.STATUS_BY_VALUE, site_url=site_url,
    )
    return body


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Báo cáo thay đổi dữ liệu giữa hai phiên bản git.")
    parser.add_argument("--base", default="HEAD", help="phiên bản gốc (mặc định HEAD)")
    parser.add_argument("--head", default=WORKTREE, help=f"phiên bản mới (mặc định {WORKTREE}: các tệp hiện tại)")
    parser.add_argument("--repo", default=str(ROOT), help="thư mục kho git (mặc định: kho này)")
    parser.add_argument("--site-url", default="", help="địa chỉ trang xem trước, để liên kết tới trang bị ảnh hưởng")
    parser.add_argument("--output", help="ghi báo cáo vào tệp thay vì in ra")
    args = parser.parse_args(argv)
    site_url = args.site_url.rstrip("/") + "/" if args.site_url else ""
    text = report(Path(args.repo), args.base, args.head, site_url)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    run(main)
