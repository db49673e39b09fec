"""Rebuilding a site folder in place instead of emptying it first.

MkDocs empties the site folder before a build and writes every file anew. On ext4 a file
created right after thousands were deleted is slow to place (the file system skips the
recently freed entries when it looks for a free one): at national size that was a fifth
of a build's CPU time, in the kernel. Writing over the files of the last build keeps them
in place. The folder still ends as a clean build leaves it: what this build did not write
is removed at its end, and a folder standing where this build writes a file (or a file
where it needs a folder) is removed before anything is written.

Plain Python; macros/hooks.py decides when (only `mkdocs build` without --dirty).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable
from pathlib import Path


class SiteFolder:
    """`take_stock()` where MkDocs would empty the folder, `make_room(paths)` before the
    first file is written, `remove_stale()` once the last one is."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.before: dict[str, int] = {}  # path -> modification time (ns) of each file found there

    def entries(self) -> Iterable[os.DirEntry[str]]:
        """The folder's files, as MkDocs' clean sees them: hidden entries at its top kept."""
        if not self.root.is_dir():
            return
        stack = [entry for entry in os.scandir(self.root) if not entry.name.startswith(".")]
        while stack:
            entry = stack.pop()
            if entry.is_dir(follow_symlinks=False):
                stack.extend(os.scandir(entry.path))
            else:
                yield entry

    def take_stock(self) -> None:
        self.before = {entry.path: entry.stat(follow_symlinks=False).st_mtime_ns for entry in self.entries()}

    def make_room(self, paths: Iterable[str]) -> None:
        """What stands where this build writes goes now, as a clean build would have it: a
        folder or a link at a file's path, a file or a link at a folder's (a link would send
        the write outside the site folder)."""
        root = str(self.root)
        parents: set[str] = set()
        for path in paths:
            if os.path.islink(path):
                os.unlink(path)
            elif os.path.isdir(path):
                shutil.rmtree(path)
            parent = os.path.dirname(path)
            while parent not in parents and len(parent) > len(root):
                parents.add(parent)
                parent = os.path.dirname(parent)
        for parent in sorted(parents, key=len):  # the outermost first
            if os.path.islink(parent) or (os.path.lexists(parent) and not os.path.isdir(parent)):
                os.unlink(parent)

    def remove_stale(self) -> int:
        """Files not written since take_stock() (their time unchanged) go, then the folders
        left empty; returns how many files went."""
        removed = 0
        for path, mtime in self.before.items():
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):  # gone with make_room()
                if os.lstat(path).st_mtime_ns == mtime:
                    os.unlink(path)
                    removed += 1
        self.before = {}
        folders = []
        for folder, subfolders, _ in os.walk(self.root):
            if folder == str(self.root):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            else:
                folders.append(folder)
        for folder in reversed(folders):  # the deepest first
            with contextlib.suppress(OSError):  # not empty: kept
                os.rmdir(folder)
        return removed
