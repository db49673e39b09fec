"""The importer's source-text parsers, proved against the five sources and against
small invented plans in each layout (so the parsers are not fitted to five files)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from macros.editing.importer import (
    SourceDraft,
    SourceFormatError,
    Table,
    narrative_items,
    narrative_markdown,
    parse_source,
)

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
FILES = {
    "000": "000_c83e7eeb60ffafc7.txt",
    "001": "001_614a698281a444bc.txt",
    "002": "002_aea82470e0b2daef.txt",
    "003": "003_000acb6dd72c4d2e.txt",
    "004": "004_9dd27b01f41dd06c.txt",
}


@pytest.fixture(scope="module")
def drafts() -> dict[str, SourceDraft]:
    return {key: parse_source(SOURCES / name) for key, name in FILES.items()}


def table(draft: SourceDraft, kind: str) -> Table:
    (found,) = [t for t in draft.tables if t.kind == kind]
    return found


def rows_by_label(t: Table, group: int | None = None) -> dict:
    return {r.label: r for r in t.rows if group is None or r.group == group}


def group_sizes(t: Table) -> list[int]:
    counts = Counter(r.group for r in t.rows)
    return [counts[g] for g in sorted(counts, key=lambda g: -1 if g is None else g)]


def numeric(label: str) -> tuple[int, ...]:
    return tuple(int(p) for p in label.rstrip(".").split("."))


def write(tmp_path: Path, name: str, text: str) -> SourceDraft:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_source(path)


# --- the five sources -------------------------------------------------------------------------


def test_layout_is_told_from_the_text(drafts):
    assert {k: d.layout for k, d in drafts.items()} == {
        "000": "pipe",
        "001": "cells",
        "002": "cells",
        "003": "plain",
        "004": "markdown",
    }
    assert [len(d.tables) for d in drafts.values()] == [2, 2, 2, 0, 0]


def test_000_indicators_restart_numbering_for_2045(drafts):
    t = table(drafts["000"], "indicators")
    assert (t.label, t.title) == (None, "CÁC CHỈ TIÊU CỤ THỂ")
    assert t.caption == "(Kèm theo Kế hoạch số 29/KH-UBND ngày 21/02/2025 của UBND tỉnh)"
    assert t.keys == ("label", "name", "unit", "target", "monitoring")
    assert [(g.label, g.title) for g in t.groups] == [("I", "Đến năm 2030"), ("II", "Đến năm 2045")]
    assert len(t.rows) == 27 and group_sizes(t) == [24, 3]
    assert {"15.1", "15.2"} <= set(rows_by_label(t, 0))
    assert [r.label for r in t.rows if r.group == 1] == ["1", "2", "3"]
    row15 = rows_by_label(t, 0)["15"]
    assert row15.values["unit"] is None and row15.values["target"] == "Tiên tiến, hiện đại"
    assert all(r.values["target"] for r in t.rows)


def test_000_tasks_keep_the_unlabelled_and_empty_group_rows(drafts):
    t = table(drafts["000"], "tasks")
    assert t.title == "DANH MỤC CÁC NHIỆM VỤ GIAO CÁC SỞ, BAN, NGÀNH, ĐỊA PHƯƠNG"
    assert [r.label for r in t.rows] == [str(n) for n in range(1, 99)]
    assert [g.label for g in t.groups] == [None, None, None]
    assert [bool(g.title) for g in t.groups] == [True, False, True]
    assert group_sizes(t) == [70, 10, 4, 14]
    assert all(r.group is None for r in t.rows[:70])
    rows = rows_by_label(t)
    assert rows["91"].values["support"] == "Sở Khoa học và Công ngh, các sở, ngành, địa phương."
    assert rows["11"].values["support"] is None and rows["70"].values["support"] is None
    assert rows["70"].line_end < t.groups[0].line


def test_001_tables(drafts):
    ind = table(drafts["001"], "indicators")
    assert ind.label == "PHỤ LỤC I" and len(ind.rows) == 40 and group_sizes(ind) == [37, 3]
    assert [r.label for r in ind.rows if r.label.startswith("7.") and r.label != "7."] == [
        f"7.{n}" for n in range(1, 10)
    ]
    assert [r.label for r in ind.rows if r.group == 1] == ["29.", "30.", "31."]
    rows = rows_by_label(ind)
    assert rows["7."].values["unit"] is None and rows["7."].values["target"] is None
    assert rows["7."].values["monitoring"] == "Sở Khoa học và Công nghệ"
    assert rows["18."].values["unit"] is None and rows["18."].values["target"] == "Tiên tiến, hiện đại"

    tasks = table(drafts["001"], "tasks")
    assert tasks.keys == ("label", "title", "lead", "support", "output", "deadline")
    assert len(tasks.rows) == 60 and group_sizes(tasks) == [9, 5, 16, 2, 22, 5, 1]
    assert [g.label for g in tasks.groups] == ["I.", "II.", "III.", "IV.", "V.", "VI.", "VII."]
    assert all(r.values["output"] for r in tasks.rows)
    last = tasks.rows[-1]
    assert (last.label, last.values["deadline"]) == ("60.", "2025")
    assert not any("107/NQ-CP" in (v or "") for r in tasks.rows for v in r.values.values())
    assert (707, 707) in [(a, b) for a, b, _ in drafts["001"].skipped]


def test_002_tables_and_guessed_agency_cells(drafts):
    ind = table(drafts["002"], "indicators")
    assert len(ind.rows) == 44 and group_sizes(ind) == [39, 5]
    labels = [r.label for r in ind.rows]
    assert [x for x in labels if x.startswith("7.")] == [f"7.{n}" for n in range(1, 13)]
    assert [x for x in labels if x.startswith("18.")] == ["18.1", "18.2"]
    assert [r.label for r in ind.rows if r.group == 1] == ["26", "27", "28", "29", "30"]
    assert labels == sorted(labels, key=numeric)  # 7.10 after 7.9
    seven = rows_by_label(ind)["7"]
    assert seven.values["name"] and all(v is None for k, v in seven.values.items() if k != "name")

    tasks = table(drafts["002"], "tasks")
    assert len(tasks.rows) == 67 and group_sizes(tasks) == [12, 7, 19, 3, 18, 6, 2]
    rows = rows_by_label(tasks)
    for label in ("49", "59"):
        assert rows[label].values["lead"] and rows[label].values["support"] is None
        assert rows[label].note and "lead" in rows[label].note
    assert sum(1 for r in tasks.rows if r.note) == 2
    assert rows["42"].values["lead"] == (
        "Các sở, ban, ngành, địa phương tiếp tục triển khai thực hiện "
        "các nhiệm vụ được phân công tại Kế hoạch số 370/KH-UBND"
    )
    assert rows["42"].values["support"] == "-"
    meta = drafts["002"].meta
    assert (meta.caption_number, meta.caption_date, meta.number) == ("69/KH-UBND", date(2025, 2, 25), None)


@pytest.mark.parametrize(("key", "count"), [("000", 15), ("001", 14), ("002", 23)])
def test_deadline_vocabulary(drafts, key, count):
    assert len({r.values["deadline"] for r in table(drafts[key], "tasks").rows}) == count


@pytest.mark.parametrize("key", ["000", "001", "002"])
def test_cells_are_verbatim_and_labels_unique_per_group(drafts, key):
    draft = drafts[key]
    stripped = [line.strip().removesuffix("|").strip() for line in draft.lines]
    for t in draft.tables:
        for row in t.rows:
            spans = {
                " ".join(stripped[a - 1 : b])
                for a in range(row.line, row.line_end + 1)
                for b in range(a, row.line_end + 1)
            }
            for value in (v for v in row.values.values() if v):
                assert value in spans, (t.kind, row.label, value)
        pairs = Counter((r.group, r.label) for r in t.rows)
        assert max(pairs.values()) == 1


def test_003_items_keep_full_paths(drafts):
    draft = drafts["003"]
    items = narrative_items(draft)
    assert len(items) == 46 and not draft.tables
    assert list(Counter(i.section_label for i in items).values()) == [7, 4, 11, 3, 16, 3, 2]
    assert (items[0].label, items[-1].label) == ("1.1.", "7.2.")
    assert items[0].path == ("III", "1", "1.1") and items[0].ordinal == 1
    goals = [b for b in draft.blocks if b.label in ("2.1.", "2.2.") and b.kind == "heading"]
    assert [(b.path, b.level) for b in goals] == [(("II", "2"), 3), (("II", "2"), 3)]
    assert [b.label for b in draft.blocks if b.level == 1 and b.kind == "heading"] == ["I-", "II-", "III-", "IV-"]
    joined = [i for i in items if i.label == "2.1."][0]
    assert "sử dụng kinh phí nghiên cứu" in joined.text and joined.line_end > joined.line


def test_004_items_refs_and_meta(drafts):
    draft = drafts["004"]
    items = narrative_items(draft)
    assert len(items) == 67
    assert list(Counter(i.section_label for i in items).values()) == [11, 7, 10, 7, 17, 10, 5]
    assert all(i.label == "-" for i in items)
    assert [(r.label, r.title) for r in draft.appendix_refs] == [
        ("Phụ lục I", "Danh mục các chỉ tiêu cụ thể"),
        ("Phụ lục II", "Danh mục các nhiệm vụ triển khai"),
    ]
    meta = draft.meta
    assert (meta.number, meta.number_raw, meta.issued_on) == (None, "Số: /KH-UBND", None)
    assert meta.date_raw == "Ninh Bình, ngày tháng 3 năm 2025"
    assert meta.signer_name == "Tổng Quang Thìn"  # as written (the notes say "Tống")
    assert meta.signer_title == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    # Markdown depth says nothing: "## **6. …**" and "**5. …**" are both sections.
    sections = [b for b in draft.blocks if b.kind == "heading" and b.level == 2]
    assert [b.label for b in sections if b.path == ("II",)] == [f"{n}." for n in range(1, 8)]
    texts = [b.text for b in draft.blocks]
    assert any("khuyến khích, thu hút" in t for t in texts)
    assert not any("khuyến  khích" in t or "khuyếnkhích" in t or "*" in t for t in texts)


def test_metadata_of_the_sources(drafts):
    m0, m1, m3 = drafts["000"].meta, drafts["001"].meta, drafts["003"].meta
    assert (m0.doc_type, m0.number, m0.issued_on) == ("Kế hoạch", "29/KH-UBND", date(2025, 2, 21))
    assert m0.title.startswith("Kế hoạch 29/KH-UBND năm 2025")
    assert m0.signer_name == "Trần Lê Đoài" and m0.signer_title == ("TM. ỦY BAN NHÂN DÂN",)
    assert m0.header["Số hiệu"] == "29/KH-UBND" and len(m0.header) == 7
    assert (m1.number, m1.date_raw) == ("1534/KH-UBND", "Quảng Nam, ngày 27 tháng 02 năm 2025")
    assert (m1.signer_name, m1.signer_title) == ("Lê Văn Dũng", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"))
    assert m1.title.startswith("THỰC HIỆN NGHỊ QUYẾT SỐ 03/NQ-CP")
    assert (m3.doc_type, m3.number, m3.signer_name) == ("Chương trình hành động", None, "Trần Đức Thắng")
    assert m3.title.startswith("Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024")
    assert drafts["002"].meta.signer_title == ("CHỦ TỊCH",)


def test_repeated_text_is_kept_once(drafts):
    d0, d1 = drafts["000"], drafts["001"]
    assert (36, 62) in [(a, b) for a, b, _ in d0.skipped]
    assert not any(36 <= b.line <= 62 for b in d0.blocks)
    assert (63, 63) in [(a, b) for a, b, _ in d1.skipped]
    assert not any(b.line == 63 for b in d1.blocks)
    assert len(narrative_items(d0)) == 63  # 7 + 40 bullets without headings, 11 under "7.", 5 under "9."
    assert Counter(i.section_label for i in narrative_items(d0)) == {None: 47, "7.": 11, "9.": 5}


def test_blocks_leave_out_front_and_back_matter(drafts):
    for draft in drafts.values():
        texts = " ".join(b.text for b in draft.blocks)
        assert "Nơi nhận" not in texts and "ỦY BAN NHÂN DÂN" not in texts
        assert draft.meta.signer_name not in texts
    assert drafts["000"].blocks[0].line == 14 and drafts["001"].blocks[0].line == 5


@pytest.mark.parametrize("key", list(FILES))
def test_markdown_renders_back_to_the_source_text(drafts, key):
    draft = drafts[key]
    tokens = MarkdownIt("commonmark").parse(narrative_markdown(draft, omit_items=False))
    rendered = ["".join(c.content for c in t.children) for t in tokens if t.type == "inline"]
    expected = [
        b.text if b.label in (None, "-") and b.kind != "heading" else f"{b.label} {b.text}" for b in draft.blocks
    ]
    assert rendered == expected
    assert not any(
        t.type in ("ordered_list_open", "html_block", "html_inline", "em_open", "strong_open") for t in tokens
    )


@pytest.mark.parametrize("key", ["003", "004"])
def test_markdown_without_items_keeps_headings_and_intros(drafts, key):
    draft = drafts[key]
    text = narrative_markdown(draft, omit_items=True)
    for item in narrative_items(draft):
        assert item.text not in text
    assert "### 1. Nâng cao nhận thức" in text
    if key == "003":
        assert "Các cấp uỷ, tổ chức đảng, cơ quan, đơn vị, cán bộ, đảng viên" in text
        assert "## I- MỤC ĐÍCH, YÊU CẦU" in text
    else:
        assert "## II. NHIỆM VỤ CỤ THỂ" in text and "(Kèm theo Phụ lục I" in text


# --- a fourth province, in each layout --------------------------------------------------------

PIPE_PLAN = """\
Kế hoạch 12/KH-UBND năm 2025 về chuyển đổi số do tỉnh Hà Nam ban hành
Số hiệu | 12/KH-UBND |
Ngày ban hành | 03/03/2025 |
Người ký | Nguyễn Văn An |
ỦY BAN NHÂN DÂN |
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM |
Số: 12/KH-UBND |
Hà Nam, ngày 03 tháng 3 năm 2025 |
Thực hiện Nghị quyết số 57-NQ/TW, UBND tỉnh ban hành Kế hoạch như sau:
1. Đến năm 2030
- Phủ sóng 5G toàn tỉnh.
- Kinh tế số đạt 30% GRDP.
(Chi tiết các mục tiêu theo Phụ lục I đính kèm)
- Tuyên truyền sâu rộng về Nghị quyết.
- Xây dựng nền tảng dữ liệu dùng chung.
(Chi tiết các nhiệm vụ theo Phụ lục II đính kèm)
|
TM. ỦY BAN NHÂN
DÂN
|
CÁC CHỈ TIÊU
(Kèm theo Kế hoạch số 12/KH-UBND ngày 03/03/2025 của UBND tỉnh)
STT |
Chỉ tiêu |
Đơn vị tính |
Kết quả |
Cơ quan chủ trì theo dõi, đánh giá |
I |
Đến năm 2030 |
|||
1 |
Số trung tâm dữ liệu |
Trung tâm |
2 |
Công an tỉnh |
2 |
Hạ tầng số |
|
Tiên tiến |
Sở Khoa học
và Công nghệ |
2.1 |
Phủ sóng 5G |
% dân số |
100 |
Sở Khoa học và Công nghệ |
DANH MỤC NHIỆM VỤ
(Kèm theo Kế hoạch số 12/KH-UBND ngày 03/03/2025 của UBND tỉnh)
TT |
Tên nhiệm vụ |
Cơ quan chủ trì |
Cơ quan phối hợp |
Thời gian hoàn thành |
1 |
Xây dựng kế hoạch |
Sở Khoa học và Công nghệ |
|
2025 |
Hợp tác quốc tế |
||||
2 |
Ký kết hợp tác |
Sở Ngoại vụ |
Các sở, ngành |
Thường xuyên |
"""


def test_fourth_province_pipe_layout(tmp_path):
    draft = write(tmp_path, "hanam.txt", PIPE_PLAN)
    assert draft.layout == "pipe"
    ind, tasks = draft.tables
    assert [r.label for r in ind.rows] == ["1", "2", "2.1"]
    rows = rows_by_label(ind)
    assert rows["1"].values["target"] == "2"  # a value equal to the next row number
    assert rows["2"].values == {
        "name": "Hạ tầng số",
        "unit": None,
        "target": "Tiên tiến",
        "monitoring": "Sở Khoa học và Công nghệ",
    }
    assert (rows["2"].line, rows["2"].line_end) == (37, 42)
    assert [r.label for r in tasks.rows] == ["1", "2"]
    assert [(g.label, g.title) for g in tasks.groups] == [(None, "Hợp tác quốc tế")]
    assert [r.group for r in tasks.rows] == [None, 0]
    assert tasks.rows[0].values["support"] is None
    meta = draft.meta
    assert (meta.number, meta.issued_on, meta.signer_name) == ("12/KH-UBND", date(2025, 3, 3), "Nguyễn Văn An")
    assert meta.signer_title == ("TM. ỦY BAN NHÂN DÂN",) and meta.caption_date == date(2025, 3, 3)
    assert [i.text for i in narrative_items(draft)] == [
        "Tuyên truyền sâu rộng về Nghị quyết.",
        "Xây dựng nền tảng dữ liệu dùng chung.",
    ]


CELLS_PLAN = """\
 Số: 45/KH-UBND
Bến Tre, ngày 05 tháng 3 năm 2025
KẾ HOẠCH
TRIỂN KHAI NGHỊ QUYẾT SỐ 57-NQ/TW
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;
I. MỤC TIÊU
- Kinh tế số đạt 30% GRDP.
II. NHIỆM VỤ
1. Nâng cao nhận thức
a) Tuyên truyền sâu rộng.
b) Tổ chức hội nghị.
2. Hạ tầng số
a) Phủ sóng 5G.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Bình
PHỤ LỤC I
DANH MỤC CHỈ TIÊU
(Kèm theo Kế hoạch số 45/KH-UBND ngày 05/3/2025 của UBND tỉnh)
STT
Tên chỉ tiêu
Đơn vị
Kết quả
Đơn vị chủ trì theo dõi
I
Đến năm 2030
1
Số doanh nghiệp công nghệ số
Doanh nghiệp
2
Sở Khoa học và Công nghệ
2
Chỉ tiêu về dịch vụ công
2.1
Tỷ lệ hồ sơ trực tuyến
%
≥ 80
Văn phòng UBND tỉnh
3
Hạ tầng số
Tiên tiến, hiện đại
Sở Khoa học và Công nghệ
II
Đến năm 2045
4
Quy mô kinh tế số
% GRDP
≥ 50
Sở Tài chính
PHỤ LỤC II
DANH MỤC NHIỆM VỤ
(Kèm theo Kế hoạch số 45/KH-UBND ngày 05/3/2025 của UBND tỉnh)
STT
Nội dung nhiệm vụ
Đơn vị chủ trì
Đơn vị phối hợp
Thời hạn hoàn thành
I.
Nâng cao nhận thức
1.
Tuyên truyền Nghị quyết
Sở Khoa học và Công nghệ
Các sở, ban, ngành
Quý II/2025
2.
Tổ chức hội nghị
Sở Nội vụ
Thường xuyên
II.
Hạ tầng số
3.
Phủ sóng 5G
Sở Khoa học và Công nghệ
Các doanh nghiệp viễn thông
2026
[1] Ghi chú của người soạn thảo.
"""


def test_fourth_province_cells_layout(tmp_path):
    draft = write(tmp_path, "bentre.txt", CELLS_PLAN)
    assert draft.layout == "cells"
    ind, tasks = draft.tables
    assert ind.keys == ("label", "name", "unit", "target", "monitoring") and ind.label == "PHỤ LỤC I"
    assert [r.label for r in ind.rows] == ["1", "2", "2.1", "3", "4"]
    rows = rows_by_label(ind)
    assert rows["1"].values["target"] == "2" and rows["1"].values["monitoring"] == "Sở Khoa học và Công nghệ"
    assert [k for k, v in rows["2"].values.items() if v] == ["name"]
    assert rows["3"].values["unit"] is None and rows["3"].values["target"] == "Tiên tiến, hiện đại"
    assert [r.group for r in ind.rows] == [0, 0, 0, 0, 1]
    assert tasks.keys == ("label", "title", "lead", "support", "deadline")
    assert [g.label for g in tasks.groups] == ["I.", "II."]
    two = rows_by_label(tasks)["2."]
    assert (two.values["lead"], two.values["support"], two.values["deadline"]) == ("Sở Nội vụ", None, "Thường xuyên")
    assert two.note
    assert tasks.rows[-1].values["deadline"] == "2026"
    assert any("footnote" in reason for _, _, reason in draft.skipped)
    items = narrative_items(draft)
    assert [(i.section_label, i.label, i.path) for i in items] == [
        ("1.", "a)", ("II", "1", "a")),
        ("1.", "b)", ("II", "1", "b")),
        ("2.", "a)", ("II", "2", "a")),
    ]
    meta = draft.meta
    assert (meta.doc_type, meta.title, meta.number) == ("Kế hoạch", "TRIỂN KHAI NGHỊ QUYẾT SỐ 57-NQ/TW", "45/KH-UBND")
    assert (meta.issued_on, meta.caption_number) == (date(2025, 3, 5), "45/KH-UBND")
    assert (meta.signer_name, meta.signer_title) == ("Trần Văn Bình", ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"))


PLAIN_PLAN = """\

CHƯƠNG TRÌNH HÀNH ĐỘNG

Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị

Ban Thường vụ Tỉnh ủy ban hành Chương trình như sau:

I- MỤC ĐÍCH, YÊU CẦU

1. Quán triệt sâu sắc Nghị quyết.

II- NHIỆM VỤ, GIẢI PHÁP

1. Nâng cao nhận thức

Các cấp ủy cần nhận thức đầy đủ.

1.1. Tuyên truyền thường xuyên về khoa học, công nghệ và đổi mới sáng

tạo trên các phương tiện.

1.2. Xây dựng chuyên mục.

2. Phát triển hạ tầng

2.1. Đầu tư trung tâm dữ liệu.

III- TỔ CHỨC THỰC HIỆN

- Các huyện ủy xây dựng kế hoạch.
- Các huyện ủy xây dựng kế hoạch.

Nơi nhận:
- Ban Bí thư,
- Lưu VP.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Lê Văn Cường
"""


def test_fourth_province_plain_layout(tmp_path):
    draft = write(tmp_path, "plain.txt", PLAIN_PLAN)
    assert draft.layout == "plain" and not draft.tables
    items = narrative_items(draft)
    assert [(i.label, i.path, i.ordinal) for i in items] == [
        ("1.1.", ("II", "1", "1.1"), 1),
        ("1.2.", ("II", "1", "1.2"), 2),
        ("2.1.", ("II", "2", "2.1"), 1),
    ]
    assert items[0].text == "Tuyên truyền thường xuyên về khoa học, công nghệ và đổi mới sáng tạo trên các phương tiện."
    assert (items[0].line, items[0].line_end) == (18, 20)
    assert "Các cấp ủy cần nhận thức đầy đủ." not in [i.text for i in items]
    assert [b.kind for b in draft.blocks if b.label == "1."] == ["item", "heading"]
    assert len([b for b in draft.blocks if b.label == "-"]) == 1
    assert (31, 31) in [(a, b) for a, b, _ in draft.skipped]
    meta = draft.meta
    assert (meta.doc_type, meta.title) == (
        "Chương trình hành động",
        "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị",
    )
    assert (meta.signer_name, meta.signer_title) == ("Lê Văn Cường", ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"))


MARKDOWN_PLAN = """\
Số: /KH-UBND

Lào Cai, ngày tháng 4 năm 2025

## KẾ HOẠCH

**Thực hiện Nghị quyết số 03/NQ-CP của Chính phủ**

Thực hiện Nghị quyết số 03/NQ-CP, UBND tỉnh ban hành Kế hoạch như sau:

#### I. MỤC ĐÍCH

Cụ thể hóa các *mục tiêu* của Nghị quyết.

## II. NHIỆM VỤ CỤ THỂ

### **1. Nâng cao nhận thức**

- Tuyên truyền (*qua Sở Khoa học và Công nghệ*) về chuyển đổi

số trong toàn tỉnh.

- Ban hành mã hồ sơ HP\\_VP6.

**2. Phát triển hạ tầng**

- Phủ sóng 5G.

*(Kèm theo Phụ lục I: Danh mục các chỉ tiêu).*

### **III. TỔ CHỨC THỰC HIỆN**

1. Sở Khoa học và Công nghệ theo dõi.

***Nơi nhận:***

- Lưu: VT.  

**TM. ỦY BAN NHÂN DÂN**  
**CHỦ TỊCH**

**Phạm Văn Dũng**
"""  # noqa: W291 - two trailing spaces are Markdown line breaks


def test_fourth_province_markdown_layout(tmp_path):
    draft = write(tmp_path, "laocai.md", MARKDOWN_PLAN)
    assert draft.layout == "markdown"
    headings = [(b.label, b.level, b.path) for b in draft.blocks if b.kind == "heading"]
    assert headings == [("I.", 1, ()), ("II.", 1, ()), ("1.", 2, ("II",)), ("2.", 2, ("II",)), ("III.", 1, ())]
    items = narrative_items(draft)
    assert [i.text for i in items] == [
        "Tuyên truyền (qua Sở Khoa học và Công nghệ) về chuyển đổi số trong toàn tỉnh.",
        "Ban hành mã hồ sơ HP_VP6.",
        "Phủ sóng 5G.",
    ]
    assert [i.section_label for i in items] == ["1.", "1.", "2."]
    assert [(r.label, r.title) for r in draft.appendix_refs] == [("Phụ lục I", "Danh mục các chỉ tiêu")]
    meta = draft.meta
    assert (meta.number, meta.number_raw, meta.issued_on) == (None, "Số: /KH-UBND", None)
    assert meta.title == "Thực hiện Nghị quyết số 03/NQ-CP của Chính phủ"
    assert (meta.signer_name, meta.signer_title) == ("Phạm Văn Dũng", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"))
    rendered = narrative_markdown(draft, omit_items=False)
    assert "HP_VP6" in rendered and "1\\. Sở Khoa học" in rendered and "*" not in rendered


# --- bad input ---------------------------------------------------------------------------------


def test_bad_input_raises_a_located_source_format_error(tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes("Kế hoạch\n".encode() + b"\xff\xfe\n")
    with pytest.raises(SourceFormatError) as error:
        parse_source(binary)
    assert error.value.line == 2 and "UTF-8" in error.value.message

    skipped_row = PIPE_PLAN.replace("2.1 |\n", "3.1 |\n")
    with pytest.raises(SourceFormatError) as error:
        write(tmp_path, "gap.txt", skipped_row)
    assert error.value.path.endswith("gap.txt") and "3.1" in str(error.value)

    with pytest.raises(SourceFormatError):
        write(tmp_path, "empty.txt", "\n  \n")
