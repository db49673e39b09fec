"""Reading YAML with source positions, and writing YAML that editors can read.

One parse per file: the node tree gives both the values and the line/column of every
key and value, so that a problem found later (by pydantic or a cross-reference check)
can be reported as `file:line:column`. Writing quotes every string, so that "7.10",
"2025" or "> 55" never turn into numbers or syntax errors when an editor copies them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]

# `key: > 55`: a value starting with a YAML indicator that should have been quoted.
UNQUOTED_INDICATOR = re.compile(r"^(\s*(?:-\s+)?(\w+):\s+)([>|*&!%@`].*?)\s*$")


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlDocument:
    """A parsed YAML file: its value plus where each value and key sits."""

    value: Any
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    tags: dict[Path_, tuple[str, str]] = field(default_factory=dict)  # path -> (tag, raw scalar text)

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """Nearest known position for `path` (walks up to the parent when unknown)."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), Position(1, 1))


class YamlProblem(Exception):
    """A YAML file that cannot be read; carries the position and an English reason."""

    def __init__(self, position: Position, kind: str, detail: str = "", line_text: str = "") -> None:
        super().__init__(f"{position.line}:{position.column}: {kind} {detail}".strip())
        self.position = position
        self.kind = kind  # "syntax" | "duplicate-key" | "bad-date"
        self.detail = detail
        self.line_text = line_text  # the source line, for syntax errors


def _mark(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


# libyaml's parser when present (about 10x faster); it reports the same marks.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as err:
            raise YamlProblem(_mark(node.start_mark), "bad-date", str(node.value)) from err


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise YamlProblem on syntax errors, duplicate keys, bad dates."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            position = _mark(mark) if mark else Position(1, 1)
            lines = text.splitlines()
            line_text = lines[position.line - 1] if position.line <= len(lines) else ""
            if unquoted := UNQUOTED_INDICATOR.match(line_text):
                position = Position(position.line, len(unquoted.group(1)) + 1)
            raise YamlProblem(position, "syntax", err.problem or str(err), line_text) from err
        if node is None:
            return YamlDocument(None)
        document = YamlDocument(None)
        _index(node, (), document)
        document.value = loader.construct_document(node)
        return document
    finally:
        loader.dispose()


def _index(node: yaml.Node, path: Path_, document: YamlDocument) -> None:
    document.values[path] = _mark(node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        document.tags[path] = (node.tag, node.value)
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _index(child, (*path, i), document)
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                first = seen[key]
                raise YamlProblem(_mark(key_node.start_mark), "duplicate-key", f"{key}@{first.line}")
            seen[key] = _mark(key_node.start_mark)
            document.keys[(*path, key)] = seen[key]
            _index(value_node, (*path, key), document)


# --- writing ---------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as editors expect.
        super().increase_indent(flow, False)


def _node(value: Any) -> yaml.Node:
    if isinstance(value, dict):
        pairs = [(yaml.ScalarNode("tag:yaml.org,2002:str", str(k)), _node(v)) for k, v in value.items()]
        return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=False)
    if isinstance(value, (list, tuple)):
        flow = bool(value) and all(isinstance(v, str) and len(v) < 40 for v in value) and len(value) <= 6
        return yaml.SequenceNode("tag:yaml.org,2002:seq", [_node(v) for v in value], flow_style=flow)
    if isinstance(value, str):
        return yaml.ScalarNode("tag:yaml.org,2002:str", value, style='"')
    if isinstance(value, bool):
        return yaml.ScalarNode("tag:yaml.org,2002:bool", "true" if value else "false")
    if isinstance(value, int):
        return yaml.ScalarNode("tag:yaml.org,2002:int", str(value))
    if isinstance(value, dt.date):
        return yaml.ScalarNode("tag:yaml.org,2002:timestamp", value.isoformat())
    if value is None:
        return yaml.ScalarNode("tag:yaml.org,2002:null", "null")
    raise TypeError(f"cannot write {type(value).__name__} to YAML")


def dump_yaml(value: Any, *, header: str = "") -> str:
    """YAML text with every string double-quoted and no line wrapping."""
    body = yaml.serialize(
        _node(value),
        Dumper=_Dumper,
        allow_unicode=True,
        width=10_000,
        explicit_start=False,
    )
    return header + body
