"""The index as the pre-commit hook reads it: the files the staged changes touch are known
at once, and every file is listed only when a run asks for one of the others.

Listing the index (`git ls-files`, 12,000 blob ids on the benchmark repository) took
a tenth of a hook run and grows with the repository, while the hook has already asked
git what the index changes since HEAD. With the commit a record of the repository rules
was made on, one more diff of two commits (which skips the folders they share) tells
every file that differs from that commit: what the next run compares is what changed,
not the repository (see `engine.vouching`). A submodule's files can come or go with no
change git shows (a `git submodule update`), so a repository with one is always listed.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator, Mapping

from sop_lint.git.changes import Change
from sop_lint.git.runner import GitFailed
from sop_lint.git.trees import GitRepository

# A commit id as a record keeps it (SHA-1 or SHA-256): anything else is not handed to git.
_COMMIT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


class StagedIndex(Mapping[str, str]):
    """Blob id by path of every file under the SOP root in the index, as
    `GitRepository.index` lists them; `staged` is what the index changes since the commit
    `head` (None before the first commit). The blob id of a file those changes, or a
    diff `since` asked for, leave in the index is answered without listing it."""

    def __init__(self, repository: GitRepository, head: str | None, staged: list[Change]) -> None:
        self.repository, self.head, self.staged = repository, head, staged
        self._known = _blobs_after(staged)

    @functools.cached_property
    def _listed(self) -> Mapping[str, str]:
        return self.repository.index().blobs

    def __getitem__(self, path: str) -> str:
        known = self._known.get(path)
        return known if known is not None else self._listed[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._listed)

    def __len__(self) -> int:
        return len(self._listed)

    @property
    def without_submodules(self) -> bool:
        """Whether nothing read of this index so far held a submodule (see the module's docstring)."""
        return not self.repository.submodules_seen

    def since(self, base: str) -> list[Change] | None:
        """What the index changes since the commit `base`, file by file: a rename is a
        deletion and an addition, and a file changed back is no change. None when git
        cannot tell (no commit yet, `base` is gone or no commit id) or a submodule moved.
        What it learns of the index's blob ids answers later lookups."""
        if self.head is None or not _COMMIT_ID.fullmatch(base):
            return None
        try:
            committed = [] if base == self.head else self.repository.changes(base, self.head, renames=False)
        except GitFailed:
            return None
        if not self.without_submodules:
            return None
        net: dict[str, Change] = {}
        for change in (*_unpaired(committed), *_unpaired(self.staged)):
            earlier = net.get(change.path)
            if earlier is not None:  # what `base` held, then what the index holds
                change = dataclasses.replace(change, old_blob=earlier.old_blob, old_regular=earlier.old_regular)
            net[change.path] = change
        moved = [
            dataclasses.replace(change, status="A" if change.old_blob is None else "D" if change.new_blob is None else "M")
            for change in net.values()
            if (change.old_blob, change.old_regular) != (change.new_blob, change.new_regular)
        ]
        self._known.update(_blobs_after(moved))
        return moved


def _unpaired(changes: list[Change]) -> Iterator[Change]:
    """The changes with each rename as the deletion of the old path and the addition of the new."""
    for change in changes:
        if change.old_path is not None:
            yield dataclasses.replace(change, status="D", path=change.old_path, old_path=None, new_blob=None, new_regular=True)
            yield dataclasses.replace(change, status="A", old_path=None, old_blob=None, old_regular=True)
        else:
            yield change


def _blobs_after(changes: list[Change]) -> dict[str, str]:
    """The index's blob id of each regular file the changes leave."""
    return {change.path: change.new_blob for change in changes if change.new_blob is not None and change.new_regular}
