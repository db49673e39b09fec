"""The open data as readers take it away: the Frictionless data package, its CSVs and the
XLSX workbook, the editors' JSON Schemas, and the ICS deadline calendars with their
"Theo dõi" blocks; all read from the shared strict build (`built_site`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import frictionless
import icalendar
import openpyxl
import pytest
from site_html import Site

from macros.data.deadlines import DeadlineKind
from macros.data.loader import load_registry
from macros.data.registry import Registry
from macros.site import urls
from macros.site.pages import Site as PortalSite
from macros.site.pages.open_data import calendar_files

REPO_ROOT = Path(__file__).resolve().parent.parent
VIETNAMESE = re.compile(r"[à-ỹđ]", re.I)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def package(built_site: Path) -> dict:
    return json.loads((built_site / "du-lieu" / "datapackage.json").read_text(encoding="utf-8"))


def csv_rows(built_site: Path, name: str) -> list[dict[str, str]]:
    header, *rows = read_csv(built_site / "du-lieu" / f"{name}.csv")
    return [dict(zip(header, row, strict=True)) for row in rows]


# --- the data package -----------------------------------------------------------------------


def test_data_package_validates_with_frictionless(built_site: Path) -> None:
    report = frictionless.validate(str(built_site / "du-lieu" / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:20]
    names = {r["name"] for r in package(built_site)["resources"]}
    assert {"ke-hoach", "nhiem-vu", "chi-tieu", "co-quan", "chu-de", "tien-do", "dong-van-ban"} <= names


def test_frictionless_checks_the_foreign_keys(built_site: Path, tmp_path: Path) -> None:
    """The keys are real: a progress update of a task that does not exist fails validation."""
    copy = tmp_path / "du-lieu"
    shutil.copytree(built_site / "du-lieu", copy, ignore=shutil.ignore_patterns("ke-hoach", "van-ban", "*.xlsx"))
    with (copy / "tien-do.csv").open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerow(
            ["nam-dinh-kh-29-2025", "nv-khong-co", "1", "2025-06-30", "", "ghi chú", "nguồn", "https://a.vn"]
        )
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert {e.type for task in report.tasks for e in task.errors} == {"foreign-key"}


def test_every_csv_column_is_described(built_site: Path, site: Site) -> None:
    descriptor = package(built_site)
    resources = {r["path"]: r for r in descriptor["resources"]}
    on_disk = {p.name for p in (built_site / "du-lieu").glob("*.csv")}
    assert on_disk == set(resources), "every CSV is a resource of the package, and back"
    page = site.page(urls.OPEN_DATA)
    for path, resource in resources.items():
        header = read_csv(built_site / "du-lieu" / path)[0]
        fields = resource["schema"]["fields"]
        assert header == [f["name"] for f in fields], path
        undescribed = [f["name"] for f in fields if not VIETNAMESE.search(f.get("description", ""))]
        assert not undescribed, f"{path}: columns without a Vietnamese description: {undescribed}"
        section = page.find(id=f"cot-{resource['name']}")
        assert section is not None, f"the open-data page has no section on {path}"
        glossary = section.find_next("dl", class_="gp-glossary")
        assert [d.get_text(strip=True) for d in glossary.find_all("dt")] == header, path
    assert descriptor["licenses"] and descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert "Cổng Kế hoạch 57" in descriptor["x_citation"]
    assert "Cổng Kế hoạch 57" in page.select_one(".gp-citation").get_text()


def test_no_csv_cell_starts_with_a_formula_character(built_site: Path) -> None:
    files = sorted((built_site / "du-lieu").rglob("*.csv"))
    assert len(files) > 8, "the package's tables and each plan's own"
    bad = [
        f"{p.relative_to(built_site)}:{n}: {cell[:30]!r}"
        for p in files
        for n, row in enumerate(read_csv(p), 1)
        for cell in row
        if cell.startswith(FORMULA_START)
    ]
    assert not bad, bad[:10]


def test_source_lines_are_kept_whole_behind_the_guard(built_site: Path, registry: Registry) -> None:
    """A line that starts with "-" is written behind a "'" and otherwise as the source has it."""
    plan = registry.plans["nam-dinh-kh-29-2025"]
    written = {int(r["dong"]): r["noi_dung"] for r in csv_rows(built_site, "dong-van-ban") if r["ke_hoach"] == plan.id}
    lines = registry.source_text(plan).lines
    assert len(written) == len(lines)
    guarded = [n for n, text in enumerate(lines, 1) if text.startswith(FORMULA_START)]
    assert guarded, "premise: Nam Định's text has lines starting with '-'"
    for n, text in enumerate(lines, 1):
        assert written[n] == ("'" + text if n in guarded else text), n


def test_tasks_carry_parsed_deadlines_and_todays_agency(built_site: Path, registry: Registry) -> None:
    tasks = {(r["ke_hoach"], r["ma_nhiem_vu"]): r for r in csv_rows(built_site, "nhiem-vu")}
    onward = [r for r in tasks.values() if r["thoi_han"] == "2025 và những năm tiếp theo"]
    assert onward, "premise: some tasks run from 2025 on"
    assert all(r["ngay_bat_dau"] == "2025-01-01" and r["han_cuoi"] == "" for r in onward), "no invented end date"
    assert {r["tinh_trang_thoi_han"] for r in onward} == {"ongoing"}
    quarter = [r for r in tasks.values() if r["thoi_han"] == "Quý II/2025"]
    assert quarter and all(r["ngay_bat_dau"] == "2025-04-01" and r["han_cuoi"] == "2025-06-30" for r in quarter)
    assert {r["tinh_trang_thoi_han"] for r in quarter} == {"passed"}  # judged on the build date, in 2026
    # Nam Định merged into Ninh Bình (2025): its Sở Khoa học và Công nghệ's tasks are held by Ninh Bình's
    plan = registry.plans["nam-dinh-kh-29-2025"]
    led = [t for t in plan.tasks if t.lead and t.lead.agencies == ["so-khcn"]]
    assert led
    for task in led:
        row = tasks[(plan.id, task.id)]
        assert row["chu_tri"] == task.lead.raw
        assert row["chu_tri_co_quan"] == "nam-dinh/so-khcn"
        assert row["chu_tri_ke_thua"] == row["chu_tri_hien_nay_ma"] == "ninh-binh/so-khcn"
        assert row["chu_tri_hien_nay"] == "Sở Khoa học và Công nghệ tỉnh Ninh Bình"
    merged_kind = next(k for k in registry.agency_kinds.values() if k.successor)
    agencies = {r["ma"]: r for r in csv_rows(built_site, "co-quan")}
    for agency in registry.agencies_of_kind(merged_kind.id):
        assert agencies[agency.id]["ke_thua_ma"] == registry.current_agency(agency).now.id


def test_indicator_values_are_parsed_with_a_decimal_comma(built_site: Path, registry: Registry) -> None:
    rows = {(r["ke_hoach"], r["ma_chi_tieu"]): r for r in csv_rows(built_site, "chi-tieu")}
    checked = 0
    for plan in registry.plans.values():
        for ind in plan.indicators:
            row, target = rows[(plan.id, ind.id)], ind.parsed_target
            assert row["muc_tieu"] == (ind.target or "")
            if target is None:
                assert row["gia_tri"] == row["phep_so_sanh"] == ""
                continue
            checked += 1
            assert float(row["gia_tri"].replace(",", ".")) == target.value
            assert "." not in row["gia_tri"], row["gia_tri"]
            assert row["phep_so_sanh"] in {"ge", "gt", "eq", "le", "lt", "range"}
            assert (row["gia_tri_den"] != "") == target.is_range
    assert checked > 50
    assert any("," in r["gia_tri"] for r in rows.values()), "premise: some target is a decimal"
    # frictionless reads the decimal comma back as the number
    resource = frictionless.Package(str(built_site / "du-lieu" / "datapackage.json")).get_resource("chi-tieu")
    values = [r["gia_tri"] for r in resource.read_rows() if r["gia_tri"] is not None]
    assert any(v != int(v) for v in values)


@pytest.fixture(scope="module")
def book(built_site: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(built_site / "du-lieu" / "du-lieu-ke-hoach-57.xlsx", read_only=True)


def test_workbook_has_the_same_rows_as_the_csvs(built_site: Path, book: openpyxl.Workbook) -> None:
    resources = package(built_site)["resources"]
    assert book.sheetnames == ["giai-thich", *(r["name"] for r in resources)]

    def as_csv(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, float):
            return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
        if isinstance(value, str) and value.startswith(FORMULA_START):
            return "'" + value  # the CSV guards it; the workbook stores it as text
        return str(value)

    for resource in resources:
        expected = read_csv(built_site / "du-lieu" / resource["path"])
        width = len(expected[0])  # a read-only sheet drops a row's empty cells at its end
        sheet = [
            [as_csv(v) for v in (*row, *[None] * (width - len(row)))]
            for row in book[resource["name"]].iter_rows(values_only=True)
        ]
        assert sheet == expected, resource["name"]
    explained = {(row[0], row[1]) for row in book["giai-thich"].iter_rows(values_only=True) if len(row) > 1}
    wanted = {(r["name"], f["name"]) for r in resources for f in r["schema"]["fields"]}
    assert wanted <= explained


def test_workbook_keeps_formula_like_text_as_text(book: openpyxl.Workbook) -> None:
    cells = [c for row in book["dong-van-ban"].iter_rows() for c in row if str(c.value).startswith("-")]
    assert cells and {c.data_type for c in cells} == {"s"}


def test_editors_schemas_are_published_and_linked(built_site: Path, site: Site) -> None:
    schemas = sorted((REPO_ROOT / "data" / "schema").glob("*.schema.json"))
    assert schemas
    page = site.page(urls.OPEN_DATA)
    links = {urljoin("/" + urls.page_url(urls.OPEN_DATA), a["href"]) for a in page.select(".gp-schemas a[href]")}
    for path in schemas:
        uri = urls.schema_file(path.name)
        assert (built_site / uri).read_bytes() == path.read_bytes(), path.name
        assert "/" + uri in links, f"{path.name} is not linked from the open-data page"


def test_plan_page_offers_its_own_tables(built_site: Path, site: Site, registry: Registry) -> None:
    all_tasks = csv_rows(built_site, "nhiem-vu")
    for plan in registry.plans.values():
        page = site.page(urls.plan(plan.id))
        here = "/" + urls.page_url(urls.plan(plan.id))
        hrefs = [urljoin(here, a["href"]) for a in page.select(".gp-plan-data a[download]")]
        assert "/" + urls.plan_data(plan.id, "nhiem-vu.csv") in hrefs, plan.id
        for href in hrefs:
            assert (built_site / href.lstrip("/")).is_file(), href
        header, *rows = read_csv(built_site / urls.plan_data(plan.id, "nhiem-vu.csv"))
        assert [dict(zip(header, r, strict=True)) for r in rows] == [t for t in all_tasks if t["ke_hoach"] == plan.id]
        assert len(rows) == len(plan.tasks)


# --- calendars ------------------------------------------------------------------------------


def dated(pairs) -> set[str]:
    return {f"{p.id}.{t.id}" for p, t in pairs if t.parsed_deadline and t.parsed_deadline.judged_on}


def expected_scopes(registry: Registry) -> dict[str, set[str]]:
    """Calendar path -> the dated tasks it must hold, from the registry's own queries."""
    plans = registry.plans.values()
    out = {urls.calendar(urls.EVERYTHING): dated((p, t) for p in plans for t in p.tasks)}
    out |= {urls.calendar(urls.plan(p.id)): dated((p, t) for t in p.tasks) for p in plans}
    for province_id in {registry.current_province(p.province).id for p in plans} | {p.province for p in plans}:
        held = [
            p for p in plans if registry.current_province(p.province).id == province_id or p.province == province_id
        ]
        out[urls.calendar(urls.province(province_id))] = dated((p, t) for p in held for t in p.tasks)
    for agency in registry.agencies.values():
        holders = [agency, *registry.predecessors(agency)]
        out[urls.calendar(urls.agency(agency))] = dated(pair for a in holders for pair in registry.tasks_led_by(a))
    for kind_id in {a.kind.id for a in registry.agencies.values()}:
        path = urls.calendar(urls.kind(kind_id))
        out[path] = set().union(*(out[urls.calendar(urls.agency(a))] for a in registry.agencies_of_kind(kind_id)))
    for topic in registry.topics.values():
        if topic.for_tasks:
            out[urls.calendar(urls.topic(topic.id))] = dated(registry.tasks_for_topic(topic.id))
    return out


def parse(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_each_calendar_holds_the_dated_tasks_of_its_scope(built_site: Path, registry: Registry) -> None:
    expected = expected_scopes(registry)
    written = {p.relative_to(built_site).as_posix() for p in (built_site / urls.CALENDARS).rglob("*.ics")}
    assert written == set(expected)
    for path, tasks in expected.items():
        cal = parse(built_site / path)
        events = cal.walk("VEVENT")
        uids = [str(e["UID"]) for e in events]
        assert len(uids) == len(set(uids)), f"{path}: duplicate UIDs"
        assert {u.removesuffix("@cong-ke-hoach-57") for u in uids} == tasks, path
        assert cal["X-WR-CALNAME"].startswith("Thời hạn nhiệm vụ: ")


def test_events_are_all_day_on_the_deadlines_last_day(built_site: Path, registry: Registry) -> None:
    plan = registry.plans["quang-nam-kh-1534-2025"]
    events = {
        str(e["UID"]).split("@")[0]: e for e in parse(built_site / urls.calendar(urls.plan(plan.id))).walk("VEVENT")
    }
    undated = []
    for task in plan.tasks:
        deadline = task.parsed_deadline
        event = events.get(f"{plan.id}.{task.id}")
        if deadline is None or deadline.judged_on is None:
            assert event is None, task.id
            if deadline is not None:
                undated.append(task)
            continue
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and end - start == dt.timedelta(days=1), task.id
        assert start == deadline.due
        if deadline.kind is DeadlineKind.QUARTER:
            assert start.month in (3, 6, 9, 12) and (start + dt.timedelta(days=1)).day == 1
        assert str(event["SUMMARY"]) == task.title
        description = str(event["DESCRIPTION"])
        assert f"Cơ quan chủ trì: {task.lead.raw if task.lead else 'Không ghi'}" in description
        assert f"Thời hạn: {deadline.raw}" in description and "Kế hoạch 1534/KH-UBND – Quảng Nam" in description
        assert str(event["URL"]).endswith(f"/ke-hoach/{plan.id}/#{task.id}")
    assert undated, "premise: Quảng Nam has ongoing or conditional tasks"
    notes = parse(built_site / urls.calendar(urls.plan(plan.id))).walk("VJOURNAL")
    assert len(notes) == 1
    text = str(notes[0]["DESCRIPTION"])
    for task in undated:
        assert f"/ke-hoach/{plan.id}/#{task.id}" in text and task.parsed_deadline.raw in text, task.id


def test_calendar_uids_are_stable_across_generations(built_site: Path, registry: Registry) -> None:
    """Two independent generations (the session's load of data/ and a fresh one) give every
    task the same UID and date as the build did, so a re-published calendar updates its events."""

    def generation(reg: Registry) -> dict[str, dict[str, tuple[str, str]]]:
        site = PortalSite(reg, narratives={}, today=reg.today, site_url="https://example.vn/")
        return {
            asset.dest_uri: {
                str(e["UID"]): (e["DTSTART"].to_ical().decode(), str(e["SUMMARY"]))
                for e in icalendar.Calendar.from_ical(asset.content).walk("VEVENT")
            }
            for asset in calendar_files(site)
        }

    first, second = generation(registry), generation(load_registry(REPO_ROOT / "data", root=REPO_ROOT))
    assert first == second
    built = {path: {str(e["UID"]) for e in parse(built_site / path).walk("VEVENT")} for path in first}
    assert built == {path: set(events) for path, events in first.items()}


FOLLOWED = {
    "plan": urls.plan("nam-dinh-kh-29-2025"),
    "province": urls.province("ninh-binh"),
    "agency": "co-quan/ninh-binh/so-khcn.md",
    "kind": urls.kind("so-khcn"),
    "topic": urls.topic("du-lieu-nen-tang"),
}


@pytest.mark.parametrize("src_uri", sorted(FOLLOWED.values()))
def test_followed_pages_offer_their_calendar(built_site: Path, site: Site, src_uri: str) -> None:
    page = site.page(src_uri)
    block = page.select_one(".gp-follow")
    assert block is not None and page.find(id="theo-doi") is not None, "no “Theo dõi” block"
    ics = urls.calendar(src_uri)
    download = block.select_one("a.gp-follow__download[download]")
    assert urljoin("/" + urls.page_url(src_uri), download["href"]) == "/" + ics
    assert (built_site / ics).is_file()
    subscribe = block.select_one("a.gp-follow__subscribe")
    assert subscribe["href"].startswith("webcal://") and subscribe["href"].endswith("/" + ics)
    text = " ".join(block.get_text(" ").split())
    assert "Google Calendar" in text and "Outlook" in text
    assert block.select_one(".gp-follow__url").get_text().endswith("/" + ics)


def test_open_data_page_offers_the_calendar_of_everything(built_site: Path, site: Site) -> None:
    block = site.page(urls.OPEN_DATA).select_one(".gp-follow")
    href = block.select_one("a.gp-follow__download")["href"]
    assert urljoin("/" + urls.page_url(urls.OPEN_DATA), href) == "/" + urls.calendar(urls.EVERYTHING)


def test_workbook_is_dated_by_its_data_not_by_the_build(built_site: Path, book: openpyxl.Workbook) -> None:
    """Two builds of the same data give the same workbook: it says it was written on the day
    the data is judged on (the package's `created`), in its properties and in every member."""
    created = dt.datetime.fromisoformat(package(built_site)["created"].removesuffix("Z"))
    assert created.time() == dt.time()
    assert (book.properties.created, book.properties.modified) == (created, created)
    with zipfile.ZipFile(built_site / "du-lieu" / "du-lieu-ke-hoach-57.xlsx") as z:
        assert {info.date_time for info in z.infolist()} == {created.timetuple()[:6]}
