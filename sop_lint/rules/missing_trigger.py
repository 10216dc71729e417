"""A process has no trigger, an empty one, or a placeholder.

## What it does
Checks that every process says, in `trigger:`, which event starts it.

## Why
Without a trigger nobody knows when to run the process: it is either forgotten or run
twice. A placeholder such as `TBD` is as good as no trigger.

## Bad
```yaml
kind: process
id: promote-new-video
trigger: TBD
```

## Good
```yaml
kind: process
id: promote-new-video
trigger: A new video is published on the channel
```

## Fix
Safe (`check --fix`): a key that is a near typo of `trigger`, and of no other allowed
key, is renamed (`triger:` to `trigger:`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Safety, Severity
from sop_lint.kinds import Kind
from sop_lint.model.repository import Process
from sop_lint.rules.base import FileContext, SchemaCover
from sop_lint.rules.support.field_values import field_problem

CODE = "P001"
NAME = "missing-trigger"
SEVERITY = Severity.ERROR
FIXES = (Safety.SAFE,)
SCHEMA_COVERS: tuple[SchemaCover, ...] = (SchemaCover(Kind.PROCESS, ("trigger",)),)


def check_file(file: FileContext) -> Iterator[Problem]:
    if isinstance(file.item, Process):
        problem = field_problem(file.item, "trigger", file.settings.placeholders)
        if problem:
            yield problem
