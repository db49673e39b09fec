"""The header search box on the real site: accents, capitals and abbreviations find the same tasks.

Queries go in two ways: typed into Material's search box (click, type, End: Material searches
on keyup) and through the address (`?q=`, which Material opens as a search). Expected tasks come
from data/ through the registry; the results are read from Material's result list.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

import pytest
from playwright.sync_api import Page, Route

from macros.data import model as m
from macros.data.loader import load_registry
from macros.data.registry import Registry

REPO_ROOT = Path(__file__).resolve().parents[2]
RESULT_LINK = ".md-search-result__link"
SETTLE_TIMEOUT_S = 10
STABLE_FOR_S = 0.4  # results unchanged this long count as final


# --- data -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REPO_ROOT / "data")


def plain(text: str) -> str:
    """Lower case without diacritics (đ→d), spaces squashed: for choosing expected tasks from data."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d").split())


def tasks(registry: Registry) -> Iterable[tuple[m.Plan, m.Task]]:
    return ((plan, task) for plan in registry.plans.values() for task in plan.tasks)


def location(plan: m.Plan, task: m.Task) -> str:
    """A task's permanent address, relative to the site root."""
    return f"ke-hoach/{plan.id}/#{task.id}"


def task_text(plan: m.Plan, task: m.Task) -> str:
    """Everything of a task a search could match: title, agencies, output, deadline, section."""
    section = next((s for s in plan.sections if s.id == task.section), None)
    deadline = task.deadline if isinstance(task.deadline, str) else (task.deadline.raw if task.deadline else "")
    parts = [
        task.title,
        task.lead.raw if task.lead else "",
        task.support.raw if task.support else "",
        task.output or "",
        deadline or "",
        plan.number or "",
        section.title or "" if section else "",
        section.inferred_title or "" if section else "",
    ]
    return " ".join(parts)


def abbreviation(registry: Registry, short: str) -> m.Abbreviation:
    return next(a for a in registry.abbreviations if short in a.short)


# --- driving the search box -------------------------------------------------------------------


def shown_locations(page: Page) -> list[str]:
    """Result addresses relative to the site root, without Material's ?h= highlight parameter."""
    hrefs = page.locator(RESULT_LINK).evaluate_all("links => links.map(a => a.href)")
    out = []
    for href in hrefs:
        parts = urlsplit(href)
        out.append(parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else ""))
    return out


def wait_for(page: Page, done: Callable[[list[str]], bool], what: str) -> list[str]:
    """Poll the result list until `done(locations)` has held for STABLE_FOR_S."""
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    since, last = None, None
    while time.monotonic() < deadline:
        now = shown_locations(page)
        if now != last:
            since, last = time.monotonic(), now
        elif done(now) and time.monotonic() - since >= STABLE_FOR_S:
            return now
        page.wait_for_timeout(100)
    pytest.fail(f"{what}: results did not settle within {SETTLE_TIMEOUT_S} s; last seen: {last}", pytrace=False)


def search_by_address(page: Page, site_url: str, query: str) -> list[str]:
    page.goto(f"{site_url}?q={quote_plus(query)}")
    return wait_for(page, bool, f"?q={query}")


def search_by_typing(page: Page, site_url: str, query: str, until: Callable[[list[str]], bool]) -> list[str]:
    page.goto(site_url)
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query, delay=15)
    box.press("End")  # the keyup Playwright's typing of a precomposed last letter does not fire
    return wait_for(page, until, f"typed {query!r}")


# --- accents and capitals ---------------------------------------------------------------------

PAIRS = [
    # (typed, by address, a phrase the expected tasks' titles contain)
    pytest.param("chuyển đổi số", "chuyen doi so", "chuyển đổi số", id="cds-unaccented"),
    pytest.param("chuyển đổi số", "CHUYEN DOI SO", "chuyển đổi số", id="cds-capitals"),
    pytest.param("đổi mới sáng tạo", "doi moi sang tao", "đổi mới sáng tạo", id="dmst-unaccented"),
    # no title names the department: its words are in the lead cells, "khoa học và công nghệ" in titles
    pytest.param("Sở Khoa học và Công nghệ", "so khoa hoc cong nghe", "khoa học và công nghệ", id="so-khcn"),
]


@pytest.mark.parametrize(("typed", "linked", "phrase"), PAIRS)
def test_typed_and_linked_queries_agree(
    page: Page, site_url: str, registry: Registry, page_errors: list[str], typed: str, linked: str, phrase: str
) -> None:
    expected_tasks = {location(p, t) for p, t in tasks(registry) if plain(phrase) in plain(t.title)}
    assert expected_tasks, f"no task title in data/ contains {phrase!r}: choose another phrase"

    by_address = search_by_address(page, site_url, linked)
    by_typing = search_by_typing(page, site_url, typed, until=lambda shown: shown == by_address)

    assert by_typing == by_address
    found = expected_tasks.intersection(by_address)
    assert found, f"no task whose title contains {phrase!r} among the results: {by_address}"
    assert page_errors == []


def test_shortest_exact_title_is_shown(page: Page, site_url: str, registry: Registry) -> None:
    phrase = "chuyển đổi số"
    best = min(((p, t) for p, t in tasks(registry) if plain(phrase) in plain(t.title)), key=lambda pt: len(pt[1].title))
    assert location(*best) in search_by_address(page, site_url, phrase)


# --- abbreviations ----------------------------------------------------------------------------


def test_short_form_finds_full_form(page: Page, site_url: str, registry: Registry) -> None:
    """'KH&CN' finds tasks that only ever write 'khoa học và công nghệ'."""
    entry = abbreviation(registry, "KH&CN")
    full_only = {
        location(p, t)
        for p, t in tasks(registry)
        if plain(entry.full) in plain(t.title) and not any(short in task_text(p, t) for short in entry.short)
    }
    assert full_only, "data/ has no task with the full form only: the test needs one"

    shown = search_by_address(page, site_url, "KH&CN")
    found = sorted(full_only.intersection(shown))
    assert found, f"no task written only as {entry.full!r} among the results of 'KH&CN': {shown}"
    item = page.locator(f"{RESULT_LINK}[href$='#{found[0].split('#')[1]}']").first
    assert "KH&CN" not in item.inner_text()


def all_matches(page: Page, site_url: str, queries: list[str]) -> dict[str, list[str]]:
    """Every match of each query (addresses), through the search core the box uses; the box
    itself shows at most 6 results for each of 10 pages and links to the explorer for more."""
    page.goto(site_url + "tra-cuu/")
    found = page.evaluate(
        """async (queries) => {
             const engine = new GPSearch.Engine(new URL("../", location.href))
             const out = []
             for (const query of queries) {
               const hits = await engine.search(query)
               out.push((await engine.records(hits.map(h => h.doc))).map(r => r[1]))
             }
             return out
           }""",
        queries,
    )
    return dict(zip(queries, found, strict=True))


def writes(text: str, form: str) -> bool:
    """`form` (an abbreviation as written) occurs in `text` as a word of its own."""
    return re.search(rf"(?<![\w&]){re.escape(form)}(?![\w&])", text) is not None


def test_full_form_finds_short_form(page: Page, site_url: str, registry: Registry) -> None:
    """The full words find tasks that write only the abbreviation."""
    # Nam Định's task 79 writes 'KH&CN' in its title (its lead cell also names the Sở in full)
    plan = registry.plans["nam-dinh-kh-29-2025"]
    task = next(t for t in plan.tasks if t.label == "79")
    assert writes(task.title, "KH&CN") and "khoa hoc" not in plain(task.title)
    # tasks whose text lacks some word of the full form: only the abbreviation can lead to them
    only_short = {}
    for entry in registry.abbreviations:
        words = plain(entry.full).split()
        for p, t in tasks(registry):
            text = task_text(p, t)
            if any(writes(text, short) for short in entry.short) and not set(words) <= set(
                re.findall(r"\w+", plain(text))
            ):
                only_short.setdefault(entry.full, location(p, t))
    assert only_short, "data/ has no task that writes an abbreviation without its full words"

    matches = all_matches(page, site_url, ["khoa hoc cong nghe", *only_short])
    assert location(plan, task) in matches["khoa hoc cong nghe"]
    missed = {full: where for full, where in only_short.items() if where not in matches[full]}
    assert not missed, f"full forms that do not find the task writing only the abbreviation: {missed}"

    # and in the box, with words of its title that narrow the results to a few
    assert "chuyển đổi xanh" in task.title
    assert location(plan, task) in search_by_address(page, site_url, "khoa hoc cong nghe chuyen doi xanh")


@pytest.mark.parametrize("short", ["CĐS", "ĐMST", "UBND", "CSDL", "TTHC", "ATTT"])
def test_abbreviation_finds_full_form(page: Page, site_url: str, registry: Registry, short: str) -> None:
    full = plain(abbreviation(registry, short).full)
    assert any(full in plain(task_text(p, t)) for p, t in tasks(registry)), f"no task in data/ writes {full!r}"

    search_by_address(page, site_url, short)
    texts = [plain(text) for text in page.locator(".md-search-result__article").all_inner_texts()]
    assert any(full in text for text in texts), f"{short}: no result shows {full!r}"


# --- what a result shows ----------------------------------------------------------------------


def test_results_show_plan_and_section(page: Page, site_url: str, registry: Registry) -> None:
    search_by_address(page, site_url, "chuyển đổi số")
    items = page.locator(".md-search-result__item")
    plans_seen, task_texts = 0, []
    for i in range(items.count()):
        item = items.nth(i)
        head = urlsplit(item.locator(RESULT_LINK).first.evaluate("a => a.href")).path.strip("/").split("/")
        if len(head) != 2 or head[0] != "ke-hoach":
            continue
        plan = registry.plans[head[1]]
        heading = item.locator("h1").inner_text()
        assert registry.provinces[plan.province].name in heading, heading
        if plan.number:
            assert plan.number in heading, heading
        task_links = item.locator(f"{RESULT_LINK}[href*='#nv-']")
        assert task_links.count() > 0
        task_texts += task_links.all_inner_texts()
        plans_seen += 1
    assert plans_seen >= 2, "expected results from several plans"
    # the section a task sits in ("Mục 2. …"); a long one may be cut to the words around the match
    assert any("Mục" in text for text in task_texts), task_texts


def test_titles_render_as_text(page: Page, site_url: str, registry: Registry) -> None:
    """A title with '&' from data is shown character for character."""
    plan = registry.plans["nam-dinh-kh-29-2025"]
    task = next(t for t in plan.tasks if t.label == "79")
    search_by_address(page, site_url, "khoa hoc cong nghe chuyen doi xanh")
    title = page.locator(f"{RESULT_LINK}[href$='#{task.id}'] h2, {RESULT_LINK}[href$='#{task.id}'] h1").first
    assert " ".join(title.inner_text().split()) == " ".join(task.title.split())


HOSTILE = '<script>window.__gp_pwned=1</script><img src=x onerror="window.__gp_pwned=2"> Tiêu đề <b>đậm</b>'


def test_markup_in_records_is_not_run(page: Page, site_url: str, registry: Registry, page_errors: list[str]) -> None:
    """Display records reach the page from JSON: markup in them must stay text."""
    plan = next(iter(registry.plans.values()))
    task = plan.tasks[0]
    target = location(plan, task)
    replaced = []

    def poison(route: Route) -> None:
        response = route.fetch()
        records = response.json()
        for record in records:
            if record[1] == target:
                record[2] = HOSTILE
                replaced.append(target)
        route.fulfill(response=response, body=json.dumps(records, ensure_ascii=False))

    page.context.route(re.compile(r"/search/gp/docs-\d+\.json$"), poison)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # the task's own title words find it; the record shown for it is the poisoned one
    query = " ".join(task.title.split()[:8])
    shown = search_by_address(page, site_url, query)
    assert replaced and target in shown
    link = page.locator(f"{RESULT_LINK}[href$='#{task.id}']").first
    assert " ".join(link.locator("h2, h1").first.inner_text().split()) == " ".join(HOSTILE.split())
    assert page.locator(".md-search-result").locator("script, img, b").count() == 0
    assert page.evaluate("typeof window.__gp_pwned") == "undefined"
    assert dialogs == [] and page_errors == []


# --- places and plans -------------------------------------------------------------------------


def province_cases(registry: Registry) -> list[tuple[m.Province, set[str]]]:
    """Every province a plan was issued in and every province that took one over on
    01/07/2025 (Ninh Bình is both), with the pages that answer its name: its own page and
    the plans issued in it or in a province merged into it."""
    at_issue = {plan.province for plan in registry.plans.values()}
    names = sorted(at_issue | {registry.current_province(p).id for p in at_issue})
    cases = []
    for province_id in names:
        plans = {
            f"ke-hoach/{plan.id}/"
            for plan in registry.plans.values()
            if province_id in (plan.province, registry.current_province(plan.province).id)
        }
        cases.append((registry.provinces[province_id], {f"tinh/{province_id}/", *plans}))
    return cases


def result_pages(page: Page) -> list[str]:
    """The page each result item heads (its first link), in the order shown."""
    heads = page.locator(".md-search-result__item").evaluate_all(
        "items => items.map(item => item.querySelector('a').href)"
    )
    return [urlsplit(href).path.lstrip("/") for href in heads]


def test_province_names_put_the_province_first(page: Page, site_url: str, registry: Registry) -> None:
    """Typed into the header box without accents, every province's name (old and new) has
    the province's page or one of its plans among the first 3 results."""
    cases = province_cases(registry)
    at_issue = {plan.province for plan in registry.plans.values()}
    assert len(at_issue) == 5 and len(cases) - len(at_issue) == 3  # + Đà Nẵng, Đồng Tháp, Hải Phòng; Ninh Bình is both
    misses = {}
    for province, answers in cases:
        typed = plain(province.name)
        search_by_typing(page, site_url, typed, until=bool)
        first = result_pages(page)[:3]
        if not answers.intersection(first):
            misses[typed] = first
    assert not misses, f"province names whose first 3 results miss the province and its plans: {misses}"


def test_accented_province_name_finds_the_new_province(page: Page, site_url: str, registry: Registry) -> None:
    """The new provinces are indexed: 'Đà Nẵng' as written leads to its page, which says what it took over."""
    search_by_address(page, site_url, "Đà Nẵng")
    assert result_pages(page)[0] == "tinh/da-nang/"
    text = " ".join(page.locator(".md-search-result__item").first.inner_text().split())
    assert "gồm cả tỉnh Quảng Nam" in text, text


def test_merger_words_find_the_merger_notices(page: Page, site_url: str, registry: Registry) -> None:
    merged = [p for p in registry.provinces.values() if p.merged_into and registry.plans_for_province(p.id)]
    assert merged
    shown = search_by_address(page, site_url, "sáp nhập")
    assert {f"tinh/{p.id}/" for p in merged} <= set(result_pages(page)), result_pages(page)
    shown = search_by_address(page, site_url, "tien giang sap nhap")
    assert result_pages(page)[0] == "tinh/tien-giang/", shown
    text = " ".join(page.locator(".md-search-result__item").first.inner_text().split())
    now = registry.current_province("tien-giang")
    assert f"Tỉnh Tiền Giang sáp nhập vào tỉnh {now.name} từ ngày 01/07/2025" in text, text


def test_result_counts_say_what_they_count(page: Page, site_url: str) -> None:
    search_by_address(page, site_url, "chuyen doi so")
    items = page.locator(".md-search-result__item").count()
    meta = " ".join(page.locator(".md-search-result__meta").inner_text().split())
    assert meta == f"{items} trang có kết quả khớp", meta
    last = " ".join(page.locator(".md-search-result__item").last.inner_text().split())
    assert re.match(r"Xem cả [\d.]+ nhiệm vụ khớp trong Tra cứu nhiệm vụ", last), last


# --- requests before the first result -----------------------------------------------------------


def test_the_first_result_comes_in_few_requests(page: Page, site_url: str) -> None:
    """The search box's own requests before its first result (the pages that match): its
    worker, one script (vocabulary, core, settings, index head, each document's page), and
    one postings file per query word; nothing else: no script the worker imports, no index
    head or page grouping file, no record chunk. At most MAX_REQUESTS, as issue 15 asks;
    the records follow and fill each page's results in, under the same pages.

    The record files are held back until the first result shows: it must come without
    them (a record request the worker starts right after its first answer could otherwise
    finish first on a busy machine and be counted)."""
    from macros.bench.browser import FIRST_RESULT_JS, QUERY
    from macros.site.search_index import SHARD

    held: list = []  # record-file requests, answered once the first result is there
    released = []

    def hold(route) -> None:
        route.continue_() if released else held.append(route)

    page.context.route("**/search/gp/docs-*.json", hold)
    page.context.add_init_script(FIRST_RESULT_JS % json.dumps(".md-search-result__item"))
    finished = []  # the page's and its worker's requests
    page.context.on("requestfinished", lambda request: finished.append(request))
    page.goto(site_url + "?q=" + quote_plus(QUERY))
    page.wait_for_function("() => window.__gpFirstResult != null", timeout=30_000)
    first, origin = page.evaluate("() => [window.__gpFirstResult, performance.timeOrigin]")
    first_pages = result_pages(page)
    for _ in range(200):  # the worker asks for the records of what it shows next
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the records were not asked for after the first result"
    released.append(True)
    for route in held:
        route.continue_()

    def done_before_first(request) -> bool:
        timing = request.timing  # startTime: epoch ms; responseEnd: ms after startTime
        return timing["responseEnd"] >= 0 and timing["startTime"] + timing["responseEnd"] - origin <= first

    root = urlsplit(site_url).path
    own = sorted(
        urlsplit(r.url).path.removeprefix(root)
        for r in finished
        if done_before_first(r) and ("/search/gp/" in r.url or "gp-search" in r.url)
    )
    words = QUERY.split()
    expected = [
        "assets/javascripts/workers/gp-search-worker.js",
        *sorted(f"search/gp/index/{w[:SHARD]}.json" for w in words),
    ]
    assert own == sorted(expected), own
    assert len(own) <= MAX_REQUESTS
    # what came first are the pages the full list then heads, in the same order
    wait_for(page, lambda shown: any("#" in s for s in shown), QUERY)
    assert first_pages and result_pages(page)[: len(first_pages)] == first_pages


MAX_REQUESTS = 4
