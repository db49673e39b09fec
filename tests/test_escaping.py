"""Text from data/ is shown as text on every page type, never run as HTML or script.

Builds a fixture site (tests/fixtures/data with a hostile task title, progress update and
indicator name) with the real theme, hooks, plugins and Markdown extensions, then checks the
HTML of each page where the task or indicator appears, and the open-data CSV files.
tests/browser/test_escaping_browser.py opens the same pages in Chromium.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.bench.site_config import KeepTagsLoader, write_site
from macros.data.loader import load_registry
from macros.data.registry import Agency, Registry
from macros.site import urls

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = REPO_ROOT / "tests" / "fixtures" / "data"
PLAN_FILE = "plans/demo-kh-1-2025.yml"
PLAN_ID = "demo-kh-1-2025"
TASK_ID = "nv-1"
INDICATOR_ID = "ct-2030-7-10"

HOSTILE_TITLE = '<script>window.__gp_pwned=1</script><b>đậm</b> & "ngoặc"'
HOSTILE_INDICATOR = "Phủ sóng 5G cho người dân <iframe src=javascript:alert(1)>"
HOSTILE_NOTE = 'Tiến độ <img src=x onerror="window.__gp_pwned=2"> **in đậm** <script>window.__gp_pwned=3</script>'
HOSTILE_SOURCE_TITLE = "Báo cáo <i>số 1</i>"
SOURCE_URL = "https://example.org/bao-cao"

EXECUTABLE = {
    "script": re.compile(r"<script[^>]*>\s*window\.__gp_pwned", re.I),
    "img onerror": re.compile(r"<img\b[^>]*\bonerror", re.I),
    "iframe": re.compile(r"<iframe\b", re.I),
}


# --- writing the fixture site ----------------------------------------------------------------


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def make_escaping_site(root: Path) -> Path:
    """Write data/, content/ and mkdocs.yml of the hostile fixture site under `root`; return mkdocs.yml."""
    data = root / "data"
    shutil.copytree(FIXTURE_DATA, data)
    plan = data / PLAN_FILE
    replace_once(
        plan,
        '    title: "Xây dựng trung tâm dữ liệu tỉnh"\n',
        f"    title: {yaml_string(HOSTILE_TITLE)}\n"
        "    updates:\n"
        "      - date: 2025-06-30\n"
        '        status: "dang-thuc-hien"\n'
        f"        note: {yaml_string(HOSTILE_NOTE)}\n"
        "        source:\n"
        f"          title: {yaml_string(HOSTILE_SOURCE_TITLE)}\n"
        f"          url: {yaml_string(SOURCE_URL)}\n",
    )
    replace_once(plan, '    name: "Phủ sóng 5G cho người dân"\n', f"    name: {yaml_string(HOSTILE_INDICATOR)}\n")
    return write_site(root, home="# Cổng thử nghiệm\n\nTrang chủ của bộ dữ liệu thử.\n")


def escaping_pages(registry: Registry) -> dict[str, tuple[str, ...]]:
    """Every generated page where the hostile task or indicator is placed -> what it shows there.

    Derived from the fixture's data through macros.urls: "task" (the title), "indicator" (the
    name), "note" (the progress update), "indicator-link" (a link to the indicator's anchor,
    as the comparison table has) and "plan-link" (the province page's plan card).
    """
    plan = registry.plans[PLAN_ID]
    [task] = [t for t in plan.tasks if t.id == TASK_ID]
    [indicator] = [i for i in plan.indicators if i.id == INDICATOR_ID]

    def agencies(cell) -> list[Agency]:
        return [registry.agency(plan.province, k) for k in cell.agencies] if cell else []

    pages: dict[str, set[str]] = {}

    def add(src: str, *what: str) -> None:
        pages.setdefault(src, set()).update(what)

    add(urls.plan(plan.id), "task", "indicator", "note")
    for agency in agencies(task.lead):
        add(urls.agency(agency), "task")
        add(urls.kind(agency.kind.id), "task")
    for agency in agencies(task.support):
        add(urls.agency(agency), "task")
    for agency in agencies(indicator.monitoring):
        add(urls.agency(agency), "indicator")
    for topic in task.topics:
        add(urls.topic(topic), "task")
    if indicator.concept:
        add(urls.topic(registry.concepts[indicator.concept].topic), "indicator")
        add(urls.COMPARE, "indicator-link")
    add(urls.province(plan.province), "plan-link")
    add(urls.EXPLORER, "task")
    return {src: tuple(sorted(shown)) for src, shown in pages.items()}


# Which pages exist does not depend on the hostile text, so the plain fixture decides it.
PAGES = escaping_pages(load_registry(FIXTURE_DATA, root=REPO_ROOT))


@pytest.fixture(scope="module")
def escaping_site(tmp_path_factory: pytest.TempPathFactory, mkdocs_build: Callable[[Path, Path], Path]) -> Path:
    root = tmp_path_factory.mktemp("escaping")
    return mkdocs_build(make_escaping_site(root), root / "site")


@pytest.fixture(scope="module")
def fixture_registry(escaping_site: Path) -> Registry:
    return load_registry(escaping_site.parent / "data", root=escaping_site.parent)


def read_page(site: Path, src_uri: str) -> str:
    path = site / urls.page_url(src_uri) / "index.html"
    assert path.is_file(), f"{src_uri} was not built ({path})"
    return path.read_text(encoding="utf-8")


# --- the checks ------------------------------------------------------------------------------


def test_fixture_is_hostile(fixture_registry: Registry) -> None:
    """The data reached the site as written (or the other tests prove nothing)."""
    plan = fixture_registry.plans[PLAN_ID]
    assert plan.tasks[0].title == HOSTILE_TITLE
    assert plan.tasks[0].updates[0].note == HOSTILE_NOTE
    assert plan.tasks[0].updates[0].source.title == HOSTILE_SOURCE_TITLE
    assert plan.indicators[0].name == HOSTILE_INDICATOR


def test_config_reuses_the_real_theme_and_extensions(escaping_site: Path) -> None:
    written = yaml.load((escaping_site.parent / "mkdocs.yml").read_text(encoding="utf-8"), Loader=KeepTagsLoader)  # noqa: S506
    real = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=KeepTagsLoader)  # noqa: S506
    assert written["markdown_extensions"] == real["markdown_extensions"]
    assert written["theme"]["custom_dir"] == str(REPO_ROOT / "theme_overrides")
    assert written["hooks"] == [str(REPO_ROOT / "macros" / "hooks.py")]


def test_every_page_type_is_covered(fixture_registry: Registry) -> None:
    assert escaping_pages(fixture_registry) == PAGES
    sections = {src.split("/", 1)[0] for src in PAGES}
    assert {urls.PLANS, urls.AGENCIES, urls.TOPICS, urls.PROVINCES, urls.COMPARE, urls.EXPLORER} <= sections
    assert any(src.startswith(urls.KINDS + "/") for src in PAGES)


def test_open_data_page_lists_the_csv_files(escaping_site: Path) -> None:
    soup = BeautifulSoup(read_page(escaping_site, urls.OPEN_DATA), "html.parser")
    hrefs = {a["href"].rsplit("/", 1)[-1] for a in soup.select("a[download]")}
    assert {"nhiem-vu.csv", "chi-tieu.csv"} <= hrefs


@pytest.mark.parametrize("src_uri", sorted(PAGES))
def test_page_shows_data_as_text(escaping_site: Path, src_uri: str) -> None:
    shown = PAGES[src_uri]
    html = read_page(escaping_site, src_uri)
    for what, pattern in EXECUTABLE.items():
        assert not pattern.search(html), f"{src_uri}: executable {what} from data in the HTML"
    soup = BeautifulSoup(html, "html.parser")
    text = soup.get_text()
    here = urls.page_url(src_uri)
    targets = {urljoin("/" + here, a["href"]) for a in soup.find_all("a", href=True)}
    plan_url = "/" + urls.page_url(urls.plan(PLAN_ID))
    if "task" in shown:
        assert "&lt;script&gt;window.__gp_pwned=1&lt;/script&gt;&lt;b&gt;đậm&lt;/b&gt; &amp; " in html, src_uri
        assert HOSTILE_TITLE in text, f"{src_uri}: the task title is not shown as literal text"
        assert f"{plan_url}#{TASK_ID}" in targets, f"{src_uri}: no link to the task"
    if "indicator" in shown:
        assert "&lt;iframe src=javascript:alert(1)&gt;" in html, src_uri
        assert HOSTILE_INDICATOR in text, f"{src_uri}: the indicator name is not shown as literal text"
    if "indicator-link" in shown:
        assert f"{plan_url}#{INDICATOR_ID}" in targets, f"{src_uri}: the indicator is not placed here"
    if "plan-link" in shown:
        assert plan_url in targets, f"{src_uri}: the plan is not placed here"
    # whatever else the page shows from data, no element came from it
    assert soup.find("b", string="đậm") is None and soup.find("iframe") is None


def test_progress_note_renders_markdown_not_html(escaping_site: Path) -> None:
    soup = BeautifulSoup(read_page(escaping_site, urls.plan(PLAN_ID)), "html.parser")
    task = soup.find(id=TASK_ID)
    note = task.select_one(".gp-task__updates .gp-note")
    assert note is not None, "the progress update is not on the task card"
    assert [s.get_text() for s in note.find_all("strong")] == ["in đậm"], note
    assert note.find(["img", "script", "iframe"]) is None, note
    text = " ".join(note.get_text().split())
    assert '<img src=x onerror="window.__gp_pwned=2">' in text, text
    assert "<script>window.__gp_pwned=3</script>" in text, text
    assert "**" not in text
    source = task.select_one(f'.gp-task__updates a[href="{SOURCE_URL}"]')
    assert source is not None and source.get_text() == HOSTILE_SOURCE_TITLE and source.find("i") is None, source


def test_open_data_csv_keeps_text_as_written(escaping_site: Path) -> None:
    tasks = list(
        csv.DictReader(io.StringIO((escaping_site / "du-lieu" / "nhiem-vu.csv").read_text(encoding="utf-8-sig")))
    )
    indicators = list(
        csv.DictReader(io.StringIO((escaping_site / "du-lieu" / "chi-tieu.csv").read_text(encoding="utf-8-sig")))
    )
    assert [row["nhiem_vu"] for row in tasks if row["ma_nhiem_vu"] == TASK_ID] == [HOSTILE_TITLE]
    assert [row["chi_tieu"] for row in indicators if row["ma_chi_tieu"] == INDICATOR_ID] == [HOSTILE_INDICATOR]
    open_data = read_page(escaping_site, urls.OPEN_DATA)
    for what, pattern in EXECUTABLE.items():
        assert not pattern.search(open_data), f"{urls.OPEN_DATA}: executable {what}"
