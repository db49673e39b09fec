"""What the data audit of issue 14 found, pinned: each fix as the reader sees it (built
pages) and as the data holds it, with the expected numbers counted from the source texts."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from site_html import Site, squash

from macros.data.deadlines import DeadlineKind
from macros.data.registry import Registry
from macros.data.text import fold, word_key
from macros.editing.importer import parse_source
from macros.editing.topic_guess import guess_topics
from macros.site import urls

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
QN, TG, HD, NB, ND = (
    "quang-nam-kh-1534-2025",
    "tien-giang-kh-69-2025",
    "hai-duong-ctr-hd-2025",
    "ninh-binh-kh-2025",
    "nam-dinh-kh-29-2025",
)


def tasks(registry: Registry, plan_id: str) -> dict[str, object]:
    return {t.id: t for t in registry.plans[plan_id].tasks}


# --- (a) a task two merged departments led jointly is one inherited task --------------------------


def test_joint_tasks_of_merged_departments_count_once(site: Site, registry: Registry) -> None:
    """Tiền Giang's Sở KH&CN and Sở TT&TT both passed to Đồng Tháp's Sở KH&CN: the rows whose
    lead cell names either are its inherited tasks, each once (42, not 23 + 24)."""
    draft = parse_source(SOURCES / registry.plans[TG].source.file)
    (table,) = [t for t in draft.tables if t.kind == "tasks"]
    names = ("khoa hoc va cong nghe", "thong tin va truyen thong")
    lead = {r.label: fold(r.values.get("lead") or "") for r in table.rows}
    either = [label for label, cell in lead.items() if any(n in cell for n in names)]
    both = [label for label, cell in lead.items() if all(n in cell for n in names)]
    assert both == ["13", "14", "15", "16", "67"]  # the audit's list
    page = site.page(urls.agency(registry.agency("dong-thap", "so-khcn")))
    stats = squash(page.select_one(".gp-stats").get_text(" "))
    assert f"{len(either)} nhiệm vụ chủ trì tiếp nhận" in stats, stats
    assert len(either) == 42
    text = squash(page.get_text(" "))
    assert f"{len(both)} nhiệm vụ do các cơ quan cũ cùng chủ trì chỉ được tính một lần." in text
    row = next(
        tr
        for tr in site.page(urls.kind("so-khcn")).select("table.gp-table tbody tr")
        if "Đồng Tháp" in tr.find("a").get_text()
    )
    assert squash(row.select_one('td[data-label="Chủ trì (tiếp nhận)"]').get_text()) == str(len(either))


# --- (b) businesses are not agencies ----------------------------------------------------------------


def test_businesses_are_not_an_agency_group(registry: Registry) -> None:
    task = tasks(registry, QN)["nv-60"]
    assert "doanh nghiệp liên quan" in task.support.raw
    categories = {k: registry.agency_kinds[k].category for k in task.support.agencies}
    assert categories["dn-lien-quan"] == "doanh-nghiep-hiep-hoi"
    assert "co-quan-lien-quan" not in categories, "no agency group is named in this cell"
    group = registry.agency_kinds["co-quan-lien-quan"]
    assert not any("doanh nghiệp" in alias for alias in group.aliases)


# --- (c) topics from whole words, primary topics where the text says so ------------------------------


def _media_words(registry: Registry) -> list[str]:
    return registry.topics["nhan-thuc-truyen-thong"].keywords


@pytest.mark.parametrize(
    ("plan_id", "task_id", "topic", "why"),
    [
        (ND, "nv-83", "nhan-thuc-truyen-thong", "“giá trị văn hóa truyền thống”"),
        (QN, "nv-59", "nhan-thuc-truyen-thong", "“Quy hoạch hạ tầng thông tin và truyền thông”"),
        (TG, "nv-64", "nhan-thuc-truyen-thong", "“Quy hoạch hạ tầng thông tin và truyền thông”"),
        (HD, "nv-1-1", "du-lieu-nen-tang", "“các nền tảng số, mạng xã hội” is a channel"),
        (NB, "nv-1-1", "du-lieu-nen-tang", "“các nền tảng số, mạng xã hội” is a channel"),
        (ND, "nv-22", "du-lieu-nen-tang", "“dựa trên nền tảng khoa học”"),
    ],
)
def test_keywords_inside_other_words_give_no_topic(registry, plan_id, task_id, topic, why) -> None:
    task = tasks(registry, plan_id)[task_id]
    keywords = registry.topics[topic].keywords
    assert any(fold(k) in fold(task.title) for k in keywords), f"the title holds the keyword's letters ({why})"
    assert topic not in task.topics, why


def test_every_communication_topic_is_in_the_words(registry: Registry) -> None:
    """A task about communication says one of the topic's words, as a whole word (or sits in
    the communication section), never only inside "truyền thống"."""
    sections = {(p.id, s.id): s.topic for p in registry.plans.values() for s in p.sections}
    words = _media_words(registry)
    wrong = [
        (p.id, t.id)
        for p in registry.plans.values()
        for t in p.tasks
        if "nhan-thuc-truyen-thong" in t.topics
        and sections[(p.id, t.section)] != "nhan-thuc-truyen-thong"
        and not any(word_key(w) in word_key(t.title) for w in words)
    ]
    assert wrong == []


def test_finance_data_and_innovation_can_be_the_main_topic(registry: Registry) -> None:
    sections = {(p.id, s.id): s.topic for p in registry.plans.values() for s in p.sections}
    main = Counter(t.topics[0] for p in registry.plans.values() for t in p.tasks)
    for topic in ("tai-chinh-dau-tu", "du-lieu-nen-tang", "cong-nghe-doi-moi-sang-tao"):
        assert main[topic] > 0, topic
        assert topic not in sections.values(), "no section has it: the task's own words made it the main topic"
    fund = tasks(registry, TG)["nv-21"]
    assert fund.title == "Thành lập Quỹ đầu tư phát triển công nghiệp chiến lược"
    assert fund.topics[0] == "tai-chinh-dau-tu" and "ha-tang-so" in fund.topics  # its section's topic stays


def test_the_importer_guesses_what_the_review_kept(registry: Registry) -> None:
    """The hand review changed only main topics the opening words do not name (the record
    lists them); every other task's topics are what the importer would guess today."""
    record = (ROOT / "data" / "reviews" / "chu-de-nhiem-vu-2026-12.md").read_text(encoding="utf-8")
    assert "338 nhiệm vụ" in record
    short = {"Nam Định": ND, "Quảng Nam": QN, "Tiền Giang": TG, "Hải Dương": HD, "Ninh Bình": NB}
    by_hand = set()
    hand_part = squash(record[record.index("\n2. ") : record.index("\n3. ")])
    for province, ids in re.findall(r"(Nam Định|Quảng Nam|Tiền Giang|Hải Dương|Ninh Bình) nv-([\d\-, ]+)", hand_part):
        by_hand |= {(short[province], "nv-" + i.strip()) for i in ids.split(",") if i.strip()}
    assert len(by_hand) == 29
    differ = set()
    for plan in registry.plans.values():
        sections = {s.id: s.topic for s in plan.sections}
        for task in plan.tasks:
            if guess_topics(task.title, sections[task.section], registry.topics.values()) != task.topics:
                differ.add((plan.id, task.id))
    assert differ == by_hand


# --- (d) Hải Dương's targets in words ---------------------------------------------------------------

HD_WORDED = {
    "tiem-luc-khcn": (38, 40),
    "trinh-do-cong-nghe-doanh-nghiep": (40, 40),
    "ha-tang-so": (50, 50),
    "quan-ly-nha-nuoc-so": (52, 52),
    "ket-noi-csdl": (52, 52),
}


def test_hai_duong_worded_targets_are_narrative_indicators(site: Site, registry: Registry) -> None:
    plan = registry.plans[HD]
    found = {i.concept: i for i in plan.indicators if i.concept in HD_WORDED and i.horizon == 2030}
    assert set(found) == set(HD_WORDED)
    compare = site.page(urls.COMPARE)
    for concept, lines in HD_WORDED.items():
        ind = found[concept]
        assert (ind.source.kind, ind.source.line, ind.source.line_end or ind.source.line) == ("narrative", *lines)
        assert ind.target in ind.name
        cell = compare.select_one(f'#kn-{concept}-2030 td[data-province="hai-duong"]')
        assert cell is not None and ind.target in squash(cell.get_text(" ")), concept
        assert "Lời văn" in cell.get_text()


# --- (e) ranking targets, units, year ranges, annual deadlines, the signer -----------------------------


@pytest.mark.parametrize(
    ("concept", "province", "shown"),
    [
        ("chi-so-dti", "tien-giang", "≤ 20"),  # "Thuộc nhóm 20 tỉnh, thành dẫn đầu cả nước"
        ("chi-so-dti", "quang-nam", "≤ 20"),  # "≤ 20 các tỉnh, thành trên cả nước"
        ("chi-so-pii", "tien-giang", "≤ 30"),  # "Thuộc nhóm 30 tỉnh, thành dẫn đầu cả nước"
    ],
)
def test_ranking_targets_line_up(site: Site, concept: str, province: str, shown: str) -> None:
    cell = site.page(urls.COMPARE).select_one(f'#kn-{concept}-2030 td[data-province="{province}"]')
    assert [squash(n.get_text()) for n in cell.select(".gp-num")] == [shown]


def test_hai_duong_top_10_is_a_rank(site: Site) -> None:
    cell = site.page(urls.COMPARE).select_one('#kn-chi-so-pii-2045 td[data-province="hai-duong"]')
    assert "top 10" in cell.get_text() and [squash(n.get_text()) for n in cell.select(".gp-num")] == ["≤ 10"]


def test_no_unit_written_twice(site: Site, registry: Registry) -> None:
    text = squash(site.page(urls.COMPARE).select_one("table.gp-compare").get_text(" "))
    doubled = [
        (p.id, i.id)
        for p in registry.plans.values()
        for i in p.indicators
        if i.concept and i.unit == "%" and (i.target or "").endswith("%")
    ]
    assert doubled, "the data has targets such as “100%” with the unit “%”"
    assert "% %" not in text


def test_year_ranges_have_their_own_row(site: Site, registry: Registry) -> None:
    rows = {
        squash(tr.find("th").get_text()): tr
        for tr in site.page(urls.COMPARE).select("#thoi-han ~ * table tbody tr, table tbody tr")
        if tr.find("th")
    }
    ranges = Counter(
        (d.year, d.year_to)
        for p in registry.plans.values()
        for t in p.tasks
        if (d := t.parsed_deadline) and d.kind is DeadlineKind.YEAR_RANGE
    )
    assert ranges == {(2025, 2030): 2, (2026, 2030): 1}  # "2025-2030", "2025 - 2030", "2026 - 2030"
    for (start, end), n in ranges.items():
        row = rows[f"Giai đoạn {start}–{end}"]
        assert sum(int(td.get_text(strip=True) or 0) for td in row.find_all("td")) == n
    in_2030 = sum(
        1
        for p in registry.plans.values()
        for t in p.tasks
        if (d := t.parsed_deadline) and d.kind is DeadlineKind.YEAR and d.year == 2030
    )
    row = rows["Trong năm 2030 (không ghi quý)"]
    assert sum(int(td.get_text(strip=True) or 0) for td in row.find_all("td")) == in_2030


def test_annual_deadlines_say_hang_nam(site: Site, registry: Registry) -> None:
    annual = [
        t for t in registry.plans[TG].tasks if t.parsed_deadline and t.parsed_deadline.kind is DeadlineKind.ANNUAL
    ]
    assert annual, "Tiền Giang has “Hàng năm” deadlines"
    page = site.page(urls.plan(TG))
    for task in annual:
        badge = page.find(id=task.id).select_one(".gp-badge--ongoing")
        assert badge is not None and squash(badge.get_text()) == "Hằng năm", task.id


def test_ninh_binh_signer_as_written_with_a_note(site: Site, registry: Registry) -> None:
    source = (SOURCES / registry.plans[NB].source.file).read_text(encoding="utf-8").splitlines()
    assert source[222] == "**Tổng Quang Thìn**"
    signer = registry.plans[NB].signer
    assert signer.name == "Tổng Quang Thìn" and "Tống Quang Thìn" in signer.note
    text = squash(site.page(urls.plan(NB)).get_text(" "))
    assert "Tổng Quang Thìn" in text and "nhiều khả năng là ông Tống Quang Thìn" in text
