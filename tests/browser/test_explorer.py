"""The task explorer (tra-cuu/, explorer.js) on the real site, checked against data/.

Every expected count is computed here from the registry (which tasks a province, a lead agency
kind, a due year, a topic has); nothing is copied from explore.json or from the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect
from site_html import Site, card_date, fail_all

from macros.data import model as m
from macros.data.deadlines import NO_DEADLINE_STATE, DeadlineKind, DeadlineState
from macros.data.loader import load_registry
from macros.data.registry import Registry
from macros.site import urls
from macros.site.search_index import CHUNK, SEARCH_DIR

from .test_search import PAIRS as QUERY_PAIRS

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPLORER = "tra-cuu/"
PAGE_SIZE = 25
DATED = {DeadlineKind.QUARTER, DeadlineKind.MONTH, DeadlineKind.YEAR, DeadlineKind.YEAR_RANGE}


# --- data -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REPO_ROOT / "data")


Task = tuple[m.Plan, m.Task]


def all_tasks(registry: Registry) -> list[Task]:
    return [(plan, task) for plan in registry.plans.values() for task in plan.tasks]


def plain(text: str) -> str:
    """Lower case without diacritics (đ→d)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")


def location(plan: m.Plan, task: m.Task) -> str:
    return f"ke-hoach/{plan.id}/#{task.id}"


def province_is(province: str, registry: Registry | None = None) -> Callable[[Task], bool]:
    """The plan's province, or with `registry` also the province that took it over (2025)."""
    if registry is None:
        return lambda pt: pt[0].province == province
    return lambda pt: province in (pt[0].province, registry.current_province(pt[0].province).id)


def lead_kind_is(kind: str) -> Callable[[Task], bool]:
    return lambda pt: pt[1].lead is not None and kind in pt[1].lead.agencies


def due_year_is(year: int) -> Callable[[Task], bool]:
    def test(pt: Task) -> bool:
        deadline = pt[1].parsed_deadline
        return deadline is not None and deadline.due is not None and deadline.due.year == year

    return test


def topic_is(topic: str) -> Callable[[Task], bool]:
    return lambda pt: topic in pt[1].topics


def matching(tasks: Iterable[Task], *tests: Callable[[Task], bool]) -> list[Task]:
    return [pt for pt in tasks if all(test(pt) for test in tests)]


# --- driving the page -------------------------------------------------------------------------


def settle(page: Page) -> None:
    """Wait until the results on screen belong to the current state."""
    page.wait_for_function(
        """() => {
             const main = document.querySelector('.gp-explorer__main')
             const count = document.querySelector('.gp-explorer__count')
             return main && !main.hasAttribute('aria-busy') && /^Tìm thấy/.test(count.textContent)
           }""",
        timeout=10_000,
    )


def open_explorer(page: Page, site_url: str, query: str = "") -> None:
    page.goto(site_url + EXPLORER + query)
    settle(page)


def type_query(page: Page, text: str) -> None:
    box = page.get_by_role("searchbox", name="Tìm trong nhiệm vụ")
    box.fill("")
    box.press_sequentially(text, delay=10)
    page.wait_for_function("(q) => new URLSearchParams(location.search).get('tim') === q", arg=text)
    settle(page)


def shown_count(page: Page) -> int:
    text = page.locator(".gp-explorer__count").inner_text()
    match = re.match(r"Tìm thấy ([\d.]+) nhiệm vụ", text)
    assert match, text
    return int(match.group(1).replace(".", ""))


def result_locations(page: Page, site_url: str) -> list[str]:
    hrefs = page.locator(".gp-explorer__result .gp-explorer__title a").evaluate_all("as => as.map(a => a.href)")
    assert all(h.startswith(site_url) for h in hrefs), hrefs[:3]
    return [h[len(site_url) :] for h in hrefs]


def every_result(page: Page, site_url: str) -> list[str]:
    """All results, pressing "Xem thêm" until it goes away."""
    more = page.get_by_role("button", name=re.compile("^Xem thêm"))
    for _ in range(1000):
        if not more.is_visible():
            break
        more.click()
        settle(page)
    return result_locations(page, site_url)


def facet(page: Page, legend: str) -> Locator:
    return page.get_by_role("group", name=legend, exact=True)


def checkbox(page: Page, legend: str, label: str) -> Locator:
    return facet(page, legend).get_by_role("checkbox", name=re.compile(rf"^{re.escape(label)}\s+[\d.]+$"))


def facet_counts(page: Page, legend: str) -> dict[str, int]:
    """{value label: count shown} for the visible values of a facet."""
    out = {}
    for text in facet(page, legend).locator("label:visible").all_inner_texts():
        match = re.match(r"^(.*\S)\s+([\d.]+)$", " ".join(text.split()))
        assert match, text
        out[match.group(1)] = int(match.group(2).replace(".", ""))
    return out


def tick(page: Page, legend: str, label: str, on: bool = True) -> None:
    box = checkbox(page, legend, label)
    box.set_checked(on)
    settle(page)


def address_state(page: Page) -> dict[str, list[str]]:
    return {k: v[0].split(",") for k, v in parse_qs(urlsplit(page.url).query).items()}


# --- the text box -----------------------------------------------------------------------------


@pytest.mark.parametrize(("accented", "unaccented", "phrase"), QUERY_PAIRS)  # the search box's pairs
def test_unaccented_query_finds_the_same_tasks(
    page: Page, site_url: str, registry: Registry, page_errors: list[str], accented: str, unaccented: str, phrase: str
) -> None:
    open_explorer(page, site_url)
    type_query(page, accented)
    accented_count, accented_results = shown_count(page), every_result(page, site_url)
    type_query(page, unaccented)
    unaccented_count, unaccented_results = shown_count(page), every_result(page, site_url)

    assert 0 < accented_count < len(all_tasks(registry))
    assert len(accented_results) == accented_count, "not every page of results was shown"
    assert unaccented_count == accented_count
    assert unaccented_results == accented_results  # same tasks, same order
    # every query word is required: expected are the tasks whose title has the phrase and
    # whose title and agency cells have every word
    words = set(plain(unaccented).split()) - {"va"}
    titled = {
        location(p, t)
        for p, t in all_tasks(registry)
        if plain(phrase) in plain(t.title)
        and words
        <= set(
            re.findall(
                r"\w+", plain(" ".join([t.title, t.lead.raw if t.lead else "", t.support.raw if t.support else ""]))
            )
        )
    }
    assert titled and titled <= set(accented_results), sorted(titled - set(accented_results))[:5]
    # marked words are the words searched, whole (the last one is a whole word of the index)
    marked = {plain(text) for text in page.locator(".gp-explorer__results mark").all_inner_texts()}
    assert marked == words, (marked, words)
    assert page_errors == []


def test_abbreviations_and_full_forms_find_each_other(page: Page, site_url: str, registry: Registry) -> None:
    """'KH&CN' finds tasks that write only 'khoa học và công nghệ', and the full words find
    Nam Định's task 79, which writes only 'KH&CN'."""
    tasks = all_tasks(registry)
    full_only = {
        location(p, t)
        for p, t in tasks
        if "khoa hoc va cong nghe" in plain(t.title) and "KH&CN" not in t.title and "KHCN" not in t.title
    }
    short_only = next((p, t) for p, t in tasks if p.id == "nam-dinh-kh-29-2025" and t.label == "79")
    assert full_only and "KH&CN" in short_only[1].title and "khoa hoc" not in plain(short_only[1].title)

    open_explorer(page, site_url)
    type_query(page, "KH&CN")
    by_short = set(every_result(page, site_url))
    assert full_only <= by_short, sorted(full_only - by_short)[:5]
    type_query(page, "khoa học và công nghệ")
    assert location(*short_only) in every_result(page, site_url)


# --- facets -----------------------------------------------------------------------------------


def test_facets_filter_and_count_like_the_data(
    page: Page, site_url: str, registry: Registry, page_errors: list[str]
) -> None:
    tasks = all_tasks(registry)
    kind = registry.agency_kinds["so-khcn"]
    province_names = {p.name: p.id for p in registry.provinces.values()}
    kind_names = {k.name: k.id for k in registry.agency_kinds.values()}
    topic_names = {t.short_name: t.id for t in registry.topics.values()}
    open_explorer(page, site_url)
    assert shown_count(page) == len(tasks)

    tick(page, "Tỉnh", "Nam Định")
    nam_dinh = matching(tasks, province_is("nam-dinh"))
    assert shown_count(page) == len(nam_dinh)

    tick(page, "Loại cơ quan", kind.name)
    tick(page, "Năm đến hạn", "2025")
    chosen = matching(nam_dinh, lead_kind_is("so-khcn"), due_year_is(2025))
    assert shown_count(page) == len(chosen) > 0
    assert len(result_locations(page, site_url)) == min(len(chosen), PAGE_SIZE)
    assert set(every_result(page, site_url)) == {location(p, t) for p, t in chosen}

    # a facet's counts apply every other facet's choice, not its own
    shown = facet_counts(page, "Tỉnh")
    assert shown and all(
        n
        == len(matching(tasks, province_is(province_names[name], registry), lead_kind_is("so-khcn"), due_year_is(2025)))
        for name, n in shown.items()
    ), shown
    shown = facet_counts(page, "Năm đến hạn")
    assert shown and all(
        n == len(matching(nam_dinh, lead_kind_is("so-khcn"), due_year_is(int(year)))) for year, n in shown.items()
    ), shown
    shown = facet_counts(page, "Loại cơ quan")
    assert len(shown) >= 8 and all(
        n == len(matching(nam_dinh, due_year_is(2025), lead_kind_is(kind_names[name]))) for name, n in shown.items()
    ), shown
    shown = facet_counts(page, "Chủ đề")
    assert shown and all(n == len(matching(chosen, topic_is(topic_names[name]))) for name, n in shown.items()), shown
    # values with nothing left stay listed, greyed
    empty = facet(page, "Tỉnh").locator(".gp-explorer__option--empty")
    assert empty.count() == sum(1 for n in facet_counts(page, "Tỉnh").values() if n == 0) > 0

    for legend, label in (("Năm đến hạn", "2025"), ("Loại cơ quan", kind.name), ("Tỉnh", "Nam Định")):
        tick(page, legend, label, on=False)
    assert shown_count(page) == len(tasks)
    assert address_state(page) == {}
    assert facet_counts(page, "Tỉnh")["Nam Định"] == len(nam_dinh)
    assert page_errors == []


# At the first result: how many facets the explorer shows (FIRST_RESULT_JS's observer).
FACETS_AT_FIRST_RESULT_JS = """(() => {
  const observer = new MutationObserver(() => {
    if (window.__gpFacetsAtFirst == null && document.querySelector(".gp-explorer__result")) {
      window.__gpFacetsAtFirst = document.querySelectorAll(".gp-explorer__facet").length
      observer.disconnect()
    }
  })
  observer.observe(document, { childList: true, subtree: true })
})()"""


@pytest.mark.parametrize("query", ["", "?tim=chuyen+doi+so"])
def test_first_results_come_before_the_facets_which_then_count(
    page: Page, site_url: str, registry: Registry, query: str, page_errors: list[str]
) -> None:
    """The explorer draws its first results before it builds the facets (a thousand
    agencies at national size); the facets that follow still count what ticking gives."""
    page.context.add_init_script(FACETS_AT_FIRST_RESULT_JS)
    open_explorer(page, site_url, query)
    assert page.evaluate("() => window.__gpFacetsAtFirst") == 0
    shown = facet_counts(page, "Tỉnh")
    if not query:
        tasks = all_tasks(registry)
        ids = {p.name: p.id for p in registry.provinces.values()}
        assert shown == {name: len(matching(tasks, province_is(ids[name], registry))) for name in shown}
    name, n = max(shown.items(), key=lambda item: item[1])
    assert n > 0
    tick(page, "Tỉnh", name)
    assert shown_count(page) == n
    assert page_errors == []


def test_without_its_data_the_explorer_leaves_the_static_list(page: Page, site_url: str, registry: Registry) -> None:
    """explorer.js hides the static list before it is laid out, and shows it again when
    the facet rows cannot be loaded: every task is still listed, only without filters."""
    page.context.route(f"**/{SEARCH_DIR}/explore.json", lambda route: route.fulfill(status=404, body=""))
    page.goto(site_url + EXPLORER)
    page.wait_for_load_state("load")
    links = page.locator("[data-gp-explorer-static] li > a")
    expect(links.first).to_be_visible()
    assert links.count() == len(all_tasks(registry))
    expect(page.locator("[data-gp-explorer]")).to_be_hidden()


def test_due_facet_counts_what_the_badges_say(
    page: Page, site_url: str, registry: Registry, page_errors: list[str]
) -> None:
    """ "Đã đến hạn?" judges today by the badges' rule (Deadline.state): "2025 và những năm
    tiếp theo" is ongoing, neither passed nor upcoming."""
    today = dt.date.today()
    tasks = all_tasks(registry)

    def state_is(state: DeadlineState) -> Callable[[Task], bool]:
        return lambda pt: pt[1].parsed_deadline is not None and pt[1].parsed_deadline.state(today) is state

    passed, upcoming = (
        matching(tasks, state_is(DeadlineState.PASSED)),
        matching(tasks, state_is(DeadlineState.UPCOMING)),
    )
    assert passed and any(t.parsed_deadline and t.parsed_deadline.kind is DeadlineKind.YEAR_ONWARD for _, t in tasks)
    open_explorer(page, site_url)
    assert facet_counts(page, "Đã đến hạn?") == {"Đã đến hạn": len(passed), "Chưa đến hạn": len(upcoming)}
    open_explorer(page, site_url, "?den-han=da-den-han")
    assert shown_count(page) == len(passed)
    badges = page.locator(".gp-explorer__result .gp-explorer__badge").evaluate_all("bs => bs.map(b => b.className)")
    assert badges and all("gp-badge--passed" in b for b in badges), badges[:3]
    open_explorer(page, site_url, "?den-han=chua-den-han")
    assert shown_count(page) == len(upcoming)
    assert page_errors == []


def test_js_deadline_state_is_deadline_state_on_every_task(
    page: Page, site_url: str, site: Site, registry: Registry, page_errors: list[str]
) -> None:
    """explorer.js's deadlineState (its twin of Deadline.state, from explore.json's codes)
    evaluated in Chromium for every task of the real data: on the build's day it gives each
    plan page's badge, and around each deadline's date what Deadline.state gives."""
    explore = json.loads((site.root / SEARCH_DIR / "explore.json").read_text(encoding="utf-8"))
    columns = {name: i for i, name in enumerate(explore["columns"])}
    day = card_date(next(c for c in site.page(urls.HOME).select(".gp-plan-card") if card_date(c)))
    chunks: dict[int, list] = {}
    tasks = {(p.id, t.id): (p, t) for p in registry.plans.values() for t in p.tasks}
    plan_of_page = {urls.page_url(urls.plan(p.id)): p for p in registry.plans.values()}
    assert len(explore["rows"]) == len(tasks)
    cases = []  # (task, deadline or None, day, badge on the plan page or None)
    for row in explore["rows"]:
        doc = row[columns["doc"]]
        if doc // CHUNK not in chunks:
            chunks[doc // CHUNK] = json.loads((site.root / SEARCH_DIR / f"docs-{doc // CHUNK}.json").read_text("utf-8"))
        address, _, anchor = chunks[doc // CHUNK][doc % CHUNK][1].partition("#")
        plan, task = tasks[(plan_of_page[address].id, anchor)]
        deadline = task.parsed_deadline
        cases.append(
            (row, f"{plan.id}#{task.id}", deadline, day, site.element(urls.plan(plan.id), task.id)["data-deadline"])
        )
        if deadline and deadline.due:
            cases += [
                (row, f"{plan.id}#{task.id}", deadline, deadline.due + dt.timedelta(days=k), None) for k in (-1, 0, 1)
            ]
    open_explorer(page, site_url)
    got = page.evaluate(
        "cases => cases.map(c => GPExplorer.deadlineState(c[0], c[1], c[2]))",
        [
            [row[columns["deadline"]], row[columns["due"]], when.year * 10_000 + when.month * 100 + when.day]
            for row, _, _, when, _ in cases
        ],
    )
    problems = []
    for (_, where, deadline, when, badge), js in zip(cases, got, strict=True):
        wanted = deadline.state(when).value if deadline else NO_DEADLINE_STATE
        if js != wanted:
            problems.append(
                f"{where} ({deadline.raw if deadline else '-'}): explorer.js {js}, Deadline.state {wanted} on {when}"
            )
        if badge is not None and js != badge:
            problems.append(f"{where}: explorer.js {js} and the plan page's badge {badge} disagree on {when}")
    fail_all(problems, "tasks the explorer judges unlike their badge")
    assert set(got) == {*(s.value for s in DeadlineState), NO_DEADLINE_STATE}, "every state occurs in the data"
    assert page_errors == []


def test_sorting_by_nearest_deadline(page: Page, site_url: str, registry: Registry) -> None:
    open_explorer(page, site_url)
    page.get_by_label("Sắp xếp").select_option(label="Thời hạn gần nhất")
    settle(page)
    assert address_state(page) == {"sap-xep": ["thoi-han"]}
    due = {}
    for plan, task in all_tasks(registry):
        deadline = task.parsed_deadline
        due[location(plan, task)] = deadline.due if deadline and deadline.kind in DATED else dt.date.max
    shown = [due[where] for where in result_locations(page, site_url)]
    assert shown == sorted(shown) and shown[0] == min(due.values())


# --- the address ------------------------------------------------------------------------------


def test_state_lives_in_the_address(page: Page, site_url: str, registry: Registry) -> None:
    tasks = all_tasks(registry)
    kind = registry.agency_kinds["so-khcn"]
    open_explorer(page, site_url)
    tick(page, "Tỉnh", "Nam Định")
    tick(page, "Loại cơ quan", kind.name)
    tick(page, "Năm đến hạn", "2025")
    assert address_state(page) == {"tinh": ["nam-dinh"], "loai-co-quan": ["so-khcn"], "nam": ["2025"]}
    count = shown_count(page)

    page.reload()
    settle(page)
    assert shown_count(page) == count
    for legend, label in (("Tỉnh", "Nam Định"), ("Loại cơ quan", kind.name), ("Năm đến hạn", "2025")):
        expect(checkbox(page, legend, label)).to_be_checked()
    assert facet(page, "Tỉnh").locator("input:checked").count() == 1

    open_explorer(page, site_url, "?loai-co-quan=so-khcn&nam=2025&chu-de=du-lieu-nen-tang")
    expected = matching(tasks, lead_kind_is("so-khcn"), due_year_is(2025), topic_is("du-lieu-nen-tang"))
    assert shown_count(page) == len(expected) > 0
    expect(checkbox(page, "Loại cơ quan", kind.name)).to_be_checked()
    expect(checkbox(page, "Chủ đề", registry.topics["du-lieu-nen-tang"].short_name)).to_be_checked()
    expect(checkbox(page, "Năm đến hạn", "2025")).to_be_checked()


def test_query_in_the_address_belongs_to_the_explorer(page: Page, site_url: str, page_errors: list[str]) -> None:
    """The explorer's text query is ?tim= (Material's header search owns ?q= on every page)."""
    open_explorer(page, site_url, "?tim=chuyen+doi+so&tinh=nam-dinh")
    expect(page.get_by_role("searchbox", name="Tìm trong nhiệm vụ")).to_have_value("chuyen doi so")
    assert not page.locator("#__search").is_checked(), "Material's search overlay opened"
    assert address_state(page) == {"tim": ["chuyen doi so"], "tinh": ["nam-dinh"]}
    count = shown_count(page)
    open_explorer(page, site_url, "?tinh=nam-dinh")
    type_query(page, "chuyen doi so")
    assert shown_count(page) == count
    assert page_errors == []


@pytest.mark.parametrize("province", ["da-nang", "dong-thap", "hai-phong", "ninh-binh"])
def test_new_province_in_the_address_filters(
    page: Page, site_url: str, registry: Registry, page_errors: list[str], province: str
) -> None:
    """?tinh=<a province formed on 01/07/2025> lists the tasks of the plans it took over."""
    assert registry.provinces[province].merged_into is None
    expected = matching(all_tasks(registry), province_is(province, registry))
    assert any(plan.province != province for plan, _ in expected), "no plan of a merged province to find"
    open_explorer(page, site_url, f"?tinh={province}")
    assert shown_count(page) == len(expected) < len(all_tasks(registry))
    assert set(every_result(page, site_url)) == {location(p, t) for p, t in expected}
    assert address_state(page) == {"tinh": [province]}
    expect(page.locator(".gp-explorer__chip")).to_contain_text(registry.provinces[province].name)
    assert page_errors == []


def test_current_lead_agency_filters_and_shows(page: Page, site_url: str, registry: Registry) -> None:
    """?co-quan-hien-nay=<agency> lists the tasks that agency leads today (Registry.current_lead),
    and each result says who leads it now."""
    agency = registry.agency("dong-thap", "so-khcn")
    expected = [(p, t) for p, t in all_tasks(registry) if any(c.now == agency for c in registry.current_lead(p, t))]
    assert {t.lead.agencies[0] for _, t in expected if len(t.lead.agencies) == 1} >= {"so-tttt", "so-khcn"}
    open_explorer(page, site_url, f"?co-quan-hien-nay={agency.id}")
    assert shown_count(page) == len(expected)
    assert set(every_result(page, site_url)) == {location(p, t) for p, t in expected}
    summaries = page.locator(".gp-explorer__summary").all_inner_texts()
    now = [text.split("(nay: ", 1)[-1] for text in summaries]
    assert summaries and all(agency.name in text for text in now), summaries
    counts = facet_counts(page, "Cơ quan chủ trì hiện nay")
    assert counts.get(agency.name) == len(expected), counts


# --- results ----------------------------------------------------------------------------------


def test_results_link_to_permanent_addresses(page: Page, site_url: str, registry: Registry) -> None:
    tasks = all_tasks(registry)
    open_explorer(page, site_url)
    assert result_locations(page, site_url) == [location(p, t) for p, t in tasks[:PAGE_SIZE]]
    tick(page, "Tỉnh", "Nam Định")
    nam_dinh = matching(tasks, province_is("nam-dinh"))
    assert result_locations(page, site_url) == [location(p, t) for p, t in nam_dinh[:PAGE_SIZE]]

    first = page.locator(".gp-explorer__result").first
    assert nam_dinh[0][0].number in first.locator(".gp-explorer__plan").inner_text()
    first.locator(".gp-explorer__title a").click()
    plan, task = nam_dinh[0]
    expect(page).to_have_url(site_url + location(plan, task))
    card = page.locator(f"[id='{task.id}']")
    expect(card).to_have_count(1)
    expect(card).to_contain_text(task.title[:40])


def test_without_javascript_every_task_is_listed(
    new_context: Callable[..., BrowserContext], site_url: str, registry: Registry
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site_url + EXPLORER)
    links = page.locator("[data-gp-explorer-static] li > a")
    hrefs = links.evaluate_all("as => as.map(a => a.href)")
    assert len(hrefs) == len(all_tasks(registry))
    assert {h[len(site_url) :] for h in hrefs} == {location(p, t) for p, t in all_tasks(registry)}
    expect(page.locator("[data-gp-explorer]")).to_be_hidden()


# --- phones, keyboards, accessibility ---------------------------------------------------------


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_phone_layout(
    new_context: Callable[..., BrowserContext], site_url: str, axe_audit, page_errors: list[str]
) -> None:
    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    open_explorer(page, site_url, "?tim=du+lieu")
    filters = page.locator("details.gp-explorer__filters")
    expect(filters).to_have_count(1)
    assert filters.evaluate("d => !d.open"), "filters should start folded on a phone"
    assert page.locator("fieldset").count() == filters.locator("fieldset").count() >= 10
    assert filters.evaluate("d => d.compareDocumentPosition(document.querySelector('.gp-explorer__results')) & 4")
    assert no_horizontal_scroll(page)

    filters.locator("summary").click()
    facet(page, "Cơ quan chủ trì").get_by_role("button", name=re.compile("^Xem tất cả")).click()
    tick(page, "Tỉnh", "Nam Định")
    assert no_horizontal_scroll(page)
    assert axe_audit(page) == []
    page.get_by_role("button", name=re.compile(r"^Xem [\d.]+ nhiệm vụ tìm thấy")).click()
    assert filters.evaluate("d => !d.open")
    assert page_errors == []


def test_accessible_with_results(page: Page, site_url: str, axe_audit, page_errors: list[str]) -> None:
    open_explorer(page, site_url, "?tim=chuyen+doi+so&tinh=nam-dinh")
    assert page.locator(".gp-explorer__result mark").count() > 0
    live = page.locator(".gp-explorer__count")
    assert live.get_attribute("aria-live") == "polite"
    violations = axe_audit(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert page_errors == []


def test_keyboard_reaches_results_without_traps(page: Page, site_url: str) -> None:
    open_explorer(page, site_url, "?tinh=nam-dinh")
    page.get_by_role("searchbox", name="Tìm trong nhiệm vụ").focus()
    seen = []
    for _ in range(400):
        page.keyboard.press("Tab")
        here = page.evaluate("""() => { const e = document.activeElement
            return e ? e.className + '|' + (e.name || '') + '|' + (e.value || e.textContent).slice(0, 40) : '' }""")
        assert not seen or here != seen[-1], f"focus stuck on {here}"
        seen.append(here)
        if page.evaluate("!!document.activeElement.closest('.gp-explorer__result')"):
            break
    else:
        pytest.fail("Tab never reached a result")
    assert any("gp-explorer__check" in s for s in seen), "the filters are not in the tab order"
    # the chip for the ticked province and the sort box come before the results
    assert any("gp-explorer__chip" in s for s in seen) and any("gp-explorer__sort-select" in s for s in seen)
