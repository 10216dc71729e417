"""The history of files another repository holds: those of a submodule, or of a
repository cloned inside the one that holds the SOP root.

git keeps their history in their own repository; the outer one records at most a gitlink
(see `git.submodules`), and none of their commits. So each such file is judged by its own
repository's snapshot (see `git.history.SnapshotLoader`): its last change there, and the
`SOP-Reviewed` trailers of both repositories' commits (a review may be recorded in
either). A nested repository whose history cannot be read (a `.git` leading nowhere) is
left to the outer one, to which its files are uncommitted. See docs/decisions.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from sop_lint.git.history import History, Snapshot, SnapshotLoader
from sop_lint.git.runner import GitFailed


def nested_work_trees(root: Path, paths: Iterable[str]) -> list[str]:
    """The folders under `root` holding some of `paths` (relative, `/`-separated) that are
    work trees of their own (they have a `.git`, as a submodule's checkout does)."""
    folders = {path.rpartition("/")[0] for path in paths} - {""}  # string work: a warm run has 12,000 paths
    for folder in list(folders):
        while "/" in folder:
            folder = folder.rpartition("/")[0]
            folders.add(folder)
    return sorted(folder for folder in folders if os.path.lexists(os.path.join(root, folder, ".git")))


def history_across(
    snapshot: Snapshot, root: Path, blobs: dict[str, tuple[str, ...]], loader_for: Callable[[Path], SnapshotLoader]
) -> History:
    """`snapshot.history_of(blobs)`, with each file of a nested work tree judged by that
    work tree's own repository, whose snapshot `loader_for` its folder gives."""
    nested = nested_work_trees(root, blobs)
    if not nested:  # the usual case: one repository
        return snapshot.history_of(blobs)
    groups: dict[str, dict[str, tuple[str, ...]]] = {"": {}}
    for path, candidates in blobs.items():
        owner = max((folder for folder in nested if path.startswith(folder + "/")), key=len, default="")
        groups.setdefault(owner, {})[path] = candidates
    inners = {}
    for folder in [folder for folder in groups if folder]:
        try:
            inners[folder] = loader_for(root / folder).snapshot()
        except GitFailed:
            groups[""].update(groups.pop(folder))
    history = snapshot.history_of(groups.pop(""))
    for folder, files in groups.items():
        inner = inners[folder].history_of({path[len(folder) + 1 :]: ids for path, ids in files.items()})
        history.last_changes.update((f"{folder}/{path}", commit) for path, commit in inner.last_changes.items())
        history.uncommitted |= {f"{folder}/{path}" for path in inner.uncommitted}
        for identifier, commit in inner.reviews.items():
            known = history.reviews.get(identifier)
            if known is None or commit.date > known.date:
                history.reviews[identifier] = commit
    return history
