"""Word files (.docx) -> paragraphs and grids for `formats.render`.

python-docx gives the body in order. Table rows are read from their cells as Word
stores them, so a cell merged across columns (a group row "I | Đến năm 2030") is one
text followed by empty cells, and an empty cell stays empty. A cell merged down
several rows holds its text in the first row only; it is repeated for the rows below
and the review list says so.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from macros.editing.importer.draft import SourceFormatError
from macros.editing.importer.formats import Extracted, Grid, Para

MAX_UNPACKED = 64 * 1024 * 1024  # a zip bomb is refused before python-docx unpacks it


def read_docx(path: Path) -> Extracted:
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise SourceFormatError(path, 0, "tệp Word giải nén ra hơn 64 MB; không phải một văn bản kế hoạch")
            if any(info.flag_bits & 0x1 for info in archive.infolist()):
                raise SourceFormatError(path, 0, _ENCRYPTED)
    except zipfile.BadZipFile:
        if path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE: .doc or an encrypted .docx
            raise SourceFormatError(path, 0, _OLD_OR_ENCRYPTED) from None
        raise SourceFormatError(path, 0, _BROKEN) from None
    try:
        import docx  # imported here: only this reader needs it

        document = docx.Document(str(path))
        return _extract(document)
    except SourceFormatError:
        raise
    except Exception as error:  # noqa: BLE001 - any broken part of the package ends in one message
        raise SourceFormatError(path, 0, f"{_BROKEN} ({type(error).__name__})") from None


_BROKEN = (
    "tệp Word bị hỏng hoặc không phải tệp .docx; hãy mở tệp trong Word hoặc LibreOffice, "
    "chọn Lưu thành (Save As) định dạng .docx rồi nhập lại"
)
_ENCRYPTED = "tệp Word có đặt mật khẩu; hãy bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu) rồi nhập lại"
_OLD_OR_ENCRYPTED = (
    "đây là tệp Word cũ (.doc) hoặc tệp .docx có đặt mật khẩu; hãy mở trong Word hoặc LibreOffice, "
    "bỏ mật khẩu nếu có và lưu thành .docx rồi nhập lại"
)


def _extract(document) -> Extracted:
    from docx.table import Table

    extracted = Extracted()
    numbered = 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            extracted.pieces.append(_grid(item, extracted))
            continue
        if item.text.strip() and _numbered(item):
            numbered += 1
        extracted.pieces.append(Para(item.text, heading=_is_heading(item)))
    if numbered:
        extracted.warnings.append(
            f"{numbered} đoạn dùng số thứ tự tự động của Word; số đó không nằm trong chữ của văn bản nên không "
            "được nhập. Hãy chuyển số tự động thành chữ (trong Word: chọn đoạn, bỏ Đánh số rồi gõ lại số; "
            "hoặc lưu thành PDF rồi nhập tệp PDF) và nhập lại"
        )
    return extracted


def _numbered(paragraph) -> bool:
    """Word numbers the paragraph itself (its own numbering or its style's, e.g. "List Number")."""
    if paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        return True
    style = paragraph.style
    while style is not None:
        if style.element.pPr is not None and style.element.pPr.numPr is not None:
            return True
        style = style.base_style
    return False


def _is_heading(paragraph) -> bool:
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    if style.startswith(("Heading", "Title")):
        return True
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _grid(table, extracted: Extracted) -> Grid:
    from docx.table import _Cell

    rows: list[tuple[tuple[str, ...], ...]] = []
    above: dict[int, tuple[str, ...]] = {}  # grid column -> the cell text of the row above
    for number, tr in enumerate(table._tbl.tr_lst, start=1):
        cells: list[tuple[str, ...]] = []
        column = 0
        for tc in tr.tc_lst:
            span = max(1, tc.grid_span)
            if tc.vMerge == "continue":
                lines = above.get(column, ())
                if any(lines):
                    extracted.warnings.append(
                        f"bảng Word, hàng {number}: một ô gộp dọc nhiều hàng; chữ của ô được chép cho từng hàng"
                    )
            else:
                lines = tuple(_cell_lines(_Cell(tc, table)))
            cells.append(lines)
            cells.extend(() for _ in range(span - 1))
            above[column] = lines
            column += span
        rows.append(tuple(cells))
    return Grid(tuple(rows))


def _cell_lines(cell) -> list[str]:
    """Paragraph texts of a cell, with the paragraphs of a table nested in it."""
    from docx.table import Table

    lines: list[str] = []
    for item in cell.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for inner in row.cells:
                    lines.extend(_cell_lines(inner))
        else:
            lines.append(item.text)
    return lines
