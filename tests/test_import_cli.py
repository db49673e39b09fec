"""The importer as staff run it to add the next province: a source text in, a draft plan
and narrative out, checked by the validator, and nothing already there overwritten.
Also: every tool in scripts/ works on its own checkout (a second clone is not silently
served by the first one's `macros`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import macros
from macros.data.loader import load_registry

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Reference data only (no plans yet), and an empty content/."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("provinces.yml", "agencies.yml", "topics.yml", "concepts.yml", "abbreviations.yml"):
        shutil.copy(ROOT / "data" / name, data / name)
    (tmp_path / "content").mkdir()
    return tmp_path


def import_source(
    project: Path, source: Path, plan_id: str, province: str, *extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "import_source.py"),
            str(source),
            "--plan-id",
            plan_id,
            "--province",
            province,
            "--data",
            str(project / "data"),
            "--content",
            str(project / "content"),
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=120,
    )


def test_a_table_plan_imports_into_valid_data(project: Path) -> None:
    result = import_source(project, SOURCES / "001_614a698281a444bc.txt", "quang-nam-kh-1534-2025", "quang-nam")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bố cục cells; 40 chỉ tiêu, 60 nhiệm vụ, 7 mục." in result.stdout
    assert "Bản nháp hợp lệ." in result.stdout
    registry = load_registry(project / "data")
    plan = registry.plans["quang-nam-kh-1534-2025"]
    assert (len(plan.indicators), len(plan.tasks), plan.number) == (40, 60, "1534/KH-UBND")
    assert (project / "data" / "sources" / "001_614a698281a444bc.txt").read_bytes() == (
        SOURCES / "001_614a698281a444bc.txt"
    ).read_bytes(), "the source text is copied for provenance"
    narrative = (project / "content" / "ke-hoach" / "quang-nam-kh-1534-2025.md").read_text(encoding="utf-8")
    assert "\n## I. MỤC ĐÍCH, YÊU CẦU\n" in narrative


def test_a_narrative_plan_gets_its_tasks_from_the_text(project: Path) -> None:
    result = import_source(project, SOURCES / "004_9dd27b01f41dd06c.txt", "ninh-binh-kh-2025", "ninh-binh")
    assert result.returncode == 0, result.stdout
    assert "0 chỉ tiêu, 67 nhiệm vụ (lấy từ phần lời văn), 7 mục." in result.stdout
    plan = load_registry(project / "data").plans["ninh-binh-kh-2025"]
    assert [a.published for a in plan.appendices] == [False, False]
    assert plan.number is None and plan.issued_on is None


def test_sections_without_a_topic_heading_take_their_tasks_topic(project: Path) -> None:
    """Nam Định's table lost its group headings: the importer picks each such section's topic
    from its tasks' words, says so, and the draft is valid."""
    result = import_source(project, SOURCES / "000_c83e7eeb60ffafc7.txt", "nam-dinh-kh-29-2025", "nam-dinh")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(
        r"cần xem lại: mục nhom-1: tiêu đề không cho biết chủ đề; đã chọn “[a-z-]+” theo nội dung", result.stdout
    ), result.stdout
    plan = load_registry(project / "data").plans["nam-dinh-kh-29-2025"]
    guessed = {s.id: s.topic for s in plan.sections}["nhom-1"]
    assert all(t.topics[0] == guessed for t in plan.tasks if t.section == "nhom-1")
    assert "Traceback" not in result.stdout + result.stderr


def test_a_draft_that_needs_editing_says_what_and_where(project: Path) -> None:
    """With no topic to be had from the headings or the words (keywords removed here), the
    draft is written and the validator points at the sections whose topic an editor must choose."""
    topics = project / "data" / "topics.yml"
    topics.write_text(re.sub(r"(?m)^    keywords: .*\n", "", topics.read_text(encoding="utf-8")), encoding="utf-8")
    result = import_source(project, SOURCES / "000_c83e7eeb60ffafc7.txt", "nam-dinh-kh-29-2025", "nam-dinh")
    assert result.returncode == 1
    assert "cần xem lại: mục nhom-1: không nhận ra chủ đề; hãy ghi mã chủ đề" in result.stdout
    assert "Bản nháp cần sửa trước khi dựng trang:" in result.stdout
    assert re.search(r"data/plans/nam-dinh-kh-29-2025\.yml:\d+:\d+: Không có chủ đề mã “chua-ro-chu-de”", result.stdout)
    assert "Traceback" not in result.stdout + result.stderr


def test_nothing_is_overwritten_without_force(project: Path) -> None:
    source = SOURCES / "001_614a698281a444bc.txt"
    assert import_source(project, source, "quang-nam-kh-1534-2025", "quang-nam").returncode == 0
    plan_file = project / "data" / "plans" / "quang-nam-kh-1534-2025.yml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8") + "# sửa tay\n", encoding="utf-8")
    again = import_source(project, source, "quang-nam-kh-1534-2025", "quang-nam")
    assert again.returncode == 1
    assert "không ghi đè" in again.stdout
    assert plan_file.read_text(encoding="utf-8").endswith("# sửa tay\n")


def test_bad_arguments_get_plain_messages(project: Path) -> None:
    missing = import_source(project, project / "khong-co.txt", "x-2025", "quang-nam")
    assert missing.returncode == 1 and "Không tìm thấy tệp văn bản gốc" in missing.stdout
    unknown = import_source(project, SOURCES / "001_614a698281a444bc.txt", "x-2025", "quang-nom")
    assert unknown.returncode == 1 and "Không có tỉnh mã “quang-nom”" in unknown.stdout
    for result in (missing, unknown):
        assert "Traceback" not in result.stdout + result.stderr


SCRIPTS = sorted(p.name for p in (ROOT / "scripts").glob("*.py"))
MARKER = "macros-of-the-second-clone"


@pytest.fixture(scope="module")
def second_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """scripts/ and macros/ copied elsewhere, as in another clone; its macros announce themselves."""
    clone = tmp_path_factory.mktemp("clone")
    shutil.copytree(ROOT / "scripts", clone / "scripts")
    shutil.copytree(ROOT / "macros", clone / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    init = clone / "macros" / "__init__.py"
    init.write_text(
        init.read_text(encoding="utf-8") + f"\nimport sys\nprint({MARKER!r}, file=sys.stderr)\n", encoding="utf-8"
    )
    return clone


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_script_imports_the_macros_of_its_own_checkout(second_clone: Path, script: str) -> None:
    """Run as editors do (`python scripts/x.py`), from outside the clone: the editable install
    points at another checkout, yet the clone's own macros/ must be the one imported."""
    result = subprocess.run(
        [sys.executable, str(second_clone / "scripts" / script), "--help"],
        capture_output=True,
        text=True,
        cwd=second_clone.parent,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert MARKER in result.stderr, f"{script} imported macros from elsewhere:\n{result.stderr}"


def test_tests_import_the_macros_of_this_checkout() -> None:
    """Run the tests as `python -m pytest` from the checkout's root (make test does)."""
    assert Path(macros.__file__).resolve().parent.parent == ROOT, (
        f"macros comes from {macros.__file__}, not from {ROOT}: run `python -m pytest` in {ROOT}"
    )


@pytest.mark.parametrize("plan_id", ["../../etc/x", "../plans/x", "/tmp/hostile-abs-plan", "Quang-Nam-2025", "a b"])
def test_a_plan_id_that_is_not_a_slug_writes_nothing(project: Path, plan_id: str) -> None:
    """`--plan-id ../../etc/x` or an absolute id once wrote outside data/ and content/."""
    before = sorted(p.relative_to(project.parent) for p in project.parent.rglob("*"))
    result = import_source(project, SOURCES / "004_9dd27b01f41dd06c.txt", plan_id, "ninh-binh")
    assert result.returncode == 1
    assert result.stdout.startswith(f"Mã kế hoạch “{plan_id}” không hợp lệ: mã chỉ gồm chữ thường không dấu")
    assert sorted(p.relative_to(project.parent) for p in project.parent.rglob("*")) == before
    assert not Path("/tmp/hostile-abs-plan.yml").exists()
    assert "Traceback" not in result.stdout + result.stderr


def test_a_text_with_no_recognisable_layout_is_an_error_not_an_empty_draft(project: Path) -> None:
    prose = project / "prose.txt"
    prose.write_text("Xin chào\nĐây là một văn bản không có bảng nào.\nChỉ có vài dòng chữ.\n", encoding="utf-8")
    result = import_source(project, prose, "thu-2025", "ninh-binh")
    assert result.returncode == 1
    assert "không nhận ra bố cục của văn bản (không tìm thấy nhiệm vụ nào" in result.stdout
    assert not (project / "data" / "plans").exists() and not (project / "content" / "ke-hoach").exists()


def test_a_source_that_is_not_utf8_is_reported_in_vietnamese_at_its_line(project: Path) -> None:
    text = (SOURCES / "004_9dd27b01f41dd06c.txt").read_text(encoding="utf-8")
    broken = project / "cp1258.txt"
    broken.write_bytes(text.encode("cp1258", errors="replace"))
    result = import_source(project, broken, "ninh-binh-kh-2025", "ninh-binh")
    assert result.returncode == 1
    assert re.search(r"cp1258\.txt:\d+: không đọc được văn bản gốc: không phải văn bản UTF-8", result.stdout)


def test_force_says_which_published_plan_it_overwrites(project: Path) -> None:
    source = SOURCES / "004_9dd27b01f41dd06c.txt"
    assert import_source(project, source, "ninh-binh-kh-2025", "ninh-binh").returncode == 0
    again = import_source(project, source, "ninh-binh-kh-2025", "ninh-binh", "--force")
    plan_file = (project / "data" / "plans" / "ninh-binh-kh-2025.yml").resolve()
    assert f"Ghi đè {plan_file} (kế hoạch đang công bố: bản rà soát của ban biên tập sẽ bị thay)." in again.stdout
