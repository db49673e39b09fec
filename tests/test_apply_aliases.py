"""An editor never edits `agencies:` lists by hand: the importer proposes an alias for an
agency spelling it does not know (closest kind, with a confidence) in the review list it
keeps beside the draft; scripts/apply_aliases.py adds the accepted ones to
data/agencies.yml and re-resolves every agency list they change, touching no other line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import test_import_cli
from test_import_cli import import_source

from macros.data.loader import load_registry

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "sources" / "001_614a698281a444bc.txt"
PLAN = "quang-nam-kh-1534-2025"
project = test_import_cli.project  # the fixture: reference data, no plans yet


def apply_aliases(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "apply_aliases.py"), "--data", str(project / "data")],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_unknown_spelling_is_proposed_accepted_and_applied_everywhere(project: Path) -> None:
    agencies = project / "data" / "agencies.yml"
    agencies.write_text(agencies.read_text().replace('["Báo Nam Định", "Báo Quảng Nam"]', '["Báo Nam Định"]'))
    result = import_source(project, SOURCE, PLAN, "quang-nam")
    assert result.returncode == 0, result.stdout
    assert "Đã ghi 3 mục cần xem lại vào" in result.stdout

    review_file = project / "data" / "reviews" / f"{PLAN}.yml"
    registry = load_registry(project / "data", root=project)
    items = registry.reviews[PLAN].items
    assert items[0].message.startswith("implements: tên và ngày của các văn bản được thực hiện") and not items[0].alias
    items = items[1:]
    assert [(i.alias.text, i.alias.kind, i.alias.confidence, i.alias.accept) for i in items] == [
        ("Báo Quảng Nam", "bao", 100, False)
    ] * 2
    assert items[0].message.startswith("nhiệm vụ 1.: không nhận ra cơ quan “Báo Quảng Nam” trong ô “Các Sở, ban")
    assert "gần nhất là “Báo tỉnh” (giống 100%)" in items[0].message
    plan_before = (project / "data" / "plans" / f"{PLAN}.yml").read_text()
    agencies_before = agencies.read_text()
    assert [t.support.agencies for t in registry.plans[PLAN].tasks[:1]] == [
        ["cac-so-nganh", "ubnd-huyen", "dai-ptth", "cong-ttdt"]
    ]

    nothing = apply_aliases(project)
    assert nothing.returncode == 0 and "Chưa có đề xuất cách viết nào được chấp nhận" in nothing.stdout
    assert agencies.read_text() == agencies_before

    review_file.write_text(review_file.read_text().replace("accept: false", "accept: true", 1))
    result = apply_aliases(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đã thêm cách viết “Báo Quảng Nam” cho loại cơ quan “bao”" in result.stdout
    assert "2 danh sách cơ quan được cập nhật" in result.stdout

    changed = [
        (a, b) for a, b in zip(agencies_before.split("\n"), agencies.read_text().split("\n"), strict=True) if a != b
    ]
    assert changed == [('    aliases: ["Báo Nam Định"]', '    aliases: ["Báo Nam Định", "Báo Quảng Nam"]')]
    plan_after = (project / "data" / "plans" / f"{PLAN}.yml").read_text()
    changed = [(a, b) for a, b in zip(plan_before.split("\n"), plan_after.split("\n"), strict=True) if a != b]
    assert [re.sub(r"\s+", " ", b).strip() for _, b in changed] == [
        'agencies: ["cac-so-nganh", "ubnd-huyen", "dai-ptth", "bao", "cong-ttdt"]',
        'agencies: ["dai-ptth", "bao", "cong-ttdt"]',
    ]
    registry = load_registry(project / "data", root=project)
    assert registry.plans[PLAN].tasks[0].support.agencies[3] == "bao"
    # both alias items were about the spelling now known; the other item waits for the editor
    assert [i.message[:11] for i in registry.reviews[PLAN].items] == ["implements:"]
    review_file.unlink()  # the editor has seen it
    assert "Chưa có đề xuất" in apply_aliases(project).stdout


def test_a_proposal_for_an_unknown_kind_is_refused_at_its_line(project: Path) -> None:
    agencies = project / "data" / "agencies.yml"
    agencies.write_text(agencies.read_text().replace('["Báo Nam Định", "Báo Quảng Nam"]', '["Báo Nam Định"]'))
    assert import_source(project, SOURCE, PLAN, "quang-nam").returncode == 0
    review_file = project / "data" / "reviews" / f"{PLAN}.yml"
    text = (
        review_file.read_text().replace('kind: "bao"', 'kind: "bao-tinh"', 1).replace("accept: false", "accept: true")
    )
    review_file.write_text(text)
    line = text.split("\n").index('      kind: "bao-tinh"') + 1
    before = agencies.read_text()
    result = apply_aliases(project)
    assert result.returncode == 1
    assert (
        f"data/reviews/{PLAN}.yml:{line}:13: Không có loại cơ quan “bao-tinh” trong data/agencies.yml." in result.stdout
    )
    assert agencies.read_text() == before
