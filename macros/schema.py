"""JSON Schema for every kind of data file, generated from the model (never by hand).

Editors' YAML-aware editors (VS Code with the YAML extension) read these schemas to
complete keys and underline mistakes while typing. On top of the model's shape, the
ids an editor may refer to (agency kinds, topics, concepts, provinces) are listed from
the current data, so a misspelt id is underlined at once; the schema therefore has to
be exported again when such a list changes (scripts/export_schema.py; pre-commit and
the tests check it is fresh).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from . import model as m
from .registry import Registry

SCHEMA_DIR = "schema"
FILES: dict[str, type[BaseModel]] = {
    "plan": m.Plan,
    "provinces": m.ProvincesFile,
    "agencies": m.AgencyRegistryFile,
    "topics": m.TopicsFile,
    "concepts": m.ConceptsFile,
    "abbreviations": m.AbbreviationsFile,
}
TITLES = {
    "plan": "Một kế hoạch (data/plans/<mã kế hoạch>.yml)",
    "provinces": "Tỉnh, thành phố (data/provinces.yml)",
    "agencies": "Loại cơ quan và cách viết (data/agencies.yml)",
    "topics": "Chủ đề (data/topics.yml)",
    "concepts": "Khái niệm chỉ tiêu (data/concepts.yml)",
    "abbreviations": "Chữ viết tắt cho ô tìm kiếm (data/abbreviations.yml)",
}


def _enum(ids: list[str], what: str) -> dict[str, Any]:
    return {"type": "string", "enum": sorted(ids), "description": f"Mã {what} (xem danh sách trong data/)."}


def _id_lists(registry: Registry) -> dict[str, dict[str, Any]]:
    return {
        "kind": _enum(list(registry.agency_kinds), "loại cơ quan trong data/agencies.yml"),
        "topic": _enum([t.id for t in registry.topics.values()], "chủ đề trong data/topics.yml"),
        "task_topic": _enum([t.id for t in registry.topics.values() if t.for_tasks], "chủ đề dùng cho nhiệm vụ"),
        "concept": _enum(list(registry.concepts), "khái niệm chỉ tiêu trong data/concepts.yml"),
        "province": _enum(list(registry.provinces), "tỉnh trong data/provinces.yml"),
    }


def _set_ref(schema: dict[str, Any], path: list[str], ref: dict[str, Any]) -> None:
    """Replace the string schema at `path` (through $defs, properties, items, anyOf)."""
    node = schema
    for key in path[:-1]:
        node = node[key]
    target = node[path[-1]]
    if "anyOf" in target:  # Optional[...]: keep the null branch
        target["anyOf"] = [ref if branch.get("type") == "string" else branch for branch in target["anyOf"]]
    elif target.get("type") == "array":
        target["items"] = ref
    else:
        node[path[-1]] = {**ref, **{k: v for k, v in target.items() if k in ("description", "default", "title")}}


def _for_editors(schema: dict[str, Any]) -> dict[str, Any]:
    """Drop what pydantic adds for programmers (English class docstrings, titles made from
    field names); keep the Vietnamese field descriptions that editors see on hover."""
    for model in [schema, *schema.get("$defs", {}).values()]:
        model.pop("description", None)
        model.pop("title", None)
        for prop in model.get("properties", {}).values():
            prop.pop("title", None)
    return schema


def schema_for(name: str, registry: Registry) -> dict[str, Any]:
    schema = _for_editors(FILES[name].model_json_schema())
    ids = _id_lists(registry)
    refs = {
        "plan": [
            (["properties", "province"], ids["province"]),
            (["$defs", "AgencyCell", "properties", "agencies"], ids["kind"]),
            (["$defs", "Task", "properties", "topics"], ids["task_topic"]),
            (["$defs", "Section", "properties", "topic"], ids["task_topic"]),
            (["$defs", "Indicator", "properties", "concept"], ids["concept"]),
        ],
        "provinces": [(["$defs", "Province", "properties", "merged_into"], ids["province"])],
        "agencies": [
            (["$defs", "AgencyKind", "properties", "successor"], ids["kind"]),
            (["$defs", "AgencyKind", "properties", "province"], ids["province"]),
            (["$defs", "CompoundAlias", "properties", "kinds"], ids["kind"]),
        ],
        "concepts": [(["$defs", "Concept", "properties", "topic"], ids["topic"])],
    }.get(name, [])
    for path, ref in refs:
        _set_ref(schema, path, ref)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://cong-ke-hoach-57/schema/{name}.schema.json",
        **schema,
        "title": TITLES[name],
    }


def schema_files(registry: Registry) -> dict[str, str]:
    """File name under data/schema/ -> JSON text."""
    return {
        f"{name}.schema.json": json.dumps(schema_for(name, registry), ensure_ascii=False, indent=2) + "\n"
        for name in FILES
    }
