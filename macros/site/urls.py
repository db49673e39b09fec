"""Where every page lives: the only place page paths and links are spelled.

Paths are MkDocs source paths (`ke-hoach/<id>.md`); with directory URLs a page is
served at `ke-hoach/<id>/`. Slugs are ASCII (ids are slugs already). Links between
generated pages are relative, so the site works under any base path (previews).
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from macros.data.model import Plan
from macros.data.registry import Agency

PLANS = "ke-hoach"
PROVINCES = "tinh"
AGENCIES = "co-quan"
KINDS = "co-quan/loai"
TOPICS = "chu-de"
SOURCES = "van-ban"
COMPARE = "so-sanh.md"
EXPLORER = "tra-cuu.md"
OPEN_DATA = "du-lieu.md"
DATA = "du-lieu"  # the open-data files
CALENDARS = "lich"
EVERYTHING = "tat-ca.md"  # the calendar of every task: lich/tat-ca.ics
HOME = "index.md"
CHANGES = "co-gi-moi.md"  # what changed in the data, in words; the Atom feeds sit in its folder
FEEDS = "co-gi-moi"


def feed(scope: str = "", key: str = "") -> str:
    """An Atom feed: the whole site (''), one plan ('ke-hoach', id) or one province ('tinh', id)."""
    return f"{FEEDS}/{scope}/{key}.xml" if scope else f"{FEEDS}/atom.xml"


def plan(plan_id: str) -> str:
    return f"{PLANS}/{plan_id}.md"


def province(province_id: str) -> str:
    return f"{PROVINCES}/{province_id}.md"


def agency(agency: Agency) -> str:
    return f"{AGENCIES}/{agency.province.id}/{agency.kind.id}.md"


def kind(kind_id: str) -> str:
    return f"{KINDS}/{kind_id}.md"


def topic(topic_id: str) -> str:
    return f"{TOPICS}/{topic_id}.md"


def source(plan: Plan) -> str:
    return f"{SOURCES}/{plan.id}.md"


def data_file(name: str) -> str:
    """An open-data file (du-lieu/<name>), beside the open-data page."""
    return f"{DATA}/{name}"


def raw_source(file: str) -> str:
    """A source text offered for download byte for byte."""
    return data_file(f"van-ban/{file}")


def plan_data(plan_id: str, name: str) -> str:
    """One plan's own table (du-lieu/ke-hoach/<id>/<name>)."""
    return data_file(f"{PLANS}/{plan_id}/{name}")


def schema_file(name: str) -> str:
    """An editors' JSON Schema, published as in data/schema/."""
    return data_file(f"luoc-do/{name}")


def calendar(src_uri: str) -> str:
    """The ICS calendar of a page's tasks, at the page's path under lich/:
    'ke-hoach/x.md' -> 'lich/ke-hoach/x.ics'."""
    return f"{CALENDARS}/{src_uri.removesuffix('.md')}.ics"


def webcal(site_url: str, uri: str) -> str | None:
    """The subscribe address (webcal://) of a file on the published site; None without a site URL."""
    if not site_url.startswith(("https://", "http://")):
        return None
    return "webcal://" + site_url.split("://", 1)[1].rstrip("/") + "/" + uri


def absolute(site_url: str, src_uri: str, anchor: str | None = None) -> str:
    """A page's full address on the published site (relative to the root without a site URL)."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    return base + page_url(src_uri) + (f"#{anchor}" if anchor else "")


def index(section: str) -> str:
    return f"{section}/index.md"


def page_url(src_uri: str) -> str:
    """Directory URL of a source path: 'ke-hoach/x.md' -> 'ke-hoach/x/', 'index.md' -> ''."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """Relative link from one page (or asset) to another, as a browser resolves it."""
    if from_src == to_src and anchor:
        return f"#{anchor}"
    return _relative(from_src, to_src) + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=1 << 16)
def _relative(from_src: str, to_src: str) -> str:
    """Cached: a national build links tens of thousands of times among a few thousand
    pairs of pages, and posixpath.relpath (which asks for the working folder) was a tenth
    of the build."""
    here = page_url(from_src)
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    target = page_url(to_src)
    is_dir = target == "" or target.endswith("/")
    relative = _relpath(target, base)
    return "./" if relative == "." else relative + ("/" if is_dir else "")


def _relpath(target: str, base: str) -> str:
    """posixpath.relpath(target or ".", base or ".") for two site paths, without asking the
    operating system for the working folder (a few thousand pairs in a national build)."""
    to, start = posixpath.normpath(target or "."), posixpath.normpath(base or ".")
    if to.startswith("..") or start.startswith("..") or to.startswith("/") or start.startswith("/"):
        return posixpath.relpath(target or ".", base or ".")
    to_parts = [p for p in to.split("/") if p and p != "."]
    start_parts = [p for p in start.split("/") if p and p != "."]
    common = 0
    for a, b in zip(to_parts, start_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + to_parts[common:]
    return "/".join(parts) or "."


def edit_uri(edit_path: str) -> str:
    """A repository path as MkDocs' per-page `edit_uri`, which is relative to the site's
    `edit_uri: edit/main/content/`: content files sit inside it, data files beside it."""
    return edit_path.removeprefix("content/") if edit_path.startswith("content/") else "../" + edit_path


@dataclass(frozen=True)
class Editor:
    """Links that open a repository file in its web editor (the repository is one setting)."""

    repo_url: str
    branch: str = "main"

    def file(self, path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/{path}"

    def line(self, path: str, line: int) -> str:
        """At the line where the host's editor can: github.dev opens VS Code at #L<line>."""
        repo = self.repo_url.rstrip("/")
        if repo.startswith("https://github.com/"):
            return f"https://github.dev/{repo.removeprefix('https://github.com/')}/blob/{self.branch}/{path}#L{line}"
        return self.file(path)
