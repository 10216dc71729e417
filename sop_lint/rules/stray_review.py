"""A review trailer names no SOP, but nearly names this one.

## What it does
Reads the `SOP-Reviewed` trailers in git history and reports one that names no SOP when
it is a near typo of this SOP's id, and this SOP was not reviewed since. (A trailer may
list several ids, separated by commas or spaces.) A trailer naming nothing like an SOP
is printed as a note by `check` and `stale`.

## Why
A misspelt trailer records nothing, in silence: the person who reviewed the SOP believes
it is done, and the staleness report keeps saying otherwise.

## Bad
```text
Review the CV screening

SOP-Reviewed: scren-cvs
```

## Good
```text
Review the CV screening

SOP-Reviewed: screen-cvs
```
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.git.log import REVIEW_TRAILER
from sop_lint.model.repository import Repository
from sop_lint.model.reviews import stray_reviews
from sop_lint.rules.base import SchemaCover

CODE = "H005"
NAME = "stray-review"
SEVERITY = Severity.WARNING
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"review"})


def check(repository: Repository) -> Iterator[Problem]:
    for stray in stray_reviews(repository):
        if stray.meant is None or stray.meant.id is None:
            continue
        meant = stray.meant.id
        command = f"git commit --allow-empty -m {shlex.quote('Review ' + meant)} --trailer {shlex.quote(f'{REVIEW_TRAILER}: {meant}')}"
        yield Problem(
            stray.meant.path,
            stray.meant.document.position(("id",)),
            f"{stray.recorded()}, which names no SOP: if it meant {stray.meant.label}, record the review again: `{command}`",
            f"trailer:{stray.identifier}",
        )
