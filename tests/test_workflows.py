"""The CI workflows: every action pinned to a commit, and the pull-request workflow does
what reviewers rely on (tests, preview build, change report)."""

from __future__ import annotations

import re
from pathlib import Path

from macros.yamlio import parse_yaml

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"


def steps(name: str) -> list[dict]:
    workflow = parse_yaml((WORKFLOWS / name).read_text(encoding="utf-8")).value
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_every_action_is_pinned_to_a_commit() -> None:
    uses = [s["uses"] for name in ("pull-request.yml", "deploy.yml") for s in steps(name) if "uses" in s]
    assert uses
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use), use


def test_pull_requests_get_tests_preview_and_report() -> None:
    runs = " ".join(s.get("run", "") for s in steps("pull-request.yml"))
    uses = " ".join(s.get("uses", "") for s in steps("pull-request.yml"))
    assert "bash .ci/run" in runs
    assert "make build" in runs
    assert "scripts/change_report.py" in runs and "--base origin/" in runs
    assert "actions/upload-artifact@" in uses and "pr-preview-action@" in uses and "github-script@" in uses


def test_main_branch_is_tested_then_deployed() -> None:
    names = [s.get("run", s.get("uses", "")) for s in steps("deploy.yml")]
    assert names.index("bash .ci/run") < names.index("make build")
    assert any("github-pages-deploy-action@" in n for n in names)
