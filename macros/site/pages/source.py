"""Source texts line by line (each task and indicator wraps the lines it comes from), and
the list of source texts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from macros.data import model as m
from macros.site import urls
from macros.site.identity import Identity, identity
from macros.site.narratives import Narrative
from macros.site.pages.base import Site
from macros.site.pages.plan import raw_source

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


def source_title(site: Site, plan: m.Plan) -> str:
    return f"Văn bản gốc: {site.views.plan_name(plan)}"


@dataclass(frozen=True)
class SharedRef:
    """A task or indicator whose lines the previous block already wraps (narrative indicators
    sharing one paragraph): shown as a short quote before it, so its id has a place."""

    id: str
    label: str
    text: str
    line: int


@dataclass
class SourceBlock:
    entity: str | None  # the task or indicator id these lines belong to
    lines: list[tuple[int, tuple[str, bool]]]  # (number, shown_line)
    label: str = ""
    shared: list[SharedRef] = field(default_factory=list)


@dataclass(frozen=True)
class SourcePage:
    title: str
    plan: m.Plan
    plan_name: str
    blocks: list[SourceBlock]
    notes: list[m.SourceNote]
    raw_source: str
    identity: Identity


def source_page(site: Site, plan: m.Plan) -> SourcePage:
    lines = [shown_line(text, plan.source.layout) for text in site.registry.source_text(plan).lines]
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

    def numbered(start: int, end: int) -> list[tuple[int, tuple[str, bool]]]:
        return [(n, lines[n - 1]) for n in range(start, end + 1)]

    blocks: list[SourceBlock] = []
    number = 1
    for start, end, entity, label, text in spans:
        if start < number:  # shares lines with the previous block
            blocks[-1].shared.append(SharedRef(entity, label, text, start))
            continue
        if start > number:
            blocks.append(SourceBlock(None, numbered(number, start - 1)))
        blocks.append(SourceBlock(entity, numbered(start, min(end, len(lines))), label))
        number = end + 1
    if number <= len(lines):
        blocks.append(SourceBlock(None, numbered(number, len(lines))))
    return SourcePage(
        title=source_title(site, plan),
        plan=plan,
        plan_name=site.views.plan_name(plan),
        blocks=blocks,
        notes=plan.source.notes,
        raw_source=raw_source(plan),
        identity=identity(site, plan),
    )


@dataclass(frozen=True)
class SourceRow:
    uri: str
    text: str
    lines: int


@dataclass(frozen=True)
class SourcesIndex:
    narrative: Narrative | None
    rows: list[SourceRow]


def sources_index(site: Site, _: None) -> SourcesIndex:
    reg = site.registry
    rows = [
        SourceRow(urls.source(p), site.views.plan_name(p), len(reg.source_text(p).lines)) for p in reg.plans.values()
    ]
    return SourcesIndex(site.narrative(urls.index(urls.SOURCES)), rows)
