"""HEAD's whole `git log`, read by two git processes at once (issue 18).

A first run's `git log` over a long history is its slowest part, and git spends it
diffing each commit with its parent, one commit after another. When the newest commits
form a line (no merge among them), the log can be cut in two without changing a byte of
it: git walks the history newest first, holding the commits still to show in a queue, and
down a line the queue holds one commit at a time. So once the walk reaches a commit `B` of
that line, every commit above `B` has been shown, and what follows is exactly what
`git log B` shows. `git log B` then runs from the start, beside the walk from HEAD, which
is stopped when it reaches `B`: each git process diffs half of the history, on a core of
its own. The records are the same, in the same order, as one `git log` gives them, so
whatever reads them cannot tell (see `tests/test_split_log.py`).

Histories with a merge near HEAD, or too short to gain from a second process, are read
by one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

from sop_lint.git.log import LogRecord, log_arguments, records_of
from sop_lint.git.runner import run, stream

# Commits above the cut at the least: git diffs a few thousand commits in a few tenths of
# a second, less than a second process is worth.
SPLIT_FROM = 2_000


def whole_log(git: Any) -> Iterator[LogRecord]:
    """Every commit of HEAD's history, newest first, as `log_records(git)` gives them."""
    cut = _cut(git)
    if cut is None:
        yield from records_of(stream(git, *log_arguments(git)))
        return
    below = _read_beside(git, cut)
    above = stream(git, *log_arguments(git))
    for record in records_of(above):
        if record.commit.id == cut:
            above.close()  # stops git: `below` holds the rest
            yield from records_of(below())
            return
        yield record
    below()  # not reached: cannot be, as the cut is on HEAD's first-parent line


def _cut(git: Any) -> str | None:
    """The commit halfway down HEAD's first-parent line, or the newest merge on it if that
    is nearer HEAD (the commits above the cut must be a line), when at least `SPLIT_FROM`
    commits are above it; else None."""
    line = run(git, "rev-list", "--first-parent", "--parents", "HEAD").splitlines()
    at = len(line) // 2
    for index, commit in enumerate(line[:at]):
        if commit.count(" ") > 1:  # a merge: its id, then two parents or more
            at = index
            break
    return line[at].partition(" ")[0] if at >= SPLIT_FROM else None


def _read_beside(git: Any, cut: str) -> Callable[[], list[str]]:
    """`git log cut`, read whole by a thread: git starts here, with this moment's
    environment, and the function returned waits for the rest of its output."""
    pieces = stream(git, *log_arguments(git), cut)
    first = next(pieces, "")
    rest: list[str] = []
    failed: list[BaseException] = []

    def drain() -> None:
        try:
            rest.extend(pieces)
        except BaseException as error:  # given to the reader, in its thread
            failed.append(error)

    thread = threading.Thread(target=drain, daemon=True)
    thread.start()

    def output() -> list[str]:
        thread.join()
        if failed:
            raise failed[0]
        return [first, *rest]

    return output
