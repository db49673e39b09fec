"""What the built pages say in the portal's own words: Vietnamese everywhere (Material's
strings included), editors' notes shown and set apart, plan identity put accurately, one
date format, abbreviations explained, readable source texts and a plan page one can find
one's way around on a phone.

Uses the real site built once per session and parsed once per module (the `site` and
`registry` fixtures of test_site_html.py). Expectations come from data/ (through the
registry), the source texts and content/, never from the renderer under test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from site_html import Site, Target, fail_all, squash

from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.data.deadlines import DeadlineKind
from macros.data.registry import Registry
from macros.site import urls
from macros.site.front_matter import split_front_matter

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"

# Material's English strings (and the odd Vietnamese one) that must not reach a reader.
ENGLISH_UI = (
    "Initializing",
    "Not found",
    "Search",
    "Back to top",
    "Copy to clipboard",
    "Copied",
    "Type to start searching",
    "No matching documents",
    "matching document",
    "more on this page",
    "Skip to content",
    "Edit this page",
    "View source",
    "Table of contents",
    "Previous",
    "Next",
    "Footer",
    "Header",
    "Navigation",
    "Clear",
    "Share",
    "Missing",
    "Go to repository",
    "Last update",
    "Contributors",
    "Tabs",
    "RSS feed",
    "Metadata",
    "Select language",
    "Select version",
    "Trở lại mục lục",
)
ENGLISH_UI_RE = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, ENGLISH_UI)) + r")(?!\w)")
UI_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-label")
EDITOR_LABEL = "Ghi chú của ban biên tập:"
# A date with a one-digit day or month ("01/7/2025", "9/3/2023").
SHORT_DATE = re.compile(r"(?<![\d/])(?:\d/\d{1,2}|\d{1,2}/\d)/\d{4}(?![\d/])")
# Page parts written by the portal (not official text) where dates appear.
UI_DATE_PLACES = (
    ".gp-card__meta",
    ".gp-card__note",
    ".gp-identity dt",
    ".gp-stats",
    ".gp-deadline__detail",
    ".gp-updated",
    "th",
    ".admonition-title",
    ".gp-notice p",
    ".gp-crumbs",
)


def plan_by_province(registry: Registry, province_id: str) -> m.Plan:
    [plan] = registry.plans_for_province(province_id)
    return plan


def dd_of(page: BeautifulSoup, label: str) -> Tag:
    for row in page.select(".gp-identity > div"):
        if squash(row.dt.get_text(" ")) == label:
            return row.dd
    pytest.fail(f"no identity row {label!r}", pytrace=False)


def source_lines(plan: m.Plan) -> list[str]:
    return (DATA_DIR / "sources" / plan.source.file).read_text(encoding="utf-8").splitlines()


# --- 1. Material's strings in Vietnamese; a Vietnamese 404 page ---------------------------------


def test_no_english_ui_words_on_any_page(site: Site) -> None:
    """Visible text, UI attributes and the translations Material's scripts show (search
    panel, copy button) on every built page."""
    problems = []
    checked_configs = 0
    for path, soup in site.pages.items():
        texts = [
            (s, "text")
            for s in soup.find_all(string=True)
            if s.parent is not None and s.parent.name not in ("script", "style", "template")
        ]
        texts += [(el[attr], f"@{attr}") for el in soup.find_all(True) for attr in UI_ATTRIBUTES if el.get(attr)]
        if (config := soup.find("script", id="__config")) is not None:
            checked_configs += 1
            texts += [(value, f"__config {key}") for key, value in json.loads(config.string)["translations"].items()]
        for text, where in texts:
            for mt in ENGLISH_UI_RE.finditer(str(text)):
                problems.append(f"{path}: {mt.group(1)!r} in {where}: {squash(str(text))[:80]!r}")
    assert checked_configs == len(site.pages), "every page should carry Material's __config"
    fail_all(sorted(set(problems)), "English (or wrong) interface words")


def test_search_panel_and_back_to_top_speak_vietnamese(site: Site) -> None:
    home = site.page(urls.HOME)
    assert squash(home.select_one(".md-search-result__meta").get_text()) == "Đang chuẩn bị tìm kiếm"
    assert squash(home.select_one(".md-top").get_text(" ")) == "Lên đầu trang"
    translations = json.loads(home.find("script", id="__config").string)["translations"]
    assert translations["search.result.term.missing"] == "Thiếu"
    assert translations["clipboard.copy"] == "Sao chép vào bộ nhớ tạm"


def test_404_page_is_vietnamese_and_shows_the_way(site: Site) -> None:
    page = site.pages["404.html"]
    assert page.html.get("lang") == "vi"
    content = page.select_one("article")
    assert squash(content.h1.get_text()) == "Không tìm thấy trang"
    assert "404" in squash(content.get_text(" "))
    assert squash(page.title.get_text()).startswith("Không tìm thấy trang")
    # served at any address, so its links start from the site root and must land on real pages
    wanted = {site.html_path(urls.HOME), site.html_path(urls.index(urls.PLANS)), site.html_path(urls.EXPLORER)}
    targets = {site.resolve("404.html", a["href"]).path for a in content.find_all("a", href=True)}
    assert wanted <= targets, targets
    assert all(a["href"].startswith("/") for a in content.find_all("a", href=True))
    search = content.find("label", attrs={"for": "__search"})
    assert search is not None and "tìm kiếm" in search.get_text(), "no hint that opens the search box"
    assert page.find(id="__search") is not None


# --- 2. Editors' notes ------------------------------------------------------------------------


def editor_notes(el: Tag) -> list[str]:
    return [squash(n.get_text(" ")) for n in el.select(".gp-editor-note")]


def test_the_real_indicator_notes_exist(registry: Registry) -> None:
    """The premise of the next test, from data: Quảng Nam's and Tiền Giang's ct-2030-18."""
    for province in ("quang-nam", "tien-giang"):
        plan = plan_by_province(registry, province)
        [indicator] = [i for i in plan.indicators if i.id == "ct-2030-18"]
        assert indicator.note and indicator.note.startswith("Hàng này trong văn bản gốc thiếu ô"), plan.id


def test_indicator_notes_are_shown_wherever_the_indicator_is(site: Site, registry: Registry) -> None:
    problems, checked = [], 0
    for plan in registry.plans.values():
        plan_path = site.html_path(urls.plan(plan.id))
        for indicator in plan.indicators:
            row = site.element(urls.plan(plan.id), indicator.id)
            notes = editor_notes(row) if row is not None else []
            if indicator.note is None:
                if notes:
                    problems.append(f"{plan.id}#{indicator.id}: an editor's note shown but the data has none")
                continue
            checked += 1
            if f"{EDITOR_LABEL} {squash(indicator.note)}" not in notes:
                problems.append(f"{plan.id}#{indicator.id}: note not shown on the plan page ({notes})")
            elsewhere = [
                urls.agency(registry.agency(plan.province, k))
                for k in (indicator.monitoring.agencies if indicator.monitoring else ())
            ]
            if indicator.concept:
                elsewhere.append(urls.topic(registry.concepts[indicator.concept].topic))
            for src in elsewhere:
                page_path = site.html_path(src)
                rows = [
                    tr
                    for tr in site.page(src).select("tr")
                    if any(
                        site.resolve(page_path, a.get("href", "")) == Target(plan_path, indicator.id)
                        for a in tr.select("a[href]")
                    )
                ]
                if not rows or not any(squash(indicator.note) in " ".join(editor_notes(tr)) for tr in rows):
                    problems.append(f"{src}: {plan.id}#{indicator.id} shown without its editor's note")
    assert checked >= 2, "the data has notes on Quảng Nam's and Tiền Giang's ct-2030-18"
    fail_all(problems, "indicator notes not shown")


def test_section_and_task_notes_are_shown_on_plan_pages(site: Site, registry: Registry) -> None:
    problems, sections_checked, tasks_checked = [], 0, 0
    for plan in registry.plans.values():
        page = site.page(urls.plan(plan.id))
        for section in plan.sections:
            heading = page.find(id=f"muc-{section.id}")
            if heading is None or section.note is None:
                continue
            sections_checked += 1
            notes = []
            for el in heading.find_all_next(True):
                if el.name in ("h2", "h3") or "gp-tasks" in (el.get("class") or []):
                    break
                if "gp-editor-note" in (el.get("class") or []):
                    notes.append(squash(el.get_text(" ")))
            if notes != [f"{EDITOR_LABEL} {squash(section.note)}"]:
                problems.append(f"{plan.id}#muc-{section.id}: section note not under its heading ({notes})")
        for task in plan.tasks:
            if task.note is None:
                continue
            tasks_checked += 1
            article = site.element(urls.plan(plan.id), task.id)
            if f"{EDITOR_LABEL} {squash(task.note)}" not in editor_notes(article):
                problems.append(f"{plan.id}#{task.id}: task note not shown")
            title = article.select_one(".gp-task__title")
            if title is not None and title.select(".gp-editor-note"):
                problems.append(f"{plan.id}#{task.id}: the note sits inside the official title")
    assert sections_checked >= 7, "Nam Định's sections carry notes in the data"
    assert tasks_checked >= 2  # Tiền Giang nv-49, nv-59 (rows missing cells)
    fail_all(problems, "editor notes not shown")


def test_editor_notes_look_different_from_official_text() -> None:
    css = (REPO_ROOT / "theme_overrides" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    rule = re.search(r"\.gp-editor-note\s*\{([^}]*)\}", css)
    assert rule and "border-left" in rule.group(1) and "font-style" in rule.group(1), "no distinct style"


# --- 3. Plan identity ------------------------------------------------------------------------


def test_issue_date_wording(site: Site, registry: Registry) -> None:
    hai_duong = plan_by_province(registry, "hai-duong")
    assert (hai_duong.issued_on, hai_duong.issued_raw) == (None, None)  # premise: no date at all
    hd_date = squash(dd_of(site.page(urls.plan(hai_duong.id)), "Ngày ban hành").get_text(" "))
    assert hd_date.startswith("Không ghi") and "Không ghi đủ" not in hd_date, hd_date
    assert "không ghi đủ" not in hai_duong.issued_note.lower(), hai_duong.issued_note
    assert hai_duong.issued_note in hd_date, "the editor's note on the date is shown"

    ninh_binh = plan_by_province(registry, "ninh-binh")
    assert ninh_binh.issued_raw == "Ninh Bình, ngày tháng 3 năm 2025" and ninh_binh.number is None
    nb_date = squash(dd_of(site.page(urls.plan(ninh_binh.id)), "Ngày ban hành").get_text(" "))
    assert nb_date.startswith("Tháng 3/2025") and ninh_binh.issued_raw in nb_date, nb_date

    tien_giang = plan_by_province(registry, "tien-giang")
    day = tien_giang.issued_on.strftime("%d/%m/%Y")
    mentions = [line for line in source_lines(tien_giang) if day in line and tien_giang.number in line]
    if mentions and all(line.startswith("(Ban hành kèm theo") for line in mentions):
        tg_date = squash(dd_of(site.page(urls.plan(tien_giang.id)), "Ngày ban hành").get_text(" "))
        assert tg_date.startswith(day) and "phụ lục" in tg_date, tg_date


def test_plan_cards_say_what_the_text_leaves_out(site: Site, registry: Registry) -> None:
    home = site.page(urls.HOME)
    cards = {
        squash(c.select_one(".gp-card__title").get_text()): squash(c.select_one(".gp-card__meta").get_text(" "))
        for c in home.select(".gp-plan-card")
    }
    ninh_binh = plan_by_province(registry, "ninh-binh")
    [nb_meta] = [meta for title, meta in cards.items() if title.endswith("Ninh Bình")]
    assert nb_meta == f"{ninh_binh.issuer} · ban hành tháng 3/2025 (văn bản không ghi số, ngày)", nb_meta
    for plan in registry.plans.values():
        [meta] = [meta for title, meta in cards.items() if title.endswith(registry.provinces[plan.province].name)]
        assert "ngày tháng" not in meta, meta  # the blank left for the day is not quoted as a date
        if plan.issued_on:
            assert meta.endswith(f"ban hành {plan.issued_on:%d/%m/%Y}") or "(văn bản không ghi số)" in meta, meta


def test_plans_without_a_number_say_so_in_their_name(site: Site, registry: Registry) -> None:
    problems = []
    for plan in registry.plans.values():
        title = squash(site.page(urls.plan(plan.id)).select_one("article h1").get_text(" ")).rstrip(" ¶")
        if plan.number is None and vocab.NO_NUMBER not in title:
            problems.append(f"{plan.id}: {title!r} does not say the text has no number")
        if plan.number is not None and (plan.number not in title or vocab.NO_NUMBER in title):
            problems.append(f"{plan.id}: {title!r}")
    assert sum(p.number is None for p in registry.plans.values()) == 2  # Ninh Bình, Hải Dương
    fail_all(problems, "plan names")


def test_unpublished_indicator_appendix_in_the_key_numbers(site: Site, registry: Registry) -> None:
    ninh_binh = plan_by_province(registry, "ninh-binh")
    assert not ninh_binh.appendix("indicators").published and not ninh_binh.indicators
    counts = site.page(urls.plan(ninh_binh.id)).select_one(".gp-identity-block__counts")
    indicators = squash(counts.get_text(" ")).split(",", 1)[1]
    assert "0 chỉ tiêu" not in indicators and "không công bố" in indicators, indicators


def test_dates_written_by_the_portal_use_one_format(site: Site) -> None:
    problems, seen = [], 0
    for path, soup in site.pages.items():
        for el in soup.select(", ".join(UI_DATE_PLACES)):
            text = squash(el.get_text(" "))
            seen += bool(re.search(r"\d/\d{4}", text))
            for mt in SHORT_DATE.finditer(text):
                problems.append(f"{path}: {mt.group(0)!r} in <{el.name} class={el.get('class')}>: {text[:80]!r}")
        for dd in soup.select(".gp-identity dd"):
            # the document's own words are quoted; the portal's date is what precedes them
            own = squash(dd.get_text(" ")).split("(văn bản ghi:")[0]
            for mt in SHORT_DATE.finditer(own):
                problems.append(f"{path}: {mt.group(0)!r} in the identity block: {own[:80]!r}")
    assert seen > 50
    fail_all(sorted(set(problems)), "dates not written dd/mm/yyyy")


# --- 4. Abbreviations; open-data codes --------------------------------------------------------


def test_indicator_tables_spell_out_the_row_number_header(site: Site) -> None:
    problems = [f"{path}: 'Số TT'" for path, html in site.raw.items() if "Số TT" in html]
    fail_all(problems, "pages with the header abbreviated")
    headers = [
        squash(th.get_text()) for th in site.page(urls.plan("nam-dinh-kh-29-2025")).select("table.gp-indicators th")
    ]
    assert "Số thứ tự" in headers, headers


def test_abbreviations_in_the_portals_words_are_explained(site: Site, registry: Registry) -> None:
    """Concept names (comparison page, topic pages) and topic descriptions are the portal's
    words: each GRDP, STEM, R&D there is an <abbr> whose title is its full form."""
    expansions = {short: a.full for a in registry.abbreviations for short in a.short} | vocab.UI_ABBREVIATIONS
    places = {urls.COMPARE: "tbody th"}
    places |= {urls.topic(t.id): ".gp-lead, h3.gp-subhead" for t in registry.topics.values() if t.for_tasks}
    problems, checked = [], 0
    # a short form inside a document symbol ("29/KH-UBND") is part of the symbol, not an abbreviation
    pattern = re.compile(
        r"(?<![\w&/-])(" + "|".join(map(re.escape, sorted(expansions, key=len, reverse=True))) + r")(?![\w&])"
    )
    for src, selector in places.items():
        for el in site.page(src).select(selector):
            for string in el.find_all(string=True):
                for mt in pattern.finditer(str(string)):
                    checked += 1
                    parent = string.parent
                    if (
                        parent.name != "abbr"
                        or parent.get("title") != expansions[mt.group(1)]
                        or squash(parent.get_text()) != mt.group(1)
                    ):
                        problems.append(
                            f"{src}: {mt.group(1)!r} without <abbr title>: {squash(el.get_text(' '))[:70]!r}"
                        )
    assert checked >= 5, "GRDP (concepts) and STEM (a topic description) should be found"
    assert "GRDP" in vocab.UI_ABBREVIATIONS or any("GRDP" in a.short for a in registry.abbreviations)
    fail_all(problems, "unexplained abbreviations")


def test_open_data_codes_are_explained_in_vietnamese(site: Site) -> None:
    page = site.page(urls.OPEN_DATA)
    explained: dict[str, str] = {}
    for li in page.select(".gp-glossary li"):
        code = li.find("code")
        if code is not None:
            explained[squash(code.get_text())] = squash(li.get_text(" ").replace(code.get_text(), "", 1)).lstrip(": ")
    wanted = [k.value for k in DeadlineKind] + ["appendix", "narrative"] + [s.value for s in m.Status]
    missing = [code for code in wanted if not re.search(r"[à-ỹđ]", explained.get(code, ""))]
    assert not missing, f"codes without a Vietnamese explanation: {missing}"
    columns = [squash(dt.get_text()) for dt in page.select(".gp-glossary dt")]
    assert "loai_thoi_han" in columns and "phep_so_sanh" in columns, columns


# --- 5. Source texts ------------------------------------------------------------------------


def test_pipe_sources_show_no_cell_delimiters(site: Site, registry: Registry) -> None:
    piped = [p for p in registry.plans.values() if p.source.layout == "pipe"]
    assert piped, "Nam Định's source is in the pipe layout"
    problems = []
    for plan in piped:
        lines = source_lines(plan)
        assert sum(line.endswith("|") for line in lines) > 100  # premise
        page = site.page(urls.source(plan))
        for n, raw in enumerate(lines, 1):
            p = page.find("p", id=f"L{n}")
            number = p.find("a", class_="gp-source__ln")
            shown = squash("".join(s for s in p.find_all(string=True) if s.parent is not number))
            if shown.endswith("|"):
                problems.append(f"{plan.id} L{n}: {shown[-40:]!r}")
            elif raw.strip(" |") and squash(raw.rstrip().removesuffix("|")) != shown:
                problems.append(f"{plan.id} L{n}: {shown[:40]!r} is not the line as written ({raw[:40]!r})")
        raw_file = site.root / f"du-lieu/van-ban/{plan.source.file}"
        assert raw_file.read_bytes() == (DATA_DIR / "sources" / plan.source.file).read_bytes(), "download changed"
    fail_all(problems, "source lines that still show the cell delimiter")


def test_source_downloads_have_readable_labels(site: Site, registry: Registry) -> None:
    problems = []
    for plan in registry.plans.values():
        for src in (urls.plan(plan.id), urls.source(plan), urls.OPEN_DATA):
            path = site.html_path(src)
            for a in site.page(src).select("a[download]"):
                target = site.resolve(path, a["href"])
                if target.path.endswith(plan.source.file):
                    label = squash(a.get_text(" "))
                    if plan.source.file in label or not re.search(r"[à-ỹđ]", label):
                        problems.append(f"{src}: download of {plan.source.file} labelled {label!r}")
        around = squash(dd_of(site.page(urls.plan(plan.id)), "Văn bản gốc").get_text(" "))
        assert "Tải văn bản gốc" in around, around
        for src in (urls.plan(plan.id), urls.source(plan), urls.index(urls.SOURCES)):  # no internal file names
            if plan.source.file in site.page(src).select_one("article").get_text(" "):
                problems.append(f"{src}: shows the file name {plan.source.file}")
    fail_all(problems, "downloads labelled with a hash file name")


# --- 6. Finding one's way on a long plan page ------------------------------------------------


def narrative_body(plan: m.Plan) -> str:
    path = REPO_ROOT / "content" / "ke-hoach" / f"{plan.id}.md"
    return split_front_matter(path.read_text(encoding="utf-8"))[1] if path.is_file() else ""


def test_plan_pages_have_a_jump_bar_under_the_key_numbers(site: Site, registry: Registry) -> None:
    problems = []
    for plan in registry.plans.values():
        src = urls.plan(plan.id)
        path = site.html_path(src)
        page = site.page(src)
        # right under the title, before the key numbers: one tap to the tasks from the first screen
        stats = page.select_one(".gp-identity-block")
        bar = page.select_one("nav.gp-jump")
        if bar is None or stats is None or bar.find_next(class_="gp-identity-block") is not stats:
            problems.append(f"{plan.id}: no jump bar between the title and the key numbers")
            continue
        links = {squash(a.get_text()): a["href"] for a in bar.find_all("a", href=True)}
        explorer = links.pop("Xem trong tra cứu", None)
        if explorer is None or not explorer.endswith(f"tra-cuu/?ke-hoach={plan.id}"):
            problems.append(f"{plan.id}: 'Xem trong tra cứu' goes to {explorer}")
        expected = ["Chỉ tiêu", f"Nhiệm vụ ({len(plan.tasks)})", "Thông tin văn bản", "Văn bản gốc", "Biểu đồ"]
        expected += ["Mục đích, mục tiêu"] if narrative_body(plan) else []
        if sorted(links) != sorted(expected):
            problems.append(f"{plan.id}: jump bar {sorted(links)}")
        for text, href in links.items():
            target = site.resolve(path, href)
            if text == "Văn bản gốc":
                if target != Target(site.html_path(urls.source(plan))):
                    problems.append(f"{plan.id}: 'Văn bản gốc' goes to {href}")
            elif target.path != path or target.fragment not in site.ids(path):
                problems.append(f"{plan.id}: {text!r} -> {href} has no target on the page")
    fail_all(problems, "plan pages without a working jump bar")


def test_tasks_come_first_then_indicators_then_purpose_and_goals(site: Site, registry: Registry) -> None:
    """Tasks first (a phone reaches them within two screens), then the indicators, then the
    narrative's opening (purpose, goals) and its tasks part; nothing of it is lost."""
    problems = []
    for plan in registry.plans.values():
        body = narrative_body(plan)
        if not body:
            continue
        page = site.page(urls.plan(plan.id))
        order = [el.get("id") for el in page.select("article [id]")]
        if not {"noi-dung", "chi-tieu", "nhiem-vu"} <= set(order) or not order.index("nhiem-vu") < order.index(
            "chi-tieu"
        ) < order.index("noi-dung"):
            problems.append(f"{plan.id}: not tasks, indicators, then the narrative's opening")
            continue
        first_paragraph = body.strip().split("\n\n", 1)[0]
        opening = squash(BeautifulSoup(markdown.markdown(first_paragraph), "html.parser").get_text(" "))
        head = page.find(id="noi-dung")
        after_heading = [squash(el.get_text(" ")) for el in head.find_all_next("p")]
        if opening not in after_heading[:3]:
            problems.append(f"{plan.id}: first paragraph {opening[:50]!r} does not open 'Mục đích, mục tiêu'")
        purpose = [h for h in re.findall(r"^#+\s+(.+)$", body, re.M) if "MỤC ĐÍCH" in h.upper()]
        texts = [squash(h.get_text(" ")).rstrip(" ¶") for h in page.select("h2, h3, h4, h5")]
        for heading in purpose:
            if heading not in texts or texts.index(heading) < texts.index("Mục đích, mục tiêu"):
                problems.append(f"{plan.id}: heading {heading!r} is not under 'Mục đích, mục tiêu'")
        # every paragraph of the narrative is still on the page, once
        text = squash(page.select_one("article").get_text(" "))
        last_paragraph = body.strip().rsplit("\n\n", 1)[-1]
        closing = squash(BeautifulSoup(markdown.markdown(last_paragraph), "html.parser").get_text(" "))
        if text.count(closing[:120]) != 1:
            problems.append(f"{plan.id}: the narrative's last paragraph is shown {text.count(closing[:120])} times")
    fail_all(problems, "plan pages with purpose and goals out of place")
