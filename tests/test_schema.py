"""The JSON Schema editors get: fresh, accepts all current data, rejects broken files.

YAML-aware editors read YAML 1.2, where an unquoted date is a string; the values are
compared the same way here (dates become ISO strings before validation).

The schema is draft-07 (what the VS Code YAML extension supports) and is made from the
model alone: which ids exist is the validator's job, so editing data never makes the
committed schema stale.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from macros.data.loader import load_registry
from macros.data.problems import DataError
from macros.data.yamlio import parse_yaml
from macros.editing.schema import FILES, schema_for

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURE = ROOT / "tests" / "fixtures" / "data"
FILE_KINDS = {
    "provinces.yml": "provinces",
    "agencies.yml": "agencies",
    "topics.yml": "topics",
    "concepts.yml": "concepts",
    "abbreviations.yml": "abbreviations",
    "lineage.yml": "lineage",
}


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
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)

    def flat(error: Any) -> list[Any]:  # anyOf branches report their reasons in .context
        return [error, *(e for sub in error.context for e in flat(sub))]

    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for top in validator.iter_errors(value) for e in flat(top)
    ]


def data_files(folder: Path) -> list[tuple[Path, str]]:
    files = [(folder / name, kind) for name, kind in FILE_KINDS.items()]
    files += [(path, "review") for path in sorted((folder / "reviews").glob("*.yml"))]
    return files + [(path, "plan") for path in sorted((folder / "plans").glob("*.yml"))]


def export_check(data_dir: Path = DATA) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "export_schema.py"), "--check", "--data", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_committed_schema_is_fresh() -> None:
    result = export_check()
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", list(FILES))
def test_schema_is_draft_07(kind: str) -> None:
    """yaml-language-server (VS Code's YAML extension) implements draft-07, not 2020-12."""
    schema = schema_for(kind)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema), "draft-07 keeps shared parts under 'definitions'"
    committed = json.loads((DATA / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert committed == schema


def test_schema_lists_no_ids_from_the_data() -> None:
    """Only fixed vocabularies (status, doc_type…) are enums; ids of provinces, agency
    kinds, topics and concepts are checked by the validator, so adding one needs no export."""
    registry = load_registry(DATA)
    ids = {*registry.provinces, *registry.agency_kinds, *registry.topics, *registry.concepts}
    enums: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            enums.update(v for v in node.get("enum", []) if isinstance(v, str))
            enums.update([node["const"]] if isinstance(node.get("const"), str) else [])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    for kind in FILES:
        collect(schema_for(kind))
    assert enums and enums & ids == set()


def test_adding_a_province_and_an_agency_kind_keeps_the_schema_fresh(tmp_path: Path) -> None:
    """The guide's edits, made by an editor who can only use the browser: nothing to export."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    provinces = data / "provinces.yml"
    provinces.write_text(
        provinces.read_text(encoding="utf-8") + ('  - id: "tinh-vi-du"\n    name: "Tỉnh Ví Dụ"\n'), encoding="utf-8"
    )
    agencies = data / "agencies.yml"
    text = agencies.read_text(encoding="utf-8")
    assert text.count("\nkinds:\n") == 1
    agencies.write_text(
        text.replace(
            "\nkinds:\n",
            (
                "\nkinds:\n"
                '  - id: "so-vi-du"\n'
                '    name: "Sở Ví Dụ"\n'
                '    category: "so-nganh"\n'
                '    aliases: ["Sở Ví Dụ"]\n'
            ),
        ),
        encoding="utf-8",
    )
    registry = load_registry(data)  # the edited data is valid…
    assert "tinh-vi-du" in registry.provinces and "so-vi-du" in registry.agency_kinds
    result = export_check(data)  # …and the committed schema still fits it
    assert result.returncode == 0, result.stdout + result.stderr
    for path, kind in (provinces, "provinces"), (agencies, "agencies"):
        assert errors(schema_for(kind), path.read_text(encoding="utf-8")) == []


def test_every_data_file_references_its_schema() -> None:
    for path, kind in data_files(DATA):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        expected = f"schema/{kind}.schema.json"
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(expected), path


@pytest.mark.parametrize("path,kind", data_files(DATA), ids=lambda v: getattr(v, "name", v))
def test_schema_accepts_current_data(path: Path, kind: str) -> None:
    assert errors(schema_for(kind), path.read_text(encoding="utf-8")) == []


BROKEN = {
    # the same breakages as tests/test_validator.py, where a schema can see them
    "unknown-key": (
        '    title: "Xây dựng trung tâm dữ liệu tỉnh"',
        '    titel: "Xây dựng trung tâm dữ liệu tỉnh"',
        "Additional properties are not allowed ('titel' was unexpected)",
    ),
    "unquoted-number": ('label: "7.10"', "label: 7.10", "7.1 is not of type 'string'"),
    "impossible-date": ("issued_on: 2025-02-21", 'issued_on: "2025-02-30"', "'2025-02-30' is not a 'date'"),
    "bad-slug": ('  - id: "nv-1"', '  - id: "Nhiệm vụ 1"', "does not match"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_schema_rejects_broken_fixture(case: str) -> None:
    schema = schema_for("plan")
    text = (FIXTURE / "plans" / "demo-kh-1-2025.yml").read_text(encoding="utf-8")
    assert errors(schema, text) == [], "the unbroken fixture must pass"
    old, new, expected = BROKEN[case]
    assert text.count(old) == 1
    found = errors(schema, text.replace(old, new))
    assert any(expected in e for e in found), found


def test_every_file_kind_has_a_schema() -> None:
    assert set(FILES) == {"plan", "review", *FILE_KINDS.values()}


# Ids that do not exist: well-formed, so the schema lets them through; the validator
# (scripts/check_data.py, run by the build and on every pull request) reports them.
UNKNOWN_IDS = {
    "unknown-agency": ('agencies: ["so-khcn"]', 'agencies: ["so-khcnn"]'),
    "unknown-topic": ('topics: ["ha-tang-so", "chinh-quyen-so"]', 'topics: ["ha-tang-so", "chinh-quyen-s"]'),
    "unknown-province": ('province: "tinh-a"', 'province: "tinh-c"'),
}


@pytest.mark.parametrize("case", list(UNKNOWN_IDS))
def test_unknown_ids_are_left_to_the_validator(case: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    plan = data / "plans" / "demo-kh-1-2025.yml"
    old, new = UNKNOWN_IDS[case]
    text = plan.read_text(encoding="utf-8")
    assert text.count(old) == 1
    plan.write_text(text.replace(old, new), encoding="utf-8")
    assert errors(schema_for("plan"), plan.read_text(encoding="utf-8")) == []
    with pytest.raises(DataError) as err:
        load_registry(data)
    assert any(new.split('"')[-2] in str(p) for p in err.value.problems), err.value.problems
