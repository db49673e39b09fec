"""Which repository the edit links open: REPO_URL when set (CI sets it), otherwise the
repository this clone came from (`git remote origin`), so that a local build of a fork
links to the fork, not to the project's default repository in mkdocs.yml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from macros.site.history import git_output

# git@github.com:owner/repo.git, ssh://git@host/owner/repo, https://user:token@host/owner/repo.git
_SCP = re.compile(r"^(?:[\w.-]+@)?([\w.-]+):(?!//)(.+)$")
_URL = re.compile(r"^(?:https?|ssh|git)://(?:[^@/]+@)?([^/:]+)(?::\d+)?/(.+)$")


def web_url(remote: str) -> str | None:
    """The https address of a git remote ("git@github.com:a/b.git" → "https://github.com/a/b");
    None for a local path or anything else without a host. Credentials are dropped."""
    remote = remote.strip()
    match = _URL.match(remote) or (_SCP.match(remote) if "://" not in remote else None)
    if match is None:
        return None
    host, path = match.groups()
    path = path.strip("/").removesuffix(".git").strip("/")
    if not path or "." not in host and host != "localhost":
        return None
    return f"https://{host}/{path}"


def origin_url(root: Path) -> str | None:
    out = git_output(root, ["remote", "get-url", "origin"], timeout=10)
    return web_url(out) if out is not None else None


def repo_url(configured: str | None, root: Path, environ: Mapping[str, str]) -> str | None:
    """REPO_URL when set (mkdocs.yml reads it into `configured`); else the clone's origin; else `configured`."""
    if environ.get("REPO_URL"):
        return configured
    return origin_url(root) or configured
