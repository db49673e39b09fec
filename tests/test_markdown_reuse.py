"""Pages converted by one Markdown instance per build (macros/markdown_reuse.py) come out as
MkDocs' own `Page.render` makes them: the same body, table of contents (with permalinks),
title, anchors and links to anchors, page after page (nothing of one page leaks into the
next; a page block's placeholder skips the inline patterns), and the same warnings, which a
strict build counts."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import CountHandler

from macros import markdown_reuse

REPO_ROOT = Path(__file__).resolve().parent.parent

# each page read after the one before it, by the same instance
PAGES = {
    "index.md": "# Trang chủ & lời chào\n\n<!--gp-block:0-->\n\n## Kế hoạch {#ke-hoach}\n\n"
    "Xem [mục dưới](#muc-cuoi).\n\n"
    "## Mục cuối {#muc-cuoi}\n\n[Cơ quan](co-quan/a.md#chu-tri) và [chỗ không có](khong-co.md).\n",
    "co-quan/a.md": "# Sở *Khoa học* và Công nghệ\n\n"
    '<nav class="gp-crumbs" id="vi-tri"><a href="../index.md">Trang chủ</a></nav>\n\n'
    "## Nhiệm vụ chủ trì {#chu-tri}\n\n## Kế hoạch\n\n## Kế hoạch\n\n"
    "Chú thích[^1] và [tham chiếu][r].\n\n[^1]: Một chú thích.\n\n[r]: ../index.md#ke-hoach\n\n"
    '!!! note "Ghi chú"\n    Trong khung.\n\n```\nmã\n```\n',
    "co-quan/b.md": "Không có tiêu đề đầu trang, dùng lại [tham chiếu][r] của trang trước.\n\n"
    "## Kế hoạch\n\n### Nhiệm vụ chủ trì {#chu-tri}\n\n| a | b |\n|---|---|\n| [1](a.md) | 2 |\n",
    "trong.md": "",
}


def toc(items: TableOfContents | list) -> list:
    return [(i.title, i.id, i.level, toc(i.children)) for i in items]


def rendered(config: MkDocsConfig, render: object) -> tuple[list, int]:
    """Every page of PAGES read in turn by `render`, and the warnings a strict build counts."""
    files = Files([File.generated(config, uri, content=text) for uri, text in PAGES.items()])
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        out = []
        for f in files.documentation_pages():
            page = Page(None, f, config)
            page.markdown = f.content_string
            render(page, config, files)  # type: ignore[operator]
            links = {to.src_uri: found for to, found in (page.links_to_anchors or {}).items()}
            out.append((page.content, toc(page.toc), page.title, page.present_anchor_ids, links))
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    return out, counter.get_counts()[0][1] if counter.get_counts() else 0


@pytest.fixture
def config(tmp_path: Path) -> MkDocsConfig:
    """The portal's own Markdown settings (toc permalinks, attr_list, superfences…)."""
    config = load_config(str(REPO_ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = None  # set by MkDocs while it runs a plugin's event
    return config


def test_one_instance_renders_every_page_as_mkdocs_does(config: MkDocsConfig, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        own, own_warnings = rendered(config, Page.render)
        own_messages = [r.getMessage() for r in caplog.records]
        caplog.clear()
        reused, reused_warnings = rendered(config, markdown_reuse.render)
    assert reused == own
    assert [r.getMessage() for r in caplog.records] == own_messages
    assert reused_warnings == own_warnings == 1 and "khong-co.md" in own_messages[0]
    # what the comparison covers: permalinks, a title from the first heading, ids Markdown
    # made unique, anchors of raw HTML, links to anchors of this page and of another
    home, agency, other, _ = own
    assert 'class="headerlink"' in home[0] and home[2] == "Trang chủ &amp; lời chào"
    assert agency[2] == "Sở Khoa học và Công nghệ" and {"ke-hoach", "ke-hoach_1", "vi-tri"} <= agency[3]
    assert home[4]["co-quan/a.md"] == {"chu-tri": "co-quan/a.md#chu-tri"} and "muc-cuoi" in home[4]["index.md"]
    assert other[2] == "B" and "[tham chiếu][r]" in other[0] and "<table>" in other[0]  # no reference of a.md


def test_a_new_build_gets_a_new_instance(config: MkDocsConfig, tmp_path: Path) -> None:
    """Under serve each rebuild reads its configuration again: its settings are the ones used."""
    first = markdown_reuse.converter(config)
    assert markdown_reuse.converter(config) is first
    again = load_config(str(REPO_ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    assert markdown_reuse.converter(again) is not first
