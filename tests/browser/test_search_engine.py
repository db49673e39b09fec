"""The search core (gp-search.js) against the Python side it mirrors, with Chromium as the JS runtime.

The built site's search bundle (gp-search.js and its settings) is loaded into a page of the
built site, beside lunr.js 2.3.9 itself (tests/browser/vendor: the site ranks without it), and:
(a) query folding in JS gives the same terms as `Shorthands.query_terms` (macros/search_text.py);
(b) the weights gp-search.js decodes from the sharded postings of search/gp/index/ have
    the same field-vector weights as the index lunr.py builds from the same documents;
(c) lunr.js searching lunr.py's own serialized index and gp-search.js searching the bundle
    return the same documents in the same order with the same scores.
Together: the compact bundle and its scorer lose nothing with respect to lunr.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page

from macros.data.loader import load_registry
from macros.data.registry import Registry
from macros.site.pages import GENERATED_SECTIONS
from macros.site.search_docs import SearchDoc, all_docs
from macros.site.search_index import build_lunr
from macros.site.search_text import Shorthands
from macros.site.views import Views

REPO_ROOT = Path(__file__).resolve().parents[2]
LUNR_JS = Path(__file__).resolve().parent / "vendor" / "lunr-2.3.9.min.js"
WEIGHT_TOLERANCE = 0.001  # lunr rounds every weight to 3 decimals; Python and JS may round a half differently
SCORE_TOLERANCE = 0.01  # a query score sums a few such weights
TIE = 1e-9  # scores closer than this are equal but for floating-point summation order

TRICKY = [
    "Chuyển đổi SỐ",
    "chuyen doi so",
    "CHUYỂN ĐỔI SỐ",
    "ĐỔI MỚI SÁNG TẠO",
    "đường Đà Nẵng, đĐ",
    "KH&CN",
    "kh&cn",
    "KHCN",
    "Sở KH&CN tỉnh",
    "KH & CN",
    "KH&CNX xKH&CN",
    "kn-đmst",
    "KN-ĐMST và ĐMST",
    "cđs-đmst",
    "CĐS/ĐMST; UBND,CSDL.",
    "(TTHC) – ATTT!",
    "R&D và AI",
    "TT&TT, DVCTT",
    "“chuyển đổi số” 2025–2030",
    "Quý II/2025; 57-NQ/TW",
    "5G, IoT, Big Data",
    "Hoà/Hòa thuỷ/thủy",
    "ƯU TIÊN ơ ư ă â ê ô",
    "và các của cho với",
    "trọng điểm tài chính đề án cơ sở",
    "İstanbul Straße",
    "",
    "   \t ",
    unicodedata.normalize("NFD", "Chuyển đổi số"),
    unicodedata.normalize("NFD", "Sở Khoa học và Công nghệ"),
    unicodedata.normalize("NFD", "KH&CN Đổi mới"),
]

# the last word still being typed: a prefix, expanded to every term it starts
PREFIX_QUERIES = ["chuy", "thuc hie", "so quye"]
QUERIES = [
    "chuyển đổi số",
    "chuyen doi so",
    "KH&CN",
    "khoa hoc cong nghe",
    "CĐS",
    "đổi mới sáng tạo",
    "cơ sở dữ liệu",
    "UBND tỉnh",
    "Sở Khoa học và Công nghệ",
    "an toàn thông tin",
    "ha tang so",
    "nhân lực chất lượng cao",
    "Nam Định",
    "quý II/2025",
    "5G",
    *PREFIX_QUERIES,
]


def content_pages() -> tuple[dict[str, str], dict[str, str]]:
    """content/ split as the MkDocs hook splits it (macros/hooks.py on_files): narratives of
    generated pages, and hand-written pages."""
    narratives: dict[str, str] = {}
    handwritten: dict[str, str] = {}
    content = REPO_ROOT / "content"
    for path in sorted(content.rglob("*.md")):
        src_uri = path.relative_to(content).as_posix()
        if any(part.startswith(".") for part in src_uri.split("/")):
            continue  # MkDocs' default exclude_docs
        generated = src_uri.split("/", 1)[0] in GENERATED_SECTIONS or src_uri in GENERATED_SECTIONS
        (narratives if generated else handwritten)[src_uri] = path.read_text(encoding="utf-8-sig")
    return narratives, handwritten


@dataclass(frozen=True)
class LunrPy:
    registry: Registry
    docs: list[SearchDoc]
    vectors: dict[str, dict[str, float]]  # "t/12" -> {term: weight}
    serialized: str  # lunr.py's Index.serialize() as JSON


def bundle_keys(site: Path) -> list[tuple[str, str]]:
    """(kind, url) of every document of the built bundle, in its document order."""
    meta = bundle_meta(site)
    keys: list[tuple[str, str]] = []
    for k in range(0, meta["n"], meta["chunk"]):
        records = json.loads((site / f"search/gp/docs-{k // meta['chunk']}.json").read_text(encoding="utf-8"))
        keys += [(record[0], record[1]) for record in records]
    return keys


@pytest.fixture(scope="module")
def lunr_py(built_site: Path) -> LunrPy:
    """lunr.py's own index of the documents the site build indexes (macros/site/pages assets),
    numbered as in the built bundle.

    Documents are matched to the bundle by (kind, url), not by position: all_docs orders the
    agency-kind and province pages by iterating sets, which differs between Python processes.
    """
    registry = load_registry(REPO_ROOT / "data")
    narratives, handwritten = content_pages()
    docs = all_docs(registry, Views(registry, registry.today), narratives, handwritten)
    keys = bundle_keys(built_site)
    assert len(set(keys)) == len(keys), "(kind, url) does not identify a document of the bundle"
    assert sorted((d.kind, d.url) for d in docs) == sorted(keys), (
        "this test and the build index different documents (content/ or data/ changed since the build?)"
    )
    position = {key: i for i, key in enumerate(keys)}
    docs.sort(key=lambda d: position[(d.kind, d.url)])
    builder = build_lunr(docs, registry)
    index = builder.build()
    term_of = {posting["_index"]: term for term, posting in builder.inverted_index.items()}
    vectors = {}
    for ref, vector in index.field_vectors.items():
        elements = vector.serialize()
        vectors[ref] = {term_of[elements[k]]: elements[k + 1] for k in range(0, len(elements), 2)}
    return LunrPy(registry, docs, vectors, json.dumps(index.serialize()))


def bundle_meta(site: Path) -> dict:
    """The settings the build appends to the search bundle (self.GPSearchMeta = {…})."""
    text = (site / "assets/javascripts/gp-search-bundle.js").read_text(encoding="utf-8")
    found = re.search(r"^self\.GPSearchMeta = (.*)$", text, re.MULTILINE)
    assert found, "the search bundle carries no GPSearchMeta line"
    return json.loads(found.group(1))


@pytest.fixture
def browser_context_args(browser_context_args: dict) -> dict:
    """lunr.js goes into the page as an inline script, which the site's Content-Security-Policy
    refuses: it is the reference to compare with, not part of the site."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def engine_page(page: Page, site_url: str, page_errors: list[str]) -> Iterator[Page]:
    """A page of the built site with the site's search bundle, and lunr.js itself (which the
    site does not ship) to compare with."""
    page.goto(site_url)
    page.add_script_tag(path=str(LUNR_JS))
    page.add_script_tag(url=site_url + "assets/javascripts/gp-search-bundle.js")
    assert page.evaluate("typeof GPSearch.Engine") == "function"
    yield page
    assert page_errors == []


def test_folding_matches_python(engine_page: Page, site_url: str, lunr_py: LunrPy) -> None:
    table = Shorthands(lunr_py.registry.abbreviations)
    expected = [table.query_terms(text) for text in TRICKY]
    got = engine_page.evaluate(
        """async ([base, texts]) => {
             const engine = new GPSearch.Engine(base)
             return texts.map(t => engine.terms(t))
           }""",
        [site_url, TRICKY],
    )
    differences = [(text, py, js) for text, py, js in zip(TRICKY, expected, got, strict=True) if py != js]
    assert not differences, "JS and Python fold differently:\n" + "\n".join(
        f"  {text!r}: python {py} / js {js}" for text, py, js in differences
    )
    # the list is only a test if it exercises the table: short forms must have become tokens
    assert expected[TRICKY.index("KH&CN")] == ["khcn"]
    assert "kndmst" in expected[TRICKY.index("kn-đmst")]


def test_bundle_weights_equal_lunr_py_weights(engine_page: Page, site_url: str, lunr_py: LunrPy) -> None:
    rebuilt = engine_page.evaluate(
        """async (base) => {
             const engine = new GPSearch.Engine(base)
             return {n: GPSearchMeta.n, vectors: await engine.allWeights()}
           }""",
        site_url,
    )
    assert rebuilt["n"] == len(lunr_py.docs)
    # lunr.py keeps a vector for every field of every document, empty ones included
    assert rebuilt["vectors"].keys() == {ref for ref, weights in lunr_py.vectors.items() if weights}
    missing, extra, off = [], [], []
    for ref, expected in lunr_py.vectors.items():
        got = rebuilt["vectors"].get(ref, {})
        missing += [(ref, term) for term in expected.keys() - got.keys()]
        extra += [(ref, term) for term in got.keys() - expected.keys()]
        off += [
            (ref, term, expected[term], got[term])
            for term in expected.keys() & got.keys()
            if abs(expected[term] - got[term]) > WEIGHT_TOLERANCE + 1e-9
        ]
    assert not missing, f"terms lunr.py has and the bundle lacks: {missing[:10]}"
    assert not extra, f"terms only in the bundle: {extra[:10]}"
    assert not off, f"weights that differ by more than {WEIGHT_TOLERANCE}: {off[:10]}"
    assert sum(len(v) for v in lunr_py.vectors.values()) > 10_000  # a real index, not an empty one


def test_site_scorer_ranks_like_lunr_js_on_lunr_py_index(engine_page: Page, site_url: str, lunr_py: LunrPy) -> None:
    results = engine_page.evaluate(
        """async ([base, serialized, queries]) => {
             const engine = new GPSearch.Engine(base)
             const loaded = lunr.Index.load(JSON.parse(serialized))
             const out = []
             for (const q of queries) {
               const rebuilt = await engine.search(q)  // the site's own scorer over the bundle
               const terms = engine.terms(q), prefix = engine.lastIsPrefix(terms)
               const lunrPy = loaded.query(query => terms.forEach((t, i) => query.term(t, {
                 presence: lunr.Query.presence.REQUIRED,
                 wildcard: prefix && i === terms.length - 1 ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
               }))).map(r => ({doc: +r.ref, score: r.score}))
               out.push({lunrPy, rebuilt, prefix})
             }
             return out
           }""",
        [site_url, lunr_py.serialized, QUERIES],
    )
    assert [q for q, r in zip(QUERIES, results, strict=True) if r["prefix"]] == PREFIX_QUERIES
    for query, result in zip(QUERIES, results, strict=True):
        expected, got = ranking(result["lunrPy"]), ranking(result["rebuilt"])
        assert expected, f"{query!r}: no result at all, so the comparison proves nothing"
        assert got == expected, f"{query!r}: lunr.py's index ranks {expected[:8]}…, the rebuilt one {got[:8]}…"
        for a, b in zip(
            sorted(result["lunrPy"], key=lambda h: h["doc"]),
            sorted(result["rebuilt"], key=lambda h: h["doc"]),
            strict=True,
        ):
            assert b["score"] == pytest.approx(a["score"], abs=SCORE_TOLERANCE), query


def ranking(hits: list[dict]) -> list[list[int]]:
    """Documents in rank order, as tie groups: scores that differ only by float summation noise
    (vectors whose terms are numbered differently are summed in a different order) are a tie,
    and lunr orders a tie arbitrarily."""
    groups: list[list[int]] = []
    previous = None
    for hit in hits:
        if previous is not None and previous - hit["score"] <= TIE:
            groups[-1].append(hit["doc"])
        else:
            groups.append([hit["doc"]])
        previous = hit["score"]
    return [sorted(group) for group in groups]
