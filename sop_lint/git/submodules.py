"""The files a submodule holds, read from git objects as the work tree shows them.

A commit, or the index, records a submodule as one entry: a gitlink (mode 160000) naming
a commit of another repository. The SOPs in it are files of that repository, so they are
read from the submodule's clone, at the commit the gitlink records (what `git submodule
update` checks out, and what a check of the work tree reads): its object store is lent
to this repository's git as an alternate for the calls that read objects, and nothing is
written. A submodule that is not checked out has no files, here as in the work tree
(see docs/decisions.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sop_lint.git.location import git_location
from sop_lint.git.runner import GitFailed, run

GITLINK = "160000"
REGULAR_FILES = ("100644", "100755")


class Submodules:
    """The object stores of the submodules met so far in one repository's trees, and
    `notes` on those whose files could not be read. Only submodules where `wanted` says
    processes or SOPs may be (a path from the work tree's root) are read."""

    def __init__(self, git: Any, work_tree: Path, wanted: Callable[[str], bool]) -> None:
        self.git = git
        self.work_tree = work_tree
        self.wanted = wanted
        self.stores: list[str] = []
        self.notes: list[str] = []

    def env(self) -> dict[str, str] | None:
        """What a git call that reads objects needs to reach the submodules' objects too."""
        return {"GIT_ALTERNATE_OBJECT_DIRECTORIES": os.pathsep.join(map(_quoted, self.stores))} if self.stores else None

    def files(self, path: str, commit: str) -> dict[str, str]:
        """Blob id of every regular file of the submodule at `path` (from the work tree's
        root) at `commit`, by path from the work tree's root; none when the submodule is
        not checked out or its clone lacks that commit (`git submodule update` fetches it)."""
        if not self.wanted(path):
            return {}
        folder = self.work_tree / path
        location = git_location(folder)
        if location is None or location.work_tree.resolve() != folder.resolve() or not (location.common_dir / "objects").is_dir():
            self._note(f"{path} is a submodule that is not checked out, so the files in it are not checked: run `git submodule update --init`")
            return {}
        store = str(location.common_dir / "objects")
        if store not in self.stores:
            self.stores.append(store)
        try:
            output = run(self.git, "ls-tree", "-r", "-z", "--full-tree", commit, env=self.env())
        except GitFailed:
            self._note(
                f"the submodule {path} lacks its commit {commit[:12]}, so its files in that revision are not checked: "
                "fetch it with `git submodule update` (in CI, check out submodules with their history)"
            )
            return {}
        return tree_files(output, self, inside=path + "/")

    def _note(self, note: str) -> None:
        if note not in self.notes:
            self.notes.append(note)


def tree_files(output: str, submodules: Submodules, inside: str = "") -> dict[str, str]:
    """Blob id by path of each regular file `git ls-tree -r -z` lists, and of each file in
    the submodules it lists. Links are left out: in git a link's content is where it
    points, not a file to check."""
    files = {}
    for entry in filter(None, output.split("\0")):
        meta, _, path = entry.partition("\t")
        mode, _, blob = meta.split()
        if mode in REGULAR_FILES:
            files[inside + path] = blob
        elif mode == GITLINK:
            files.update(submodules.files(inside + path, blob))
    return files


def _quoted(path: str) -> str:
    """A path as `GIT_ALTERNATE_OBJECT_DIRECTORIES` reads it: C-quoted if it holds the
    separator or starts with a quote."""
    if os.pathsep not in path and not path.startswith('"'):
        return path
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'
