"""The editing guide (content/huong-dan/) as readers get it, on the built site: every YAML
and command example is a code block (also inside a numbered step), numbered steps stay
separate steps, and the buttons, commands and options it names are the real ones."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "content" / "huong-dan"
PAGES = sorted(p.stem for p in GUIDE.glob("*.md"))

# A fenced block at any indentation (inside a list item it is indented by four spaces).
FENCE = re.compile(r"^(?P<indent> *)```[^\n]*\n(?P<body>.*?)^(?P=indent)``` *$", re.M | re.S)
EXAMPLE_MACRO = re.compile(r"\{\{\s*(?:task_yaml|indicator_yaml)\(")
STEP = re.compile(r"^\d+\. ")


def markdown(stem: str) -> str:
    text = (GUIDE / f"{stem}.md").read_text(encoding="utf-8")
    return text.split("---\n", 2)[2] if text.startswith("---\n") else text


def article(site: Path, stem: str) -> Tag:
    path = site / "huong-dan" / ("index.html" if stem == "index" else f"{stem}/index.html")
    found = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert found is not None, path
    return found


def code_blocks(stem: str) -> list[str]:
    """The fenced blocks of a page's Markdown, without their indentation."""
    return [
        "\n".join(line[len(m["indent"]) :] for line in m["body"].splitlines()).strip()
        for m in FENCE.finditer(markdown(stem))
    ]


def step_lists(stem: str) -> list[int]:
    """Item counts of the page's top-level numbered lists, read from the Markdown: a list
    goes on over blank and indented lines and ends at any other unnumbered line."""
    counts: list[int] = []
    in_list = False
    for line in markdown(stem).splitlines():
        if STEP.match(line):
            if not in_list:
                counts.append(0)
            counts[-1] += 1
            in_list = True
        elif line.strip() and not line.startswith("    "):
            in_list = False
    return counts


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


@pytest.mark.parametrize("stem", PAGES)
def test_examples_are_rendered_as_code_blocks(site: Path, stem: str) -> None:
    page = article(site, stem)
    rendered = [code.get_text().strip() for code in page.select("pre > code")]
    expected = code_blocks(stem)
    assert [block for block in expected if block not in rendered] == [], "an example is not a code block"
    assert len(rendered) == len(expected) + len(EXAMPLE_MACRO.findall(markdown(stem)))
    inline = [code.get_text() for code in page.find_all("code") if not code.find_parent("pre")]
    assert [c for c in inline if "\n" in c] == [], "a code block became inline code"
    outside = "".join(t for t in page.find_all(string=True) if not t.find_parent("pre"))
    assert "```" not in outside, "a fence was printed as text"


@pytest.mark.parametrize("stem", PAGES)
def test_numbered_steps_stay_separate_items(site: Path, stem: str) -> None:
    page = article(site, stem)
    lists = [ol for ol in page.find_all("ol") if ol.find_parent("li") is None]
    assert [len(ol.find_all("li", recursive=False)) for ol in lists] == step_lists(stem)
    merged = [
        li.get_text()[:80]
        for ol in lists
        for li in ol.find_all("li", recursive=False)
        if re.search(r"(?m)^\s*\d+\. \S", li.get_text())
    ]
    assert merged == [], "a step swallowed the next one"


def test_the_buttons_the_guide_names_are_the_sites(site: Path) -> None:
    """The pencil's tooltip, the data-edit links' words, and where they lead."""
    index = markdown("index")
    pencil = article(site, "index").select_one("a.md-content__button[rel=edit]")
    assert pencil is not None and pencil.get("title"), "the page has no edit button"
    assert f"**{pencil['title']}**" in index, f"the guide must name the edit button {pencil['title']!r}"
    assert "/edit/" in pencil["href"], "the pencil opens the host's web editor"

    plan_page = next(iter(sorted((site / "ke-hoach").glob("*/index.html"))))
    html = BeautifulSoup(plan_page.read_text(encoding="utf-8"), "html.parser")
    edits = html.select("a.gp-edit")
    assert edits, "a plan page has data-edit links"
    for text in sorted({a.get_text(strip=True) for a in edits}):
        assert f"**{text}**" in index, f"the guide must name the link {text!r}"
    if any(a["href"].startswith("https://github.dev/") for a in edits):
        assert "github.dev" in index, "the guide must say the data links open github.dev"
    source_links = [
        a.get_text(strip=True) for a in html.find_all("a") if a.get_text(strip=True).startswith("Xem văn bản gốc")
    ]
    assert source_links and "**Xem văn bản gốc**" in markdown("sua-loi")


def _help(script: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_commands_the_guide_names_exist() -> None:
    text = "\n".join(markdown(stem) for stem in PAGES)
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    named = set(re.findall(r"\bmake ([a-z][\w-]*)", text))
    assert named and named - targets == set(), "the guide names a make target that does not exist"
    scripts = set(re.findall(r"scripts/(\w+\.py)", text))
    assert scripts and {s for s in scripts if not (ROOT / "scripts" / s).is_file()} == set()
    options = set(re.findall(r"(?<![\w-])(--[a-z][\w-]*)", text))
    known = {"--debug"}.union(*(set(re.findall(r"--[a-z][\w-]*", _help(s))) for s in scripts))
    assert options - known == set(), "the guide names an option no tool has"
