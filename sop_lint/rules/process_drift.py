"""An SOP has not changed since a process that uses it changed.

## What it does
Compares, in git history, the last change of each process with the last review of each
SOP its steps use. When the process changed later, the SOP may no longer match it: a
step moved, its input or output changed, a tool was swapped. Reported once per SOP, for
the process that changed last, with both dates (and times, when they fall on one day).
A process that has not changed since it was added does not count: it was written around
the SOPs as they were. A `last_reviewed` date counts for the whole of its day.

## Why
Processes and SOPs are edited by different people at different times. A process that
moves on while its SOPs stay put is the slow way an ops repository stops being true.

## Bad
```yaml
# processes/promote-new-video.yaml changed on 2026-11-02 (the post is now scheduled for 09:00)
# sops/schedule-post.md, last reviewed 2026-06-01, still says 12:30
```

## Good
```yaml
# sops/schedule-post.md reviewed after the process changed:
last_reviewed: 2026-11-03
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sop_lint.findings import Problem, Severity
from sop_lint.model.freshness import ReviewedBy
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover

if TYPE_CHECKING:
    from sop_lint.git.history import History

CODE = "H003"
NAME = "process-drift"
SEVERITY = Severity.INFO
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"review", "steps"})


def check(repository: Repository) -> Iterator[Problem]:
    history = repository.history
    if history is None:
        return
    for sop in repository.sops:
        uses = repository.sop_uses.get(sop.id or "", [])
        changes = [(change, use.process) for use in uses if (change := _changed(history, use.process.path, repository.now))]
        if not changes:
            continue
        when, process = max(changes, key=lambda item: item[0])
        assert sop.freshness is not None  # the model has it whenever it has history
        reviewed_at, by = sop.freshness.reviewed_at, sop.freshness.reviewed_by
        # A `last_reviewed` date names a day, not a time: a review that day counts as after.
        if (when.date() > reviewed_at.date()) if by is ReviewedBy.LAST_REVIEWED else (when > reviewed_at):
            yield Problem(
                sop.path,
                sop.document.position(("id",)),
                f"{sop.label} has not changed since {process.label} changed on {_moment(when, reviewed_at)} "
                f"(the SOP was last reviewed on {_moment(reviewed_at, when)}): check that it still matches the process",
                "drift",
            )


def _changed(history: History, path: str, now: datetime) -> datetime | None:
    """When the process last changed, in UTC; None for a process that has not changed
    since it was added (a new process built on existing SOPs does not make them drift)."""
    last = history.last_changes.get(path)
    if path in history.uncommitted:
        return None if last is None else now.astimezone(UTC)  # None: not committed yet, so new
    if last is None or history.created.get(path) == last:
        return None
    return last.date.astimezone(UTC)


def _moment(moment: datetime, other: datetime) -> str:
    """The day, and the time (UTC) when the other moment falls on the same day."""
    day = moment.date().isoformat()
    return f"{day} at {moment:%H:%M} UTC" if moment.date() == other.date() else day
