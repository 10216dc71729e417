"""An SOP's `last_reviewed` date is in the future.

## What it does
Reports a `last_reviewed` date later than today (or than `--now`). Such a date would keep
the SOP from ever looking stale, so it does not count as a review either.

## Why
A future date is a typo (2062 for 2026) or a promise; either way it hides the SOP from
every staleness report until that day.

## Bad
```yaml
last_reviewed: 2062-11-20
```

## Good
```yaml
last_reviewed: 2026-11-20
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.freshness import last_reviewed
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover

CODE = "H004"
NAME = "future-review-date"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"review"})


def check(repository: Repository) -> Iterator[Problem]:
    for sop in repository.sops:
        reviewed = last_reviewed(sop.review)
        if reviewed is not None and reviewed > repository.now:
            yield Problem(
                sop.path,
                sop.document.position(("last_reviewed",)),
                f"`last_reviewed` of {sop.label} is {reviewed.date().isoformat()}, in the future: "
                "write the date the review happened",
                "last_reviewed",
            )
