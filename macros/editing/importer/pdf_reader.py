"""PDF files with a text layer -> paragraphs and grids for `formats.render`.

pdfplumber finds the ruled tables of each page and the text lines outside them. A PDF
line is a line of print, not a paragraph: lines are joined into a paragraph while the
line above runs to the right margin and the next follows at the normal line spacing
(a short line, a larger gap or an indent starts a new paragraph). A line set in bold
as a whole is a heading. A scanned PDF has no text layer: it is refused with a message
saying what to do instead.
"""

from __future__ import annotations

from pathlib import Path

from macros.editing.importer.draft import SourceFormatError
from macros.editing.importer.formats import Extracted, Grid, Para
from macros.editing.importer.labels import narrative_label
from macros.editing.importer.textual import ends_sentence

MAX_PAGES = 500
SCANNED = (
    "tệp PDF này là ảnh chụp hoặc bản quét, không có lớp chữ nên không đọc được chữ nào. "
    "Hãy xin cơ quan ban hành bản Word (.docx) hoặc bản PDF có lớp chữ (chọn được chữ khi bôi đen), "
    "hoặc tìm văn bản trên thuvienphapluat.vn / vbpl.vn và lưu trang (.html); "
    "nếu chỉ có bản quét, hãy nhận dạng chữ (OCR) rồi soát lại từng dòng với bản giấy trước khi nhập"
)
ENCRYPTED = "tệp PDF có đặt mật khẩu; hãy xin bản không đặt mật khẩu (hoặc mở bằng mật khẩu rồi in ra PDF mới)"
BROKEN = "tệp PDF bị hỏng hoặc không phải PDF; hãy tải lại tệp hoặc xin bản khác"


def read_pdf(path: Path) -> Extracted:
    try:
        import pdfplumber  # imported here: only this reader needs it

        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise SourceFormatError(path, 0, f"tệp PDF có hơn {MAX_PAGES} trang; không phải một văn bản kế hoạch")
            return _extract(pdf, path)
    except SourceFormatError:
        raise
    except Exception as error:  # noqa: BLE001 - a broken or locked file ends in one message
        name = type(error).__name__
        causes = f"{name} {error!r} {error.__cause__!r} {error.__context__!r}"  # pdfplumber wraps pdfminer's
        locked = "Password" in causes or "Encrypt" in causes
        raise SourceFormatError(path, 0, ENCRYPTED if locked else f"{BROKEN} ({name})") from None


def _extract(pdf, path: Path) -> Extracted:
    extracted = Extracted()
    empty_pages: list[int] = []
    previous = None  # the last text line read, while it may continue on the next line
    for number, page in enumerate(pdf.pages, start=1):
        if not page.chars:
            empty_pages.append(number)
            continue
        tables = page.find_tables()
        boxes = [t.bbox for t in tables]

        def outside(obj, boxes=boxes) -> bool:
            x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

        lines = page.filter(outside).extract_text_lines(return_chars=True)
        items = [(line["top"], "line", line) for line in lines] + [(t.bbox[1], "table", t) for t in tables]
        left = min((line["x0"] for line in lines), default=0)
        right = max((line["x1"] for line in lines), default=page.width)
        for _, kind, item in sorted(items, key=lambda entry: entry[0]):
            if kind == "table":
                extracted.pieces.append(Grid(tuple(_row(row) for row in item.extract())))
                previous = None
                continue
            bold = all("Bold" in c.get("fontname", "") for c in item["chars"] if c["text"].strip())
            if previous is not None and _continues(previous, item, left, right):
                last = extracted.pieces[-1]
                extracted.pieces[-1] = Para(f"{last.text} {item['text']}", heading=last.heading and bold)
            else:
                extracted.pieces.append(Para(item["text"], heading=bold))
            previous = item
    if len(empty_pages) == len(pdf.pages):
        raise SourceFormatError(path, 0, SCANNED)
    if empty_pages:
        pages = ", ".join(map(str, empty_pages))
        extracted.warnings.append(
            f"trang {pages} của tệp PDF không có lớp chữ (ảnh quét); nội dung các trang đó không được nhập, "
            "hãy đối chiếu với bản giấy"
        )
    return extracted


def _row(cells: list[str | None]) -> tuple[tuple[str, ...], ...]:
    """A table row; None is a position covered by a merged cell: an empty cell."""
    return tuple(tuple(cell.split("\n")) if cell else () for cell in cells)


def _continues(above: dict, line: dict, left: float, right: float) -> bool:
    """The line goes on the paragraph of the line above: that line is full (reaches the
    right margin), the next is not indented and follows at line spacing (or opens the
    next page without starting a new numbered item)."""
    width = right - left
    if above["x1"] < right - 0.06 * width or line["x0"] > left + 0.02 * width:
        return False
    height = above["bottom"] - above["top"]
    gap = line["top"] - above["bottom"]
    if 0 <= gap <= 0.6 * height:
        return True
    next_page = line["top"] < above["top"]
    return next_page and not (ends_sentence(above["text"]) and narrative_label(line["text"]) is not None)
