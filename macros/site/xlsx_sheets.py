"""The workbook's table sheets written as openpyxl writes them, without a cell object per value.

openpyxl spends ~25 µs on each cell (a Cell, its type checks, an lxml element): seconds for
the national sample's 240,000 cells, the largest single part of a build. Here the rows
of a sheet's <sheetData> are spelled directly, byte for byte as openpyxl writes them in
write-only mode with lxml (inline strings, ASCII with character references, dates as day
numbers in the workbook's date style); openpyxl still writes everything else of the
package (styles, workbook, the guide sheet). A value of a kind not spelled here (neither
text, number, truth value, date nor empty) or text openpyxl refuses makes `rows_xml`
return None: the caller then lets openpyxl write that sheet, which raises its own error.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

MAX_TEXT = 32767  # openpyxl keeps the first 32,767 characters of a text cell
DATE_STYLE = 1  # the workbook's one cell style: dates as yyyy-mm-dd
_SHEET_DATA = re.compile(rb"<sheetData>.*</sheetData>|<sheetData/>", re.DOTALL)
CORE_PROPERTIES = "docProps/core.xml"
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


class Unspelled(Exception):
    """A value this module does not write the way openpyxl would."""


def _text(value: str) -> str:
    if ILLEGAL_CHARACTERS_RE.search(value):
        raise Unspelled
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _after_ref(value: Any) -> str:
    """A cell's markup after its column and row (`<c r="A1`), from the reference's closing quote."""
    if isinstance(value, str):
        value = value[:MAX_TEXT]
        if value == "":
            return '" t="inlineStr"></c>'
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'" t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>'
    if isinstance(value, bool):
        return f'" t="b"><v>{value:d}</v></c>'
    if isinstance(value, int | float) and math.isfinite(value):
        return f'" t="n"><v>{value:.16g}</v></c>'
    if type(value) is dt.date:
        return f'" s="{DATE_STYLE}" t="n"><v>{to_excel(value):.16g}</v></c>'
    raise Unspelled


def rows_xml(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> bytes | None:
    """A sheet's <sheetData>: the column names, then one row per record; None when a value
    is not one this module spells (see the module docstring)."""
    starts = [f'<c r="{get_column_letter(i)}'.encode("ascii") for i in range(1, len(columns) + 1)]
    # a value's markup (ASCII, other characters as references), made once: names, codes,
    # ids and dates repeat down a column; by exact type, so True and 1 stay apart (floats
    # are not kept: 0.0 and -0.0 are equal keys)
    made: dict[type, dict[Any, bytes]] = {str: {}, int: {}, dt.date: {}}
    out = [b"<sheetData>"]
    try:
        for number, values in enumerate([dict(zip(columns, columns, strict=True)), *rows], 1):
            row = b"%d" % number
            cells = []
            for start, column in zip(starts, columns, strict=True):
                value = values[column]
                if value is None:
                    continue
                if (known := made.get(type(value))) is None:
                    tail = _after_ref(value).encode("ascii", "xmlcharrefreplace")
                elif (tail := known.get(value)) is None:
                    tail = known[value] = _after_ref(value).encode("ascii", "xmlcharrefreplace")
                cells.append(start + row + tail)
            out.append(b'<row r="%s">%s</row>' % (row, b"".join(cells)))
    except Unspelled:
        return None
    out.append(b"</sheetData>")
    return b"".join(out)


def has_date(rows: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The first record holding a date (written by openpyxl too, so the workbook gets its date style)."""
    return next((row for row in rows if any(type(v) is dt.date for v in row.values())), None)


def replace_sheet_data(package: bytes, sheets: dict[str, bytes], written: dt.datetime) -> bytes:
    """The package with each named member's <sheetData> replaced and its time of writing set
    to `written` (the members' times and the modified date openpyxl sets at saving), every
    other byte of every member and each member's entry (name, order, compression) kept: the
    same data gives the same file."""
    stamp = written.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if (rows := sheets.get(info.filename)) is not None:
                data = _SHEET_DATA.sub(lambda _, rows=rows: rows, data, count=1)
            elif info.filename == CORE_PROPERTIES:
                data = _MODIFIED.sub(lambda mt: mt.group(1) + stamp + mt.group(2), data, count=1)
            info.date_time = written.timetuple()[:6]
            new.writestr(info, data)
    return out.getvalue()
