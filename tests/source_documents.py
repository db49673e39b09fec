"""Word, PDF and HTML versions of a real source, made from its text-layout reading.

The tests import these as an editor would import the document they received and check
that the result is the text import's, row for row. Each version is built the way such
documents are: narrative lines as paragraphs (Markdown headings as Word headings / bold),
letterhead and signature cells as small tables, the document-properties header as a
two-column table, and each appendix as a real table whose group rows are cells merged
across the columns (empty cells left empty).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from macros.editing.importer import SourceDraft, Table, parse_source
from macros.editing.importer.entries import entries_of
from macros.editing.importer.source import MARKDOWN, read_lines
from macros.editing.importer.tables import find_tables
from macros.editing.importer.textual import strip_markdown

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


@dataclass(frozen=True)
class Paragraph:
    text: str
    heading: bool = False


@dataclass(frozen=True)
class Cells:
    """Consecutive cell lines of the pipe layout (letterhead, header, signature)."""

    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Appendix:
    """An appendix table: header, then rows; a row is (cells, merged) where merged says
    the last cell covers the remaining columns (a group row)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[tuple[str, ...], bool], ...]


def document_parts(source: Path) -> tuple[SourceDraft, list[Paragraph | Cells | Appendix]]:
    """The source's text-layout draft and its content as document parts, in order."""
    draft = parse_source(source)
    lines = read_lines(source)
    spans = find_tables(lines)[0] if draft.tables else []
    parts: list[Paragraph | Cells | Appendix] = []
    number = 1
    for span, table in [*zip(spans, draft.tables, strict=True), (None, None)]:
        stop = span.header if span else len(lines) + 1
        _text_parts(lines, range(number, stop), draft.layout, parts)
        if span is None:
            break
        parts.append(_appendix(table))
        number = span.end + 1
        # footnotes after a table are text again
    return draft, parts


def _text_parts(lines: tuple[str, ...], numbers: range, layout: str, parts: list) -> None:
    for entry in entries_of(lines, numbers, layout):
        if entry.cells is not None:
            previous = parts[-1] if parts else None
            if isinstance(previous, Cells) and len(previous.rows[0]) == len(entry.cells):
                parts[-1] = Cells((*previous.rows, entry.cells))
            else:
                parts.append(Cells((entry.cells,)))
        elif layout == MARKDOWN:
            text, marked = strip_markdown(lines[entry.line - 1])
            parts.append(Paragraph(text, marked))
        else:
            parts.append(Paragraph(entry.text))


def _appendix(table: Table) -> Appendix:
    width = len(table.columns)
    items: list[tuple[int, tuple[tuple[str, ...], bool]]] = []
    for group in table.groups:
        cells = (group.title,) if group.label is None else (group.label, group.title)
        items.append((group.line, (cells, True)))
    for row in table.rows:
        values = tuple(row.values[key] or "" for key in table.keys[1:])
        assert len(values) == width - 1
        items.append((row.line, ((row.label, *values), False)))
    return Appendix(table.columns, tuple(item for _, item in sorted(items, key=lambda pair: pair[0])))


def properties_of(draft: SourceDraft) -> list[tuple[str, str]]:
    """The document-properties table a legal database shows for this document."""
    if draft.meta.header:
        return list(draft.meta.header.items())
    meta = draft.meta
    number = meta.number or meta.caption_number or "Đang cập nhật"
    issued = meta.issued_on or meta.caption_date
    return [
        ("Số hiệu", number),
        ("Loại văn bản", meta.doc_type or "Kế hoạch"),
        ("Nơi ban hành", "Ủy ban nhân dân tỉnh"),
        ("Người ký", meta.signer_name or "Đang cập nhật"),
        ("Ngày ban hành", issued.strftime("%d/%m/%Y") if issued else "Đang cập nhật"),
    ]


# --- Word ------------------------------------------------------------------------------


def write_docx(source: Path, target: Path) -> Path:
    import docx

    _, parts = document_parts(source)
    document = docx.Document()
    for part in parts:
        if isinstance(part, Paragraph):
            if part.heading:
                document.add_heading(part.text, level=2)
            else:
                document.add_paragraph(part.text)
        elif isinstance(part, Cells):
            table = document.add_table(rows=0, cols=len(part.rows[0]))
            for cells in part.rows:
                row = table.add_row()
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = text
        else:
            width = len(part.columns)
            table = document.add_table(rows=1, cols=width)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, part.columns, strict=True):
                cell.text = text
            for cells, merged in part.rows:
                row = table.add_row()
                for cell, text in zip(row.cells, cells, strict=False):
                    cell.text = text
                if merged:
                    row.cells[len(cells) - 1].merge(row.cells[width - 1])
                    row.cells[len(cells) - 1].text = cells[-1]
    document.save(str(target))
    return target


# --- HTML (a page saved from a legal-document website) ------------------------------------


def write_html(source: Path, target: Path) -> Path:
    draft, parts = document_parts(source)
    e = html.escape
    properties = properties_of(draft)
    body: list[str] = []
    if draft.meta.header:  # the lines above the header are the page's title (<h1>)
        parts = parts[next(i for i, p in enumerate(parts) if isinstance(p, Cells)) :]
    for part in parts:
        if isinstance(part, Paragraph):
            text = e(part.text).replace(" ", "&nbsp;", 1)  # as the site writes the first space
            body.append(f'<p style="margin-top:6pt"><b>{text}</b></p>' if part.heading else f"<p>{text}</p>")
        elif isinstance(part, Cells):
            if [tuple(cells) for cells in part.rows] == [(k, v) for k, v in properties[: len(part.rows)]]:
                continue  # the database header: shown in the properties table instead
            rows = "".join(
                "<tr>" + "".join(f"<td><p>{_with_break(e(c))}</p></td>" for c in cells) + "</tr>" for cells in part.rows
            )
            body.append(f'<table border="0" cellpadding="0">{rows}</table>')
        else:
            width = len(part.columns)
            rows = ["<tr>" + "".join(f"<td><b>{e(c)}</b></td>" for c in part.columns) + "</tr>"]
            for cells, merged in part.rows:
                tds = [f"<td>{e(c) or '&nbsp;'}</td>" for c in cells[:-1]]
                span = f' colspan="{width - len(cells) + 1}"' if merged else ""
                tds.append(f"<td{span}>{_with_break(e(cells[-1])) or '&nbsp;'}</td>")
                rows.append("<tr>" + "".join(tds) + "</tr>")
            body.append('<table border="1" cellspacing="0">' + "".join(rows) + "</table>")
    props = "".join(f"<tr><td><b>{e(k)}:</b></td><td>{e(v)}</td></tr>" for k, v in properties)
    title = f"<h1>{e(draft.meta.title)}</h1>" if draft.meta.header and draft.meta.title else ""
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{e(draft.meta.title or "")}</title>
<style>.menu {{ color: red }}</style>
<script>var banner = "<p>Đăng nhập để xem toàn văn</p>";</script></head>
<body>
<div id="header"><ul class="menu"><li><a href="/">Trang chủ</a></li><li>Văn bản mới</li></ul></div>
<div class="breadcrumb">Trang chủ › Văn bản › Công nghệ thông tin</div>
{title}
<div id="tab4"><table class="tbl-thuoctinh">{props}</table></div>
<div id="divContentDoc"><div class="content1"><div>
{"".join(body)}
</div></div></div>
<div id="footer"><p>Bản quyền thuộc về Thư viện Pháp luật.</p><p>Hotline: 1900 0000</p></div>
<script>document.write("<p>Quảng cáo</p>");</script>
</body></html>
"""
    target.write_text(page, encoding="utf-8")
    return target


def _with_break(text: str) -> str:
    """A long cell as the site writes it: its first comma followed by a line break."""
    return text.replace(", ", ",<br>\n", 1) if len(text) > 80 else text


# --- PDF ---------------------------------------------------------------------------------


def write_pdf(source: Path, target: Path) -> Path:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    _, parts = document_parts(source)
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_auto_page_break(True, margin=12)
    pdf.set_margins(12, 12, 12)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.add_page()
    pdf.set_font("DejaVu", size=9)
    for part in parts:
        if isinstance(part, Paragraph):
            pdf.set_font("DejaVu", "B" if part.heading else "", 9)
            pdf.multi_cell(0, 4.5, part.text, align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)
            pdf.set_font("DejaVu", "", 9)
            continue
        rows = [part.columns] if isinstance(part, Appendix) else []
        spans: list[tuple[tuple[str, ...], bool]] = (
            list(part.rows) if isinstance(part, Appendix) else [(cells, False) for cells in part.rows]
        )
        width = len(part.columns) if isinstance(part, Appendix) else len(part.rows[0])
        widths = _column_widths(part) if isinstance(part, Appendix) else None
        with pdf.table(
            col_widths=widths,
            repeat_headings=0,
            first_row_as_headings=False,
            line_height=4.5,
            text_align="LEFT",
            headings_style=FontFace(emphasis=None),
        ) as table:
            for cells in rows:
                row = table.row()
                for text in cells:
                    row.cell(text)
            for cells, merged in spans:
                row = table.row()
                for text in cells[:-1]:
                    row.cell(text)
                row.cell(cells[-1], colspan=width - len(cells) + 1 if merged else 1)
        pdf.ln(3)
    pdf.output(str(target))
    return target


def _column_widths(part: Appendix) -> tuple[int, ...]:
    """Wider columns for longer texts, TT narrow."""
    longest = [
        max([len(part.columns[i])] + [len(c[i]) for c, m in part.rows if not m and i < len(c)])
        for i in range(len(part.columns))
    ]
    return tuple(max(14, min(60, n)) for n in longest)
