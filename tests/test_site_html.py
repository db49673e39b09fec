"""Checks on the built HTML of the real site: the pages a reader reaches, as the browser gets them.

The site is built once per session (`built_site`, or SITE_DIR=site to reuse a build); every
HTML file is parsed once per module and shared by all tests here. Page paths come from
macros.urls and expectations from data/ (through the registry) or from the source texts in
data/sources/, never from the renderer under test.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from bs4 import BeautifulSoup, Tag
from site_html import URL_ATTRIBUTES, Site, Target, card_date, fail_all, squash

from macros.data import model as m
from macros.data.deadlines import DeadlineKind
from macros.data.registry import Agency, Registry
from macros.site import urls
from macros.site.search_index import SEARCH_DIR

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"

# Schemes that are not ours to check (mail, phone) or need no network (inline data); webcal:
# is a calendar subscription to the site's own .ics (tests/test_open_data.py checks each one).
SKIPPED_SCHEMES = {"http", "https", "mailto", "tel", "data", "webcal"}
# <link rel=...> values that make the browser download something.
RESOURCE_RELS = {
    "stylesheet",
    "preload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "modulepreload",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "mask-icon",
}
JINJA_LEFTOVER = re.compile(r"\{\{|\{%|%\}|\}\}")
PLACEHOLDER_WORDS = re.compile(r"\b(None|undefined)\b")
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
CSS_REMOTE = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*["']?\s*(?:https?:)?//""", re.I)
HEADING_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


# --- helpers ---------------------------------------------------------------------------------


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
            problems.append(
                f"{urls.source(plan)}: lines without <p id=L<n>>: "
                f"{sorted(line_ids - shown_lines, key=lambda s: int(s[1:]))[:10]}"
            )
        for kind, entities, tag in (("task", plan.tasks, "article"), ("indicator", plan.indicators, "tr")):
            for entity in entities:
                on_plan = site.element(urls.plan(plan.id), entity.id)
                if on_plan is None or on_plan.name != tag:
                    problems.append(
                        f"{urls.plan(plan.id)}: no <{tag} id={entity.id!r}> for {kind} "
                        f"(found {on_plan.name if on_plan else None})"
                    )
                wrapper = site.element(urls.source(plan), entity.id)
                if wrapper is None or "gp-source__entity" not in (wrapper.get("class") or []):
                    problems.append(
                        f"{urls.source(plan)}: no <div class=gp-source__entity id={entity.id!r}> "
                        f"for {kind} (source line {entity.source.line})"
                    )
                elif "gp-source__entity--quote" in wrapper.get("class"):
                    # an indicator sharing its paragraph with another: a quote that links to its line
                    if wrapper.find("a", href=f"#L{entity.source.line}") is None or squash(
                        getattr(entity, "name", "")
                    ) not in squash(wrapper.get_text(" ")):
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
            for rank, topic_id in enumerate(task.topics):
                topic_page = site.html_path(urls.topic(topic_id))
                if topic_page not in site.pages or wanted not in site.link_targets(topic_page):
                    problems.append(
                        f"{urls.topic(topic_id)}: no link to {plan.id}#{task.id} "
                        f"({'main' if rank == 0 else 'further'} topic)"
                    )
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
                rows = [
                    tr
                    for tr in site.page(urls.agency(agency)).select("tr")
                    if any(
                        site.resolve(page, a.get("href", "")) == Target(plan_path, indicator.id)
                        for a in tr.select("a[href]")
                    )
                ]
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
        assert site.resolve(page_path, links[0]["href"]) == Target(site.html_path(urls.plan(plan.id)), indicator.id), (
            f"{province.name}: links to {links[0]['href']}"
        )

    ninh_binh = registry.provinces["ninh-binh"]
    [nb_plan] = registry.plans_for_province("ninh-binh")
    assert not nb_plan.appendix("indicators").published  # the premise, from data
    nb_cell = cells[columns.index(ninh_binh.name)]
    assert nb_cell.find("a") is None and squash(nb_cell.get_text()) in ("", "–", "-"), nb_cell
    notes = [squash(p.get_text(" ")) for p in page.select("article p")]
    assert any(ninh_binh.name in text and re.search(r"không (được )?công bố", text, re.I) for text in notes), (
        "the comparison page does not say Ninh Bình's indicator appendix was not published"
    )


def grid_cell(cell: Tag) -> tuple[int, int | None]:
    """(tasks, of which main topic) of a count-grid cell: "24 (3 chính)" -> (24, 3), "0" -> (0, None)."""
    mt = re.fullmatch(r"(\d+)(?: \((\d+) chính\))?", squash(cell.get_text(" ")))
    assert mt, f"grid cell {cell}"
    return int(mt.group(1)), (int(mt.group(2)) if mt.group(2) else None)


def topic_split(plan: m.Plan, topic_id: str) -> tuple[list[m.Task], list[m.Task]]:
    """(main, related) tasks of a plan for a topic, from data: main = the task's first topic."""
    return ([t for t in plan.tasks if t.topics[0] == topic_id], [t for t in plan.tasks if topic_id in t.topics[1:]])


def test_compare_topic_coverage_counts(site: Site, registry: Registry) -> None:
    """Each cell counts every task carrying the topic (main or further topic), and says how
    many have it as their main topic: data and innovation are rarely a section of their own."""
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
    main_total = 0
    for row in table.select("tbody tr"):
        head, *cells = row_cells(row)
        target = site.resolve(page_path, head.find("a")["href"])
        topic = topic_by_page[target.path]
        seen.append(topic.id)
        expected = []
        for plan in plans:
            main, related = topic_split(plan, topic.id)
            expected.append((len(main) + len(related), len(main) if main or related else None))
        assert [grid_cell(c) for c in cells] == expected, f"topic {topic.id}"
        main_total += sum(m or 0 for _, m in expected)
    assert sorted(seen) == sorted(t.id for t in topic_by_page.values())
    # every task has one main topic; a task with several topics counts in several rows
    assert main_total == sum(len(p.tasks) for p in registry.plans.values())
    total = sum(grid_cell(td)[0] for td in table.select("tbody td"))
    assert total == sum(len(t.topics) for p in registry.plans.values() for t in p.tasks)
    # the worked example of the audit: no plan has a section on data, yet every plan has such tasks
    data_row = [r for r in table.select("tbody tr") if "Dữ liệu và nền tảng số" in r.get_text()]
    assert data_row and all(grid_cell(c)[0] > 0 for c in row_cells(data_row[0])[1:]), data_row
    text = squash(heading.find_next("p").get_text(" "))
    assert "chủ đề chính" in text and "liên quan" in text, text


def test_topics_index_counts_every_tagged_task(site: Site, registry: Registry) -> None:
    page = site.page(urls.index(urls.TOPICS))
    page_path = site.html_path(urls.index(urls.TOPICS))
    table = page.select_one("table.gp-grid")
    plan_by_page = {site.html_path(urls.plan(p.id)): p for p in registry.plans.values()}
    plans = [plan_by_page[site.resolve(page_path, th.find("a")["href"]).path] for th in table.select("thead th")[1:-1]]
    topic_by_page = {site.html_path(urls.topic(t.id)): t for t in registry.topics.values() if t.for_tasks}
    for row in table.select("tbody tr"):
        head, *cells, total = row_cells(row)
        topic = topic_by_page[site.resolve(page_path, head.find("a")["href"]).path]
        splits = [topic_split(p, topic.id) for p in plans]
        expected = [(len(a) + len(b), len(a) if a or b else None) for a, b in splits]
        assert [grid_cell(c) for c in cells] == expected, topic.id
        n, main = sum(e[0] for e in expected), sum(len(a) for a, _ in splits)
        assert grid_cell(total) == (n, main if n else None), topic.id


def test_topic_pages_list_every_task_carrying_the_topic(site: Site, registry: Registry) -> None:
    """A topic page lists, per plan, every task tagged with it: main-topic tasks first, then
    the related ones, none hidden; its counts say both."""
    problems = []
    for topic in registry.topics.values():
        if not topic.for_tasks:
            continue
        src = urls.topic(topic.id)
        page_path = site.html_path(src)
        page = site.page(src)
        all_main = all_related = 0
        for plan in registry.plans.values():
            main, related = topic_split(plan, topic.id)
            all_main, all_related = all_main + len(main), all_related + len(related)
            heading = site.element(src, f"col-{plan.id}")
            if heading is None:
                problems.append(f"{src}: no column for {plan.id}")
                continue
            column = heading.find_parent("section")
            plan_path = site.html_path(urls.plan(plan.id))
            listed = [site.resolve(page_path, a["href"]) for a in column.select(".gp-task-row a.gp-task-row__title")]
            wanted = [Target(plan_path, t.id) for t in main + related]
            if listed != wanted:
                problems.append(
                    f"{src} {plan.id}: lists {len(listed)} tasks, wanted {len(wanted)} "
                    f"({len(main)} main first, then {len(related)} related); "
                    f"missing {[t.fragment for t in set(wanted) - set(listed)][:5]}"
                )
            if column.find("details") is not None:
                problems.append(f"{src} {plan.id}: tasks folded away in <details>")
            summary = squash(column.find("p").get_text(" "))
            if summary != f"{len(main) + len(related)} nhiệm vụ ({len(main)} là chủ đề chính)":
                problems.append(f"{src} {plan.id}: column says {summary!r}")
            empty = "Không có nhiệm vụ nào gắn với chủ đề này." in squash(column.get_text(" "))
            if empty != (not main and not related):
                problems.append(f"{src} {plan.id}: says it is empty: {empty}, has {len(main) + len(related)} tasks")
        stats = squash(page.select_one(".gp-stats").get_text(" "))
        wanted_stat = f"{all_main + all_related} nhiệm vụ gắn với chủ đề này ({all_main} là chủ đề chính)"
        if wanted_stat not in stats:
            problems.append(f"{src}: stats {stats!r}, wanted {wanted_stat!r}")
    fail_all(problems, "topic pages that do not show their tasks")


# Deadline kinds behind the explorer's "Loại thời hạn" ids and "Quý" values, as explorer.js
# documents them (a reading of the facets independent of the code that builds their data).
EXPLORER_DEADLINE_KINDS = {
    "co-han-cu-the": {
        DeadlineKind.QUARTER,
        DeadlineKind.MONTH,
        DeadlineKind.DAY,
        DeadlineKind.YEAR,
        DeadlineKind.YEAR_RANGE,
    },
    "thuong-xuyen": {DeadlineKind.ONGOING, DeadlineKind.YEAR_ONWARD},
    "hang-nam": {DeadlineKind.ANNUAL},
    "co-dieu-kien": {DeadlineKind.CONDITIONAL},
    "khong-ghi": {None},
}
BY_QUARTER = {DeadlineKind.QUARTER, DeadlineKind.MONTH, DeadlineKind.DAY}


def explorer_selects(task_plan: tuple[m.Plan, m.Task], params: dict[str, list[str]]) -> bool:
    """Would the explorer at ?params list this task? Values of a parameter are OR-ed,
    parameters AND-ed (explorer.js)."""
    plan, task = task_plan
    deadline = task.parsed_deadline
    due = deadline.due if deadline else None

    def one(param: str, value: str) -> bool:
        if param == "ke-hoach":
            return plan.id == value
        if param == "chu-de":
            return value in task.topics
        if param == "nam":
            return due is not None and due.year == int(value)
        if param == "quy":
            if deadline is None or due is None:
                return False
            if value == "ca-nam":
                return deadline.kind is DeadlineKind.YEAR
            if value == "giai-doan":  # a period of years, apart from its last year
                return deadline.kind is DeadlineKind.YEAR_RANGE
            return deadline.kind in BY_QUARTER and (due.month - 1) // 3 + 1 == int(value)
        if param == "loai-han":
            return (deadline.kind if deadline else None) in EXPLORER_DEADLINE_KINDS[value]
        raise AssertionError(f"the grids should not link with ?{param}=")

    return all(any(one(param, v) for v in values) for param, values in params.items())


def explorer_params(href: str) -> dict[str, list[str]]:
    return {k: v[0].split(",") for k, v in parse_qs(urlsplit(href).query).items()}


def test_compare_grid_cells_open_the_explorer_on_their_tasks(site: Site, registry: Registry) -> None:
    """Every non-zero cell of the topic and deadline grids links to the task explorer with
    the filters that list exactly the cell's tasks; a 0 cell links nowhere."""
    page = site.page(urls.COMPARE)
    page_path = site.html_path(urls.COMPARE)
    explorer_path = site.html_path(urls.EXPLORER)
    explore = json.loads((site.root / SEARCH_DIR / "explore.json").read_text(encoding="utf-8"))
    script = (site.root / "assets" / "javascripts" / "explorer.js").read_text(encoding="utf-8")
    vocabulary = (site.root / "assets" / "javascripts" / "gp-vocabulary.js").read_text(encoding="utf-8")
    shipped = json.loads(vocabulary[vocabulary.index("{") :])  # self.GPVocabulary = {…}
    facet_of = {param: facet for facet, param in shipped["explorer"]["params"].items()}
    known = {
        "ke-hoach": {p["id"] for p in explore["plans"]},
        "chu-de": {t["id"] for t in explore["topics"]},
        "nam": {str(r[explore["columns"].index("year")]) for r in explore["rows"]},
        "quy": {q["id"] for q in explore["quarters"]},
        "loai-han": set(explore["deadline_ids"].values()),
    }
    assert set(EXPLORER_DEADLINE_KINDS) == known["loai-han"]
    tasks = [(plan, task) for plan in registry.plans.values() for task in plan.tasks]
    problems = []
    linked = 0
    for section in ("chu-de", "thoi-han"):
        table = page.find(id=section).find_next("table")
        for row in table.select("tbody tr"):
            for td in row.find_all("td"):
                n = grid_cell(td)[0]
                link = td.find("a")
                if n == 0:
                    if link is not None:
                        problems.append(f"#{section}: a 0 cell links to {link['href']}")
                    continue
                if link is None:
                    problems.append(f"#{section} {squash(row.th.get_text())} / {td.get('data-province')}: {n}, no link")
                    continue
                linked += 1
                href = link["href"]
                if site.resolve(page_path, href) != Target(explorer_path):
                    problems.append(f"#{section}: {href} does not open the explorer")
                params = explorer_params(href)
                for param, values in params.items():
                    if param not in facet_of or f"param: P.{facet_of[param]}," not in script:
                        problems.append(f"{href}: explorer.js reads no ?{param}=")
                    elif unknown := set(values) - known.get(param, set()):
                        problems.append(f"{href}: the explorer knows no {param} value {sorted(unknown)}")
                if params.get("ke-hoach") != [td["data-plan"]]:
                    problems.append(f"{href}: not filtered to the column's plan {td['data-plan']}")
                found = sum(1 for pt in tasks if explorer_selects(pt, params))
                if found != n:
                    problems.append(f"#{section} {squash(row.th.get_text())}: cell says {n}, {href} lists {found}")
    assert linked > 50
    fail_all(problems, "grid cells whose explorer link does not list their tasks")


# --- plans with missing appendices, merged provinces, merged agencies --------------------------


def test_unpublished_indicator_appendix_is_said_so(site: Site, registry: Registry) -> None:
    unpublished = [p for p in registry.plans.values() if (a := p.appendix("indicators")) and not a.published]
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
        links = [
            el
            for el, attr, target in site.links(path)
            if el.name == "a" and target == Target(site.html_path(urls.province(successor.id)))
        ]
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
    links = [
        el
        for el, attr, target in site.links(path)
        if el.name == "a" and target == Target(site.html_path(urls.agency(new)))
    ]
    assert links, f"{urls.agency(old)} does not link to {urls.agency(new)}"
    assert any("Sở Khoa học và Công nghệ" in a.get_text() and "Đồng Tháp" in a.get_text() for a in links), links
    assert site.html_path(urls.agency(new)) in site.pages


def section_after(heading: Tag) -> list[Tag]:
    """The elements after a heading, up to the next heading of its level or above."""
    level = int(heading.name[1])
    out = []
    for el in heading.find_next_siblings(True):
        if re.fullmatch(r"h[1-6]", el.name) and int(el.name[1]) <= level:
            break
        out.append(el)
    return out


def heading_text(heading: Tag) -> str:
    return squash(
        "".join(s for s in heading.find_all(string=True) if "headerlink" not in (s.parent.get("class") or []))
    )


def inherited_work(
    registry: Registry, agency: Agency
) -> dict[Agency, tuple[set[tuple[str, str]], set[tuple[str, str]], set[tuple[str, str]]]]:
    """{predecessor: (tasks led, tasks supported, indicators monitored)} as (plan, id), from the plans' cells."""
    out = {}
    for pre in (a for a in registry.agencies.values() if registry.successor(a) == agency):
        led, supported, monitored = set(), set(), set()
        for plan in registry.plans_for_province(pre.province.id):
            for task in plan.tasks:
                if pre in agencies_of(registry, plan, task.lead):
                    led.add((plan.id, task.id))
                if pre in agencies_of(registry, plan, task.support):
                    supported.add((plan.id, task.id))
            for indicator in plan.indicators:
                if pre in agencies_of(registry, plan, indicator.monitoring):
                    monitored.add((plan.id, indicator.id))
        out[pre] = (led, supported, monitored)
    return out


def test_successor_agencies_list_what_they_took_over(site: Site, registry: Registry) -> None:
    """A department or province that took over others in 2025 shows their tasks and
    indicators, grouped by the predecessor, with counts; not "0 nhiệm vụ"."""
    problems = []
    successors = 0
    for agency in registry.agencies.values():
        work = inherited_work(registry, agency)
        if not work:
            continue
        successors += 1
        src = urls.agency(agency)
        page_path = site.html_path(src)
        page = site.page(src)
        headings = {heading_text(h): h for h in page.select("h3")}
        for pre, (led, supported, monitored) in work.items():
            wanted_heading = next(
                (t for t in headings if t.startswith("Nhiệm vụ tiếp nhận từ") and pre.name in t), None
            )
            if wanted_heading is None:
                problems.append(f"{src}: no heading 'Nhiệm vụ tiếp nhận từ {pre.name}' (has {list(headings)[:4]})")
                continue
            section = section_after(headings[wanted_heading])
            targets = {site.resolve(page_path, a["href"]) for el in section for a in el.select("a[href]")}
            for plan_id, entity in sorted(led | supported | monitored):
                if Target(site.html_path(urls.plan(plan_id)), entity) not in targets:
                    problems.append(f"{src}: section for {pre.id} does not link to {plan_id}#{entity}")
            text = squash(" ".join(el.get_text(" ") for el in section))
            counts = (
                f"{len(led)} nhiệm vụ chủ trì, {len(supported)} nhiệm vụ phối hợp, {len(monitored)} chỉ tiêu theo dõi"
            )
            if counts not in text:
                problems.append(f"{src}: section for {pre.id} does not say {counts!r}")
            if site.resolve(page_path, urls.href(src, urls.agency(pre))) not in targets:
                problems.append(f"{src}: section for {pre.id} does not link to its page")
        stats = squash(page.select_one(".gp-stats").get_text(" "))
        for n, what in (
            (len(set().union(*(w[0] for w in work.values()))), "nhiệm vụ chủ trì tiếp nhận"),
            (len(set().union(*(w[1] for w in work.values()))), "nhiệm vụ phối hợp tiếp nhận"),
            (len(set().union(*(w[2] for w in work.values()))), "chỉ tiêu tiếp nhận"),
        ):
            if f"{n} {what}" not in stats:
                problems.append(f"{src}: stats {stats!r} lack '{n} {what}'")
        if "Không có nhiệm vụ nào." in site.visible_text[page_path]:
            problems.append(f"{src}: says 'Không có nhiệm vụ nào.' though it took over tasks")
    assert successors >= 72, f"only {successors} successor agencies in the data"
    fail_all(problems, "successor agency pages that hide what they took over")

    # the audit's example: Đồng Tháp's department took over two Tiền Giang departments
    new = registry.agency("dong-thap", "so-khcn")
    page = site.page(urls.agency(new))
    titles = [heading_text(h) for h in page.select("h3")]
    for old in ("so-khcn", "so-tttt"):
        name = registry.agency("tien-giang", old).name
        assert f"Nhiệm vụ tiếp nhận từ {name}" in titles, titles
    assert page.select(".gp-task-row"), "no task listed on the successor's page"


def test_kind_pages_count_what_successors_took_over(site: Site, registry: Registry) -> None:
    problems = []
    for kind_id in sorted({a.kind.id for a in registry.agencies.values()}):
        src = urls.kind(kind_id)
        page_path = site.html_path(src)
        rows = site.page(src).select("table.gp-table:not(.gp-chart__table) tbody tr")  # not the chart's data
        by_agency = {site.resolve(page_path, tr.find("a")["href"]).path: tr for tr in rows}
        for agency in registry.agencies_of_kind(kind_id):
            row = by_agency.get(site.html_path(urls.agency(agency)))
            if row is None:
                problems.append(f"{src}: no row for {agency.id}")
                continue
            cells = {td.get("data-label"): squash(td.get_text(" ")) for td in row.find_all("td")}
            work = inherited_work(registry, agency)
            for label, index in (("Chủ trì (tiếp nhận)", 0), ("Phối hợp (tiếp nhận)", 1), ("Chỉ tiêu (tiếp nhận)", 2)):
                if not work:
                    if cells.get(label, "–") != "–":
                        problems.append(f"{src} {agency.id}: {label} = {cells.get(label)!r}, took over nothing")
                    continue
                wanted = str(len(set().union(*(w[index] for w in work.values()))))  # a joint task once
                if cells.get(label) != wanted:
                    problems.append(f"{src} {agency.id}: {label} = {cells.get(label)!r}, wanted {wanted}")
    fail_all(problems, "kind-page rows that miss what successors took over")


def test_home_cards_share_due_is_the_passed_badges(site: Site, registry: Registry) -> None:
    """A card's "N nhiệm vụ đã qua thời hạn" counts the plan's tasks whose badge says "Đã
    đến hạn", as of the date the card names, and the plan page's summary says the same; no
    percentage, and "2025 và những năm tiếp theo" is ongoing, not due."""
    home_path = site.html_path(urls.HOME)
    cards = site.page(urls.HOME).select(".gp-plan-card")
    plan_by_page = {site.html_path(urls.plan(p.id)): p for p in registry.plans.values()}
    assert len(cards) == len(registry.plans)
    problems, dates = [], set()
    for card in cards:
        target = site.resolve(home_path, card.select_one(".gp-card__title a")["href"])
        plan = plan_by_page[target.path]
        articles = site.pages[target.path].select("article.gp-task")
        assert len(articles) == len(plan.tasks), plan.id
        passed = sum(1 for a in articles if a.select_one(".gp-task__facts .gp-badge--passed"))
        text = squash(card.select_one(".gp-card__stats").get_text(" "))
        if "%" in text:
            problems.append(f"{plan.id}: card {text!r} shows a percentage")
        if not any(t.parsed_deadline for t in plan.tasks):
            if "không ghi thời hạn" not in text or passed:
                problems.append(f"{plan.id}: card {text!r}, {passed} passed badges")
            continue
        words = r"(\d+) nhiệm vụ đã qua thời hạn ghi trong kế hoạch; chưa có báo cáo tiến độ"
        mt = re.search(words + r" \(tính đến (\d\d/\d\d/\d{4}) \)", text)
        day = card_date(card)
        if not mt or day is None or mt.group(2) != f"{day:%d/%m/%Y}":
            problems.append(f"{plan.id}: card {text!r} has no count with its date")
            continue
        dates.add(day)
        if int(mt.group(1)) != passed:
            problems.append(f"{plan.id}: card says {mt.group(1)}, plan page has {passed} 'Đã đến hạn' badges")
        summary = squash(site.pages[target.path].select_one(".gp-deadline-summary").get_text(" "))
        if not summary.startswith(f"{passed} nhiệm vụ đã qua thời hạn ghi trong kế hoạch") or (
            f"Tính đến ngày {day:%d/%m/%Y}" not in summary
        ):
            problems.append(f"{plan.id}: plan page says {summary!r}, card {passed}")
        # the badges are judged on that date (which ties the card's date to them)
        for task, article in zip(plan.tasks, articles, strict=True):
            wanted = task.parsed_deadline.state(day).value if task.parsed_deadline else "none"
            if article.get("data-deadline") != wanted:
                problems.append(
                    f"{plan.id}#{task.id}: badge {article.get('data-deadline')}, {wanted} on {day:%d/%m/%Y}"
                )
    assert len(dates) == 1, f"cards computed on different dates: {dates}"
    onward = [
        t
        for p in registry.plans.values()
        for t in p.tasks
        if t.parsed_deadline and t.parsed_deadline.kind is DeadlineKind.YEAR_ONWARD
    ]
    assert onward, "the data should have '… và những năm tiếp theo' deadlines (badge: ongoing, checked above)"
    fail_all(problems, "cards whose share due disagrees with the badges")


# --- hygiene: no template leftovers, Vietnamese, offline --------------------------------------


def test_no_template_leftovers_or_placeholder_words(site: Site) -> None:
    problems = []
    for path, html in site.raw.items():
        markup = SCRIPT_OR_STYLE.sub("", html)
        if mt := JINJA_LEFTOVER.search(markup):
            problems.append(f"{path}: Jinja leftover {markup[max(0, mt.start() - 40) : mt.end() + 40]!r}")
        if mt := PLACEHOLDER_WORDS.search(site.visible_text[path]):
            text = site.visible_text[path]
            problems.append(
                f"{path}: {mt.group(1)!r} in visible text: {text[max(0, mt.start() - 60) : mt.end() + 20]!r}"
            )
    fail_all(problems, "pages with template leftovers")


def test_every_page_is_vietnamese(site: Site) -> None:
    wrong = [
        f"{path}: lang={soup.html.get('lang') if soup.html else None!r}"
        for path, soup in site.pages.items()
        if not soup.html or soup.html.get("lang") != "vi"
    ]
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
