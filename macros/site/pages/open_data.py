"""The open-data page and the files it offers (CSV, JSON, the source texts as received)."""

from __future__ import annotations

from dataclasses import dataclass

from macros.site import exports, urls
from macros.site.narratives import Narrative
from macros.site.pages.base import AssetSpec, Site, size_text
from macros.site.pages.plan import raw_source


def source_downloads(site: Site) -> list[AssetSpec]:
    """Each source text as received, byte for byte."""
    return [AssetSpec(raw_source(p), site.registry.source_text(p).data) for p in site.registry.plans.values()]


@dataclass(frozen=True)
class FileRow:
    uri: str
    name: str
    description: str
    size: str


@dataclass(frozen=True)
class OpenDataPage:
    narrative: Narrative | None
    files: list[FileRow]
    task_columns: tuple[tuple[str, str], ...]
    indicator_columns: tuple[tuple[str, str], ...]
    lineage_columns: tuple[tuple[str, str], ...]
    column_codes: dict[str, tuple[tuple[str, str], ...]]
    repo_url: str


def open_data_page(site: Site, _: None) -> OpenDataPage:
    reg = site.registry
    files = [FileRow(d.uri, d.name, d.description, size_text(len(d.content))) for d in site.downloads]
    files += [
        FileRow(
            uri=raw_source(p),
            name=f"Văn bản gốc: {site.views.plan_name(p)}",
            description=f"Toàn văn như cổng nhận được (tệp văn bản, {p.source.file}).",
            size=size_text(len(reg.source_text(p).data)),
        )
        for p in reg.plans.values()
    ]
    return OpenDataPage(
        narrative=site.narrative(urls.OPEN_DATA),
        files=files,
        task_columns=exports.TASK_COLUMNS,
        indicator_columns=tuple(exports.INDICATOR_COLUMN_MEANINGS.items()),
        lineage_columns=exports.LINEAGE_COLUMNS,
        column_codes=dict(exports.COLUMN_CODES),
        repo_url=site.repo_url,
    )
