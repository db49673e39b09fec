"""UI words for the data's codes, in one place (an English edition would add a twin).

Citizens read these, so they are plain Vietnamese; abbreviations are avoided here.
"""

from __future__ import annotations

from macros.data.deadlines import DeadlineKind, DeadlineState
from macros.data.model import Status

DOC_TYPES = {
    "ke-hoach": "Kế hoạch",
    "chuong-trinh-hanh-dong": "Chương trình hành động",
}
NO_NUMBER = "(không số)"  # in a plan's short name when its text gives no number

# Short forms the portal's own words use (concept names, topic descriptions) that
# data/abbreviations.yml does not list; shown with their full form in <abbr title>.
UI_ABBREVIATIONS = {
    "STEM": "khoa học, công nghệ, kỹ thuật và toán học",
    "GRDP": "tổng sản phẩm trên địa bàn",
}

STATUS = {
    Status.NOT_STARTED: "Chưa bắt đầu",
    Status.IN_PROGRESS: "Đang thực hiện",
    Status.DONE: "Hoàn thành",
    Status.LATE: "Chậm tiến độ",
    Status.SUSPENDED: "Tạm dừng",
}
NO_REPORT = "Chưa có báo cáo tiến độ"
STATUS_BY_VALUE = {status.value: label for status, label in STATUS.items()}

DEADLINE_KINDS = {
    DeadlineKind.QUARTER: "Theo quý",
    DeadlineKind.MONTH: "Theo tháng",
    DeadlineKind.DAY: "Theo ngày",
    DeadlineKind.YEAR: "Trong năm",
    DeadlineKind.YEAR_ONWARD: "Từ một năm trở đi",
    DeadlineKind.YEAR_RANGE: "Theo giai đoạn",
    DeadlineKind.ONGOING: "Thường xuyên",
    DeadlineKind.ANNUAL: "Hằng năm",
    DeadlineKind.CONDITIONAL: "Có điều kiện",
}
NO_DEADLINE = "Không ghi thời hạn"

# The explorer groups deadline kinds the way a reader asks: "has a date" or not.
DEADLINE_KINDS_EXPLORER = {
    "dated": "Có hạn cụ thể (quý, tháng, năm)",
    "ongoing": "Thường xuyên, liên tục",
    "annual": "Hằng năm",
    "conditional": "Có điều kiện",
    "none": NO_DEADLINE,
}

DEADLINE_STATES = {
    DeadlineState.PASSED: "Đã đến hạn",
    DeadlineState.UPCOMING: "Chưa đến hạn",
    DeadlineState.ONGOING: "Liên tục",
    DeadlineState.CONDITIONAL: "Chờ điều kiện",
}

TRIGGERS = {
    "government-decree": "chờ Nghị định của Chính phủ",
    "government-resolution": "chờ Nghị quyết của Chính phủ",
    "prime-minister-decision": "chờ Quyết định của Thủ tướng Chính phủ",
    "ministry-guidance": "chờ hướng dẫn của Bộ",
    "central-guidance": "chờ văn bản của Trung ương",
    "project-schedule": "theo tiến độ đề án",
    "other": "chờ điều kiện ghi trong kế hoạch",
}

ORIGINS = {
    "appendix": "Bảng phụ lục",
    "narrative": "Phần lời văn",
}

AGENCY_CATEGORIES = {
    "so-nganh": "Sở, ban, ngành của tỉnh",
    "luc-luong": "Công an, quân sự",
    "trung-uong-dia-phuong": "Cơ quan Trung ương đặt tại tỉnh",
    "dang-doan-the": "Cơ quan Đảng, đoàn thể",
    "chinh-quyen-dia-phuong": "Chính quyền cấp huyện, cấp xã",
    "bao-chi": "Báo chí, phát thanh, truyền hình",
    "doanh-nghiep-hiep-hoi": "Doanh nghiệp, hiệp hội",
    "nhom-co-quan": "Nhóm cơ quan (ghi chung)",
    "trung-uong": "Cơ quan Trung ương",
}

TARGET_OPERATORS = {">": "trên", "≥": "ít nhất", "<": "dưới", "≤": "không quá", "=": "", "range": "từ"}
