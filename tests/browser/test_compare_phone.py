"""The comparison page (so-sanh/) as a reader uses it: rows the chosen provinces have a
value in, a jump list of indicator concepts, and on a 360 px phone one card per concept
with nothing scrolling sideways. Expected rows come from data/ through the registry."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, expect

from macros.data.registry import Registry

PHONE = {"width": 360, "height": 740}
CONCEPTS = "[data-gp-compare] tbody.gp-compare__concept"


def rows_with_values(registry: Registry, provinces: set[str] | None = None) -> set[str]:
    """Row anchors (kn-<concept>-<year>) where one of `provinces` (all when None) has a target."""
    return {
        f"kn-{ind.concept}-{ind.horizon}"
        for plan in registry.plans.values()
        if provinces is None or plan.province in provinces
        for ind in plan.indicators
        if ind.concept
    }


def visible_ids(page: Page, selector: str) -> set[str]:
    return set(page.locator(selector).evaluate_all("els => els.filter(e => e.offsetParent !== null).map(e => e.id)"))


def test_phone_shows_one_card_per_concept_and_no_sideways_scroll(
    new_context: Callable[..., BrowserContext], site_url: str, registry: Registry, page_errors: list[str]
) -> None:
    page = new_context(viewport=PHONE).new_page()
    page.goto(site_url + "so-sanh/")
    expect(page.locator("[data-gp-picker]")).to_be_visible()
    concepts = {anchor.rsplit("-", 1)[0] for anchor in rows_with_values(registry)}
    cards = page.locator(CONCEPTS)
    assert visible_ids(page, CONCEPTS) == concepts
    looks = cards.evaluate_all(
        """bodies => bodies.map(b => {
             const s = getComputedStyle(b), r = b.getBoundingClientRect()
             return [b.id, s.display, s.borderTopStyle, r.left, r.right]
           })"""
    )
    width = PHONE["width"]
    bad = [look for look in looks if look[1] != "block" or look[2] == "none" or look[3] < 0 or look[4] > width]
    assert not bad, f"concept rows that are not a card within the screen: {bad[:5]}"
    # the count grids are cards too: no table wider than its frame, no page wider than the screen
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('[data-gp-compare]')].map(t => {
             const frame = t.parentElement
             return [t.querySelector('caption').textContent, frame.scrollWidth - frame.clientWidth]
           }).filter(x => x[1] > 0)"""
    )
    assert overflow == [], f"tables that scroll sideways at 360 px: {overflow}"
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width
    assert page_errors == []


def test_rows_follow_the_chosen_provinces_unless_all_are_asked_for(
    page: Page, site_url: str, registry: Registry, page_errors: list[str]
) -> None:
    every_row = rows_with_values(registry)
    chosen = {"nam-dinh", "hai-duong"}
    expected = rows_with_values(registry, chosen)
    assert expected < every_row, "the chosen provinces have a value in every row: choose others"
    page.goto(site_url + "so-sanh/?tinh=" + ",".join(sorted(chosen)))
    expect(page.locator("[data-gp-rows]")).to_be_visible()
    assert visible_ids(page, "[data-gp-compare] tbody tr[id]") == expected
    status = page.locator("[data-gp-rows-status]")
    expect(status).to_have_text(
        f"Đang hiện {len(expected)}/{len(every_row)} hàng chỉ tiêu có số liệu của tỉnh đã chọn."
    )

    # the jump list offers the concepts left, and goes to the concept's card
    concepts = sorted({anchor.rsplit("-", 1)[0] for anchor in expected})
    jump = page.locator("[data-gp-jump]")
    jump.locator("summary").click()
    links = jump.locator("li:visible a")
    assert sorted(h.lstrip("#") for h in links.evaluate_all("as => as.map(a => a.getAttribute('href'))")) == concepts
    expect(jump.locator("summary")).to_contain_text(f"({len(concepts)} loại)")
    target = links.last.get_attribute("href")
    links.last.click()
    expect(page.locator(target)).to_be_in_viewport()

    page.get_by_label("Hiện cả những chỉ tiêu mà các tỉnh đã chọn không có số liệu").check()
    assert visible_ids(page, "[data-gp-compare] tbody tr[id]") == every_row
    expect(status).to_have_text(f"Đang hiện cả {len(every_row)} hàng chỉ tiêu.")
    assert page_errors == []
