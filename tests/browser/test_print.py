"""Printing a page ("In / Lưu PDF"): Chromium's own PDF of a plan page, read back with pypdf.

The paper keeps the content: no menu, no search, no edit links, no buttons; the first page
opens with what the page is and the print date; source links show where they lead.
The text is read with PDFium (pypdfium2, the same text as pypdf's on these pages, but in a
second rather than some 15 for the plan's ~90 pages), the link annotations with pypdf.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pypdfium2
import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from macros.site import urls

PLAN = "quang-nam-kh-1534-2025"
NAV_LABELS = ("Tra cứu nhiệm vụ", "So sánh các tỉnh", "Hướng dẫn biên tập", "Tìm kiếm")


def flat(text: str) -> str:
    """Text without whitespace: pypdf spaces out glyphs with diacritics ("ph ố"), so the
    checks compare letters only."""
    return "".join(unicodedata.normalize("NFC", text).split())


def printed(page: Page) -> bytes:
    return page.pdf(format="A4", print_background=False)


def page_texts(pdf: bytes) -> list[str]:
    """The flattened text of each printed page."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [flat(p.get_textpage().get_text_bounded()) for p in document]
    finally:
        document.close()


def test_printed_plan_page_is_content_only_and_opens_with_its_identity(
    page: Page, site_url: str, page_errors: list[str]
) -> None:
    page.goto(site_url + urls.page_url(urls.plan(PLAN)))
    title = page.locator("h1").inner_text().removesuffix("¶").strip()
    button = page.get_by_role("button", name="In / Lưu PDF")
    expect(button).to_be_visible()
    expect(page.locator(".gp-print-head")).to_be_hidden()  # paper only
    expect(page.locator(".md-content__button[rel=edit]")).to_have_count(1)  # on screen there is one

    pdf = printed(page)
    pages = page_texts(pdf)
    first, whole = pages[0], "".join(pages)
    assert first.startswith(flat(title)), f"the first printed page does not open with {title!r}"
    assert whole.index(flat(title)) < whole.index(flat("Kế hoạch hành động số 21")), "identity before the notice"
    assert flat("in ngày " + dt.date.today().strftime("%d/%m/%Y")) in first
    assert flat("Ủy ban nhân dân tỉnh Quảng Nam") in first
    for label in NAV_LABELS:
        assert flat(label) not in whole, f"navigation ({label!r}) is printed"
    for label in ("In / Lưu PDF", "Sửa dữ liệu", "Sửa trang này"):
        assert flat(label) not in whole, f"{label!r} is printed"
    links = [
        str(a.get_object().get("/A", {}).get("/URI", ""))
        for p in PdfReader(io.BytesIO(pdf)).pages
        for a in p.get("/Annots") or []
        if a.get_object().get("/Subtype") == "/Link"
    ]
    assert links and not [u for u in links if "/edit/" in u or "github.dev" in u], "an edit link is printed"
    # source references show where they lead: the source page's lines, the lineage report
    assert f"/van-ban/{PLAN}/#nv-1)" in whole  # "Xem văn bản gốc (dòng …)" of task 1, with its address
    assert "vnexpress.net/da-nang-dat-muc-tieu-kinh-te-so" in whole
    assert page_errors == []


@pytest.mark.parametrize("src", [urls.province("da-nang"), "co-quan/nam-dinh/so-khcn.md"])
def test_print_button_on_province_and_agency_pages(page: Page, site_url: str, src: str) -> None:
    page.goto(site_url + urls.page_url(src))
    expect(page.get_by_role("button", name="In / Lưu PDF")).to_be_visible()
    first = page_texts(printed(page))[0]
    assert first.startswith(flat(page.locator("h1").inner_text().removesuffix("¶")))
    assert flat("Tra cứu nhiệm vụ") not in first
