"""Charts in a real browser: a bar is a link to the explorer listing exactly what it counts,
a chart fits a 360 px phone, and printed (print media, A4 width) it keeps its labels."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page

from .test_explorer import settle, shown_count

PHONE = {"width": 360, "height": 740}
A4 = {"width": 794, "height": 1123}  # 210 mm at 96 px per inch

# (page, chart id, which bars to click) — the bars link to the explorer
CLICKS = [
    ("ke-hoach/nam-dinh-kh-29-2025/", "bd-chu-de-nam-dinh-kh-29-2025", (0, 3)),
    ("ke-hoach/tien-giang-kh-69-2025/", "bd-han-tien-giang-kh-69-2025", (0, -1)),
    ("", "bd-tinh-trang-han", (1,)),
    ("so-sanh/", "bd-chu-de", (0,)),
]


@pytest.mark.parametrize(("path", "chart_id", "bars"), CLICKS, ids=[c[1] for c in CLICKS])
def test_clicking_a_bar_opens_the_explorer_with_its_count(
    new_context: Callable[..., BrowserContext],
    site_url: str,
    path: str,
    chart_id: str,
    bars: tuple[int, ...],
    page_errors: list[str],
) -> None:
    page = new_context(viewport=PHONE).new_page()
    for index in bars:
        page.goto(site_url + path)
        hits = page.locator(f"#{chart_id} .gp-chart__hits a")
        assert hits.count() > 0
        hit = hits.nth(index if index >= 0 else hits.count() - 1)
        expected = int(hit.locator("rect").get_attribute("data-n"))
        hit.locator("rect").scroll_into_view_if_needed()
        hit.locator("rect").click()  # a pointer on the bar itself
        page.wait_for_url("**/tra-cuu/**")
        settle(page)
        assert shown_count(page) == expected, page.url
    assert page_errors == []


@pytest.mark.parametrize(
    "path", ["ke-hoach/nam-dinh-kh-29-2025/", "", "so-sanh/", "tinh/da-nang/", "co-quan/loai/so-khcn/"]
)
def test_charts_fit_a_phone_and_a_printed_page(
    new_context: Callable[..., BrowserContext], site_url: str, path: str
) -> None:
    for viewport, media in ((PHONE, "screen"), (A4, "print")):
        page: Page = new_context(viewport=viewport).new_page()
        page.emulate_media(media=media)
        page.goto(site_url + path)
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('figure.gp-chart')].map(f => {
                 const svg = f.querySelector('svg.gp-chart__svg').getBoundingClientRect()
                 const labels = [...f.querySelectorAll('svg.gp-chart__svg text')]
                 return {id: f.id, right: svg.right, width: svg.width,
                         labels: labels.length,
                         unseen: labels.filter(t => t.getBoundingClientRect().width === 0).length,
                         smallest: Math.min(...labels.map(t => t.getBoundingClientRect().height))}
               })"""
        )
        assert boxes, f"{path}: no chart"
        width = page.evaluate("document.documentElement.clientWidth")
        for box in boxes:
            assert box["labels"] > 0 and box["unseen"] == 0, (media, box)
            assert box["right"] <= width + 0.5, f"{media}: chart #{box['id']} overflows ({box['right']} > {width})"
            assert box["smallest"] >= 11, f"{media}: labels of #{box['id']} are {box['smallest']} px high"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{media}: sideways scroll"
