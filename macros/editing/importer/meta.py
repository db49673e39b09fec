"""Front and back matter: what the document is, who signed it, where its narrative is.

The front matter (database header, letterhead, number, place and date, the heading
"KẾ HOẠCH" and the title) and the back matter (recipients "Nơi nhận", signature block)
are read into DocMeta and kept out of the narrative blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from macros.data.text import fold
from macros.editing.importer.draft import DocMeta
from macros.editing.importer.entries import Entry
from macros.editing.importer.labels import is_all_caps, narrative_label
from macros.editing.importer.textual import join_pieces, looks_like_name, looks_like_signature_title

# Document types a body heading may name (folded), longest first.
_DOC_TYPES = (
    "chuong trinh hanh dong",
    "ke hoach hanh dong",
    "ke hoach",
    "chuong trinh",
    "quyet dinh",
    "nghi quyet",
    "chi thi",
    "de an",
    "bao cao",
    "huong dan",
)
_NUMBER_LINE = re.compile(r"^Số\s*:\s*(.*)$")
_NUMBER = re.compile(r"^(\d[\w.\-]*/[\w.\-/]+)")
_DATE_LINE = re.compile(r"^[^\d,]{2,40},\s*ngày\b.*\bnăm\s+\d{4}$")
_FULL_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_CAPTION = re.compile(r"\bsố\s+(\d[\w.\-]*/[\w.\-/]+)\s+ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_HEADER_KEY_MAX = 40
_HEADING_WINDOW = 15


@dataclass(frozen=True)
class Parts:
    meta: DocMeta
    body: list[Entry]  # the narrative entries
    skipped: list[tuple[int, int, str]]


def _doc_type(text: str) -> str | None:
    """'KẾ HOẠCH' -> 'Kế hoạch': a capitalised line that names a document type."""
    if not is_all_caps(text) or fold(text).strip() not in _DOC_TYPES:
        return None
    return text[:1].upper() + text[1:].lower()


def _is_letterhead(text: str) -> bool:
    """Issuer, motto, number, place and date; a numbered heading is already narrative."""
    if narrative_label(text) is not None:
        return False
    return (
        is_all_caps(text)
        or bool(_NUMBER_LINE.match(text))
        or bool(_DATE_LINE.match(text))
        or fold(text).startswith("doc lap")
    )


def _database_header(entries: list[Entry]) -> tuple[int, str | None, dict[str, str]]:
    """A legal-database export (000): title line(s), then "Key | Value |" rows."""
    first = next((k for k, e in enumerate(entries) if e.cells is not None), None)
    if first is None or first > 2:
        return 0, None, {}
    header: dict[str, str] = {}
    k = first
    while (
        k < len(entries)
        and entries[k].cells is not None
        and len(entries[k].cells) == 2
        and 0 < len(entries[k].cells[0]) <= _HEADER_KEY_MAX
    ):
        header[entries[k].cells[0]] = entries[k].cells[1]
        k += 1
    if len(header) < 2:
        return 0, None, {}
    return k, join_pieces([e.text for e in entries[:first]]) or None, header


def _front(entries: list[Entry]) -> tuple[int, str | None, str | None, dict[str, str]]:
    """(index of the first narrative entry, doc type, title, database header)."""
    start, title, header = _database_header(entries)
    for k in range(start, min(start + _HEADING_WINDOW, len(entries))):
        doc_type = _doc_type(entries[k].text) if entries[k].cells is None else None
        if doc_type is None:
            continue
        end = k + 1
        if end < len(entries) and entries[end].cells is None:
            end += 1
            if is_all_caps(entries[k + 1].text):  # a capitalised title may wrap
                while end < len(entries) and entries[end].cells is None and is_all_caps(entries[end].text):
                    end += 1
            title = join_pieces([e.text for e in entries[k + 1 : end]])
        return end, doc_type, title, header
    k = start
    while k < len(entries) and (entries[k].cells is not None or _is_letterhead(entries[k].text)):
        k += 1
    return k, header.get("Loại văn bản"), title, header


def _number_and_date(front: list[Entry]) -> tuple[str | None, str | None, str | None, date | None]:
    number_raw = number = date_raw = None
    for text in (t for e in front for t in (e.cells if e.cells is not None else (e.text,))):
        if number_raw is None and (match := _NUMBER_LINE.match(text)):
            number_raw = text
            found = _NUMBER.match(match.group(1).strip())
            number = found.group(1) if found else None
        if date_raw is None and _DATE_LINE.match(text):
            date_raw = text
    issued = _FULL_DATE.search(date_raw) if date_raw else None
    issued_on = date(int(issued.group(3)), int(issued.group(2)), int(issued.group(1))) if issued else None
    return number, number_raw, date_raw, issued_on


def _caption_number(captions: list[str]) -> tuple[str | None, date | None]:
    for caption in captions:
        if match := _CAPTION.search(caption):
            day, month, year = (int(match.group(i)) for i in (2, 3, 4))
            return match.group(1), date(year, month, day)
    return None, None


def split_document(entries: list[Entry], captions: list[str]) -> Parts:
    """Separate front matter, narrative and back matter, and read the metadata."""
    start, doc_type, title, header = _front(entries)
    end = len(entries)
    while end > start and entries[end - 1].cells is not None:  # a signature stub in cells
        end -= 1
    titles = [c for e in entries[end:] for c in e.cells or () if looks_like_signature_title(c)]
    signer = None
    if end > start and entries[end - 1].cells is None and looks_like_name(entries[end - 1].text):
        signer, end = entries[end - 1].text, end - 1
    above: list[str] = []  # the signature titles (also without a name: a Word or PDF signature block)
    while end > start and entries[end - 1].cells is None and looks_like_signature_title(entries[end - 1].text):
        above.insert(0, entries[end - 1].text)
        end -= 1
    titles = above + titles
    skipped: list[tuple[int, int, str]] = []
    recipients = next((k for k in range(start, end) if fold(entries[k].text).startswith("noi nhan")), None)
    if recipients is not None:
        skipped.append((entries[recipients].line, entries[end - 1].line_end, "recipients list (Nơi nhận)"))
        end = recipients
    number, number_raw, date_raw, issued_on = _number_and_date(entries[:start])
    caption_number, caption_date = _caption_number(captions)
    meta = DocMeta(
        doc_type=doc_type,
        title=title,
        number=number,
        number_raw=number_raw,
        date_raw=date_raw,
        issued_on=issued_on,
        caption_number=caption_number,
        caption_date=caption_date,
        signer_name=signer or header.get("Người ký"),
        signer_title=tuple(titles),
        header=MappingProxyType(header),
    )
    return Parts(meta, entries[start:end], skipped)
