"""Revisions read from git objects: a commit's files, and what a change did to them.

Nothing is checked out and nothing is written: trees come from `git ls-tree`, contents
from `git cat-file`, changes from `git diff --raw`. This is what lets `sop-lint diff`
review a pull request, and the pre-commit hook see what the staged changes break, while
the work tree and the index stay exactly as they were. Paths are relative to the SOP
root, with `/` separators, like every other path in sop-lint.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sop_lint.git.changes import Change, parse_raw
from sop_lint.git.location import git_location, head_commit, object_format, object_id
from sop_lint.git.runner import (
    BlobReader,
    GitFailed,
    commit_of,
    git_at,
    missing_objects,
    read_blobs,
    rename_detection,
    run,
    without_git_variables,
)
from sop_lint.git.submodules import GITLINK, REGULAR_FILES, Submodules, tree_files


@dataclass(frozen=True)
class Revision:
    """A commit's files under the SOP root (path → blob id): what a `GitTree` source (see `engine.sources`) reads
    instead of the disk."""

    repository: GitRepository
    commit: str
    blobs: Mapping[str, str]

    @property
    def root(self) -> Path:
        """The SOP root on disk, whose files these are in the revision."""
        return self.repository.root

    def read(self, blob: str) -> bytes:
        return self.repository.read(blob)

    def read_all(self, blobs: list[str], max_bytes: int) -> list[bytes | int]:
        """Many blobs at once: one git process, however many; the size of each one over
        `max_bytes` instead of its content."""
        return self.repository.read_all(blobs, max_bytes)

    def reader(self, blob: str) -> Callable[[], bytes]:
        """Reads one blob's content when called (kept by a document for its positions)."""
        return functools.partial(self.repository.read, blob)


class GitRepository:
    """The git repository holding an SOP root, for reading its revisions. `may_hold` tells
    the folders under the root (as paths from it) where processes or SOPs may be: only
    submodules there are read."""

    def __init__(self, root: Path, may_hold: Callable[[str], bool] = lambda folder: True) -> None:
        location = git_location(root)
        if location is None:
            raise GitFailed(f"{root} is not inside a git work tree, so there are no revisions to compare")
        self.root, self.location = root, location
        self.work_tree = location.work_tree
        self.prefix = location.prefix_of(root)
        self.is_partial = location.is_partial
        self.is_shallow = (location.common_dir / "shallow").exists()
        self.object_format = object_format(location)
        self.git: Any = git_at(location.work_tree)
        self._reader = BlobReader(self.git)
        self._submodules = Submodules(self.git, self.work_tree, lambda path: may_hold(path.removeprefix(self.prefix)))
        # Whether the index listed or a diff held a submodule: its files may come or go with
        # no change git shows (a `git submodule update`), which `git.staged_index` relies on.
        self.submodules_seen = False

    def commit(self, ref: str) -> str:
        """The commit `ref` names, or an error that says the name is unknown."""
        with without_git_variables():
            commit = commit_of(self.git, ref)
        if commit is None:
            raise GitFailed(self._unknown(ref))
        return commit

    def _unknown(self, ref: str) -> str:
        """Why `ref` names no commit, with the branches there are (a tour's `--base main`
        in a repository whose first branch git named `master`)."""
        with without_git_variables():
            branches = run(self.git, "for-each-ref", "--format=%(refname:short)", "refs/heads").split()
        if not branches:
            return f"{self.work_tree} has no commit yet: commit the files first (`git add -A && git commit`)"
        listed = ", ".join(f"`{branch}`" for branch in branches[:5]) + (", …" if len(branches) > 5 else "")
        return f"`{ref}` names no commit in {self.work_tree}: fetch it, or check the spelling (branches here: {listed})"

    def head(self) -> str | None:
        """HEAD's commit, None before the first commit. Read from git's files where it can
        be: a git process costs the hook a few ms."""
        with without_git_variables():
            return head_commit(self.location) or commit_of(self.git, "HEAD")

    def merge_base(self, one: str, other: str) -> str:
        with without_git_variables():
            try:
                return run(self.git, "merge-base", one, other).strip()
            except GitFailed:
                what = (
                    " in this shallow clone: fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in GitHub Actions' checkout)"
                    if self.is_shallow
                    else ": compare with a commit of this branch's history, like the branch it will merge into"
                )
                raise GitFailed(f"{one[:12]} and {other[:12]} share no history{what}") from None

    def revision(self, commit: str) -> Revision:
        """Blob id of every regular file under the SOP root in `commit`, those of its
        submodules included (see `git.submodules`)."""
        with without_git_variables():
            output = run(self.git, "ls-tree", "-r", "-z", "--full-tree", commit, "--", self.prefix or ".")
            files = tree_files(output, self._submodules)
        return Revision(self, commit, {path.removeprefix(self.prefix): blob for path, blob in files.items()})

    def index(self) -> Revision:
        """The files under the SOP root as the index holds them: what the next commit
        records, whatever the work tree holds meanwhile (see `head_and_staged` on which
        index). Files in a merge conflict are left out until resolved, and so are those
        only meant to be added (see `_intended_only`)."""
        env = self._index_env()
        with without_git_variables():
            output = run(self.git, "ls-files", "-s", "-z", "--", self.prefix or ".", env=env)
        files, gitlinks = {}, {}
        for entry in filter(None, output.split("\0")):
            meta, _, path = entry.partition("\t")
            mode, blob, stage = meta.split()
            if mode in REGULAR_FILES and stage == "0":
                files[path.removeprefix(self.prefix)] = blob
            elif mode == GITLINK:
                self.submodules_seen = True
                if stage == "0":
                    gitlinks[path] = blob
        empty = object_id("blob", b"", self.object_format)
        suspects = [path for path, blob in files.items() if blob == empty]
        for path in self._intended_only(suspects, env) if suspects else ():
            del files[path]
        with without_git_variables():
            for path, commit in gitlinks.items():
                files.update((inner.removeprefix(self.prefix), blob) for inner, blob in self._submodules.files(path, commit).items())
        return Revision(self, "index", files)

    def outside_checkout(self) -> Revision:
        """The files under the SOP root that a sparse checkout leaves out of the work tree
        (git's skip-worktree entries): git counts the index's content as theirs."""
        with without_git_variables():
            output = run(self.git, "ls-files", "-s", "-v", "-z", "--", self.prefix or ".")
        files = {}
        for entry in filter(None, output.split("\0")):
            meta, _, path = entry.partition("\t")
            tag, mode, blob, stage = meta.split()
            if tag == "S" and mode in REGULAR_FILES and stage == "0":
                files[path.removeprefix(self.prefix)] = blob
        return Revision(self, "index", files)


    def missing(self, blobs: list[str]) -> set[str]:
        """The blobs a partial clone lacks (git would download them on demand)."""
        if not self.is_partial:
            return set()
        with without_git_variables():
            return missing_objects(self.git, blobs)


    def _intended_only(self, paths: list[str], env: dict[str, str] | None) -> set[str]:
        """Which of `paths`, all empty in the index, the next commit will not hold: the
        entries of `git add -N` (intent to add), which `ls-files` lists with the empty
        blob's id like an empty file, though they only remind git of a file to add. An
        empty file is in the commit when it is staged (`git diff --cached` shows it) or
        committed and left alone (in HEAD, and not shown); an intent to add never shows in
        `diff --cached`, or shows as the deletion of what HEAD had there."""
        literal = {**(env or {}), "GIT_LITERAL_PATHSPECS": "1"}  # a path with `*` is that path
        with without_git_variables():
            head = self.head()
            base = head or self._empty_tree
            work_paths = [self.prefix + path for path in paths]
            changes = self._changes("diff", "--cached", "--ita-invisible-in-index", base, paths=work_paths, env=literal)
            shown = {change.path: change.status for change in changes}
            unshown = [self.prefix + path for path in paths if path not in shown]
            in_head: set[str] = set()
            if unshown and head is not None:
                output = run(self.git, "ls-tree", "-z", "--name-only", "--full-tree", head, "--", *unshown, env=literal)
                in_head = {path.removeprefix(self.prefix) for path in filter(None, output.split("\0"))}
        return {path for path in paths if shown.get(path) == "D" or (path not in shown and path not in in_head)}


    def changes(self, base: str, head: str, *, renames: bool = True) -> list[Change]:
        """What `head` changed under the SOP root since `base`, with git's rename detection
        unless not `renames` (then a rename is a deletion and an addition)."""
        with without_git_variables():
            return self._changes("diff", base, head, renames=renames)

    def head_and_staged(self) -> tuple[str | None, list[Change]]:
        """HEAD's commit (None before the first) and what the index changes under the SOP
        root since. The index is the hook's: `git commit -a` and `git commit PATH` give
        hooks a temporary index in `GIT_INDEX_FILE`, and that is what will be committed."""
        env = self._index_env()
        with without_git_variables():
            head = self.head()
            return head, self._changes("diff", "--cached", "--ita-invisible-in-index", head or self._empty_tree, env=env)

    def uncommitted(self) -> list[str]:
        """The paths under the SOP root that the work tree or the index changes, tracked or
        not (what `diff`, which reads commits, leaves out)."""
        with without_git_variables():
            output = run(self.git, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", self.prefix or ".")
        # Each entry is `XY path`; paths are relative to the work tree root.
        return [entry[3:].removeprefix(self.prefix) for entry in output.split("\0") if len(entry) > 3]

    @property
    def _empty_tree(self) -> str:
        """What HEAD is compared as before the first commit (its id depends on the object format)."""
        return object_id("tree", b"", self.object_format)

    def _index_env(self) -> dict[str, str] | None:
        index = os.environ.get("GIT_INDEX_FILE")
        return {"GIT_INDEX_FILE": str(self.work_tree / index)} if index else None

    def _changes(self, *arguments: str, paths: list[str] | None = None, env: dict[str, str] | None = None, renames: bool = True) -> list[Change]:
        output = run(
            self.git, *arguments, "--raw", "-z", rename_detection(self.git) if renames else "--no-renames",
            "--no-abbrev", "--no-ext-diff", "--no-color",
            "--ignore-submodules=none", "--",  # a submodule's `ignore = all` hides its files' changes, not its files
            *(paths or [self.prefix or "."]), env=env,
        )
        changes = []
        for old_mode, new_mode, change in parse_raw(output, self.prefix):
            seen = GITLINK in (old_mode, new_mode)
            self.submodules_seen |= seen
            changes += self._inside(old_mode, new_mode, change) if seen else [change]
        return changes

    def _inside(self, old_mode: str, new_mode: str, change: Change) -> list[Change]:
        """A submodule moved to another commit (or added, removed, or put where a file
        was): the changes of the files it holds, each added, modified or deleted (a rename
        inside a submodule is a deletion and an addition)."""
        sides = []
        for mode, path, blob in ((old_mode, change.old_path or change.path, change.old_blob), (new_mode, change.path, change.new_blob)):
            files = {}
            if blob is not None and mode == GITLINK:
                files = self._submodules.files(self.prefix + path, blob)
            elif blob is not None and mode in REGULAR_FILES:
                files = {self.prefix + path: blob}
            sides.append({path.removeprefix(self.prefix): blob for path, blob in files.items()})
        before, after = sides
        return [
            Change("A" if path not in before else "D" if path not in after else "M", path, None, before.get(path), after.get(path))
            for path in sorted(before.keys() | after.keys())
            if before.get(path) != after.get(path)
        ]

    def read(self, blob: str) -> bytes:
        with without_git_variables():
            return self._reader.read(blob, self._submodules.env())

    def read_all(self, blobs: list[str], max_bytes: int) -> list[bytes | int]:
        if not blobs:
            return []
        with without_git_variables():
            return read_blobs(self.git, blobs, max_bytes, self._submodules.env())

    @property
    def notes(self) -> tuple[str, ...]:
        """What could not be read (a submodule's files), for the run's notes."""
        return tuple(self._submodules.notes)

    def close(self) -> None:
        """Ends the `git cat-file` process that reads blobs one at a time (a later read
        starts another)."""
        self._reader.close()
