"""Two built sites compared file by file: what a speed-up must leave unchanged.

`site_diff(before, after)` lists the files only one site has and the files whose bytes
differ; gzip files (sitemap.xml.gz) are compared by their content, since gzip stamps
the time it wrote them. scripts/compare_sites.py is the command line.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteDiff:
    files: int  # files in `before`
    only_before: list[str]
    only_after: list[str]
    changed: list[str]

    @property
    def same(self) -> bool:
        return not (self.only_before or self.only_after or self.changed)


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def site_diff(before: Path, after: Path) -> SiteDiff:
    old, new = _files(before), _files(after)
    changed = sorted(f for f in old & new if _content(before / f) != _content(after / f))
    return SiteDiff(len(old), sorted(old - new), sorted(new - old), changed)
