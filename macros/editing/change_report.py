"""The data-change report between two git revisions, as Markdown for reviewers.

Compares data/ at two revisions (e.g. a pull request's base and head) and shapes a
summary in Vietnamese: plans, tasks and indicators added (with their key fields),
removed, changed (each field's old and new value, agencies and topics by name) and
re-ordered, progress updates called out once, with links to the preview site. Works
from the data model, so moved or re-formatted YAML is no change. Files the model does not
read are listed from `git diff`: narratives and hand-written pages under content/, and
source texts under data/sources/ (add-only: a changed one is a warning).

This module shapes the data (parts of the report, the changes and files in each); the words
and the Markdown are in the templates theme_overrides/gp/reports/change-report.md and
change-report-parts.md, and the comment keeps the rendered parts and items that fit
(GitHub refuses comments over 65,536 characters). scripts/change_report.py is its command line.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.data import vocabulary as vocab
from macros.data.loader import load_registry
from macros.data.problems import DataError, Problem
from macros.data.registry import Registry
from macros.editing.new_plan import new_plan
from macros.site import changes as ch
from macros.site import urls
from macros.site.pages import THEME_TEMPLATES
from macros.site.render import jinja_environment

WORKTREE = "WORKTREE"
COMMENT_LIMIT = 60_000  # characters; GitHub refuses comments over 65,536


def data_at(repo: Path, rev: str, into: Path) -> Path:
    """data/ as it was at `rev` (WORKTREE: as it is now), extracted under `into`."""
    if rev == WORKTREE:
        return repo / "data"
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", rev, "data"], capture_output=True, check=False
    )
    if archive.returncode != 0:
        raise SystemExit(f"Không đọc được phiên bản “{rev}” trong git: {archive.stderr.decode().strip()}")
    target = into / rev.replace("/", "_")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / "data"


def load(data_dir: Path) -> tuple[Registry | None, list[Problem]]:
    try:
        return load_registry(data_dir, root=data_dir.parent), []
    except DataError as err:
        return None, list(err.problems)


# --- Markdown: the filters the report's templates use besides the site's (md, date_vi, …) ----


def code(value: object) -> str:
    """A code span showing `value` exactly: nothing inside a code span is escaped or
    decoded, so the fence is longer than any run of backticks in the text."""
    text = " ".join(str(value).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _url(value: str) -> str:
    return value.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


REPORT_TEMPLATE = "reports/change-report.md"
PARTS_TEMPLATE = "reports/change-report-parts.md"  # the macros that word each part


@dataclass
class Part:
    """One part of the report as data; `kind` tells the templates how to word it: title,
    head-problems, edited-sources, base-problems, summary, unchanged, progress, group (one
    plan's changes, or the reference data's), new-plan, new-tasks and new-indicators (an added
    plan's checks and rows, macros.editing.new_plan), files, site-code, cut (the comment's
    note on what it leaves out) or footer."""

    kind: str
    items: list[Any] = field(default_factory=list)  # what its list shows, one item each
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Piece:
    """A part rendered: its title, lead line and list items as the templates wrote them. The
    comment is shortened by whole pieces, and within the first that does not fit, by whole
    items."""

    title: str
    lead: str
    items: list[str]


class Templates:
    """The report's Jinja templates (theme_overrides/gp/reports/). The report is Markdown for
    GitHub, not HTML, so there is no autoescaping: the templates pass text from data through
    `md` and paths, ids and addresses through `code` (the project's Renderer escapes for HTML)."""

    def __init__(self, site_url: str) -> None:
        self.env = jinja_environment(THEME_TEMPLATES, autoescape=False)
        self.env.filters.update(code=code, url=_url)
        self.parts = self.env.get_template(PARTS_TEMPLATE).make_module(
            {
                "site_url": site_url,
                "worktree": WORKTREE,
                "artifact": ARTIFACT,
                "kind_labels": ch.KIND_LABELS,
                "status_words": vocab.STATUS,
            }
        )

    def piece(self, part: Part) -> Piece:
        return Piece(
            str(self.parts.title(part)), str(self.parts.lead(part)), [str(self.parts.item(part, x)) for x in part.items]
        )

    def block(self, piece: Piece, items: list[str] | None = None) -> str:
        """A piece's text, with all its items or only `items`."""
        return str(self.parts.block(piece.title, piece.lead, piece.items if items is None else items))

    def report(self, blocks: list[str]) -> str:
        return self.env.get_template(REPORT_TEMPLATE).render(blocks=blocks)


@dataclass
class Report:
    templates: Templates
    pieces: list[Piece]  # first the title, last the footer

    def text(self) -> str:
        return self.templates.report([self.templates.block(p) for p in self.pieces])

    def comment(self, limit: int, full_report: str = "") -> str:
        """The report within `limit` characters: the title, the footer and the parts without a
        list (summary, warnings) always, then parts in order while they fit whole, then the
        whole items of the next that fit, then a note saying what was left out and where the
        full report is."""
        full = self.text()
        if len(full) <= limit:
            return full
        block = self.templates.block
        head, body, foot = self.pieces[0], self.pieces[1:-1], self.pieces[-1]
        always = [p for p in body if not p.items]
        # each piece ends in a newline and is followed by a blank line
        room = limit - sum(len(block(p)) + 1 for p in [head, foot, *always]) - 2000  # the note and separators
        kept: list[str] = []
        omitted: list[tuple[str, bool]] = []  # (title, only the rest of it)
        left_out = 0
        cut = False
        for piece in body:
            text = block(piece)
            if not piece.items:
                kept.append(text)
                continue
            if not cut and len(text) + 1 <= room:
                kept.append(text)
                room -= len(text) + 1
                continue
            if not cut:
                cut = True
                shown: list[str] = []
                base = len(block(piece, [])) + 1
                for item in piece.items:
                    if base + sum(len(i) for i in shown) + len(item) > room:
                        break
                    shown.append(item)
                if shown:
                    kept.append(block(piece, shown))
                    left_out += len(piece.items) - len(shown)
                    omitted.append((piece.title, True))
                    continue
            left_out += max(len(piece.items), 1)
            omitted.append((piece.title, False))
        note = self.templates.piece(
            Part("cut", data={"size": len(full), "left_out": left_out, "omitted": omitted, "full_report": full_report})
        )
        return self.templates.report([block(head), *kept, block(note), block(foot)])


# --- other changed files -----------------------------------------------------------------

ARTIFACT = "bao-cao-thay-doi"
TABLE_HEADER = "header"  # the first item of a table part: the templates write the header row
STATUSES = ("A", "M", "D")  # added, modified, deleted (`git diff --name-status`)
# Files that shape the published site besides data/ and content/ (code, theme, settings).
SITE_CODE = ("macros/", "theme_overrides/", "mkdocs.yml", "pyproject.toml", "data/")


@dataclass(frozen=True)
class FileChange:
    status: str  # A (added), M (modified), D (deleted)
    path: str


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"Lệnh git {args[0]} không chạy được: {result.stderr.strip()}")
    return result.stdout


def changed_files(repo: Path, base: str, head: str) -> list[FileChange]:
    """Every file that differs between the two versions (`git diff --name-status`)."""
    revs = [base] if head == WORKTREE else [base, head]
    fields = _git(repo, "diff", "--name-status", "--no-renames", "-z", *revs, "--").split("\0")
    files = [
        FileChange(status[:1] if status[:1] in STATUSES else "M", path)
        for status, path in zip(fields[0::2], fields[1::2], strict=False)
        if path
    ]
    if head == WORKTREE:
        files += [
            FileChange("A", p) for p in _git(repo, "ls-files", "--others", "--exclude-standard", "-z").split("\0") if p
        ]
    return sorted(files, key=lambda f: f.path)


def _is_data_model(path: str) -> bool:
    """Files read through the data model: their changes are reported entity by entity."""
    parts = path.split("/")
    return (
        path.endswith(".yml") and (len(parts) == 2 or (len(parts) == 3 and parts[1] == "plans")) and parts[0] == "data"
    )


@dataclass(frozen=True)
class FileItem:
    """A changed file under content/ or data/sources/, as the report lists it."""

    change: FileChange
    kind: str  # narrative (a plan's page text) | page (a hand-written page) | source (a source text)
    url: str | None = None  # the page it shows on (narrative, page)
    plan: str | None = None  # the plan's name (narrative)
    sources: tuple[tuple[str, str], ...] = ()  # source: (plan name, source page URL) of each plan citing it


@dataclass
class Files:
    """The changed files that a data comparison cannot see, sorted by what they affect."""

    items: list[FileItem] = field(default_factory=list)  # content/ and data/sources/
    edited_sources: int = 0  # existing source texts changed or deleted (they are add-only)
    site_code: int = 0  # code, theme, settings: pages may differ though no data changed
    layout_only: bool = False  # data YAML changed with no change in the data model


def describe_files(files: list[FileChange], registries: list[Registry]) -> Files:
    out = Files()
    names = {}
    for reg in reversed(registries):  # the head's names win
        names.update({p.id: ch.plan_name(reg, p) for p in reg.plans.values()})
    sources: dict[str, list[str]] = {}
    for reg in registries:
        for p in reg.plans.values():
            sources.setdefault(p.source.file, [])
            if p.id not in sources[p.source.file]:
                sources[p.source.file].append(p.id)
    for f in files:
        if f.path.startswith("content/"):
            page = f.path.removeprefix("content/")
            plan = (
                page.removeprefix(urls.PLANS + "/").removesuffix(".md") if page.startswith(urls.PLANS + "/") else None
            )
            url = urls.page_url(page)
            if plan in names:
                out.items.append(FileItem(f, "narrative", url, names[plan]))
            else:
                out.items.append(FileItem(f, "page", url))
        elif f.path.startswith("data/sources/"):
            file = f.path.removeprefix("data/sources/")
            out.items.append(
                FileItem(
                    f,
                    "source",
                    sources=tuple(
                        (names[p], urls.page_url(urls.SOURCES + f"/{p}.md"))
                        for p in sources.get(file, [])
                        if p in names
                    ),
                )
            )
            if f.status != "A":
                out.edited_sources += 1
        elif _is_data_model(f.path):
            out.layout_only = True
        elif f.path.startswith(SITE_CODE):
            out.site_code += 1
    return out


# --- the report ----------------------------------------------------------------------------


def counts(changes: list[ch.Change]) -> list[tuple[str, str, int]]:
    """(kind, action, how many), in the order first met: a re-ordering counts its moves."""
    tally: Counter[tuple[str, str]] = Counter()
    for c in changes:
        tally[(c.kind, c.action)] += len(c.moves) if c.action == "reordered" else 1
    return [(kind, action, n) for (kind, action), n in tally.items()]


def build(repo: Path, base: str, head: str, site_url: str) -> Report:
    """The report: its parts as data, each rendered by the templates."""
    with tempfile.TemporaryDirectory() as tmp:
        old, base_problems = load(data_at(repo, base, Path(tmp)))
        head_dir = data_at(repo, head, Path(tmp))
        new, head_problems = load(head_dir)
        changes = ch.compare(old, new) if old and new else []
        added = [
            new_plan(new, new.plans[c.key], c.name, head_dir)
            for c in changes
            if c.kind == "plan" and c.action == "added"
        ]
    files = describe_files(changed_files(repo, base, head), [r for r in (new, old) if r])
    parts = [Part("title")]
    if head_problems:
        parts.append(Part("head-problems", head_problems, {"rev": head}))
    if files.edited_sources:
        parts.append(Part("edited-sources", data={"count": files.edited_sources}))
    if base_problems:
        parts.append(Part("base-problems", base_problems, {"rev": base}))
    elif changes:
        parts.append(
            Part("summary", data={"base": base, "head": head, "counts": counts(changes), "files": len(files.items)})
        )
    elif not head_problems:
        parts.append(Part("unchanged", data={"base": base, "head": head, "files": files}))
    status_changes = [c for c in changes if c.progress]
    if status_changes:
        parts.append(Part("progress", status_changes))
    groups: dict[str | None, list[ch.Change]] = {}  # by plan; None: the reference data
    for c in changes:
        if not (c.action == "changed" and c.progress and not c.fields):  # told once, under "Cập nhật tiến độ"
            groups.setdefault(c.plan or None, []).append(c)
    parts += [Part("group", items, {"title": title}) for title, items in groups.items()]
    for plan in added:  # what a reviewer checks in a new plan: its rows, the guesses, the review list
        parts.append(Part("new-plan", plan.review, {"plan": plan}))
        for kind, rows in (("new-tasks", plan.tasks), ("new-indicators", plan.indicators)):
            if rows:  # a Markdown table: its header is the first item, so a cut keeps it
                parts.append(Part(kind, [TABLE_HEADER, *rows], {"plan": plan}))
    if files.items:
        parts.append(Part("files", files.items))
    if files.site_code and (changes or files.items or head_problems or base_problems):
        parts.append(Part("site-code", data={"count": files.site_code}))
    parts.append(Part("footer"))
    templates = Templates(site_url)
    return Report(templates, [templates.piece(p) for p in parts])


def report(repo: Path, base: str, head: str, site_url: str) -> str:
    return build(repo, base, head, site_url).text()
