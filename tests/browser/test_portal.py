"""The portal as a citizen uses it: on a phone, by following links, on the comparison page.

Runs on the real site (built once per session, see tests/conftest.py) served on 127.0.0.1.
The harness fails any test whose pages ask for something outside 127.0.0.1; `page_errors`
collects uncaught exceptions and console errors (a missing file shows up there as a 404).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from .test_explorer import settle, shown_count

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# One page of each kind, with what a reader must be able to see on it.
PAGE_TYPES = {
    "home": ("", ".gp-plan-card"),
    "plans-index": ("ke-hoach/", ".gp-plan-card"),
    "plan": ("ke-hoach/nam-dinh-kh-29-2025/", ".gp-task, .gp-indicators tbody tr"),
    "agency": ("co-quan/nam-dinh/so-khcn/", ".gp-task-row, .gp-indicators tbody tr"),
    "agency-kind": ("co-quan/loai/so-khcn/", ".gp-table tbody tr, .gp-task-row"),
    "topic": ("chu-de/chinh-quyen-so/", ".gp-task-row, .gp-indicators tbody tr"),
    "province": ("tinh/nam-dinh/", ".gp-plan-card"),
    "compare": ("so-sanh/", "[data-gp-compare] tbody tr"),
    "source": ("van-ban/nam-dinh-kh-29-2025/", ".gp-source__entity"),
    "open-data": ("du-lieu/", ".gp-table tbody tr"),
    "agencies-index": ("co-quan/", ".gp-table tbody tr"),
    "topics-index": ("chu-de/", ".gp-grid tbody th"),
    "provinces-index": ("tinh/", ".gp-table tbody tr"),
    "sources-index": ("van-ban/", ".gp-list li"),
    "guide": ("huong-dan/thong-bao-loi/", "table tbody tr"),
    "not-found": ("404.html", "article li a"),
}
PAGE_IDS = list(PAGE_TYPES)

# Where each [data-province] cell of the comparison tables and charts is rendered (display:
# none leaves no client rects), per province: {"nam-dinh": [visible, total], …}. Rows folded
# away because no chosen province has a value in them (tests/browser/test_compare_phone.py)
# are left out. The charts' data tables are opened first: a closed disclosure hides them
# from everyone alike.
COLUMN_VISIBILITY_JS = """() => {
  for (const details of document.querySelectorAll("[data-gp-compare] details")) details.open = true
  const out = {}
  for (const cell of document.querySelectorAll("[data-gp-compare] [data-province]")) {
    if (cell.closest("tr[hidden], tbody[hidden]")) continue
    const id = cell.dataset.province
    out[id] = out[id] || [0, 0]
    out[id][1] += 1
    if (cell.getClientRects().length > 0) out[id][0] += 1
  }
  return out
}"""


def open_page(new_context: Callable[..., BrowserContext], url: str, **options: object) -> Page:
    page = new_context(**options).new_page()
    page.goto(url)
    return page


def title_text(task: Locator) -> str:
    """A task card's title without its number badge ("1 Xây dựng…" -> "Xây dựng…")."""
    return task.locator(".gp-task__title").evaluate(
        "h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('gp-task__label')))"
        ".map(n => n.textContent).join('').trim()"
    )


def column_visibility(page: Page) -> dict[str, list[int]]:
    return page.evaluate(COLUMN_VISIBILITY_JS)


def assert_columns(page: Page, shown: list[str], every: list[str]) -> None:
    columns = column_visibility(page)
    assert sorted(columns) == sorted(every), columns
    for province, (visible, total) in columns.items():
        expected = total if province in shown else 0
        assert visible == expected, f"{province}: {visible} of {total} cells visible, wanted {expected}"


# ------------------------------------------------------------------ following links


def test_home_to_plan_to_lead_agency_and_back(page: Page, site_url: str, page_errors: list[str]) -> None:
    page.goto(site_url)
    page.locator(".gp-plan-card .gp-card__title a", has_text="Nam Định").click()
    expect(page).to_have_url(re.compile(r"/ke-hoach/nam-dinh-[^/]+/$"))
    expect(page.locator('meta[name="description"]')).to_have_attribute("content", re.compile("Nam Định"))
    expect(page.locator("a.md-content__button[rel=edit]")).to_have_count(1)

    # The first task card that names a lead agency the portal recognised.
    lead_links = "dl.gp-task__facts > div:has(> dt:text-is('Chủ trì')) .gp-cell__links a"
    task = page.locator("article.gp-task").filter(has=page.locator(lead_links)).first
    expect(task).to_be_visible()
    task_id = task.get_attribute("id")
    title = title_text(task)
    lead = task.locator(lead_links).first
    lead.locator("xpath=ancestor::details[1]/summary").click()  # the agencies' pages, folded under the cell
    agency_url, agency_name = lead.evaluate("a => [a.href, a.textContent.trim()]")
    lead.click()

    expect(page).to_have_url(agency_url)
    expect(page.locator("h1")).to_contain_text(agency_name)
    # The task is listed under "Nhiệm vụ chủ trì" (between h2#chu-tri and h2#phoi-hop), by its text.
    led_rows = page.locator(
        "xpath=//h2[@id='chu-tri']/following-sibling::ul[contains(@class, 'gp-task-rows')]"
        "[following-sibling::h2[@id='phoi-hop']]/li"
    )
    row = led_rows.filter(has_text=title)
    expect(row).to_have_count(1)

    # …and its link leads back to the card, which the page marks as the cited one.
    row.locator(".gp-task-row__title").click()
    expect(page).to_have_url(re.compile(rf"/ke-hoach/nam-dinh-[^/]+/#{re.escape(task_id)}$"))
    target = page.locator("article.gp-task:target")
    expect(target).to_have_attribute("id", task_id)
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") != page.locator(
        f"article.gp-task:not(#{task_id})"
    ).first.evaluate("el => getComputedStyle(el).backgroundColor"), "the cited task card is not highlighted"
    assert page_errors == []


# ------------------------------------------------------------------ comparison picker


def test_compare_picker_filters_columns_and_keeps_choice_in_url(
    page: Page, site_url: str, page_errors: list[str]
) -> None:
    page.goto(site_url + "so-sanh/")
    picker = page.locator("[data-gp-picker]")
    expect(picker).to_be_visible()  # compare.js ran and un-hid it
    boxes = picker.locator('input[name="tinh"]')
    every = [box.get_attribute("value") for box in boxes.all()]
    assert len(every) >= 3, every
    assert_columns(page, every, every)  # all ticked at first

    keep = every[1:3]
    for box in boxes.all():
        if box.get_attribute("value") not in keep:
            box.uncheck()
    expect(page).to_have_url(re.compile(r"\?tinh=" + re.escape(",".join(keep)) + "$"))
    assert_columns(page, keep, every)
    expect(picker.locator("[data-gp-picker-status]")).to_contain_text(f"{len(keep)}/{len(every)}")

    # A shared link reproduces the view.
    page.reload()
    expect(picker).to_be_visible()
    for box in boxes.all():
        if box.get_attribute("value") in keep:
            expect(box).to_be_checked()
        else:
            expect(box).not_to_be_checked()
    assert_columns(page, keep, every)

    # The last ticked province cannot be unticked, and the status line says so.
    picker.locator(f"input[name='tinh'][value='{keep[1]}']").uncheck()
    last = picker.locator(f"input[name='tinh'][value='{keep[0]}']")
    last.click()
    expect(last).to_be_checked()
    expect(picker.locator("[data-gp-picker-status]")).to_contain_text("ít nhất một tỉnh")
    assert_columns(page, keep[:1], every)
    expect(page).to_have_url(re.compile(r"\?tinh=" + re.escape(keep[0]) + "$"))

    # "Show all" brings every column back and drops the parameter.
    picker.get_by_role("button", name=re.compile("Hiện cả")).click()
    assert_columns(page, every, every)
    expect(page).to_have_url(site_url + "so-sanh/")
    assert page_errors == []


def test_compare_without_javascript_shows_full_tables(
    new_context: Callable[..., BrowserContext], site_url: str
) -> None:
    page = open_page(new_context, site_url + "so-sanh/?tinh=nam-dinh", java_script_enabled=False)
    expect(page.locator("[data-gp-picker]")).to_be_hidden()
    columns = column_visibility(page)
    assert len(columns) >= 3, columns
    for province, (visible, total) in columns.items():
        assert visible == total > 0, f"{province}: {visible} of {total} cells visible without JS"


def explorer_count(page: Page) -> int:
    """The explorer's "Tìm thấy N nhiệm vụ", once the results on screen match its address."""
    settle(page)
    return shown_count(page)


def test_compare_grid_counts_open_as_many_tasks_in_the_explorer(
    page: Page, site_url: str, page_errors: list[str]
) -> None:
    """A count in the topic or deadline grid opens the explorer, which finds that many tasks:
    one cell of each kind of filter (topic, quarter, year without quarter, period, ongoing, none)."""
    page.goto(site_url + "so-sanh/")
    cells = page.locator("[data-gp-compare] a.gp-grid__link").evaluate_all(
        "as => as.map(a => [a.textContent.trim(), a.href, a.getAttribute('href')])"
    )
    assert len(cells) > 50, cells[:3]
    wanted = [
        r"chu-de=du-lieu-nen-tang",
        r"&quy=[1-4]$",
        r"quy=ca-nam",
        r"quy=giai-doan",
        r"loai-han=thuong-xuyen,hang-nam",
        r"loai-han=khong-ghi",
    ]
    sample = [next((c for c in cells if re.search(w, c[1])), None) for w in wanted]
    assert all(sample), dict(zip(wanted, sample, strict=True))

    # the first by following the link itself, the others by their address
    page.locator(f'[data-gp-compare] a.gp-grid__link[href="{sample[0][2]}"]').first.click()
    expect(page).to_have_url(sample[0][1])
    for k, (n, href, _) in enumerate(sample):
        if k:
            page.goto(href)
        assert explorer_count(page) == int(n), href
    assert page_errors == []


# ------------------------------------------------------------------ phones, a11y, errors


@pytest.mark.parametrize("kind", PAGE_IDS)
def test_page_fits_a_phone(
    kind: str, new_context: Callable[..., BrowserContext], site_url: str, page_errors: list[str]
) -> None:
    path, content = PAGE_TYPES[kind]
    page = open_page(new_context, site_url + path, viewport=PHONE)
    page.wait_for_load_state("load")
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"{path}: page scrolls sideways ({scroll_width} > {inner_width} px)"

    for selector in content.split(", "):
        first = page.locator(selector).first
        if not first.count():
            continue
        first.scroll_into_view_if_needed()
        expect(first).to_be_visible()
        box = first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= inner_width, (
            f"{path}: {selector} is cut off at 360 px: {box}"
        )
    assert page.locator(content).count() > 0, f"{path}: nothing matches {content}"
    assert page_errors == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("kind", PAGE_IDS)
def test_page_has_no_serious_axe_violation(
    kind: str,
    viewport: dict,
    new_context: Callable[..., BrowserContext],
    site_url: str,
    axe_audit: Callable[[Page], list[dict]],
    page_errors: list[str],
) -> None:
    path, _ = PAGE_TYPES[kind]
    page = open_page(new_context, site_url + path, viewport=viewport)
    page.wait_for_load_state("load")
    violations = axe_audit(page)
    assert violations == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} – " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in violations
    )
    assert page_errors == []


def test_search_box_still_finds_pages(page: Page, site_url: str, page_errors: list[str]) -> None:
    page.goto(site_url + "?q=so khoa hoc")
    dialog = page.get_by_role("dialog", name="Tìm kiếm")
    expect(dialog).to_have_count(1)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    assert page_errors == []
