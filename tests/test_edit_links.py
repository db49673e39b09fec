"""Every task's and indicator's "edit" link opens the YAML file it was built from at the
line where that task or indicator starts, and each page's edit button opens its own file."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from macros.data.loader import load_registry
from macros.data.registry import Registry

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REPO_ROOT / "data")


def page(site: Path, uri: str) -> BeautifulSoup:
    return BeautifulSoup((site / uri / "index.html").read_text(encoding="utf-8"), "html.parser")


def opened(href: str) -> tuple[str, int]:
    """(repository path, line) that an editor link opens: github.dev/<owner>/<repo>/blob/<branch>/<path>#L<n>."""
    parts = urlsplit(href)
    match = re.fullmatch(r"/[^/]+/[^/]+/blob/[^/]+/(.+)", parts.path)
    assert parts.netloc == "github.dev" and match and re.fullmatch(r"L\d+", parts.fragment), href
    return match.group(1), int(parts.fragment[1:])


def test_task_and_indicator_edit_links_open_their_own_line(built_site: Path, registry: Registry) -> None:
    checked = 0
    for plan in registry.plans.values():
        soup = page(built_site, f"ke-hoach/{plan.id}")
        plan_file = registry.locations[("plan", plan.id)].file
        lines = (REPO_ROOT / plan_file).read_text(encoding="utf-8").splitlines()
        for _kind, items, holder in (("task", plan.tasks, "article"), ("indicator", plan.indicators, "tr")):
            for item in items:
                element = soup.find(holder, id=item.id)
                assert element is not None, (plan.id, item.id)
                link = element.find("a", class_="gp-edit")
                assert link is not None, f"{plan.id}#{item.id}: no edit link"
                path, line = opened(link["href"])
                assert path == plan_file
                assert lines[line - 1] == f'  - id: "{item.id}"', (plan.id, item.id, line, lines[line - 1])
                checked += 1
    assert checked == sum(len(p.tasks) + len(p.indicators) for p in registry.plans.values())


@pytest.mark.parametrize(
    ("uri", "path"),
    [
        ("ke-hoach/nam-dinh-kh-29-2025", "data/plans/nam-dinh-kh-29-2025.yml"),
        ("van-ban/nam-dinh-kh-29-2025", "data/plans/nam-dinh-kh-29-2025.yml"),  # source texts are add-only
        ("co-quan/nam-dinh/so-khcn", "data/agencies.yml"),
        ("chu-de/du-lieu-nen-tang", "data/topics.yml"),
        ("tinh/nam-dinh", "data/provinces.yml"),
        ("huong-dan/sua-loi", "content/huong-dan/sua-loi.md"),
    ],
)
def test_page_edit_button_opens_the_file_it_is_built_from(built_site: Path, uri: str, path: str) -> None:
    button = page(built_site, uri).select_one("a.md-content__button[href*='/edit/']")
    assert button is not None, f"{uri}: no edit button"
    assert urlsplit(button["href"]).path.endswith(f"/edit/main/{path}"), button["href"]
