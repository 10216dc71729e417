"""Two steps of one process have the same name.

## What it does
Compares the step names of each process, ignoring case, spacing and a leading number,
and reports each repeat.

## Why
People refer to steps by name ("I'm stuck at Prepare media"). Two steps with one name
make that ambiguous, and usually mean a step was pasted twice.

## Bad
```yaml
steps:
  - name: Prepare media
    sop: prepare-media
  - name: Prepare media
    sop: schedule-post
```

## Good
```yaml
steps:
  - name: Prepare media
    sop: prepare-media
  - name: Schedule post
    sop: schedule-post
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Process
from sop_lint.model.summary import STEP_NUMBER, Step
from sop_lint.rules.base import FileContext, SchemaCover

CODE = "P005"
NAME = "duplicate-step-name"
SEVERITY = Severity.WARNING
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check_file(file: FileContext) -> Iterator[Problem]:
    process = file.item
    if not isinstance(process, Process):
        return
    first_by_name: dict[str, Step] = {}
    for step in process.steps:
        if not step.name:
            continue
        key = " ".join(STEP_NUMBER.sub("", step.name).casefold().split())
        first = first_by_name.setdefault(key, step)
        if first is not step:
            yield Problem(
                process.path,
                process.document.position(("steps", step.index, "name")),
                f"{step.label} has the same name as step {first.index + 1}: give each step its own name",
                f"step:{key}",
            )

