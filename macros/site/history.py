"""The history of data/ and content/ from git: one `git log` per build.

Pages show when their files last changed ("cập nhật lần cuối"), and the change feeds
(macros/site/feeds.py) replay the data commits. Outside a git checkout (a tarball, a shallow
CI clone without history) there is no log: dates are absent and the feeds say so.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

FOLDERS = ("data", "content")


@dataclass(frozen=True)
class Commit:
    sha: str
    when: dt.datetime  # committer date, with its offset
    subject: str
    files: dict[str, str | None]  # repository path -> blob id after the commit (None: deleted)


def git_output(root: Path, args: list[str], *, timeout: float) -> str | None:
    """What `git -C root <args>` prints; None when git, the repository or the command fails."""
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=timeout, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def read_log(root: Path, folders: tuple[str, ...] = FOLDERS) -> list[Commit] | None:
    """The commits that touched `folders` along the first-parent line, newest first; None
    when there is no git history to read."""
    out = git_output(
        root,
        ["-c", "core.quotepath=off", "log", "--first-parent", "--diff-merges=first-parent",
         "--format=%x00%H%x09%cI%x09%s", "--raw", "--no-abbrev", "--no-renames", "--", *folders],
        timeout=60,
    )  # fmt: skip
    if out is None:
        return None
    commits = []
    for entry in out.split("\x00")[1:]:
        lines = entry.strip("\n").splitlines()
        if not lines:
            continue
        sha, when, subject = (lines[0].split("\t", 2) + ["", ""])[:3]
        files: dict[str, str | None] = {}
        for line in lines[1:]:
            if not line.startswith(":") or "\t" not in line:
                continue
            meta, path = line.split("\t", 1)
            parts = meta.split()
            files[path] = None if parts[4].startswith("D") else parts[3]
        commits.append(Commit(sha, dt.datetime.fromisoformat(when), subject, files))
    return commits


def last_changed_in(log: list[Commit] | None) -> dict[str, dt.date]:
    """Repository-relative path -> date of the last commit that touched it."""
    dates: dict[str, dt.date] = {}
    for commit in log or ():
        for path in commit.files:
            dates.setdefault(path, commit.when.date())  # newest commit first
    return dates


def last_changed(root: Path, folders: tuple[str, ...] = FOLDERS) -> dict[str, dt.date]:
    return last_changed_in(read_log(root, folders))


def blobs(root: Path, ids: list[str]) -> dict[str, bytes]:
    """The contents of these blobs, in one `git cat-file --batch` call."""
    if not ids:
        return {}
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "cat-file", "--batch"],
            input="\n".join(ids).encode() + b"\n",
            capture_output=True,
            timeout=120,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, bytes] = {}
    at = 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) < 3:  # "<id> missing"
            continue
        size = int(header[2])
        found[header[0].decode()] = out[at : at + size]
        at += size + 1
    return found
