"""The search files the browser downloads, built at build time (the same index the Python
lunr package builds, counted directly).

lunr's own JSON repeats every posting twice (inverted index and field vectors) with
float weights: 840 KB gzip for a national-size data set, all needed before any result.
The browser needs much less, and only part of it per query, in as few round trips as
the query allows. The search box: its worker (one script), then one file per query word
at once, and its first RESULT (the pages that match) needs nothing more; the records of
the results on screen follow.
- each document's field lengths (and, for the search box, the page each document belongs
  to and its kind) travel inside the scripts (GPSearchMeta, GPSearchPages): no request;
- each term's documents with their term frequency, split by the term's first two letters
  (index/<xx>.json), so "chuyen doi so" fetches three small files; a file's keys are its
  terms, so whether a word is in the index, and which terms a typed prefix of two letters
  or more stands for, is read from the file the word needs anyway. gp-search.js
  recomputes lunr's BM25 weights from them exactly as lunr.Builder does and ranks as
  lunr.Index.query would (without shipping lunr.js);
- records to show (titles, plans, sections) in small chunks (docs-<k>.json), fetched
  only for the results on screen;
- for the task explorer, facet values as small integer codes (explore.json).

Files (under search/gp/ but the scripts):
- assets/javascripts/gp-search-bundle.js (the explorer's): the browser vocabulary
  (gp-vocabulary.js), gp-search.js and its settings, GPSearchMeta (the files' folder,
  chunk size, shard length, the prefixes that have a file, shorthands and stop words for
  query folding, and the index head: fields, boosts, k1, b, n, lengths);
- assets/javascripts/gp-explorer-bundle.js (the explorer's page's one script): the search
  bundle, then gp-today.js, explorer-start.js and explorer.js, so the page's <head> loads
  it async, in one request, and it runs before the stylesheets are in;
- assets/javascripts/workers/gp-search-worker.js (the search box's): the same, then
  GPSearchPages (groups, docGroup, docKind) and the worker's own code, one file (no
  importScripts: a worker's scripts load one after the other);
- index/<prefix>.json: {term: [postings of field t, postings of field b]}
- docs-<k>.json, explore.json
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.data import vocabulary as vocab
from macros.data.deadlines import DeadlineKind, date_code
from macros.data.registry import Registry
from macros.site import urls
from macros.site.explorer_address import DEADLINE_IDS, NO_QUARTER, PERIOD, QUARTERS

if TYPE_CHECKING:  # the lunr package is the tests' reference only: not imported by a build
    from lunr.builder import Builder
from macros.site.search_docs import SearchDoc
from macros.site.search_text import STOP_WORDS, Shorthands

SEARCH_DIR = "search/gp"
SEARCH_SCRIPT = "assets/javascripts/gp-search-bundle.js"  # the explorer's (and tests') search core
EXPLORER_SCRIPT = "assets/javascripts/gp-explorer-bundle.js"  # the explorer's page's one script
WORKER_SCRIPT = "assets/javascripts/workers/gp-search-worker.js"  # the search box's: Material's config names it
CHUNK = 10  # records per file: results fetch only the few files that hold what is shown
SHARD = 2  # postings files are cut by the first letters of the term
KIND_CODES = {
    "task": "t",
    "indicator": "i",
    "plan": "p",
    "section": "s",
    "agency": "a",
    "kind": "k",
    "topic": "c",
    "province": "v",
}
FIELDS = (("t", 2), ("b", 1))  # title terms count double
NO_STATUS = "none"  # explore.json's status id of a task with no progress report
RECORD = ("kind", "url", "title", "context", "summary", "group")  # a display record's fields, in order


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


TermsOf = Callable[[str], list[str]]  # a text's search terms (Shorthands.document_terms)


def _field_texts(
    docs: list[SearchDoc], registry: Registry, document_terms: TermsOf | None = None
) -> Iterator[dict[str, list[str]]]:
    """Each document's terms per field (pre-folded; the context, section or page kind, is only shown)."""
    terms = document_terms or Shorthands(registry.abbreviations).document_terms
    for doc in docs:
        yield {"t": terms(doc.title), "b": terms(doc.body)}


def build_lunr(docs: list[SearchDoc], registry: Registry) -> Builder:
    """A lunr.py Builder with every document added (terms pre-folded, empty pipelines):
    the reference TermIndex must equal (tests/browser/test_search_engine.py builds lunr's
    own vectors from it and compares them with the bundle's weights)."""
    from lunr.builder import Builder

    builder = Builder()
    builder.ref("i")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for i, fields in enumerate(_field_texts(docs, registry)):
        builder.add({"i": str(i), **{name: " ".join(terms) for name, terms in fields.items()}})
    return builder


@dataclass(frozen=True)
class TermIndex:
    """What the bundle needs of lunr.Builder.add, counted directly: per term and field, the
    documents (in order) with the term's frequency, and every field's length in terms.

    lunr.py's Builder tokenizes character by character and keeps positions nobody reads
    (most of the search files' build time at national size); with pre-folded terms and
    empty pipelines its tokens are exactly these terms, so the counts are the same.
    """

    n: int
    postings: dict[str, dict[str, list[tuple[int, int]]]]  # term -> field -> [(doc, tf)]
    lengths: dict[str, list[int]]  # field -> length of each document's field
    k1: float = 1.2  # lunr.Builder's defaults
    b: float = 0.75


def term_index(docs: list[SearchDoc], registry: Registry, document_terms: TermsOf | None = None) -> TermIndex:
    terms_of = document_terms or Shorthands(registry.abbreviations).document_terms
    known: dict[str, list[str]] = {}  # a third of the texts repeat (sections, agencies' titles)

    def terms(text: str) -> list[str]:
        if (found := known.get(text)) is None:
            found = known[text] = terms_of(text)
        return found

    by_field: dict[str, dict[str, list[tuple[int, int]]]] = {name: {} for name, _ in FIELDS}
    lengths: dict[str, list[int]] = {name: [] for name, _ in FIELDS}
    for i, fields in enumerate(_field_texts(docs, registry, terms)):
        for name, field_terms in fields.items():
            lengths[name].append(len(field_terms))
            postings = by_field[name]
            for term, tf in Counter(field_terms).items():
                if (found_in := postings.get(term)) is None:
                    postings[term] = [(i, tf)]
                else:
                    found_in.append((i, tf))
    every_term = dict.fromkeys(term for postings in by_field.values() for term in postings)
    return TermIndex(
        len(docs),
        {term: {name: by_field[name].get(term, []) for name, _ in FIELDS} for term in every_term},
        lengths,
    )


def _b36_codes(n: int) -> list[str]:
    """_b36(k) for every k up to n, the largest gap between two documents' numbers."""
    return [_b36(k) for k in range(n + 1)]


def _postings(index: TermIndex, term: str, codes: list[str] | None = None) -> list[str]:
    """Per field: delta-coded document numbers in base 36, ':tf' when a term repeats
    (codes: _b36_codes(index.n), made once for every term)."""
    codes = codes or _b36_codes(index.n)
    per_field = []
    for name, _ in FIELDS:
        parts, previous = [], -1
        for ref, tf in index.postings[term][name]:
            parts.append(codes[ref - previous] if tf == 1 else f"{codes[ref - previous]}:{tf}")
            previous = ref
        per_field.append(",".join(parts))
    return per_field


def index_head(index: TermIndex) -> dict[str, Any]:
    """What every query needs besides postings (in the scripts' GPSearchMeta): lunr's
    settings and each document's field lengths, which the BM25 weights depend on."""
    return {
        "fields": [name for name, _ in FIELDS],
        "boosts": [boost for _, boost in FIELDS],
        "k1": index.k1,
        "b": index.b,
        "n": index.n,
        "lengths": [",".join(_b36(length) for length in index.lengths[name]) for name, _ in FIELDS],
    }


def index_files(index: TermIndex) -> dict[str, dict[str, list[str]]]:
    """One postings file per term prefix (its keys are its terms): with index_head, enough
    to rebuild lunr's weights."""
    shards: dict[str, dict[str, list[str]]] = {}
    codes = _b36_codes(index.n)
    for term in sorted(index.postings):
        shards.setdefault(term[:SHARD], {})[term] = _postings(index, term, codes)
    return {f"index/{prefix}.json": postings for prefix, postings in shards.items()}


@dataclass(frozen=True)
class ExploreFacet:
    key: str
    label: str
    values: list[str]
    labels: list[str]


def _deadline_codes(task: Any) -> tuple[int, int, str, int]:
    """(year, quarter, kind, due) for the explorer; 0 where unknown.

    quarter: 1-4 for a deadline by quarter, month or day; NO_QUARTER for a dated one by
    year, PERIOD by a period of years. due: Deadline.judged_on as yyyymmdd (0 for ongoing, annual, "from a
    year on" and conditional deadlines), so explorer.js judges "đã đến hạn" by the rule
    of the badges (Deadline.state)."""
    deadline = task.parsed_deadline
    if deadline is None:
        return (0, 0, "none", 0)
    due: dt.date | None = deadline.due
    judged = date_code(deadline.judged_on)
    kind = {
        DeadlineKind.ONGOING: "ongoing",
        DeadlineKind.YEAR_ONWARD: "ongoing",
        DeadlineKind.ANNUAL: "annual",
        DeadlineKind.CONDITIONAL: "conditional",
    }.get(deadline.kind, "dated")
    if kind != "dated" or due is None:
        return ((deadline.year or 0) if kind == "ongoing" else 0, 0, kind, judged)
    by_quarter = deadline.kind in (DeadlineKind.QUARTER, DeadlineKind.MONTH, DeadlineKind.DAY)
    quarter = (
        (due.month - 1) // 3 + 1 if by_quarter else PERIOD if deadline.kind is DeadlineKind.YEAR_RANGE else NO_QUARTER
    )
    return (due.year, quarter, kind, judged)


def explore_data(docs: list[SearchDoc], registry: Registry) -> dict[str, Any]:
    """Facet vocabularies and, per task, the codes the explorer filters and counts."""
    plans = list(registry.plans.values())
    plan_index = {p.id: i for i, p in enumerate(plans)}  # list.index would compare whole plans
    agencies = list(registry.agencies.values())
    agency_index = {a.id: i for i, a in enumerate(agencies)}
    kinds = sorted({a.kind.id for a in agencies})
    topics = [t for t in registry.topics.values() if t.for_tasks]
    topic_index = {t.id: i for i, t in enumerate(topics)}
    # a task is found under its plan's province and under the province that took it over
    provinces = [p.id for p in registry.plan_provinces()]
    province_index = {p: i for i, p in enumerate(provinces)}
    kind_index = {k: i for i, k in enumerate(kinds)}
    merged = {}  # new province -> the plan provinces merged into it, for the filter's hint
    for plan in plans:
        if (now := registry.current_province(plan.province)).id != plan.province:
            merged.setdefault(now.id, []).append(registry.provinces[plan.province].name)
    statuses = ["", *[s.value for s in vocab.STATUS]]
    rows = []
    for i, doc in enumerate(docs):
        if doc.task is None:
            break  # tasks come first
        plan, task = doc.task
        lead = task.lead.agencies if task.lead else []
        now = [c.now.id for c in registry.current_lead(plan, task) if c.now is not None]
        province_ids = dict.fromkeys([plan.province, registry.current_province(plan.province).id])
        year, quarter, kind, due = _deadline_codes(task)
        status = task.current_status
        rows.append(
            [
                i,
                plan_index[plan.id],
                [province_index[p] for p in province_ids],
                [agency_index[f"{plan.province}/{k}"] for k in lead],
                [agency_index[a] for a in dict.fromkeys(now)],
                sorted({kind_index[k] for k in lead}),
                [topic_index[t] for t in task.topics],
                year,
                quarter,
                kind,
                due,
                0 if task.source.kind == "appendix" else 1,
                statuses.index(status.value if status else ""),
            ]
        )
    return {
        "columns": [
            "doc",
            "plan",
            "province",
            "agencies",
            "current",
            "kinds",
            "topics",
            "year",
            "quarter",
            "deadline",
            "due",
            "origin",
            "status",
        ],
        "plans": [
            {
                "id": p.id,
                "name": registry.provinces[p.province].name + " – " + (p.number or vocab.DOC_TYPES[p.doc_type]),
                "url": urls.page_url(urls.plan(p.id)),
            }
            for p in plans
        ],
        "provinces": [{"id": p, "name": registry.provinces[p].name} for p in provinces],
        "merged": [
            f"{registry.provinces[now].name}: cả {', '.join(dict.fromkeys(olds))}"
            for now, olds in sorted(merged.items())
        ],
        "agencies": [{"id": a.id, "name": a.name, "url": urls.page_url(urls.agency(a))} for a in agencies],
        "kinds": [{"id": k, "name": registry.agency_kinds[k].name} for k in kinds],
        "topics": [{"id": t.id, "name": t.short_name} for t in topics],
        "deadlines": {k: vocab.DEADLINE_KINDS_EXPLORER[k] for k in vocab.DEADLINE_KINDS_EXPLORER},
        "deadline_ids": DEADLINE_IDS,
        "quarters": [{"id": q, "name": name} for q, name in QUARTERS],
        "origins": [vocab.ORIGINS["appendix"], vocab.ORIGINS["narrative"]],
        "statuses": [{"id": s or NO_STATUS, "name": vocab.STATUS_BY_VALUE.get(s, vocab.NO_REPORT)} for s in statuses],
        "rows": rows,
    }


def without_comments(script: str) -> str:
    """A script of ours without its comment lines (a block comment from the line that opens
    it to the line that closes it, // lines), for the scripts the build writes: every page
    fetches the worker, and a fifth of the sources' bytes are comments. Only whole lines
    go; code after a comment's close stays."""
    out, in_block = [], False
    for line in script.splitlines():
        text = line.strip()
        if in_block or text.startswith("/*"):
            end = text.find("*/", 0 if in_block else 2)
            in_block = end < 0
            if not in_block and text[end + 2 :].strip():
                out.append(text[end + 2 :])
        elif not text.startswith("//"):
            out.append(line)
    return "\n".join(out) + "\n"


def display_record(doc: SearchDoc, group_ids: dict[tuple[str, str], int]) -> list[Any]:
    """What a result shows, the fields in RECORD's order (the scripts read them by RECORD's positions)."""
    values = {
        "kind": doc.kind,
        "url": doc.url,
        "title": doc.title,
        "context": doc.context,
        "summary": doc.summary,
        "group": group_ids[doc.group],
    }
    return [values[name] for name in RECORD]


def search_files(
    docs: list[SearchDoc],
    registry: Registry,
    scripts: Iterable[Path],
    worker: Path,
    document_terms: TermsOf | None = None,
    explorer: Iterable[Path] = (),
) -> dict[str, bytes]:
    """Every file of the search, by path under the site.

    scripts: gp-vocabulary.js and gp-search.js, written out as one file with the settings
    that fold a query and the index head appended (GPSearchMeta), so a query needs no
    request before the postings of its words; worker: the search box's worker code, put
    after them and the page of each document (GPSearchPages) into the worker's one
    script. document_terms: in place of the abbreviation table's (serve keeps the terms
    of unchanged texts). explorer: the explorer's scripts, put after the bundle into the
    explorer page's one script."""
    groups = list(dict.fromkeys(d.group for d in docs))
    group_ids = {g: i for i, g in enumerate(groups)}
    records = [display_record(d, group_ids) for d in docs]
    index = term_index(docs, registry, document_terms)
    shards = index_files(index)
    explore = explore_data(docs, registry)
    files = {f"{SEARCH_DIR}/{name}": _json(value) for name, value in shards.items()}
    for k in range(0, len(records), CHUNK):
        files[f"{SEARCH_DIR}/docs-{k // CHUNK}.json"] = _json(records[k : k + CHUNK])
    meta = {
        "dir": SEARCH_DIR + "/",
        "chunk": CHUNK,
        "shard": SHARD,
        # a word whose prefix has no file costs no request (and no 404)
        "shards": sorted(name.removeprefix("index/").removesuffix(".json") for name in shards),
        "shorthands": [[s.token, list(s.folded_forms)] for s in Shorthands(registry.abbreviations).table],
        "stop": sorted(STOP_WORDS),
        "tasks": len(explore["rows"]),  # the first documents are the tasks (explore.json's rows)
        **index_head(index),
    }
    code = [without_comments(path.read_text(encoding="utf-8")).encode("utf-8") for path in scripts]
    bundle = b";\n".join(code) + b"self.GPSearchMeta = " + _json(meta)
    files[SEARCH_SCRIPT] = bundle + b"\n"
    explorer_code = [without_comments(path.read_text(encoding="utf-8")).encode("utf-8") for path in explorer]
    if explorer_code:
        files[EXPLORER_SCRIPT] = b";\n".join([bundle, *explorer_code])
    # the search box groups results by page and shows the pages first, before any record
    pages = {
        "groups": [list(g) for g in groups],
        "docGroup": [group_ids[d.group] for d in docs],
        "docKind": "".join(KIND_CODES[d.kind] for d in docs),  # one letter per document
    }
    worker_code = without_comments(worker.read_text(encoding="utf-8")).encode("utf-8")
    files[WORKER_SCRIPT] = bundle + b";\nself.GPSearchPages = " + _json(pages) + b";\n" + worker_code
    files[f"{SEARCH_DIR}/explore.json"] = _json(explore)
    return files
