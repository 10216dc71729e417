"""HEAD's whole `git log`, read by two git processes at once (issue 18).

A first run's `git log` over a long history is its slowest part, and git spends it
diffing each commit with its parent, one commit after another. When the newest commits
form a line (no merge among them), the log can be cut in two without changing a byte of
it: git walks the history newest first, holding the commits still to show in a queue, and
down a line the queue holds one commit at a time. Once the walk reaches a commit `B` of
that line, every commit above `B` has been shown, and what follows is exactly what
`git log B` shows.

So the walk from HEAD starts at once; a thread finds `B` meanwhile (listing the
first-parent line takes git a tenth of the whole log's time) and starts `git log B`
beside it; the walk from HEAD is stopped when it reaches `B`. Each git process diffs
about half of the history, on a core of its own. The records are the same, in the same
order, as one `git log` gives them, so whatever reads them cannot tell (see
`tests/test_split_log.py`). Histories with a merge near HEAD, or too short to gain from
a second process, are read by one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from sop_lint.git.log import LogRecord, log_arguments, records_of
from sop_lint.git.runner import run, stream

# Commits above the cut at the least: git diffs a few thousand commits in a few tenths of
# a second, less than a second process is worth.
SPLIT_FROM = 2_000


def whole_log(git: Any) -> Iterator[LogRecord]:
    """Every commit of HEAD's history, newest first, as `log_records(git)` gives them."""
    above = stream(git, *log_arguments(git))
    below = _Below(git)  # looks for the cut meanwhile: the walk from HEAD starts at once
    try:
        for record in records_of(above):
            if below.reached(record.commit.id):
                above.close()  # stops git: `below` holds the rest
                yield from records_of(below.output())
                return
            yield record
    finally:
        below.unneeded()
    # The history had no cut, or the walk passed it before it was known: nothing of `below`
    # is needed, not even its failure to find the cut, but its git runs where ours do.
    below.thread.join()


class _Below:
    """`git log <cut>`, read whole by a thread: the thread first finds the cut (see
    `_cut`), then starts git, unless the walk from HEAD has passed the cut by then."""

    def __init__(self, git: Any) -> None:
        self.cut: str | None = None
        self.passed: set[str] | None = set()  # the walk's commits while the cut is unknown
        self.lock = threading.Lock()
        self.pieces: list[str] = []
        self.failed: list[BaseException] = []
        self.thread = threading.Thread(target=self._read, args=(git,), daemon=True)
        self.thread.start()

    def reached(self, commit: str) -> bool:
        """Whether the walk from HEAD is at the cut: what follows is this log's."""
        with self.lock:
            if self.passed is not None:
                self.passed.add(commit)
                return False
        return commit == self.cut

    def unneeded(self) -> None:
        """The walk from HEAD ended (or its reader stopped): a cut found after this is not used."""
        with self.lock:
            self.passed = None

    def output(self) -> list[str]:
        """The log's output, once git has written it all (none when there was no cut)."""
        self.thread.join()
        if self.failed:
            raise self.failed[0]
        return self.pieces

    def _read(self, git: Any) -> None:
        try:
            cut = _cut(git)
            with self.lock:
                if cut is not None and self.passed is not None and cut not in self.passed:
                    self.cut = cut
                self.passed = None
            if self.cut is not None:
                self.pieces.extend(stream(git, *log_arguments(git), self.cut))
        except BaseException as error:  # given to the reader, in its thread
            self.failed.append(error)


def _cut(git: Any) -> str | None:
    """The commit a little over halfway down HEAD's first-parent line (the walk from HEAD
    starts first), or the newest merge on it if that is nearer HEAD (the commits above
    the cut must be a line), when at least `SPLIT_FROM` commits are above it; else None."""
    line = run(git, "rev-list", "--first-parent", "--parents", "HEAD").splitlines()
    at = len(line) * 11 // 20
    for index, commit in enumerate(line[:at]):
        if commit.count(" ") > 1:  # a merge: its id, then two parents or more
            at = index
            break
    return line[at].partition(" ")[0] if at >= SPLIT_FROM else None
