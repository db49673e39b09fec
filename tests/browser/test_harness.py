"""Proves the browser harness on a throwaway Material site, independent of the real site's content."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.request import ProxyHandler, build_opener

import pytest
from playwright.sync_api import Page, expect

from .server import is_local_url, serve_directory

TINY_CONFIG = """\
site_name: Harness check
theme:
  name: material
  font: false
plugins:
  - search:
      lang: vi
"""

STATIC_SAMPLES = {
    "sample.json": b"{}",
    "sample.js": b"void 0;",
    "sample.css": b"body {}",
    "sample.svg": b'<svg xmlns="http://www.w3.org/2000/svg"/>',
    "sample.woff2": b"wOF2",
}


def make_tiny_site(root: Path) -> Path:
    """Write a two-page MkDocs + Material project; return its mkdocs.yml."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Trang chủ\n\n[Sang trang hai](second.md)\n", encoding="utf-8")
    (docs / "second.md").write_text("# Trang hai\n\nĐã đến nơi.\n", encoding="utf-8")
    for name, body in STATIC_SAMPLES.items():  # copied as-is by MkDocs, for the Content-Type test
        (docs / name).write_bytes(body)
    config = root / "mkdocs.yml"
    config.write_text(TINY_CONFIG, encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def tiny_site_url(tmp_path_factory, mkdocs_build):
    root = tmp_path_factory.mktemp("tiny")
    site = mkdocs_build(make_tiny_site(root), root / "site")
    url, stop = serve_directory(site)
    yield url
    stop()


def test_navigation_offline_and_audit(page: Page, tiny_site_url, requests_made, page_errors, axe_audit):
    # With lang: vi, Material's search worker importScripts() lunr.vi: worker traffic is recorded too.
    with page.expect_request(re.compile(r"/lunr/min/lunr\.vi\.min\.js$")):
        page.goto(tiny_site_url)
    page.get_by_role("link", name="Sang trang hai").click()
    expect(page).to_have_url(tiny_site_url + "second/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trang hai")

    assert requests_made[0] == tiny_site_url
    assert tiny_site_url + "second/" in requests_made
    assert all(is_local_url(url) for url in requests_made), requests_made
    assert page_errors == []

    violations = axe_audit(page)
    assert isinstance(violations, list)
    assert all(v["impact"] in {"serious", "critical"} for v in violations)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("", "text/html"),
        ("second/", "text/html"),
        ("sample.json", "application/json"),
        ("sample.js", "text/javascript"),
        ("sample.css", "text/css"),
        ("sample.svg", "image/svg+xml"),
        ("sample.woff2", "font/woff2"),
    ],
)
def test_server_content_types(tiny_site_url, path, expected):
    with build_opener(ProxyHandler({})).open(tiny_site_url + path) as response:  # loopback: no proxy
        assert response.headers["Content-Type"].split(";")[0] == expected


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8000/a/", True),
        ("http://localhost/x.js", True),
        ("http://[::1]:9/", True),
        ("data:image/png;base64,AAAA", True),
        ("blob:http://127.0.0.1:8000/0f2c", True),
        ("https://fonts.googleapis.com/css?family=Roboto", False),
        ("http://127.0.0.1.example.com/", False),
        ("http://10.0.0.1/", False),
    ],
)
def test_is_local_url(url, local):
    assert is_local_url(url) is local
