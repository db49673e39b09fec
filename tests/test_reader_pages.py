"""What a citizen reads first, in the built HTML: the identity block of a plan and of its
source text, the title in sentence form beside the capitals, the explorer links, one
editor's note where two said the same, agency names written once in a cell."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from site_html import Site, fail_all, squash

from macros.data.registry import Registry
from macros.site import urls


def identity_text(site: Site, src: str) -> str:
    block = site.page(src).select_one("article .gp-identity-block")
    assert block is not None, f"{src}: no identity block"
    return squash(block.get_text(" "))


def test_plan_and_source_pages_carry_the_same_identity(site: Site, registry: Registry) -> None:
    problems = []
    for plan in registry.plans.values():
        text = identity_text(site, urls.plan(plan.id))
        if identity_text(site, urls.source(plan)) != text:
            problems.append(f"{plan.id}: the source page's identity block differs from the plan page's")
        if not text.startswith(("Kế hoạch", "Chương trình hành động")) or f"do {plan.issuer} ban hành" not in text:
            problems.append(f"{plan.id}: {text[:120]!r}")
        if f"{len(plan.tasks)} nhiệm vụ" not in text:
            problems.append(f"{plan.id}: no task count in {text!r}")
        blank = [w for w, missing in (("số, ký hiệu", not plan.number), ("ban hành", not plan.issued_on)) if missing]
        said = "Văn bản gốc để trống" in text and "cổng không tự điền" in text
        if bool(blank) != said or any(w not in text for w in blank):
            problems.append(f"{plan.id}: blanks {blank} but the block says {text!r}")
        province = registry.provinces[plan.province]
        if province.merged_into:
            current = registry.current_province(province.id)
            if f"hợp nhất vào {'thành phố' if current.kind == 'thanh-pho' else 'tỉnh'} {current.name}" not in text:
                problems.append(f"{plan.id}: the merger into {current.name} is not in {text!r}")
    fail_all(problems, "identity blocks")


def test_title_in_capitals_is_shown_in_sentence_form_beside_the_verbatim(site: Site, registry: Registry) -> None:
    capitals = [p for p in registry.plans.values() if p.title.isupper()]
    assert capitals, "the data has plans whose title is written in capitals"
    for plan in capitals:
        assert plan.title_sentence and not plan.title_sentence.isupper(), plan.id
        assert plan.title_sentence.casefold() == plan.title.casefold(), "the same words, only the case differs"
        page = site.page(urls.plan(plan.id))
        assert squash(page.select_one("article .gp-lead").get_text()) == plan.title_sentence
        verbatim = page.select_one("article details.gp-verbatim")
        assert verbatim is not None and squash(verbatim.p.get_text()) == plan.title, plan.id


def test_explorer_links_are_filtered_on_the_page(site: Site, registry: Registry) -> None:
    """'Xem trong tra cứu' on plan, province, agency and topic pages opens the explorer on
    the page's plan, province, lead agency or topic."""
    explorer = site.html_path(urls.EXPLORER)
    plan = registry.plans["nam-dinh-kh-29-2025"]
    agency = registry.agencies["nam-dinh/so-khcn"]
    cases = {
        urls.plan(plan.id): {"ke-hoach": [plan.id]},
        urls.province("nam-dinh"): {"tinh": ["nam-dinh"]},
        urls.province("ninh-binh"): {"tinh": ["ninh-binh"]},  # as formed on 01/07/2025: Nam Định's plan too
        urls.agency(agency): {"co-quan": [agency.id]},
        urls.topic("chinh-quyen-so"): {"chu-de": ["chinh-quyen-so"]},
    }
    problems = []
    for src, wanted in cases.items():
        path = site.html_path(src)
        links = [a for a in site.page(src).select("article a") if squash(a.get_text()) == "Xem trong tra cứu"]
        if len(links) != 1:
            problems.append(f"{src}: {len(links)} 'Xem trong tra cứu' links")
            continue
        target = site.resolve(path, links[0]["href"])
        query = {k: sorted(v[0].split(",")) for k, v in parse_qs(urlsplit(links[0]["href"]).query).items()}
        if target.path != explorer or {k: sorted(v) for k, v in wanted.items()} != query:
            problems.append(f"{src}: {links[0]['href']} (wanted {wanted})")
    fail_all(problems, "explorer links")


def test_one_editors_note_where_two_said_the_same(site: Site, registry: Registry) -> None:
    problems = []
    for plan in registry.plans.values():
        page = site.page(urls.plan(plan.id))
        for section in plan.sections:
            heading = page.find(id=f"muc-{section.id}")
            if heading is None or not section.note:
                continue
            meta = heading.find_next("p", class_="gp-section-meta")
            if "không ghi tiêu đề nhóm" in meta.get_text():
                problems.append(f"{plan.id} section {section.id}: the note and the line above both say it")
    fail_all(problems, "doubled editor's notes")


def test_agency_names_are_written_once_in_a_cell(site: Site, registry: Registry) -> None:
    """A cell naming several agencies shows the plan's words; the links to the agencies'
    pages are folded under it, so the names are not listed twice on the open page."""
    page = site.page(urls.plan("nam-dinh-kh-29-2025"))
    cells = [dd for dd in page.select(".gp-task__facts dd") if dd.select(".gp-cell__links a")]
    assert cells
    for dd in cells:
        folded = dd.select_one("details.gp-cell__links")
        assert folded is not None and not folded.has_attr("open"), dd
        assert squash(folded.summary.get_text()) == f"Trang của {len(folded.select('a'))} cơ quan"
        assert not [a for a in dd.select("a") if a.find_parent("details") is None and "gp-cell__raw" not in a["class"]]
