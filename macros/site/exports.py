"""Open-data tables: every plan, task, indicator, agency, topic, progress update and source
line, declared once (`TABLES`) and written as CSV, as one XLSX workbook and as a
Frictionless Data Package (macros/site/datapackage.py).

Columns keep the official text as written next to the portal's parsed fields, so a
journalist can filter in a spreadsheet and still quote the plan exactly. A table is one
`Table` entry: adding one (the plans' lineage, say) is one more entry in `TABLES`.
"""

from __future__ import annotations

import csv
import datetime as dt
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pydantic_core

from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.data.deadlines import NO_DEADLINE_STATE, DeadlineKind, DeadlineState
from macros.data.model import Status
from macros.data.registry import Registry
from macros.site import lineage, urls

Row = dict[str, Any]  # field name -> str | int | float | bool | date | None


@dataclass(frozen=True)
class Field:
    """One column: its name (ASCII), Frictionless type, meaning in Vietnamese, and the
    codes it may hold with their meaning."""

    name: str
    description: str
    type: str = "string"  # string | integer | number | date | boolean
    codes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str  # the resource referred to
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str  # resource name and file stem: du-lieu/<name>.csv
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Registry, Iterable[m.Plan]], list[Row]]
    foreign_keys: tuple[ForeignKey, ...] = ()
    per_plan: bool = False  # also offered for each plan on its page

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


# --- codes ---------------------------------------------------------------------------

# Comparison codes in words, not symbols: a cell holding a bare "=" is a formula to a spreadsheet.
OPERATOR_CODES = {"≥": "ge", ">": "gt", "=": "eq", "≤": "le", "<": "lt", "range": "range"}
OPERATOR_MEANINGS = (
    ("ge", "từ … trở lên (≥)"),
    ("gt", "trên (>)"),
    ("eq", "đạt (=)"),
    ("le", "không quá (≤)"),
    ("lt", "dưới (<)"),
    ("range", "trong khoảng từ gia_tri đến gia_tri_den"),
)
DEADLINE_KIND_CODES = tuple((kind.value, vocab.DEADLINE_KINDS[kind]) for kind in DeadlineKind)
DEADLINE_STATE_CODES = (
    *((state.value, vocab.DEADLINE_STATES[state]) for state in DeadlineState),
    (NO_DEADLINE_STATE, vocab.NO_DEADLINE),
)
STATUS_CODES = tuple((status.value, vocab.STATUS[status]) for status in Status)
ORIGIN_CODES = tuple(vocab.ORIGINS.items())
DOC_TYPE_CODES = tuple(vocab.DOC_TYPES.items())
CATEGORY_CODES = tuple(vocab.AGENCY_CATEGORIES.items())
BETTER_CODES = (
    ("higher", "số lớn hơn là tốt hơn"),
    ("lower", "số nhỏ hơn là tốt hơn (ví dụ thứ hạng)"),
    ("none", "không so hơn kém"),
)

# --- shared columns -------------------------------------------------------------------

PLAN_ID = Field("ke_hoach", "Mã kế hoạch trên cổng (xem bảng ke-hoach)")
PROVINCE_NAME = Field("tinh", "Tỉnh ban hành (tên tại thời điểm ban hành)")
LABEL = Field("so_tt", "Số thứ tự như viết trong văn bản")
ORIGIN = Field("nguon", "Nguồn trong văn bản gốc, ghi bằng mã tiếng Anh (nghĩa của từng mã ở dưới)", codes=ORIGIN_CODES)
LINE = Field("dong", "Dòng đầu tiên trong văn bản gốc (xem bảng dong-van-ban)", "integer")
TO_PLAN = ForeignKey(("ke_hoach",), "ke-hoach", ("ke_hoach",))
TO_LINE = ForeignKey(("ke_hoach", "dong"), "dong-van-ban", ("ke_hoach", "dong"))
LIST = " (nhiều giá trị cách nhau bởi dấu ;)"


def _join(values: Iterable[str]) -> str:
    return ";".join(dict.fromkeys(values))


# --- the tables ------------------------------------------------------------------------


def plan_rows(registry: Registry, plans: Iterable[m.Plan]) -> list[Row]:
    rows = []
    for plan in plans:
        province = registry.provinces[plan.province]
        rows.append(
            {
                "ke_hoach": plan.id,
                "tinh_ma": province.id,
                "tinh": province.name,
                "tinh_hien_nay_ma": registry.current_province(province.id).id,
                "loai_van_ban": plan.doc_type,
                "so_ky_hieu": plan.number,
                "trich_yeu": plan.title,
                "co_quan_ban_hanh": plan.issuer,
                "ngay_ban_hanh": plan.issued_on,
                "ngay_ban_hanh_nguyen_van": plan.issued_raw,
                "nguoi_ky": plan.signer.name if plan.signer else None,
                "so_nhiem_vu": len(plan.tasks),
                "so_chi_tieu": len(plan.indicators),
                "van_ban_goc": plan.source.file,
                "trang": urls.page_url(urls.plan(plan.id)),
            }
        )
    return rows


def task_rows(registry: Registry, plans: Iterable[m.Plan]) -> list[Row]:
    rows = []
    today = registry.today
    for plan in plans:
        province = registry.provinces[plan.province]
        sections = {s.id: s for s in plan.sections}
        for task in plan.tasks:
            deadline = task.parsed_deadline
            section = sections[task.section]
            status = task.current_status
            leads = registry.current_lead(plan, task)  # who leads it today (mergers of 2025)
            current = [c.now for c in leads if c.now is not None]
            rows.append(
                {
                    "ke_hoach": plan.id,
                    "tinh": province.name,
                    "ma_nhiem_vu": task.id,
                    "so_tt": task.label,
                    "nhiem_vu": task.title,
                    "muc": " ".join(filter(None, [section.label, section.title or section.inferred_title])),
                    "chu_de_chinh": task.topic,
                    "chu_de": _join(task.topics),
                    "chu_tri": task.lead.raw if task.lead else None,
                    "chu_tri_ma": _join(task.lead.agencies) if task.lead else None,
                    "chu_tri_co_quan": _join(c.named.id for c in leads),
                    "chu_tri_ke_thua": _join(c.now.id for c in leads if c.changed and c.now is not None),
                    "chu_tri_hien_nay": _join(a.name for a in current),
                    "chu_tri_hien_nay_ma": _join(a.id for a in current),
                    "phoi_hop": task.support.raw if task.support else None,
                    "phoi_hop_ma": _join(task.support.agencies) if task.support else None,
                    "ket_qua": task.output,
                    "thoi_han": deadline.raw if deadline else None,
                    "loai_thoi_han": deadline.kind.value if deadline else None,
                    "ngay_bat_dau": deadline.starts_on if deadline else None,
                    "han_cuoi": deadline.ends_on if deadline else None,
                    "tinh_trang_thoi_han": deadline.state(today).value if deadline else NO_DEADLINE_STATE,
                    "tinh_trang": status.value if status else None,
                    "nguon": task.source.kind,
                    "dong": task.source.line,
                }
            )
    return rows


def indicator_rows(registry: Registry, plans: Iterable[m.Plan]) -> list[Row]:
    rows = []
    for plan in plans:
        for ind in plan.indicators:
            target = ind.parsed_target
            rows.append(
                {
                    "ke_hoach": plan.id,
                    "tinh": registry.provinces[plan.province].name,
                    "ma_chi_tieu": ind.id,
                    "so_tt": ind.label,
                    "nam": ind.horizon,
                    "chi_tieu": ind.name,
                    "don_vi": ind.unit,
                    "muc_tieu": ind.target,
                    "phep_so_sanh": OPERATOR_CODES[target.operator] if target else None,
                    "gia_tri": target.value if target else None,
                    "gia_tri_den": target.value_to if target else None,
                    "co_quan_theo_doi": ind.monitoring.raw if ind.monitoring else None,
                    "co_quan_theo_doi_ma": _join(ind.monitoring.agencies) if ind.monitoring else None,
                    "khai_niem": ind.concept,
                    "nguon": ind.source.kind,
                    "dong": ind.source.line,
                }
            )
    return rows


def agency_rows(registry: Registry, _: Iterable[m.Plan]) -> list[Row]:
    rows = []
    for agency in registry.agencies.values():
        now = registry.current_agency(agency).now
        successor = now if now is not None and now != agency else None
        rows.append(
            {
                "ma": agency.id,
                "ten": agency.name,
                "tinh_ma": agency.province.id,
                "loai_ma": agency.kind.id,
                "loai": agency.kind.name,
                "nhom": agency.kind.category,
                "ke_thua_ma": successor.id if successor else None,
                "ke_thua": successor.name if successor else None,
                "ke_thua_tu_ngay": agency.kind.successor_since if successor else None,
                "cham_dut_ngay": agency.kind.ended_on,
                "ghi_chu_thay_doi": agency.kind.change_note,
                "trang": urls.page_url(urls.agency(agency)),
            }
        )
    return rows


def topic_rows(registry: Registry, _: Iterable[m.Plan]) -> list[Row]:
    return [
        {
            "ma": t.id,
            "ma_so": t.code,
            "ten": t.name,
            "ten_ngan": t.short_name,
            "mo_ta": t.description,
            "dung_cho_nhiem_vu": t.for_tasks,
        }
        for t in registry.topics.values()
    ]


def concept_rows(registry: Registry, _: Iterable[m.Plan]) -> list[Row]:
    return [
        {"ma": c.id, "ten": c.name, "chu_de": c.topic, "don_vi": c.unit, "chieu": c.better, "mo_ta": c.description}
        for c in registry.concepts.values()
    ]


def update_rows(registry: Registry, plans: Iterable[m.Plan]) -> list[Row]:
    rows = []
    for plan in plans:
        for task in plan.tasks:
            for n, update in enumerate(sorted(task.updates, key=lambda u: u.date), 1):
                rows.append(
                    {
                        "ke_hoach": plan.id,
                        "ma_nhiem_vu": task.id,
                        "thu_tu": n,
                        "ngay": update.date,
                        "tinh_trang": update.status.value if update.status else None,
                        "ghi_chu": update.note,
                        "nguon": update.source.title,
                        "nguon_url": update.source.url,
                    }
                )
    return rows


def source_line_rows(registry: Registry, plans: Iterable[m.Plan]) -> list[Row]:
    return [
        {"ke_hoach": plan.id, "dong": n, "noi_dung": text}
        for plan in plans
        for n, text in enumerate(registry.source_text(plan).lines, 1)
    ]


def lineage_rows(registry: Registry, plans: Iterable[m.Plan]) -> list[Row]:
    """One row per plan and later document acting on it (data/lineage.yml)."""
    rows = []
    for plan in plans:
        status = registry.plan_status(plan)
        for doc, link in registry.lineage_of(plan):
            rows.append(
                {
                    "ke_hoach": plan.id,
                    "tinh_trang_ke_hoach": status,
                    "van_ban": doc.id,
                    "so_hieu": doc.number,
                    "ngay_ban_hanh": doc.issued_on,
                    "co_quan_ban_hanh": doc.issuer,
                    "ten_van_ban": doc.title,
                    "quan_he": link.relation.value,
                    "tac_dong_toi": link.plan or link.document,
                    "neu_dich_danh": link.named,
                    "toan_van_tren_cong": doc.on_portal,
                    "nguon": doc.source.title,
                    "nguon_url": doc.source.url,
                    "theo_nguon": link.claim,
                    "ghi_chu": link.note,
                }
            )
    return rows


TABLES: tuple[Table, ...] = (
    Table(
        "ke-hoach",
        "Kế hoạch",
        "Mỗi dòng một kế hoạch (hoặc chương trình hành động) của một tỉnh, với số, ngày và cơ quan ban hành.",
        (
            Field("ke_hoach", "Mã kế hoạch trên cổng, là địa chỉ trang của kế hoạch"),
            Field("tinh_ma", "Mã tỉnh ban hành"),
            PROVINCE_NAME,
            Field("tinh_hien_nay_ma", "Mã tỉnh hiện nay (sau sáp nhập năm 2025, nếu có)"),
            Field("loai_van_ban", "Loại văn bản (nghĩa của từng mã ở dưới)", codes=DOC_TYPE_CODES),
            Field("so_ky_hieu", "Số, ký hiệu; trống khi văn bản không ghi"),
            Field("trich_yeu", "Trích yếu (tên văn bản), nguyên văn"),
            Field("co_quan_ban_hanh", "Cơ quan ban hành tại thời điểm ban hành"),
            Field("ngay_ban_hanh", "Ngày ban hành (YYYY-MM-DD); trống khi văn bản không ghi đủ ngày", "date"),
            Field("ngay_ban_hanh_nguyen_van", "Ngày tháng như viết trong văn bản"),
            Field("nguoi_ky", "Người ký; trống khi văn bản không ghi"),
            Field("so_nhiem_vu", "Số nhiệm vụ", "integer"),
            Field("so_chi_tieu", "Số chỉ tiêu", "integer"),
            Field("van_ban_goc", "Tệp văn bản gốc (trong du-lieu/van-ban/)"),
            Field("trang", "Địa chỉ trang của kế hoạch trên cổng, tính từ địa chỉ gốc của cổng"),
        ),
        ("ke_hoach",),
        plan_rows,
    ),
    Table(
        "nhiem-vu",
        "Nhiệm vụ",
        "Mọi nhiệm vụ của mọi kế hoạch, mỗi dòng một nhiệm vụ; thời hạn nguyên văn và đã đọc thành ngày.",
        (
            PLAN_ID,
            PROVINCE_NAME,
            Field("ma_nhiem_vu", "Mã nhiệm vụ (phần cuối của đường dẫn cố định)"),
            LABEL,
            Field("nhiem_vu", "Tên nhiệm vụ, nguyên văn"),
            Field("muc", "Nhóm nhiệm vụ trong kế hoạch"),
            Field("chu_de_chinh", "Mã chủ đề chính (xem bảng chu-de)"),
            Field("chu_de", "Mã các chủ đề; chủ đề đầu tiên là chủ đề chính" + LIST),
            Field("chu_tri", "Cơ quan chủ trì, nguyên văn"),
            Field("chu_tri_ma", "Mã loại cơ quan chủ trì mà cổng nhận ra" + LIST),
            Field("chu_tri_co_quan", "Mã cơ quan chủ trì (tỉnh/loại, xem bảng co-quan)" + LIST),
            Field(
                "chu_tri_ke_thua",
                "Mã cơ quan tiếp nhận nhiệm vụ của cơ quan chủ trì sau khi sở hợp nhất hoặc tỉnh sáp nhập năm 2025; "
                "trống nếu cơ quan chủ trì không đổi" + LIST,
            ),
            Field(
                "chu_tri_hien_nay",
                "Tên cơ quan chủ trì hiện nay (cơ quan kế thừa, hoặc chính cơ quan được giao nếu không đổi; "
                "cơ quan đã chấm dứt hoạt động mà không có cơ quan kế thừa thì không ghi)" + LIST,
            ),
            Field("chu_tri_hien_nay_ma", "Mã cơ quan chủ trì hiện nay (xem bảng co-quan)" + LIST),
            Field("phoi_hop", "Cơ quan phối hợp, nguyên văn"),
            Field("phoi_hop_ma", "Mã loại cơ quan phối hợp" + LIST),
            Field("ket_qua", "Kết quả/sản phẩm dự kiến (chỉ Quảng Nam ghi)"),
            Field("thoi_han", "Thời hạn, nguyên văn"),
            Field(
                "loai_thoi_han",
                "Loại thời hạn, ghi bằng mã tiếng Anh (nghĩa của từng mã ở dưới)",
                codes=DEADLINE_KIND_CODES,
            ),
            Field(
                "ngay_bat_dau",
                "Ngày đầu của khoảng thời gian mà thời hạn nêu (quý, tháng, năm, giai đoạn); "
                "trống với nhiệm vụ thường xuyên, hằng năm, có điều kiện",
                "date",
            ),
            Field(
                "han_cuoi",
                "Ngày cuối của thời hạn (quý: ngày cuối quý); trống khi văn bản không đặt ngày cuối, "
                "kể cả “2025 và những năm tiếp theo”",
                "date",
            ),
            Field(
                "tinh_trang_thoi_han",
                "Đã đến hạn hay chưa, tính đến ngày dựng dữ liệu (ghi trong datapackage.json, mục created)",
                codes=DEADLINE_STATE_CODES,
            ),
            Field(
                "tinh_trang",
                "Tình trạng theo báo cáo gần nhất; trống nếu chưa có báo cáo (nghĩa của từng mã ở dưới)",
                codes=STATUS_CODES,
            ),
            ORIGIN,
            LINE,
        ),
        ("ke_hoach", "ma_nhiem_vu"),
        task_rows,
        (TO_PLAN, TO_LINE, ForeignKey(("chu_de_chinh",), "chu-de", ("ma",))),
        per_plan=True,
    ),
    Table(
        "chi-tieu",
        "Chỉ tiêu",
        "Mọi chỉ tiêu, với mục tiêu nguyên văn và con số đã đọc được.",
        (
            PLAN_ID,
            PROVINCE_NAME,
            Field("ma_chi_tieu", "Mã chỉ tiêu (phần cuối của đường dẫn cố định)"),
            LABEL,
            Field("nam", "Năm mục tiêu (2030 hoặc 2045)", "integer"),
            Field("chi_tieu", "Tên chỉ tiêu, nguyên văn"),
            Field("don_vi", "Đơn vị tính, nguyên văn"),
            Field("muc_tieu", "Mục tiêu, nguyên văn"),
            Field(
                "phep_so_sanh",
                "Cách so với con số mục tiêu mà cổng đọc được (nghĩa của từng mã ở dưới); "
                "trống nếu mục tiêu không phải con số",
                codes=OPERATOR_MEANINGS,
            ),
            Field("gia_tri", "Con số mục tiêu mà cổng đọc được (dấu phẩy thập phân)", "number"),
            Field("gia_tri_den", "Con số cuối của một khoảng (ví dụ 18 trong “16 - 18”)", "number"),
            Field("co_quan_theo_doi", "Cơ quan chủ trì theo dõi, đánh giá, nguyên văn"),
            Field("co_quan_theo_doi_ma", "Mã loại cơ quan theo dõi mà cổng nhận ra" + LIST),
            Field("khai_niem", "Mã khái niệm dùng để so sánh giữa các tỉnh (xem bảng khai-niem)"),
            ORIGIN,
            LINE,
        ),
        ("ke_hoach", "ma_chi_tieu"),
        indicator_rows,
        (TO_PLAN, TO_LINE, ForeignKey(("khai_niem",), "khai-niem", ("ma",))),
        per_plan=True,
    ),
    Table(
        "tien-do",
        "Báo cáo tiến độ",
        "Mỗi dòng một lần cập nhật tiến độ của một nhiệm vụ, kèm nguồn tin.",
        (
            PLAN_ID,
            Field("ma_nhiem_vu", "Mã nhiệm vụ (xem bảng nhiem-vu)"),
            Field("thu_tu", "Thứ tự cập nhật của nhiệm vụ, theo ngày (1 là cũ nhất)", "integer"),
            Field("ngay", "Ngày của báo cáo (YYYY-MM-DD)", "date"),
            Field("tinh_trang", "Tình trạng theo báo cáo này (nghĩa của từng mã ở dưới)", codes=STATUS_CODES),
            Field("ghi_chu", "Ghi chú tiến độ (viết bằng Markdown)"),
            Field("nguon", "Tên nguồn tin"),
            Field("nguon_url", "Địa chỉ nguồn tin"),
        ),
        ("ke_hoach", "ma_nhiem_vu", "thu_tu"),
        update_rows,
        (TO_PLAN, ForeignKey(("ke_hoach", "ma_nhiem_vu"), "nhiem-vu", ("ke_hoach", "ma_nhiem_vu"))),
        per_plan=True,
    ),
    Table(
        "co-quan",
        "Cơ quan",
        "Mọi cơ quan mà các kế hoạch giao việc, và các cơ quan tiếp nhận nhiệm vụ của chúng sau năm 2025.",
        (
            Field("ma", "Mã cơ quan: mã tỉnh/mã loại cơ quan"),
            Field("ten", "Tên cơ quan"),
            Field("tinh_ma", "Mã tỉnh"),
            Field("loai_ma", "Mã loại cơ quan"),
            Field("loai", "Tên loại cơ quan"),
            Field("nhom", "Nhóm cơ quan (nghĩa của từng mã ở dưới)", codes=CATEGORY_CODES),
            Field("ke_thua_ma", "Mã cơ quan tiếp nhận nhiệm vụ hiện nay; trống nếu không đổi"),
            Field("ke_thua", "Tên cơ quan tiếp nhận nhiệm vụ hiện nay"),
            Field("ke_thua_tu_ngay", "Ngày sở hợp nhất (nếu có ghi)", "date"),
            Field("cham_dut_ngay", "Ngày chấm dứt hoạt động (ví dụ cấp huyện từ 01/7/2025)", "date"),
            Field("ghi_chu_thay_doi", "Giải thích thay đổi tổ chức"),
            Field("trang", "Địa chỉ trang của cơ quan trên cổng"),
        ),
        ("ma",),
        agency_rows,
        (ForeignKey(("ke_thua_ma",), "co-quan", ("ma",)),),
    ),
    Table(
        "chu-de",
        "Chủ đề",
        "Các chủ đề mà cổng dùng để xếp nhiệm vụ.",
        (
            Field("ma", "Mã chủ đề"),
            Field("ma_so", "Số hiệu chủ đề (T01, T02, …)"),
            Field("ten", "Tên chủ đề"),
            Field("ten_ngan", "Tên ngắn"),
            Field("mo_ta", "Mô tả"),
            Field(
                "dung_cho_nhiem_vu", "true: dùng cho nhiệm vụ; false: chỉ dùng cho phần tổ chức thực hiện", "boolean"
            ),
        ),
        ("ma",),
        topic_rows,
    ),
    Table(
        "khai-niem",
        "Khái niệm chỉ tiêu",
        "Các khái niệm dùng để đặt chỉ tiêu cùng loại của các tỉnh cạnh nhau.",
        (
            Field("ma", "Mã khái niệm"),
            Field("ten", "Tên khái niệm"),
            Field("chu_de", "Mã chủ đề (xem bảng chu-de)"),
            Field("don_vi", "Đơn vị tính"),
            Field("chieu", "Chiều so sánh (nghĩa của từng mã ở dưới)", codes=BETTER_CODES),
            Field("mo_ta", "Mô tả"),
        ),
        ("ma",),
        concept_rows,
        (ForeignKey(("chu_de",), "chu-de", ("ma",)),),
    ),
    Table(
        "dong-van-ban",
        "Dòng văn bản gốc",
        "Toàn văn các văn bản gốc, mỗi dòng một dòng văn bản, để đối chiếu cột dong của các bảng khác "
        "(tệp của từng văn bản: cột van_ban_goc của bảng ke-hoach).",
        (
            PLAN_ID,
            Field("dong", "Số dòng, đếm từ 1", "integer"),
            Field("noi_dung", "Nội dung dòng, nguyên văn"),
        ),
        ("ke_hoach", "dong"),
        source_line_rows,
        (TO_PLAN,),
    ),
    Table(
        "van-ban-sau",
        "Văn bản ban hành sau",
        "Văn bản ban hành sau thay thế, sửa đổi hoặc tiếp nối từng kế hoạch, kèm nguồn và điều nguồn nói "
        "(data/lineage.yml); văn bản chưa có toàn văn trên cổng vẫn được ghi, không thêm nội dung.",
        (
            PLAN_ID,
            Field(
                "tinh_trang_ke_hoach",
                "Tình trạng kế hoạch theo các văn bản đã ghi nhận (nghĩa của từng mã ở dưới)",
                codes=tuple(lineage.STATUS_WORDS.items()),
            ),
            Field("van_ban", "Mã văn bản ban hành sau (trong data/lineage.yml)"),
            Field("so_hieu", "Số, ký hiệu như nguồn ghi; trống nếu nguồn không ghi"),
            Field("ngay_ban_hanh", "Ngày ban hành (YYYY-MM-DD); trống nếu nguồn không ghi", "date"),
            Field("co_quan_ban_hanh", "Cơ quan ban hành"),
            Field("ten_van_ban", "Tên văn bản như nguồn ghi"),
            Field(
                "quan_he",
                "Văn bản làm gì với kế hoạch (nghĩa của từng mã ở dưới)",
                codes=tuple((relation.value, words) for relation, words in lineage.RELATION_WORDS.items()),
            ),
            Field("tac_dong_toi", "Mã kế hoạch, hoặc số hiệu văn bản mà kế hoạch thực hiện, được tác động"),
            Field("neu_dich_danh", "true: nguồn nêu đích danh kế hoạch; false: nguồn chỉ nói chung", "boolean"),
            Field("toan_van_tren_cong", "Mã kế hoạch trên cổng có toàn văn; trống nếu cổng chưa có toàn văn"),
            Field("nguon", "Tên nguồn thông tin"),
            Field("nguon_url", "Đường dẫn nguồn thông tin"),
            Field("theo_nguon", "Điều nguồn nói"),
            Field("ghi_chu", "Lưu ý của ban biên tập"),
        ),
        ("ke_hoach", "van_ban", "quan_he", "tac_dong_toi"),
        lineage_rows,
        (TO_PLAN,),
    ),
)
TABLE_BY_NAME = {t.name: t for t in TABLES}
for _table in TABLES:
    assert set(_table.primary_key) <= set(_table.columns), _table.name
    for _fk in _table.foreign_keys:
        assert set(_fk.fields) <= set(_table.columns), (_table.name, _fk)


# --- writing cells ---------------------------------------------------------------------

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_GUARD = "'"  # prefixed to such a text cell, as OWASP recommends; spreadsheets then show text


def safe_text(text: str) -> str:
    return TEXT_GUARD + text if text.startswith(FORMULA_STARTS) else text


def number_text(value: float) -> str:
    """A number with a decimal comma and no thousands separator ("0,7", "1000"), which
    Excel set to Vietnamese reads as the same number."""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value)).replace(".", ",")


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_text(str(value))


class _Lines(list[str]):
    """A csv writer's file that keeps each record's line apart (the writer writes a record at a time)."""

    write = list.append


def csv_lines(rows: list[Row], columns: tuple[str, ...]) -> list[str]:
    """The header's line and one line per row, each cell as `csv_cell` writes it: a table's
    lines are made once, for the whole table and each plan's part of it."""
    lines = _Lines()
    writer = csv.writer(lines, lineterminator="\r\n")
    writer.writerow(columns)
    values = operator.itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
    # most cells are text that needs no guard: they skip csv_cell's checks
    writer.writerows(
        [v if type(v) is str and not v.startswith(FORMULA_STARTS) else csv_cell(v) for v in values(row)] for row in rows
    )
    return lines


def csv_file(lines: Iterable[str]) -> bytes:
    """CSV with a byte-order mark so Excel opens Vietnamese text correctly."""
    return ("\ufeff" + "".join(lines)).encode("utf-8")


def plans_json(registry: Registry) -> bytes:
    """All plans as in data/ (official text plus links), with province and agency names."""
    payload = {
        "provinces": [p.model_dump(mode="json", exclude_none=True) for p in registry.provinces.values()],
        "agency_kinds": [
            k.model_dump(mode="json", exclude_none=True, exclude={"aliases"}) for k in registry.agency_kinds.values()
        ],
        "topics": [
            t.model_dump(mode="json", exclude_none=True, exclude={"keywords", "headings"})
            for t in registry.topics.values()
        ],
        "concepts": [
            c.model_dump(mode="json", exclude_none=True, exclude={"keywords"}) for c in registry.concepts.values()
        ],
        "plans": [p.model_dump(mode="json", exclude_none=True) for p in registry.plans.values()],
        "lineage": [d.model_dump(mode="json", exclude_none=True) for d in registry.lineage],
    }
    # pydantic_core writes the same bytes as json.dumps(ensure_ascii=False, indent=1), whose
    # indenting encoder is pure Python (a few seconds at national size)
    return pydantic_core.to_json(payload, indent=1)


@dataclass(frozen=True)
class SchemaFile:
    """An editors' JSON Schema (data/schema/), handed over by the adapter (made by macros/editing)."""

    name: str  # plan.schema.json
    title: str
    text: str


@dataclass(frozen=True)
class Download:
    uri: str
    name: str
    description: str
    content: bytes
    listed: bool = True  # on the open-data page's list (a plan's own tables are on its page)
