"""`mkdocs build` writes over the last build's files instead of emptying the site folder
(macros/site/site_folder.py, wired in macros/hooks.py), and still ends as a clean build:
what it did not write is gone, what stood in the way of a file it writes is gone, hidden
entries at the folder's top are kept (as MkDocs' own clean keeps them)."""

from __future__ import annotations

import shutil
from pathlib import Path

from macros.bench.site_config import write_site
from macros.site.site_folder import SiteFolder

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = REPO_ROOT / "tests" / "fixtures" / "data"


def listing(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_second_build_writes_in_place_and_leaves_what_a_clean_build_leaves(tmp_path: Path, mkdocs_build) -> None:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    config = write_site(tmp_path, home="# Trang chủ\n\nCổng thử nghiệm.\n")
    site = mkdocs_build(config, tmp_path / "site")
    first = listing(site)
    home_inode = (site / "index.html").stat().st_ino

    (site / "old-page").mkdir()
    (site / "old-page" / "index.html").write_text("trang cũ", encoding="utf-8")
    (site / "assets" / "old.js").write_text("// cũ", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")
    (site / "sitemap.xml").unlink()
    (site / "sitemap.xml").mkdir()  # a folder where the build writes a file
    (site / "sitemap.xml" / "x.txt").write_text("x", encoding="utf-8")
    outside = tmp_path / "outside.html"
    outside.write_text("ngoài thư mục trang", encoding="utf-8")
    (site / "404.html").unlink()
    (site / "404.html").symlink_to(outside)  # a write through it would leave the site folder
    (site / "index.html").write_text("cũ", encoding="utf-8")

    mkdocs_build(config, site)
    second = listing(site)
    assert second.pop(".nojekyll") == b""
    assert second == first
    assert not (site / "old-page").exists()
    assert (site / "index.html").stat().st_ino == home_inode  # written over, not made anew
    assert not (site / "404.html").is_symlink()
    assert outside.read_text(encoding="utf-8") == "ngoài thư mục trang"


def test_a_file_where_a_folder_is_needed_goes_before_anything_is_written(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "b").write_text("một tệp ở chỗ của một thư mục", encoding="utf-8")
    (site / "kept.txt").write_text("giữ", encoding="utf-8")
    folder = SiteFolder(site)
    folder.take_stock()
    folder.make_room([str(site / "a" / "b" / "index.html"), str(site / "kept.txt")])
    assert not (site / "a" / "b").exists()
    (site / "kept.txt").write_text("viết lại", encoding="utf-8")
    assert folder.remove_stale() == 0
    assert (site / "kept.txt").read_text(encoding="utf-8") == "viết lại"
    assert not (site / "a").exists()  # left empty, so gone
