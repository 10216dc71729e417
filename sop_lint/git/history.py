"""What git knows about each file under the SOP root.

History is read in one pass: a single `git log --name-status -M` streamed from newest
to oldest (never one `git log` per file, never GitPython's per-commit objects), kept in a
snapshot of HEAD so that later runs read only new commits, or none. From it come, per file, the last commit
that changed its content (following renames; a rename alone is not a change, nor is a
commit listed in `.git-blame-ignore-revs`), and per SOP id, the last commit whose
message carries an `SOP-Reviewed: <id>` trailer.

Git runs through `sop_lint.git.runner`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sop_lint import __version__
from sop_lint.config.settings import default_max_file_size
from sop_lint.git.location import git_location, head_commit
from sop_lint.git.runner import (
    GitFailed,
    git_at,
    head,
    rename_detection,
    run,
    stream,
    succeeds,
    without_git_variables,
)
from sop_lint.plain_store import load_plain, save_plain
from sop_lint.reading.documents import LoadProblem
from sop_lint.reading.files import read_auxiliary

REVIEW_TRAILER = "SOP-Reviewed"
_RECORD, _FIELD, _VALUE = "\x1e", "\x1f", "\x1d"
_LOG_FORMAT = f"{_RECORD}%H{_FIELD}%cI{_FIELD}%aN{_FIELD}%(trailers:key={REVIEW_TRAILER},valueonly,separator=%x1d)"


_SHALLOW = (
    "this is a shallow clone, so every file would look last changed by its oldest commit: "
    "fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in GitHub Actions' "
    "checkout) or pass --allow-shallow"
)


class NoHistory(GitFailed):
    """History cannot be read: not a git work tree or a shallow clone. (A git that fails
    while reading raises its base class.)"""


@dataclass(frozen=True)
class Commit:
    id: str
    date: datetime
    author: str


@dataclass
class History:
    """Paths are relative to the SOP root, with `/` separators."""

    work_tree: Path
    last_changes: dict[str, Commit] = field(default_factory=dict)
    reviews: dict[str, Commit] = field(default_factory=dict)
    uncommitted: set[str] = field(default_factory=set)


def _ignored_revisions(work_tree: Path) -> set[str]:
    """Commits listed in `.git-blame-ignore-revs` (mass reformatting) are not changes."""
    raw = read_auxiliary(work_tree, ".git-blame-ignore-revs", default_max_file_size())
    if isinstance(raw, LoadProblem):
        return set()
    text = raw.decode("utf-8", errors="replace")
    return {line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip()}


def _read_log(git, wanted: dict[str, str], ignored: set[str], history: History, since: str | None = None) -> tuple[dict[str, str], dict[str, Commit]]:  # type: ignore[no-untyped-def]
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
    for header, entries in _log_records(git, since):
        commit_id, date_text, author, trailers = header.split(_FIELD)
        commit = Commit(commit_id, datetime.fromisoformat(date_text), author)
        for reviewed in filter(None, (value.strip() for value in trailers.split(_VALUE))):
            _keep_latest(history.reviews, reviewed, commit)
        counts = commit_id not in ignored
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
                target = paths[0]
                changed = counts
            owner = names.get(target)
            if owner is not None:
                _keep_latest(touched, owner, commit)
                if changed:
                    _keep_latest(history.last_changes, owner, commit)
            elif changed:
                _keep_latest(orphans, target, commit)
    return earliest, touched


def _fill_untouched(history: History, touched: dict[str, Commit]) -> None:
    """A file whose every change is ignored (or that only ever moved) takes the newest
    commit that touched it, so that a committed file always has a last change."""
    for path, commit in touched.items():
        history.last_changes.setdefault(path, commit)


def _record_change(path: str | None, commit: Commit, history: History) -> None:
    if path is not None:
        _keep_latest(history.last_changes, path, commit)


def _keep_latest(table: dict[str, Commit], key: str, commit: Commit) -> None:
    """Log order is not date order across merged branches, so dates decide."""
    known = table.get(key)
    if known is None or commit.date > known.date:
        table[key] = commit


def _log_records(git, since: str | None = None) -> Iterator[tuple[str, list[list[str]]]]:  # type: ignore[no-untyped-def]
    """(header, [[status, path...], ...]) per commit, read as a stream."""
    # No pathspec: it would drop the empty commits that record reviews. Output paths are
    # relative to the work tree, hence the SOP root's prefix in front of every wanted path.
    arguments = ["log", "-z", "--name-status", rename_detection(git), "--no-color", f"--format={_LOG_FORMAT}"]
    if since is not None:
        arguments.append(f"{since}..HEAD")
    pending = ""
    for text in stream(git, *arguments):
        pending += text
        *complete, pending = pending.split(_RECORD)
        yield from (_record(text) for text in complete if text)
    if pending:
        yield _record(pending)


def _record(text: str) -> tuple[str, list[list[str]]]:
    header, _, changes = text.partition("\0")
    fields = changes.lstrip("\n").split("\0")
    entries: list[list[str]] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        width = 2 if status[0] in "RC" else 1
        entries.append([status, *fields[index + 1 : index + 1 + width]])
        index += 1 + width
    return header, entries


SNAPSHOT_FORMAT = 1


@dataclass(frozen=True)
class Snapshot:
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
            if self.record["tree"].get(work_path) not in candidates:
                history.uncommitted.add(path)
        history.reviews = {identifier: _commit(record) for identifier, record in self.record["reviews"].items()}
        return history


class SnapshotLoader:
    """The snapshot of HEAD for an SOP root, kept at `store`.

    It covers every file under the root in HEAD. On an unchanged HEAD (`current`; HEAD is
    read from .git) no git process runs. When HEAD moved on from the stored snapshot's,
    `snapshot()` reads only the commits since; otherwise (a new clone, a rebase, a branch
    switch) the whole log, once. It needs no file contents, so callers can refresh it
    while they read files.
    """

    def __init__(self, root: Path, *, store: Path | None, allow_shallow: bool = False) -> None:
        location = git_location(root)
        if location is None:
            raise NoHistory(f"{root} is not inside a git work tree, so history cannot be read")
        if (location.common_dir / "shallow").exists() and not allow_shallow:
            raise NoHistory(_SHALLOW)
        self.root, self.store, self.work_tree = root, store, location.work_tree
        self.prefix = location.prefix_of(root)
        self.ignored = _ignored_revisions(location.work_tree)
        head_id = head_commit(location)
        self.header = (SNAPSHOT_FORMAT, __version__, str(location.work_tree), self.prefix, sorted(self.ignored))
        self.record: dict[str, Any] | None = load_plain(store, self.header) if head_id is not None else None
        self.current = self.record is not None and self.record["head"] == head_id

    def snapshot(self) -> Snapshot:
        if not self.current:
            self.record = _refreshed_snapshot(self, self.record)
            if self.store is not None and self.record["head"] is not None:
                save_plain(self.store, self.header, self.record)
            self.current = True
        assert self.record is not None
        return Snapshot(self.work_tree, self.prefix, self.record)


def _refreshed_snapshot(loader: SnapshotLoader, old: dict[str, Any] | None) -> dict[str, Any]:
    git = git_at(loader.root)
    prefix, ignored = loader.prefix, loader.ignored
    with without_git_variables():
        head_id = head(git)
        tree = {path: blob for path, blob in _head_tree(git).items() if path.startswith(prefix)} if head_id else {}
        history = History(work_tree=loader.work_tree)
        if head_id is not None:
            ancestor = old is not None and succeeds(git, "merge-base", "--is-ancestor", old["head"], "HEAD")
            since = old["head"] if old is not None and ancestor else None
            earliest, touched = _read_log(git, {path: path for path in tree}, ignored, history, since)
            if old is not None and since is not None:  # what changed before, the old snapshot knows
                for path in tree:
                    if earliest[path] in old["changes"]:
                        _keep_latest(history.last_changes, path, _commit(old["changes"][earliest[path]]))
                for identifier, record in old["reviews"].items():
                    _keep_latest(history.reviews, identifier, _commit(record))
                if not tree.keys() <= history.last_changes.keys():  # moved in from outside the root
                    history = History(work_tree=loader.work_tree)
                    _, touched = _read_log(git, {path: path for path in tree}, ignored, history)
            _fill_untouched(history, touched)
    return {
        "head": head_id,
        "changes": {path: _record_of(commit) for path, commit in history.last_changes.items()},
        "reviews": {identifier: _record_of(commit) for identifier, commit in history.reviews.items()},
        "tree": tree,
    }


def _head_tree(git) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Blob id of every file in HEAD, by path from the work tree root."""
    output = run(git, "ls-tree", "-r", "-z", "--full-tree", "HEAD")
    tree = {}
    for entry in filter(None, output.split("\0")):
        meta, _, path = entry.partition("\t")
        tree[path] = meta.split()[2]
    return tree


def _record_of(commit: Commit) -> tuple[str, str, str]:
    return (commit.id, commit.date.isoformat(), commit.author)


def _commit(record: tuple[str, str, str]) -> Commit:
    return Commit(record[0], datetime.fromisoformat(record[1]), record[2])
