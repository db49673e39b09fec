"""The open-data files as a Frictionless Data Package, one XLSX workbook, and per-plan CSVs.

`datapackage.json` describes every table of `exports.TABLES` (types, Vietnamese
descriptions, keys), the licence and how to cite, so tools (frictionless, Open Data
editors, pandas) load the CSVs with the right types. The workbook holds the same rows,
numbers as numbers and dates as dates, one sheet per table plus one that explains the
columns.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

from macros.data.registry import Registry
from macros.site import urls
from macros.site.exports import TABLES, Download, Row, SchemaFile, Table, csv_file, csv_lines, plans_json

PACKAGE = urls.data_file("datapackage.json")
WORKBOOK = urls.data_file("du-lieu-ke-hoach-57.xlsx")
JSON_FILE = urls.data_file("ke-hoach.json")
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Ghi công 4.0 Quốc tế",
    "path": "https://creativecommons.org/licenses/by/4.0/deed.vi",
}
LICENCE_NOTE = (
    "Các văn bản gốc là văn bản hành chính của cơ quan nhà nước, được công bố công khai, không thuộc đối tượng "
    "bảo hộ quyền tác giả (Điều 15 Luật Sở hữu trí tuệ). Dữ liệu do cổng biên soạn từ các văn bản đó (chép "
    "nguyên văn, đọc thời hạn và con số, nhận ra cơ quan, xếp chủ đề) được phát hành theo giấy phép Creative "
    "Commons Ghi công 4.0 (CC BY 4.0): được dùng lại, kể cả cho mục đích thương mại, khi ghi nguồn."
)
CITATION = (
    "Cổng Kế hoạch 57 (năm {year}). Dữ liệu kế hoạch của các tỉnh, thành phố thực hiện Nghị quyết 57-NQ/TW, "
    "bản dựng ngày {day}. {url}"
)
DECIMAL_NOTE = (
    "Số thập phân viết bằng dấu phẩy (0,7), không có dấu phân cách hàng nghìn, để Excel đặt ngôn ngữ tiếng Việt "
    "đọc đúng; ô chữ bắt đầu bằng =, +, -, @ được thêm dấu nháy đơn (') ở đầu để bảng tính không coi là công thức."
)


def citation(registry: Registry, site_url: str) -> str:
    today = registry.today
    return CITATION.format(
        year=today.year, day=today.strftime("%d/%m/%Y"), url=site_url + urls.page_url(urls.OPEN_DATA)
    )


def field_descriptor(field: Any, primary: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"name": field.name, "type": field.type, "description": field.description}
    if field.codes:
        out["constraints"] = {"enum": [code for code, _ in field.codes]}
        out["description"] += ". Mã: " + "; ".join(f"{code} = {words}" for code, words in field.codes)
    if primary:
        out.setdefault("constraints", {})["required"] = True
    if field.type == "number":
        out["decimalChar"] = ","
        out["groupChar"] = ""
    if field.type == "boolean":
        out["trueValues"], out["falseValues"] = ["true"], ["false"]
    return out


def resource_descriptor(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [field_descriptor(f, f.name in table.primary_key) for f in table.fields],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.fields), "reference": {"resource": fk.table, "fields": list(fk.reference)}}
            for fk in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": table.path,
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "schema": schema,
    }


def package_descriptor(registry: Registry, site_url: str) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": "cong-ke-hoach-57",
        "title": "Cổng Kế hoạch 57: kế hoạch của các tỉnh, thành phố thực hiện Nghị quyết 57-NQ/TW",
        "description": (
            "Các bảng dữ liệu của cổng: kế hoạch, nhiệm vụ, chỉ tiêu, báo cáo tiến độ, cơ quan (kèm cơ quan kế thừa), "
            "chủ đề, khái niệm chỉ tiêu và từng dòng văn bản gốc. Tệp CSV bảng mã UTF-8 có BOM. " + DECIMAL_NOTE
        ),
        "homepage": site_url + urls.page_url(urls.OPEN_DATA),
        "created": as_of(registry).strftime("%Y-%m-%dT%H:%M:%SZ"),  # the build date the states are judged on
        "licenses": [LICENCE],
        "x_licence_note": LICENCE_NOTE,
        "x_citation": citation(registry, site_url),
        "sources": [
            {"title": f"{plan.issuer}: {plan.title}", "path": urls.href(PACKAGE, urls.raw_source(plan.source.file))}
            for plan in registry.plans.values()
        ],
        "resources": [resource_descriptor(t) for t in TABLES],
    }


def as_of(registry: Registry) -> dt.datetime:
    return dt.datetime.combine(registry.today, dt.time())


def workbook(tables: Iterable[tuple[Table, list[Row]]], note: str, written: dt.datetime) -> bytes:
    """One sheet per table (text cells stay text even when they start with "="), and a
    first sheet that explains every column; `written` is its time of writing."""
    # openpyxl (half a second to import) is imported when the workbook is made: in a build, by
    # the child process that makes the open-data files while the pages render
    from openpyxl import Workbook

    from macros.site import xlsx_sheets

    book = Workbook(write_only=True)
    book.properties.created = written
    guide = book.create_sheet("giai-thich")
    for line in (note, LICENCE_NOTE, DECIMAL_NOTE.split("; ")[0] + " (trong tệp CSV)."):
        guide.append([line])
    guide.append([])
    guide.append(["Bảng (trang tính)", "Cột", "Kiểu", "Ý nghĩa"])
    tables = list(tables)
    for table, _ in tables:
        for f in table.fields:
            codes = "; ".join(f"{code} = {words}" for code, words in f.codes)
            guide.append([table.name, f.name, f.type, f.description + (f". Mã: {codes}" if codes else "")])
    spelled = {}  # sheets whose rows xlsx_sheets writes: openpyxl gets the header and a dated row
    for table, rows in tables:
        sheet = book.create_sheet(table.name)
        sheet.append(list(table.columns))
        data = xlsx_sheets.rows_xml(table.columns, rows)
        if data is not None:
            spelled[sheet] = data
            rows = [dated] if (dated := xlsx_sheets.has_date(rows)) else []
        for row in rows:
            sheet.append([_xlsx_cell(sheet, row[c]) for c in table.columns])
    buffer = io.BytesIO()
    book.save(buffer)
    # a sheet's file is named when the book is saved
    sheets = {s.path.lstrip("/"): d for s, d in spelled.items()}
    return xlsx_sheets.replace_sheet_data(buffer.getvalue(), sheets, written)


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"  # never a formula
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def downloads(registry: Registry, schemas: Iterable[SchemaFile] = (), site_url: str = "") -> list[Download]:
    """Every open-data file with its content: those the open-data page lists, in its order,
    then each plan's own tables."""
    rows = {t.name: t.rows(registry, registry.plans.values()) for t in TABLES}
    files = [
        Download(
            PACKAGE,
            PACKAGE.rsplit("/", 1)[1],
            "Mô tả gói dữ liệu (chuẩn Frictionless Data Package): các bảng, kiểu và ý nghĩa từng cột, khoá, "
            "giấy phép và cách trích dẫn.",
            json.dumps(package_descriptor(registry, site_url), ensure_ascii=False, indent=1).encode("utf-8"),
        ),
        Download(
            WORKBOOK,
            WORKBOOK.rsplit("/", 1)[1],
            "Mọi bảng trong một tệp Excel, mỗi bảng một trang tính, kèm trang giải thích các cột.",
            # written on the day the data is judged on, as the package says it was created
            workbook([(t, rows[t.name]) for t in TABLES], citation(registry, site_url), as_of(registry)),
        ),
    ]
    lines = {t.name: csv_lines(rows[t.name], t.columns) for t in TABLES}
    files += [Download(urls.data_file(t.path), t.path, t.description, csv_file(lines[t.name])) for t in TABLES]
    files.append(
        Download(
            JSON_FILE,
            JSON_FILE.rsplit("/", 1)[1],
            "Toàn bộ dữ liệu: tỉnh, loại cơ quan, chủ đề, kế hoạch kèm chỉ tiêu và nhiệm vụ.",
            plans_json(registry),
        )
    )
    files += [Download(urls.schema_file(s.name), s.name, s.title, s.text.encode("utf-8")) for s in schemas]
    return files + plan_downloads(rows, lines, registry.plans)


def plan_downloads(rows: dict[str, list[Row]], lines: dict[str, list[str]], plan_ids: Iterable[str]) -> list[Download]:
    """Each plan's own tables (those marked per_plan), beside its page: the header and the
    full tables' lines of that plan's rows (`lines`, as csv_lines makes them), so the two
    always agree."""
    out = []
    for table in (t for t in TABLES if t.per_plan):
        header, *body = lines[table.name]
        by_plan: dict[str, list[str]] = {pid: [header] for pid in plan_ids}
        for row, line in zip(rows[table.name], body, strict=True):
            by_plan[row["ke_hoach"]].append(line)
        out += [
            Download(urls.plan_data(pid, table.path), table.path, table.description, csv_file(part), False)
            for pid, part in by_plan.items()
        ]
    return out
