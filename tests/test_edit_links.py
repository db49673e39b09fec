"""Every task's and indicator's "edit" link opens the YAML file it was built from at the
line where that task or indicator starts, and each page's edit button opens its own file."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

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
    """The links sit in the page's one editors' corner, never on the cards citizens read."""
    checked = 0
    for plan in registry.plans.values():
        soup = page(built_site, f"ke-hoach/{plan.id}")
        plan_file = registry.locations[("plan", plan.id)].file
        lines = (REPO_ROOT / plan_file).read_text(encoding="utf-8").splitlines()
        corner = soup.select("details.gp-editors")
        assert len(corner) == 1, f"{plan.id}: {len(corner)} editors' corners"
        assert corner[0].summary.get_text(strip=True) == "Dành cho ban biên tập: sửa dữ liệu"
        for _kind, items, holder in (("task", plan.tasks, "article"), ("indicator", plan.indicators, "tr")):
            for item in items:
                element = soup.find(holder, id=item.id)
                assert element is not None, (plan.id, item.id)
                assert element.find("a", class_="gp-edit") is None, f"{plan.id}#{item.id}: edit link on the card"
                link = corner[0].find("a", class_="gp-edit", attrs={"data-gp-item": item.id})
                assert link is not None, f"{plan.id}#{item.id}: no edit link in the editors' corner"
                path, line = opened(link["href"])
                assert path == plan_file
                assert lines[line - 1] == f'  - id: "{item.id}"', (plan.id, item.id, line, lines[line - 1])
                checked += 1
    assert checked == sum(len(p.tasks) + len(p.indicators) for p in registry.plans.values())
    pages_with_edit_links = [
        path for path in (built_site / "co-quan").rglob("index.html") if 'class="gp-edit"' in path.read_text("utf-8")
    ]
    assert pages_with_edit_links == []


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


def test_every_task_and_indicator_has_a_prefilled_error_report(built_site: Path, registry: Registry) -> None:
    """Citizens' "Báo sai sót" goes to the one address set in mkdocs.yml (extra.report_to),
    naming the plan, the item and the page address that leads back to it."""
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    default = re.search(r'report_to: !ENV \[REPORT_TO, "([^"]+)"\]', config).group(1)
    address = os.environ.get("REPORT_TO", default)
    checked = 0
    for plan in registry.plans.values():
        soup = page(built_site, f"ke-hoach/{plan.id}")
        for items, holder, label in (
            (plan.tasks, "article", lambda t: f"Nhiệm vụ {t.label or ''}".strip()),
            (plan.indicators, "tr", lambda i: f"Chỉ tiêu {i.label or ''}".strip()),
        ):
            for item in items:
                [link] = soup.find(holder, id=item.id).select("a.gp-report")
                assert link.get_text(strip=True) == "Báo sai sót"
                href = link["href"]
                assert href.startswith(address + "?"), href
                fields = parse_qs(urlsplit(href).query)
                body = fields["body"][0]
                assert f"/ke-hoach/{plan.id}/#{item.id}" in body, body
                # the item by its plan and label (its text is on the page the address opens)
                title = fields["title"][0]
                assert title == f"Báo sai sót: {plan.number or plan.id}, {label(item)}", title
                checked += 1
    assert checked == sum(len(p.tasks) + len(p.indicators) for p in registry.plans.values())
