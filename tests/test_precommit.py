"""The checks editors get before each commit (.pre-commit-config.yaml): each hook's own
command passes on the current data and fails on a broken copy."""

from __future__ import annotations

import ast
import re
import shlex
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from macros.data.yamlio import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".pre-commit-config.yaml"


def hooks() -> dict[str, dict]:
    config = parse_yaml(CONFIG.read_text(encoding="utf-8")).value
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def run_hook(hook_id: str, files: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    hook = hooks()[hook_id]
    command = shlex.split(hook["entry"])
    command[0] = str(ROOT / command[0]) if command[0].startswith(".venv/") else command[0]
    if hook.get("pass_filenames", True):
        command += files
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=120)


def test_config_is_valid() -> None:
    result = subprocess.run(
        [str(ROOT / ".venv/bin/pre-commit"), "validate-config", str(CONFIG)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert {"yamllint", "unicode-nfc", "check-data", "schema-fresh", "vocabulary-fresh", "ruff", "ruff-format"} <= set(
        hooks()
    )


@pytest.mark.parametrize(
    "hook_id", ["yamllint", "unicode-nfc", "check-data", "schema-fresh", "vocabulary-fresh", "ruff", "ruff-format"]
)
def test_hooks_pass_on_current_data(hook_id: str) -> None:
    if hook_id.startswith("ruff"):  # the Python hooks get the Python files, as pre-commit would pass them
        files = [
            p
            for p in subprocess.run(
                ["git", "ls-files", "*.py"], capture_output=True, text=True, cwd=ROOT, check=True
            ).stdout.split()
        ]
    else:
        files = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "data").rglob("*.yml"))]
    result = run_hook(hook_id, files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "data", target)
    return target


def test_yaml_style_is_reported_in_vietnamese(broken: Path) -> None:
    plan = broken / "plans" / "demo-kh-1-2025.yml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace('number: "1/KH-UBND"', 'number:  "1/KH-UBND"   '), encoding="utf-8")
    line = text[: text.index('number: "1/KH-UBND"')].count("\n") + 1
    result = run_hook("yamllint", [str(plan)])
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{plan}:{line}:9: Cách viết YAML: thừa dấu cách sau dấu hai chấm “:” (chỉ một dấu cách).",
        f"{plan}:{line}:21: Cách viết YAML: thừa dấu cách ở cuối dòng; hãy xoá.",
        "",
        "Có 2 lỗi cách viết. Sửa các lỗi trên rồi chạy lại: make check",
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('number: "1/KH-UBND"', 'number: "1/KH-UBND"\nnumber: "2/KH-UBND"'),
        ('number: "1/KH-UBND"', 'number: "1/KH-UBND'),
    ],
)
def test_a_syntax_mistake_gets_one_vietnamese_message_from_the_hooks(broken: Path, old: str, new: str) -> None:
    """The style hook leaves syntax and duplicate keys to the validator: one message, no English."""
    plan = broken / "plans" / "demo-kh-1-2025.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    style = run_hook("yamllint", [str(plan)])
    assert (style.returncode, style.stdout) == (0, "")
    command = [*shlex.split(hooks()["check-data"]["entry"]), "--data", str(broken)]
    command[0] = str(ROOT / command[0])
    check = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert check.returncode == 1
    (message, blank, total) = check.stdout.splitlines()
    assert message.startswith((f"{plan}:6:", f"{plan}:7:")) and message.split(": ", 1)[1].startswith(("Lỗi", "Khoá"))
    assert total == "Có 1 lỗi. Sửa các lỗi trên rồi chạy lại: make check"


def test_nfc_hook_catches_text_pasted_from_word(broken: Path) -> None:
    plan = broken / "plans" / "demo-kh-1-2025.yml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("Xây dựng", unicodedata.normalize("NFD", "Xây dựng")), encoding="utf-8")
    result = run_hook("unicode-nfc", [str(plan)])
    assert result.returncode == 1
    assert plan.read_text(encoding="utf-8") != text, "--check must not change the file"


def test_vocabulary_hook_runs_when_a_definition_it_reads_changes() -> None:
    """The browser's vocabulary is made from the modules browser_vocabulary.py imports: a
    change to any of them (or to the generated file) runs the freshness check."""
    source = ROOT / "macros" / "site" / "browser_vocabulary.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("macros"):
            for alias in node.names:
                candidate = ROOT / (node.module.replace(".", "/") + f"/{alias.name}.py")
                modules.add(candidate if candidate.exists() else ROOT / (node.module.replace(".", "/") + ".py"))
    paths = sorted(str(p.relative_to(ROOT)) for p in {source, *modules})
    assert "macros/data/vocabulary.py" in paths and "macros/site/explorer_address.py" in paths
    pattern = re.compile(hooks()["vocabulary-fresh"]["files"])
    missed = [p for p in [*paths, "theme_overrides/assets/javascripts/gp-vocabulary.js"] if not pattern.search(p)]
    assert not missed, f"vocabulary-fresh does not run when these change: {missed}"
