"""A first run's history, read from git while the files are checked (issue 18).

One `git log` over a long history is the slowest part of a first run, and it needs no
file contents, so it runs beside the checking of files. Where processes can be forked
(Linux) and nothing else runs in this process yet, the reading is a forked child of its
own: git's output is parsed there, by another interpreter, not by a thread that would
take turns with the file checks for Python's lock, and this process may still fork worker
processes for the files (forking while a thread runs is unsafe). The child keeps the
snapshot as `SnapshotLoader.snapshot` does and sends its record back. Elsewhere the
reading is a thread, and the files are checked in this process.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from sop_lint.git.history import Snapshot, SnapshotLoader
from sop_lint.git.runner import GitFailed

if TYPE_CHECKING:  # multiprocessing is imported only when a first run forks
    from multiprocessing.connection import Connection


class PendingSnapshot:
    """A snapshot being read. `in_child`: in a child process, so this one may fork."""

    def __init__(self, loader: SnapshotLoader) -> None:
        self.loader = loader
        self.in_child = sys.platform == "linux" and threading.active_count() == 1
        self._wait: Callable[[], object]
        # Whether the child is done with git (it is sending the snapshot), so its core is
        # free; None where a thread reads the history (this process must not fork then).
        self.ready: Callable[[], bool] | None = None
        if self.in_child:
            self._wait, self.ready = _in_child(loader)
        else:
            from concurrent.futures import ThreadPoolExecutor

            pool = ThreadPoolExecutor(max_workers=1)
            self._wait = pool.submit(loader.snapshot).result
            pool.shutdown(wait=False)

    def result(self) -> Snapshot:
        """Waits for the snapshot; raises what reading it raised."""
        outcome = self._wait()
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome if isinstance(outcome, Snapshot) else self.loader.adopt(outcome)  # type: ignore[arg-type]


def _in_child(loader: SnapshotLoader) -> tuple[Callable[[], object], Callable[[], bool]]:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_read, args=(loader, sending), daemon=True)
    child.start()
    sending.close()

    def wait() -> object:
        try:
            return receiving.recv()
        except EOFError:  # the child ended without a word
            return GitFailed("reading git history stopped before it ended: run sop-lint again")
        finally:
            receiving.close()
            child.join()

    return wait, lambda: receiving.closed or receiving.poll()


def _read(loader: SnapshotLoader, sending: Connection) -> None:
    """In the child: the snapshot's record, or the error that stopped reading it."""
    outcome: object
    try:
        outcome = loader.snapshot().record
    except BaseException as error:
        outcome = error
    try:
        sending.send(outcome)
    except Exception:
        sending.send(RuntimeError(f"reading git history failed: {outcome!r}"))
    sending.close()
