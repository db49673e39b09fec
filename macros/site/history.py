"""When each data and content file last changed, from git history (one git call).

Pages show it ("cập nhật lần cuối") so a reader knows how fresh the data is. Outside a
git checkout (a tarball, a shallow CI clone without history) the dates are simply absent.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changed(root: Path, folders: tuple[str, ...] = ("data", "content")) -> dict[str, dt.date]:
    """Repository-relative path -> date of the last commit that touched it."""
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--", *folders],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, dt.date] = {}
    for entry in out.split("\x00")[1:]:
        lines = entry.strip().splitlines()
        if not lines:
            continue
        day = dt.date.fromisoformat(lines[0])
        for path in filter(None, lines[1:]):
            dates.setdefault(path, day)  # newest commit first
    return dates
