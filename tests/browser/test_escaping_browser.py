"""The hostile fixture site of tests/test_escaping.py, opened in Chromium: no data runs as script.

Each page where the hostile task or indicator is placed is loaded (scripts, Material's
instant loading and the portal's own JS all run); `window.__gp_pwned` must stay undefined,
no dialog may open (the indicator name carries `<iframe src=javascript:alert(1)>`), and the
literal text must be what a reader sees. The search box, which renders results from the
portal's JSON index, gets the same check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from test_escaping import (
    HOSTILE_INDICATOR,
    HOSTILE_NOTE,
    HOSTILE_TITLE,
    PAGES,  # tests/ is on sys.path
    make_escaping_site,
)

from macros.site import urls

from .server import serve_directory

PWNED = "typeof window.__gp_pwned"
SETTLE_MS = 300  # let deferred scripts and Material's components finish after "load"


@pytest.fixture(scope="module")
def escaping_url(tmp_path_factory: pytest.TempPathFactory, mkdocs_build: Callable[[Path, Path], Path]) -> Iterator[str]:
    root = tmp_path_factory.mktemp("escaping-browser")
    site = mkdocs_build(make_escaping_site(root), root / "site")
    url, stop = serve_directory(site)
    yield url
    stop()


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Messages of every alert/confirm/prompt the page opened (each is dismissed)."""
    opened: list[str] = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


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
