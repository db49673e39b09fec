"""Applying accepted alias proposals: data/agencies.yml gains the spellings, and every
agency list in the plans that the new spellings change is resolved again.

Edits are made on the files' text, line by line, so comments and the layout of every
untouched line stay as they are: an `aliases: [...]` line gets the new spelling, an
`agencies: [...]` line its new kinds. Positions come from the same YAML reader as the
loader's (macros.data.yamlio); nothing is written here, the caller writes the texts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from macros.data.agency_names import AliasIndex
from macros.data.registry import Registry
from macros.data.yamlio import parse_yaml

AGENCIES_FILE = "agencies.yml"
_FLOW_LIST = re.compile(r"^(\s*(?:- )?)(aliases|agencies):\s*\[.*\]\s*$")


@dataclass
class AliasChanges:
    texts: dict[str, str] = field(default_factory=dict)  # repository-relative file -> new text
    added: list[tuple[str, str]] = field(default_factory=list)  # (spelling, kind)
    resolved: list[tuple[str, int, list[str]]] = field(default_factory=list)  # (plan file, line, new kinds)
    by_hand: list[tuple[str, int]] = field(default_factory=list)  # lists not in one line: edit by hand
    applied: dict[str, list[int]] = field(default_factory=dict)  # plan id -> review item indexes done


def flow_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def accepted_aliases(registry: Registry) -> list[tuple[str, int, str, str]]:
    """(plan id, item index, spelling, kind) of every proposal marked `accept: true`."""
    return [
        (plan_id, index, item.alias.text, item.alias.kind)
        for plan_id, review in registry.reviews.items()
        for index, item in enumerate(review.items)
        if item.alias is not None and item.alias.accept
    ]


def apply_aliases(registry: Registry, agencies_file: str, plan_files: list[str]) -> AliasChanges:
    """The new texts of data/agencies.yml and of the plan files whose agency lists change.

    `plan_files`: the plans' file names as the registry has them (keys of registry.files)."""
    changes = AliasChanges()
    accepted = accepted_aliases(registry)
    kinds = dict(registry.agency_kinds)
    for plan_id, index, text, kind_id in accepted:
        changes.applied.setdefault(plan_id, []).append(index)
        known = AliasIndex(kinds.values(), registry.compound_aliases).resolve(text)
        if known.kinds == (kind_id,) and not known.leftover:
            continue  # already known (the same spelling accepted twice, or added by hand)
        kinds[kind_id] = kinds[kind_id].model_copy(update={"aliases": [*kinds[kind_id].aliases, text]})
        changes.added.append((text, kind_id))
    lines = registry.files[agencies_file].split("\n")
    document = parse_yaml(registry.files[agencies_file])
    order = [kind["id"] for kind in document.value["kinds"]]
    changed = {kind_id for _, kind_id in changes.added}
    for kind_id in sorted(changed, key=order.index, reverse=True):  # from the bottom: line numbers above stay
        position = order.index(kind_id)
        aliases = flow_list(kinds[kind_id].aliases)
        if registry.agency_kinds[kind_id].aliases:
            number = document.position(("kinds", position, "aliases")).line - 1
            match = _FLOW_LIST.match(lines[number])
            if match is None:
                changes.by_hand.append((agencies_file, number + 1))
                continue
            lines[number] = f"{match.group(1)}aliases: {aliases}"
        else:
            name_line = document.position(("kinds", position, "name")).line - 1
            indent = re.match(r"\s*", lines[name_line]).group()
            lines.insert(name_line + 1, f"{indent}aliases: {aliases}")
    changes.texts[agencies_file] = "\n".join(lines)

    before = AliasIndex(registry.agency_kinds.values(), registry.compound_aliases)
    after = AliasIndex(kinds.values(), registry.compound_aliases)
    for plan_id, review in registry.reviews.items():  # other rows with a spelling now known are done too
        for index, item in enumerate(review.items):
            if item.alias is not None and not after.resolve(item.alias.text).leftover:
                done = changes.applied.setdefault(plan_id, [])
                done.extend([index] if index not in done else [])
    for file in plan_files:
        text = registry.files[file]
        plan_lines = text.split("\n")
        document = parse_yaml(text)
        for path, cell in _cells(document.value, ()):
            old, new = list(before.resolve(cell["raw"]).kinds), list(after.resolve(cell["raw"]).kinds)
            current = list(cell.get("agencies") or [])
            if old == new:
                continue
            # an untouched list becomes the new resolution; a list an editor changed only gains the new kinds
            updated = new if current == old else current + [k for k in new if k not in current and k not in old]
            if updated == current:
                continue
            number = document.position((*path, "agencies")).line - 1
            match = _FLOW_LIST.match(plan_lines[number])
            if match is None or match.group(2) != "agencies":
                changes.by_hand.append((file, number + 1))
                continue
            plan_lines[number] = f"{match.group(1)}agencies: {flow_list(updated)}"
            changes.resolved.append((file, number + 1, updated))
        if "\n".join(plan_lines) != text:
            changes.texts[file] = "\n".join(plan_lines)
    return changes


def _cells(value: Any, path: tuple) -> list[tuple[tuple, dict]]:
    """(path, cell) for every agency cell ({raw, agencies}) in a plan document."""
    found: list[tuple[tuple, dict]] = []
    if isinstance(value, dict):
        if isinstance(value.get("raw"), str) and "agencies" in value:
            found.append((path, value))
        for key, item in value.items():
            found.extend(_cells(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_cells(item, (*path, index)))
    return found
