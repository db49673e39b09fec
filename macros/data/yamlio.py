"""Reading YAML with source positions, and writing YAML that editors can read.

One parse per file: the node tree gives both the values and the line/column of every
key and value, so that a problem found later (by pydantic or a cross-reference check)
can be reported as `file:line:column`. Writing quotes every string, so that "7.10",
"2025" or "> 55" never turn into numbers or syntax errors when an editor copies them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

import yaml

Path_ = tuple[str | int, ...]

# `key: > 55`: a value starting with a YAML indicator that should have been quoted.
UNQUOTED_INDICATOR = re.compile(r"^(\s*(?:-\s+)?(\w+):\s+)([>|*&!%@`].*?)\s*$")


class Position(NamedTuple):
    """A tuple, not a dataclass: a national data set places 200,000 values."""

    line: int  # 1-based
    column: int  # 1-based


class YamlDocument:
    """A parsed YAML file: its value plus where each value and key sits.

    The parse keeps only the start mark of every node, in document order, and the position
    of every list and mapping; the `values`, `keys` and `tags` tables are built from them on
    first use (when a problem is reported), so a clean file never pays for them. Tables given
    to the constructor are used as they are."""

    def __init__(
        self,
        value: Any = None,
        values: dict[Path_, Position] | None = None,
        keys: dict[Path_, Position] | None = None,
        tags: dict[Path_, tuple[str, str]] | None = None,
    ) -> None:
        self.value = value
        self.marks: list[Any] = []  # the start mark of every node (scalar, list, mapping), in document order
        self.plain: dict[int, tuple[str, str]] = {}  # mark index -> (tag, raw text) of a scalar read as no string
        self.collections: dict[Path_, Any] = {}  # path -> start mark of every list and mapping
        given = values is not None or keys is not None or tags is not None
        self._tables = (values or {}, keys or {}, tags or {}) if given else None

    @property
    def values(self) -> dict[Path_, Position]:
        return self._built()[0]

    @property
    def keys(self) -> dict[Path_, Position]:
        return self._built()[1]

    @property
    def tags(self) -> dict[Path_, tuple[str, str]]:  # path -> (tag, raw scalar text), for values
        return self._built()[2]

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """Nearest known position for `path` (walks up to the parent when unknown)."""
        probe = tuple(path)
        if not key and probe in self.collections:  # a list item's line, without building the tables
            return _mark(self.collections[probe])
        values, keys, _ = self._built()
        table = keys if key else values
        while probe:
            if probe in table:
                return table[probe]
            if probe in values:
                return values[probe]
            probe = probe[:-1]
        return values.get((), Position(1, 1))

    def _built(self) -> tuple[dict[Path_, Position], dict[Path_, Position], dict[Path_, tuple[str, str]]]:
        if self._tables is None:
            self._tables = _tables(self.value, self.marks, self.plain)
        return self._tables


def _tables(
    root: Any, marks: list[Any], plain: dict[int, tuple[str, str]]
) -> tuple[dict[Path_, Position], dict[Path_, Position], dict[Path_, tuple[str, str]]]:
    """The position tables, from the value and its marks walked in the parser's (document)
    order: a node, then for a mapping each key and its value; a key's path part is its text
    as written (`1: …` is "1")."""
    values: dict[Path_, Position] = {}
    keys: dict[Path_, Position] = {}
    tags: dict[Path_, tuple[str, str]] = {}
    if not marks:
        return values, keys, tags
    index = -1
    todo: list[tuple[bool, Path_, Any, Any]] = [(False, (), None, root)]  # (is a key, path, key, value)
    while todo:
        is_key, path, key, value = todo.pop()
        index += 1
        position = _mark(marks[index])
        if is_key:
            path = (*path, plain[index][1] if index in plain else key)
            keys[path] = position
            todo.append((False, path, None, value))
            continue
        values[path] = position
        if value.__class__ is dict:
            todo.extend((True, path, k, v) for k, v in reversed(value.items()))
        elif value.__class__ is list:
            todo.extend((False, (*path, i), None, v) for i, v in reversed(list(enumerate(value))))
        else:
            tags[path] = plain.get(index, (_STR, value))
    return values, keys, tags


class YamlProblem(Exception):
    """A YAML file that cannot be read, or uses YAML beyond plain values, lists and mappings;
    carries the position and the kind (problems.yaml_problem_message says it in Vietnamese)."""

    def __init__(self, position: Position, kind: str, detail: str = "", line_text: str = "") -> None:
        super().__init__(f"{position.line}:{position.column}: {kind} {detail}".strip())
        self.position = position
        # syntax | duplicate-key | bad-date | bad-number | tag | anchor | alias | too-deep |
        # complex-key | two-documents | too-large | invisible | unclosed-quote
        self.kind = kind
        self.detail = detail
        self.line_text = line_text  # the source line, for syntax errors


def _mark(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


# libyaml's parser when present (about 10x faster); it reports the same marks.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 4_000_000  # the largest plan is under 100 kB
MAX_DEPTH = 40  # the data nests 7 deep
# Characters that do not belong in data and that editors cannot see: C0/C1 controls (but Tab
# and line ends), line and paragraph separators (they shift line numbers), bidirectional
# overrides and isolates (they make text read differently from what it is), a stray BOM.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_SCALARS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}


def invisible_character(text: str) -> tuple[Position, str] | None:
    """The first character of INVISIBLE in `text`, with its position."""
    found = INVISIBLE.search(text)
    if found is None:
        return None
    start = found.start()
    line = text.count("\n", 0, start) + 1
    return Position(line, start - (text.rfind("\n", 0, start) + 1) + 1), found.group()


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as err:
            raise YamlProblem(_mark(node.start_mark), "bad-date", str(node.value)) from err


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document of plain scalars, lists and mappings; raise YamlProblem on
    anything else: syntax errors, duplicate keys, bad dates, tags, anchors and aliases,
    nesting deeper than MAX_DEPTH, a list or mapping as a key, invisible characters, more
    than MAX_BYTES. Built from the parser's events with no recursion, so that no input can
    make it crash, loop or blow up (an alias bomb is refused at its first anchor)."""
    if len(text) > MAX_BYTES:
        raise YamlProblem(Position(1, 1), "too-large", str(len(text.encode("utf-8", "replace"))))
    if found := invisible_character(text):
        position, char = found
        raise YamlProblem(position, "invisible", f"U+{ord(char):04X}")
    loader = _Loader(text)
    try:
        return _compose(loader, text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        position = _mark(mark) if mark else Position(1, 1)
        if opened := _unclosed_quote(text, err, position):
            raise YamlProblem(opened, "unclosed-quote") from None
        lines = text.splitlines()
        line_text = lines[position.line - 1] if position.line <= len(lines) else ""
        if unquoted := UNQUOTED_INDICATOR.match(line_text):
            position = Position(position.line, len(unquoted.group(1)) + 1)
        raise YamlProblem(position, "syntax", err.problem or str(err), line_text) from None
    except yaml.YAMLError as err:  # a reader error without a mark
        raise YamlProblem(Position(1, 1), "syntax", str(err)) from None
    finally:
        loader.dispose()


def _unclosed_quote(text: str, err: yaml.MarkedYAMLError, position: Position) -> Position | None:
    """Where a double-quoted value opens that was never closed: the parser reads on into the
    next lines and fails there (or at the end of the file), far from the mistake. The data
    never spans a quoted value over lines, so a multi-line one before the failure is it."""
    if err.context == "while scanning a quoted scalar" and err.context_mark is not None:
        return _mark(err.context_mark)
    opened = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line + 1 > position.line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style == '"'
                and token.end_mark.line > token.start_mark.line
            ):
                opened = _mark(token.start_mark)
    except yaml.YAMLError:
        pass
    return opened


def _compose(loader: Any, text: str) -> YamlDocument:
    """The document from the parser's events. The hot path (a scalar, mostly a quoted
    string, placed in a mapping) avoids calls and allocations: events are told apart by
    type, a quoted scalar is a string without asking the resolver, the innermost open
    collection lives in local variables, and a scalar leaves only its mark (the position
    tables are built from the marks when a problem needs them, see YamlDocument)."""
    document = YamlDocument(None)
    marks, plain, collections = document.marks, document.plain, document.collections
    add_mark, get_event, resolve = marks.append, loader.get_event, loader.resolve
    scalar_event, no_key, string = yaml.ScalarEvent, _NO_KEY, _STR
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    resolved: dict[str, str] = {}  # plain text -> its tag: mostly keys, which repeat
    # the innermost open collection (None before the root), its path, the marks of its keys
    # (mappings), the key waiting for its value and that key as written; `stack` keeps the
    # same for each collection around it
    container: Any = None
    in_list = False
    path: Path_ = ()
    seen: dict[Any, Any] = {}
    key: Any = no_key
    key_text = ""
    stack: list[tuple[Any, bool, Path_, dict[Any, Any], Any, str]] = []
    documents = 0
    root_set = False
    while (event := get_event()) is not None:
        kind = event.__class__
        if kind is scalar_event:
            mark = event.start_mark
            if event.anchor is not None:
                raise YamlProblem(_mark(mark), "anchor", event.anchor)
            if event.tag is not None:
                raise YamlProblem(_mark(mark), "tag", event.tag)
            value = raw = event.value
            if not event.style and raw.isdigit() and raw.isascii() and len(raw) < 19 and raw[0] != "0":
                plain[len(marks)] = (_INT, raw)  # a line or row number, read as the resolver and int() would
                value = int(raw)
            elif not event.style:  # plain; quoted and block scalars are always strings
                tag = resolved.get(raw)
                if tag is None:
                    tag = resolved[raw] = resolve(yaml.ScalarNode, raw, event.implicit)
                if tag != string:
                    plain[len(marks)] = (tag, raw)
                    if tag in _SCALARS:
                        value = _scalar(loader, yaml.ScalarNode(tag, raw, mark, event.end_mark, event.style))
            if in_list:
                container.append(value)
            elif key is not no_key:
                container[key] = value
                key = no_key
            elif container is not None:  # a key
                if value in seen:
                    raise YamlProblem(_mark(mark), "duplicate-key", f"{raw}@{seen[value].line + 1}")
                seen[value] = mark
                key, key_text = value, raw
            else:
                document.value, root_set = value, True
            add_mark(mark)
        elif kind in ends:
            container, in_list, path, seen, key, key_text = stack.pop()
        elif kind in starts:
            mark = event.start_mark
            if event.anchor is not None:
                raise YamlProblem(_mark(mark), "anchor", event.anchor)
            if event.tag is not None:
                raise YamlProblem(_mark(mark), "tag", event.tag)
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(_mark(mark), "too-deep", str(MAX_DEPTH))
            collection: Any = [] if kind is yaml.SequenceStartEvent else {}
            if in_list:
                inner: Path_ = (*path, len(container))
                container.append(collection)
            elif key is not no_key:
                inner = (*path, key_text)
                container[key] = collection
                key = no_key
            elif container is not None:
                raise YamlProblem(_mark(mark), "complex-key")
            else:
                inner = ()
                document.value, root_set = collection, True
            collections[inner] = mark
            add_mark(mark)
            stack.append((container, in_list, path, seen, key, key_text))
            container, in_list, path, seen = collection, kind is yaml.SequenceStartEvent, inner, {}
        elif kind is yaml.AliasEvent:
            raise YamlProblem(_mark(event.start_mark), "alias", event.anchor or "")
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlProblem(_mark(event.start_mark), "two-documents")
        # StreamStart, StreamEnd, DocumentEnd: nothing to do
    if not root_set:
        return YamlDocument(None)
    return document


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NO_KEY = object()


def _scalar(loader: Any, node: yaml.ScalarNode) -> Any:
    """A plain scalar's value: text, or what YAML reads it as (number, yes/no, date, null)."""
    if node.tag not in _SCALARS:
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as err:
        if node.tag.endswith(":timestamp"):
            raise YamlProblem(_mark(node.start_mark), "bad-date", node.value) from err
        raise YamlProblem(_mark(node.start_mark), "bad-number", node.value[:20]) from err


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
