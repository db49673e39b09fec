"""The search scripts the build writes: the search box's worker is one script (nothing to
import before a query), and the comment lines of the sources stay out of them."""

from __future__ import annotations

from pathlib import Path

from macros.site.search_index import SEARCH_SCRIPT, WORKER_SCRIPT, without_comments

SOURCES = Path(__file__).resolve().parent.parent / "theme_overrides" / "assets" / "javascripts"


def test_comment_lines_go_and_code_stays() -> None:
    script = (
        '/* a\n * b */\nvar x = 1 // kept\n  // gone\n/* one line */\n/* c */ y()\n  /* d\n */ z()\nu = "http://x"\n'
    )
    assert without_comments(script) == 'var x = 1 // kept\n y()\n z()\nu = "http://x"\n'


def test_the_worker_is_one_script_with_what_a_query_needs(built_site: Path) -> None:
    worker = (built_site / WORKER_SCRIPT).read_text(encoding="utf-8")
    bundle = (built_site / SEARCH_SCRIPT).read_text(encoding="utf-8")
    assert "importScripts" not in worker
    assert worker.startswith(bundle.rstrip("\n"))  # vocabulary, core, settings with the index head
    for name in ("self.GPVocabulary = ", "root.GPSearch = ", "self.GPSearchMeta = ", "self.GPSearchPages = "):
        assert name in worker, name
    assert 'addEventListener("message"' in worker  # the worker's own code, last
    source = (SOURCES / "workers" / "gp-search-worker.js").read_text(encoding="utf-8")
    assert worker.endswith(without_comments(source))
    assert not (built_site / "search/gp/index/terms.json").exists()
    lines = [line.strip() for line in worker.splitlines()]
    assert not [line for line in lines if line.startswith(("/*", "//", "* "))]
