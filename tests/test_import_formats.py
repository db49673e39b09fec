"""The importer reads the documents editors receive: a Word file, a PDF with a text layer,
a page saved from a legal-document website. For every real source, each format is made
from the source's own rows (tests/source_documents.py) and imported; the draft plan must
be the text import's, row for row: every task and indicator with every cell, the groups,
the sections, the metadata. Only provenance line numbers differ (they cite the text
extracted from the document) and whitespace runs, which the formats collapse."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import test_import_cli
from source_documents import write_docx, write_html, write_pdf
from test_import_cli import import_source

from macros.data.loader import load_registry
from macros.editing.importer import parse_source
from macros.editing.importer.parse import convert_document
from macros.editing.importer.source import detect_layout, split_lines
from macros.editing.plan_builder import GUESSED_CELLS_NOTE, PlanBuilder

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "data" / "sources").glob("*.txt"))
WRITERS = {"docx": write_docx, "html": write_html, "pdf": write_pdf}
PROVENANCE = {"line", "line_end"}
project = test_import_cli.project  # the fixture: reference data, no plans yet


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory):
    """`documents(source, fmt) -> path`: each document written once per session."""
    folder = tmp_path_factory.mktemp("documents")
    made: dict[tuple[str, str], Path] = {}

    def make(source: Path, fmt: str) -> Path:
        if (source.name, fmt) not in made:
            made[source.name, fmt] = WRITERS[fmt](source, folder / f"{source.stem}.{fmt}")
        return made[source.name, fmt]

    return make


@pytest.fixture(scope="session")
def builder() -> PlanBuilder:
    return PlanBuilder(load_registry(ROOT / "data", root=ROOT, include_plans=False))


def comparable(value: Any) -> Any:
    """The plan without provenance lines and the source's file name, whitespace runs as one
    space, and without the note that says a cells-layout row's columns were guessed (a
    table in a document has every cell, so nothing is guessed)."""
    if isinstance(value, dict):
        return {
            k: comparable(v)
            for k, v in value.items()
            if k not in PROVENANCE and not (k == "note" and v == GUESSED_CELLS_NOTE)
        }
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return re.sub(r"\s+", " ", value).strip() if isinstance(value, str) else value


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name[:3])
def test_every_row_of_the_text_import_comes_through(source: Path, fmt: str, documents, builder) -> None:
    document = documents(source, fmt)
    converted = convert_document(document)
    draft = parse_source(document, converted, name=f"{document.name}.txt", original=document.name)
    expected = builder.build(parse_source(source), plan_id="p", province_id="nam-dinh").plan
    plan = builder.build(draft, plan_id="p", province_id="nam-dinh").plan

    assert plan["source"]["file"] == f"{document.name}.txt" and plan["source"]["original"] == document.name
    for key in ("tasks", "indicators"):
        got = [comparable(item) for item in plan.get(key, [])]
        want = [comparable(item) for item in expected.get(key, [])]
        assert len(got) == len(want), f"{key}: {len(got)} instead of {len(want)}"
        for index, (item, wanted) in enumerate(zip(got, want, strict=True)):
            assert item == wanted, f"{key}[{index}] (row {wanted.get('label')}) differs"

    def rest(p: dict) -> dict:  # metadata, implements, appendices, sections
        return comparable({k: v for k, v in p.items() if k not in ("tasks", "indicators", "source")})

    assert rest(plan) == rest(expected)
    # the stored text reads the same way again (the validator and the fidelity tests re-read it)
    assert detect_layout(split_lines(converted.text, document)) == converted.layout


def test_the_word_version_really_has_merged_group_rows_and_empty_cells(documents) -> None:
    import docx

    document = docx.Document(str(documents(SOURCES[0], "docx")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    spans = [tc.grid_span for tc in table.rows[1]._tr.tc_lst]
    assert [c.text for c in table.rows[1].cells][:2] == ["I", "Đến năm 2030"] and spans == [1, 4]
    assert any(cell.text == "" for row in table.rows[2:] for cell in row.cells)


def test_the_saved_page_keeps_menus_scripts_and_footer_out(documents) -> None:
    text = convert_document(documents(SOURCES[1], "html")).text
    for noise in ("Trang chủ", "Đăng nhập", "Quảng cáo", "Bản quyền", "Hotline", "color: red"):
        assert noise not in text
    assert text.startswith("Số hiệu | 1534/KH-UBND |\nLoại văn bản | Kế hoạch |\n")
    assert "\xa0" not in text and "&nbsp;" not in text


# --- the command line, with the documents and with broken ones --------------------------


def test_a_word_file_imports_with_its_original_and_text_kept(project: Path, documents) -> None:
    document = documents(SOURCES[1], "docx")
    named = project / "Kế hoạch 1534 Quảng Nam.docx"
    named.write_bytes(document.read_bytes())
    result = import_source(project, named, "quang-nam-kh-1534-2025", "quang-nam")
    assert result.returncode == 0, result.stdout + result.stderr
    sources = project / "data" / "sources"
    assert sorted(p.name for p in sources.iterdir()) == [
        "ke-hoach-1534-quang-nam.docx",
        "ke-hoach-1534-quang-nam.docx.txt",
    ]
    assert (sources / "ke-hoach-1534-quang-nam.docx").read_bytes() == document.read_bytes()
    assert "bố cục pipe; 40 chỉ tiêu, 60 nhiệm vụ, 7 mục." in result.stdout
    registry = load_registry(project / "data", root=project)
    plan = registry.plans["quang-nam-kh-1534-2025"]
    assert (plan.source.file, plan.source.original) == (
        "ke-hoach-1534-quang-nam.docx.txt",
        "ke-hoach-1534-quang-nam.docx",
    )
    text = registry.sources[plan.source.file].lines
    task = plan.tasks[0]
    assert f"{task.title} |" in text[task.source.line : task.source.line_end]  # provenance cites the stored text

    again = import_source(project, named, "quang-nam-kh-1534-2025", "quang-nam", "--force")
    assert again.returncode == 0, again.stdout  # the same document again: the stored files are the same


def _scanned_pdf(path: Path) -> Path:
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(image).rectangle((50, 50, 550, 120), fill=0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    pdf.output(str(path))
    return path


def _encrypted_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=12)
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.cell(text="KẾ HOẠCH")
    pdf.output(str(path))
    return path


def _writes(data: bytes):
    return lambda path: (path.write_bytes(data), path)[1]


BROKEN = {
    "scanned.pdf": (_scanned_pdf, "là ảnh chụp hoặc bản quét, không có lớp chữ"),
    "locked.pdf": (_encrypted_pdf, "tệp PDF có đặt mật khẩu"),
    "cut.pdf": (_writes(b"%PDF-1.7\n1 0 obj\n<<"), "tệp PDF bị hỏng hoặc không phải PDF"),
    "broken.docx": (_writes(b"PK\x03\x04 not really a zip"), "tệp Word bị hỏng"),
    "old.docx": (
        _writes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
        "đây là tệp Word cũ (.doc) hoặc tệp .docx có đặt mật khẩu",
    ),
    "huge.html": (
        _writes(("<html><body>" + "<p>Nhiệm vụ</p>" * 600_000 + "</body></html>").encode()),
        "trang HTML lớn hơn 8 MB",
    ),
    "deep.html": (_writes(("<div>" * 100_000 + "Kế hoạch").encode()), "lồng quá sâu"),
    "many.html": (_writes(("<p>" + "<b>Nhiệm vụ</b>" * 200_000).encode()), "trang HTML quá lớn"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_document_ends_in_one_vietnamese_message_and_changes_nothing(project: Path, name: str) -> None:
    make, message = BROKEN[name]
    document = make(project / name)
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    result = import_source(project, document, "nam-dinh-kh-1-2025", "nam-dinh")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{document}: không đọc được văn bản gốc: " in result.stdout and message in result.stdout
    assert "Không ghi tệp nào." in result.stdout
    assert "Traceback" not in result.stdout + result.stderr and result.stderr == ""
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before


def test_implements_gets_the_titles_and_dates_the_preamble_gives(builder, registry) -> None:
    """Every document the editors recorded with a date gets that date from the "Căn cứ /
    Thực hiện" lines, and its title as the preamble writes it."""
    dated = 0
    for plan_id, plan in registry.plans.items():
        draft = parse_source(ROOT / "data" / "sources" / plan.source.file)
        found = {
            d["number"]: d for d in builder.build(draft, plan_id=plan_id, province_id=plan.province).plan["implements"]
        }
        for doc in plan.implements:
            if doc.number and doc.date:
                assert found[doc.number]["date"] == doc.date, (plan_id, doc.number)
                dated += 1
    assert dated == 12
    tien_giang = parse_source(ROOT / "data" / "sources" / "002_aea82470e0b2daef.txt")
    implements = builder.build(tien_giang, plan_id="p", province_id="tien-giang").plan["implements"]
    assert implements[3] == {
        "number": "180-KH/TU",
        "date": dt.date(2025, 2, 18),
        "title": "Kế hoạch của Ban Thường vụ Tỉnh ủy về học tập, quán triệt, tuyên truyền thực hiện "
        "Nghị quyết số 57-NQ/TW",
    }
    assert implements[0]["title"] == (
        "Nghị quyết của Chính phủ ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW"
    )


def test_a_word_file_as_offices_write_them(tmp_path: Path) -> None:
    """Letterhead and signature in two-column borderless tables, a heading style, a cell
    merged down two rows and Word's automatic numbering: what the review list is told."""
    import docx

    document = docx.Document()
    head = document.add_table(rows=1, cols=2)
    head.rows[0].cells[0].text = "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH"
    head.rows[0].cells[0].add_paragraph("Số: 12/KH-UBND")
    head.rows[0].cells[1].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    head.rows[0].cells[1].add_paragraph("Độc lập - Tự do - Hạnh phúc")
    head.rows[0].cells[1].add_paragraph("Bắc Ninh, ngày 03 tháng 3 năm 2025")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị")
    document.add_heading("I. NHIỆM VỤ", level=1)
    document.add_paragraph("Phát triển hạ tầng số.", style="List Number")
    sign = document.add_table(rows=1, cols=2)
    sign.rows[0].cells[0].text = "Nơi nhận:"
    sign.rows[0].cells[0].add_paragraph("- Lưu: VT.")
    sign.rows[0].cells[1].text = "TM. ỦY BAN NHÂN DÂN"
    for line in ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Văn An"):
        sign.rows[0].cells[1].add_paragraph(line)
    document.add_paragraph("DANH MỤC NHIỆM VỤ")
    table = document.add_table(rows=3, cols=4)
    for row, cells in zip(
        table.rows,
        [("TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian")]
        + [
            ("1", "Xây dựng kho dữ liệu", "Sở Khoa học và Công nghệ", "2025"),
            ("2", "Số hóa hồ sơ", "", "2026"),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    table.rows[1].cells[2].merge(table.rows[2].cells[2])
    table.rows[1].cells[2].text = "Sở Khoa học và Công nghệ"
    path = tmp_path / "bac-ninh.docx"
    document.save(str(path))

    converted = convert_document(path)
    draft = parse_source(path, converted)
    meta = draft.meta
    assert (meta.number, meta.issued_on, meta.doc_type) == ("12/KH-UBND", dt.date(2025, 3, 3), "Kế hoạch")
    assert (meta.signer_name, meta.signer_title) == (
        "Nguyễn Văn An",
        ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    )
    [tasks] = draft.tables
    assert [(r.label, r.values["title"], r.values["lead"], r.values["deadline"]) for r in tasks.rows] == [
        ("1", "Xây dựng kho dữ liệu", "Sở Khoa học và Công nghệ", "2025"),
        ("2", "Số hóa hồ sơ", "Sở Khoa học và Công nghệ", "2026"),
    ]
    assert converted.warnings == (
        "bảng Word, hàng 3: một ô gộp dọc nhiều hàng; chữ của ô được chép cho từng hàng",
        "1 đoạn dùng số thứ tự tự động của Word; số đó không nằm trong chữ của văn bản nên không được nhập. "
        "Hãy chuyển số tự động thành chữ (trong Word: chọn đoạn, bỏ Đánh số rồi gõ lại số; hoặc lưu thành PDF "
        "rồi nhập tệp PDF) và nhập lại",
    )
    assert [b.text for b in draft.blocks if b.kind == "heading"] == ["NHIỆM VỤ"]
