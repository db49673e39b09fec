"""Checks on the built HTML of the real site: the pages a reader reaches, as the browser gets them.

The site is built once per session (`built_site`, or SITE_DIR=site to reuse a build); every
HTML file is parsed once per module and shared by all tests here. Page paths come from
macros.urls and expectations from data/ (through the registry) or from the source texts in
data/sources/, never from the renderer under test.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from macros import model as m
from macros import urls
from macros.registry import Agency, Registry, load_registry

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"

# URL attributes that make the browser fetch or navigate somewhere.
URL_ATTRIBUTES = ("href", "src", "action", "poster", "data")
# Schemes that are not ours to check (mail, phone) or need no network (inline data).
SKIPPED_SCHEMES = {"http", "https", "mailto", "tel", "data"}
# <link rel=...> values that make the browser download something.
RESOURCE_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
                 "icon", "shortcut", "apple-touch-icon", "manifest", "mask-icon"}
JINJA_LEFTOVER = re.compile(r"\{\{|\{%|%\}|\}\}")
PLACEHOLDER_WORDS = re.compile(r"\b(None|undefined)\b")
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
CSS_REMOTE = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*["']?\s*(?:https?:)?//""", re.I)
HEADING_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


# --- the built site, parsed once -------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Where a local link lands: a file of the site (relative path) and an optional fragment."""

    path: str
    fragment: str = ""


@dataclass
class Site:
    root: Path
    pages: dict[str, BeautifulSoup]  # "ke-hoach/x/index.html" -> parsed page
    raw: dict[str, str]
    _ids: dict[str, frozenset[str]] = field(default_factory=dict)
    _elements: dict[str, dict[str, Tag]] = field(default_factory=dict)
    _links: dict[str, list[tuple[Tag, str, Target]]] = field(default_factory=dict)

    @staticmethod
    def html_path(src_uri: str) -> str:
        """The built file of a page source path, via macros.urls."""
        return urls.page_url(src_uri) + "index.html"

    def page(self, src_uri: str) -> BeautifulSoup:
        path = self.html_path(src_uri)
        if path not in self.pages:
            pytest.fail(f"page {src_uri} was not built (expected {path} in {self.root})", pytrace=False)
        return self.pages[path]

    def element(self, src_uri: str, element_id: str) -> Tag | None:
        """The element with this id on a page (first one), from a per-page index built once."""
        path = self.html_path(src_uri)
        if path not in self._elements:
            index: dict[str, Tag] = {}
            for el in self.page(src_uri).find_all(id=True):
                index.setdefault(el["id"], el)
            self._elements[path] = index
        return self._elements[path].get(element_id)

    def ids(self, path: str) -> frozenset[str]:
        if path not in self._ids:
            soup = self.pages[path]
            found = {el["id"] for el in soup.find_all(id=True)}
            found |= {el["name"] for el in soup.find_all("a", attrs={"name": True})}
            self._ids[path] = frozenset(found)
        return self._ids[path]

    def exists(self, path: str) -> bool:
        return path in self.pages or (self.root / path).is_file()

    def resolve(self, from_path: str, url: str) -> Target | None:
        """The site file a local href/src in `from_path` points at; None for non-local URLs."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None
        if not parts.path:  # "#frag" or "?q": this very page
            return Target(from_path, unquote(parts.fragment))
        if parts.path.startswith("/"):
            path = posixpath.normpath(parts.path.lstrip("/") or ".")
        else:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), parts.path))
        path = unquote("" if path == "." else path)
        if parts.path.endswith("/") or path == "" or (self.root / path).is_dir():
            path = posixpath.join(path, "index.html") if path else "index.html"
        return Target(path, unquote(parts.fragment))

    def links(self, path: str) -> list[tuple[Tag, str, Target]]:
        """(element, attribute, target) of every local URL in a page."""
        if path not in self._links:
            found = []
            for el in self.pages[path].find_all(True):
                for attr in URL_ATTRIBUTES:
                    value = el.get(attr)
                    if isinstance(value, str) and (target := self.resolve(path, value.strip())):
                        found.append((el, attr, target))
            self._links[path] = found
        return self._links[path]

    def link_targets(self, path: str) -> set[Target]:
        return {target for el, attr, target in self.links(path) if el.name == "a" and attr == "href"}

    @cached_property
    def visible_text(self) -> dict[str, str]:
        out = {}
        for path, soup in self.pages.items():
            body = soup.body or soup
            out[path] = " ".join(s for s in body.find_all(string=True)
                                 if s.parent is not None and s.parent.name not in ("script", "style", "template"))
        return out


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(DATA_DIR, root=REPO_ROOT)


@pytest.fixture(scope="module")
def site(built_site: Path) -> Site:
    pages, raw = {}, {}
    for file in sorted(built_site.rglob("*.html")):
        rel = file.relative_to(built_site).as_posix()
        raw[rel] = file.read_text(encoding="utf-8")
        pages[rel] = BeautifulSoup(raw[rel], "html.parser")
    assert pages, f"no HTML in {built_site}"
    return Site(built_site, pages, raw)


# --- helpers ---------------------------------------------------------------------------------


def squash(text: str) -> str:
    return " ".join(text.split())


def ascii_slug(text: str, *, keep_d: bool = True) -> str:
    """The slug the site promises: diacritics dropped, đ folded to d (keep_d=False: đ dropped,
    as Python-Markdown's default slugify does, which is the failure this file guards against)."""
    folded = unicodedata.normalize("NFD", text.lower())
    folded = re.sub(r"[\u0300-\u036f]", "", folded).replace("đ", "d" if keep_d else "")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def provinces_shown(registry: Registry) -> list[str]:
    """Provinces with plans, and the provinces that took them over."""
    ids = {plan.province for plan in registry.plans.values()}
    ids |= {registry.current_province(i).id for i in ids}
    return sorted(ids)


def agencies_of(registry: Registry, plan: m.Plan, cell: m.AgencyCell | None) -> list[Agency]:
    return [registry.agency(plan.province, kind) for kind in dict.fromkeys(cell.agencies if cell else ())]


def fail_all(problems: list[str], what: str, limit: int = 200) -> None:
    if problems:
        shown = problems[:limit]
        more = f"\n  … and {len(problems) - limit} more" if len(problems) > limit else ""
        pytest.fail(f"{len(problems)} {what}:\n  " + "\n  ".join(shown) + more, pytrace=False)


def expected_pages(registry: Registry) -> Iterator[str]:
    for plan in registry.plans.values():
        yield urls.plan(plan.id)
        yield urls.source(plan)
    for province_id in provinces_shown(registry):
        yield urls.province(province_id)
    for agency in registry.agencies.values():
        yield urls.agency(agency)
    for kind_id in sorted({a.kind.id for a in registry.agencies.values()}):
        yield urls.kind(kind_id)
    for topic in registry.topics.values():
        if topic.for_tasks:
            yield urls.topic(topic.id)
    yield from (urls.HOME, urls.COMPARE, urls.EXPLORER, urls.OPEN_DATA)
    for section in (urls.PLANS, urls.PROVINCES, urls.AGENCIES, urls.TOPICS, urls.SOURCES):
        yield urls.index(section)


# --- every entity has its page and its anchors -----------------------------------------------


def test_every_entity_page_exists(site: Site, registry: Registry) -> None:
    expected = list(expected_pages(registry))
    # the registry is not empty in the ways that matter (or this test proves nothing)
    assert len(registry.plans) >= 5 and len(registry.agencies) > 20
    missing = [f"{src} -> {site.html_path(src)}" for src in expected if site.html_path(src) not in site.pages]
    fail_all(missing, "pages missing from the built site")


def test_every_task_and_indicator_has_its_anchors(site: Site, registry: Registry) -> None:
    problems = []
    for plan in registry.plans.values():
        source_page = site.page(urls.source(plan))
        source_lines = (DATA_DIR / "sources" / plan.source.file).read_text(encoding="utf-8").splitlines()
        line_ids = {f"L{n}" for n in range(1, len(source_lines) + 1)}
        shown_lines = {p["id"] for p in source_page.select("p[id^=L]")}
        if not line_ids <= shown_lines:
            problems.append(f"{urls.source(plan)}: lines without <p id=L<n>>: "
                            f"{sorted(line_ids - shown_lines, key=lambda s: int(s[1:]))[:10]}")
        for kind, entities, tag in (("task", plan.tasks, "article"), ("indicator", plan.indicators, "tr")):
            for entity in entities:
                on_plan = site.element(urls.plan(plan.id), entity.id)
                if on_plan is None or on_plan.name != tag:
                    problems.append(f"{urls.plan(plan.id)}: no <{tag} id={entity.id!r}> for {kind} "
                                    f"(found {on_plan.name if on_plan else None})")
                wrapper = site.element(urls.source(plan), entity.id)
                if wrapper is None or "gp-source__entity" not in (wrapper.get("class") or []):
                    problems.append(f"{urls.source(plan)}: no <div class=gp-source__entity id={entity.id!r}> "
                                    f"for {kind} (source line {entity.source.line})")
                elif "gp-source__entity--quote" in wrapper.get("class"):
                    # an indicator sharing its paragraph with another: a quote that links to its line
                    if wrapper.find("a", href=f"#L{entity.source.line}") is None or \
                            squash(getattr(entity, "name", "")) not in squash(wrapper.get_text(" ")):
                        problems.append(f"{urls.source(plan)}#{entity.id}: quote does not show its text and line")
                elif wrapper.find("p", id=f"L{entity.source.line}") is None:
                    problems.append(f"{urls.source(plan)}#{entity.id}: does not wrap its line L{entity.source.line}")
    fail_all(problems, "missing task/indicator anchors")


# --- every task and indicator is shown where readers look for it -----------------------------


def test_tasks_on_plan_agency_and_topic_pages(site: Site, registry: Registry) -> None:
    problems = []
    checked_agency_links = 0
    for plan in registry.plans.values():
        plan_path = site.html_path(urls.plan(plan.id))
        for task in plan.tasks:
            wanted = Target(plan_path, task.id)
            article = site.element(urls.plan(plan.id), task.id)
            title = article.select_one(".gp-task__title") if article else None
            if title is None or squash(task.title) not in squash(title.get_text(" ")):
                problems.append(f"{plan.id}#{task.id}: title {task.title[:50]!r} not shown on the plan page")
            for agency in agencies_of(registry, plan, task.lead):
                page = site.html_path(urls.agency(agency))
                checked_agency_links += 1
                if page not in site.pages or wanted not in site.link_targets(page):
                    problems.append(f"{urls.agency(agency)}: no link to {plan.id}#{task.id} (lead agency)")
            topic_page = site.html_path(urls.topic(task.topic))
            if topic_page not in site.pages or wanted not in site.link_targets(topic_page):
                problems.append(f"{urls.topic(task.topic)}: no link to {plan.id}#{task.id} (primary topic)")
    assert checked_agency_links > 100, "the data should name lead agencies for most tasks"
    fail_all(problems, "tasks missing from their pages")


def test_indicators_on_monitoring_agency_pages(site: Site, registry: Registry) -> None:
    problems = []
    checked = 0
    for plan in registry.plans.values():
        plan_path = site.html_path(urls.plan(plan.id))
        for indicator in plan.indicators:
            for agency in agencies_of(registry, plan, indicator.monitoring):
                checked += 1
                page = site.html_path(urls.agency(agency))
                # the anchor id belongs to the plan page; here a row links to it
                rows = [tr for tr in site.page(urls.agency(agency)).select("tr")
                        if any(site.resolve(page, a.get("href", "")) == Target(plan_path, indicator.id)
                               for a in tr.select("a[href]"))]
                if not rows:
                    problems.append(f"{urls.agency(agency)}: no row linking to {plan.id}#{indicator.id}")
                elif squash(indicator.name) not in squash(rows[0].get_text(" ")):
                    problems.append(f"{urls.agency(agency)}: {indicator.id} name {indicator.name[:50]!r} not shown")
    assert checked > 50
    fail_all(problems, "indicators missing from their monitoring agencies' pages")


# --- links -----------------------------------------------------------------------------------


def test_every_local_link_resolves(site: Site) -> None:
    """Crawl every page: each local href/src must hit a file, and each #fragment an id there.

    Absolute URLs (the repository and edit links, the external sources of progress updates,
    the canonical link) are not local and are skipped; the resource test below keeps pages
    from loading anything remote.
    """
    broken: list[str] = []
    checked = 0
    for path in site.pages:
        for el in site.pages[path].find_all(True):
            for attr in URL_ATTRIBUTES:
                value = el.get(attr)
                if not isinstance(value, str):
                    continue
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme and scheme not in SKIPPED_SCHEMES:
                    broken.append(f"{path}: <{el.name} {attr}={value!r}>: scheme {scheme}: is not a link")
        for el, attr, target in site.links(path):
            checked += 1
            value = el[attr]
            if not site.exists(target.path):
                broken.append(f"{path}: <{el.name} {attr}={value!r}>: no file {target.path}")
            elif target.fragment:
                if target.path not in site.pages:
                    broken.append(f"{path}: <{el.name} {attr}={value!r}>: #fragment on a non-HTML file")
                elif target.fragment not in site.ids(target.path):
                    broken.append(f"{path}: <{el.name} {attr}={value!r}>: no id={target.fragment!r} in {target.path}")
    assert checked > 10_000, f"only {checked} local links found: is the crawler reading the pages?"
    fail_all(sorted(set(broken)), "broken local links")


# --- the comparison page ---------------------------------------------------------------------

# Targets of the 2030 digital-economy share (concept "kinh-te-so-grdp") as written in the
# source texts: Nam Định 000_….txt l.168-170 and Quảng Nam 001_….txt l.151-153 "≥ 30",
# Tiền Giang 002_….txt l.154-156 "≥ 20"; Hải Dương has no table, only its narrative
# 003_….txt l.44 "Quy mô kinh tế số đạt từ 30% GRDP trở lên".
GRDP_CONCEPT = "kinh-te-so-grdp"
GRDP_2030 = {"nam-dinh": "≥ 30", "quang-nam": "≥ 30", "tien-giang": "≥ 20", "hai-duong": "từ 30% GRDP trở lên"}


def table_columns(table: Tag) -> list[str]:
    return [squash(th.get_text(" ")) for th in table.select("thead th")]


def row_cells(row: Tag) -> list[Tag]:
    return row.find_all(["th", "td"], recursive=False)


def test_compare_lines_up_the_same_concept(site: Site, registry: Registry) -> None:
    page = site.page(urls.COMPARE)
    page_path = site.html_path(urls.COMPARE)
    row = page.select_one(f"tr#kn-{GRDP_CONCEPT}-2030")
    assert row is not None, "no row tr#kn-kinh-te-so-grdp-2030 on the comparison page"
    table = row.find_parent("table")
    columns = table_columns(table)
    cells = row_cells(row)
    assert len(cells) == len(columns), (columns, [c.get_text() for c in cells])
    for province_id, target in GRDP_2030.items():
        province = registry.provinces[province_id]
        [plan] = registry.plans_for_province(province_id)
        [indicator] = [i for i in plan.indicators if i.concept == GRDP_CONCEPT and i.horizon == 2030]
        assert indicator.target == target, f"data/plans/{plan.id}.yml changed: {indicator.target!r}"
        assert province.name in columns, f"no column for {province.name}: {columns}"
        cell = cells[columns.index(province.name)]
        links = cell.find_all("a")
        assert [squash(a.get_text()) for a in links] == [target], f"{province.name}: {cell}"
        assert site.resolve(page_path, links[0]["href"]) == Target(site.html_path(urls.plan(plan.id)), indicator.id), \
            f"{province.name}: links to {links[0]['href']}"

    ninh_binh = registry.provinces["ninh-binh"]
    [nb_plan] = registry.plans_for_province("ninh-binh")
    assert not nb_plan.appendix("indicators").published  # the premise, from data
    nb_cell = cells[columns.index(ninh_binh.name)]
    assert nb_cell.find("a") is None and squash(nb_cell.get_text()) in ("", "–", "-"), nb_cell
    notes = [squash(p.get_text(" ")) for p in page.select("article p")]
    assert any(ninh_binh.name in text and re.search(r"không (được )?công bố", text, re.I) for text in notes), \
        "the comparison page does not say Ninh Bình's indicator appendix was not published"


def test_compare_topic_coverage_counts(site: Site, registry: Registry) -> None:
    page = site.page(urls.COMPARE)
    page_path = site.html_path(urls.COMPARE)
    heading = page.find(id="chu-de")
    assert heading is not None, "no #chu-de section on the comparison page"
    table = heading.find_next("table")
    headers = table.select("thead th")[1:]
    plans = []
    for th in headers:
        province_plans = registry.plans_for_province(th.get("data-province", ""))
        assert len(province_plans) == 1, f"column {th} does not name one plan's province"
        assert squash(th.get_text()) == registry.provinces[province_plans[0].province].name
        plans.append(province_plans[0])
    assert {p.id for p in plans} == set(registry.plans)
    topic_by_page = {site.html_path(urls.topic(t.id)): t for t in registry.topics.values() if t.for_tasks}
    seen = []
    for row in table.select("tbody tr"):
        head, *counts = row_cells(row)
        target = site.resolve(page_path, head.find("a")["href"])
        topic = topic_by_page[target.path]
        seen.append(topic.id)
        expected = [sum(1 for task in plan.tasks if task.topic == topic.id) for plan in plans]
        assert [int(c.get_text()) for c in counts] == expected, f"topic {topic.id}"
    assert sorted(seen) == sorted(t.id for t in topic_by_page.values())
    total = sum(int(td.get_text()) for td in table.select("tbody td"))
    assert total == sum(len(p.tasks) for p in registry.plans.values())


# --- plans with missing appendices, merged provinces, merged agencies --------------------------


def test_unpublished_indicator_appendix_is_said_so(site: Site, registry: Registry) -> None:
    unpublished = [p for p in registry.plans.values()
                   if (a := p.appendix("indicators")) and not a.published]
    assert [registry.provinces[p.province].name for p in unpublished] == ["Ninh Bình"]
    for plan in unpublished:
        page = site.page(urls.plan(plan.id))
        section = page.find(id="chi-tieu")
        assert section is not None, f"{plan.id}: no #chi-tieu section"
        message = squash(section.find_next("p").get_text(" "))
        assert "Không công bố kèm văn bản gốc" in message, message
        assert plan.appendix("indicators").label in message, message
        assert not plan.indicators and page.select("tr[id]") == []


def test_merged_provinces_name_their_successor(site: Site, registry: Registry) -> None:
    merged = [p for p in registry.plans.values() if registry.provinces[p.province].merged_into]
    assert any(p.province == "nam-dinh" for p in merged)
    for plan in merged:
        province = registry.provinces[plan.province]
        successor = registry.current_province(province.id)
        path = site.html_path(urls.plan(plan.id))
        links = [el for el, attr, target in site.links(path)
                 if el.name == "a" and target == Target(site.html_path(urls.province(successor.id)))]
        assert links, f"{plan.id}: no link to {urls.province(successor.id)}"
        text = squash(links[0].parent.get_text(" "))
        assert successor.name in squash(links[0].get_text()), links[0]
        assert province.name in text and re.search(r"hợp nhất|sáp nhập", text), text
    # the worked example: Nam Định -> Ninh Bình
    assert registry.current_province("nam-dinh").id == "ninh-binh"


def test_merged_agency_points_to_its_successor(site: Site, registry: Registry) -> None:
    old = registry.agency("tien-giang", "so-tttt")
    new = registry.agency("dong-thap", "so-khcn")
    assert registry.successor(old) == new  # data: so-tttt -> so-khcn, Tiền Giang -> Đồng Tháp
    path = site.html_path(urls.agency(old))
    site.page(urls.agency(old))
    links = [el for el, attr, target in site.links(path)
             if el.name == "a" and target == Target(site.html_path(urls.agency(new)))]
    assert links, f"{urls.agency(old)} does not link to {urls.agency(new)}"
    assert any("Sở Khoa học và Công nghệ" in a.get_text() and "Đồng Tháp" in a.get_text() for a in links), links
    assert site.html_path(urls.agency(new)) in site.pages


# --- hygiene: no template leftovers, Vietnamese, offline --------------------------------------


def test_no_template_leftovers_or_placeholder_words(site: Site) -> None:
    problems = []
    for path, html in site.raw.items():
        markup = SCRIPT_OR_STYLE.sub("", html)
        if mt := JINJA_LEFTOVER.search(markup):
            problems.append(f"{path}: Jinja leftover {markup[max(0, mt.start() - 40):mt.end() + 40]!r}")
        if mt := PLACEHOLDER_WORDS.search(site.visible_text[path]):
            text = site.visible_text[path]
            problems.append(f"{path}: {mt.group(1)!r} in visible text: {text[max(0, mt.start() - 60):mt.end() + 20]!r}")
    fail_all(problems, "pages with template leftovers")


def test_every_page_is_vietnamese(site: Site) -> None:
    wrong = [f"{path}: lang={soup.html.get('lang') if soup.html else None!r}"
             for path, soup in site.pages.items() if not soup.html or soup.html.get("lang") != "vi"]
    fail_all(wrong, "pages whose <html lang> is not vi")


def test_ids_are_unique_on_every_page(site: Site) -> None:
    """A cited #anchor must point to one place: no id twice on a page."""
    problems = []
    for path, soup in site.pages.items():
        ids = [tag["id"] for tag in soup.select("[id]")]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            problems.append(f"{path}: {repeated[:5]}")
    fail_all(problems, "pages with repeated ids")


def remote_resources(soup: BeautifulSoup) -> Iterator[str]:
    def remote(url: str | None) -> bool:
        if not url:
            return False
        parts = urlsplit(url.strip())
        return bool(parts.netloc) or parts.scheme.lower() in ("http", "https")

    for link in soup.find_all("link", href=True):
        if RESOURCE_RELS & {r.lower() for r in link.get("rel") or []} and remote(link["href"]):
            yield f"<link rel={link.get('rel')} href={link['href']}>"
    for el in soup.find_all(["script", "img", "iframe", "source", "video", "audio", "embed", "track", "input"]):
        if remote(el.get("src")):
            yield f"<{el.name} src={el['src']}>"
    for el in soup.find_all(srcset=True):
        if any(remote(part.split()[0]) for part in el["srcset"].split(",") if part.strip()):
            yield f"<{el.name} srcset={el['srcset']}>"
    for el in soup.find_all("object", data=True):
        if remote(el["data"]):
            yield f"<object data={el['data']}>"
    for el in soup.find_all(["use", "image"]):
        for attr in ("href", "xlink:href"):
            if remote(el.get(attr)):
                yield f"<{el.name} {attr}={el[attr]}>"
    for el in soup.find_all("style"):
        if CSS_REMOTE.search(el.get_text()):
            yield "<style> importing a remote URL"
    for el in soup.find_all(style=True):
        if CSS_REMOTE.search(el["style"]):
            yield f"<{el.name} style={el['style']!r}>"


def test_nothing_is_loaded_from_another_host(site: Site) -> None:
    problems = [f"{path}: {what}" for path, soup in site.pages.items() for what in remote_resources(soup)]
    for css in sorted(site.root.rglob("*.css")):
        if mt := CSS_REMOTE.search(css.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{css.relative_to(site.root)}: remote url {mt.group(0)!r}")
    fail_all(problems, "remote stylesheets/scripts/images/fonts (pages must work offline)")


# --- stable, ASCII addresses -----------------------------------------------------------------


def test_urls_and_heading_ids_are_ascii(site: Site) -> None:
    problems = []
    for file in site.root.rglob("*"):
        rel = file.relative_to(site.root).as_posix()
        if not rel.isascii():
            problems.append(f"file path not ASCII: {rel}")
    for path in site.pages:
        for el, attr, target in site.links(path):
            if not (target.path + target.fragment).isascii():
                problems.append(f"{path}: <{el.name} {attr}={el[attr]!r}> is not ASCII")
        for heading in site.pages[path].select("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]"):
            if not HEADING_ID.match(heading["id"]):
                problems.append(f"{path}: heading id {heading['id']!r} is not an ASCII slug")
    sitemap = site.root / "sitemap.xml"
    if sitemap.is_file():
        for loc in re.findall(r"<loc>(.*?)</loc>", sitemap.read_text(encoding="utf-8")):
            if not unquote(loc).isascii():
                problems.append(f"sitemap.xml: {loc}")
    fail_all(problems, "non-ASCII addresses")


def test_heading_permalinks_fold_d(site: Site, registry: Registry) -> None:
    """Headings slugged by the toc extension keep "đ" as "d" ("Đến năm 2030" -> "den-nam-2030")."""
    with_d, dropped, bad_permalink = [], [], []
    for path, soup in site.pages.items():
        for heading in soup.select("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]"):
            permalink = heading.find("a", class_="headerlink")
            if permalink is None:
                continue
            if permalink.get("href") != f"#{heading['id']}":
                bad_permalink.append(f"{path}: {heading['id']!r} has permalink {permalink.get('href')!r}")
            text = squash("".join(s for s in heading.find_all(string=True) if s.parent is not permalink))
            if "đ" not in text.lower():
                continue
            slug_d, slug_dropped = ascii_slug(text), ascii_slug(text, keep_d=False)
            if re.fullmatch(re.escape(slug_d) + r"(_\d+)?", heading["id"]):
                with_d.append(f"{path}#{heading['id']}")
            elif slug_dropped != slug_d and re.fullmatch(re.escape(slug_dropped) + r"(_\d+)?", heading["id"]):
                dropped.append(f"{path}: {text!r} -> #{heading['id']} (expected #{slug_d})")
    fail_all(bad_permalink, "heading permalinks that do not target their heading")
    fail_all(dropped, "heading ids that dropped đ instead of folding it to d")
    assert with_d, "no heading with đ was slugged from its text: is the toc slugify in use?"
    # every plan page with a narrative has such headings; one seen on a plan page is enough proof
    plan_dirs = {urls.page_url(urls.plan(p)) for p in registry.plans}
    assert any(entry.rsplit("/", 1)[0] + "/" in plan_dirs for entry in with_d), with_d[:5]
