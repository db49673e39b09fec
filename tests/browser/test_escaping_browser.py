"""The hostile fixture site of tests/test_escaping.py, opened in Chromium: no data runs as script.

Each page where the hostile task or indicator is placed is loaded (scripts, Material's
instant loading and the portal's own JS all run); `window.__gp_pwned` must stay undefined,
no dialog may open (the indicator name carries `<iframe src=javascript:alert(1)>`), and the
literal text must be what a reader sees. The search box, which renders results from the
portal's JSON index, gets the same check. Province, agency-kind and topic names and the plan
number reach <title> and the page header as text; the narrative's raw HTML, `javascript:`
link, `{: onclick=… }` and template syntax do nothing; and the Content-Security-Policy
blocks nothing the real site needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from test_escaping import (  # tests/ is on sys.path
    GUIDE_PAGE,
    HOSTILE_INDICATOR,
    HOSTILE_NOTE,
    HOSTILE_TITLE,
    NARRATIVE_LITERALS,
    PAGES,
    PLAN_ID,
    SITE_NAME,
    TITLED,
)

from macros.site import urls

from .server import serve_directory

PWNED = "typeof window.__gp_pwned"
SETTLE_MS = 300  # let deferred scripts and Material's components finish after "load"


@pytest.fixture(scope="module")
def escaping_url(escaping_site: Path) -> Iterator[str]:
    url, stop = serve_directory(escaping_site)
    yield url
    stop()


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Messages of every alert/confirm/prompt the page opened (each is dismissed)."""
    opened: list[str] = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


# Every Content-Security-Policy violation of the page, kept where the test can read it.
WATCH_CSP = """
window.__gp_csp = [];
document.addEventListener("securitypolicyviolation", e => window.__gp_csp.push(
  e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber));
"""


@pytest.fixture
def csp_violations(page: Page) -> Callable[[], list[str]]:
    """`csp_violations()`: what the policy blocked on the current page so far."""
    page.add_init_script(WATCH_CSP)
    return lambda: page.evaluate("window.__gp_csp || []")


def open_page(page: Page, url: str) -> str:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: HTTP {response.status if response else '?'}"
    page.wait_for_timeout(SETTLE_MS)
    # secondary-topic tasks and progress updates sit in closed <details>: open them to read them
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true })")
    return page.inner_text("body")


@pytest.mark.parametrize("src_uri", sorted(PAGES))
def test_page_runs_no_data(page: Page, escaping_url: str, dialogs: list[str], src_uri: str) -> None:
    shown = PAGES[src_uri]
    text = open_page(page, escaping_url + urls.page_url(src_uri))
    assert page.evaluate(PWNED) == "undefined", f"{src_uri}: data ran as script"
    assert dialogs == [], f"{src_uri}: a dialog opened: {dialogs}"
    assert page.locator("iframe").count() == 0
    if "task" in shown:
        assert HOSTILE_TITLE in text, f"{src_uri}: the literal task title is not visible"
    if "indicator" in shown:
        assert HOSTILE_INDICATOR in text, f"{src_uri}: the literal indicator name is not visible"


def test_progress_note_is_visible_as_text(page: Page, escaping_url: str, dialogs: list[str]) -> None:
    open_page(page, escaping_url + urls.page_url(urls.plan("demo-kh-1-2025")))
    updates = page.locator("#nv-1 .gp-task__updates")
    note = updates.locator(".gp-note")
    assert note.locator("strong").inner_text() == "in đậm"
    assert note.locator("img, script").count() == 0
    text = " ".join(note.inner_text().split())
    assert text == HOSTILE_NOTE.replace("**", ""), text
    assert page.evaluate(PWNED) == "undefined" and dialogs == []


@pytest.mark.parametrize(("query", "literal"), [("ngoặc", HOSTILE_TITLE), ("phủ sóng", HOSTILE_INDICATOR)])
def test_search_results_show_data_as_text(
    page: Page, escaping_url: str, dialogs: list[str], query: str, literal: str
) -> None:
    page.goto(f"{escaping_url}?q={query}", wait_until="load")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10_000)
    text = " ".join(page.locator(".md-search-result").inner_text().split())
    assert " ".join(literal.split()) in text, text
    assert page.locator(".md-search-result").locator("script, img, iframe, b").count() == 0
    assert page.evaluate(PWNED) == "undefined" and dialogs == []


@pytest.mark.parametrize("src_uri", sorted(TITLED))
def test_names_in_title_and_header_are_text(
    page: Page, escaping_url: str, dialogs: list[str], csp_violations: Callable[[], list[str]], src_uri: str
) -> None:
    name = TITLED[src_uri]
    open_page(page, escaping_url + urls.page_url(src_uri))
    assert name in page.title() and page.title().endswith(f" - {SITE_NAME}"), page.title()
    header = " ".join(page.locator(".md-header__title").inner_text().split())
    assert " ".join(name.split()) in header, header
    assert page.locator("img[onerror], svg[onload]").count() == 0
    assert page.evaluate(PWNED) == "undefined" and dialogs == []
    assert csp_violations() == []


def test_narrative_shows_as_written(
    page: Page, escaping_url: str, dialogs: list[str], csp_violations: Callable[[], list[str]]
) -> None:
    text = " ".join(open_page(page, escaping_url + urls.page_url(urls.plan(PLAN_ID))).split())
    for literal in NARRATIVE_LITERALS:
        assert literal in text, f"{literal!r} is not shown as written"
    assert "49" not in page.locator(".gp-crumbs").inner_text()
    page.get_by_text("Bấm vào đây", exact=True).click()  # a javascript: link, its address removed
    page.locator("p:has-text('Đoạn mở đầu')").click()  # {: onclick=… } made no handler
    page.get_by_text("khối HTML", exact=True).hover()
    page.wait_for_timeout(SETTLE_MS)
    assert page.evaluate(PWNED) == "undefined" and dialogs == []
    assert csp_violations() == []


def test_guide_macro_output_is_code_not_template(
    page: Page, escaping_url: str, dialogs: list[str], csp_violations: Callable[[], list[str]]
) -> None:
    open_page(page, escaping_url + urls.page_url(GUIDE_PAGE))
    code = page.locator("article pre code").inner_text()
    assert "{{ 7*7 }}" in code and "<script>window.__gp_pwned=1</script>" in code, code
    page.get_by_text("liên kết", exact=True).click()
    assert page.evaluate(PWNED) == "undefined" and dialogs == [] and csp_violations() == []


def test_real_site_scripts_work_under_the_policy(
    page: Page, site_url: str, page_errors: list[str], csp_violations: Callable[[], list[str]]
) -> None:
    """The CSP blocks nothing the site itself needs: Material's scripts, the header search and
    its worker, the explorer and the comparison picker all run."""
    page.goto(site_url + "?q=chuyen doi so", wait_until="load")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    assert page.evaluate("typeof __md_get") == "function"  # Material's md-base.js ran
    page.goto(site_url + urls.page_url(urls.EXPLORER) + "?tim=du lieu", wait_until="load")
    page.locator(".gp-explorer__result").first.wait_for(state="visible", timeout=10_000)  # explorer.js ran
    page.goto(site_url + urls.page_url(urls.COMPARE), wait_until="load")
    page.locator("[data-gp-picker]").wait_for(state="visible", timeout=10_000)  # compare.js un-hid it
    page.wait_for_timeout(SETTLE_MS)
    assert csp_violations() == [] and page_errors == []
