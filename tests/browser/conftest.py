"""Browser-test harness: Debian's Chromium under pytest-playwright, the built site on loopback,
and guards that every page stays offline and that the tests can check for JS and a11y errors.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, ConsoleMessage, Page

from macros.bench.browser import CHROMIUM, CHROMIUM_FLAGS  # one spelling for the tests and the bench

from .server import is_local_url, serve_directory

AXE_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium; Playwright's own browser download is not available here."""
    executable = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if executable is None:
        pytest.fail(
            f"chromium not found (looked on PATH and at {CHROMIUM}): "
            "run `bash scripts/setup.sh --test` (or `make test`) to install it",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": executable, "headless": True, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (ending in "/") of the real built site, served on 127.0.0.1."""
    url, stop = serve_directory(built_site)
    yield url
    stop()


@dataclass
class PageRecord:
    """What the browser contexts of one test did: request URLs and JS errors, in order."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> None:
        """Listen on the context, so every page and worker in it is covered."""
        context.on("request", lambda req: self.requests.append(req.url))
        context.on("console", self._on_console)
        context.on("weberror", lambda error: self.errors.append(f"uncaught: {error.error}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url")
            self.errors.append(f"console.error: {message.text}" + (f" ({where})" if where else ""))


@pytest.fixture(autouse=True)
def _page_record(request: pytest.FixtureRequest) -> Iterator[PageRecord | None]:
    """After a browser test, fail it if any request left this machine: the site must work offline.
    Tests that open no browser context are left alone.
    """
    if "new_context" not in request.fixturenames:
        yield None
        return
    record = PageRecord()
    yield record
    outside = [url for url in record.requests if not is_local_url(url)]
    if outside:
        pytest.fail(
            "requests left 127.0.0.1 (the site must not load anything from the network):\n  " + "\n  ".join(outside),
            pytrace=False,
        )


@pytest.fixture
def new_context(new_context: Callable[..., BrowserContext], _page_record: PageRecord) -> Callable[..., BrowserContext]:
    """pytest-playwright's context factory (behind `context` and `page`), with every context watched."""

    def create(**kwargs: object) -> BrowserContext:
        context = new_context(**kwargs)
        _page_record.watch(context)
        return context

    return create


@pytest.fixture
def requests_made(new_context: Callable[..., BrowserContext], _page_record: PageRecord) -> list[str]:
    """URLs of every request made so far in this test, in order (live list)."""
    return _page_record.requests


@pytest.fixture
def page_errors(new_context: Callable[..., BrowserContext], _page_record: PageRecord) -> list[str]:
    """Uncaught page exceptions and console.error messages so far (live list); assert it is empty."""
    return _page_record.errors


@pytest.fixture(scope="session")
def axe_audit() -> Callable[[Page], list[dict]]:
    """`axe_audit(page)` runs axe-core (bundled with axe-playwright-python, no network) with its
    default rules and returns the violations whose impact is serious or critical.
    """
    axe = Axe()

    def audit(page: Page) -> list[dict]:
        violations = axe.run(page).response["violations"]
        return [v for v in violations if v.get("impact") in AXE_IMPACTS]

    return audit
