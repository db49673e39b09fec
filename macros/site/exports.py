"""Open-data files: every task and indicator as CSV (for spreadsheets) and JSON.

Columns keep the official text as written next to the portal's parsed fields, so a
journalist can filter in Excel and still quote the plan exactly.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import pydantic_core

from macros.data import vocabulary as vocab
from macros.data.deadlines import DeadlineKind
from macros.data.model import Status
from macros.data.registry import Registry
from macros.site import lineage

TASK_COLUMNS: tuple[tuple[str, str], ...] = (
    ("ke_hoach", "Mã kế hoạch trên cổng"),
    ("tinh", "Tỉnh ban hành (tên tại thời điểm ban hành)"),
    ("ma_nhiem_vu", "Mã nhiệm vụ (phần cuối của đường dẫn cố định)"),
    ("so_tt", "Số thứ tự như viết trong văn bản"),
    ("nhiem_vu", "Tên nhiệm vụ, nguyên văn"),
    ("muc", "Nhóm nhiệm vụ trong kế hoạch"),
    ("chu_tri", "Cơ quan chủ trì, nguyên văn"),
    ("chu_tri_ma", "Mã loại cơ quan chủ trì mà cổng nhận ra (cách nhau bởi dấu ;)"),
    ("phoi_hop", "Cơ quan phối hợp, nguyên văn"),
    ("phoi_hop_ma", "Mã loại cơ quan phối hợp"),
    ("ket_qua", "Kết quả/sản phẩm dự kiến (chỉ Quảng Nam ghi)"),
    ("thoi_han", "Thời hạn, nguyên văn"),
    ("loai_thoi_han", "Loại thời hạn, ghi bằng mã tiếng Anh (nghĩa của từng mã ở dưới)"),
    ("han_cuoi", "Ngày cuối của thời hạn (YYYY-MM-DD) khi xác định được"),
    ("chu_de", "Mã chủ đề; chủ đề đầu tiên là chủ đề chính"),
    ("tinh_trang", "Tình trạng theo báo cáo gần nhất; trống nếu chưa có báo cáo (nghĩa của từng mã ở dưới)"),
    ("nguon", "Nguồn trong văn bản gốc, ghi bằng mã tiếng Anh (nghĩa của từng mã ở dưới)"),
    ("dong", "Dòng trong văn bản gốc"),
)

INDICATOR_COLUMNS: tuple[str, ...] = (
    "ke_hoach",
    "tinh",
    "ma_chi_tieu",
    "so_tt",
    "nam",
    "chi_tieu",
    "don_vi",
    "muc_tieu",
    "phep_so_sanh",
    "gia_tri",
    "gia_tri_den",
    "co_quan_theo_doi",
    "co_quan_theo_doi_ma",
    "khai_niem",
    "nguon",
    "dong",
)
INDICATOR_COLUMN_MEANINGS: dict[str, str] = {
    "ke_hoach": "Mã kế hoạch trên cổng",
    "tinh": "Tỉnh ban hành (tên tại thời điểm ban hành)",
    "ma_chi_tieu": "Mã chỉ tiêu (phần cuối của đường dẫn cố định)",
    "so_tt": "Số thứ tự như viết trong văn bản",
    "nam": "Năm mục tiêu (2030 hoặc 2045)",
    "chi_tieu": "Tên chỉ tiêu, nguyên văn",
    "don_vi": "Đơn vị tính, nguyên văn",
    "muc_tieu": "Mục tiêu, nguyên văn",
    "phep_so_sanh": (
        "Cách so với con số mục tiêu mà cổng đọc được (nghĩa của từng mã ở dưới); trống nếu mục tiêu không phải con số"
    ),
    "gia_tri": "Con số mục tiêu mà cổng đọc được",
    "gia_tri_den": "Con số cuối của một khoảng (ví dụ 18 trong “16 - 18”)",
    "co_quan_theo_doi": "Cơ quan chủ trì theo dõi, đánh giá, nguyên văn",
    "co_quan_theo_doi_ma": "Mã loại cơ quan theo dõi mà cổng nhận ra (cách nhau bởi dấu ;)",
    "khai_niem": "Mã khái niệm dùng để so sánh giữa các tỉnh",
    "nguon": "Nguồn trong văn bản gốc, ghi bằng mã tiếng Anh (nghĩa của từng mã ở dưới)",
    "dong": "Dòng trong văn bản gốc",
}
assert tuple(INDICATOR_COLUMN_MEANINGS) == INDICATOR_COLUMNS

# The codes some columns hold, each with its meaning in Vietnamese (listed on the open-data
# page beside the column): (column, ((code, meaning), …)).
COLUMN_CODES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("loai_thoi_han", tuple((kind.value, vocab.DEADLINE_KINDS[kind]) for kind in DeadlineKind)),
    ("tinh_trang", tuple((status.value, vocab.STATUS[status]) for status in Status)),
    ("nguon", tuple(vocab.ORIGINS.items())),
    ("tinh_trang_ke_hoach", tuple(lineage.STATUS_WORDS.items())),
    ("quan_he", tuple((relation.value, words) for relation, words in lineage.RELATION_WORDS.items())),
    (
        "phep_so_sanh",
        (
            ("≥", "từ … trở lên"),
            (">", "trên"),
            ("=", "đạt"),
            ("≤", "không quá"),
            ("<", "dưới"),
            ("range", "trong khoảng từ gia_tri đến gia_tri_den"),
        ),
    ),
)


def task_rows(registry: Registry) -> list[dict[str, Any]]:
    rows = []
    for plan in registry.plans.values():
        sections = {s.id: s for s in plan.sections}
        for task in plan.tasks:
            deadline = task.parsed_deadline
            section = sections[task.section]
            status = task.current_status
            rows.append(
                {
                    "ke_hoach": plan.id,
                    "tinh": registry.provinces[plan.province].name,
                    "ma_nhiem_vu": task.id,
                    "so_tt": task.label or "",
                    "nhiem_vu": task.title,
                    "muc": " ".join(filter(None, [section.label, section.title or section.inferred_title])),
                    "chu_tri": task.lead.raw if task.lead else "",
                    "chu_tri_ma": ";".join(task.lead.agencies) if task.lead else "",
                    "phoi_hop": task.support.raw if task.support else "",
                    "phoi_hop_ma": ";".join(task.support.agencies) if task.support else "",
                    "ket_qua": task.output or "",
                    "thoi_han": deadline.raw if deadline else "",
                    "loai_thoi_han": deadline.kind.value if deadline else "",
                    "han_cuoi": deadline.due.isoformat() if deadline and deadline.due else "",
                    "chu_de": ";".join(task.topics),
                    "tinh_trang": status.value if status else "",
                    "nguon": task.source.kind,
                    "dong": task.source.line,
                }
            )
    return rows


def indicator_rows(registry: Registry) -> list[dict[str, Any]]:
    rows = []
    for plan in registry.plans.values():
        for ind in plan.indicators:
            target = ind.parsed_target
            rows.append(
                {
                    "ke_hoach": plan.id,
                    "tinh": registry.provinces[plan.province].name,
                    "ma_chi_tieu": ind.id,
                    "so_tt": ind.label or "",
                    "nam": ind.horizon,
                    "chi_tieu": ind.name,
                    "don_vi": ind.unit or "",
                    "muc_tieu": ind.target or "",
                    "phep_so_sanh": target.operator if target else "",
                    "gia_tri": target.value if target else "",
                    "gia_tri_den": target.value_to if target and target.value_to is not None else "",
                    "co_quan_theo_doi": ind.monitoring.raw if ind.monitoring else "",
                    "co_quan_theo_doi_ma": ";".join(ind.monitoring.agencies) if ind.monitoring else "",
                    "khai_niem": ind.concept or "",
                    "nguon": ind.source.kind,
                    "dong": ind.source.line,
                }
            )
    return rows


LINEAGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("ke_hoach", "Mã kế hoạch trên cổng"),
    ("tinh_trang_ke_hoach", "Tình trạng kế hoạch theo các văn bản đã ghi nhận (nghĩa của từng mã ở dưới)"),
    ("van_ban", "Mã văn bản ban hành sau (trong data/lineage.yml)"),
    ("so_hieu", "Số, ký hiệu như nguồn ghi; trống nếu nguồn không ghi"),
    ("ngay_ban_hanh", "Ngày ban hành (YYYY-MM-DD); trống nếu nguồn không ghi"),
    ("co_quan_ban_hanh", "Cơ quan ban hành"),
    ("ten_van_ban", "Tên văn bản như nguồn ghi"),
    ("quan_he", "Văn bản làm gì với kế hoạch (nghĩa của từng mã ở dưới)"),
    ("tac_dong_toi", "Mã kế hoạch, hoặc số hiệu văn bản mà kế hoạch thực hiện, được thay thế/sửa đổi/tiếp nối"),
    ("neu_dich_danh", "co: nguồn nêu đích danh kế hoạch; khong: nguồn chỉ nói chung"),
    ("toan_van_tren_cong", "Mã kế hoạch trên cổng có toàn văn; trống nếu cổng chưa có toàn văn"),
    ("nguon", "Tên nguồn thông tin"),
    ("nguon_url", "Đường dẫn nguồn thông tin"),
    ("theo_nguon", "Điều nguồn nói"),
    ("ghi_chu", "Lưu ý của ban biên tập"),
)


def lineage_rows(registry: Registry) -> list[dict[str, Any]]:
    """One row per plan and later document acting on it (data/lineage.yml)."""
    rows = []
    for plan in registry.plans.values():
        status = registry.plan_status(plan)
        for doc, link in registry.lineage_of(plan):
            rows.append(
                {
                    "ke_hoach": plan.id,
                    "tinh_trang_ke_hoach": status,
                    "van_ban": doc.id,
                    "so_hieu": doc.number or "",
                    "ngay_ban_hanh": doc.issued_on.isoformat() if doc.issued_on else "",
                    "co_quan_ban_hanh": doc.issuer,
                    "ten_van_ban": doc.title,
                    "quan_he": link.relation.value,
                    "tac_dong_toi": link.plan or link.document,
                    "neu_dich_danh": "co" if link.named else "khong",
                    "toan_van_tren_cong": doc.on_portal or "",
                    "nguon": doc.source.title,
                    "nguon_url": doc.source.url,
                    "theo_nguon": link.claim,
                    "ghi_chu": link.note or "",
                }
            )
    return rows


def lineage_csv(registry: Registry) -> bytes:
    return to_csv(lineage_rows(registry), tuple(name for name, _ in LINEAGE_COLUMNS))


def to_csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    """CSV with a byte-order mark so Excel opens Vietnamese text correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


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


def task_csv(registry: Registry) -> bytes:
    return to_csv(task_rows(registry), tuple(name for name, _ in TASK_COLUMNS))


def indicator_csv(registry: Registry) -> bytes:
    return to_csv(indicator_rows(registry), INDICATOR_COLUMNS)


@dataclass(frozen=True)
class Download:
    uri: str
    name: str
    description: str
    content: bytes


def downloads(registry: Registry) -> list[Download]:
    """Every file the open-data page offers, with its content."""
    files = [
        ("du-lieu/nhiem-vu.csv", "Mọi nhiệm vụ của mọi kế hoạch, mỗi dòng một nhiệm vụ.", task_csv(registry)),
        (
            "du-lieu/chi-tieu.csv",
            "Mọi chỉ tiêu, với mục tiêu nguyên văn và giá trị đã chuẩn hoá.",
            indicator_csv(registry),
        ),
        (
            "du-lieu/van-ban-sau.csv",
            "Văn bản ban hành sau thay thế, sửa đổi hoặc tiếp nối từng kế hoạch, kèm nguồn và điều nguồn nói.",
            lineage_csv(registry),
        ),
        (
            "du-lieu/ke-hoach.json",
            "Toàn bộ dữ liệu: tỉnh, loại cơ quan, chủ đề, kế hoạch kèm chỉ tiêu và nhiệm vụ.",
            plans_json(registry),
        ),
    ]
    return [Download(path, path.rsplit("/", 1)[1], text, content) for path, text, content in files]
