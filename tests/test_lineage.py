"""What became of each plan (data/lineage.yml), as readers see it on the built pages.

The records say what public sources said (issue 13): Đà Nẵng's Action Plan 21 (a Party plan
whose text is not on the portal; the report does not name Quảng Nam's 1534/KH-UBND), Đồng
Tháp's 283/KH-UBND, and NQ 71/NQ-CP amending the Government programme 03/NQ-CP.
"""

from __future__ import annotations

import datetime as dt

import pytest
from site_html import Site, squash

from macros.data import model as m
from macros.data.registry import Registry
from macros.site import urls

DA_NANG_21 = "https://vnexpress.net/da-nang-dat-muc-tieu-kinh-te-so-dat-60-grdp-nam-2045-4939886.html"
DONG_THAP_283 = (
    "https://hethongphapluat.com/ke-hoach-283-kh-ubnd-nam-2025-thuc-hien-nghi-quyet-71-nq-cp-va-chuong-trinh-"
    "hanh-dong-10-ctr-tu-thuc-hien-nghi-quyet-57-nq-tw-ve-dot-pha-phat-trien-khoa-hoc-cong-nghe-doi-moi-sang-tao-"
    "va-chuyen-doi-so-tren-dia-ban-tinh-dong-thap.html"
)


def test_records_say_what_the_sources_said(registry: Registry) -> None:
    docs = {d.id: d for d in registry.lineage}
    da_nang = docs["da-nang-khhd-21-2025"]
    assert (da_nang.number, da_nang.issuer, da_nang.province, da_nang.on_portal) == (
        "21",
        "Ban Thường vụ Thành ủy Đà Nẵng",
        "da-nang",
        None,
    )
    assert da_nang.issued_on is None  # the report gives no date of issue: none is invented
    assert da_nang.source.url == DA_NANG_21
    (link,) = da_nang.links
    assert (link.relation, link.plan, link.named) == (m.Relation.REPLACES, "quang-nam-kh-1534-2025", False)
    assert "1534/KH-UBND" not in link.claim  # the report does not name it; only the editors' note does
    assert "65 chỉ tiêu" in link.claim and "48 chỉ tiêu" in link.claim and "35–40%" in link.claim
    dong_thap = docs["dong-thap-kh-283-2025"]
    assert (dong_thap.number, dong_thap.issued_on, dong_thap.issuer, dong_thap.source.url) == (
        "283/KH-UBND",
        dt.date(2025, 9, 24),
        "Ủy ban nhân dân tỉnh Đồng Tháp",
        DONG_THAP_283,
    )
    assert "71/NQ-CP" in dong_thap.title and "10-CTr/TU" in dong_thap.title
    nq71 = docs["nq-71-cp-2025"]
    assert (nq71.number, nq71.issued_on, nq71.issuer) == ("71/NQ-CP", dt.date(2025, 4, 1), "Chính phủ")
    assert [(lk.relation, lk.document) for lk in nq71.links] == [(m.Relation.AMENDS, "03/NQ-CP")]


def test_plan_status(registry: Registry) -> None:
    status = {p: registry.plan_status(plan) for p, plan in registry.plans.items()}
    assert status["quang-nam-kh-1534-2025"] == "replacement-reported"  # not "replaced": the plan is not named
    assert status["tien-giang-kh-69-2025"] == "in-force"  # 283/KH-UBND follows it; no source says it replaces it


def notice_text(site: Site, src_uri: str, element_id: str = "van-ban-sau") -> tuple[str, set[str]]:
    element = site.element(src_uri, element_id)
    assert element is not None, f"no lineage notice on {src_uri}"
    if element.name.startswith("h"):  # a province page: the heading, then the section after it
        element = element.find_next("section", class_="gp-lineage")
    return squash(element.get_text(" ")), {a["href"] for a in element.find_all("a", href=True)}


@pytest.mark.parametrize(
    ("plan_id", "words", "source"),
    [
        (
            "quang-nam-kh-1534-2025",
            [
                "Có thông tin kế hoạch này đã được thay thế",
                "Kế hoạch hành động số 21",
                "Ban Thường vụ Thành ủy Đà Nẵng",
                "nguồn không nêu đích danh",
                "Chưa có trên cổng",
            ],
            DA_NANG_21,
        ),
        (
            "tien-giang-kh-69-2025",
            ["283/KH-UBND", "24/09/2025", "Ủy ban nhân dân tỉnh Đồng Tháp", "tiếp nối", "không nói văn bản này"],
            DONG_THAP_283,
        ),
    ],
)
def test_plan_page_opens_with_the_notice(site: Site, plan_id: str, words: list[str], source: str) -> None:
    src = urls.plan(plan_id)
    text, links = notice_text(site, src)
    for word in words:
        assert word in text
    assert source in links
    assert "71/NQ-CP" in text and "03/NQ-CP" in text  # the programme the plan implements was amended
    page = site.page(src)
    # at the top: right under the identity block (whose first screen says how deadlines stand),
    # before the tasks
    notice, first_task = page.find(id="van-ban-sau"), page.find("article", class_="gp-task")
    assert notice in first_task.find_all_previous("section"), "the notice comes before the tasks"


def test_a_plan_with_nothing_recorded_has_no_notice(site: Site) -> None:
    # Hải Dương's programme implements 57-NQ/TW only, which no record touches
    assert site.element(urls.plan("hai-duong-ctr-hd-2025"), "van-ban-sau") is None


@pytest.mark.parametrize(
    ("province", "number", "source", "plan_id"),
    [
        ("da-nang", "Kế hoạch hành động số 21", DA_NANG_21, "quang-nam-kh-1534-2025"),
        ("dong-thap", "283/KH-UBND", DONG_THAP_283, "tien-giang-kh-69-2025"),
    ],
)
def test_successor_province_page_lists_the_later_document(
    site: Site, province: str, number: str, source: str, plan_id: str
) -> None:
    src = urls.province(province)
    text, links = notice_text(site, src)
    assert number in text and "Chưa có trên cổng" in text
    assert source in links
    assert any(urls.page_url(urls.plan(plan_id)).rstrip("/") in href for href in links)


def test_open_data_lists_each_plan_and_later_document(built_site, registry: Registry) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO((built_site / "du-lieu" / "van-ban-sau.csv").read_text("utf-8-sig"))))
    pairs = {(r["ke_hoach"], r["van_ban"]): r for r in rows}
    row = pairs[("quang-nam-kh-1534-2025", "da-nang-khhd-21-2025")]
    assert (row["tinh_trang_ke_hoach"], row["quan_he"], row["neu_dich_danh"], row["nguon_url"]) == (
        "replacement-reported",
        "thay-the",
        "false",
        DA_NANG_21,
    )
    assert row["ngay_ban_hanh"] == "" and row["toan_van_tren_cong"] == ""  # not invented, not on the portal
    assert pairs[("tien-giang-kh-69-2025", "dong-thap-kh-283-2025")]["ngay_ban_hanh"] == "2025-09-24"
    implementing_03 = {p.id for p in registry.plans.values() if any(r.number == "03/NQ-CP" for r in p.implements)}
    assert {k for k, doc in pairs if doc == "nq-71-cp-2025"} == implementing_03
