"""An SOP has not changed since a process that uses it changed.

## What it does
Compares, in git history, the last change of each process with the last review of each
SOP its steps use. When the process changed later, the SOP may no longer match it: a
step moved, its input or output changed, a tool was swapped. Reported once per SOP, for
the process that changed last, with both dates.

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
from datetime import UTC

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover

CODE = "H003"
NAME = "process-drift"
SEVERITY = Severity.INFO
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check(repository: Repository) -> Iterator[Problem]:
    history = repository.history
    if history is None:
        return
    for sop in repository.sops:
        uses = repository.sop_uses.get(sop.id or "", [])
        changed = [
            (repository.now if use.process.path in history.uncommitted else history.last_changes[use.process.path].date, use.process)
            for use in uses
            if use.process.path in history.uncommitted or use.process.path in history.last_changes
        ]
        if not changed:
            continue
        when, process = max(changed, key=lambda item: item[0])
        assert sop.freshness is not None  # the model has it whenever it has history
        reviewed_at = sop.freshness.reviewed_at
        if when.astimezone(UTC) > reviewed_at:
            yield Problem(
                sop.path,
                sop.document.position(("id",)),
                f"{sop.label} has not changed since {process.label} changed on {when.astimezone(UTC).date().isoformat()} "
                f"(the SOP was last reviewed on {reviewed_at.date().isoformat()}): check that it still matches the process",
                "drift",
            )
