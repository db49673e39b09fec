"""The reviewers' data-change report on a scripted git history.

A temporary repository starts from the fixture dataset; each commit makes one kind of
editorial change (the items it adds are marked `verbatim: false`: written for the test,
not copied from the fixture's source text), and the report between two commits must say exactly that, or say
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
    env = {
        "GIT_AUTHOR_NAME": "Biên tập viên",
        "GIT_AUTHOR_EMAIL": "bt@example.org",
        "GIT_COMMITTER_NAME": "Biên tập viên",
        "GIT_COMMITTER_EMAIL": "bt@example.org",
        "HOME": str(repo),
        "PATH": "/usr/bin:/bin",
    }
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
        [
            sys.executable,
            str(ROOT / "scripts" / "change_report.py"),
            "--repo",
            str(repo),
            "--base",
            base,
            "--head",
            head,
            "--site-url",
            SITE,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
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
    edit(
        repo,
        PLAN,
        '''    label: "1"
    title: "Xây dựng trung tâm dữ liệu tỉnh"''',
        """    # nhiệm vụ đầu tiên
    title: Xây dựng trung tâm dữ liệu tỉnh
    label: '1\'""",
    )
    revs["reformat"] = commit(repo, "reformat")

    edit(
        repo,
        PLAN,
        """    topics: ["ha-tang-so", "chinh-quyen-so"]""",
        '''    topics: ["ha-tang-so", "chinh-quyen-so"]
    status: "dang-thuc-hien"
    updates:
      - date: 2025-06-30
        status: "dang-thuc-hien"
        note: "Đã khởi công trung tâm dữ liệu."
        source:
          title: "Báo cáo số 12/BC-SKHCN"
          url: "https://example.org/bao-cao-12"''',
    )
    revs["status"] = commit(repo, "status update")

    edit(
        repo,
        "data/agencies.yml",
        '    name: "Sở Khoa học và Công nghệ"',
        '    name: "Sở Khoa học, Công nghệ và Chuyển đổi số"',
    )
    revs["rename"] = commit(repo, "rename agency")

    plan = (repo / PLAN).read_text(encoding="utf-8")
    indicators = plan[plan.index("indicators:\n") : plan.index("tasks:\n")]
    (repo / PLAN).write_text(plan.replace(indicators, "") + indicators, encoding="utf-8")
    revs["move"] = commit(repo, "move the indicators block below the tasks")

    plan = (repo / PLAN).read_text(encoding="utf-8")
    task = plan[plan.index('  - id: "nv-1"') : plan.index("indicators:\n")]
    new_task = """  - id: "nv-2"
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
      verbatim: false
"""
    (repo / PLAN).write_text(plan.replace(task, task + new_task), encoding="utf-8")
    revs["add"] = commit(repo, "add a task")

    plan = (repo / PLAN).read_text(encoding="utf-8")
    (repo / PLAN).write_text(plan[: plan.index("indicators:\n")], encoding="utf-8")
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
    assert "**Tóm tắt:** 1 nhiệm vụ thay đổi." in text
    # told once, readably: not again as a struck-through field difference
    assert text.count("#nv-1)") == 1
    assert "Tình trạng:" not in text and "Cập nhật tiến độ:" not in text and "2025\\-06\\-30" not in text


def test_renamed_agency_shows_old_and_new_name(history: tuple[Path, dict[str, str]]) -> None:
    repo, revs = history
    text = report(repo, revs["status"], revs["rename"])
    assert "### Dữ liệu tham chiếu" in text
    assert (
        f"- **Loại cơ quan thay đổi:** [Sở Khoa học, Công nghệ và Chuyển đổi số]({SITE}co-quan/loai/so-khcn/)" in text
    )
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


# --- files outside the data model, order, key fields, names, readable problems, size ------

PLAN_PAGE = f"{SITE}ke-hoach/demo-kh-1-2025/"


def task_yaml(n: int, lead: str = "so-khcn", section: str = "i") -> str:
    names = {"so-khcn": "Sở Khoa học và Công nghệ", "so-tttt": "Sở Thông tin và Truyền thông"}
    return f'''  - id: "nv-{n}"
    label: "{n}"
    title: "Nhiệm vụ số {n}"
    lead:
      raw: "{names[lead]}"
      agencies: ["{lead}"]
    deadline: "Năm 2026"
    section: "{section}"
    topics: ["ha-tang-so"]
    source:
      kind: "appendix"
      appendix: "pl2"
      line: 11
      verbatim: false
'''


def split_plan(repo: Path) -> tuple[str, str, str]:
    """The demo plan as (head up to the tasks, the tasks block, the indicators block on)."""
    plan = (repo / PLAN).read_text(encoding="utf-8")
    tasks, indicators = plan.index("tasks:\n"), plan.index("indicators:\n")
    assert indicators < tasks
    return plan[:indicators], plan[indicators:tasks], plan[tasks:]


def write(repo: Path, path: str, text: str) -> None:
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A repository with content/ too; each commit makes one kind of change from the last."""
    repo = tmp_path_factory.mktemp("site")
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(FIXTURE, repo / "data")
    write(repo, "content/index.md", "# Cổng Kế hoạch 57\n")
    write(repo, "content/huong-dan/sua-loi.md", "# Sửa lỗi\n\nMở tệp YAML.\n")
    write(repo, "content/ke-hoach/demo-kh-1-2025.md", "Kế hoạch thực hiện Nghị quyết 57.\n")
    revs = {"base": commit(repo, "base")}

    write(repo, "tests/test_other.py", "def test_nothing():\n    pass\n")
    revs["tests-only"] = commit(repo, "a test, nothing published")

    write(repo, "content/ke-hoach/demo-kh-1-2025.md", "Kế hoạch thực hiện Nghị quyết 57, bản sửa.\n")
    write(repo, "content/huong-dan/sua-loi.md", "# Sửa lỗi\n\nMở tệp YAML rồi lưu.\n")
    write(repo, "content/huong-dan/moi.md", "# Trang mới\n")
    write(repo, "data/sources/ghi-chu.txt", "Văn bản mới\n")
    revs["narrative"] = commit(repo, "narratives and a new source text")

    with (repo / "data/sources/demo.txt").open("a", encoding="utf-8") as f:
        f.write("Dòng thêm vào văn bản gốc\n")
    revs["source-edit"] = commit(repo, "an existing source text edited")

    write(repo, "theme_overrides/main.html", "{% extends 'base.html' %}\n")
    revs["theme"] = commit(repo, "theme only")

    head, indicators, tasks = split_plan(repo)
    head = head.replace(
        """    topic: "ha-tang-so"
""",
        """    topic: "ha-tang-so"
  - id: "ii"
    label: "II"
    title: "Chính quyền số"
    topic: "chinh-quyen-so"
""",
    )
    indicators += """  - id: "ct-2030-8"
    label: "8"
    horizon: 2030
    name: "Tỷ lệ hồ sơ xử lý trực tuyến"
    unit: "%"
    target: "100"
    monitoring:
      raw: "Sở Khoa học và Công nghệ"
      agencies: ["so-khcn"]
    source:
      kind: "appendix"
      appendix: "pl1"
      line: 6
      verbatim: false
"""
    write(repo, PLAN, head + indicators + tasks + task_yaml(2) + task_yaml(3, section="ii"))
    revs["more"] = commit(repo, "a section, an indicator, two tasks")

    head, indicators, tasks = split_plan(repo)
    first, second = head.split('  - id: "i"\n')[1].split('  - id: "ii"\n')
    head = head.split('  - id: "i"\n')[0] + '  - id: "ii"\n' + second + '  - id: "i"\n' + first
    one, two = indicators.split('  - id: "ct-2030-8"\n')
    indicators = "indicators:\n" + '  - id: "ct-2030-8"\n' + two + one.removeprefix("indicators:\n")
    nv1, rest = tasks.split('  - id: "nv-2"\n')
    tasks = "tasks:\n" + '  - id: "nv-2"\n' + rest + nv1.removeprefix("tasks:\n")
    write(repo, PLAN, head + indicators + tasks)
    revs["reorder"] = commit(repo, "sections, indicators and tasks re-ordered")

    edit(
        repo,
        PLAN,
        """      raw: "Sở Khoa học và Công nghệ"
      agencies: ["so-khcn"]
    support:""",
        """      raw: "Sở Thông tin và Truyền thông"
      agencies: ["so-tttt"]
    support:""",
    )
    edit(repo, PLAN, 'topics: ["ha-tang-so", "chinh-quyen-so"]', 'topics: ["chinh-quyen-so", "ha-tang-so"]')
    # the lead cell is copied from the source: a corrected copy of a corrected source line
    shutil.copy(repo / "data/sources/demo.txt", repo / "data/sources/demo-v2.txt")
    edit(repo, "data/sources/demo-v2.txt", "Sở Khoa học và Công nghệ\nCác", "Sở Thông tin và Truyền thông\nCác")
    edit(repo, PLAN, 'file: "demo.txt"', 'file: "demo-v2.txt"')
    revs["agencies"] = commit(repo, "another lead agency and main topic")

    plan2 = (repo / "data/plans/demo-kh-1-2025.yml").read_text(encoding="utf-8")
    plan2 = (
        plan2.replace('id: "demo-kh-1-2025"', 'id: "demo-kh-2-2025"')
        .replace('number: "1/KH-UBND"', 'number: "2/KH-UBND"')
        .replace('file: "demo-v2.txt"', 'file: "demo-2.txt"')
        .replace("issued_on: 2025-02-21", "issued_on: 2025-03-05")
    )
    write(repo, "data/plans/demo-kh-2-2025.yml", plan2)
    shutil.copy(repo / "data/sources/demo-v2.txt", repo / "data/sources/demo-2.txt")
    revs["plan"] = commit(repo, "a second plan")

    edit(
        repo,
        PLAN,
        '''  - id: "nv-1"
    label: "1"''',
        '''  - id: "nv-1"
    label: "1"
    updates:
      - date: 2025-05-02
        note: "Đã giao vốn."
        source:
          title: "Báo cáo 3"
          url: "https://example.org/bc-3"''',
    )
    revs["progress"] = commit(repo, "a progress update")
    edit(repo, PLAN, 'note: "Đã giao vốn."', 'note: "Đã giao vốn đợt 1."')
    revs["progress-edit"] = commit(repo, "the progress update reworded")
    return repo, revs


def test_no_change_at_all_keeps_the_public_pages(site: tuple[Path, dict[str, str]]) -> None:
    repo, revs = site
    for base, head in (("base", "base"), ("base", "tests-only")):
        text = report(repo, revs[base], revs[head])
        assert NO_CHANGE in text and "Trang công khai giữ nguyên." in text


def test_narratives_pages_and_new_sources_are_listed(site: tuple[Path, dict[str, str]]) -> None:
    repo, revs = site
    text = report(repo, revs["tests-only"], revs["narrative"])
    assert "giữ nguyên" not in text
    assert "Dữ liệu (nhiệm vụ, chỉ tiêu, cơ quan, chủ đề) không thay đổi." in text
    assert "**Tóm tắt:** 4 tệp lời văn, trang viết tay hoặc văn bản gốc thay đổi." in text
    assert "### Lời văn, trang viết tay và văn bản gốc" in text
    assert (
        "- Sửa `content/ke-hoach/demo-kh-1-2025.md`: phần lời văn trên trang "
        f"[Kế hoạch 1/KH\\-UBND – Tỉnh A]({PLAN_PAGE})"
    ) in text
    assert f"- Sửa `content/huong-dan/sua-loi.md`: trang [`huong-dan/sua-loi/`]({SITE}huong-dan/sua-loi/)" in text
    assert f"- Thêm `content/huong-dan/moi.md`: trang [`huong-dan/moi/`]({SITE}huong-dan/moi/)" in text
    assert "- Thêm `data/sources/ghi-chu.txt`\n" in text
    assert "⚠" not in text


def test_an_edited_source_text_is_a_warning(site: tuple[Path, dict[str, str]]) -> None:
    repo, revs = site
    text = report(repo, revs["narrative"], revs["source-edit"])
    assert "giữ nguyên" not in text
    assert "**⚠ 1 văn bản gốc đã công bố bị sửa hoặc xoá** (văn bản gốc chỉ được thêm mới)" in text
    assert (
        "- **⚠ Sửa `data/sources/demo.txt`:** văn bản gốc đã công bố bị sửa, trong khi văn bản gốc chỉ được "
        "thêm mới; các dòng mà nhiệm vụ, chỉ tiêu dẫn tới có thể lệch: "
        f"[văn bản gốc của Kế hoạch 1/KH\\-UBND – Tỉnh A]({SITE}van-ban/demo-kh-1-2025/)"
    ) in text


def test_a_theme_change_does_not_claim_unchanged_pages(site: tuple[Path, dict[str, str]]) -> None:
    repo, revs = site
    text = report(repo, revs["source-edit"], revs["theme"])
    assert NO_CHANGE in text and "giữ nguyên" not in text
    assert "1 tệp mã nguồn, giao diện hoặc cấu hình thay đổi, nên trang công khai có thể khác" in text
    text = report(repo, revs["tests-only"], revs["theme"])  # with content too: said after the files
    assert text.index("### Lời văn, trang viết tay và văn bản gốc") < text.index(
        "Ngoài ra 1 tệp mã nguồn, giao diện hoặc cấu hình thay đổi, nên trang công khai có thể khác"
    )


def test_uncommitted_files_are_listed(site: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    repo, revs = site
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True, capture_output=True)
    write(clone, "content/huong-dan/nhap.md", "# Bản nháp\n")
    text = report(clone, "HEAD", "WORKTREE")
    assert f"- Thêm `content/huong-dan/nhap.md`: trang [`huong-dan/nhap/`]({SITE}huong-dan/nhap/)" in text


def test_added_items_show_their_key_fields(site: tuple[Path, dict[str, str]]) -> None:
    repo, revs = site
    text = report(repo, revs["theme"], revs["more"])
    assert "**Tóm tắt:** 1 mục thêm mới, 1 chỉ tiêu thêm mới, 2 nhiệm vụ thêm mới." in text
    assert (
        f"""- **Nhiệm vụ thêm mới:** [Nhiệm vụ số 3]({PLAN_PAGE}#nv-3)
  - Số thứ tự: 3
  - Chủ trì: Sở Khoa học và Công nghệ — cơ quan: Sở Khoa học và Công nghệ \\(so\\-khcn\\)
  - Phối hợp: \\(trống\\)
  - Thời hạn: Năm 2026
  - Mục: II\\. Chính quyền số \\(ii\\)
  - Chủ đề: Hạ tầng số \\(ha\\-tang\\-so\\)
  - Dòng trong văn bản gốc: 11
"""
        in text
    )
    assert (
        f"""- **Chỉ tiêu thêm mới:** [Tỷ lệ hồ sơ xử lý trực tuyến]({PLAN_PAGE}#ct-2030-8)
  - Số thứ tự: 8
  - Mục tiêu: 100
  - Đơn vị tính: %
  - Năm mục tiêu: 2030
  - Cơ quan theo dõi: Sở Khoa học và Công nghệ — cơ quan: Sở Khoa học và Công nghệ \\(so\\-khcn\\)
"""
        in text
    )
    assert f"- **Mục thêm mới:** [Chính quyền số]({PLAN_PAGE}#muc-ii)\n  - Số thứ tự: II\n" in text


def test_added_plan_shows_number_date_and_counts(site: tuple[Path, dict[str, str]]) -> None:
    repo, revs = site
    text = report(repo, revs["agencies"], revs["plan"])
    assert (
        f"""- **Kế hoạch thêm mới:** [Kế hoạch 2/KH\\-UBND – Tỉnh A]({SITE}ke-hoach/demo-kh-2-2025/)
  - Tên: Kế hoạch thực hiện Nghị quyết số 57\\-NQ/TW
  - Số hiệu: 2/KH\\-UBND
  - Ngày ban hành: 05/03/2025
  - Cơ quan ban hành: Ủy ban nhân dân Tỉnh A
  - Số nhiệm vụ: 3
  - Số chỉ tiêu: 2
"""
        in text
    )
    assert (
        f"- Thêm `data/sources/demo-2.txt`: [văn bản gốc của Kế hoạch 2/KH\\-UBND – Tỉnh A]"
        f"({SITE}van-ban/demo-kh-2-2025/)"
    ) in text


def test_reordering_is_reported_with_the_moved_items(site: tuple[Path, dict[str, str]]) -> None:
    repo, revs = site
    text = report(repo, revs["more"], revs["reorder"])
    assert NO_CHANGE not in text
    assert "**Tóm tắt:** 1 mục đổi chỗ, 1 chỉ tiêu đổi chỗ, 1 nhiệm vụ đổi chỗ." in text
    assert (
        f"- **Thứ tự nhiệm vụ thay đổi** trên trang [Kế hoạch 1/KH\\-UBND – Tỉnh A]({PLAN_PAGE}): "
        "1 nhiệm vụ đổi chỗ\n"
        f"  - [Xây dựng trung tâm dữ liệu tỉnh]({PLAN_PAGE}#nv-1) (`nv-1`): từ vị trí 1 sang vị trí 3"
    ) in text
    assert "- **Thứ tự chỉ tiêu thay đổi**" in text and "- **Thứ tự mục thay đổi**" in text
    assert "Nhiệm vụ số 2" not in text and "Nhiệm vụ số 3" not in text  # they kept their relative order


def test_agency_and_topic_lists_are_named(site: tuple[Path, dict[str, str]]) -> None:
    repo, revs = site
    text = report(repo, revs["reorder"], revs["agencies"])
    assert (
        "  - Chủ trì (cơ quan): ~~Sở Khoa học và Công nghệ \\(so\\-khcn\\)~~ → "
        "Sở Thông tin và Truyền thông \\(so\\-tttt\\)"
    ) in text
    assert (
        "  - Chủ đề: ~~Hạ tầng số \\(ha\\-tang\\-so\\); Chính quyền số \\(chinh\\-quyen\\-so\\)~~ → "
        "Chính quyền số \\(chinh\\-quyen\\-so\\); Hạ tầng số \\(ha\\-tang\\-so\\)"
    ) in text


def test_a_reworded_progress_update_is_listed_once(site: tuple[Path, dict[str, str]]) -> None:
    repo, revs = site
    text = report(repo, revs["plan"], revs["progress"])
    assert "  - Cập nhật ngày 02/05/2025: Đã giao vốn\\. – nguồn: [Báo cáo 3](https://example.org/bc-3)" in text
    assert text.count("#nv-1)") == 1 and "2025\\-05\\-02" not in text
    text = report(repo, revs["progress"], revs["progress-edit"])
    assert "  - Cập nhật ngày 02/05/2025: Đã giao vốn đợt 1\\. – nguồn: [Báo cáo 3]" in text
    assert "  - Bị xoá: ~~Cập nhật ngày 02/05/2025: Đã giao vốn\\.~~" in text
    assert text.count("#nv-1)") == 1


def test_problems_are_readable_not_html_escaped(history: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    repo, revs = history
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True, capture_output=True)
    edit(clone, PLAN, 'deadline: "Quý IV/2025"', """deadline: 'Cuối "năm" nay\'""")
    edit(clone, PLAN, '    status: "dang-thuc-hien"\n    updates:', '    status: "hoan-thanh"\n    updates:')
    text = report(clone, "HEAD", "WORKTREE")
    assert "có 2 lỗi" in text
    assert "&#34;" not in text and "&#39;" not in text and "&quot;" not in text
    assert f"- `{PLAN}:" in text
    assert 'Không hiểu thời hạn “Cuối "năm" nay”' in text
    assert 'Hãy ghi \\`status: "dang\\-thuc\\-hien"\\`' in text


def test_a_huge_report_is_cut_for_the_comment(tmp_path: Path) -> None:
    """Renaming an agency id across the data: the full report stays whole, the comment
    fits GitHub's limit and says where the rest is."""
    repo = tmp_path / "big"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(FIXTURE, repo / "data")
    head, indicators, tasks = split_plan(repo)
    write(repo, PLAN, head + indicators + tasks + "".join(task_yaml(n) for n in range(2, 401)))
    base = commit(repo, "a plan of 400 tasks")
    for path in ("data/agencies.yml", PLAN):
        file = repo / path
        file.write_text(file.read_text(encoding="utf-8").replace('"so-khcn"', '"so-khcn-cds"'), encoding="utf-8")
    head_rev = commit(repo, "agency id renamed")
    full, comment = tmp_path / "full.md", tmp_path / "comment.md"
    run_url = "https://github.com/o/r/actions/runs/1"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "change_report.py"),
            "--repo",
            str(repo),
            "--base",
            base,
            "--head",
            head_rev,
            "--site-url",
            SITE,
            "--output",
            str(full),
            "--comment-output",
            str(comment),
            "--full-report-url",
            run_url,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    full_text, comment_text = full.read_text(encoding="utf-8"), comment.read_text(encoding="utf-8")
    assert len(full_text) > 65_536
    assert full_text.count("- **Nhiệm vụ thay đổi:**") == 400
    assert len(comment_text) <= 60_000
    assert comment_text.startswith("## Báo cáo thay đổi dữ liệu\n")
    assert (
        "**Tóm tắt:** 400 nhiệm vụ thay đổi, 1 loại cơ quan bị xoá, 1 loại cơ quan thay đổi, 1 loại cơ quan thêm mới."
    ) in comment_text
    assert "**✂ Báo cáo đầy đủ dài" in comment_text
    assert f"Báo cáo đầy đủ nằm ở phần tóm tắt (Summary) của [lượt chạy kiểm tra]({run_url})" in comment_text
    assert comment_text.rstrip().endswith("</sub>")
    kept = comment_text.count("- **Nhiệm vụ thay đổi:**")
    assert 100 < kept < 400
    # the tasks left out, then the reference data (three items)
    assert (
        f"lược bớt {400 - kept + 3} mục:** “Kế hoạch 1/KH\\-UBND – Tỉnh A” (phần còn lại), “Dữ liệu tham chiếu"
        in comment_text
    )
    # whole items only: every kept task keeps its field line
    assert comment_text.count("  - Chủ trì (cơ quan): ~~") == kept
    # a report that fits is the same in both files
    small = tmp_path / "small.md"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "change_report.py"),
            "--repo",
            str(repo),
            "--base",
            base,
            "--head",
            base,
            "--output",
            str(full),
            "--comment-output",
            str(small),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert small.read_text(encoding="utf-8") == full.read_text(encoding="utf-8")
