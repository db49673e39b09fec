"""The page frame's reused pieces (macros/site/theme_fragments.py) as readers get them: the
menu drawer, rendered once for many pages, still leads every page to the same places from
where that page is, and marks the page itself (and nothing else) when it is in the menu."""

from __future__ import annotations

import jinja2
from site_html import Site, Target, fail_all, squash

from macros.site.theme_fragments import FragmentCache

MENU = "nav.md-nav--primary"


def _menu(site: Site, path: str) -> list[str]:
    """ "label -> where it leads" of each link of the page's menu drawer, in order (the page's
    own table of contents, which the menu shows under the page's item, left out)."""
    menu = site.pages[path].select_one(MENU)
    assert menu is not None, f"{path}: no menu drawer"
    links = [a for a in menu.select("a.md-nav__link") if not a.find_parent(class_="md-nav--secondary")]
    return [f"{squash(a.get_text())} -> {_path(site.resolve(path, a['href']))}{_absolute(a['href'])}" for a in links]


def _absolute(href: str) -> str:
    """Marks a link written from the server's root: it breaks when the site is served from a
    sub-folder (the 404 page's menu is written so; no other page's may be)."""
    return " (absolute)" if href.startswith("/") or "://" in href else ""


def _path(target: Target | None) -> str | None:
    return target.path if target and not target.fragment else None


def test_menu_leads_to_the_same_pages_from_every_page(site: Site) -> None:
    """Pages of every depth and folder (a plan, an agency, a source text, the home page) share
    cached menus only where their links are written alike: a menu leaked from a page in
    another folder or at another depth (or from the 404 page, whose links start at the
    server's root) would point elsewhere from this one."""
    pages = [p for p in site.pages if p != "404.html" and site.pages[p].select_one(MENU)]
    depths = {p.count("/") for p in pages}
    assert len(depths) >= 3, f"the site should have pages at several depths, has {sorted(depths)}"
    expected = _menu(site, "index.html")
    assert len(expected) > 10, expected
    problems = [f"{p}: {sorted(set(got) ^ set(expected))}" for p in pages if (got := _menu(site, p)) != expected]
    missing = [link for link in expected if not site.exists(link.split(" -> ")[1])]
    fail_all(problems + missing, "menus that lead elsewhere than the home page's")


def test_menu_marks_only_the_page_itself(site: Site) -> None:
    """A page in the menu is its one active item (the cached menu of pages outside it has none)."""
    problems, in_menu = [], 0
    for path, soup in site.pages.items():
        menu = soup.select_one(MENU)
        if menu is None or path == "404.html":
            continue
        active = {site.resolve(path, a["href"]).path for a in menu.select("a.md-nav__link--active[href]")}
        in_menu += bool(active)
        if active - {path}:
            problems.append(f"{path}: active menu item {sorted(active)}")
    assert in_menu >= 10, f"only {in_menu} pages have an active menu item"
    fail_all(problems, "pages whose menu marks another page")


def test_cache_block_keeps_one_output_per_key() -> None:
    """The tag renders once per key; a key holding None is never kept."""
    env = jinja2.Environment(extensions=[FragmentCache], autoescape=True)
    template = env.from_string("{% cache 'x', key %}{{ value }}{% endcache %}")
    assert template.render(key=1, value="<a>") == "&lt;a&gt;"
    assert template.render(key=1, value="b") == "&lt;a&gt;"
    assert template.render(key=2, value="b") == "b"
    assert template.render(key=None, value="c") == "c"
    assert template.render(key=None, value="d") == "d"
