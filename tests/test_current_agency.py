"""Who leads a task now (2025 mergers), on every task card and in the explorer's records.

Which tasks changed hands, and to whom, comes from the registry's rule
(Registry.current_lead); the source README's facts are checked against it in
test_data_fidelity.py. Here: what the reader sees in the built site.
"""

from __future__ import annotations

import json

from site_html import Site, fail_all, squash

from macros.data.registry import Registry
from macros.site import urls
from macros.site.current_agency import now_label
from macros.site.search_index import CHUNK, RECORD, SEARCH_DIR


def changed_tasks(registry: Registry):
    """(plan, task, the lead agencies that changed) for every task a 2025 merger touched."""
    for plan in registry.plans.values():
        for task in plan.tasks:
            changed = [c for c in registry.current_lead(plan, task) if c.changed]
            yield plan, task, changed


def test_the_readme_example_is_what_the_rule_gives(registry: Registry) -> None:
    """data/sources/README.md: Sở Thông tin và Truyền thông's IT duties went to Sở Khoa học
    và Công nghệ, Tiền Giang into Đồng Tháp; district governments ended with no successor."""
    tien_giang = registry.current_agency(registry.agency("tien-giang", "so-tttt"))
    assert tien_giang.now.id == "dong-thap/so-khcn" and tien_giang.changed
    assert registry.current_agency(registry.agency("tien-giang", "ubnd-huyen")).now is None
    unchanged = registry.current_agency(registry.agency("ninh-binh", "so-khcn"))
    assert unchanged.now == unchanged.named and not unchanged.changed
    # a central body is not moved by a provincial merger
    assert not registry.current_agency(registry.agency("tien-giang", "bo-nganh")).changed


def test_every_task_card_says_who_leads_it_now(site: Site, registry: Registry) -> None:
    problems, shown = [], 0
    for plan, task, changed in changed_tasks(registry):
        card = site.element(urls.plan(plan.id), task.id)
        if card is None:
            problems.append(f"{plan.id}#{task.id}: no card")
            continue
        line = next(
            (div for div in card.select(".gp-task__facts > div") if div.dt.get_text() == "Chủ trì hiện nay"), None
        )
        if not changed:
            if line is not None:
                problems.append(f"{plan.id}#{task.id}: says 'Chủ trì hiện nay' though nothing changed")
            continue
        if line is None:
            problems.append(f"{plan.id}#{task.id}: no 'Chủ trì hiện nay'")
            continue
        shown += 1
        items = [squash(li.get_text()) for li in line.select("li")]
        for current, text in zip(changed, items, strict=False):
            if current.now is None:
                expected = (
                    f"{current.named.kind.name} → không còn hoạt động từ 01/07/2025; "
                    "dữ liệu chưa ghi cơ quan nào tiếp nhận nhiệm vụ này"
                )
            else:
                expected = f"{current.named.kind.name} → nay: {now_label(current.now)}"
            if text != expected:
                problems.append(f"{plan.id}#{task.id}: {text!r}, expected {expected!r}")
        if len(items) != len(changed):
            problems.append(f"{plan.id}#{task.id}: {len(items)} agencies shown, {len(changed)} changed")
        links = {a["href"].rstrip("/").split("/co-quan/")[-1] for a in line.select("a")}
        if links != {c.now.id for c in changed if c.now}:
            problems.append(f"{plan.id}#{task.id}: links {sorted(links)}")
    fail_all(problems, "task cards and who leads the task now")
    assert shown > 200


def test_the_issue_example_is_on_a_card(site: Site, registry: Registry) -> None:
    plan = registry.plans["tien-giang-kh-69-2025"]
    task = next(t for t in plan.tasks if t.lead and t.lead.agencies == ["so-tttt"])
    text = squash(site.element(urls.plan(plan.id), task.id).get_text(" "))
    assert "Sở Thông tin và Truyền thông → nay: Sở Khoa học và Công nghệ tỉnh Đồng Tháp" in text


def test_explorer_records_and_facets_carry_the_current_lead(site: Site, registry: Registry) -> None:
    """The explorer shows a result's summary line and filters by explore.json's codes."""
    explore = json.loads((site.root / SEARCH_DIR / "explore.json").read_text(encoding="utf-8"))
    column = {name: i for i, name in enumerate(explore["columns"])}
    agencies = [a["id"] for a in explore["agencies"]]
    provinces = [p["id"] for p in explore["provinces"]]
    rows = iter(explore["rows"])
    problems = []
    for plan, task, changed in changed_tasks(registry):
        row = next(rows)
        doc = row[column["doc"]]
        record = json.loads((site.root / SEARCH_DIR / f"docs-{doc // CHUNK}.json").read_text(encoding="utf-8"))[
            doc % CHUNK
        ]
        url, summary = record[RECORD.index("url")], record[RECORD.index("summary")]
        if url != f"ke-hoach/{plan.id}/#{task.id}":
            problems.append(f"row of {plan.id}#{task.id} points at {url}")
            continue
        now = {c.now.id for c in registry.current_lead(plan, task) if c.now}
        if {agencies[i] for i in row[column["current"]]} != now:
            problems.append(f"{plan.id}#{task.id}: current lead codes {row[column['current']]}, expected {sorted(now)}")
        at_issue_and_now = {plan.province, registry.current_province(plan.province).id}
        if {provinces[i] for i in row[column["province"]]} != at_issue_and_now:
            problems.append(f"{plan.id}#{task.id}: provinces {row[column['province']]}")
        for current in changed:
            name = now_label(current.now) if current.now else f"{current.named.kind.name} không còn từ 01/07/2025"
            if name not in summary:
                problems.append(f"{plan.id}#{task.id}: summary {summary!r} lacks {name!r}")
    fail_all(problems, "explorer rows and who leads the task now")
