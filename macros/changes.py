"""What changed in the data between two versions, entity by entity and field by field.

Works on loaded registries, not on text: moving a block or re-quoting a value in YAML
is no change. Used by scripts/change_report.py to tell reviewers of a pull request what
a citizen would see differently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import model as m
from . import urls
from . import vocabulary as vocab
from .registry import Registry
from .views import Views

FIELD_LABELS = {
    "title": "Tên", "name": "Tên", "label": "Số thứ tự", "lead.raw": "Chủ trì (nguyên văn)",
    "lead.agencies": "Chủ trì (mã cơ quan)", "support.raw": "Phối hợp (nguyên văn)",
    "support.agencies": "Phối hợp (mã cơ quan)", "output": "Kết quả", "deadline": "Thời hạn",
    "section": "Mục", "topics": "Chủ đề", "status": "Tình trạng", "updates": "Cập nhật tiến độ",
    "note": "Ghi chú của ban biên tập", "unit": "Đơn vị tính", "target": "Mục tiêu", "horizon": "Năm mục tiêu",
    "monitoring.raw": "Cơ quan theo dõi (nguyên văn)", "monitoring.agencies": "Cơ quan theo dõi (mã)",
    "concept": "Khái niệm so sánh", "parent": "Chỉ tiêu cha", "source.line": "Dòng trong văn bản gốc",
    "source.line_end": "Dòng cuối trong văn bản gốc", "number": "Số hiệu", "issued_on": "Ngày ban hành",
    "issuer": "Cơ quan ban hành", "province": "Tỉnh", "aliases": "Cách viết", "successor": "Cơ quan kế thừa",
    "merged_into": "Hợp nhất vào", "source.notes": "Ghi chú về văn bản gốc", "implements": "Văn bản thực hiện",
    "signer.name": "Người ký", "signer.title": "Chức vụ người ký", "issued_raw": "Ngày ban hành (nguyên văn)", "description": "Mô tả", "short_name": "Tên ngắn", "change_note": "Ghi chú thay đổi",
}
KIND_LABELS = {
    "plan": "Kế hoạch", "task": "Nhiệm vụ", "indicator": "Chỉ tiêu", "section": "Mục",
    "kind": "Loại cơ quan", "topic": "Chủ đề", "province": "Tỉnh, thành phố", "concept": "Khái niệm chỉ tiêu",
    "abbreviation": "Chữ viết tắt",
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass
class Change:
    kind: str  # plan | task | indicator | section | kind | topic | province | concept | abbreviation
    key: str
    name: str
    action: str  # added | removed | changed
    url: str | None = None  # page URL relative to the site root (with #anchor)
    plan: str | None = None  # plan name, for tasks, indicators, sections
    fields: list[FieldChange] = field(default_factory=list)
    status: tuple[str, str] | None = None  # (old, new) status words when the status changed
    new_updates: list[m.ProgressUpdate] = field(default_factory=list)


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


def _field_changes(old: m.Model | None, new: m.Model | None, skip: set[str] = frozenset()) -> list[FieldChange]:
    a = _flat(old.model_dump(mode="json")) if old else {}
    b = _flat(new.model_dump(mode="json")) if new else {}
    out = []
    for key in dict.fromkeys([*a, *b]):
        if key.split(".")[0] in skip or a.get(key) == b.get(key):
            continue
        show = _show_status if key == "status" else _show
        out.append(FieldChange(key, FIELD_LABELS.get(key, key), show(a.get(key)), show(b.get(key))))
    return out


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
        name = _plan_name(new if b else old, plan)
        plan_url = urls.page_url(urls.plan(plan_id))
        plan_fields = _field_changes(a, b, skip={"tasks", "indicators", "sections"}) if a and b else []
        if a is None or b is None or plan_fields:
            changes.append(Change("plan", plan_id, name, _action(a, b), plan_url, name, plan_fields))
        if a is None or b is None:
            continue
        for kind, attr in (("section", "sections"), ("indicator", "indicators"), ("task", "tasks")):
            before = {x.id: x for x in getattr(a, attr)}
            after = {x.id: x for x in getattr(b, attr)}
            for key, x, y in _pair(before, after):
                fields = _field_changes(x, y)
                if not fields:
                    continue
                entity = y or x
                title = getattr(entity, "title", None) or getattr(entity, "name", None) or getattr(entity, "inferred_title", None) or key
                anchor = key if kind != "section" else f"muc-{key}"
                change = Change(kind, key, title, _action(x, y), f"{plan_url}#{anchor}" if y else plan_url, name, fields)
                if kind == "task":
                    old_status, new_status = _status_word(x), _status_word(y)
                    if y and old_status != new_status:
                        change.status = (old_status, new_status)
                    known = {(u.date, u.note) for u in (x.updates if x else [])}
                    change.new_updates = [u for u in (y.updates if y else []) if (u.date, u.note) not in known]
                changes.append(change)
    for kind, attr, page in (("kind", "agency_kinds", urls.kind), ("topic", "topics", urls.topic),
                             ("province", "provinces", urls.province), ("concept", "concepts", None)):
        for key, x, y in _pair(getattr(old, attr), getattr(new, attr)):
            fields = _field_changes(x, y)
            if fields:
                url = urls.page_url(page(key)) if page and y else None
                changes.append(Change(kind, key, (y or x).name, _action(x, y), url, None, fields))
    old_abbr = {a.full: a for a in old.abbreviations}
    new_abbr = {a.full: a for a in new.abbreviations}
    for key, x, y in _pair(old_abbr, new_abbr):
        fields = _field_changes(x, y)
        if fields:
            changes.append(Change("abbreviation", key, key, _action(x, y), None, None, fields))
    return changes


def _plan_name(registry: Registry, plan: m.Plan) -> str:
    return Views(registry, dt.date.today()).plan_name(plan)
