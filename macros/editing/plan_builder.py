"""Turning a parsed source text into a draft plan record (the importer's second half).

`parse_source` reads the text faithfully; this module decides what the portal stores:
stable ids, agency kinds recognised through the alias registry, primary and secondary
topics, suggested indicator concepts, provenance. The result is plain data ready to be
written as YAML and then reviewed by an editor; everything guessed is said so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from macros.data.agency_names import AliasIndex
from macros.data.registry import Registry
from macros.data.text import match_key, slugify
from macros.editing.importer import SourceDraft, narrative_items
from macros.editing.importer.draft import Block, Table, TableRow
from macros.editing.review import propose_alias
from macros.editing.topic_guess import guess_topics

GUESSED_CELLS_NOTE = "Hàng này trong văn bản gốc thiếu ô; việc xếp các ô còn lại vào cột là suy luận của ban biên tập."
DOC_TYPES = {"ke hoach": "ke-hoach", "chuong trinh hanh dong": "chuong-trinh-hanh-dong"}
# Document symbols as written: 57-NQ/TW, 03/NQ-CP, 60-CTr/TU, "60- CTr/TU", 202/2025/QH15
_DOC_NUMBER = re.compile(r"\b\d+\s?[-/]\s?[A-Za-zĐđ]+(?:[-/][A-Za-zĐđ0-9]+)+")

UNKNOWN_TOPIC = "chua-ro-chu-de"  # no such topic: the validator asks the editor to choose one


@dataclass
class BuildResult:
    plan: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    tasks_from_narrative: bool = False
    review: list[dict[str, Any]] = field(default_factory=list)  # the warnings as review items, with alias proposals


class PlanBuilder:
    def __init__(self, refs: Registry) -> None:
        self.refs = refs
        self.aliases = AliasIndex(refs.agency_kinds.values(), refs.compound_aliases)

    # --- topics and concepts ----------------------------------------------------------

    def heading_topic(self, title: str | None) -> str | None:
        key = match_key(title or "")
        for topic in self.refs.topics.values():
            if topic.for_tasks and any(h in key for h in topic.headings):
                return topic.id
        return None

    def topics_for(self, text: str, primary: str) -> list[str]:
        """The section's topic (or the one the opening words name), then every topic whose
        keywords the text uses (macros.editing.topic_guess)."""
        return guess_topics(text, primary, self.refs.topics.values())

    def concept_for(self, name: str) -> str | None:
        key = match_key(name)
        best: tuple[int, str] | None = None
        for concept in self.refs.concepts.values():
            for keyword in concept.keywords:
                anchored = keyword.startswith("^")
                phrase = keyword.lstrip("^")
                hit = key.startswith(phrase) if anchored else phrase in key
                if hit and (best is None or len(phrase) > best[0]):
                    best = (len(phrase), concept.id)
        return best[1] if best else None

    def cell(self, raw: str | None, where: str, warnings: list[str]) -> dict[str, Any] | None:
        if raw is None:
            return None
        resolution = self.aliases.resolve(raw)
        for leftover in resolution.leftover:
            proposal = propose_alias(raw, leftover, self.refs.agency_kinds.values(), self._province)
            kind = self.refs.agency_kinds.get(proposal["kind"])
            message = (
                f"{where}: không nhận ra cơ quan “{proposal['text']}” trong ô “{raw}”; gần nhất là "
                f"“{kind.name if kind else proposal['kind']}” (giống {proposal['confidence']}%). Nếu đúng, ghi "
                "accept: true ở đề xuất này rồi chạy scripts/apply_aliases.py; nếu đó không phải tên cơ quan, "
                "xoá mục này"
            )
            warnings.append(message)
            self._proposals[message] = proposal
        return {"raw": raw, "agencies": list(resolution.kinds)}

    # --- the plan ---------------------------------------------------------------------

    def build(self, draft: SourceDraft, *, plan_id: str, province_id: str) -> BuildResult:
        province = self.refs.provinces[province_id]
        meta = draft.meta
        result = BuildResult(plan={})
        self._proposals: dict[str, dict[str, Any]] = {}
        self._province = province.name
        doc_type = DOC_TYPES.get(match_key(meta.doc_type or "ke hoach"), "ke-hoach")
        issuer = (
            f"Ban Thường vụ Tỉnh ủy {province.name}"
            if doc_type == "chuong-trinh-hanh-dong"
            else f"Ủy ban nhân dân tỉnh {province.name}"
        )
        plan: dict[str, Any] = {
            "id": plan_id,
            "province": province_id,
            "doc_type": doc_type,
            "issuer": issuer,
            "title": meta.title or "",
        }
        number, issued_on, number_note = meta.number, meta.issued_on, None
        if number is None and meta.caption_number:
            number, number_note = meta.caption_number, "Số hiệu chỉ ghi trong tiêu đề phụ lục của văn bản."
        issued_note = None
        if issued_on is None and meta.caption_date:
            issued_on = meta.caption_date
            issued_note = "Ngày ban hành chỉ ghi trong tiêu đề phụ lục của văn bản."
        plan["number"] = number
        if number_note:
            plan["number_note"] = number_note
        elif number is None:
            plan["number_note"] = (
                "Văn bản không ghi số hiệu."
                if not meta.number_raw
                else f"Văn bản để trống số hiệu: “{meta.number_raw}”."
            )
        plan["issued_on"] = issued_on
        if meta.date_raw:
            plan["issued_raw"] = meta.date_raw
        if issued_on is None:
            # "ngày tháng 3 năm 2025" leaves the day blank; no date line at all is another case
            issued_note = "Văn bản không ghi đủ ngày ban hành." if meta.date_raw else "Văn bản không ghi ngày ban hành."
        if issued_note:
            plan["issued_note"] = issued_note
        if meta.signer_name or meta.signer_title:
            plan["signer"] = {"name": meta.signer_name, "title": ", ".join(meta.signer_title) or None}
        plan["implements"] = self._implemented(draft)
        if any("title" in doc for doc in plan["implements"]):
            result.warnings.append(
                "implements: tên và ngày của các văn bản được thực hiện lấy từ phần “Căn cứ”/“Thực hiện”; "
                "hãy kiểm tra lại với văn bản gốc"
            )
        plan["source"] = {
            "file": draft.file,
            "original": draft.original,
            "layout": draft.layout,
            "notes": _repeat_notes(draft),
        }
        plan["appendices"] = self._appendices(draft)

        tables = {t.kind: t for t in draft.tables}
        if "tasks" in tables:
            plan["sections"], plan["tasks"] = self._table_tasks(tables["tasks"], result.warnings)
        else:
            result.tasks_from_narrative = True
            plan["sections"], plan["tasks"] = self._narrative_tasks(draft, result.warnings)
        if "indicators" in tables:
            plan["indicators"] = self._table_indicators(tables["indicators"], result.warnings)
        else:
            plan["indicators"] = self._narrative_indicators(draft)
        result.plan = _drop_none(plan)
        result.review = [_drop_none({"message": w, "alias": self._proposals.get(w)}) for w in result.warnings]
        return result

    def _implemented(self, draft: SourceDraft) -> list[dict[str, Any]]:
        """Documents named in the title and in the 'Thực hiện …'/'Căn cứ …' preamble, with
        the title and date the preamble gives them ("Nghị quyết số 57-NQ/TW ngày 22/12/2024
        của Bộ Chính trị về …" -> "Nghị quyết của Bộ Chính trị về …", 2024-12-22)."""
        preamble = [b.text for b in draft.blocks[:8] if match_key(b.text).startswith(("thuc hien", "can cu"))]
        found: dict[str, dict[str, Any]] = {}
        for text in [draft.meta.title or "", *preamble]:
            for match in _DOC_NUMBER.finditer(text):
                number = match.group()
                key = re.sub(r"\s", "", number).casefold()
                if "kh-ubnd" in key:
                    continue  # the plan itself
                entry = found.setdefault(key, {"number": number})
                if entry["number"].isupper() and not number.isupper():
                    entry["number"] = number  # prefer the body's mixed case over the capitalised title
                if "title" not in entry and (described := _described(text, match.start(), match.end())):
                    entry.update(described)
        return list(found.values())

    def _appendices(self, draft: SourceDraft) -> list[dict[str, Any]]:
        out = []
        for table in draft.tables:
            out.append(
                {
                    "id": "pl1" if table.kind == "indicators" else "pl2",
                    "kind": table.kind,
                    "label": table.label,
                    "title": table.title,
                    "caption": table.caption,
                    "published": True,
                    "line": table.line,
                }
            )
        if not draft.tables:
            for i, ref in enumerate(draft.appendix_refs, start=1):
                kind = "indicators" if "chi tieu" in match_key(ref.title or "") else "tasks"
                out.append(
                    {
                        "id": f"pl{i}",
                        "kind": kind,
                        "label": ref.label,
                        "title": ref.title,
                        "published": False,
                        "line": ref.line,
                    }
                )
        return out

    # --- tasks ------------------------------------------------------------------------

    def _table_tasks(self, table: Table, warnings: list[str]) -> tuple[list[dict], list[dict]]:
        sections: list[dict[str, Any]] = []
        section_ids: dict[int | None, str] = {}
        for index in [None, *range(len(table.groups))]:
            if index is None and not any(r.group is None for r in table.rows):
                continue
            group = table.groups[index] if index is not None else None
            label = group.label if group else None
            section_id = slugify(label.rstrip(".")) if label else f"nhom-{len(sections) + 1}"
            sections.append(
                {
                    "id": section_id,
                    "label": label,
                    "title": (group.title or None) if group else None,
                    "topic": self.heading_topic(group.title if group else None),
                    "line": group.line if group else None,
                }
            )
            section_ids[index] = section_id
        tasks = []
        for row in table.rows:
            where = f"nhiệm vụ {row.label}"
            section = next(s for s in sections if s["id"] == section_ids[row.group])
            title = row.values.get("title") or ""
            tasks.append(
                {
                    "id": "nv-" + slugify(row.label),
                    "label": row.label,
                    "title": title,
                    "lead": self.cell(row.values.get("lead"), where, warnings),
                    "support": self.cell(row.values.get("support"), where, warnings),
                    "output": row.values.get("output"),
                    "deadline": row.values.get("deadline"),
                    "section": section["id"],
                    "topics": self.topics_for(title, section["topic"]),
                    "source": _row_source(row, "pl2", table),
                    "note": GUESSED_CELLS_NOTE if row.note else None,
                }
            )
        self.settle_section_topics(sections, tasks, warnings)
        return sections, tasks

    def _narrative_tasks(self, draft: SourceDraft, warnings: list[str]) -> tuple[list[dict], list[dict]]:
        sections: dict[str, dict[str, Any]] = {}
        tasks = []
        for item in narrative_items(draft):
            label = (item.section_label or "").rstrip(".") or str(len(sections) + 1)
            section_id = slugify(label)
            if section_id not in sections:
                topic = self.heading_topic(item.section_title)
                heading = next((b for b in draft.blocks if b.kind == "heading" and b.text == item.section_title), None)
                sections[section_id] = {
                    "id": section_id,
                    "label": item.section_label,
                    "title": item.section_title,
                    "topic": topic,
                    "line": heading.line if heading else None,
                }
            own_label = item.label if item.label and item.label not in ("-", "+", "*") else None
            suffix = slugify(own_label) if own_label else f"{section_id}-{item.ordinal}"
            tasks.append(
                {
                    "id": "nv-" + suffix,
                    "label": own_label,
                    "title": item.text,
                    "section": section_id,
                    "topics": self.topics_for(item.text, sections[section_id]["topic"]),
                    "source": {
                        "kind": "narrative",
                        "path": ".".join(item.path),
                        "line": item.line,
                        "line_end": item.line_end if item.line_end != item.line else None,
                    },
                }
            )
        self.settle_section_topics(list(sections.values()), tasks, warnings)
        return list(sections.values()), tasks

    def settle_section_topics(self, sections: list[dict], tasks: list[dict], warnings: list[str]) -> None:
        """A section whose heading names no topic takes the topic its tasks' words point to
        most (to be checked by an editor); with none, a placeholder the validator reports."""
        for section in sections:
            if section["topic"] is not None:
                continue
            own = [t for t in tasks if t["section"] == section["id"]]
            votes = Counter(topic for t in own for topic in t["topics"][1:])
            guess = votes.most_common(1)[0][0] if votes else None
            where = f"mục {section['label'] or section['id']}"
            if guess:
                warnings.append(
                    f"{where}: tiêu đề không cho biết chủ đề; đã chọn “{guess}” theo nội dung các nhiệm vụ, "
                    "hãy kiểm tra lại"
                )
            else:
                warnings.append(
                    f"{where}: không nhận ra chủ đề; hãy ghi mã chủ đề (trong data/topics.yml) vào `topic` "
                    "của mục và đầu danh sách `topics` của các nhiệm vụ"
                )
            section["topic"] = guess or UNKNOWN_TOPIC
            for task in own:
                task["topics"] = [section["topic"], *(t for t in task["topics"][1:] if t != section["topic"])]

    # --- indicators -------------------------------------------------------------------

    def _table_indicators(self, table: Table, warnings: list[str]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        ids: dict[tuple[int, str], str] = {}
        for row in table.rows:
            group = table.groups[row.group] if row.group is not None else None
            year = re.search(r"(20\d\d)", group.title if group else "")
            if not year:
                warnings.append(
                    f"chỉ tiêu {row.label}: nhóm chỉ tiêu không ghi năm mục tiêu; đã đặt 2030, hãy kiểm tra lại"
                )
            horizon = int(year.group(1)) if year else 2030
            number = row.label.rstrip(".")
            indicator_id = f"ct-{horizon}-{slugify(number)}"
            ids[(horizon, number)] = indicator_id
            parent = ids.get((horizon, number.rsplit(".", 1)[0])) if "." in number else None
            name = row.values.get("name") or ""
            out.append(
                {
                    "id": indicator_id,
                    "label": row.label,
                    "horizon": horizon,
                    "name": name,
                    "unit": row.values.get("unit"),
                    "target": row.values.get("target"),
                    "monitoring": self.cell(row.values.get("monitoring"), f"indicator {row.label}", warnings),
                    "parent": parent,
                    "concept": self.concept_for(name),
                    "source": _row_source(row, "pl1", table),
                    "note": GUESSED_CELLS_NOTE if row.note else None,
                }
            )
        return out

    def _narrative_indicators(self, draft: SourceDraft) -> list[dict[str, Any]]:
        """Numeric targets stated in the goals part of a plan that has no indicator table."""
        out: list[dict[str, Any]] = []
        horizon = None
        in_goals = False
        for block in draft.blocks:
            if block.kind == "heading":
                key = match_key(block.text)
                if block.level == 1:
                    in_goals = "muc tieu" in key
                year = re.search(r"nam (20\d\d)", key)
                if in_goals and year:
                    horizon = int(year.group(1))
                continue
            if not (in_goals and horizon):
                continue
            for clause in _clauses(block.text):
                target = _TARGET_PHRASE.search(clause)
                if not target:
                    continue
                n = sum(1 for i in out if i["horizon"] == horizon) + 1
                out.append(
                    {
                        "id": f"ct-{horizon}-lv-{n}",
                        "horizon": horizon,
                        "name": clause,
                        "target": target.group(0).strip(),
                        "concept": self.concept_for(clause),
                        "source": {
                            "kind": "narrative",
                            "path": ".".join(block.path),
                            "line": block.line,
                            "line_end": block.line_end if block.line_end != block.line else None,
                        },
                    }
                )
        return out


_TARGET_PHRASE = re.compile(
    r"(?:(?:phấn đấu|phần đầu|phân đầu)\s+)?(?:đạt\s+)?(?:từ|trên|ít nhất|tối thiểu|hơn)?\s*"
    r"\b\d+(?:,\d+)?\s*%(?:\s*GRDP)?(?:/năm)?(?:\s+trở lên)?"
)


_DOC_KIND = re.compile(
    r"(Nghị quyết|Quyết định|Chương trình hành động|Chương trình|Kế hoạch|Chỉ thị|Kết luận|Nghị định|"
    r"Thông tư|Luật|Đề án|Công văn)\s+(?:số\s+)?$"
)
_DOC_DATE = re.compile(r"^\s*,?\s*ngày\s+(\d{1,2})\s*(?:/|\s+tháng\s+)(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4})")
_DOC_OF = re.compile(r"^\s*,?\s*(của\s[^;(]+?)\s*(?:[;(]|,\s+(?:UBND|Ủy ban|Ban Thường vụ)\b|\.\s|\.?$)")


def _described(text: str, start: int, end: int) -> dict[str, Any]:
    """Title and date of the document whose number sits at text[start:end]: its kind just
    before, "ngày dd/mm/yyyy" and "của <issuer> <subject>" just after, up to ";" or "(".
    The title is "<kind> của <issuer> <subject>", as written."""
    kind = _DOC_KIND.search(text[:start])
    rest = text[end:]
    out: dict[str, Any] = {}
    if when := _DOC_DATE.match(rest):
        day, month, year = (int(when.group(i)) for i in (1, 2, 3))
        try:
            out["date"] = dt.date(year, month, day)
        except ValueError:
            pass
        rest = rest[when.end() :]
    if kind and (of := _DOC_OF.match(rest)):
        title = of.group(1)
        if nested := _DOC_NUMBER.search(title):  # "… thực hiện Nghị quyết số 57-NQ/TW[, ngày … của …]"
            title = title[: nested.end()]
        out["title"] = f"{kind.group(1)} {title.rstrip(' ,.')}"
    return out


def _clauses(text: str) -> list[str]:
    """Split a goal paragraph into its sentences and ';'-separated clauses."""
    parts = re.split(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])|;\s+", text)
    return [p.strip().rstrip(".;") for p in parts if p.strip()]


def _repeat_notes(draft: SourceDraft) -> list[dict[str, Any]]:
    """Readers' notes for text the importer counted once because it repeats verbatim."""
    notes = []
    for first, last, reason in draft.skipped:
        if "repeats" not in reason:
            continue
        original = re.findall(r"\d+", reason)
        span = f"Dòng {first}–{last}" if last != first else f"Dòng {first}"
        where = "–".join(original[:2])
        notes.append(
            {
                "line": first,
                "line_end": last if last != first else None,
                "text": f"{span} lặp lại nguyên văn dòng {where}; cổng chỉ tính một lần.",
            }
        )
    return notes


def _row_source(row: TableRow, appendix: str, table: Table) -> dict[str, Any]:
    group = table.groups[row.group] if row.group is not None else None
    return {
        "kind": "appendix",
        "appendix": appendix,
        "group": (group.label or None) if group else None,
        "line": row.line,
        "line_end": row.line_end if row.line_end != row.line else None,
    }


def _drop_none(value: Any) -> Any:
    """Remove None values and empty lists (the YAML stays short; absent means unknown)."""
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


__all__ = ["PlanBuilder", "BuildResult", "Block"]
