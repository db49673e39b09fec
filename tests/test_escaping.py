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
HOSTILE_NOTE = (
    'Tiến độ <img src=x onerror="window.__gp_pwned=2"> **in đậm** <script>window.__gp_pwned=3</script> {{ 7*7 }}'
)
HOSTILE_SOURCE_TITLE = "Báo cáo <i>số 1</i>"
SOURCE_URL = "https://example.org/bao-cao"
# Names that reach <title>, the page header, <meta name="description"> and nav labels
HOSTILE_PROVINCE = 'Tỉnh <img src=x onerror=alert(1)> "A" {{ 7*7 }}'
HOSTILE_KIND = "Sở <svg onload=alert(2)> & {% if true %}KH{% endif %}"
HOSTILE_TOPIC = "Hạ tầng </title><script>alert(3)</script> số"
HOSTILE_NUMBER = "1/KH-UBND <img src=x onerror=alert(4)>"
# A plan's narrative in content/: raw HTML, a javascript: link, an event-handler attribute,
# template syntax, and front matter that would switch mkdocs-macros on
NARRATIVE = """---
render_macros: true
template: "khong-co.html"
---
## I. MỤC ĐÍCH <em>nghiêng</em> {: onclick="alert(5)" }

Đoạn mở đầu <script>window.__gp_pwned=4</script> và <img src=x onerror="window.__gp_pwned=5">.
{: onclick="window.__gp_pwned=6" }

Công thức {{ 7*7 }} và {% if true %}thẻ{% endif %} giữ nguyên.

[Bấm vào đây](javascript:alert(7)) hoặc [trang chính thức](https://example.org/)
hoặc [thư](mailto:a@example.org) hoặc [trang chủ](../index.md) hoặc [danh sách](index.md#top).

<div markdown="1" onmouseover="alert(8)">**khối HTML**</div>

## II. NHIỆM VỤ VÀ GIẢI PHÁP

- Mục một, *nghiêng*.
"""
# A hand-written page that uses the guide's macros: the task's YAML, hostile text included,
# is shown as code, and its `{{ 7*7 }}` is not evaluated a second time
GUIDE_PAGE = "mau.md"
GUIDE = f"""---
render_macros: true
---
# Mẫu

{{{{ task_yaml("{PLAN_ID}", "{TASK_ID}") }}}}

Trang viết tay <script>window.__gp_pwned=9</script> và [liên kết](javascript:alert(10)).
{{: onclick="window.__gp_pwned=11" }}
"""
NARRATIVE_LITERALS = (
    "<script>window.__gp_pwned=4</script>",
    '<img src=x onerror="window.__gp_pwned=5">',
    "{{ 7*7 }}",
    "{% if true %}thẻ{% endif %}",
)

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
    replace_once(plan, 'number: "1/KH-UBND"\n', f"number: {yaml_string(HOSTILE_NUMBER)}\n")
    # the hostile title and name come from the source text, as copied fields must
    source = data / "sources" / "demo.txt"
    replace_once(source, "Xây dựng trung tâm dữ liệu tỉnh\n", HOSTILE_TITLE + "\n")
    replace_once(source, "Phủ sóng 5G cho người dân\n", HOSTILE_INDICATOR + "\n")
    replace_once(data / "provinces.yml", '    name: "Tỉnh A"\n', f"    name: {yaml_string(HOSTILE_PROVINCE)}\n")
    replace_once(
        data / "agencies.yml", '    name: "Sở Khoa học và Công nghệ"\n', f"    name: {yaml_string(HOSTILE_KIND)}\n"
    )
    replace_once(data / "topics.yml", '    name: "Hạ tầng số"\n', f"    name: {yaml_string(HOSTILE_TOPIC)}\n")
    narratives = root / "content" / urls.PLANS
    narratives.mkdir(parents=True)
    (narratives / f"{PLAN_ID}.md").write_text(NARRATIVE, encoding="utf-8")
    (root / "content" / GUIDE_PAGE).write_text(GUIDE, encoding="utf-8")
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


# --- names in <head>, narratives, the Content-Security-Policy ---------------------------------

PROVINCE_ID, KIND_ID, TOPIC_ID = "tinh-a", "so-khcn", "ha-tang-so"
# page -> the hostile name its <title> and page header show
TITLED = {
    urls.plan(PLAN_ID): f"Kế hoạch {HOSTILE_NUMBER} – {HOSTILE_PROVINCE}",
    urls.province(PROVINCE_ID): HOSTILE_PROVINCE,
    urls.kind(KIND_ID): HOSTILE_KIND,
    urls.topic(TOPIC_ID): HOSTILE_TOPIC,
}
SITE_NAME = "Cổng Kế hoạch 57"


@pytest.mark.parametrize("src_uri", sorted(TITLED))
def test_names_reach_title_header_and_meta_as_text(escaping_site: Path, src_uri: str) -> None:
    html = read_page(escaping_site, src_uri)
    soup = BeautifulSoup(html, "html.parser")
    name = TITLED[src_uri]
    assert name in soup.title.get_text() and soup.title.get_text().endswith(f" - {SITE_NAME}"), soup.title
    header = " ".join(soup.select_one(".md-header__title").get_text().split())
    assert " ".join(name.split()) in header, header
    assert not re.search(r"<(img|svg|script)\b[^>]*(onerror|onload|>alert)", html), f"{src_uri}: a tag from data"
    assert soup.find(["svg", "img"], attrs={"onload": True}) is None and soup.find(attrs={"onerror": True}) is None
    assert "&amp;#34;" not in html and "&amp;amp;" not in html, f"{src_uri}: text escaped twice"
    if src_uri == urls.plan(PLAN_ID):
        description = soup.find("meta", attrs={"name": "description"})["content"]
        assert description.startswith(name + ":"), description


def test_narrative_is_text_not_markup_or_template(escaping_site: Path) -> None:
    soup = BeautifulSoup(read_page(escaping_site, urls.plan(PLAN_ID)), "html.parser")
    article = soup.select_one("article")
    text = " ".join(article.get_text().split())
    for literal in NARRATIVE_LITERALS:
        assert literal in text, f"{literal!r} is not shown as written"
    assert "49" not in " ".join(soup.select_one(".gp-crumbs").get_text().split()), "mkdocs-macros ran the page"
    assert "{{ 7*7 }}" in soup.select_one(".gp-crumbs").get_text()
    # raw HTML and attribute lists from the narrative made no element or attribute
    assert [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/json"] == []
    assert soup.find(attrs={"onclick": True}) is None and soup.find(attrs={"onmouseover": True}) is None
    heading = article.find("h3", id="i-muc-dich-em-nghieng-em-onclick-alert-5")
    assert heading is not None and heading.find("em") is None, heading
    assert "<em>nghiêng</em>" in heading.get_text() and article.find("div", attrs={"markdown": True}) is None
    # Markdown still works, headings keep their anchors, links only to safe addresses
    assert [s.get_text() for s in article.find_all("strong", string="khối HTML")] == ["khối HTML"]
    assert [e.get_text() for e in article.find_all("em")] == ["nghiêng"]
    assert article.find("h3", id="ii-nhiem-vu-va-giai-phap") is not None
    links = {
        a.get_text(): a.get("href")
        for a in article.find_all("a")
        if a.get_text() in {"Bấm vào đây", "trang chính thức", "thư", "trang chủ", "danh sách"}
    }
    assert links == {
        "Bấm vào đây": None,
        "trang chính thức": "https://example.org/",
        "thư": "mailto:a@example.org",
        "trang chủ": "../../",
        "danh sách": "../#top",
    }


def test_every_page_carries_the_csp_and_no_inline_script(escaping_site: Path) -> None:
    pages = sorted(escaping_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert csp is not None, f"{path}: no Content-Security-Policy"
        directives = {d.split()[0]: d.split()[1:] for d in csp["content"].split(";") if d.strip()}
        assert directives["script-src"] == ["'self'"] and directives["default-src"] == ["'self'"], csp
        assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"], csp
        inline = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/json"]
        assert inline == [], f"{path}: inline script {inline[0]}"
        assert soup.find("script", src=re.compile(r"^(https?:)?//")) is None, f"{path}: script from elsewhere"


def test_guide_macro_shows_data_as_code(escaping_site: Path) -> None:
    soup = BeautifulSoup(read_page(escaping_site, GUIDE_PAGE), "html.parser")
    [code] = soup.select("article pre code")
    # the YAML as written in the file (yaml_string is how the fixture wrote it)
    assert f"title: {yaml_string(HOSTILE_TITLE)}" in code.get_text(), code
    assert f"note: {yaml_string(HOSTILE_NOTE)}" in code.get_text(), code
    article = soup.select_one("article")
    assert article.find(["b", "img"]) is None and soup.find(attrs={"onclick": True}) is None
    assert "<script>window.__gp_pwned=9</script>" in article.get_text()
    assert article.find("a", string="liên kết").get("href") is None
    assert [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/json"] == []
