"""A page says when the data it shows last changed: the newest commit of any file it is
built from, not only of the file its edit button opens (macros/site/pages/base.py Site.render)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from macros.bench.site_config import write_site

REPO_ROOT = Path(__file__).resolve().parent.parent
PLAN = "data/plans/nam-dinh-kh-29-2025.yml"


def commit(repo: Path, message: str, day: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{day}T09:00:00+07:00",
        "GIT_COMMITTER_DATE": f"{day}T09:00:00+07:00",
        "GIT_AUTHOR_NAME": "Ban biên tập",
        "GIT_AUTHOR_EMAIL": "bbt@example.org",
        "GIT_COMMITTER_NAME": "Ban biên tập",
        "GIT_COMMITTER_EMAIL": "bbt@example.org",
    }
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], check=True, env=env)


def updated(site: Path, uri: str) -> str:
    text = (site / uri / "index.html").read_text(encoding="utf-8")
    found = re.search(r"cập nhật lần cuối ngày (\d\d/\d\d/\d{4})", text)
    assert found, f"{uri}: no last-changed line"
    return found.group(1)


def test_pages_date_the_newest_file_they_show(tmp_path: Path, mkdocs_build) -> None:
    shutil.copytree(REPO_ROOT / "data", tmp_path / "data")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    config = write_site(tmp_path, home="# Trang chủ\n\nCổng thử nghiệm.\n")
    commit(tmp_path, "the data as imported", "2025-03-01")
    plan = tmp_path / PLAN
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            '    topics: ["nhan-thuc-truyen-thong"]\n',
            '    topics: ["nhan-thuc-truyen-thong"]\n    note: "Ghi chú mới."\n',
            1,
        ),
        encoding="utf-8",
    )
    commit(tmp_path, "a note on one Nam Định task", "2025-06-30")
    site = mkdocs_build(config, tmp_path / "site")

    assert updated(site, "ke-hoach/nam-dinh-kh-29-2025") == "30/06/2025"
    # pages that show Nam Định's tasks, though their edit button opens another file
    assert updated(site, "co-quan/nam-dinh/so-khcn") == "30/06/2025"
    assert updated(site, "co-quan/ninh-binh/so-khcn") == "30/06/2025"  # its successor since 2025
    assert updated(site, "tinh/nam-dinh") == "30/06/2025"
    assert updated(site, "chu-de/nhan-thuc-truyen-thong") == "30/06/2025"
    assert updated(site, "so-sanh") == "30/06/2025"
    # pages that show nothing of it keep their own date
    assert updated(site, "co-quan/quang-nam/so-khcn") == "01/03/2025"
    assert updated(site, "ke-hoach/quang-nam-kh-1534-2025") == "01/03/2025"
    assert updated(site, "van-ban/quang-nam-kh-1534-2025") == "01/03/2025"
