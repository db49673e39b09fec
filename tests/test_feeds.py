"""The change feeds (Atom) and the "Có gì mới" page, from git history.

A scripted repository (the fixture data, then commits an editor would make) is replayed by
macros/site/feeds.py through the change model; the real site's feeds are read as XML.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from site_html import Site, squash

from macros.data.loader import load_registry
from macros.site import feeds, urls
from macros.site.history import read_log
from macros.site.pages import Site as SiteContext
from macros.site.pages import page_plan
from macros.site.pages.base import THEME_TEMPLATES

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "data"
PLAN = "data/plans/demo-kh-1-2025.yml"
ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = dt.date(2025, 12, 1)
UPDATE = """    updates:
      - date: 2025-11-20
        status: "dang-thuc-hien"
        note: "Đã khởi công xây dựng trung tâm dữ liệu."
        source:
          title: "Báo cáo của Sở Khoa học và Công nghệ"
          url: "https://example.org/bao-cao"
"""


def git(repo: Path, *args: str, day: str = "2025-11-01") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{day}T09:00:00+07:00",
        "GIT_COMMITTER_DATE": f"{day}T09:00:00+07:00",
        "GIT_AUTHOR_NAME": "Ban biên tập",
        "GIT_AUTHOR_EMAIL": "bbt@example.org",
        "GIT_COMMITTER_NAME": "Ban biên tập",
        "GIT_COMMITTER_EMAIL": "bbt@example.org",
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def commit(repo: Path, message: str, day: str) -> None:
    git(repo, "add", "-A", day=day)
    git(repo, "commit", "-q", "-m", message, day=day)


def edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The fixture data committed once (the baseline the feeds compare against)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(FIXTURE, repo / "data")
    commit(repo, "Dữ liệu ban đầu", "2025-11-01")
    return repo


def history(repo: Path) -> feeds.History:
    return feeds.read_history(repo, read_log(repo), TODAY)


def test_a_progress_update_commit_is_one_entry(repo: Path) -> None:
    assert history(repo).entries == ()  # the first version is the baseline: nothing "new" yet
    edit(repo, PLAN, "      line: 11\n      line_end: 15\n", "      line: 11\n      line_end: 15\n" + UPDATE)
    commit(repo, "Cập nhật tiến độ nhiệm vụ 1", "2025-11-21")
    (entry,) = history(repo).entries
    assert entry.kind == "progress"
    assert (entry.plan_id, entry.page, entry.anchor) == ("demo-kh-1-2025", urls.plan("demo-kh-1-2025"), "nv-1")
    assert entry.provinces == ("tinh-a", "tinh-b")  # its province and the one it merged into
    assert entry.title == "Cập nhật tiến độ 1 nhiệm vụ – Kế hoạch 1/KH-UBND – Tỉnh A"
    assert entry.lines == (
        "Xây dựng trung tâm dữ liệu tỉnh: Đang thực hiện ngày 20/11/2025 – Đã khởi công xây dựng trung tâm dữ liệu.",
    )
    assert entry.when == dt.datetime(2025, 11, 21, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))

    # a later correction adds its own entry; the earlier one keeps its id
    # (a copied title stays as written: a correction is recorded in the item's note)
    edit(
        repo,
        PLAN,
        'title: "Xây dựng trung tâm dữ liệu tỉnh"\n',
        'title: "Xây dựng trung tâm dữ liệu tỉnh"\n    note: "Văn bản gốc viết thường chữ “trung tâm”."\n',
    )
    commit(repo, "Sửa lỗi chép sai", "2025-11-25")
    later = history(repo).entries
    assert [e.kind for e in later] == ["correction", "progress"]
    assert later[1].id == entry.id
    assert later[0].lines == (
        "Nhiệm vụ Xây dựng trung tâm dữ liệu tỉnh – Ghi chú của ban biên tập: “(trống)” → "
        "“Văn bản gốc viết thường chữ “trung tâm”.”",
    )


def test_feeds_parse_as_atom_with_stable_ids(repo: Path) -> None:
    edit(repo, PLAN, "      line: 11\n      line_end: 15\n", "      line: 11\n      line_end: 15\n" + UPDATE)
    commit(repo, "Cập nhật tiến độ", "2025-11-21")
    edit(repo, "data/lineage.yml", 'claim: "Kế hoạch 9/KH-UBND', 'claim: "Theo báo, Kế hoạch 9/KH-UBND')
    commit(repo, "Sửa lời ghi nhận văn bản thay thế", "2025-11-22")

    def built() -> dict[str, ET.Element]:
        h = history(repo)
        reg = load_registry(repo / "data", root=repo, today=TODAY)
        names = {"demo-kh-1-2025": "Kế hoạch 1/KH-UBND – Tỉnh A"}
        fallback = dt.datetime(2025, 12, 1, tzinfo=dt.UTC)
        template = feeds.feed_template(THEME_TEMPLATES)
        return {
            f.uri: ET.fromstring(feeds.atom(f, "https://example.org/", template, fallback))
            for f in feeds.feeds(h, reg, reg.provinces.values(), names)
        }

    first, second = built(), built()
    site = first[urls.feed()]
    entries = site.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}category").get("term") for e in entries] == ["lineage", "progress"]
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        "https://example.org/ke-hoach/demo-kh-1-2025/#van-ban-sau",
        "https://example.org/ke-hoach/demo-kh-1-2025/#nv-1",
    ]
    for uri, feed in first.items():
        ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
        assert ids == [e.findtext(f"{ATOM}id") for e in second[uri].findall(f"{ATOM}entry")]
        assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
        assert feed.findtext(f"{ATOM}updated") and feed.findtext(f"{ATOM}title")
    assert len(first[urls.feed(urls.PROVINCES, "tinh-b")].findall(f"{ATOM}entry")) == 2  # the successor's feed too


def test_without_git_history_there_is_no_feed_history(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "data")
    assert read_log(tmp_path) is None
    assert feeds.read_history(tmp_path, None, TODAY) == feeds.NO_HISTORY


def test_real_site_feeds_are_xml(site: Site, built_site: Path) -> None:
    files = sorted((built_site / urls.FEEDS).rglob("*.xml"))
    assert len(files) == 1 + len(list((ROOT / "data" / "plans").glob("*.yml"))) + len(
        list((built_site / urls.PROVINCES).glob("*/index.html"))
    )
    for file in files:
        root = ET.parse(file).getroot()
        assert root.tag == f"{ATOM}feed"
        ids = [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
        assert len(set(ids)) == len(ids)
    page = site.page(urls.CHANGES)
    text = squash(page.get_text(" "))
    assert "Có gì mới" in text and "Theo dõi bằng nguồn tin Atom" in text
    feed_links = {a["href"] for a in page.select("a[type='application/atom+xml']")}
    assert "atom.xml" in feed_links


def test_a_build_without_history_says_so() -> None:
    site = SiteContext(load_registry(FIXTURE, root=ROOT, today=TODAY), narratives={}, today=TODAY)  # no history
    (page,) = [p for p in page_plan(site) if p.kind.kind == "news"]
    spec = site.render(page)
    assert "Bản dựng này không có lịch sử thay đổi." in spec.content
    assert "Ngày " not in spec.content.split("# Có gì mới", 1)[1].split("## Theo dõi")[0]  # no entries listed
