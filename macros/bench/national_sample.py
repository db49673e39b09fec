"""A national-size sample data set, generated from the real plans, for benchmarks.

`write_national_site(root)` writes a complete project folder (data/, content/ and an
mkdocs.yml that renders with the real theme, hooks and plugins, see site_config.py) for
the 34 provincial-level units formed on 1 July 2025 (Nghị quyết 202/2025/QH15), one plan
each with 150 tasks and about 30 indicators. Nothing in it is real: it only has the
shape of the real plans, so that page counts, page weights, the search bundle and the
build time can be measured at the size the portal will reach.

How it is shaped (all drawn with one seeded random generator, so the output is the same
on every run and machine):

- Each plan takes one of the five real plans as its template, in turn: its document
  type, sections (titles, topics), appendices, source layout and narrative, and whether
  tasks come from an appendix table (with lead and support agencies, deadlines and, for
  one template, results) or from the narrative (no agencies, no deadlines).
- Its 150 tasks follow the template's tasks stretched to 150 in order (so sections keep
  their share and topics their mix). Titles are new text from the real task titles: each
  phrase (text between commas) is drawn from the real phrases of the same main topic, its
  words (syllable pairs) after the first shuffled, phrases and clauses as many as in the template task.
- Agency cells name kinds drawn with the template's own frequencies per role (lead,
  support, monitoring) and cell sizes, each written with one of the kind's real aliases
  (data/agencies.yml), so agency and kind pages and the explorer's facets grow as they
  would. Province-specific kinds (a district of one province) are left out.
- Deadlines are drawn from the template's own deadline wordings, with their frequencies.
- Indicators (26–34 per plan) are real indicators (name, target, unit, concept), with
  the template's style (appendix row with a monitoring agency, or narrative goal).
- Every plan has its own source text in data/sources/: a header, the narrative's text,
  then the appendix rows or task paragraphs, laid out like the template's source; each
  task, indicator, section and appendix points at its lines there.
- content/ke-hoach/<plan>.md is the template's narrative; content/index.md is the real
  home page text. Reference files (agencies, topics, concepts, abbreviations) are copied
  from data/; provinces.yml lists the 34 units and the 29 provinces merged into them.

Real province names in reused text are replaced by the plan's province. Command line:
`python -m macros.bench.national_sample OUT_DIR [--seed N] [--tasks N] [--provinces N]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.bench.site_config import write_site
from macros.cli import CONTENT_DIR, DATA_DIR
from macros.data import model as m
from macros.data.loader import load_registry
from macros.data.registry import Registry
from macros.data.text import slugify
from macros.data.yamlio import dump_yaml

SEED = 57
TASKS_PER_PLAN = 150
INDICATORS_PER_PLAN = (26, 34)
REFERENCE_FILES = ("agencies.yml", "topics.yml", "concepts.yml", "abbreviations.yml")
PLAN_HEADER = (
    "# yaml-language-server: $schema=../schema/plan.schema.json\n"
    "# Dữ liệu mẫu cỡ toàn quốc do macros/bench/national_sample.py sinh ra để đo hiệu năng; không phải kế hoạch thật.\n"
)

# The 34 provincial-level units from 1 July 2025 (Nghị quyết 202/2025/QH15): name, kind,
# and the provinces merged into it (listed as in the resolution, the unit's own name kept).
CITY, PROVINCE = "thanh-pho", "tinh"
UNITS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Hà Nội", CITY, ()),
    ("Huế", CITY, ()),
    ("Lai Châu", PROVINCE, ()),
    ("Điện Biên", PROVINCE, ()),
    ("Sơn La", PROVINCE, ()),
    ("Lạng Sơn", PROVINCE, ()),
    ("Quảng Ninh", PROVINCE, ()),
    ("Thanh Hóa", PROVINCE, ()),
    ("Nghệ An", PROVINCE, ()),
    ("Hà Tĩnh", PROVINCE, ()),
    ("Cao Bằng", PROVINCE, ()),
    ("Tuyên Quang", PROVINCE, ("Hà Giang",)),
    ("Lào Cai", PROVINCE, ("Yên Bái",)),
    ("Thái Nguyên", PROVINCE, ("Bắc Kạn",)),
    ("Phú Thọ", PROVINCE, ("Vĩnh Phúc", "Hòa Bình")),
    ("Bắc Ninh", PROVINCE, ("Bắc Giang",)),
    ("Hưng Yên", PROVINCE, ("Thái Bình",)),
    ("Hải Phòng", CITY, ("Hải Dương",)),
    ("Ninh Bình", PROVINCE, ("Hà Nam", "Nam Định")),
    ("Quảng Trị", PROVINCE, ("Quảng Bình",)),
    ("Đà Nẵng", CITY, ("Quảng Nam",)),
    ("Quảng Ngãi", PROVINCE, ("Kon Tum",)),
    ("Gia Lai", PROVINCE, ("Bình Định",)),
    ("Khánh Hòa", PROVINCE, ("Ninh Thuận",)),
    ("Lâm Đồng", PROVINCE, ("Đắk Nông", "Bình Thuận")),
    ("Đắk Lắk", PROVINCE, ("Phú Yên",)),
    ("Hồ Chí Minh", CITY, ("Bình Dương", "Bà Rịa - Vũng Tàu")),
    ("Đồng Nai", PROVINCE, ("Bình Phước",)),
    ("Tây Ninh", PROVINCE, ("Long An",)),
    ("Cần Thơ", CITY, ("Sóc Trăng", "Hậu Giang")),
    ("Vĩnh Long", PROVINCE, ("Bến Tre", "Trà Vinh")),
    ("Đồng Tháp", PROVINCE, ("Tiền Giang",)),
    ("Cà Mau", PROVINCE, ("Bạc Liêu",)),
    ("An Giang", PROVINCE, ("Kiên Giang",)),
)
MERGE_DATE = dt.date(2025, 7, 1)
MERGE_BASIS = "Nghị quyết 202/2025/QH15"

_CLAUSE = re.compile(r";\s+|\.\s+(?=[A-ZĐÀ-Ỹ])")
_PHRASE = re.compile(r",\s+")


def place(kind: str) -> str:
    return "thành phố" if kind == CITY else "tỉnh"


# --- provinces ---------------------------------------------------------------------------


def provinces_file() -> dict[str, Any]:
    """The 34 units (with a note on what merged into each) and the 29 merged provinces."""
    units, merged = [], []
    for name, kind, parts in UNITS:
        entry: dict[str, Any] = {"id": slugify(name), "name": name}
        if kind == CITY:
            entry["kind"] = CITY
        if parts:
            old = [f"{'thành phố' if (p == name and kind == CITY) else 'tỉnh'} {p}" for p in (*parts, name)]
            joined = ", ".join(old[:-1]) + " và " + old[-1]
            entry["note"] = f"Từ ngày 01/7/2025, {place(kind)} {name} mới được thành lập trên cơ sở hợp nhất {joined}."
        units.append(entry)
        for part in parts:
            merged.append(
                {
                    "id": slugify(part),
                    "name": part,
                    "merged_into": slugify(name),
                    "merged_on": MERGE_DATE,
                    "merge_basis": MERGE_BASIS,
                }
            )
    return {"provinces": sorted(units + merged, key=lambda p: p["id"])}


class Renamer:
    """Replaces the real plans' province names in reused text by one province's name."""

    def __init__(self, real_names: Iterable[str]) -> None:
        names = sorted(set(real_names), key=len, reverse=True)
        alternatives = "|".join(re.escape(n) for n in names)
        upper = "|".join(re.escape(n.upper()) for n in names)
        self._mixed = re.compile(rf"(?:\b(tỉnh|Tỉnh|thành phố|Thành phố) )?({alternatives})\b")
        self._upper = re.compile(rf"(?:\b(TỈNH|THÀNH PHỐ) )?({upper})\b")

    def __call__(self, text: str | None, name: str, kind: str) -> str | None:
        if text is None:
            return None
        where = place(kind)

        def mixed(match: re.Match[str]) -> str:
            if match.group(1) is None:
                return name
            word = where[0].upper() + where[1:] if match.group(1)[0].isupper() else where
            return f"{word} {name}"

        text = self._mixed.sub(mixed, text)
        return self._upper.sub(lambda mt: (f"{where.upper()} " if mt.group(1) else "") + name.upper(), text)


# --- drawing from the real data ----------------------------------------------------------


@dataclass
class CellStyle:
    """How one template writes one role's agency cells: kinds with weights, cell sizes."""

    kinds: list[str]
    weights: list[int]
    sizes: list[int]
    size_weights: list[int]

    @classmethod
    def of(cls, cells: Iterable[m.AgencyCell | None], usable: set[str]) -> CellStyle | None:
        kinds: Counter[str] = Counter()
        sizes: Counter[int] = Counter()
        for cell in cells:
            if cell is None:
                continue
            named = [k for k in dict.fromkeys(cell.agencies) if k in usable]
            kinds.update(named)
            sizes[max(1, len(named))] += 1
        if not kinds:
            return None
        ordered = sorted(kinds)
        return cls(ordered, [kinds[k] for k in ordered], sorted(sizes), [sizes[s] for s in sorted(sizes)])


@dataclass
class Template:
    plan: m.Plan
    narrative: str
    lead: CellStyle | None
    support: CellStyle | None
    monitoring: CellStyle | None
    deadlines: list[str]
    deadline_weights: list[int]

    @property
    def indicator_appendix(self) -> m.Appendix | None:
        appendix = self.plan.appendix("indicators")
        return appendix if appendix and appendix.published else None

    @property
    def task_appendix(self) -> m.Appendix | None:
        appendix = self.plan.appendix("tasks")
        return appendix if appendix and appendix.published else None


def _pieces(title: str) -> list[list[str]]:
    """A title as clauses (; or sentence ends) of phrases (commas)."""
    clauses = [c.strip().rstrip(".;:") for c in _CLAUSE.split(title.strip())]
    return [[p.strip() for p in _PHRASE.split(c) if p.strip()] for c in clauses if c]


class Source:
    """The lines of one generated source text; `add` returns the first line's number."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *lines: str) -> int:
        start = len(self.lines) + 1
        for line in lines:
            self.lines.extend(line.splitlines() or [""])
        return start

    @property
    def last(self) -> int:
        return len(self.lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


class Generator:
    def __init__(
        self, registry: Registry, content_dir: Path, seed: int = SEED, tasks_per_plan: int = TASKS_PER_PLAN
    ) -> None:
        self.reg = registry
        self.rng = random.Random(seed)
        self.tasks_per_plan = tasks_per_plan
        self.rename = Renamer(p.name for p in registry.provinces.values())
        usable = {k.id for k in registry.agency_kinds.values() if not k.province}
        # aliases that name a province ("Báo Nam Định") would be renamed with the plan's
        # province and then name no known agency: use the others
        provinces = [p.name for p in registry.provinces.values()]
        self.aliases = {
            k.id: [a for a in (k.aliases or [k.name]) if not any(p in a for p in provinces)] or [k.name]
            for k in registry.agency_kinds.values()
        }
        self.templates = []
        for plan in registry.plans.values():
            narrative = content_dir / "ke-hoach" / f"{plan.id}.md"
            deadlines = Counter(t.deadline for t in plan.tasks if isinstance(t.deadline, str))
            self.templates.append(
                Template(
                    plan,
                    narrative.read_text(encoding="utf-8") if narrative.is_file() else "",
                    CellStyle.of((t.lead for t in plan.tasks), usable),
                    CellStyle.of((t.support for t in plan.tasks), usable),
                    CellStyle.of((i.monitoring for i in plan.indicators), usable),
                    sorted(deadlines),
                    [deadlines[d] for d in sorted(deadlines)],
                )
            )
        # Phrases of the real task titles, by main topic; real indicators by style.
        self.phrases: dict[str, list[list[str]]] = {}
        for plan in registry.plans.values():
            for task in plan.tasks:
                for clause in _pieces(task.title):
                    for phrase in clause:
                        self.phrases.setdefault(task.topic, []).append(phrase.split())
        self.all_phrases = [p for topic in sorted(self.phrases) for p in self.phrases[topic]]
        indicators = [(plan, i) for plan in registry.plans.values() for i in plan.indicators]
        self.table_indicators = [(p, i) for p, i in indicators if i.source.kind == "appendix"]
        self.goal_indicators = [(p, i) for p, i in indicators if i.concept]

    # -- text ----------------------------------------------------------------------------

    def phrase(self, topic: str, first: bool) -> str:
        pool = self.phrases.get(topic) or self.all_phrases
        syllables = self.rng.choice(pool)
        # Vietnamese words are mostly two syllables: shuffle pairs, the first one kept in place
        pairs = [syllables[i : i + 2] for i in range(0, len(syllables), 2)]
        rest = pairs[1:]
        self.rng.shuffle(rest)
        words = [w for pair in (pairs[0], *rest) for w in pair]
        head = words[0]
        if first:
            words[0] = head[:1].upper() + head[1:]
        elif head[:1].isupper() and head[1:].islower():
            words[0] = head.lower()
        return " ".join(words).rstrip(".;:,")

    def title(self, model: m.Task, topic: str) -> str:
        clauses = []
        for c, clause in enumerate(_pieces(model.title)):
            clauses.append(", ".join(self.phrase(topic, c == 0 and p == 0) for p in range(len(clause))))
        return "; ".join(clauses) + ("." if model.title.rstrip().endswith(".") else "")

    def cell(self, style: CellStyle | None, rename: Any) -> dict[str, Any] | None:
        if style is None:
            return None
        size = self.rng.choices(style.sizes, style.size_weights)[0]
        kinds: list[str] = []
        while len(kinds) < min(size, len(style.kinds)):
            kind = self.rng.choices(style.kinds, style.weights)[0]
            if kind not in kinds:
                kinds.append(kind)
        raw = self.rng.choice([", ", "; "]).join(rename(self.rng.choice(self.aliases[k])) for k in kinds)
        return {"raw": raw, "agencies": kinds}

    # -- one plan --------------------------------------------------------------------------

    def plan(self, index: int, name: str, kind: str) -> tuple[dict[str, Any], str, str]:
        """(plan as YAML data, source text, narrative) of the index-th unit."""
        rng = self.rng
        template = self.templates[index % len(self.templates)]
        tp = template.plan

        province_id = slugify(name)
        issued = dt.date(2025, rng.randint(2, 4), rng.randint(1, 28)) if tp.issued_on else None
        number = f"{rng.randint(10, 2999)}/KH-UBND" if tp.number else None

        def rename(text: str | None) -> str | None:
            """The template's province and document number replaced by this plan's."""
            text = self.rename(text, name, kind)
            return text.replace(tp.number, number) if text and tp.number and number else text

        if tp.doc_type == "ke-hoach":
            plan_id = f"{province_id}-kh-{number.split('/')[0]}-2025" if number else f"{province_id}-kh-2025"
        else:
            plan_id = f"{province_id}-ctr-hd-2025"
        file = f"{index:03d}_{hashlib.sha256(plan_id.encode()).hexdigest()[:16]}.txt"
        date_text = issued.strftime("%d/%m/%Y") if issued else "…"
        caption = f"(Kèm theo Kế hoạch số {number or '…'} ngày {date_text} của UBND {place(kind)} {name})"
        narrative = rename(template.narrative) or ""

        source = Source()
        source.add(
            rename(tp.issuer).upper(),
            "",
            f"Số: {number or '    /KH-UBND'}",
            f"{name}, ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}"
            if issued
            else rename(tp.issued_raw) or "",
            "",
            "KẾ HOẠCH" if tp.doc_type == "ke-hoach" else "CHƯƠNG TRÌNH HÀNH ĐỘNG",
            rename(tp.title),
            "",
        )
        for line in narrative.splitlines():
            source.add(re.sub(r"^#+\s*", "", line).replace("\\.", ".").replace("**", ""))
        narrative_end = source.last

        # tasks, stretched from the template's, with sections in the template's order
        n = self.tasks_per_plan
        models = [tp.tasks[i * len(tp.tasks) // n] for i in range(n)]
        by_section: dict[str, list[m.Task]] = {s.id: [] for s in tp.sections}
        for model in models:
            by_section[model.section].append(model)
        per_section_numbering = all(t.id.count("-") == 2 for t in tp.tasks)
        tasks: list[dict[str, Any]] = []
        section_lines: dict[str, int] = {}
        appendix = template.task_appendix
        layout = tp.source.layout
        cell_lines = self._row_writer(layout)
        planned: list[tuple[m.Section, int, m.Task]] = []
        number_in_plan = 0
        for s_index, section in enumerate(tp.sections, 1):
            for k, model in enumerate(by_section[section.id], 1):
                number_in_plan += 1
                planned.append((section, s_index * 1000 + k if per_section_numbering else number_in_plan, model))

        appendix_lines: dict[str, int] = {}
        headers: list[str] = []
        indicators = self.indicators(template, rename, source, appendix_lines, caption, cell_lines)
        if appendix:
            appendix_lines["tasks"] = source.add(appendix.label or "PHỤ LỤC II")
            source.add(appendix.title or "DANH MỤC CÁC NHIỆM VỤ", caption)
            headers = ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp"]
            if any(t.output for t in tp.tasks):
                headers.append("Kết quả")
            source.add(*cell_lines(headers + ["Thời gian hoàn thành"]))
        else:
            source.add("NHIỆM VỤ, GIẢI PHÁP", "")
        for section, code, model in planned:
            if section.id not in section_lines:
                heading = " ".join(filter(None, [section.label, rename(section.title or section.inferred_title)]))
                section_lines[section.id] = source.add(
                    *(cell_lines([section.label or "", heading]) if appendix else [heading, ""])
                )
            s_index, k = divmod(code, 1000) if per_section_numbering else (0, code)
            label = self._label(model.label, s_index, k)
            task_id = f"nv-{s_index}-{k}" if per_section_numbering else f"nv-{k}"
            title = self.title(model, model.topic)
            task: dict[str, Any] = {"id": task_id}
            if label is not None:
                task["label"] = label
            task["title"] = title
            lead = self.cell(template.lead, rename) if model.lead else None
            support = self.cell(template.support, rename) if model.support else None
            output = rename(model.output)
            deadline = (
                rng.choices(template.deadlines, template.deadline_weights)[0]
                if model.deadline is not None and template.deadlines
                else None
            )
            for key, value in (("lead", lead), ("support", support), ("output", output), ("deadline", deadline)):
                if value is not None:
                    task[key] = value
            task["section"] = section.id
            task["topics"] = list(model.topics)
            if appendix and model.source.kind == "appendix":
                cells = [label or "", title, lead["raw"] if lead else "", support["raw"] if support else ""]
                if "Kết quả" in headers:
                    cells.append(output or "")
                cells.append(deadline or "")
                rows = cell_lines(cells)
                start = source.add(*rows)
                where = {"kind": "appendix", "appendix": appendix.id}
                if model.source.group is not None:
                    where["group"] = model.source.group
                where["line"] = start
                if len(rows) > 1:
                    where["line_end"] = start + len(rows) - 1
            else:
                start = source.add(f"{label} {title}" if label else f"- {title}", "")
                where = {"kind": "narrative", "path": model.source.path or f"II.{s_index}", "line": start}
            task["source"] = where
            tasks.append(task)

        plan: dict[str, Any] = {
            "id": plan_id,
            "province": province_id,
            "doc_type": tp.doc_type,
            "issuer": rename(tp.issuer),
            "title": rename(tp.title),
        }
        if number:
            plan["number"] = number
        else:
            plan["number_note"] = "Văn bản mẫu không ghi số hiệu."
        if issued:
            plan["issued_on"] = issued
            plan["issued_raw"] = f"{name}, ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}"
        else:
            plan["issued_note"] = "Văn bản mẫu không ghi đủ ngày ban hành."
        if tp.signer and tp.signer.title:
            plan["signer"] = {"title": tp.signer.title}
        if tp.implements:
            plan["implements"] = [{k: v for k, v in ref.model_dump().items() if v is not None} for ref in tp.implements]
        plan["source"] = {"file": file, "layout": layout}
        if tp.appendices:
            plan["appendices"] = []
            for a in tp.appendices:
                entry: dict[str, Any] = {"id": a.id, "kind": a.kind}
                for key in ("label", "title"):
                    if getattr(a, key):
                        entry[key] = getattr(a, key)
                if a.caption:
                    entry["caption"] = caption
                entry["published"] = a.published
                entry["line"] = appendix_lines.get(a.kind, narrative_end) if a.line else None
                plan["appendices"].append({k: v for k, v in entry.items() if v is not None})
        plan["sections"] = []
        for section in tp.sections:
            entry = {"id": section.id}
            if section.label:
                entry["label"] = section.label
            if section.title:
                entry["title"] = rename(section.title)
            if section.inferred_title:
                entry["inferred_title"] = rename(section.inferred_title)
            entry["topic"] = section.topic
            if section.line and section.id in section_lines:
                entry["line"] = section_lines[section.id]
            plan["sections"].append(entry)
        plan["tasks"] = tasks
        if indicators:
            plan["indicators"] = indicators
        return plan, source.text(), narrative

    @staticmethod
    def _row_writer(layout: str):
        if layout == "pipe":
            return lambda cells: [f"{c} |" for c in cells]
        if layout == "cells":
            return lambda cells: [c for c in cells]
        return lambda cells: [" | ".join(cells)]

    @staticmethod
    def _label(model_label: str | None, section: int, k: int) -> str | None:
        if model_label is None:
            return None
        if re.fullmatch(r"\d+\.\d+\.", model_label):
            return f"{section}.{k}."
        if re.fullmatch(r"\d+\.\d+", model_label):
            return f"{section}.{k}"
        return f"{k}." if model_label.endswith(".") else str(k)

    def indicators(
        self,
        template: Template,
        rename: Any,
        source: Source,
        appendix_lines: dict[str, int],
        caption: str,
        cell_lines: Any,
    ) -> list[dict[str, Any]]:
        """About 30 real indicators in the template's style, their source lines added."""
        rng = self.rng
        count = rng.randint(*INDICATORS_PER_PLAN)
        appendix = template.indicator_appendix
        pool = self.table_indicators if appendix else self.goal_indicators
        chosen = sorted(rng.sample(range(len(pool)), min(count, len(pool))), key=lambda i: (pool[i][1].horizon, i))
        out: list[dict[str, Any]] = []
        if appendix:
            appendix_lines["indicators"] = source.add(appendix.label or "PHỤ LỤC I")
            source.add(appendix.title or "CÁC CHỈ TIÊU CỤ THỂ", caption)
            source.add(*cell_lines(["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá"]))
        else:
            source.add("MỤC TIÊU", "")
        numbers: Counter[int] = Counter()
        groups: dict[int, str] = {}
        for i in chosen:
            real = pool[i][1]
            numbers[real.horizon] += 1
            k = numbers[real.horizon]
            name = rename(real.name)
            entry: dict[str, Any] = {"id": f"ct-{real.horizon}-{k}" if appendix else f"ct-{real.horizon}-lv-{k}"}
            if appendix:
                entry["label"] = f"{k}." if (real.label or "").endswith(".") else str(k)
            entry["horizon"] = real.horizon
            entry["name"] = name
            for key in ("unit", "target"):
                value = rename(getattr(real, key))
                # a goal sentence carries no unit column, and its target is part of its words
                if value is not None and (appendix or (key == "target" and value in name)):
                    entry[key] = value
            if appendix:
                monitoring = self.cell(template.monitoring, rename)
                if monitoring:
                    entry["monitoring"] = monitoring
                if real.horizon not in groups:
                    groups[real.horizon] = ["I", "II", "III"][len(groups)]
                    source.add(*cell_lines([groups[real.horizon], f"Đến năm {real.horizon}"]))
                rows = cell_lines(
                    [
                        entry["label"],
                        name,
                        entry.get("unit", ""),
                        entry.get("target", ""),
                        monitoring["raw"] if monitoring else "",
                    ]
                )
                start = source.add(*rows)
                where: dict[str, Any] = {
                    "kind": "appendix",
                    "appendix": appendix.id,
                    "group": groups[real.horizon],
                    "line": start,
                }
                if len(rows) > 1:
                    where["line_end"] = start + len(rows) - 1
            else:
                if real.horizon not in groups:
                    groups[real.horizon] = f"II.2.{len(groups) + 1}"
                    source.add(f"Đến năm {real.horizon}", "")
                where = {"kind": "narrative", "path": groups[real.horizon], "line": source.add(f"- {name}.")}
            if real.concept:
                entry["concept"] = real.concept
            entry["source"] = where
            out.append(entry)
        if not appendix:
            source.add("")
        return out


# --- the whole project folder ------------------------------------------------------------


@dataclass(frozen=True)
class SampleSummary:
    root: Path
    config: Path
    plans: int
    tasks: int
    indicators: int
    narrative_bytes: int
    source_bytes: int


def write_national_sample(
    root: Path,
    *,
    seed: int = SEED,
    provinces: int = len(UNITS),
    tasks_per_plan: int = TASKS_PER_PLAN,
    data_dir: Path = DATA_DIR,
    content_dir: Path = CONTENT_DIR,
) -> SampleSummary:
    """Write data/, content/ and mkdocs.yml of the national sample under `root` (emptied first)."""
    root = Path(root)
    registry = load_registry(data_dir, root=data_dir.parent)
    generator = Generator(registry, content_dir, seed, tasks_per_plan)
    for sub in ("data", "content"):
        shutil.rmtree(root / sub, ignore_errors=True)
    data = root / "data"
    (data / "plans").mkdir(parents=True)
    (data / "sources").mkdir()
    (root / "content" / "ke-hoach").mkdir(parents=True)
    for name in REFERENCE_FILES:
        shutil.copyfile(data_dir / name, data / name)
    (data / "provinces.yml").write_text(
        dump_yaml(
            provinces_file(),
            header="# Tỉnh, thành phố của dữ liệu mẫu cỡ toàn quốc (macros/bench/national_sample.py).\n",
        ),
        encoding="utf-8",
    )
    tasks = indicators = narrative_bytes = source_bytes = 0
    for index, (name, kind, _) in enumerate(UNITS[:provinces]):
        plan, source, narrative = generator.plan(index, name, kind)
        (data / "plans" / f"{plan['id']}.yml").write_text(dump_yaml(plan, header=PLAN_HEADER), encoding="utf-8")
        (data / "sources" / plan["source"]["file"]).write_text(source, encoding="utf-8")
        if narrative:
            (root / "content" / "ke-hoach" / f"{plan['id']}.md").write_text(narrative, encoding="utf-8")
        tasks += len(plan["tasks"])
        indicators += len(plan.get("indicators", []))
        narrative_bytes += len(narrative.encode("utf-8"))
        source_bytes += len(source.encode("utf-8"))
    home = (content_dir / "index.md").read_text(encoding="utf-8")
    config = write_site(root, home=home, nav=True)
    return SampleSummary(root, config, provinces, tasks, indicators, narrative_bytes, source_bytes)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Sinh bộ dữ liệu mẫu cỡ toàn quốc (34 tỉnh, thành phố) để đo hiệu năng."
    )
    parser.add_argument("out", help="thư mục đích (data/, content/ và mkdocs.yml được ghi vào đây)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--provinces", type=int, default=len(UNITS), choices=range(1, len(UNITS) + 1), metavar=f"1..{len(UNITS)}"
    )
    parser.add_argument("--tasks", type=int, default=TASKS_PER_PLAN, help="số nhiệm vụ mỗi kế hoạch")
    args = parser.parse_args(list(argv))
    summary = write_national_sample(Path(args.out), seed=args.seed, provinces=args.provinces, tasks_per_plan=args.tasks)
    print(
        f"{summary.plans} kế hoạch, {summary.tasks} nhiệm vụ, {summary.indicators} chỉ tiêu; cấu hình: {summary.config}"
    )
    return 0


if __name__ == "__main__":
    from macros.cli import run

    run(main)
