"""An SOP is past its review interval.

## What it does
Uses git history to find when each SOP was last reviewed: its last content change, its
`last_reviewed` date, or a commit with an `SOP-Reviewed: <id>` trailer, whichever is
latest. It reports SOPs reviewed longer ago than their interval (`review_every`, else
the `review-intervals` glob for their path, else `review-every`, 180 days by default).
Files changed in the work tree count as changed now. Outside git it stays quiet and
`check` says so once.

## Why
Tools change their menus, accounts change owners, prices and formats move on. An SOP
nobody has looked at for a year describes how the work used to be done.

## Bad
```yaml
# sops/schedule-post.md, last changed 2025-11-01, no review since
review_every: 90d
```

## Good
```yaml
# reviewed against the real Buffer screens on 2026-11-20:
#   sop-lint review schedule-post
last_reviewed: 2026-11-20
review_every: 90d
```

## Options
`review-every`, `review-intervals`; `sop-lint stale` lists every SOP with its status.
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.freshness import Freshness
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover

CODE = "H001"
NAME = "stale-sop"
SEVERITY = Severity.WARNING
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"review"})


def check(repository: Repository) -> Iterator[Problem]:
    for sop in repository.sops:  # without history, no SOP has a freshness
        freshness = sop.freshness
        if freshness is not None and freshness.status is Freshness.STALE:
            yield Problem(
                sop.path,
                sop.document.position(("id",)),
                f"{sop.label} was last reviewed on {freshness.reviewed_at.date().isoformat()}, {freshness.days_overdue} days past "
                f"its {freshness.interval_days}-day review interval: check it against how the work is done today, "
                f"then record the review (`sop-lint review {sop.id}`)",
                "stale",
            )
