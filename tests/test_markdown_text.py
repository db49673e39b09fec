"""The one Markdown escaper (`md`) serves two Markdown dialects: the site's (Python-Markdown with
the extensions of mkdocs.yml) and GitHub's (the change report). Text from data must read back
exactly as written in both, with no tag, table cell or strikethrough made of it.
"""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from macros.bench.site_config import load_config
from macros.site.render import markdown_text

TEXTS = [
    "Kế hoạch số 29/KH-UBND (sửa đổi) #1",
    "Tỉ lệ ~ 80% | cả tỉnh",
    "~~không gạch~~ và *không nghiêng* và `không mã`",
    "<b>đậm</b> & <script>x</script>",
    '1. Cuối "năm" nay, Sở \\ Ban',
    "[liên kết](javascript:alert(1)) !",
]


def site_heading(text: str) -> BeautifulSoup:
    """`# {{ text | md }}` converted as MkDocs converts the site's pages."""
    names = [e if isinstance(e, str) else next(iter(e)) for e in load_config()["markdown_extensions"]]
    html = markdown.markdown(f"# {markdown_text(text)}", extensions=[n for n in names if n != "toc"])
    return BeautifulSoup(html, "html.parser").h1


def github_cell(text: str) -> BeautifulSoup:
    """A report table row with `~~{{ text | md }}~~` in its first cell, as GitHub reads it."""
    gfm = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    html = gfm.render(f"| a | b |\n| - | - |\n| ~~{markdown_text(text)}~~ | x |\n")
    return BeautifulSoup(html, "html.parser").tbody.tr


@pytest.mark.parametrize("text", TEXTS)
def test_site_heading_shows_the_text_as_written(text: str) -> None:
    heading = site_heading(text)
    assert heading.get_text() == " ".join(text.split())
    assert heading.find(True) is None, heading  # no element made of the text


@pytest.mark.parametrize("text", TEXTS)
def test_report_table_cell_shows_the_text_as_written(text: str) -> None:
    row = github_cell(text)
    cells = row.find_all("td")
    assert len(cells) == 2, row  # a `|` in the text opened no cell
    struck = cells[0].find_all("s")
    assert len(struck) == 1 and struck[0].get_text() == text, cells[0]
    assert struck[0].find(True) is None, struck[0]


def test_line_breaks_do_not_end_the_heading() -> None:
    heading = site_heading("Mục II.\n\n# Chính quyền số")
    assert heading.get_text() == "Mục II. # Chính quyền số"
