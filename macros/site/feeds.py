"""What changed in the data, commit by commit: the entries of the Atom feeds and of the
"Có gì mới" page.

The data commits of the git log (macros/site/history.py, read once per build) are replayed:
each version of data/ is taken from git in one `git cat-file --batch` call, loaded by the one
loader, and compared with the version before by the change model (macros/site/changes.py, the
same one the reviewers' change report uses). A commit gives at most one entry per plan and
kind: a plan added or removed, a progress update, a correction, a later document (lineage).
Entry ids come from the commit and the plan, so they stay the same from build to build.
Versions the current model cannot read (older formats) give no entries; without git history
there are none, and the page says so.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from macros.data import model as m
from macros.data import vocabulary as vocab
from macros.data.loader import load_registry
from macros.data.registry import Registry
from macros.site import changes as ch
from macros.site import urls
from macros.site.history import Commit, blobs
from macros.site.render import date_vi, jinja_environment

MAX_COMMITS = 30  # data commits replayed per build: each is one more load of data/
MAX_LINES = 12  # changes told in words per entry; the rest are counted
FEED_TEMPLATE = "feeds/atom.xml"
KINDS = ("plan-added", "lineage", "progress", "correction", "plan-removed")  # order within a commit
FEED_NAMESPACE = uuid.UUID("6f1f3c4e-57a0-4b2b-9c57-000000000057")  # the portal's entry ids


@dataclass(frozen=True)
class Entry:
    id: str  # urn:uuid:…, from commit, plan and kind
    kind: str  # one of KINDS
    plan_id: str
    plan_name: str
    provinces: tuple[str, ...]  # the plan's province and the one it merged into
    title: str
    when: dt.datetime
    page: str  # the page that changed (source path)
    anchor: str | None
    lines: tuple[str, ...]
    commit: str


@dataclass(frozen=True)
class History:
    available: bool  # False: no git history (a tarball)
    entries: tuple[Entry, ...] = ()  # newest first
    replayed: int = 0  # data versions compared
    unreadable: int = 0  # data versions the current model cannot read
    since: dt.datetime | None = None  # the oldest version compared against

    def for_plan(self, plan_id: str) -> list[Entry]:
        return [e for e in self.entries if e.plan_id == plan_id]

    def for_province(self, province_id: str) -> list[Entry]:
        return [e for e in self.entries if province_id in e.provinces]


NO_HISTORY = History(available=False)


def _is_data(path: str) -> bool:
    return path.startswith("data/") and not path.startswith("data/schema/")


def read_history(root: Path, log: list[Commit] | None, today: dt.date) -> History:
    """Replay the newest data commits of `log` (newest first); NO_HISTORY without a log."""
    if log is None:
        return NO_HISTORY
    states: list[tuple[Commit, dict[str, str]]] = []  # oldest first: data/ after each data commit
    state: dict[str, str] = {}
    for commit in reversed(log):
        data = {p: b for p, b in commit.files.items() if _is_data(p)}
        if not data:
            continue
        for path, blob in data.items():
            if blob is None:
                state.pop(path, None)
            else:
                state[path] = blob
        states.append((commit, dict(state)))
    window = states[-(MAX_COMMITS + 1) :]  # the first is the baseline
    if len(window) < 2:
        return History(True, since=window[0][0].when if window else None)
    contents = blobs(root, sorted({b for _, files in window for b in files.values()}))
    registries = _load_all([files for _, files in window], contents, today)
    entries: list[Entry] = []
    pairs = [
        (commit, old, new)
        for (commit, _), old, new in zip(window[1:], registries, registries[1:], strict=False)
        if old is not None and new is not None
    ]
    for commit, old, new in pairs:
        if old is not new:
            try:
                entries += entries_for(commit, old, new)
            except Exception:  # noqa: BLE001 - history never stops a build; that commit gives no entry
                continue
    readable = [commit for (commit, _), reg in zip(window, registries, strict=True) if reg is not None]
    return History(
        True,
        tuple(reversed(entries)),
        replayed=len(pairs),
        unreadable=len(window) - len(readable),  # the oldest versions, when any
        since=readable[0].when if readable else None,
    )


def _load_all(versions: list[dict[str, str]], contents: dict[str, bytes], today: dt.date) -> list[Registry | None]:
    """Each version of data/ loaded, newest first back to the first one the current model
    cannot read (an older format: it and the older ones are None). A version whose YAML did
    not change (only source texts) is the same registry as the next one."""
    out: list[Registry | None] = [None] * len(versions)
    memo: dict = {}  # files unchanged between versions are parsed once
    newer: tuple[dict[str, str], Registry] | None = None
    with tempfile.TemporaryDirectory(prefix="gp-history-") as tmp:
        for i in range(len(versions) - 1, -1, -1):
            files = versions[i]
            yml = {p: b for p, b in files.items() if p.endswith(".yml")}
            if newer is not None and yml == newer[0]:
                out[i] = newer[1]
                continue
            folder = Path(tmp) / str(i)
            for path, blob in files.items():
                target = folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(contents.get(blob, b""))
            try:
                out[i] = load_registry(folder / "data", root=folder, today=today, memo=memo)
            except Exception:  # noqa: BLE001 - an older format the model no longer reads
                break
            newer = (yml, out[i])
    return out


# --- one commit's entries --------------------------------------------------------------


def entry_id(commit: str, plan_id: str, kind: str) -> str:
    return f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, f'{commit}/{plan_id}/{kind}')}"


@dataclass
class _Draft:
    kind: str
    plan_id: str
    lines: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    count: int = 0


def entries_for(commit: Commit, old: Registry, new: Registry) -> list[Entry]:
    """The entries of one commit: the change model's changes grouped by plan and kind."""
    drafts: dict[tuple[str, str], _Draft] = {}

    def draft(kind: str, plan_id: str) -> _Draft:
        return drafts.setdefault((plan_id, kind), _Draft(kind, plan_id))

    for change in ch.compare(old, new):
        if change.kind == "lineage":
            for plan_id in _lineage_plans(change.key, new) or _lineage_plans(change.key, old):
                d = draft("lineage", plan_id)
                d.count += 1
                d.lines.append(_lineage_line(change, new))
                d.anchors.append("van-ban-sau")
            continue
        if change.plan_id is None:
            continue  # reference lists (agencies, topics, …): not a plan's change
        if change.kind == "plan" and change.action in ("added", "removed"):
            d = draft("plan-added" if change.action == "added" else "plan-removed", change.plan_id)
            d.count += 1
            d.lines += [f"{label}: {value}" for label, value in change.details]
            continue
        if change.progress:
            d = draft("progress", change.plan_id)
            d.count += 1
            d.lines += _progress_lines(change)
            d.anchors.append(change.key)
        if change.fields or change.moves:
            d = draft("correction", change.plan_id)
            d.count += 1
            d.lines += _correction_lines(change)
            d.anchors.append(change.key if change.kind in ("task", "indicator") else "")
    return [
        _entry(commit, d, new, old) for d in sorted(drafts.values(), key=lambda d: (KINDS.index(d.kind), d.plan_id))
    ]


def _lineage_plans(doc_id: str, reg: Registry) -> list[str]:
    doc = next((d for d in reg.lineage if d.id == doc_id), None)
    if doc is None:
        return []
    return [p.id for p in reg.plans.values() if any(d.id == doc_id for d, _ in reg.lineage_of(p))]


def _lineage_line(change: ch.Change, reg: Registry) -> str:
    doc = next((d for d in reg.lineage if d.id == change.key), None)
    if change.action == "removed" or doc is None:
        return f"Bỏ ghi nhận văn bản: {change.name}"
    number = f" ({doc.number})" if doc.number else ""
    verb = "Ghi nhận văn bản ban hành sau" if change.action == "added" else "Sửa thông tin văn bản ban hành sau"
    return f"{verb}: {doc.title}{number}, {doc.issuer}. Nguồn: {doc.source.title}"


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _progress_lines(change: ch.Change) -> list[str]:
    name = _short(change.name, 90)
    lines = [f"{name}: {vocab.STATUS_BY_VALUE.get(u.status.value, '') if u.status else 'Cập nhật'} ngày "
             f"{date_vi(u.date)} – {_short(u.note)}" for u in change.new_updates]  # fmt: skip
    if change.status and not change.new_updates:
        lines.append(f"{name}: tình trạng {change.status[0]} → {change.status[1]}")
    lines += [f"{name}: bỏ cập nhật ngày {date_vi(u.date)}" for u in change.removed_updates]
    return lines


def _correction_lines(change: ch.Change) -> list[str]:
    label = ch.KIND_LABELS.get(change.kind, change.kind)
    if change.action == "reordered":
        return [f"Thứ tự {label.lower()} thay đổi ({len(change.moves)} mục đổi chỗ)"]
    if change.kind == "plan":
        head = "Thông tin kế hoạch"
    else:
        head = f"{label} {_short(change.name, 80)}"
    if change.action == "added":
        return [f"Thêm {label.lower()}: {_short(change.name)}"]
    if change.action == "removed":
        return [f"Bỏ {label.lower()}: {_short(change.name)}"]
    return [f"{head} – {f.label}: “{_short(f.old, 60)}” → “{_short(f.new, 60)}”" for f in change.fields]


TITLES = {
    "plan-added": "Thêm kế hoạch",
    "plan-removed": "Gỡ kế hoạch",
    "progress": "Cập nhật tiến độ",
    "correction": "Sửa dữ liệu",
    "lineage": "Văn bản ban hành sau",
}


def _entry(commit: Commit, d: _Draft, new: Registry, old: Registry) -> Entry:
    reg = new if d.plan_id in new.plans else old
    plan = reg.plans[d.plan_id]
    name = ch.plan_name(reg, plan)
    current = reg.current_province(plan.province).id
    provinces = tuple(dict.fromkeys([plan.province, current]))
    count = ""
    if d.kind == "progress":
        count = f" {d.count} nhiệm vụ"
    elif d.kind == "correction":
        count = f" ({d.count} mục)"
    lines = d.lines[:MAX_LINES]
    if len(d.lines) > MAX_LINES:
        lines.append(f"… và {len(d.lines) - MAX_LINES} thay đổi khác")
    anchors = [a for a in dict.fromkeys(d.anchors) if a]
    removed = d.kind == "plan-removed"
    return Entry(
        id=entry_id(commit.sha, d.plan_id, d.kind),
        kind=d.kind,
        plan_id=d.plan_id,
        plan_name=name,
        provinces=provinces,
        title=f"{TITLES[d.kind]}{count} – {name}",
        when=commit.when,
        page=urls.index(urls.PLANS) if removed else urls.plan(d.plan_id),
        anchor=anchors[0] if len(anchors) == 1 and not removed else None,
        lines=tuple(lines),
        commit=commit.sha,
    )


# --- the Atom files ---------------------------------------------------------------------


@dataclass(frozen=True)
class Feed:
    uri: str  # where it is published (site path)
    title: str
    page: str  # the page it follows (source path)
    entries: list[Entry]


def feeds(history: History, reg: Registry, provinces: Iterable[m.Province], names: dict[str, str]) -> list[Feed]:
    """The site-wide feed, one per plan and one per province shown."""
    out = [Feed(urls.feed(), "Cổng Kế hoạch 57: thay đổi dữ liệu", urls.CHANGES, list(history.entries))]
    out += [
        Feed(urls.feed(urls.PLANS, p.id), f"Thay đổi: {names[p.id]}", urls.plan(p.id), history.for_plan(p.id))
        for p in reg.plans.values()
    ]
    out += [
        Feed(urls.feed(urls.PROVINCES, p.id), f"Thay đổi: các kế hoạch của {p.name}", urls.province(p.id),
             history.for_province(p.id))
        for p in provinces
    ]  # fmt: skip
    return out


def feed_template(templates: Path) -> jinja2.Template:
    """The feeds' auto-escaping template, compiled once for all the feeds of a build (an
    environment per feed was a third of a second of a national build)."""
    return jinja_environment(templates, autoescape=True).get_template(FEED_TEMPLATE)


def atom(feed: Feed, site_url: str, template: jinja2.Template, updated: dt.datetime) -> bytes:
    """One feed as Atom XML (RFC 4287), rendered by `template` (feed_template)."""
    base = site_url.rstrip("/") + "/" if site_url else "/"

    def absolute(src: str, anchor: str | None = None) -> str:
        return base + urls.page_url(src) + (f"#{anchor}" if anchor else "")

    text = template.render(
        feed=feed,
        feed_url=base + feed.uri,
        feed_id=f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, feed.uri)}",
        page_url=absolute(feed.page),
        updated=max((e.when for e in feed.entries), default=updated),
        absolute=absolute,
    )
    return text.encode("utf-8")
