"""The importer as staff run it to add the next province: a source text in, a draft plan
and narrative out, checked by the validator, and nothing already there overwritten."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.registry import load_registry

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


def import_source(project: Path, source: Path, plan_id: str, province: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "import_source.py"), str(source), "--plan-id", plan_id,
         "--province", province, "--data", str(project / "data"), "--content", str(project / "content"), *extra],
        capture_output=True, text=True, cwd=project, timeout=120)


def test_a_table_plan_imports_into_valid_data(project: Path) -> None:
    result = import_source(project, SOURCES / "001_614a698281a444bc.txt", "quang-nam-kh-1534-2025", "quang-nam")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bố cục cells; 40 chỉ tiêu, 60 nhiệm vụ, 7 mục." in result.stdout
    assert "Bản nháp hợp lệ." in result.stdout
    registry = load_registry(project / "data")
    plan = registry.plans["quang-nam-kh-1534-2025"]
    assert (len(plan.indicators), len(plan.tasks), plan.number) == (40, 60, "1534/KH-UBND")
    assert (project / "data" / "sources" / "001_614a698281a444bc.txt").read_bytes() == \
        (SOURCES / "001_614a698281a444bc.txt").read_bytes(), "the source text is copied for provenance"
    narrative = (project / "content" / "ke-hoach" / "quang-nam-kh-1534-2025.md").read_text(encoding="utf-8")
    assert "\n## I. MỤC ĐÍCH, YÊU CẦU\n" in narrative


def test_a_narrative_plan_gets_its_tasks_from_the_text(project: Path) -> None:
    result = import_source(project, SOURCES / "004_9dd27b01f41dd06c.txt", "ninh-binh-kh-2025", "ninh-binh")
    assert result.returncode == 0, result.stdout
    assert "0 chỉ tiêu, 67 nhiệm vụ (lấy từ phần lời văn), 7 mục." in result.stdout
    plan = load_registry(project / "data").plans["ninh-binh-kh-2025"]
    assert [a.published for a in plan.appendices] == [False, False]
    assert plan.number is None and plan.issued_on is None


def test_a_draft_that_needs_editing_says_what_and_where(project: Path) -> None:
    """Nam Định's table lost its group headings: the draft is written, then the validator
    points at the sections whose topic an editor must choose."""
    result = import_source(project, SOURCES / "000_c83e7eeb60ffafc7.txt", "nam-dinh-kh-29-2025", "nam-dinh")
    assert result.returncode == 1
    assert "cần xem lại: section nhom-1: no topic recognised" in result.stdout
    assert "Bản nháp cần sửa trước khi dựng trang:" in result.stdout
    assert "data/plans/nam-dinh-kh-29-2025.yml:" in result.stdout
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
