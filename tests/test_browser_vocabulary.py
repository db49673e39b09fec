"""The browser's vocabulary (gp-vocabulary.js): fresh, shipped, and the only spelling in the scripts.

explorer.js and the search worker read UI words, codes and address names from the
generated file (gp-search.js and compare.js get theirs from the bundle's settings and the
page); these tests fail when a Python definition changes and the file
is not written again, and when a script spells one of those words itself.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from macros.data import vocabulary as vocab
from macros.data.deadlines import DeadlineState
from macros.site import explorer_address
from macros.site.browser_vocabulary import VOCABULARY_JS, browser_vocabulary, vocabulary_js
from macros.site.search_index import SEARCH_DIR

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "theme_overrides" / "assets" / "javascripts"
CONSUMERS = ["explorer.js", "compare.js", "gp-search.js", "workers/gp-search-worker.js"]
STALE = "Tệp từ vựng cho trình duyệt đã cũ so với định nghĩa Python"


def _script(name: str) -> ModuleType:
    """A script of scripts/ as a module, so a test can patch the definitions it reads."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


export_vocabulary = _script("export_vocabulary")


def test_committed_vocabulary_is_fresh() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "export_vocabulary.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "khớp với định nghĩa Python" in result.stdout


def test_changing_a_badge_label_makes_the_check_fail(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export_vocabulary.main(["--check"]) == 0
    monkeypatch.setitem(vocab.DEADLINE_STATES, DeadlineState.PASSED, "Đã quá hạn")
    assert export_vocabulary.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert STALE in out and "Chạy: python scripts/export_vocabulary.py" in out


def test_changing_an_address_name_makes_the_check_fail(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(explorer_address, "QUERY_PARAM", "q")
    assert export_vocabulary.main(["--check"]) == 1
    assert STALE in capsys.readouterr().out


def test_export_writes_what_the_check_wants(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "gp-vocabulary.js"
    monkeypatch.setattr(export_vocabulary, "VOCABULARY_JS", target)
    monkeypatch.setitem(vocab.DEADLINE_STATES, DeadlineState.PASSED, "Đã quá hạn")
    assert export_vocabulary.main([]) == 0
    assert export_vocabulary.main(["--check"]) == 0
    assert '"passed": "Đã quá hạn"' in target.read_text(encoding="utf-8")


def test_the_site_ships_the_committed_file(built_site: Path) -> None:
    shipped = (built_site / "assets" / "javascripts" / "gp-vocabulary.js").read_text(encoding="utf-8")
    assert shipped == VOCABULARY_JS.read_text(encoding="utf-8") == vocabulary_js()
    found = re.search(r"^self\.GPVocabulary = (\{.*\})\s*$", shipped, re.MULTILINE | re.DOTALL)
    assert found and json.loads(found.group(1)) == browser_vocabulary()


def spelled_words() -> dict[str, str]:
    """Words the scripts must read from the vocabulary (what a quoted literal may not be)."""
    v = browser_vocabulary()
    explorer = v["explorer"]
    words = {label: "deadline label" for label in v["deadline"]["labels"].values()}
    words |= {explorer["query"]: "query parameter", explorer["sort"]: "sort parameter"}
    for group in ("sorts", "params", "due", "origins"):
        words |= {value: f"explorer's {group}" for value in explorer[group].values()}
    words[explorer["noReport"]] = "explorer's status id"
    return words


def spelled_parts() -> dict[str, str]:
    """Parts of addresses the scripts must not spell inside a longer literal either."""
    v = browser_vocabulary()
    return {v["explorer"]["page"]: "explorer page", SEARCH_DIR + "/": "search folder"}


def spellings(text: str) -> list[str]:
    literals = set(re.findall(r'"([^"\n]*)"', text))
    found = [f"{what} {word!r}" for word, what in spelled_words().items() if word in literals]
    found += [f"{what} in {lit!r}" for part, what in spelled_parts().items() for lit in literals if part in lit]
    return found


def test_the_check_sees_the_old_scripts_spellings() -> None:
    """What the scripts spelled before they read the vocabulary (one line of each)."""
    old = (
        'var QUERY = "tim"\n'
        'values: [{ id: "da-den-han", label: "Đã đến hạn" }]\n'
        'location: "tra-cuu/?tim=" + encodeURIComponent(query)\n'
        'getJSON(new URL("search/gp/" + name, this.base))\n'
        'var PARAM = "tinh"\n'
    )
    assert sorted(spellings(old)) == [
        "deadline label 'Đã đến hạn'",
        "explorer page in 'tra-cuu/?tim='",
        "explorer's due 'da-den-han'",
        "explorer's params 'tinh'",
        "query parameter 'tim'",
        "search folder in 'search/gp/'",
    ]


@pytest.mark.parametrize("script", CONSUMERS)
def test_scripts_do_not_spell_the_vocabulary(script: str) -> None:
    """A quoted word of the vocabulary in a script is a second spelling that would go stale."""
    found = spellings((SCRIPTS / script).read_text(encoding="utf-8"))
    assert not found, f"{script} spells what gp-vocabulary.js gives: " + ", ".join(found)
