"""What changed in the data between two versions, entity by entity and field by field.

Works on loaded registries, not on text: moving a block or re-quoting a value in YAML
is no change, but re-ordering tasks, indicators or sections is (pages list them in data
order). Ids are shown with the names a reader knows (agencies, topics, sections), and an
added entity comes with its key fields, so a reviewer need not open the YAML. Used by
macros/editing/change_report.py to tell reviewers of a pull request what a citizen would see
differently, and by macros/site/feeds.py to tell readers what changed (it lives in the site
layer so that site pages can use it).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.data.registry import Registry
from macros.site import urls
from macros.site.render import date_vi
from macros.site.views import Views

FIELD_LABELS = {
    "title": "Tên",
    "name": "Tên",
    "label": "Số thứ tự",
    "lead.raw": "Chủ trì (nguyên văn)",
    "lead.agencies": "Chủ trì (cơ quan)",
    "support.raw": "Phối hợp (nguyên văn)",
    "support.agencies": "Phối hợp (cơ quan)",
    "output": "Kết quả",
    "deadline": "Thời hạn",
    "section": "Mục",
    "topics": "Chủ đề",
    "status": "Tình trạng",
    "updates": "Cập nhật tiến độ",
    "note": "Ghi chú của ban biên tập",
    "unit": "Đơn vị tính",
    "target": "Mục tiêu",
    "horizon": "Năm mục tiêu",
    "monitoring.raw": "Cơ quan theo dõi (nguyên văn)",
    "monitoring.agencies": "Cơ quan theo dõi (cơ quan)",
    "concept": "Khái niệm so sánh",
    "parent": "Chỉ tiêu cha",
    "source.line": "Dòng trong văn bản gốc",
    "source.line_end": "Dòng cuối trong văn bản gốc",
    "number": "Số hiệu",
    "issued_on": "Ngày ban hành",
    "issuer": "Cơ quan ban hành",
    "province": "Tỉnh",
    "aliases": "Cách viết",
    "successor": "Cơ quan kế thừa",
    "merged_into": "Hợp nhất vào",
    "source.notes": "Ghi chú về văn bản gốc",
    "implements": "Văn bản thực hiện",
    "signer.name": "Người ký",
    "signer.title": "Chức vụ người ký",
    "issued_raw": "Ngày ban hành (nguyên văn)",
    "description": "Mô tả",
    "short_name": "Tên ngắn",
    "change_note": "Ghi chú thay đổi",
    "links": "Tác động tới kế hoạch",
    "on_portal": "Toàn văn trên cổng",
    "source.title": "Nguồn",
    "source.url": "Đường dẫn nguồn",
}
KIND_LABELS = {
    "plan": "Kế hoạch",
    "task": "Nhiệm vụ",
    "indicator": "Chỉ tiêu",
    "section": "Mục",
    "kind": "Loại cơ quan",
    "topic": "Chủ đề",
    "province": "Tỉnh, thành phố",
    "concept": "Khái niệm chỉ tiêu",
    "abbreviation": "Chữ viết tắt",
    "lineage": "Văn bản ban hành sau",
}
# Fields holding ids, shown as "Name (id)" from the registry of the same version.
AGENCY_FIELDS = {"lead.agencies", "support.agencies", "monitoring.agencies", "successor"}
TOPIC_FIELDS = {"topics", "topic"}
PROVINCE_FIELDS = {"province", "merged_into"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str
    words: tuple[tuple[str, str], ...] = ()  # for a long text: (op, words), op "=" kept, "-" removed, "+" added


LONG_TEXT = 60  # characters: past this, a changed text is shown as its changed words
CONTEXT_WORDS = 5  # kept words shown on each side of a change


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The words that changed between two texts, with a few kept words around each change
    (longer kept runs shortened to "…"), so a reviewer sees the edit, not two copies."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    opcodes = matcher.get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            kept = a[i1:i2]
            head = kept[:CONTEXT_WORDS] if n > 0 else []
            tail = kept[-CONTEXT_WORDS:] if n < len(opcodes) - 1 else []
            if len(kept) > len(head) + len(tail):
                shown = " ".join(head) + (" " if head else "") + "…" + (" " if tail else "") + " ".join(tail)
            else:
                shown = " ".join(kept)
            out.append(("=", shown))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return tuple(out)


@dataclass(frozen=True)
class Move:
    """A task, indicator or section that changed place in its plan's list (1-based positions)."""

    key: str
    name: str
    url: str
    old_position: int
    new_position: int


@dataclass
class Change:
    kind: str  # plan | task | indicator | section | kind | topic | province | concept | abbreviation
    key: str  # the entity's id (for "reordered": the plan's id)
    name: str
    action: str  # added | removed | changed | reordered (the plan's list of `kind` changed order)
    url: str | None = None  # page URL relative to the site root (with #anchor)
    plan: str | None = None  # plan name, for tasks, indicators, sections
    fields: list[FieldChange] = field(default_factory=list)
    status: tuple[str, str] | None = None  # (old, new) status words when the status changed
    new_updates: list[m.ProgressUpdate] = field(default_factory=list)
    removed_updates: list[m.ProgressUpdate] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)  # an added entity's key fields (label, value)
    moves: list[Move] = field(default_factory=list)  # for "reordered": the items that changed place
    plan_id: str | None = None  # the plan's id, for a plan and its tasks, indicators, sections

    @property
    def progress(self) -> bool:
        """A task whose progress (status, updates) changed: reported once, in its own section."""
        return self.kind == "task" and bool(self.status or self.new_updates or self.removed_updates)


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    """{'lead': {'raw': x}} -> {'lead.raw': x}; lists stay whole."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flat(v, f"{prefix}{k}."))
        return out
    return {prefix[:-1]: value}


def _show(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "(trống)"
    if isinstance(value, list):
        return "; ".join(_show(v) for v in value)
    if isinstance(value, dict):  # a progress update, a source note, a document reference
        return ": ".join(str(value[k]) for k in ("date", "number", "line", "note", "text", "title") if value.get(k))
    return str(value)


Shower = Callable[[str, Any], str]  # (field key, JSON value) -> text for the reader


def _plain(key: str, value: Any) -> str:
    return _show_status(value) if key == "status" else _show(value)


def _field_changes(
    old: m.Model | None,
    new: m.Model | None,
    skip: set[str] = frozenset(),
    show_old: Shower = _plain,
    show_new: Shower = _plain,
) -> list[FieldChange]:
    if old is not None and (old is new or old == new):
        return []  # the same object, or equal values (most items of a plan between two versions)
    a = _flat(old.model_dump(mode="json")) if old else {}
    b = _flat(new.model_dump(mode="json")) if new else {}
    out = []
    for key in dict.fromkeys([*a, *b]):
        if key.split(".")[0] in skip or a.get(key) == b.get(key):
            continue
        before, after = show_old(key, a.get(key)), show_new(key, b.get(key))
        long = isinstance(a.get(key), str) and isinstance(b.get(key), str) and max(len(before), len(after)) > LONG_TEXT
        out.append(
            FieldChange(key, FIELD_LABELS.get(key, key), before, after, word_diff(before, after) if long else ())
        )
    return out


def _shower(reg: Registry, other: Registry, plan: m.Plan | None = None, other_plan: m.Plan | None = None) -> Shower:
    """Shows id fields as "Name (id)", named by `reg` (the version the value comes from),
    falling back to `other` for an id only it knows."""

    def names(key: str) -> dict[str, str] | None:
        if key.endswith(".agencies") or key in AGENCY_FIELDS:
            return {**_names(other.agency_kinds), **_names(reg.agency_kinds)}
        if key in TOPIC_FIELDS:
            return {**_names(other.topics), **_names(reg.topics)}
        if key in PROVINCE_FIELDS:
            return {**_names(other.provinces), **_names(reg.provinces)}
        if key == "concept":
            return {**_names(other.concepts), **_names(reg.concepts)}
        plans = [p for p in (other_plan, plan) if p]
        if key == "section" and plans:
            return {s.id: _section_name(s) for p in plans for s in p.sections}
        if key == "parent" and plans:
            return {i.id: i.name for p in plans for i in p.indicators}
        return None

    def show(key: str, value: Any) -> str:
        table = names(key)
        if table is None or value is None or value == []:
            return _plain(key, value)
        ids = value if isinstance(value, list) else [value]
        return "; ".join(f"{table[i]} ({i})" if i in table else str(i) for i in ids)

    return show


def _names(table: dict[str, Any]) -> dict[str, str]:
    return {key: item.name for key, item in table.items()}


def _section_name(section: m.Section) -> str:
    title = section.title or section.inferred_title or section.id
    return f"{section.label}. {title}" if section.label else title


def _cell(cell: m.AgencyCell | None, show: Shower, key: str) -> str:
    if cell is None:
        return _show(None)
    if not cell.agencies:
        return _show(cell.raw)
    return f"{_show(cell.raw)} — cơ quan: {show(key, cell.agencies)}"


def _details(kind: str, entity: Any, show: Shower) -> list[tuple[str, str]]:
    """The fields a reviewer checks for an added entity, as the reader will see them."""
    rows: list[tuple[str, Any]] = []
    if kind == "task":
        deadline = entity.deadline.raw if isinstance(entity.deadline, m.DeadlineOverride) else entity.deadline
        rows = [
            ("Số thứ tự", entity.label),
            ("Chủ trì", _cell(entity.lead, show, "lead.agencies")),
            ("Phối hợp", _cell(entity.support, show, "support.agencies")),
            ("Thời hạn", deadline),
            ("Mục", show("section", entity.section)),
            ("Chủ đề", show("topics", entity.topics)),
        ]
        if entity.output:
            rows.append(("Kết quả", entity.output))
        rows.append(("Dòng trong văn bản gốc", entity.source.line))
    elif kind == "indicator":
        rows = [
            ("Số thứ tự", entity.label),
            ("Mục tiêu", entity.target),
            ("Đơn vị tính", entity.unit),
            ("Năm mục tiêu", entity.horizon),
            ("Cơ quan theo dõi", _cell(entity.monitoring, show, "monitoring.agencies")),
        ]
        if entity.concept:
            rows.append(("Khái niệm so sánh", show("concept", entity.concept)))
        rows.append(("Dòng trong văn bản gốc", entity.source.line))
    elif kind == "section":
        rows = [
            ("Số thứ tự", entity.label),
            ("Tên", entity.title or entity.inferred_title),
            ("Chủ đề", show("topic", entity.topic)),
        ]
    elif kind == "plan":
        issued = date_vi(entity.issued_on) if entity.issued_on else entity.issued_raw
        rows = [
            ("Tên", entity.title),
            ("Số hiệu", entity.number),
            ("Ngày ban hành", issued),
            ("Cơ quan ban hành", entity.issuer),
            ("Số nhiệm vụ", len(entity.tasks)),
            ("Số chỉ tiêu", len(entity.indicators)),
            ("Văn bản gốc", entity.source.file),
        ]
    elif kind == "abbreviation":
        rows = [("Cách viết tắt", entity.short)]
    return [
        (label, value if isinstance(value, str) else _show(value))
        for label, value in rows
        if value is not None or label in ("Chủ trì", "Thời hạn", "Mục tiêu")
    ]


def _lcs(a: Sequence[str], b: Sequence[str]) -> set[str]:
    """The ids of a longest common subsequence: the items that kept their relative place."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    kept, i, j = set(), 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            kept.add(a[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return kept


def _moves(before: list[Any], after: list[Any], url: Callable[[Any], str]) -> list[Move]:
    """Items found in both lists whose order changed (the fewest that must move)."""
    old_ids, new_ids = [x.id for x in before], [x.id for x in after]
    common = set(old_ids) & set(new_ids)
    a, b = [i for i in old_ids if i in common], [i for i in new_ids if i in common]
    if a == b:
        return []
    kept = _lcs(a, b)
    return [
        Move(x.id, _title(x), url(x), old_ids.index(x.id) + 1, position)
        for position, x in enumerate(after, 1)
        if x.id in common and x.id not in kept
    ]


def _title(entity: Any) -> str:
    return (
        getattr(entity, "title", None)
        or getattr(entity, "name", None)
        or getattr(entity, "inferred_title", None)
        or entity.id
    )


def _show_status(value: Any) -> str:
    return vocab.STATUS_BY_VALUE.get(value, vocab.NO_REPORT) if value else vocab.NO_REPORT


def _status_word(task: m.Task | None) -> str:
    status = task.current_status if task else None
    return vocab.STATUS[status] if status else vocab.NO_REPORT


def _pair(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    return [(k, old.get(k), new.get(k)) for k in dict.fromkeys([*old, *new])]


def _action(old: Any, new: Any) -> str:
    return "added" if old is None else "removed" if new is None else "changed"


def compare(old: Registry, new: Registry) -> list[Change]:
    """Every difference a reader would notice, plans first, then the reference lists."""
    changes: list[Change] = []
    for plan_id, a, b in _pair(old.plans, new.plans):
        plan = b or a
        name = plan_name(new if b else old, plan)
        plan_url = urls.page_url(urls.plan(plan_id))
        show_old, show_new = _shower(old, new, a, b), _shower(new, old, b, a)
        plan_fields = _field_changes(a, b, {"tasks", "indicators", "sections"}, show_old, show_new) if a and b else []
        if a is None or b is None or plan_fields:
            change = Change("plan", plan_id, name, _action(a, b), plan_url, name, plan_fields, plan_id=plan_id)
            if a is None:
                change.details = _details("plan", b, show_new)
            changes.append(change)
        if a is None or b is None:
            continue
        for kind, attr in (("section", "sections"), ("indicator", "indicators"), ("task", "tasks")):
            anchor = (lambda key: f"muc-{key}") if kind == "section" else (lambda key: key)
            before = {x.id: x for x in getattr(a, attr)}
            after = {x.id: x for x in getattr(b, attr)}
            for key, x, y in _pair(before, after):
                fields = _field_changes(x, y, show_old=show_old, show_new=show_new)
                if not fields:
                    continue
                change = Change(
                    kind,
                    key,
                    _title(y or x),
                    _action(x, y),
                    f"{plan_url}#{anchor(key)}" if y else plan_url,
                    name,
                    fields,
                    plan_id=plan_id,
                )
                if x is None:
                    change.details = _details(kind, y, show_new)
                if kind == "task":
                    _progress(change, x, y)
                changes.append(change)
            moves = _moves(
                getattr(a, attr),
                getattr(b, attr),
                lambda item, plan_url=plan_url, anchor=anchor: f"{plan_url}#{anchor(item.id)}",
            )
            if moves:
                changes.append(Change(kind, plan_id, name, "reordered", plan_url, name, moves=moves, plan_id=plan_id))
    for kind, attr, page in (
        ("kind", "agency_kinds", urls.kind),
        ("topic", "topics", urls.topic),
        ("province", "provinces", urls.province),
        ("concept", "concepts", None),
    ):
        for key, x, y in _pair(getattr(old, attr), getattr(new, attr)):
            fields = _field_changes(x, y, show_old=_shower(old, new), show_new=_shower(new, old))
            if fields:
                url = urls.page_url(page(key)) if page and y else None
                changes.append(Change(kind, key, (y or x).name, _action(x, y), url, None, fields))
    old_docs = {d.id: d for d in old.lineage}
    for key, x, y in _pair(old_docs, {d.id: d for d in new.lineage}):
        fields = _field_changes(x, y, show_old=_shower(old, new), show_new=_shower(new, old))
        if fields:
            changes.append(Change("lineage", key, (y or x).title, _action(x, y), None, None, fields))
    old_abbr = {a.full: a for a in old.abbreviations}
    new_abbr = {a.full: a for a in new.abbreviations}
    for key, x, y in _pair(old_abbr, new_abbr):
        fields = _field_changes(x, y)
        if fields:
            change = Change("abbreviation", key, key, _action(x, y), None, None, fields)
            if x is None:
                change.details = _details("abbreviation", y, _plain)
            changes.append(change)
    return changes


def _progress(change: Change, old: m.Task | None, new: m.Task | None) -> None:
    """Status and progress updates are told once, readably, not as field differences."""
    if new is None:
        return
    old_status, new_status = _status_word(old), _status_word(new)
    if old_status != new_status:
        change.status = (old_status, new_status)
    before = old.updates if old else []
    change.new_updates = [u for u in new.updates if u not in before]
    change.removed_updates = [u for u in before if u not in new.updates]
    shown = {"updates"} | ({"status"} if change.status else set())
    change.fields = [f for f in change.fields if f.field not in shown]


def plan_name(registry: Registry, plan: m.Plan) -> str:
    """The plan's short name as its version of the data writes it."""
    return Views(registry, registry.today).plan_name(plan)
