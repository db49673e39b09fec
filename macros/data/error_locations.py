"""Where a pydantic error sits in a YAML file: its location mapped back to the data's path.

Pydantic reports a location through union members and model fields; the loader needs the
path in the YAML document (to give file:line:column) and, for a misspelt key, the fields
allowed there and the one it was probably meant to be. problems.py words the message.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from macros.data.yamlio import Path_


def renamed_field(path: Path_, allowed: list[str], missing: dict[Path_, Any]) -> str | None:
    """The missing field an unknown key was probably meant to be ("titel" -> "title")."""
    candidates = [p[-1] for p in missing if p[:-1] == path[:-1] and isinstance(p[-1], str)]
    match = difflib.get_close_matches(str(path[-1]), candidates, n=1, cutoff=0.6)
    return match[0] if match else None


def seen_renamed(located: list[tuple[Path_, Any]], missing: dict[Path_, Any]) -> set[Path_]:
    """Missing-field paths explained by a misspelt key next to them (reported once, as a rename)."""
    explained: set[Path_] = set()
    for path, error in located:
        if error["type"] == "extra_forbidden":
            renamed = renamed_field(path, [], missing)
            if renamed:
                explained.add((*path[:-1], renamed))
    return explained


def closest(value: str, table: dict[str, Any], n: int = 3) -> list[str]:
    return difflib.get_close_matches(value, list(table), n=n, cutoff=0.5)


def keys_of(value: Any, path: Path_ = ()) -> Iterable[tuple[Path_, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield (*path, k), str(k)
            yield from keys_of(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from keys_of(v, (*path, i))


def data_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Drop pydantic's union-member segments from `loc`, keeping the real data path."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _is_member_tag(part):
            path.append(part)  # a missing or unknown key
            node = None
        else:
            continue
    return tuple(path)


def _is_member_tag(part: str) -> bool:
    return part in ("str", "int", "float", "DeadlineOverride") or "[" in part


def allowed_fields(model: type[BaseModel], data: Any, path: Path_) -> list[str]:
    """Field names allowed at `path` (walks the model along the data path)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field_info = getattr(current, "model_fields", {}).get(part)
        if field_info is None:
            return []
        current = _inner_model(field_info.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None
