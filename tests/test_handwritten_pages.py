"""A page an editor adds to content/ is built and reachable from the menu with no change to
code or to mkdocs.yml (macros/hooks.py on_nav). The small fixture data set is enough: the
menu does not depend on the plans, and its build takes seconds, not the real site's minute."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from macros.bench.site_config import write_site

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = REPO_ROOT / "tests" / "fixtures" / "data"
NEW_PAGE = "gioi-thieu/nhom-bien-tap.md"


def test_a_new_hand_written_page_is_in_the_menu(tmp_path: Path, mkdocs_build) -> None:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    config = write_site(tmp_path, home="# Trang chủ\n\nCổng thử nghiệm.\n", nav=True)
    page = tmp_path / "content" / NEW_PAGE
    page.parent.mkdir(parents=True)
    page.write_text("# Nhóm biên tập\n\nNhững người giữ cho cổng luôn đúng.\n", encoding="utf-8")
    site = mkdocs_build(config, tmp_path / "site")

    built = site / "gioi-thieu" / "nhom-bien-tap" / "index.html"
    assert "Những người giữ cho cổng luôn đúng." in built.read_text(encoding="utf-8")
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    menu = home.select_one("nav.md-nav--primary")
    links = {a.get_text(" ", strip=True): a["href"] for a in menu.select("a.md-nav__link[href]")}
    assert links.get("Nhóm biên tập") == "gioi-thieu/nhom-bien-tap/", links
    assert "Trang khác" in menu.get_text(" ", strip=True)
    # the real menu keeps its own pages in their places
    assert "Tra cứu nhiệm vụ" in links and list(links).index("Tra cứu nhiệm vụ") < list(links).index("Nhóm biên tập")
