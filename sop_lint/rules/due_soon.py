"""An SOP is due for review soon.

## What it does
Reports SOPs whose review falls due within the `due-soon` window (14 days by default),
so the owner can plan the review before the SOP turns stale. Reviews are found as for
`stale-sop`.

## Why
A review planned a week ahead is a calm half hour; a review forced by a failing check is
an interruption.

## Bad
```yaml
# last reviewed 170 days ago, reviewed every 180 days, nobody has noticed
```

## Good
```yaml
# reviewed this week and recorded:
last_reviewed: 2026-11-20
```

## Options
`due-soon` (default `14d`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.freshness import Freshness, due_date
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover

CODE = "H002"
NAME = "due-soon"
SEVERITY = Severity.INFO
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"review"})


def check(repository: Repository) -> Iterator[Problem]:
    for sop in repository.sops:  # without history, no SOP has a freshness
        freshness = sop.freshness
        if freshness is not None and freshness.status is Freshness.DUE_SOON:
            due = due_date(freshness)
            when = f"by {due.isoformat()}" if due else f"in {-freshness.days_overdue} days"  # after 9999-12-31
            yield Problem(
                sop.path,
                sop.document.position(("id",)),
                f"{sop.label} is due for review {when} (every {freshness.interval_days} days; "
                f"last reviewed on {freshness.reviewed_at.date().isoformat()})",
                "due-soon",
            )
