"""Hostile and broken data: whatever is in data/, the validator and the strict build end in
a verdict an editor can act on (accepted, or `file:line:column:` lines in Vietnamese),
within 10 s and 500 MB, and change no file. The cases are seeded mutants of the real data
plus the probes of the hostile-input issue (macros/bench/fuzz.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.bench.fuzz import Outcome, all_cases, figures, probes, run_cases, tree_hash

ROOT = Path(__file__).resolve().parent.parent
NAM_DINH = "data/plans/nam-dinh-kh-29-2025.yml"


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    before = tree_hash(ROOT / "data")
    found = run_cases(seed=57, count=200, timeout=10.0, memory_mb=500, workers=2)
    assert tree_hash(ROOT / "data") == before, "the fuzz run changed data/"
    return found


def test_the_case_set_is_seeded_and_large_enough() -> None:
    cases = all_cases(count=200)
    assert len(cases) >= 230
    assert [c.content for c in cases] == [c.content for c in all_cases(count=200)], "same seed, same cases"


def test_no_case_crashes_hangs_or_speaks_english(outcomes: list[Outcome]) -> None:
    bad = [f"{o.name}: {o.status} {o.detail}" for o in outcomes if o.status in ("crash", "hang") or o.detail]
    assert not bad, "\n".join(bad)
    counts = figures(outcomes)
    assert counts["cases"] >= 230 and counts["crashes"] == 0 and counts["hangs"] == 0
    assert counts["reported"] > 150, counts
    assert all(o.seconds < 10 for o in outcomes)


EXPECTED = {
    "tag !!int": "Dữ liệu không dùng thẻ YAML “tag:yaml.org,2002:int”",
    "tag !Quan trọng": "Dữ liệu không dùng thẻ YAML “!Quan”",
    "tag !!python/object": "Dữ liệu không dùng thẻ YAML “tag:yaml.org,2002:python/object/apply:os.system”",
    "NUL byte": "Có ký tự rỗng (NUL) (U+0000) không nhìn thấy được ở đây",
    "self-referencing anchor": "Dữ liệu không dùng neo và tham chiếu YAML (“&r”)",
    "5000-deep nesting": "Các mục lồng nhau quá sâu (quá 40 cấp)",
    "list used as key": "Tên khoá phải là một chữ hoặc cụm chữ",
    "billion laughs": "Dữ liệu không dùng neo và tham chiếu YAML (“&a”)",
    "right-to-left override": "Có ký tự đảo chiều chữ (viết từ phải sang trái) (U+202E)",
    "two documents": "Tệp chỉ được có một phần dữ liệu",
    "huge integer": "quá dài để đọc",
    "oversized plan": "Tệp quá lớn (12 MB)",
    "not UTF-8 plan": "Tệp không phải văn bản UTF-8",
    "delete indicator ct-2030-6 (the guide embeds it)": "content/huong-dan/them-chi-tieu.md:14:4: Trang hướng dẫn "
    "này lấy chỉ tiêu “ct-2030-6” của kế hoạch “quang-nam-kh-1534-2025” làm ví dụ, nhưng dữ liệu không có mục đó.",
    "delete task nv-3 (the guide embeds it)": "content/huong-dan/cap-nhat-tien-do.md:12:4:",
    "delete task nv-48 (the guide embeds it)": "content/huong-dan/sua-loi.md:36:4:",
    "delete indicator ct-2030-lv-2 (the guide embeds it)": "content/huong-dan/them-chi-tieu.md:20:4:",
    "task and indicator share an id": "Nhiệm vụ và chỉ tiêu của một kế hoạch phải có mã khác nhau",
    "line_end before line": "Hãy ghi `line_end` bằng hoặc sau `line`.",
    "line_end: yes": "Trường “line_end” cần một số nguyên",
    "line_end past the source": "vượt quá độ dài văn bản gốc",
    "appendix-kind source without appendix": "Nguồn loại “appendix” (hàng trong bảng phụ lục) cần mã phụ lục",
    "empty source text": "data/sources/000_c83e7eeb60ffafc7.txt:1:1: Văn bản gốc trống.",
    "source not UTF-8": "Văn bản gốc không phải văn bản UTF-8",
    "NUL in source": "data/sources/000_c83e7eeb60ffafc7.txt:",
    "override in source": "Có ký tự đảo chiều chữ",
}


def test_each_hostile_probe_is_reported_where_it_is(outcomes: list[Outcome]) -> None:
    by_name = {o.name: o for o in outcomes}
    assert len(probes(ROOT / "data")) >= 40
    for name, expected in EXPECTED.items():
        outcome = by_name[name]
        assert outcome.status == "reported", name
        assert any(expected in line for line in outcome.lines), f"{name}: {outcome.lines[:3]}"
    laughs = by_name["billion laughs"]
    assert laughs.lines[0].startswith(f"{NAM_DINH}:1:4: "), laughs.lines
    assert laughs.seconds < 2


def _hostile_copy(tmp_path: Path, edits: dict[str, bytes]) -> Path:
    """A project folder whose data/ is a copy with `edits`; the code and content are the checkout's."""
    for name in ("macros", "content", "theme_overrides"):
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for path, content in edits.items():
        (tmp_path / path).write_bytes(content)
    return tmp_path


def _probe(name: str) -> tuple[str, bytes]:
    case = next(c for c in probes(ROOT / "data") if c.name == name)
    assert case.content is not None
    return f"data/{case.target}", case.content


def _check_data(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_data.py"), "--data", str(project / "data")]
        + ["--content", str(project / "content")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=project,
    )


def test_the_checker_and_the_strict_build_report_hostile_data_alike(tmp_path: Path) -> None:
    """A billion-laughs plan, a tagged reference file and a source with a NUL: check_data.py
    and `mkdocs build --strict` both fail fast with the same located messages, no traceback."""
    source = ROOT / "data" / "sources" / "001_614a698281a444bc.txt"  # Quảng Nam's, whose plan still loads
    nul = source.read_bytes().replace(b"\n", b"\n\x00", 3).replace(b"\n\x00", b"\n", 2)  # at the start of line 4
    edits = dict(_probe(n) for n in ("billion laughs", "reference file tag"))
    project = _hostile_copy(tmp_path, {**edits, "data/sources/001_614a698281a444bc.txt": nul})
    before = tree_hash(project / "data")
    checked = _check_data(project)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    outside = f"{project}/"  # the checker names files outside the checkout by their full path
    lines = [line.removeprefix(outside) for line in checked.stdout.splitlines()]
    located = [line for line in lines if re.match(r"^data/[^:]+:\d+:\d+: ", line)]
    assert len(located) == 3, checked.stdout
    assert located[1].startswith("data/sources/001_614a698281a444bc.txt:4:1: Có ký tự rỗng (NUL)"), located
    assert "Traceback" not in checked.stdout + checked.stderr
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=90,
    )
    output = build.stdout + build.stderr
    assert build.returncode == 1, output
    assert "Traceback" not in output
    for line in located:
        assert line in output
    assert tree_hash(project / "data") == before


def test_deleting_an_entry_the_guide_embeds_names_the_guide_page(tmp_path: Path) -> None:
    project = _hostile_copy(tmp_path, dict([_probe("delete task nv-3 (the guide embeds it)")]))
    checked = _check_data(project)
    assert "Traceback" not in checked.stdout + checked.stderr
    assert checked.returncode == 1
    assert checked.stdout.removeprefix(f"{project}/").startswith(
        "content/huong-dan/cap-nhat-tien-do.md:12:4: Trang hướng dẫn này lấy nhiệm vụ “nv-3” của kế hoạch "
        "“nam-dinh-kh-29-2025” làm ví dụ, nhưng dữ liệu không có mục đó. Hãy khôi phục mục trong "
        "data/plans/nam-dinh-kh-29-2025.yml, hoặc sửa ví dụ trên trang này sang một mã đang có.\n"
    ), checked.stdout
