"""A process has no outcome, an empty one, or a placeholder.

## What it does
Checks that every process says, in `outcome:`, what the end result is when it is done.

## Why
The outcome is how the person running the process knows they are finished, and how a
reviewer knows whether the steps achieve anything.

## Bad
```yaml
kind: process
id: promote-new-video
trigger: A new video is published on the channel
steps: [...]
```

## Good
```yaml
kind: process
id: promote-new-video
trigger: A new video is published on the channel
outcome: A published social media post promotes the video
steps: [...]
```

## Fix
Safe (`check --fix`): a key that is a near typo of `outcome`, and of no other allowed
key, is renamed (`outcom:` to `outcome:`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Safety, Severity
from sop_lint.kinds import Kind
from sop_lint.model.repository import Process
from sop_lint.rules.base import FileContext, SchemaCover
from sop_lint.rules.support.field_values import field_problem

CODE = "P002"
NAME = "missing-outcome"
SEVERITY = Severity.ERROR
FIXES = (Safety.SAFE,)
SCHEMA_COVERS: tuple[SchemaCover, ...] = (SchemaCover(Kind.PROCESS, ("outcome",)),)


def check_file(file: FileContext) -> Iterator[Problem]:
    if isinstance(file.item, Process):
        problem = field_problem(file.item, "outcome", file.settings.placeholders)
        if problem:
            yield problem
