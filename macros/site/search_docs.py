"""What the search box and the task explorer can find: one record per task, indicator,
entity page and text section, with where it sits (plan and section) for the results."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from macros.data import model as m
from macros.data.registry import Registry
from macros.data.text import heading_slug
from macros.site import urls
from macros.site.current_agency import now_summary
from macros.site.front_matter import split_front_matter
from macros.site.render import date_vi
from macros.site.views import Views


@dataclass(frozen=True)
class SearchDoc:
    kind: str  # task | indicator | plan | agency | kind | topic | province | section
    url: str  # page URL relative to the site root, with #anchor
    title: str  # as written
    context: str  # where it sits, shown with the result: the plan's section, the kind of page
    body: str = ""  # further searchable text (agency cells, deadline, section text)
    group: tuple[str, str] = ("", "")  # (url, title) of the page the result belongs to
    task: tuple[m.Plan, m.Task] | None = field(default=None, compare=False)
    summary: str = ""  # a line of facts shown under the title (lead agency, deadline)


def _plan_group(views: Views, plan: m.Plan) -> tuple[str, str]:
    return (urls.page_url(urls.plan(plan.id)), views.plan_name(plan))


def _place(province: m.Province, *, first: bool = False) -> str:
    """'tỉnh Tiền Giang', 'thành phố Đà Nẵng' ('Tỉnh Tiền Giang' to start a sentence)."""
    place = "thành phố" if province.kind == "thanh-pho" else "tỉnh"
    return f"{place[0].upper() + place[1:] if first else place} {province.name}"


def merger_notice(registry: Registry, province: m.Province) -> str:
    """The province's 2025 merger in one sentence, with the words readers type for it
    ("sáp nhập"), for the province page's and the plans' search records; '' when none."""
    if province.merged_into:
        now = registry.current_province(province.id)
        when = f" từ ngày {date_vi(province.merged_on)}" if province.merged_on else ""
        basis = f" theo {province.merge_basis}" if province.merge_basis else ""
        return f"{_place(province, first=True)} sáp nhập vào {_place(now)}{when}{basis}."
    before = [p for p in registry.provinces.values() if p.merged_into == province.id]
    if not before:
        return ""
    names = ", ".join(_place(p) for p in before)
    return f"{_place(province, first=True)} hiện nay gồm cả {names} (sáp nhập năm 2025)."


def entity_docs(registry: Registry, views: Views) -> list[SearchDoc]:
    docs: list[SearchDoc] = []
    for plan in registry.plans.values():
        group = _plan_group(views, plan)
        province = registry.provinces[plan.province].name
        sections = {s.id: s for s in plan.sections}
        for task in plan.tasks:
            section = sections[task.section]
            heading = " ".join(filter(None, [section.label, section.title or section.inferred_title]))
            cells = [c.raw for c in (task.lead, task.support) if c]
            deadline = task.parsed_deadline
            now = now_summary(registry.current_lead(plan, task))
            lead = f"Chủ trì: {task.lead.raw}" + (f" ({now})" if now else "") if task.lead else ""
            facts = [lead, f"Thời hạn: {deadline.raw}" if deadline else ""]
            docs.append(
                SearchDoc(
                    "task",
                    f"{group[0]}#{task.id}",
                    task.title,
                    f"Mục {heading}" if heading else "",
                    " ".join(
                        [*cells, task.output or "", deadline.raw if deadline else "", province, plan.number or ""]
                    ),
                    group,
                    (plan, task),
                    " · ".join(f for f in facts if f),
                )
            )
        for ind in plan.indicators:
            docs.append(
                SearchDoc(
                    "indicator",
                    f"{group[0]}#{ind.id}",
                    ind.name,
                    f"Chỉ tiêu đến năm {ind.horizon}",
                    " ".join([ind.target or "", ind.monitoring.raw if ind.monitoring else "", province]),
                    group,
                    summary=f"Mục tiêu: {ind.target or 'không ghi'}{(' ' + ind.unit) if ind.unit else ''}",
                )
            )
        merged = merger_notice(registry, registry.provinces[plan.province])
        docs.append(
            SearchDoc(
                "plan", group[0], group[1], plan.title, f"{plan.issuer} {province} {merged}", group, summary=merged
            )
        )
    for agency in registry.agencies.values():
        url = urls.page_url(urls.agency(agency))
        # the province in the body only where the name lacks it ("Các sở, ban, ngành"): a
        # province's own page and plans come before its dozens of agencies
        where = "" if agency.province.name in agency.name else agency.province.name
        docs.append(SearchDoc("agency", url, agency.name, "Cơ quan", where, (url, agency.name)))
    for kind_id in sorted({a.kind.id for a in registry.agencies.values()}):
        kind = registry.agency_kinds[kind_id]
        url = urls.page_url(urls.kind(kind.id))
        title = f"{kind.name} – mọi tỉnh"
        docs.append(SearchDoc("kind", url, title, "Loại cơ quan", " ".join(kind.aliases), (url, title)))
    for topic in registry.topics.values():
        if topic.for_tasks:
            url = urls.page_url(urls.topic(topic.id))
            docs.append(SearchDoc("topic", url, topic.name, "Chủ đề", topic.description, (url, topic.name)))
    for province in registry.plan_provinces():
        url = urls.page_url(urls.province(province.id))
        notice = merger_notice(registry, province)
        docs.append(
            SearchDoc(
                "province",
                url,
                province.name,
                "Tỉnh, thành phố",
                " ".join(filter(None, [province.note, notice])),
                (url, province.name),
                summary=notice,
            )
        )
    return sorted(docs, key=lambda d: d.kind != "task")  # tasks first: the explorer's records


_MD = MarkdownIt("commonmark")


def section_docs(
    src_uri: str, markdown: str, page_title: str, *, fallback_anchor: str | None = None
) -> list[SearchDoc]:
    """One record per heading section of a Markdown page (narratives, hand-written pages)."""
    _, body = split_front_matter(markdown)
    url = urls.page_url(src_uri)
    docs: list[SearchDoc] = []
    heading, anchor, words = page_title, fallback_anchor, []

    def flush() -> None:
        text = " ".join(words).strip()
        if text:
            docs.append(
                SearchDoc(
                    "section",
                    f"{url}#{anchor}" if anchor else url,
                    heading,
                    page_title,
                    text,
                    (url, page_title),
                    None,
                    _excerpt(text),
                )
            )

    tokens = _MD.parse(body)
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            flush()
            inline = tokens[i + 1]
            explicit = re.search(r"\{#([\w-]+)\}\s*$", inline.content)
            heading = re.sub(r"\s*\{#[\w-]+\}\s*$", "", _plain(inline))
            anchor = explicit.group(1) if explicit else heading_slug(heading)
            words = []
        elif token.type == "inline" and tokens[i - 1].type != "heading_open":
            words.append(_plain(token))
    flush()
    return docs


def _excerpt(text: str, limit: int = 300) -> str:
    """The start of a section, for showing under its title (the whole text is indexed)."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _plain(inline) -> str:  # noqa: ANN001 - a markdown-it Token
    return "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline"))


def all_docs(
    registry: Registry, views: Views, narratives: dict[str, str], handwritten: dict[str, str]
) -> list[SearchDoc]:
    """Everything searchable: data records first (tasks at the very front), then text sections."""
    docs = entity_docs(registry, views)
    for plan in registry.plans.values():
        src = urls.plan(plan.id)
        if src in narratives:
            docs += section_docs(src, narratives[src], views.plan_name(plan), fallback_anchor="noi-dung")
    for src, markdown in sorted(handwritten.items()):
        meta, body = split_front_matter(markdown)
        if (meta.get("search") or {}).get("exclude"):
            continue
        first = re.search(r"^#\s+(.+)$", body, re.M)
        title = str(meta.get("title") or (first.group(1) if first else src))
        docs += section_docs(src, markdown, title)
    return docs
