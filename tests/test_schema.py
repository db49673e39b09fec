"""The JSON Schema editors get: fresh, accepts all current data, rejects broken files.

YAML-aware editors read YAML 1.2, where an unquoted date is a string; the values are
compared the same way here (dates become ISO strings before validation).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from macros.registry import load_registry
from macros.schema import FILES, schema_for
from macros.yamlio import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURE = ROOT / "tests" / "fixtures" / "data"
FILE_KINDS = {"provinces.yml": "provinces", "agencies.yml": "agencies", "topics.yml": "topics",
              "concepts.yml": "concepts", "abbreviations.yml": "abbreviations"}


def as_editor_sees(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def errors(schema: dict[str, Any], text: str) -> list[str]:
    value = as_editor_sees(parse_yaml(text).value)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())

    def flat(error: Any) -> list[Any]:  # anyOf branches report their reasons in .context
        return [error, *(e for sub in error.context for e in flat(sub))]

    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for top in validator.iter_errors(value) for e in flat(top)]


def data_files(folder: Path) -> list[tuple[Path, str]]:
    files = [(folder / name, kind) for name, kind in FILE_KINDS.items()]
    return files + [(path, "plan") for path in sorted((folder / "plans").glob("*.yml"))]


def test_committed_schema_is_fresh() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "export_schema.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_data_file_references_its_schema() -> None:
    for path, kind in data_files(DATA):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        expected = f"schema/{kind}.schema.json"
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(expected), path


@pytest.mark.parametrize("path,kind", data_files(DATA), ids=lambda v: getattr(v, "name", v))
def test_schema_accepts_current_data(path: Path, kind: str) -> None:
    registry = load_registry(DATA)
    assert errors(schema_for(kind, registry), path.read_text(encoding="utf-8")) == []


BROKEN = {
    # the same breakages as tests/test_validator.py, where a schema can see them
    "unknown-key": ('    title: "Xây dựng trung tâm dữ liệu tỉnh"', '    titel: "Xây dựng trung tâm dữ liệu tỉnh"',
                    "Additional properties are not allowed ('titel' was unexpected)"),
    "unknown-agency": ('agencies: ["so-khcn"]', 'agencies: ["so-khcnn"]', "'so-khcnn' is not one of"),
    "unknown-topic": ('topics: ["ha-tang-so", "chinh-quyen-so"]', 'topics: ["ha-tang-so", "chinh-quyen-s"]',
                      "'chinh-quyen-s' is not one of"),
    "unquoted-number": ('label: "7.10"', "label: 7.10", "7.1 is not of type 'string'"),
    "impossible-date": ("issued_on: 2025-02-21", 'issued_on: "2025-02-30"', "'2025-02-30' is not a 'date'"),
    "unknown-province": ('province: "tinh-a"', 'province: "tinh-c"', "'tinh-c' is not one of"),
    "bad-slug": ('  - id: "nv-1"', '  - id: "Nhiệm vụ 1"', "does not match"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_schema_rejects_broken_fixture(case: str) -> None:
    registry = load_registry(FIXTURE)
    schema = schema_for("plan", registry)
    text = (FIXTURE / "plans" / "demo-kh-1-2025.yml").read_text(encoding="utf-8")
    assert errors(schema, text) == [], "the unbroken fixture must pass"
    old, new, expected = BROKEN[case]
    assert text.count(old) == 1
    found = errors(schema, text.replace(old, new))
    assert any(expected in e for e in found), found


def test_every_file_kind_has_a_schema() -> None:
    assert set(FILES) == {"plan", *FILE_KINDS.values()}
