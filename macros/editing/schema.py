"""JSON Schema for every kind of data file, generated from the model (never by hand).

Editors' YAML-aware editors (VS Code with the YAML extension) read these schemas to
complete keys and underline mistakes while typing: unknown or misspelt keys, wrong
types, malformed ids and dates, values outside a fixed vocabulary (status, doc_type…).

The schema depends on the model only, never on what the data files contain: which
agency kinds, topics, concepts and provinces exist is checked by the validator
(scripts/check_data.py, the build and every pull request), with a message in
Vietnamese. So adding a province, an agency kind or a topic needs no new schema; only
a change to macros/model.py or this file does (scripts/export_schema.py; pre-commit
and the tests check the committed files are fresh).

Draft-07, not 2020-12: the VS Code YAML extension (yaml-language-server) ships with
JSON Schema draft-07 support; newer drafts are only partly understood there.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from pydantic import BaseModel

from macros.data import model as m

SCHEMA_DIR = "schema"
DIALECT = "http://json-schema.org/draft-07/schema#"
DEFINITIONS = "definitions"  # draft-07's name for pydantic's "$defs"
FILES: dict[str, type[BaseModel]] = {
    "plan": m.Plan,
    "provinces": m.ProvincesFile,
    "agencies": m.AgencyRegistryFile,
    "topics": m.TopicsFile,
    "concepts": m.ConceptsFile,
    "abbreviations": m.AbbreviationsFile,
    "review": m.ReviewFile,
    "lineage": m.LineageFile,
}
TITLES = {
    "plan": "Một kế hoạch (data/plans/<mã kế hoạch>.yml)",
    "provinces": "Tỉnh, thành phố (data/provinces.yml)",
    "agencies": "Loại cơ quan và cách viết (data/agencies.yml)",
    "topics": "Chủ đề (data/topics.yml)",
    "concepts": "Khái niệm chỉ tiêu (data/concepts.yml)",
    "abbreviations": "Chữ viết tắt cho ô tìm kiếm (data/abbreviations.yml)",
    "review": "Danh sách cần xem lại của một bản nháp (data/reviews/<mã kế hoạch>.yml)",
    "lineage": "Văn bản thay thế, sửa đổi, tiếp nối các kế hoạch (data/lineage.yml)",
}

# Fields that refer to an id defined in another file: the hover text says where the ids
# live. The schema does not list them (see the module docstring).
_KIND = "Mã loại cơ quan, phải có trong data/agencies.yml."
_TOPIC = "Mã chủ đề, phải có trong data/topics.yml."
_PROVINCE = "Mã tỉnh, phải có trong data/provinces.yml."
REFERENCE_HINTS: dict[str, list[tuple[tuple[str, str], str]]] = {
    "plan": [
        (("", "province"), _PROVINCE),
        (("AgencyCell", "agencies"), _KIND),
        (("Task", "topics"), _TOPIC),
        (("Section", "topic"), _TOPIC),
        (("Indicator", "concept"), "Mã khái niệm, phải có trong data/concepts.yml."),
    ],
    "provinces": [(("Province", "merged_into"), _PROVINCE)],
    "agencies": [
        (("AgencyKind", "successor"), _KIND),
        (("AgencyKind", "province"), _PROVINCE),
        (("CompoundAlias", "kinds"), _KIND),
    ],
    "concepts": [(("Concept", "topic"), _TOPIC)],
    "lineage": [(("LineageDocument", "province"), _PROVINCE)],  # plan ids: the model's own hover text
}


def _for_editors(schema: dict[str, Any]) -> dict[str, Any]:
    """Drop what pydantic adds for programmers (English class docstrings, titles made from
    field names); keep the Vietnamese field descriptions that editors see on hover."""
    for model in [schema, *schema.get(DEFINITIONS, {}).values()]:
        model.pop("description", None)
        model.pop("title", None)
        for prop in model.get("properties", {}).values():
            prop.pop("title", None)
    return schema


def _add_hints(schema: dict[str, Any], name: str) -> None:
    for (model, field), hint in REFERENCE_HINTS.get(name, []):
        node = schema if model == "" else schema[DEFINITIONS][model]
        prop = node["properties"][field]
        described = prop.get("description", "")
        if re.search(r"data/\w+\.yml", hint)[0] not in described:  # unless the model says it already
            prop["description"] = f"{described} {hint}".strip()


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema (draft-07) of one kind of data file, from the model alone."""
    schema = FILES[name].model_json_schema(ref_template=f"#/{DEFINITIONS}/{{model}}")
    if "$defs" in schema:
        schema[DEFINITIONS] = schema.pop("$defs")
    _for_editors(schema)
    _add_hints(schema, name)
    return {
        "$schema": DIALECT,
        "$id": f"https://cong-ke-hoach-57/schema/{name}.schema.json",
        **schema,
        "title": TITLES[name],
    }


@functools.cache  # made from the model's code alone: once per process (mkdocs serve builds many times)
def schema_files() -> dict[str, str]:
    """File name under data/schema/ -> JSON text."""
    return {f"{name}.schema.json": json.dumps(schema_for(name), ensure_ascii=False, indent=2) + "\n" for name in FILES}
