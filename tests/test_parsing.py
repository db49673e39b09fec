"""Unit tests of the small parsers every page relies on: deadlines, targets, text folding
and agency-name resolution.

Inputs are the forms the five source texts actually use (notes §6, §7, §8, §11) plus the
malformed ones editors will type. Expected values are worked out by hand from the text
(a quarter ends on the last day of its third month, "0,7" is seven tenths, …).
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from macros.data.agency_names import AliasIndex
from macros.data.deadlines import DeadlineKind, DeadlineParseError, DeadlineState, parse_deadline
from macros.data.loader import load_registry
from macros.data.model import AgencyKind, CompoundAlias, DeadlineOverride
from macros.data.targets import parse_target
from macros.data.text import fold, is_nfc, match_key, nfc, slugify, squash_spaces

DATA = Path(__file__).resolve().parent.parent / "data"


def nfd(text: str) -> str:
    """The decomposed form Word and PDF copies often produce."""
    return unicodedata.normalize("NFD", text)


# --- deadlines: every kind ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, year, quarter, due",
    [
        ("Quý I/2025", 2025, 1, date(2025, 3, 31)),
        ("Quý II/2025", 2025, 2, date(2025, 6, 30)),
        ("Quý III/2025", 2025, 3, date(2025, 9, 30)),
        ("Quý IV/2025", 2025, 4, date(2025, 12, 31)),
        ("Quý I/2026", 2026, 1, date(2026, 3, 31)),
        ("QUÝ II / 2025", 2025, 2, date(2025, 6, 30)),  # case and spacing do not matter
        ("Quý II/2025.", 2025, 2, date(2025, 6, 30)),  # a closing full stop does not matter
        ("Quý 2/2025", 2025, 2, date(2025, 6, 30)),  # arabic numerals, as other provinces write them
        ("Quý II năm 2025", 2025, 2, date(2025, 6, 30)),
        ("quý 4 năm 2026", 2026, 4, date(2026, 12, 31)),
    ],
)
def test_quarter(raw, year, quarter, due):
    d = parse_deadline(raw)
    assert (d.kind, d.year, d.quarter, d.month, d.due) == (DeadlineKind.QUARTER, year, quarter, None, due)
    assert d.raw == raw


@pytest.mark.parametrize(
    "raw, year, month, due",
    [
        ("02/2025", 2025, 2, date(2025, 2, 28)),  # zero-padded, as Quảng Nam writes it twice
        ("3/2025", 2025, 3, date(2025, 3, 31)),
        ("4/2025", 2025, 4, date(2025, 4, 30)),
        ("9/2025", 2025, 9, date(2025, 9, 30)),
        ("12/2025", 2025, 12, date(2025, 12, 31)),
        ("Tháng 6/2025", 2025, 6, date(2025, 6, 30)),
        ("02/2028", 2028, 2, date(2028, 2, 29)),  # leap year
        ("Tháng 6 năm 2025", 2025, 6, date(2025, 6, 30)),
        ("Trong tháng 10 năm 2025", 2025, 10, date(2025, 10, 31)),
    ],
)
def test_month(raw, year, month, due):
    d = parse_deadline(raw)
    assert (d.kind, d.year, d.month, d.quarter, d.due) == (DeadlineKind.MONTH, year, month, None, due)


@pytest.mark.parametrize(
    "raw, day, month, year",
    [
        ("30/6/2025", 30, 6, 2025),
        ("Trước 30/6/2025", 30, 6, 2025),
        ("Trước ngày 15/09/2025", 15, 9, 2025),
        ("Đến ngày 31/12/2025", 31, 12, 2025),
        ("Hạn 29/2/2028", 29, 2, 2028),
    ],
)
def test_day(raw, day, month, year):
    d = parse_deadline(raw)
    assert (d.kind, d.year, d.month, d.day, d.due) == (DeadlineKind.DAY, year, month, day, date(year, month, day))
    assert d.state(date(year, month, day)) is DeadlineState.UPCOMING


@pytest.mark.parametrize(
    "raw, year",
    [
        ("2025", 2025),
        ("2028", 2028),
        ("Năm 2026", 2026),
        ("năm 2030", 2030),
        ("Đến năm 2030", 2030),
        ("Trong năm 2025", 2025),
    ],
)
def test_year(raw, year):
    d = parse_deadline(raw)
    assert (d.kind, d.year, d.condition, d.due) == (DeadlineKind.YEAR, year, None, date(year, 12, 31))


def test_year_with_a_condition_keeps_its_words():
    d = parse_deadline("2025 và theo tiến độ Bộ Y tế quy định")
    assert (d.kind, d.year, d.due) == (DeadlineKind.YEAR, 2025, date(2025, 12, 31))
    assert d.condition == "theo tiến độ Bộ Y tế quy định"  # with its accents, as written
    assert d.trigger is None


@pytest.mark.parametrize(
    "raw",
    [
        "2025 và những năm tiếp theo",
        "Năm 2025 và những năm tiếp theo",
        "Năm 2025 và các năm tiếp theo",
        "Từ năm 2025",
        "Từ năm 2025 trở đi",
        "Từ 2025",
    ],
)
def test_year_onward(raw):
    d = parse_deadline(raw)
    assert (d.kind, d.year, d.year_to, d.due) == (DeadlineKind.YEAR_ONWARD, 2025, None, date(2025, 12, 31))


@pytest.mark.parametrize(
    "raw, start, end",
    [
        ("2025-2030", 2025, 2030),
        ("2025 - 2030", 2025, 2030),
        ("2026 - 2030", 2026, 2030),
        ("Giai đoạn 2026-2030", 2026, 2030),
        ("2025 - 2025", 2025, 2025),
    ],
)
def test_year_range(raw, start, end):
    d = parse_deadline(raw)
    assert (d.kind, d.year, d.year_to, d.due) == (DeadlineKind.YEAR_RANGE, start, end, date(end, 12, 31))


@pytest.mark.parametrize(
    "raw, kind",
    [
        ("Thường xuyên", DeadlineKind.ONGOING),
        ("thường xuyên", DeadlineKind.ONGOING),
        ("Hàng năm", DeadlineKind.ANNUAL),
        ("Hằng năm", DeadlineKind.ANNUAL),  # both spellings
        ("Định kỳ hàng năm", DeadlineKind.ANNUAL),
        ("Định kỳ hằng năm", DeadlineKind.ANNUAL),
        ("  Hằng   năm ", DeadlineKind.ANNUAL),
    ],
)
def test_undated_kinds(raw, kind):
    d = parse_deadline(raw)
    assert (d.kind, d.year, d.due, d.trigger) == (kind, None, None, None)


@pytest.mark.parametrize(
    "raw, trigger",
    [
        ("Sau khi Nghị định của Chính phủ được ban hành", "government-decree"),
        ("Trình Ủy ban nhân dân tỉnh ban hành sau khi có Nghị định quy định của Chính phủ", "government-decree"),
        ("Sau khi Nghị quyết của Chính phủ được ban hành", "government-resolution"),
        ("Trình UBND tỉnh phê duyệt kế hoạch sau khi có Quyết định của Thủ tướng Chính phủ", "prime-minister-decision"),
        (
            "Trình Ủy ban nhân dân tỉnh ban hành sau khi Thủ tướng Chính phủ ban hành các Đề án cấp quốc gia",
            "prime-minister-decision",
        ),
        ("Trình Ủy ban nhân dân tỉnh ban hành sau khi Bộ Nội vụ ban hành Đề án", "ministry-guidance"),
        ("Sau khi có hướng dẫn của Bộ Khoa học và Công nghệ", "ministry-guidance"),
        ("Ngay sau khi Trung ương ban hành", "central-guidance"),
        ("Theo tiến độ đề án được phê duyệt", "project-schedule"),
        ("Sau khi dự án được phê duyệt", "other"),
    ],
)
def test_conditional(raw, trigger):
    d = parse_deadline(raw)
    assert (d.kind, d.trigger, d.year, d.due) == (DeadlineKind.CONDITIONAL, trigger, None, None)


def test_nfd_deadline_parses_like_nfc():
    for raw in ("Quý II/2025", "Năm 2026", "Thường xuyên", "Hằng năm", "Sau khi Nghị định của Chính phủ được ban hành"):
        assert parse_deadline(nfd(raw)).kind == parse_deadline(raw).kind


@pytest.mark.parametrize(
    "raw",
    [
        "13/2025",
        "0/2025",
        "Tháng 13/2025",  # no such month
        "2030 - 2025",
        "2030-2026",  # reversed ranges
        "Quý V/2025",
        "Quý 5/2025",
        "Quý 0/2025",  # no such quarter
        "30/2/2025",
        "31/4/2025",
        "32/1/2025",
        "29/2/2025",  # no such day
        "",
        "   ",
        "Cuối tháng Mười",
        "Sớm nhất có thể",
        "2025 và",
        "x/2025",
        "Năm 25",
    ],
)
def test_unknown_or_impossible_deadlines_raise(raw):
    with pytest.raises(DeadlineParseError):
        parse_deadline(raw)
    assert issubclass(DeadlineParseError, ValueError)


# --- deadlines: state on a given day ------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, today, state",
    [
        ("Quý II/2025", date(2025, 6, 30), DeadlineState.UPCOMING),  # the due day itself is not passed
        ("Quý II/2025", date(2025, 7, 1), DeadlineState.PASSED),
        ("Quý I/2025", date(2025, 2, 27), DeadlineState.UPCOMING),
        ("02/2025", date(2025, 2, 27), DeadlineState.UPCOMING),
        ("02/2025", date(2025, 3, 1), DeadlineState.PASSED),
        ("2025", date(2025, 12, 31), DeadlineState.UPCOMING),
        ("2025", date(2026, 1, 1), DeadlineState.PASSED),
        ("2025 - 2030", date(2027, 5, 1), DeadlineState.UPCOMING),
        ("2025 - 2030", date(2031, 1, 1), DeadlineState.PASSED),
        ("Thường xuyên", date(2040, 1, 1), DeadlineState.ONGOING),
        ("Hằng năm", date(2040, 1, 1), DeadlineState.ONGOING),
        ("2025 và những năm tiếp theo", date(2030, 1, 1), DeadlineState.ONGOING),  # open-ended
        ("Sau khi Nghị định của Chính phủ được ban hành", date(2025, 1, 1), DeadlineState.CONDITIONAL),
        ("Sau khi Nghị định của Chính phủ được ban hành", date(2040, 1, 1), DeadlineState.CONDITIONAL),
    ],
)
def test_state(raw, today, state):
    assert parse_deadline(raw).state(today) is state


def test_override_for_a_deadline_the_parser_cannot_read():
    d = DeadlineOverride(raw="Cuối tháng Mười", kind="month", year=2025, month=10).to_deadline()
    assert (d.raw, d.kind, d.due) == ("Cuối tháng Mười", DeadlineKind.MONTH, date(2025, 10, 31))
    assert d.state(date(2025, 11, 1)) is DeadlineState.PASSED


@pytest.mark.parametrize(
    "fields, missing",
    [
        ({"kind": "quarter"}, "year, quarter"),
        ({"kind": "quarter", "year": 2025}, "quarter"),
        ({"kind": "day", "year": 2025, "month": 6}, "day"),
        ({"kind": "year_range", "year": 2025}, "year_to"),
    ],
)
def test_override_of_a_dated_kind_needs_its_date(fields, missing):
    """Otherwise the task would get no due date and show as ongoing."""
    with pytest.raises(ValidationError) as caught:
        DeadlineOverride(raw="Cuối kỳ", **fields)
    [error] = caught.value.errors()
    assert (error["type"], error["ctx"]["missing"]) == ("deadline_fields_missing", missing)
    assert DeadlineOverride(raw="Khi có kinh phí", kind="conditional").to_deadline().due is None


# --- targets ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "qualifier"),
    [
        ("Thuộc nhóm 30 tỉnh, thành dẫn đầu cả nước", 30.0, "tỉnh, thành dẫn đầu cả nước"),
        ("thuộc nhóm 20 địa phương dẫn đầu cả nước", 20.0, "địa phương dẫn đầu cả nước"),
        ("top 10 tỉnh đứng đầu cả nước năm 2045", 10.0, "tỉnh đứng đầu cả nước năm 2045"),
        ("≤ 20 các tỉnh, thành trên cả nước", 20.0, "các tỉnh, thành trên cả nước"),
    ],
)
def test_ranking_targets_parse_alike(raw, value, qualifier):
    """A place in a ranking is "≤ N" however it is written (the comparison page lines them up)."""
    t = parse_target(raw)
    assert (t.operator, t.value, t.value_to, t.qualifier, t.rank) == ("≤", value, None, qualifier, True)
    assert parse_target("≤ 10").rank is False  # no words to say it is a ranking (the unit may)


@pytest.mark.parametrize(
    "raw, operator, value, value_to, qualifier",
    [
        # notes §11 item 14: the table forms
        ("> 55", ">", 55.0, None, None),
        ("≥50", "≥", 50.0, None, None),
        ("≥ 50", "≥", 50.0, None, None),
        ("≥3%", "≥", 3.0, None, None),
        ("≤ 10", "≤", 10.0, None, None),
        (">= 5", "≥", 5.0, None, None),
        ("16-18", "range", 16.0, 18.0, None),
        ("16 - 18", "range", 16.0, 18.0, None),
        ("8 - 10", "range", 8.0, 10.0, None),
        ("1-2", "range", 1.0, 2.0, None),
        ("≥ 01", "≥", 1.0, None, None),  # leading zero
        ("> 0,7", ">", 0.7, None, None),  # decimal comma
        ("100%", "=", 100.0, None, None),  # "%" in the target although the unit says "%"
        ("12", "=", 12.0, None, None),
        ("2", "=", 2.0, None, None),
        ("≥ 3% và tăng dần theo yêu cầu phát triển", "≥", 3.0, None, "và tăng dần theo yêu cầu phát triển"),
        ("≤ 20 các tỉnh, thành trên cả nước", "≤", 20.0, None, "các tỉnh, thành trên cả nước"),
        # narrative forms (Hải Dương's goals, notes §4.4)
        ("từ 55% trở lên", "≥", 55.0, None, None),
        ("từ 30% GRDP trở lên", "≥", 30.0, None, "GRDP"),
        ("trên 40%", ">", 40.0, None, None),
        ("đạt trên 40%", ">", 40.0, None, None),
        ("đạt 100%", "=", 100.0, None, None),
        ("ít nhất 3% tổng chi ngân sách hằng năm", "≥", 3.0, None, "tổng chi ngân sách hằng năm"),
        ("ít nhất 01", "≥", 1.0, None, None),
        ("phần đầu đạt 0,8", "=", 0.8, None, None),  # the source's typo for "Phấn đấu"
        ("12%/năm trở lên", "≥", 12.0, None, "/năm"),
    ],
)
def test_numeric_targets(raw, operator, value, value_to, qualifier):
    t = parse_target(raw)
    assert t is not None
    assert (t.operator, t.value, t.value_to, t.qualifier) == (operator, value, value_to, qualifier)
    assert t.raw == raw  # always published as written
    assert t.is_range == (value_to is not None)


def test_decimal_comma_is_never_read_as_float_of_the_text():
    with pytest.raises(ValueError):
        float("0,7")  # what a naive parser would try
    assert parse_target("0,7").value == 0.7
    assert parse_target("> 0,7").value == 0.7
    assert parse_target("phần đầu đạt 0,8").value == 0.8


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "Tiên tiến, hiện đại",
        "Đạt mức trung bình cao của cả nước",
        "Thuộc nhóm các địa phương ở mức tiên tiến",
        "toàn tỉnh",
        "Thuộc nhóm khá của cả nước",
        "trên > 5",
    ],
)
def test_qualitative_targets_parse_to_none(raw):
    assert parse_target(raw) is None


def test_nfd_target_parses_like_nfc():
    for raw in ("từ 55% trở lên", "12%/năm trở lên", "phần đầu đạt 0,8"):
        composed, decomposed = parse_target(raw), parse_target(nfd(raw))
        assert decomposed is not None, raw
        assert (decomposed.operator, decomposed.value, nfc(decomposed.qualifier or "")) == (
            composed.operator,
            composed.value,
            composed.qualifier or "",
        ), raw


# --- text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Chuyển đổi SỐ", "chuyen doi so"),
        ("Đà Nẵng", "da nang"),
        ("ĐỊA PHƯƠNG", "dia phuong"),  # upper-case Đ has no decomposition either
        ("Văn hoá", "van hoa"),
        ("Văn hóa", "van hoa"),  # two tone-mark placements
        ("Tỉnh uỷ", "tinh uy"),
        ("Tỉnh ủy", "tinh uy"),
        ("hàng năm", "hang nam"),
        ("hằng năm", "hang nam"),
        ("Sở KH&CN", "so kh&cn"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded
    assert fold(nfd(text)) == folded  # NFD input (pasted from Word/PDF) folds the same


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Đà Nẵng", "da-nang"),
        ("Hải Dương", "hai-duong"),
        ("Quảng Nam", "quang-nam"),
        ("Đồng Tháp", "dong-thap"),
        ("7.10", "7-10"),
        ("  I. Mục đích, yêu cầu  ", "i-muc-dich-yeu-cau"),
        ("Sở Khoa học & Công nghệ", "so-khoa-hoc-cong-nghe"),
        ("—", ""),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug
    assert slugify(nfd(text)) == slug
    assert slug == "" or slug.isascii()


@pytest.mark.parametrize(
    "a, b",
    [
        ("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hoá Thể thao và Du lịch"),  # comma and tone mark
        ("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa thể thao và du lịch"),  # case
        ("Sở Công Thương", "Sở Công thương"),
        ("Các sở, ngành, địa phương.", "các sở, ngành, địa phương"),  # trailing full stop
        ("Đài Phát thanh - Truyền hình Quảng Nam", "Đài phát thanh  truyền hình quảng nam"),
        ("Ủy ban nhân dân tỉnh", nfd("Ủy ban nhân dân tỉnh")),
    ],
)
def test_match_key_meets_spelling_variants(a, b):
    assert match_key(a) == match_key(b)


def test_match_key_shape():
    assert match_key("  Các sở, ngành,  địa phương. ") == "cac so nganh dia phuong"
    assert match_key("Sở KH&CN") == "so kh&cn"
    assert match_key("Sở Tài chính") != match_key("Sở Tài nguyên")


def test_nfc_helpers():
    composed = "Xây dựng trung tâm dữ liệu tỉnh"
    assert is_nfc(composed) and not is_nfc(nfd(composed))
    assert nfc(nfd(composed)) == composed
    assert squash_spaces("  a \t b\n c  ") == "a b c"


# --- agency names -------------------------------------------------------------------------------


def kind(id_: str, name: str, *aliases: str) -> AgencyKind:
    return AgencyKind(id=id_, name=name, category="so-nganh", aliases=list(aliases))


KINDS = [
    kind("so-khcn", "Sở Khoa học và Công nghệ", "Sở Khoa học và Công ngh"),
    kind("so-tai-chinh", "Sở Tài chính"),
    kind("so-tnmt", "Sở Tài nguyên và Môi trường"),
    kind("so-noi-vu", "Sở Nội vụ"),
    kind("so-tu-phap", "Sở Tư pháp"),
    kind("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch"),
    kind("cong-an", "Công an tỉnh"),
    kind("hiep-hoi-dn", "Hiệp hội doanh nghiệp tỉnh"),
    kind("bql-kcn", "Ban Quản lý các khu công nghiệp tỉnh"),
    kind("cac-so-nganh", "Các sở, ban, ngành", "Các sở, ngành"),
    kind("co-quan-lien-quan", "Các cơ quan liên quan", "Các sở, ngành có liên quan"),
    kind("ubnd-huyen", "UBND các huyện, thị xã, thành phố", "Các địa phương"),
    kind("bao-dai", "Báo, đài phát thanh, truyền hình các cấp"),
    kind("tam-ky", "Ủy ban nhân dân thành phố Tam Kỳ"),
    kind("hoi-an", "Ủy ban nhân dân thành phố Hội An"),
    kind("dien-ban", "Ủy ban nhân dân thị xã Điện Bàn"),
]
COMPOUNDS = [
    CompoundAlias(alias="Các sở, ngành, địa phương", kinds=["cac-so-nganh", "ubnd-huyen"]),
    CompoundAlias(alias="Thành phố Tam Kỳ, Hội An và thị xã Điện Bàn", kinds=["tam-ky", "hoi-an", "dien-ban"]),
]


@pytest.fixture(scope="module")
def index() -> AliasIndex:
    return AliasIndex(KINDS, COMPOUNDS)


@pytest.mark.parametrize(
    "cell, kinds",
    [
        # unseparated lists (notes §1.6, §7.2)
        ("Sở Tài chính Sở Nội vụ", ("so-tai-chinh", "so-noi-vu")),
        ("Sở Khoa học và Công nghệ Sở Tư pháp", ("so-khcn", "so-tu-phap")),
        (
            "Sở Khoa học và Công nghệ Sở Tài chính Hiệp hội doanh nghiệp tỉnh",
            ("so-khcn", "so-tai-chinh", "hiep-hoi-dn"),
        ),
        ("Công an tỉnh Sở Khoa học và Công nghệ và các sở, ngành", ("cong-an", "so-khcn", "cac-so-nganh")),
        ("Ban Quản lý các khu công nghiệp tỉnh Các sở, ngành, địa phương.", ("bql-kcn", "cac-so-nganh", "ubnd-huyen")),
        # commas inside names are not separators
        ("Sở Văn hóa, Thể thao và Du lịch", ("so-vhttdl",)),
        ("Sở Văn hoá Thể thao và Du lịch", ("so-vhttdl",)),  # no comma, other tone placement
        ("Ban Tuyên giáo; Báo, đài phát thanh, truyền hình các cấp", ("bao-dai",)),
        # compound aliases, longest match first ("Các sở, ngành, địa phương" beats "Các sở, ngành")
        ("Các sở, ngành, địa phương.", ("cac-so-nganh", "ubnd-huyen")),
        ("Thành phố Tam Kỳ, Hội An và thị xã Điện Bàn", ("tam-ky", "hoi-an", "dien-ban")),
        ("Các sở, ngành có liên quan", ("co-quan-lien-quan",)),
        # the truncated name of Nam Định task 91
        ("Sở Khoa học và Công ngh, các sở, ngành, địa phương.", ("so-khcn", "cac-so-nganh", "ubnd-huyen")),
        # a prefix of a longer name is not that name
        ("Sở Tài nguyên và Môi trường", ("so-tnmt",)),
        # each kind once, in order of appearance
        ("Sở Nội vụ; Sở Tài chính, Sở Nội vụ", ("so-noi-vu", "so-tai-chinh")),
        ("Các doanh nghiệp viễn thông, các địa phương", ("ubnd-huyen",)),
    ],
)
def test_alias_index_resolves_tricky_cells(index, cell, kinds):
    assert index.resolve(cell).kinds == kinds


@pytest.mark.parametrize(
    "cell, kinds, leftover",
    [
        ("-", (), ()),
        ("Sở Nội vụ và Sở Tư pháp.", ("so-noi-vu", "so-tu-phap"), ()),  # "và" and punctuation are separators
        ("Các doanh nghiệp viễn thông, các địa phương", ("ubnd-huyen",), ("cac doanh nghiep vien thong",)),
        (
            "Các sở, ban, ngành, địa phương tiếp tục triển khai thực hiện các nhiệm vụ được phân công "
            "tại Kế hoạch số 370/KH-UBND",
            ("cac-so-nganh",),
            ("dia phuong tiep tuc trien khai thuc hien cac nhiem vu duoc phan cong tai ke hoach so 370 kh ubnd",),
        ),
        ("Sở Nội vụ Cục Thuế Sở Tư pháp", ("so-noi-vu", "so-tu-phap"), ("cuc thue",)),
    ],
)
def test_alias_index_reports_what_it_does_not_know(index, cell, kinds, leftover):
    resolution = index.resolve(cell)
    assert (resolution.kinds, resolution.leftover) == (kinds, leftover)


def test_without_the_truncated_alias_the_cell_is_reported():
    index = AliasIndex([kind("so-khcn", "Sở Khoa học và Công nghệ"), *KINDS[1:]], COMPOUNDS)
    resolution = index.resolve("Sở Khoa học và Công ngh, các sở, ngành, địa phương.")
    assert resolution.kinds == ("cac-so-nganh", "ubnd-huyen")
    # one run of unknown words, "và" kept inside it so editors can find it in the cell
    assert resolution.leftover == ("so khoa hoc va cong ngh",)


# The same cells against the real alias registry (data/agencies.yml); expected kinds from notes §8.
REAL_CELLS = {
    "Sở Tài chính Sở Nội vụ": ["so-tai-chinh", "so-noi-vu"],
    "Công an tỉnh Sở Khoa học và Công nghệ và các sở, ngành": ["cong-an", "so-khcn", "cac-so-nganh"],
    "Sở Khoa học và Công ngh, các sở, ngành, địa phương.": ["so-khcn", "cac-so-nganh", "ubnd-huyen"],
    "Ban Quản lý các khu công nghiệp tỉnh Các sở, ngành, địa phương.": ["bql-kcn", "cac-so-nganh", "ubnd-huyen"],
    "Sở Văn hoá Thể thao và Du lịch": ["so-vhttdl"],
    "Sở Văn hóa thể thao và du lịch": ["so-vhttdl"],
    "Sở Công thương": ["so-cong-thuong"],
    "Sở Giáo dục và đào tạo": ["so-gddt"],
    "Thành phố Tam Kỳ, Hội An và thị xã Điện Bàn": ["ubnd-tp-tam-ky", "ubnd-tp-hoi-an", "ubnd-tx-dien-ban"],
    "Ban Tuyên giáo và Dân vận Tỉnh ủy; các sở, ngành, địa phương; Báo, đài phát thanh, truyền hình các cấp": [
        "ban-tgdv",
        "cac-so-nganh",
        "ubnd-huyen",
        "bao-dai-cac-cap",
    ],
    "Bộ Chỉ huy quân sự tỉnh, Công an tỉnh, các sở, ngành và địa phương": [
        "bchqs",
        "cong-an",
        "cac-so-nganh",
        "ubnd-huyen",
    ],
    "Văn phòng UBND tỉnh; các Sở, ngành, địa phương, doanh nghiệp liên quan, "
    "các cơ quan đại diện Việt Nam ở nước ngoài": [
        "vp-ubnd",
        "cac-so-nganh",
        "ubnd-huyen",
        "dn-lien-quan",  # businesses, not "các cơ quan liên quan"
        "co-quan-dai-dien",
    ],
    "Ngân hàng nhà nước chi nhánh tỉnh; Sở Công Thương, Sở Khoa học và Công nghệ, cơ quan thuế": [
        "nhnn",
        "so-cong-thuong",
        "so-khcn",
        "thue",
    ],
    "Sở Nội vụ, các sở, ngành có tổ chức khoa học công nghệ công lập": ["so-noi-vu", "so-co-to-chuc-khcn"],
    "Đài Phát thanh - Truyền hình Quảng Nam, Báo Quảng Nam, Cổng TTĐT tỉnh": [
        "dai-ptth",
        "bao",
        "cong-ttdt",
    ],
    "Công an tỉnh, Sở Nông nghiệp và Phát triển nông thôn, Ngân hàng nhà nước chi nhánh tỉnh, "
    "Sở Khoa học và Công nghệ, Sở Tài chính, Sở Công Thương, Sở Văn hóa thể thao và du lịch": [
        "cong-an",
        "so-nnptnt",
        "nhnn",
        "so-khcn",
        "so-tai-chinh",
        "so-cong-thuong",
        "so-vhttdl",
    ],
}


def test_real_alias_registry_on_the_tricky_cells():
    registry = load_registry(DATA, include_plans=False)
    index = AliasIndex(registry.agency_kinds.values(), registry.compound_aliases)
    got = {cell: list(index.resolve(cell).kinds) for cell in REAL_CELLS}
    assert got == REAL_CELLS
    assert all(index.resolve(cell).leftover == () for cell in REAL_CELLS)
