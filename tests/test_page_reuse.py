"""Work a build does once, not once per page: a task's view and its row (the `cache` tag),
and raw HTML kept out of Markdown (raw_html, merged blocks) without changing a byte."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import markdown
import pytest

from macros.data.registry import Registry
from macros.site import views as views_module
from macros.site.pages import Site, page_plan
from macros.site.render import Renderer, fill_blocks
from macros.site.theme_fragments import FragmentCache

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]  # mkdocs.yml's, less superfences


def fragments(site: Site) -> Any:
    """The page bodies' `cache` tag (its `_cached` is what each `{% cache %}` calls)."""
    return next(e for e in site.renderer.env.extensions.values() if isinstance(e, FragmentCache))


def rendered_pages(site: Site) -> dict[str, Any]:
    site.__dict__["downloads"] = []  # the open-data page lists the files' sizes; not what is tested here
    return {page.src_uri: site.render(page) for page in page_plan(site)}


def test_a_task_is_shaped_and_its_row_rendered_once_per_build(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A task's row is on its lead and supporting agencies' pages, its agency kind's page and
    its topics' pages: its view is shaped once and its row rendered once per link to it."""
    shaped: Counter[tuple[str, str]] = Counter()
    shape = views_module.Views._task
    monkeypatch.setattr(
        views_module.Views,
        "_task",
        lambda self, plan, task: shaped.update([(plan.id, task.id)]) or shape(self, plan, task),
    )
    site = Site(registry, narratives={}, today=registry.today)
    rendered: Counter[tuple[Any, ...]] = Counter()
    cache = fragments(site)
    cached = cache._cached

    def counting(key: tuple[Any, ...], caller: Any) -> Any:
        return cached(key, lambda: rendered.update([key]) or caller())

    cache._cached = counting
    pages = rendered_pages(site)
    rows_shown = sum("".join(spec.blocks).count('<li class="gp-task-row"') for spec in pages.values())
    rows_rendered = sum(1 for key in rendered if key[0] == "task-row")
    assert shaped and set(shaped.values()) == {1}
    # a key holding None (no deadline, no agency written) is not kept: that small piece is rendered each time
    assert rendered and {n for key, n in rendered.items() if None not in key} == {1}
    assert 0 < rows_rendered < rows_shown / 2  # rows are shared, not rendered page by page


def test_reused_html_is_what_each_page_would_render(registry: Registry) -> None:
    """Every page the same with reuse switched off: no key leaves out what its HTML depends
    on (a row's link is relative to the page it is on)."""
    shared = rendered_pages(Site(registry, narratives={}, today=registry.today))
    fresh_site = Site(registry, narratives={}, today=registry.today)
    fragments(fresh_site)._cached = lambda key, caller: caller()
    fresh = rendered_pages(fresh_site)
    assert shared.keys() == fresh.keys()
    for uri, spec in shared.items():
        assert fill_blocks(spec.content, spec.blocks) == fill_blocks(fresh[uri].content, fresh[uri].blocks), uri


TEMPLATE = """<nav class="crumbs"><a href="{{ link('index.md') }}">Trang chủ</a></nav>

# Tiêu đề

<p>Đoạn mở đầu.</p>
<ul class="stats">
<li><strong>3</strong> nhiệm vụ</li>
</ul>



<p>Sau ba dòng trống.</p>
{% call html_block() %}
<div class="rows">một khối</div>
{% endcall %}
<p class="tail">Cuối mục.</p>

## Mục hai {#muc-hai}

<div class="box">
<p>Trong hộp.</p>
</div>
"""


def markdown_html(text: str, blocks: list[str]) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS)
    return fill_blocks(md.convert(text), blocks)


def test_raw_html_regions_give_the_html_markdown_gave(tmp_path: Path) -> None:
    """The same region with and without raw_html: the same page HTML, the same headings (so
    the same table of contents), and fewer blocks for Markdown to parse."""
    wrapped = TEMPLATE.replace("<p>Đoạn", "{% call raw_html() %}\n<p>Đoạn").replace(
        "Cuối mục.</p>\n", "Cuối mục.</p>\n{% endcall %}\n"
    )
    wrapped = wrapped.replace('<div class="box">', '{% call raw_html() %}\n<div class="box">') + "{% endcall %}\n"
    (tmp_path / "plain.md").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "wrapped.md").write_text(wrapped, encoding="utf-8")
    renderer = Renderer(tmp_path)
    plain_text, plain_blocks = renderer.render("plain.md", "tinh/x.md")
    text, blocks = renderer.render("wrapped.md", "tinh/x.md")
    assert markdown_html(text, blocks) == markdown_html(plain_text, plain_blocks)
    assert "<p>" not in text and text.count("<!--gp-block:") == 2  # one merged block per section


def test_raw_html_refuses_markdown(tmp_path: Path) -> None:
    """A heading put inside raw_html by mistake would lose its anchor: the build says so."""
    (tmp_path / "page.md").write_text("{% call raw_html() %}\n<p>x</p>\n\n## Mục\n{% endcall %}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="raw_html holds text that is not HTML"):
        Renderer(tmp_path).render("page.md", "tinh/x.md")
