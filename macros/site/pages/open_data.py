"""The open-data page and the files it offers: the data package (CSV tables, its
datapackage.json, the XLSX workbook), JSON, the editors' JSON Schemas, the source texts
as received, each plan's own tables, and the deadline calendars of the pages readers follow."""

from __future__ import annotations

from dataclasses import dataclass

from macros.site import datapackage, exports, urls
from macros.site.calendars import Calendars, Scope, unique
from macros.site.narratives import Narrative
from macros.site.pages.base import AssetSpec, Site, size_text
from macros.site.pages.plan import raw_source
from macros.site.pages.province import predecessors


def source_downloads(site: Site) -> list[AssetSpec]:
    """Each source text as received, byte for byte."""
    return [AssetSpec(raw_source(p), site.registry.source_text(p).data) for p in site.registry.plans.values()]


def calendar_scopes(site: Site) -> list[Scope]:
    """One calendar per plan, province, agency, agency kind and topic page, and one for
    everything. A province follows its plans and those of the provinces merged into it; an
    agency the tasks it leads, also those it took over; a kind all its agencies."""
    reg = site.registry
    every = [(p, t) for p in reg.plans.values() for t in p.tasks]
    scopes = [Scope(urls.EVERYTHING, "mọi kế hoạch", every)]
    scopes += [Scope(urls.plan(p.id), site.views.plan_name(p), [(p, t) for t in p.tasks]) for p in reg.plans.values()]
    for province in site.provinces_shown():
        plans = [p for pr in (province, *predecessors(site, province)) for p in reg.plans_for_province(pr.id)]
        scopes.append(Scope(urls.province(province.id), province.name, [(p, t) for p in plans for t in p.tasks]))
    led = {
        a.id: unique(pair for holder in (a, *reg.predecessors(a)) for pair in reg.tasks_led_by(holder))
        for a in reg.agencies.values()
    }
    scopes += [Scope(urls.agency(a), a.name, led[a.id]) for a in reg.agencies.values()]
    scopes += [
        Scope(urls.kind(k.id), k.name, unique(pair for a in reg.agencies_of_kind(k.id) for pair in led[a.id]))
        for k in site.kinds_shown()
    ]
    scopes += [Scope(urls.topic(t.id), t.name, reg.tasks_for_topic(t.id)) for t in reg.topics.values() if t.for_tasks]
    return scopes


def calendar_files(site: Site) -> list[AssetSpec]:
    calendars = Calendars(site.views, site.site_url)
    return [AssetSpec(scope.uri, calendars.calendar(scope)) for scope in calendar_scopes(site)]


def data_files(site: Site, calendars: list[AssetSpec] | None = None) -> list[AssetSpec]:
    """What the build writes under du-lieu/ and lich/ (calendars: calendar_files(site), when made already)."""
    out = source_downloads(site)
    out += [AssetSpec(d.uri, d.content) for d in site.downloads]
    out += calendar_files(site) if calendars is None else calendars
    return out


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
    schemas: list[FileRow]
    tables: tuple[exports.Table, ...]
    package: str
    workbook: str
    licence: dict[str, str]
    licence_note: str
    decimal_note: str
    citation: str
    calendar_uri: str
    repo_url: str


def open_data_page(site: Site, _: None) -> OpenDataPage:
    reg = site.registry
    schema_uris = {urls.schema_file(s.name) for s in site.schemas}
    rows = [FileRow(d.uri, d.name, d.description, size_text(len(d.content))) for d in site.downloads if d.listed]
    files = [r for r in rows if r.uri not in schema_uris]
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
        schemas=[r for r in rows if r.uri in schema_uris],
        tables=exports.TABLES,
        package=datapackage.PACKAGE,
        workbook=datapackage.WORKBOOK,
        licence=datapackage.LICENCE,
        licence_note=datapackage.LICENCE_NOTE,
        decimal_note=datapackage.DECIMAL_NOTE,
        citation=datapackage.citation(reg, site.site_url),
        calendar_uri=urls.calendar(urls.EVERYTHING),
        repo_url=site.repo_url,
    )
