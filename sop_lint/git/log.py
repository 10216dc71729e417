"""`git log` read as a stream of commits, trusting no field of any commit.

A commit that `git fsck --strict` accepts may still hold control characters in its
author's name or its trailers, bytes that are not UTF-8, an offset like `+2500` (git
prints `+25:00`, which no ISO parser takes) or a date past the year 9999. So every field
ends in NUL, which git never writes inside a name, a date or a trailer (a commit holding
one fails `git fsck`, and git's output stops at it); each commit's record opens with an
empty field, and its trailers, unfolded, are one a line. The date is read as seconds
since 1970 (`%ct`): the instant, whatever the offset says, kept in UTC. A commit whose id
or date cannot be read is given as `Unreadable`, so that the caller follows its renames
but counts it as neither a change nor a review, and says so once (`unreadable_note`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import Any, NamedTuple

from sop_lint.git.runner import rename_detection, stream

REVIEW_TRAILER = "SOP-Reviewed"
# What `sop-lint rename` asks its commit to carry: the commit renames, it changes no SOP's content.
RENAME_TRAILER = "SOP-Renamed"
_LOG_FORMAT = f"%x00%H%x00%ct%x00%aN%x00%(trailers:key={REVIEW_TRAILER},key={RENAME_TRAILER},unfold,separator=%x0a)"
_HEADER_FIELDS = 4
_RENAME_KEY = RENAME_TRAILER.lower()
COMMIT_ID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")  # SHA-1 or SHA-256
_SECONDS = re.compile(r"[0-9]{1,15}")
_NOTE_EXAMPLES = 2
_ID_SEPARATORS = re.compile(r"[ \t,;]+")


class Commit(NamedTuple):
    """`date` is in UTC."""

    id: str
    date: datetime
    author: str


class Unreadable(NamedTuple):
    """A commit git logs but sop-lint cannot read, and why (for a person)."""

    id: str
    reason: str


class LogRecord(NamedTuple):
    commit: Commit | Unreadable
    reviewed: list[str]  # the SOP ids in its `SOP-Reviewed` trailers
    changes: list[list[str]]  # [status, path] or [status, old path, new path]
    renames: bool = False  # it has a `SOP-Renamed` trailer: its edits are an id's rename, no change of content


def log_records(git: Any, since: str | None = None) -> Iterator[LogRecord]:
    """Every commit of HEAD's history (after `since`), newest first, read as a stream; `git`
    works at the root of the work tree."""
    return records_of(stream(git, *log_arguments(git), *([f"{since}..HEAD"] if since is not None else [])))


def log_arguments(git: Any) -> list[str]:
    """`git log` as sop-lint reads it, before the revisions to read."""
    # No pathspec: it would drop the empty commits that record reviews. `git` runs at the
    # work tree's root, so paths are relative to it even with `diff.relative` set. Each
    # option settles what a setting could change: the root commit's files, signatures in
    # the output, the encoding.
    return [
        "log", "-z", "--name-status", rename_detection(git), "--root", "--no-show-signature", "--no-color", "--encoding=UTF-8",
        f"--format={_LOG_FORMAT}",
    ]


def records_of(pieces: Iterable[str]) -> Iterator[LogRecord]:
    """The commits of `git log`'s output (see `log_arguments`), as it comes in pieces."""
    fields = _fields(pieces)
    if next(fields, None) != "":  # no commit at all
        return
    while header := list(islice(fields, _HEADER_FIELDS)):
        changes = []
        for field in fields:
            status = field.lstrip("\n")  # git puts a newline before a commit's first change
            if not status:  # the empty field that opens the next commit
                break
            paths = list(islice(fields, 2 if status[0] in "RC" else 1))
            if all(paths) and len(paths) == (2 if status[0] in "RC" else 1):
                changes.append([status, *paths])
        yield _record(header, changes)


def _fields(pieces: Iterable[str]) -> Iterator[str]:
    """The NUL-ended fields of a stream that arrives in pieces."""
    pending = ""
    for piece in pieces:
        *complete, pending = (pending + piece).split("\0")
        yield from complete
    if pending:
        yield pending


def _record(header: list[str], changes: list[list[str]]) -> LogRecord:
    commit_id, seconds, author, trailers = header + [""] * (_HEADER_FIELDS - len(header))
    if not COMMIT_ID.fullmatch(commit_id):
        return LogRecord(Unreadable("", "git gave no commit id for it"), [], changes)
    if not _SECONDS.fullmatch(seconds):
        return LogRecord(Unreadable(commit_id, "it has no date git can read"), [], changes)
    try:
        date = datetime.fromtimestamp(int(seconds), tz=UTC)
    except (OverflowError, OSError, ValueError):
        return LogRecord(Unreadable(commit_id, "its date is after the year 9999"), [], changes)
    reviewed, renames = [], False
    for line in trailers.split("\n"):
        key, _, value = line.partition(":")  # as written: git matches the keys ignoring case
        if key.strip().lower() == _RENAME_KEY:
            renames = True
        elif value:  # one trailer may name several SOPs, as people write lists: `a, b` or `a b`
            reviewed += [identifier for identifier in _ID_SEPARATORS.split(_text(value).strip()) if identifier]
    return LogRecord(Commit(commit_id, date, _text(author)), reviewed, changes, renames)


def _text(field: str) -> str:
    """A name or trailer as text: bytes that are not UTF-8 (carried as surrogates) become U+FFFD.
    Paths keep their surrogates: they name files on disk."""
    return field if field.isascii() else field.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def unreadable_note(unreadable: Sequence[Unreadable]) -> str | None:
    """One note for every commit that could not be read, naming the first few."""
    if not unreadable:
        return None
    named = "; ".join(f"{commit.id[:10] or 'a commit'}: {commit.reason}" for commit in unreadable[:_NOTE_EXAMPLES])
    more = len(unreadable) - _NOTE_EXAMPLES
    if more > 0:
        named += f"; and {more} more"
    if len(unreadable) == 1:
        return f"1 commit in git history cannot be read ({named}), so it counts as neither a change nor a review"
    return f"{len(unreadable)} commits in git history cannot be read ({named}), so they count as neither a change nor a review"
