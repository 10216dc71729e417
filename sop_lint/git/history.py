"""What git knows about each file under the SOP root.

History is read in one pass: a single `git log --name-status -M` streamed from newest
to oldest (never one `git log` per file, never GitPython's per-commit objects), kept in a
snapshot of HEAD so that later runs read only new commits, or none. From it come, per file, the last commit
that changed its content (following renames; a rename alone is not a change, nor is a
commit listed in `.git-blame-ignore-revs`, nor one with an `SOP-Renamed` trailer, which
`sop-lint rename` asks for the ids it edits), and per SOP id, the last commit whose
message carries an `SOP-Reviewed: <id>` trailer. The log is read, field by field and
trusting none, by `sop_lint.git.log`; a commit it cannot read is left out, and said so.

Git runs through `sop_lint.git.runner`.
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from sop_lint import __version__
from sop_lint.config.settings import default_max_file_size
from sop_lint.git.location import git_location, head_commit
from sop_lint.git.log import Commit, Unreadable, log_records
from sop_lint.git.runner import (
    GitFailed,
    git_at,
    head,
    run,
    succeeds,
    without_git_variables,
)
from sop_lint.git.split_log import whole_log
from sop_lint.plain_store import load_plain, save_plain
from sop_lint.reading.documents import LoadProblem
from sop_lint.reading.files import read_auxiliary

_SHALLOW = (
    "this is a shallow clone, so every file would look last changed by its oldest commit: "
    "fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in GitHub Actions' "
    "checkout) or pass --allow-shallow"
)


class NoHistory(GitFailed):
    """History cannot be read: not a git work tree or a shallow clone. (A git that fails
    while reading raises its base class.)"""


@dataclass
class History:
    """Paths are relative to the SOP root, with `/` separators. `created` is the commit
    that added each file (under its first name). `unreadable` are the commits left out
    because git's record of them cannot be read (see `git.log`)."""

    work_tree: Path
    last_changes: dict[str, Commit] = field(default_factory=dict)
    created: dict[str, Commit] = field(default_factory=dict)
    reviews: dict[str, Commit] = field(default_factory=dict)
    uncommitted: set[str] = field(default_factory=set)
    unreadable: list[Unreadable] = field(default_factory=list)


def _ignored_revisions(work_tree: Path) -> set[str]:
    """Commits listed in `.git-blame-ignore-revs` (mass reformatting) are not changes."""
    raw = read_auxiliary(work_tree, ".git-blame-ignore-revs", default_max_file_size())
    if isinstance(raw, LoadProblem):
        return set()
    text = raw.decode("utf-8", errors="replace")
    return {line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip()}


def _read_log(  # type: ignore[no-untyped-def]
    git, wanted: dict[str, str], ignored: set[str], history: History, since: str | None = None, *, split: bool = False
) -> tuple[dict[str, str], dict[str, Commit]]:
    """Newest first: `names` maps every name a wanted file had (as seen so far, going back
    in time) to the file, so renames are followed with no second pass. With `since`, only
    commits after it are read. Returns each file's name at `since`, and the newest commit
    that touched each file at all (see `_fill_untouched`).

    The log is one line through a history that branches. When a side branch renamed `a`
    to `b` while the main line still edited `a`, the main line's edit is met before the
    (older) rename: it is kept as an orphan under `a` and goes to `b` once the rename
    shows that `a` became `b`.
    """
    names = dict(wanted)
    earliest = {path: work_path for work_path, path in wanted.items()}
    orphans: dict[str, Commit] = {}
    touched: dict[str, Commit] = {}
    for read, reviewed, entries, renames in whole_log(git) if split and since is None else log_records(git, since):
        commit: Commit | None = None
        if isinstance(read, Unreadable):  # its renames are followed all the same
            history.unreadable.append(read)
        else:
            commit = read
            for identifier in reviewed:
                _keep_latest(history.reviews, identifier, commit)
        counts = commit is not None and commit.id not in ignored and not renames
        for status, *paths in entries:
            if status.startswith("D"):
                continue
            if status.startswith("R"):
                old, target = paths
                if target in names:
                    names[old] = names[target]
                    earliest[names[target]] = old
                    if old in orphans:
                        _keep_latest(history.last_changes, names[target], orphans.pop(old))
                changed = counts and status != "R100"  # R100: renamed, content untouched
            else:
                target = paths[-1]  # a copy's target is its new path
                changed = counts
            if commit is None:
                continue
            owner = names.get(target)
            if owner is not None:
                _keep_latest(touched, owner, commit)
                if changed:
                    _keep_latest(history.last_changes, owner, commit)
                if status.startswith(("A", "C")):
                    _keep_earliest(history.created, owner, commit)
            elif changed:
                _keep_latest(orphans, target, commit)
    return earliest, touched


def _fill_untouched(history: History, touched: dict[str, Commit]) -> None:
    """A file whose every change is ignored (or that only ever moved) takes the newest
    commit that touched it, so that a committed file always has a last change."""
    for path, commit in touched.items():
        history.last_changes.setdefault(path, commit)


def _keep_latest(table: dict[str, Commit], key: str, commit: Commit) -> None:
    """Log order is not date order across merged branches, so dates decide."""
    known = table.get(key)
    if known is None or commit.date > known.date:
        table[key] = commit


def _keep_earliest(table: dict[str, Commit], key: str, commit: Commit) -> None:
    known = table.get(key)
    if known is None or commit.date < known.date:
        table[key] = commit


SNAPSHOT_FORMAT = 5  # 2: dates in UTC, unreadable commits; 3: when each file was added; 4: JSON; 5: `SOP-Renamed` commits


class Snapshot(NamedTuple):
    """What git says about every file under an SOP root at HEAD (see `SnapshotLoader`)."""

    work_tree: Path
    prefix: str
    record: dict[str, Any]

    def history_of(self, blobs: dict[str, tuple[str, ...]]) -> History:
        """The history of the files in `blobs` (path under the SOP root → the blob ids its
        content may have in git); a file is uncommitted when HEAD's blob is none of them."""
        history = History(work_tree=self.work_tree)
        for path, candidates in blobs.items():
            work_path = self.prefix + path
            if work_path in self.record["changes"]:
                history.last_changes[path] = _commit(self.record["changes"][work_path])
            if work_path in self.record["created"]:
                history.created[path] = _commit(self.record["created"][work_path])
            if self.record["tree"].get(work_path) not in candidates:
                history.uncommitted.add(path)
        history.reviews = {identifier: _commit(record) for identifier, record in self.record["reviews"].items()}
        history.unreadable = [Unreadable(*entry) for entry in self.record["unreadable"]]
        return history


class SnapshotLoader:
    """The snapshot of HEAD for an SOP root, kept at `store`.

    It covers every file under the root in HEAD. On an unchanged HEAD (`current`; HEAD is
    read from .git) no git process runs. When HEAD moved on from the stored snapshot's,
    `snapshot()` reads only the commits since; otherwise (a new clone, a rebase, a branch
    switch) the whole log, once. It needs no file contents, so callers can refresh it
    while they read files. With `split_log`, a whole log is read by two git processes at
    once: for callers whose other work is light (`stale` only summarizes files), as it
    takes the core that checking files would use.
    """

    def __init__(self, root: Path, *, store: Path | None, allow_shallow: bool = False, split_log: bool = False) -> None:
        location = git_location(root)
        if location is None:
            raise NoHistory(f"{root} is not inside a git work tree, so history cannot be read")
        if (location.common_dir / "shallow").exists() and not allow_shallow:
            raise NoHistory(_SHALLOW)
        self.root, self.store, self.work_tree = root, store, location.work_tree
        self.split_log = split_log  # a whole log is read by two git processes (see `git.split_log`)
        self.prefix = location.prefix_of(root)
        self.ignored = _ignored_revisions(location.work_tree)
        head_id = head_commit(location)
        self.header = (SNAPSHOT_FORMAT, __version__, str(location.work_tree), self.prefix, sorted(self.ignored))
        stored = load_plain(store, self.header) if head_id is not None else None
        self.record: dict[str, Any] | None = stored if _is_snapshot(stored) else None
        self.current = self.record is not None and self.record["head"] == head_id

    def snapshot(self) -> Snapshot:
        if not self.current:
            self.record = _refreshed_snapshot(self, self.record)
            if self.store is not None and self.record["head"] is not None:
                save_plain(self.store, self.header, self.record)
            self.current = True
        assert self.record is not None
        return Snapshot(self.work_tree, self.prefix, self.record)

    def adopt(self, record: dict[str, Any]) -> Snapshot:
        """The snapshot another process read, and stored, for this loader."""
        self.record, self.current = record, True
        return Snapshot(self.work_tree, self.prefix, record)


def _refreshed_snapshot(loader: SnapshotLoader, old: dict[str, Any] | None) -> dict[str, Any]:
    git = git_at(loader.work_tree)  # see `log_records`
    prefix, ignored = loader.prefix, loader.ignored
    with without_git_variables():
        head_id = head(git)
        tree = {path: blob for path, blob in _head_tree(git).items() if path.startswith(prefix)} if head_id else {}
        history = History(work_tree=loader.work_tree)
        if head_id is not None:
            ancestor = old is not None and succeeds(git, "merge-base", "--is-ancestor", old["head"], "HEAD")
            since = old["head"] if old is not None and ancestor else None
            earliest, touched = _read_log(git, {path: path for path in tree}, ignored, history, since, split=loader.split_log)
            if old is not None and since is not None:  # what changed before, the old snapshot knows
                for path in tree:
                    if earliest[path] in old["changes"]:
                        _keep_latest(history.last_changes, path, _commit(old["changes"][earliest[path]]))
                    if earliest[path] in old["created"]:
                        _keep_earliest(history.created, path, _commit(old["created"][earliest[path]]))
                for identifier, record in old["reviews"].items():
                    _keep_latest(history.reviews, identifier, _commit(record))
                history.unreadable += [Unreadable(*entry) for entry in old["unreadable"]]
                if not tree.keys() <= history.last_changes.keys():  # moved in from outside the root
                    history = History(work_tree=loader.work_tree)
                    _, touched = _read_log(git, {path: path for path in tree}, ignored, history, split=loader.split_log)
            _fill_untouched(history, touched)
    return {
        "head": head_id,
        "changes": {path: _record_of(commit) for path, commit in history.last_changes.items()},
        "reviews": {identifier: _record_of(commit) for identifier, commit in history.reviews.items()},
        "created": {path: _record_of(commit) for path, commit in history.created.items()},
        "tree": tree,
        "unreadable": [(commit.id, commit.reason) for commit in history.unreadable],
    }


def _head_tree(git) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Blob id of every file in HEAD, by path from the work tree root."""
    output = run(git, "ls-tree", "-r", "-z", "--full-tree", "HEAD")
    tree = {}
    for entry in filter(None, output.split("\0")):
        meta, _, path = entry.partition("\t")
        tree[path] = meta.split()[2]
    return tree


def _is_snapshot(stored: Any) -> bool:
    """Whether a stored snapshot has the shape `_refreshed_snapshot` gives it: the store's
    checksum proves only that the file was written whole, and a forged one must reach
    neither git's command line (its HEAD) nor the reports. Values are checked a column at
    a time, as a warm run checks every file's."""
    try:
        records = [*stored["changes"].values(), *stored["reviews"].values(), *stored["created"].values()]  # as `_record_of` writes
        unreadable = stored["unreadable"]
        if stored.keys() != _SNAPSHOT_KEYS or {*map(type, records + unreadable)} - {list}:
            return False
        if {*map(len, records)} - {3} or {*map(len, unreadable)} - {2}:
            return False
        ids = [stored["head"], *(record[0] for record in records)]
        texts = [*ids, *(record[2] for record in records), *stored["tree"].values(), *(text for entry in unreadable for text in entry)]
        return (
            not {*map(type, texts)} - {str}
            and not {*map(len, ids)} - {40, 64}  # SHA-1 or SHA-256, in hexadecimal (one C call for them all)
            and binascii.unhexlify("".join(ids)) is not None
            and all(datetime.fromisoformat(date).tzinfo for date in {record[1] for record in records})
        )
    except (AttributeError, KeyError, TypeError, ValueError):  # not a dict, a key missing, not text, not a date
        return False


_SNAPSHOT_KEYS = {"head", "changes", "reviews", "created", "tree", "unreadable"}


def _record_of(commit: Commit) -> tuple[str, str, str]:
    return (commit.id, commit.date.isoformat(), commit.author)


def _commit(record: tuple[str, str, str]) -> Commit:
    return Commit(record[0], datetime.fromisoformat(record[1]), record[2])
