"""Charts on the built pages: the markup contract (figure, named SVG, caption, data table),
and every number in a chart's table and in its SVG marks against the data.

The expected numbers are counted here from the registry (tasks, deadlines, topics, parsed
targets), not taken from macros.site.charts, so a chart that drifts from the data fails.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import Tag
from site_html import Site

from macros.data.deadlines import DeadlineState
from macros.data.registry import Registry
from macros.site import urls

TODAY = dt.date.today()


def charts(site: Site, src: str) -> list[Tag]:
    return site.page(src).select("figure.gp-chart")


def chart(site: Site, src: str, chart_id: str) -> Tag:
    figure = site.element(src, chart_id)
    assert figure is not None and figure.name == "figure", f"{src}: no chart #{chart_id}"
    return figure


def number(text: str) -> float:
    return float(text.strip().replace(".", "").replace(",", "."))


def table_rows(figure: Tag) -> dict[str, dict[str, int]]:
    """{row label: {column heading: number}} of a chart's data table."""
    table = figure.select_one("table")
    heads = [th.get_text(" ", strip=True) for th in table.select("thead th")][1:]
    out = {}
    for tr in table.select("tbody tr"):
        label = tr.select_one("th").get_text(" ", strip=True)
        out[label] = {h: int(number(td.get_text())) for h, td in zip(heads, tr.select("td"), strict=True)}
    return out


def marks(figure: Tag) -> list[tuple[float, int]]:
    """(width, count) of every bar segment drawn in the SVG."""
    return [(float(r["width"]), int(r["data-n"])) for r in figure.select("svg.gp-chart__svg > rect[data-n]")]


def hits(figure: Tag) -> list[tuple[str, int]]:
    """(address, count) of every link laid over the bars."""
    return [(a["href"], int(a.rect["data-n"])) for a in figure.select("svg.gp-chart__hits a")]


def task_state(task) -> str:
    deadline = task.parsed_deadline
    return deadline.state(TODAY).value if deadline else "none"


CHART_PAGES = [
    urls.HOME,
    *(urls.plan(p) for p in ("nam-dinh-kh-29-2025", "ninh-binh-kh-2025")),
    urls.province("nam-dinh"),
    urls.province("da-nang"),
    urls.kind("so-khcn"),
    urls.topic("chinh-quyen-so"),
    urls.COMPARE,
]


@pytest.mark.parametrize("src", CHART_PAGES)
def test_every_chart_keeps_the_markup_contract(site: Site, src: str) -> None:
    figures = charts(site, src)
    assert figures, f"{src}: no chart"
    for figure in figures:
        svg = figure.find("svg", class_="gp-chart__svg")
        assert svg is not None and svg.get("role") == "img"
        title = figure.find(id=svg["aria-labelledby"])
        assert title is not None and title.name == "title" and title.parent is svg and title.get_text(strip=True)
        caption = figure.find("figcaption")
        assert caption is not None and len(caption.get_text(strip=True)) > 20
        assert figure.find("table") is not None, f"{src} #{figure['id']}: no data table in the figure"
        # the picture holds no link; its twin laid over it makes marks links for a pointer,
        # hidden from assistive technology and out of the tab order (the table has the links)
        assert svg.find("a") is None
        hits = figure.find("svg", class_="gp-chart__hits")
        assert hits is not None and hits.get("aria-hidden") == "true" and hits.find("a")
        for a in hits.find_all("a"):
            assert a.get("tabindex") == "-1" and a.get("href")
        assert hits["viewbox"] == svg["viewbox"]  # (the HTML parser lowercases names)


def test_plan_timeline_counts_every_task_by_year_and_state(site: Site, registry: Registry) -> None:
    for plan in registry.plans.values():
        figure = chart(site, urls.plan(plan.id), f"bd-han-{plan.id}")
        rows = table_rows(figure)
        expected: Counter[tuple[str, str]] = Counter()
        for task in plan.tasks:
            state = task_state(task)
            if state in ("passed", "upcoming"):
                expected[(f"Năm {task.parsed_deadline.due.year}", state)] += 1
            else:
                expected[("other", state)] += 1
        assert sum(r["Tổng"] for r in rows.values()) == len(plan.tasks)
        passed = sum(r["Đã qua thời hạn ghi trong kế hoạch"] for r in rows.values())
        assert passed == sum(n for (_, s), n in expected.items() if s == DeadlineState.PASSED.value)
        for (year, state), n in expected.items():
            if year != "other":
                column = "Đã qua thời hạn ghi trong kế hoạch" if state == "passed" else "Chưa đến hạn"
                assert rows[year][column] == n, (plan.id, year, state)
        # the SVG's bars: one per non-zero cell, every bar as long per task as every other
        drawn = marks(figure)
        assert sum(n for _, n in drawn) == len(plan.tasks)
        per_task = {round(w / n, 1) for w, n in drawn}
        assert max(per_task) - min(per_task) <= 0.2, per_task
        caption = figure.figcaption.get_text(" ", strip=True)
        assert f"{passed} trên {len(plan.tasks)} nhiệm vụ đã qua thời hạn" in caption


def test_plan_topic_chart_counts_main_and_related_topics(site: Site, registry: Registry) -> None:
    names = {t.short_name: t.id for t in registry.topics.values()}
    for plan in registry.plans.values():
        rows = table_rows(chart(site, urls.plan(plan.id), f"bd-chu-de-{plan.id}"))
        for label, row in rows.items():
            topic = names[label]
            assert row["Chủ đề chính"] == sum(1 for t in plan.tasks if t.topic == topic)
            assert row["Chủ đề liên quan"] == sum(1 for t in plan.tasks if topic in t.topics[1:])
        tagged = {t for task in plan.tasks for t in task.topics}
        assert {names[label] for label in rows} == tagged


def test_plan_agency_chart_lists_the_leading_agencies(site: Site, registry: Registry) -> None:
    plan = registry.plans["nam-dinh-kh-29-2025"]
    led = Counter(f"{plan.province}/{k}" for t in plan.tasks if t.lead for k in t.lead.agencies)
    rows = table_rows(chart(site, urls.plan(plan.id), f"bd-co-quan-{plan.id}"))
    top = sorted(led.values(), reverse=True)[: len(rows)]
    assert [r["Nhiệm vụ chủ trì"] for r in rows.values()] == top
    for label, row in rows.items():
        agency = next(a for a in registry.agencies.values() if a.name == label and a.province.id == plan.province)
        assert row["Nhiệm vụ chủ trì"] == led[agency.id]


def test_home_charts_side_by_side(site: Site, registry: Registry) -> None:
    rows = table_rows(chart(site, urls.HOME, "bd-tinh-trang-han"))
    assert len(rows) == len(registry.plans)
    for plan, row in zip(registry.plans.values(), rows.values(), strict=True):
        states = Counter(task_state(t) for t in plan.tasks)
        assert row["Tổng"] == len(plan.tasks)
        assert row["Đã qua thời hạn ghi trong kế hoạch"] == states["passed"]
        assert row["Chưa đến hạn"] == states["upcoming"]
        assert row["Không ghi thời hạn"] == states["none"]
    soon = chart(site, urls.HOME, "bd-sap-den-han")
    # this quarter and the next two, to the last day of the third
    third = (TODAY.month - 1) // 3 + 2
    year, quarter = TODAY.year + third // 4, third % 4 + 1
    horizon = dt.date(year, quarter * 3, calendar.monthrange(year, quarter * 3)[1])
    due = sum(
        1
        for plan in registry.plans.values()
        for t in plan.tasks
        if (d := t.parsed_deadline) and d.judged_on and TODAY <= d.judged_on <= horizon
    )
    assert sum(r["Tổng"] for r in table_rows(soon).values()) == due


def test_province_timeline_covers_the_plans_merged_into_it(site: Site, registry: Registry) -> None:
    """Đà Nẵng has no plan of its own here: its chart counts the Quảng Nam plan merged into it."""
    merged = [p for p in registry.plans.values() if registry.provinces[p.province].merged_into == "da-nang"]
    assert merged
    rows = table_rows(chart(site, urls.province("da-nang"), "bd-han-da-nang"))
    assert sum(r["Tổng"] for r in rows.values()) == sum(len(p.tasks) for p in merged)


def test_kind_chart_matches_the_kind_table(site: Site) -> None:
    page = urls.kind("so-khcn")
    rows = table_rows(chart(site, page, "bd-loai-so-khcn"))
    table = site.page(page).select_one("article table.gp-table")
    for tr in table.select("tbody tr"):
        cells = [td.get_text(strip=True) for td in tr.select("td")]
        name, led, supported = cells[0], int(cells[1]), int(cells[2])
        assert rows[name]["Chủ trì"] == led and rows[name]["Phối hợp"] == supported


def test_topic_chart_counts_per_plan(site: Site, registry: Registry) -> None:
    topic = "chinh-quyen-so"
    rows = table_rows(chart(site, urls.topic(topic), f"bd-chu-de-{topic}"))
    assert [r["Tổng"] for r in rows.values()] == [
        sum(1 for t in plan.tasks if topic in t.topics) for plan in registry.plans.values()
    ]


def test_compare_target_charts_show_the_parsed_targets(site: Site, registry: Registry) -> None:
    figures = [f for f in charts(site, urls.COMPARE) if "gp-chart--targets" in f["class"]]
    expected = {}
    for plan in registry.plans.values():
        for indicator in plan.indicators:
            if indicator.concept and indicator.parsed_target:
                expected.setdefault((indicator.concept, indicator.horizon), {}).setdefault(plan.province, []).append(
                    (indicator.parsed_target.value, indicator.parsed_target.value_to)
                )
    shown = {k for k, v in expected.items() if len(v) >= 2}
    assert len(figures) == len(shown) > 0
    for figure in figures:
        concept, horizon = re.fullmatch(r"bd-kn-(.+)-(\d{4})", figure["id"]).groups()
        values = expected[(concept, int(horizon))]
        for tr in figure.select("tbody tr"):
            td = tr.select("td")[1]
            value_to = float(td["data-value-to"]) if td.has_attr("data-value-to") else None
            assert (float(td["data-value"]), value_to) in values[tr["data-province"]]
        # a range is drawn from its lower to its upper value, a single target from 0
        for rect in figure.select("svg.gp-chart__svg rect"):
            assert float(rect["width"]) > 0


def test_chart_links_open_the_explorer_on_what_they_count(site: Site, registry: Registry) -> None:
    """Each timeline bar's explorer address selects exactly the tasks the bar counts."""
    plan = registry.plans["nam-dinh-kh-29-2025"]
    figure = chart(site, urls.plan(plan.id), f"bd-han-{plan.id}")
    links = hits(figure)
    assert links
    for href, n in links:
        query = parse_qs(urlsplit(href).query)
        assert query["ke-hoach"] == [plan.id]
        tasks = plan.tasks
        if "nam" in query:
            tasks = [t for t in tasks if (d := t.parsed_deadline) and d.due and d.due.year == int(query["nam"][0])]
        if "den-han" in query:
            state = {"da-den-han": "passed", "chua-den-han": "upcoming"}[query["den-han"][0]]
            tasks = [t for t in tasks if task_state(t) == state]
        if "loai-han" in query and "nam" not in query:
            kinds = {
                "thuong-xuyen": "ongoing",
                "hang-nam": "ongoing",
                "co-dieu-kien": "conditional",
                "khong-ghi": "none",
            }
            wanted = {kinds[k] for k in query["loai-han"][0].split(",")}
            tasks = [t for t in tasks if task_state(t) in wanted]
        assert len(tasks) == n, href


def test_coordinates_accept_whole_numbers() -> None:
    """A layout can give an int (34 provinces at national size made the heat map's cells
    whole): the build must not fail on it (int.is_integer is Python 3.12+)."""
    from macros.site.charts import _n

    assert (_n(296), _n(296.0), _n(12.34)) == (296, 296, 12.3)
    assert isinstance(_n(296), int)
