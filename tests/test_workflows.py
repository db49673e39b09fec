"""The CI workflows: every action pinned to a commit, and the pull-request workflow does
what reviewers rely on (tests, preview build, change report)."""

from __future__ import annotations

import re
from pathlib import Path

from macros.data.yamlio import parse_yaml

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


def _step(name: str, predicate) -> dict:
    found = [s for s in steps(name) if predicate(s)]
    assert len(found) == 1, found
    return found[0]


def test_readme_commands_are_what_ci_runs() -> None:
    runs = [s.get("run", "") for s in steps("pull-request.yml")]
    assert "make check" in runs and "make build" in runs and "bash .ci/run" in runs
    ci = (WORKFLOWS.parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().splitlines()[-1] == "make test"


def test_full_report_goes_to_the_summary_and_an_artifact() -> None:
    """A comment holds at most 65,536 characters and a fork cannot comment: the comment
    gets the shortened report, the run's summary and an artifact the full one."""
    report = _step("pull-request.yml", lambda s: "scripts/change_report.py" in s.get("run", ""))
    run = report["run"]
    assert report["if"] == "always()"
    assert "--output change-report.md" in run and "--comment-output change-report-comment.md" in run
    assert "--full-report-url" in run
    assert re.search(r'cat "\$report"', run) and '>> "$GITHUB_STEP_SUMMARY"' in run
    assert "report=change-report.md" in run  # the full report, unless it passes the summary's size limit
    artifact = _step(
        "pull-request.yml",
        lambda s: "upload-artifact@" in s.get("uses", "") and s.get("with", {}).get("path") == "change-report.md",
    )
    assert artifact["if"].startswith("always()")
    script = (WORKFLOWS.parent.parent / "macros" / "editing" / "change_report.py").read_text(encoding="utf-8")
    assert f'ARTIFACT = "{artifact["with"]["name"]}"' in script  # the name the cut report points to
    comment = _step("pull-request.yml", lambda s: "github-script@" in s.get("uses", ""))
    assert 'const file = "change-report-comment.md"' in comment["with"]["script"]
    assert 'readFileSync("change-report.md"' not in comment["with"]["script"]


def test_preview_link_only_after_the_preview_was_published() -> None:
    deploy = _step(
        "pull-request.yml",
        lambda s: "pr-preview-action@" in s.get("uses", "") and s.get("with", {}).get("action") != "remove",
    )
    build = _step("pull-request.yml", lambda s: s.get("run") == "make build")
    outcome = f"steps.{deploy['id']}.outcome"
    comment = _step("pull-request.yml", lambda s: "github-script@" in s.get("uses", ""))
    assert comment["env"]["PREVIEW_OUTCOME"] == f"${{{{ {outcome} }}}}"
    assert comment["env"]["BUILD_OUTCOME"] == f"${{{{ steps.{build['id']}.outcome }}}}"
    script = comment["with"]["script"]
    branches = script.split("} else")
    assert 'if (process.env.PREVIEW_OUTCOME === "success")' in branches[0]
    assert "pr-preview/pr-" in branches[0]
    assert all("pr-preview/pr-" not in b and "Bản xem trước" in b for b in branches[1:])
    assert "không dựng được" in script and "chưa được đăng" in script
    # the report links preview pages only when they exist
    report = _step("pull-request.yml", lambda s: "scripts/change_report.py" in s.get("run", ""))
    assert report["env"]["PREVIEW_URL"].startswith(f"${{{{ {outcome} == 'success' && ")
    assert report["env"]["PREVIEW_URL"].endswith("|| '' }}")
    assert '--site-url "$PREVIEW_URL"' in report["run"]
