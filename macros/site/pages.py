"""Every page and file the site derives from data, declared as data (`PageSpec`s).

`SiteBuilder(registry, …).pages()` is pure: it reads the registry, the narratives
written by people (content/ke-hoach/<plan>.md …) and the source texts, and returns page
bodies as Markdown. The MkDocs hook only hands them to MkDocs; a later generator can
do the same.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.data.loader import REFERENCE_FILES
from macros.data.problems import DataError, Problem
from macros.data.registry import Agency, Registry
from macros.data.text import fold
from macros.site import exports, urls
from macros.site.comparison import comparison
from macros.site.explorer_address import explorer_query
from macros.site.front_matter import split_front_matter
from macros.site.render import Renderer, date_vi
from macros.site.views import Link, Views

THEME_TEMPLATES = Path(__file__).resolve().parents[2] / "theme_overrides" / "gp"
# Pages that gather tasks from every plan (topic, agency kind) list them whole up to
# FULL_LIST tasks; past it (a national data set) each plan shows its first SHORT_LIST and
# links to the full list, so the page stays light on a phone.
FULL_LIST = 250
SHORT_LIST = 5
REGISTRY_FILES = tuple(f"data/{name}" for name, _ in REFERENCE_FILES.values())
SEARCH_CORE = THEME_TEMPLATES.parent / "assets" / "javascripts" / "gp-search.js"
STATIC_LIST_LIMIT = 1000  # tasks the explorer lists in its page for readers without JavaScript
# content/ folders and pages whose files are narratives merged into generated pages
GENERATED_SECTIONS = (
    "ke-hoach",
    "tinh",
    "co-quan",
    "chu-de",
    "van-ban",
    urls.HOME,
    urls.COMPARE,
    urls.EXPLORER,
    urls.OPEN_DATA,
)


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    content: str  # Markdown with front matter; may hold placeholders for `blocks`
    edit_path: str | None = None  # repository path an editor changes to change this page
    blocks: tuple[str, ...] = ()  # HTML that bypasses Markdown (render.fill_blocks puts it back)


@dataclass(frozen=True)
class AssetSpec:
    dest_uri: str
    content: bytes


def demote_headings(markdown: str, levels: int = 1) -> str:
    """Push every ATX heading down (## -> ###), for a narrative placed under a page section."""
    return re.sub(r"^(#{1,6})(?=\s)", lambda mt: "#" * min(6, len(mt.group(1)) + levels), markdown, flags=re.M)


_PIPE_END = re.compile(r"\s*\|$")
_PIPES_ONLY = re.compile(r"^[\s|]+$")


def shown_line(text: str, layout: str) -> tuple[str, bool]:
    """A source line as the source page shows it: (text, is_empty_cells).

    The pipe layout ends every table cell with " |"; the delimiter is dropped on display
    ("1 |" -> "1") and a line of delimiters only ("|||", empty cells) is shown as empty
    cells. The raw file offered for download keeps every character."""
    if layout != "pipe":
        return text, False
    if _PIPES_ONLY.match(text):
        return "", True
    return _PIPE_END.sub("", text), False


_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)
_GOALS_END = re.compile(r"^\(Chi tiết (?:các )?(?:mục tiêu|chỉ tiêu)[^\n)]*Phụ lục[^\n)]*\)\s*$", re.M | re.I)


def split_narrative(markdown: str) -> tuple[str, str]:
    """A plan's narrative cut where its tasks part begins: (purpose and goals, the rest).

    The cut is at the first top-level heading (the fewest #s in the text) that names the
    tasks ("II. NHIỆM VỤ VÀ GIẢI PHÁP", "III- NHIỆM VỤ, GIẢI PHÁP"); in a text without
    section headings, just after the line that closes its goals by pointing to the
    indicator appendix ("(Chi tiết các mục tiêu theo Phụ lục I đính kèm)"). A narrative
    with neither is not cut: ("", markdown)."""
    headings = list(_HEADING.finditer(markdown))
    top = min((len(h.group(1)) for h in headings), default=0)
    for h in headings:
        if len(h.group(1)) == top and "nhiem vu" in fold(h.group(2)) and markdown[: h.start()].strip():
            return markdown[: h.start()].rstrip() + "\n", markdown[h.start() :]
    if (end := _GOALS_END.search(markdown)) and markdown[end.end() :].strip():
        return markdown[: end.end()] + "\n", markdown[end.end() :].lstrip("\n")
    return "", markdown


class SiteBuilder:
    def __init__(
        self,
        registry: Registry,
        *,
        narratives: dict[str, str],
        today: dt.date,
        handwritten: dict[str, str] | None = None,
        templates: Path = THEME_TEMPLATES,
        repo_url: str = "",
        editor: urls.Editor | None = None,
        changed: dict[str, dt.date] | None = None,
    ) -> None:
        self.repo_url = repo_url
        self.changed = changed or {}
        self.reg = registry
        self.narratives = narratives
        self.handwritten = handwritten or {}
        self.today = today
        self.views = Views(registry, today, editor)
        self.renderer = Renderer(
            templates,
            abbreviations={
                **{short: a.full for a in registry.abbreviations for short in a.short},
                **vocab.UI_ABBREVIATIONS,
            },
        )

    # --- plumbing ---------------------------------------------------------------------

    def page(
        self,
        src_uri: str,
        template: str,
        meta: dict[str, Any],
        *,
        edit_path: str | None = None,
        data_files: Iterable[str] | None = None,
        **context: Any,
    ) -> PageSpec:
        """One generated page. Its "last changed" date is the newest of every file it is
        built from: `data_files` (all of data/ when not given: summaries and indexes draw on
        every plan), the file its edit button opens, and its narrative in content/."""
        narrative_meta, _ = split_front_matter(self.narratives.get(src_uri, ""))
        front = {**meta, **narrative_meta}
        sources = self.all_data_files if data_files is None else data_files
        updated = [self.changed[p] for p in (*sources, edit_path, f"content/{src_uri}") if p in self.changed]
        if updated:
            front["gp_updated"] = date_vi(max(updated))
        body, blocks = self.renderer.render(template, src_uri, today=self.today, **context)
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body
        return PageSpec(src_uri, text, edit_path, tuple(blocks))

    def narrative(self, src_uri: str, demote: int = 1) -> Markup | None:
        text = self.narratives.get(src_uri)
        if not text:
            return None
        _, body = split_front_matter(text)
        return Markup(demote_headings(body, demote))

    def plan_narrative(self, src_uri: str) -> tuple[Markup | None, Markup | None]:
        """A plan page's narrative in two: purpose and goals (shown near the top) and the
        rest (after the task cards); (None, whole) when it cannot be cut."""
        whole = self.narrative(src_uri)
        if whole is None:
            return None, None
        head, tail = split_narrative(str(whole))
        return (Markup(head), Markup(tail)) if head else (None, whole)

    @cached_property
    def all_data_files(self) -> list[str]:
        return [path for path in self.changed if path.startswith("data/") and not path.startswith("data/schema/")]

    def plan_files(self, plans: Iterable[m.Plan]) -> list[str]:
        return [self.plan_file(p) for p in plans]

    def plan_file(self, plan: m.Plan) -> str:
        location = self.reg.locations.get(("plan", plan.id))
        return location.file if location else f"data/plans/{plan.id}.yml"

    # --- pages ------------------------------------------------------------------------

    def pages(self) -> list[PageSpec]:
        reg = self.reg
        out = [
            self.home_page(),
            self.plans_index(),
            self.provinces_index(),
            self.agencies_index(),
            self.topics_index(),
            self.sources_index(),
            self.compare_page(),
            self.explorer_page(),
            self.open_data_page(),
        ]
        out += [self.plan_page(p) for p in reg.plans.values()]
        out += [self.source_page(p) for p in reg.plans.values()]
        out += [self.province_page(p) for p in self.provinces_shown()]
        out += [self.agency_page(a) for a in reg.agencies.values()]
        out += [self.kind_page(k) for k in self.kinds_shown()]
        out += [self.topic_page(t) for t in reg.topics.values() if t.for_tasks]
        generated = {spec.src_uri for spec in out}
        orphans = sorted(set(self.narratives) - generated)
        if orphans:
            raise DataError(
                Problem(
                    f"content/{uri}",
                    1,
                    1,
                    "Trang này nằm trong mục do dữ liệu sinh ra nhưng không khớp mã nào trong data/ "
                    "(tên tệp phải là mã của kế hoạch, tỉnh, cơ quan hoặc chủ đề). Hãy đổi tên tệp cho đúng mã.",
                )
                for uri in orphans
            )
        return out

    def assets(self) -> list[AssetSpec]:
        out = [AssetSpec(self.raw_source(p), self.reg.source_text(p).data) for p in self.reg.plans.values()]
        out += [AssetSpec(uri, content) for uri, _, content in self.open_data_files()]
        from macros.site.search_docs import all_docs
        from macros.site.search_index import search_files

        docs = all_docs(self.reg, self.views, self.narratives, self.handwritten)
        out += [
            AssetSpec(uri, content) for uri, content in search_files(docs, self.reg, SEARCH_CORE.read_bytes()).items()
        ]
        return out

    def raw_source(self, plan: m.Plan) -> str:
        return f"du-lieu/van-ban/{plan.source.file}"

    def provinces_shown(self) -> list[m.Province]:
        """Provinces with plans, and the provinces that took them over."""
        ids = {p.province for p in self.reg.plans.values()}
        ids |= {self.reg.current_province(i).id for i in ids}
        return [self.reg.provinces[i] for i in sorted(ids)]

    def kinds_shown(self) -> list[m.AgencyKind]:
        ids = {a.kind.id for a in self.reg.agencies.values()}
        return [k for k in self.reg.agency_kinds.values() if k.id in ids]

    def plan_card(self, plan: m.Plan) -> dict[str, Any]:
        province = self.reg.provinces[plan.province]
        current = self.reg.current_province(province.id)
        appendix = plan.appendix("indicators")
        return {
            "uri": urls.plan(plan.id),
            "name": self.views.plan_name(plan),
            "issuer": plan.issuer,
            "issued_on": plan.issued_on,
            "issued_raw": plan.issued_raw,
            "issue": self.views.issue(plan),
            "counts": self.views.counts(plan.tasks, plan.indicators),
            "indicators_missing": bool(appendix and not appendix.published),
            "successor": f"{self._place(current)} {current.name}" if current.id != province.id else None,
        }

    @staticmethod
    def _place(province: m.Province) -> str:
        return "thành phố" if province.kind == "thanh-pho" else "tỉnh"

    def home_page(self) -> PageSpec:
        reg = self.reg
        kinds = sorted(
            self.kinds_shown(), key=lambda k: -sum(len(reg.tasks_led_by(a)) for a in reg.agencies_of_kind(k.id))
        )
        return self.page(
            urls.HOME,
            "pages/home.md",
            {"title": "Trang chủ", "hide": ["navigation", "toc"]},
            edit_path="content/index.md",
            narrative=self.narrative(urls.HOME, 0) or "",
            plan_cards=[self.plan_card(p) for p in reg.plans.values()],
            provinces=[Link(p.name, urls.province(p.id)) for p in self.provinces_shown()],
            kinds=[Link(k.name, urls.kind(k.id)) for k in kinds[:8]],
            topics=[Link(t.name, urls.topic(t.id)) for t in reg.topics.values() if t.for_tasks],
        )

    def plans_index(self) -> PageSpec:
        uri = urls.index(urls.PLANS)
        return self.page(
            uri,
            "pages/plans-index.md",
            {"title": "Các kế hoạch"},
            narrative=self.narrative(uri),
            plan_cards=[self.plan_card(p) for p in self.reg.plans.values()],
        )

    def plan_page(self, plan: m.Plan) -> PageSpec:
        province = self.reg.provinces[plan.province]
        successor = self.reg.current_province(province.id) if province.merged_into else None
        indicator_groups: dict[int, list] = {}
        for indicator in plan.indicators:
            indicator_groups.setdefault(indicator.horizon, []).append(self.views.indicator(plan, indicator))
        task_groups = [
            (section, [self.views.task(plan, t) for t in plan.tasks if t.section == section.id])
            for section in plan.sections
        ]
        title = self.views.plan_name(plan)
        src_uri = urls.plan(plan.id)
        narrative_head, narrative_rest = self.plan_narrative(src_uri)
        return self.page(
            src_uri,
            "pages/plan.md",
            {"title": title, "description": f"{title}: chỉ tiêu, nhiệm vụ, cơ quan chủ trì và thời hạn."},
            edit_path=self.plan_file(plan),
            data_files=[f"data/sources/{plan.source.file}", *REGISTRY_FILES],
            plan=plan,
            province=province,
            successor=successor,
            doc_type=vocab.DOC_TYPES[plan.doc_type],
            title=title,
            counts=self.views.counts(plan.tasks, plan.indicators),
            indicator_appendix=plan.appendix("indicators"),
            task_appendix=plan.appendix("tasks"),
            indicator_groups=sorted(indicator_groups.items()),
            task_groups=[(s, v) for s, v in task_groups if v],
            topic_names={t.id: t.short_name for t in self.reg.topics.values()},
            issue=self.views.issue(plan),
            narrative_head=narrative_head,
            narrative=narrative_rest,
            raw_source=self.raw_source(plan),
        )

    def source_page(self, plan: m.Plan) -> PageSpec:
        """The source text line by line; each task and indicator wraps the lines it comes
        from. Several narrative indicators can share one paragraph: the first wraps it, the
        others get a short quoted block just before it, so every id has its place."""
        lines = [shown_line(text, plan.source.layout) for text in self.reg.source_text(plan).lines]
        spans = sorted(
            [
                (t.source.line, t.source.line_end or t.source.line, t.id, f"Nhiệm vụ {t.label or ''}".strip(), t.title)
                for t in plan.tasks
            ]
            + [
                (i.source.line, i.source.line_end or i.source.line, i.id, f"Chỉ tiêu {i.label or ''}".strip(), i.name)
                for i in plan.indicators
            ]
        )
        blocks: list[dict[str, Any]] = []
        number = 1
        for start, end, entity, label, text in spans:
            if start < number:  # shares lines with the previous block
                blocks[-1]["shared"].append({"id": entity, "label": label, "text": text, "line": start})
                continue
            if start > number:
                blocks.append(
                    {"entity": None, "shared": [], "lines": [(n, lines[n - 1]) for n in range(number, start)]}
                )
            blocks.append(
                {
                    "entity": entity,
                    "label": label,
                    "shared": [],
                    "lines": [(n, lines[n - 1]) for n in range(start, min(end, len(lines)) + 1)],
                }
            )
            number = end + 1
        if number <= len(lines):
            blocks.append(
                {"entity": None, "shared": [], "lines": [(n, lines[n - 1]) for n in range(number, len(lines) + 1)]}
            )
        uri = urls.source(plan)
        name = self.views.plan_name(plan)
        return self.page(
            uri,
            "pages/source.md",
            {"title": f"Văn bản gốc: {name}", "search": {"exclude": True}},
            edit_path=self.plan_file(plan),  # source texts are add-only; their notes live in the plan file
            data_files=[f"data/sources/{plan.source.file}"],
            title=f"Văn bản gốc: {name}",
            plan=plan,
            plan_name=name,
            blocks=blocks,
            notes=plan.source.notes,
            raw_source=self.raw_source(plan),
        )

    def sources_index(self) -> PageSpec:
        uri = urls.index(urls.SOURCES)
        rows = [
            {
                "uri": urls.source(p),
                "text": self.views.plan_name(p),
                "file": p.source.file,
                "lines": len(self.reg.source_text(p).lines),
            }
            for p in self.reg.plans.values()
        ]
        return self.page(
            uri, "pages/sources-index.md", {"title": "Văn bản gốc"}, narrative=self.narrative(uri), rows=rows
        )

    def province_page(self, province: m.Province) -> PageSpec:
        reg = self.reg
        uri = urls.province(province.id)
        successor = reg.current_province(province.id) if province.merged_into else None
        predecessors = [p for p in reg.provinces.values() if p.merged_into == province.id]
        agencies = [a for a in reg.agencies.values() if a.province.id == province.id]
        groups: dict[str, list[Link]] = {}
        for agency in agencies:
            groups.setdefault(vocab.AGENCY_CATEGORIES[agency.kind.category], []).append(self.views.agency_link(agency))
        title = f"{self._place(province).capitalize()} {province.name}"
        return self.page(
            uri,
            "pages/province.md",
            {"title": title, "search": {"exclude": True}},
            edit_path="data/provinces.yml",
            data_files=[
                "data/agencies.yml",
                *self.plan_files(p for pr in (province, *predecessors) for p in reg.plans_for_province(pr.id)),
            ],
            title=title,
            province=province,
            place=self._place(province).capitalize(),
            successor=successor,
            successor_place=self._place(successor) if successor else "",
            predecessors=predecessors,
            shown={p.id for p in self.provinces_shown()},
            plan_cards=[self.plan_card(p) for p in reg.plans_for_province(province.id)],
            inherited_cards=[self.plan_card(p) for pre in predecessors for p in reg.plans_for_province(pre.id)],
            agency_groups=sorted(groups.items()),
            narrative=self.narrative(uri),
        )

    def provinces_index(self) -> PageSpec:
        uri = urls.index(urls.PROVINCES)
        rows = []
        for province in self.provinces_shown():
            current = self.reg.current_province(province.id)
            rows.append(
                {
                    "uri": urls.province(province.id),
                    "name": province.name,
                    "plans": [self.views.plan_link(p) for p in self.reg.plans_for_province(province.id)],
                    "successor": Link(current.name, urls.province(current.id)) if current.id != province.id else None,
                    "note": province.note,
                }
            )
        return self.page(
            uri, "pages/provinces-index.md", {"title": "Tỉnh, thành phố"}, narrative=self.narrative(uri), rows=rows
        )

    def _by_plan(self, pairs: list[tuple[m.Plan, m.Task]]) -> list[tuple[Link, list]]:
        grouped: dict[str, list] = {}
        for plan, task in pairs:
            grouped.setdefault(plan.id, []).append(self.views.task(plan, task))
        return [(self.views.plan_link(self.reg.plans[pid]), views) for pid, views in grouped.items()]

    def agency_page(self, agency: Any) -> PageSpec:
        reg = self.reg
        uri = urls.agency(agency)
        successor = reg.successor(agency)
        notes = []
        if successor and successor.kind.id != agency.kind.id and agency.kind.change_note:
            notes.append(agency.kind.change_note)
        if successor and successor.province.id != agency.province.id:
            province = agency.province
            notes.append(
                f"Từ ngày {province.merged_on:%d/%m/%Y}, {self._place(province)} {province.name} hợp nhất vào "
                f"{self._place(successor.province)} {successor.province.name}."
            )
        ended = agency.kind.change_note if agency.kind.ended_on else None
        led, supported = reg.tasks_led_by(agency), reg.tasks_supported_by(agency)
        inherited = self.inherited(agency)
        return self.page(
            uri,
            "pages/agency.md",
            {"title": agency.name, "search": {"exclude": True}},
            edit_path="data/agencies.yml",
            data_files=[
                "data/provinces.yml",
                *self.plan_files(
                    p for a in (agency, *reg.predecessors(agency)) for p in reg.plans_for_province(a.province.id)
                ),
            ],
            agency=agency,
            kind_name=agency.kind.name,
            successor=self.views.agency_link(successor) if successor else None,
            change_notes=notes,
            ended=ended,
            predecessors=[self.views.agency_link(a) for a in reg.predecessors(agency)],
            led=self._by_plan(led),
            supported=self._by_plan(supported),
            led_count=len(led),
            supported_count=len(supported),
            monitored=[self.views.indicator(p, i) for p, i in reg.indicators_monitored_by(agency)],
            inherited=inherited,
            inherited_counts={
                key: sum(g[f"{key}_count"] for g in inherited) for key in ("led", "supported", "monitored")
            },
            narrative=self.narrative(uri),
        )

    def predecessor_name(self, agency: Agency) -> str:
        """An agency's name that says whose it is: a group ("Các sở, ban, ngành") gets its province."""
        if agency.province.name in agency.name:
            return agency.name
        return f"{agency.name} ({self._place(agency.province)} {agency.province.name})"

    def inherited(self, agency: Agency) -> list[dict[str, Any]]:
        """What a successor took over (merged departments, merged provinces, 2025), one group
        per predecessor: the tasks it led and supported and the indicators it monitored."""
        reg = self.reg
        groups = []
        for pre in reg.predecessors(agency):
            led, supported = reg.tasks_led_by(pre), reg.tasks_supported_by(pre)
            monitored = [self.views.indicator(p, i) for p, i in reg.indicators_monitored_by(pre)]
            groups.append(
                {
                    "agency": pre,
                    "link": Link(self.predecessor_name(pre), urls.agency(pre)),
                    "anchor": f"tiep-nhan-{pre.province.id}-{pre.kind.id}",
                    "led": self._by_plan(led),
                    "supported": self._by_plan(supported),
                    "monitored": monitored,
                    "led_count": len(led),
                    "supported_count": len(supported),
                    "monitored_count": len(monitored),
                }
            )
        return groups

    def kind_page(self, kind: m.AgencyKind) -> PageSpec:
        reg = self.reg
        uri = urls.kind(kind.id)
        agencies = reg.agencies_of_kind(kind.id)
        rows = []
        for a in agencies:
            predecessors = reg.predecessors(a)  # what it took over counts apart ("tiếp nhận")
            rows.append(
                {
                    "link": self.views.agency_link(a),
                    "led": len(reg.tasks_led_by(a)),
                    "supported": len(reg.tasks_supported_by(a)),
                    "monitored": len(reg.indicators_monitored_by(a)),
                    "inherited": {
                        "led": sum(len(reg.tasks_led_by(p)) for p in predecessors),
                        "supported": sum(len(reg.tasks_supported_by(p)) for p in predecessors),
                        "monitored": sum(len(reg.indicators_monitored_by(p)) for p in predecessors),
                    }
                    if predecessors
                    else None,
                }
            )
        successor_kind = reg.agency_kinds.get(kind.successor) if kind.successor else None
        return self.page(
            uri,
            "pages/kind.md",
            {"title": f"{kind.name} – mọi tỉnh", "search": {"exclude": True}},
            edit_path="data/agencies.yml",
            kind=kind,
            category=vocab.AGENCY_CATEGORIES[kind.category],
            rows=rows,
            any_inherited=any(r["inherited"] for r in rows),
            successor=Link(successor_kind.name, urls.kind(successor_kind.id)) if successor_kind else None,
            led=self._kind_led(agencies),
            narrative=self.narrative(uri),
        )

    def _kind_led(self, agencies: list[Agency]) -> list[dict[str, Any]]:
        """Per plan, the tasks one agency of the kind leads (its first SHORT_LIST past FULL_LIST
        in all, with a link to the agency's own page, which lists them all)."""
        reg = self.reg
        led = [(a, pair) for a in agencies for pair in reg.tasks_led_by(a)]
        short = len(led) > FULL_LIST
        groups: dict[str, dict[str, Any]] = {}
        for agency, (plan, task) in led:
            group = groups.setdefault(
                plan.id,
                {"plan": self.views.plan_link(plan), "tasks": [], "total": 0, "agency": self.views.agency_link(agency)},
            )
            group["total"] += 1
            if not short or len(group["tasks"]) < SHORT_LIST:
                group["tasks"].append(self.views.task(plan, task))
        return list(groups.values())

    def agencies_index(self) -> PageSpec:
        reg = self.reg
        uri = urls.index(urls.AGENCIES)
        groups: dict[str, list[dict[str, Any]]] = {}
        for kind in self.kinds_shown():
            agencies = reg.agencies_of_kind(kind.id)
            groups.setdefault(kind.category, []).append(
                {
                    "uri": urls.kind(kind.id),
                    "name": kind.name,
                    "historical": bool(kind.successor),
                    "agencies": [Link(a.province.name, urls.agency(a)) for a in agencies],
                    "led": sum(len(reg.tasks_led_by(a)) for a in agencies),
                    "anchor": kind.category,
                }
            )
        ordered = [(vocab.AGENCY_CATEGORIES[c], rows) for c in vocab.AGENCY_CATEGORIES if (rows := groups.get(c))]
        return self.page(
            uri, "pages/agencies-index.md", {"title": "Cơ quan"}, narrative=self.narrative(uri), groups=ordered
        )

    def topic_page(self, topic: m.Topic) -> PageSpec:
        reg = self.reg
        uri = urls.topic(topic.id)
        tagged = {plan.id: self.views.topic_tasks(plan, topic.id) for plan in reg.plans.values()}
        short = sum(len(main) + len(related) for main, related in tagged.values()) > FULL_LIST
        columns = []
        for plan in reg.plans.values():
            main, related = tagged[plan.id]
            shown_main = main[:SHORT_LIST] if short else main
            shown_related = related[: SHORT_LIST - len(shown_main)] if short else related
            hidden = len(main) + len(related) - len(shown_main) - len(shown_related)
            one_plan = len(reg.plans_for_province(plan.province)) == 1
            columns.append(
                {
                    "plan": plan,
                    "link": self.views.plan_link(plan),
                    "primary": [self.views.task(plan, t) for t in shown_main],
                    "secondary": [self.views.task(plan, t) for t in shown_related],
                    "primary_count": len(main),
                    "secondary_count": len(related),
                    "hidden": hidden,
                    "more": (urls.EXPLORER, explorer_query({"tinh": [plan.province], "chu-de": [topic.id]}))
                    if one_plan
                    else (urls.plan(plan.id), ""),
                }
            )
        concept_groups = [
            (concept, [self.views.indicator(p, i) for p, i in reg.indicators_for_concept(concept.id)])
            for concept in reg.concepts.values()
            if concept.topic == topic.id
        ]
        concept_groups = [(c, v) for c, v in concept_groups if v]
        return self.page(
            uri,
            "pages/topic.md",
            {"title": topic.name, "search": {"exclude": True}},
            edit_path="data/topics.yml",
            data_files=["data/concepts.yml", *self.plan_files(reg.plans.values())],
            topic=topic,
            columns=columns,
            concept_groups=concept_groups,
            short=short,
            primary_count=sum(c["primary_count"] for c in columns),
            secondary_count=sum(c["secondary_count"] for c in columns),
            indicator_count=sum(len(v) for _, v in concept_groups),
            narrative=self.narrative(uri),
        )

    def topics_index(self) -> PageSpec:
        reg = self.reg
        uri = urls.index(urls.TOPICS)
        plans = list(reg.plans.values())
        rows = []
        for topic in reg.topics.values():
            if not topic.for_tasks:
                continue
            split = [self.views.topic_tasks(p, topic.id) for p in plans]
            cells = [{"n": len(main) + len(related), "main": len(main)} for main, related in split]
            rows.append(
                {
                    "uri": urls.topic(topic.id),
                    "name": topic.name,
                    "cells": cells,
                    "total": {"n": sum(c["n"] for c in cells), "main": sum(c["main"] for c in cells)},
                }
            )
        return self.page(
            uri,
            "pages/topics-index.md",
            {"title": "Chủ đề"},
            narrative=self.narrative(uri),
            plans=[Link(reg.provinces[p.province].name, urls.plan(p.id)) for p in plans],
            rows=rows,
        )

    def compare_page(self) -> PageSpec:
        return self.page(
            urls.COMPARE,
            "pages/compare.md",
            {"title": "So sánh các tỉnh"},
            narrative=self.narrative(urls.COMPARE),
            **comparison(self.reg, self.views),
        )

    def explorer_page(self) -> PageSpec:
        """The task explorer: the interactive part is explorer.js; this is the no-JS list.

        Past STATIC_LIST_LIMIT tasks the no-JS list names the plans only (each plan page
        lists its tasks), so the page stays light at national size."""
        groups = []
        for plan in self.reg.plans.values():
            rows = [
                {
                    "plan_id": plan.id,
                    "uri": urls.plan(plan.id),
                    "anchor": t.id,
                    "label": t.label,
                    "title": t.title,
                    "lead": t.lead.raw if t.lead else "",
                    "deadline": t.parsed_deadline.raw if t.parsed_deadline else "",
                }
                for t in plan.tasks
            ]
            groups.append((self.views.plan_link(plan), rows))
        task_count = sum(len(rows) for _, rows in groups)
        return self.page(
            urls.EXPLORER,
            "pages/explorer.md",
            {"title": "Tra cứu nhiệm vụ", "hide": ["toc"]},
            narrative=self.narrative(urls.EXPLORER),
            groups=groups,
            plan_count=len(self.reg.plans),
            task_count=task_count,
            full_list=task_count <= STATIC_LIST_LIMIT,
        )

    def open_data_files(self) -> list[tuple[str, str, bytes]]:
        """(path, description, content) of every download."""
        reg = self.reg
        files = [
            ("du-lieu/nhiem-vu.csv", "Mọi nhiệm vụ của mọi kế hoạch, mỗi dòng một nhiệm vụ.", exports.task_csv(reg)),
            (
                "du-lieu/chi-tieu.csv",
                "Mọi chỉ tiêu, với mục tiêu nguyên văn và giá trị đã chuẩn hoá.",
                exports.indicator_csv(reg),
            ),
            (
                "du-lieu/ke-hoach.json",
                "Toàn bộ dữ liệu: tỉnh, loại cơ quan, chủ đề, kế hoạch kèm chỉ tiêu và nhiệm vụ.",
                exports.plans_json(reg),
            ),
        ]
        return files

    def open_data_page(self) -> PageSpec:
        files = [
            {"uri": path, "name": path.rsplit("/", 1)[1], "description": text, "size": _size(len(content))}
            for path, text, content in self.open_data_files()
        ]
        files += [
            {
                "uri": self.raw_source(p),
                "name": f"Văn bản gốc: {self.views.plan_name(p)}",
                "description": f"Toàn văn như cổng nhận được (tệp văn bản, {p.source.file}).",
                "size": _size(len(self.reg.source_text(p).data)),
            }
            for p in self.reg.plans.values()
        ]
        return self.page(
            urls.OPEN_DATA,
            "pages/open-data.md",
            {"title": "Dữ liệu mở"},
            narrative=self.narrative(urls.OPEN_DATA),
            files=files,
            task_columns=exports.TASK_COLUMNS,
            indicator_columns=tuple(exports.INDICATOR_COLUMN_MEANINGS.items()),
            column_codes=dict(exports.COLUMN_CODES),
            repo_url=self.repo_url,
        )


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} B"
