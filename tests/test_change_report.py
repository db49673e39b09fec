"""The reviewers' data-change report on a scripted git history.

A temporary repository starts from the fixture dataset; each commit makes one kind of
editorial change, and the report between two commits must say exactly that, or say
nothing when only the YAML's layout changed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "data"
PLAN = "data/plans/demo-kh-1-2025.yml"
SITE = "https://preview.example/pr-7/"
NO_CHANGE = "Không có thay đổi nào về nội dung"


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "Biên tập viên", "GIT_AUTHOR_EMAIL": "bt@example.org",
           "GIT_COMMITTER_NAME": "Biên tập viên", "GIT_COMMITTER_EMAIL": "bt@example.org",
           "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=env).stdout


def edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)
    return git(repo, "rev-parse", "--short", "HEAD").strip()


def report(repo: Path, base: str, head: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "change_report.py"), "--repo", str(repo),
         "--base", base, "--head", head, "--site-url", SITE],
        capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(FIXTURE, repo / "data")
    revs = {"base": commit(repo, "base")}

    # layout only: keys reordered, quotes dropped where YAML allows, a comment added
    edit(repo, PLAN, '''    label: "1"
    title: "Xây dựng trung tâm dữ liệu tỉnh"''', '''    # nhiệm vụ đầu tiên
    title: Xây dựng trung tâm dữ liệu tỉnh
    label: '1\'''')
    revs["reformat"] = commit(repo, "reformat")

    edit(repo, PLAN, '''    topics: ["ha-tang-so", "chinh-quyen-so"]''', '''    topics: ["ha-tang-so", "chinh-quyen-so"]
    status: "dang-thuc-hien"
    updates:
      - date: 2025-06-30
        status: "dang-thuc-hien"
        note: "Đã khởi công trung tâm dữ liệu."
        source:
          title: "Báo cáo số 12/BC-SKHCN"
          url: "https://example.org/bao-cao-12"''')
    revs["status"] = commit(repo, "status update")

    edit(repo, "data/agencies.yml", '    name: "Sở Khoa học và Công nghệ"', '    name: "Sở Khoa học, Công nghệ và Chuyển đổi số"')
    revs["rename"] = commit(repo, "rename agency")

    plan = (repo / PLAN).read_text(encoding="utf-8")
    indicators = plan[plan.index("indicators:\n"):plan.index("tasks:\n")]
    (repo / PLAN).write_text(plan.replace(indicators, "") + indicators, encoding="utf-8")
    revs["move"] = commit(repo, "move the indicators block below the tasks")

    plan = (repo / PLAN).read_text(encoding="utf-8")
    task = plan[plan.index('  - id: "nv-1"'):plan.index("indicators:\n")]
    new_task = '''  - id: "nv-2"
    label: "2"
    title: "Số hóa hồ sơ thủ tục hành chính"
    lead:
      raw: "Sở Khoa học và Công nghệ"
      agencies: ["so-khcn"]
    deadline: "Quý IV/2025"
    section: "i"
    topics: ["chinh-quyen-so"]
    source:
      kind: "appendix"
      appendix: "pl2"
      line: 11
'''
    (repo / PLAN).write_text(plan.replace(task, task + new_task), encoding="utf-8")
    revs["add"] = commit(repo, "add a task")

    plan = (repo / PLAN).read_text(encoding="utf-8")
    (repo / PLAN).write_text(plan[:plan.index("indicators:\n")], encoding="utf-8")
    revs["delete"] = commit(repo, "delete the indicator")
    return repo, revs


def test_reformatting_gives_an_empty_report(history: tuple[Path, dict[str, str]]) -> None:
    repo, revs = history
    assert NO_CHANGE in report(repo, revs["base"], revs["reformat"])


def test_moving_a_block_gives_an_empty_report(history: tuple[Path, dict[str, str]]) -> None:
    repo, revs = history
    assert NO_CHANGE in report(repo, revs["rename"], revs["move"])


def test_status_update_is_called_out(history: tuple[Path, dict[str, str]]) -> None:
    repo, revs = history
    text = report(repo, revs["reformat"], revs["status"])
    assert "### Cập nhật tiến độ" in text
    assert f"[Xây dựng trung tâm dữ liệu tỉnh]({SITE}ke-hoach/demo-kh-1-2025/#nv-1)" in text
    assert "tình trạng *Chưa có báo cáo tiến độ* → **Đang thực hiện**" in text
    assert "Cập nhật ngày 30/06/2025 (Đang thực hiện): Đã khởi công trung tâm dữ liệu\\." in text
    assert "[Báo cáo số 12/BC\\-SKHCN](https://example.org/bao-cao-12)" in text
    assert "  - Tình trạng: ~~Chưa có báo cáo tiến độ~~ → Đang thực hiện" in text
    assert "  - Cập nhật tiến độ: ~~\\(trống\\)~~ → 2025\\-06\\-30: Đã khởi công trung tâm dữ liệu\\." in text
    assert "**Tóm tắt:** 1 nhiệm vụ thay đổi." in text


def test_renamed_agency_shows_old_and_new_name(history: tuple[Path, dict[str, str]]) -> None:
    repo, revs = history
    text = report(repo, revs["status"], revs["rename"])
    assert "### Dữ liệu tham chiếu" in text
    assert (f"- **Loại cơ quan thay đổi:** [Sở Khoa học, Công nghệ và Chuyển đổi số]({SITE}co-quan/loai/so-khcn/)"
            in text)
    assert "  - Tên: ~~Sở Khoa học và Công nghệ~~ → Sở Khoa học, Công nghệ và Chuyển đổi số" in text
    assert "nhiệm vụ" not in text.split("**Tóm tắt:**")[1].split("\n")[0]


def test_added_task_is_listed_with_its_link(history: tuple[Path, dict[str, str]]) -> None:
    repo, revs = history
    text = report(repo, revs["move"], revs["add"])
    assert f"- **Nhiệm vụ thêm mới:** [Số hóa hồ sơ thủ tục hành chính]({SITE}ke-hoach/demo-kh-1-2025/#nv-2)" in text
    assert "**Tóm tắt:** 1 nhiệm vụ thêm mới." in text


def test_deleted_indicator_is_listed(history: tuple[Path, dict[str, str]]) -> None:
    repo, revs = history
    text = report(repo, revs["add"], revs["delete"])
    assert "- **Chỉ tiêu bị xoá:** ~~Phủ sóng 5G cho người dân~~" in text
    assert "**Tóm tắt:** 1 chỉ tiêu bị xoá." in text


def test_whole_history_in_one_report(history: tuple[Path, dict[str, str]]) -> None:
    repo, revs = history
    text = report(repo, revs["base"], revs["delete"])
    for expected in ("1 nhiệm vụ thêm mới", "1 chỉ tiêu bị xoá", "1 loại cơ quan thay đổi", "1 nhiệm vụ thay đổi"):
        assert expected in text


def test_broken_head_is_reported_with_its_problems(history: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    repo, revs = history
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True, capture_output=True)
    edit(clone, PLAN, 'deadline: "Quý IV/2025"', 'deadline: "Cuối năm nay"')
    text = report(clone, "HEAD", "WORKTREE")
    assert "có 1 lỗi" in text
    assert "Không hiểu thời hạn “Cuối năm nay”" in text
