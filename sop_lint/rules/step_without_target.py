"""A step names no SOP and no sub-process, or both.

## What it does
Checks that every step says how it is done: `sop:` with the id of the SOP to follow, or
`process:` with the id of a sub-process to run. Exactly one of the two.

## Why
A step without an SOP is the gap this whole repository exists to close: the new teammate
reaches it and has to ask. A step with both leaves them to guess which one applies.

## Bad
```yaml
steps:
  - name: Prepare media
```

## Good
```yaml
steps:
  - name: Prepare media
    sop: prepare-media
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.kinds import Kind
from sop_lint.model.repository import Process
from sop_lint.rules.base import ANY_ITEM, FileContext, SchemaCover
from sop_lint.schema_advice import one_line_step

CODE = "P006"
NAME = "step-without-target"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = (
    SchemaCover(Kind.PROCESS, ("steps", ANY_ITEM), frozenset({"oneOf"})),
    SchemaCover(Kind.PROCESS, ("steps", ANY_ITEM, "sop"), frozenset({"type"})),
    SchemaCover(Kind.PROCESS, ("steps", ANY_ITEM, "process"), frozenset({"type"})),
)


def check_file(file: FileContext) -> Iterator[Problem]:
    process = file.item
    if not isinstance(process, Process):
        return
    steps = process.document.get("steps")
    for step in process.steps:
        if isinstance(steps, list) and one_line_step(steps[step.index]) is not None:
            continue  # `- Name: sop-id`: the schema rule says how to write it
        if (step.sop is None) == (step.process is None):
            if step.sop is not None:
                what = "names both `sop` and `process`: keep the one that says how the step is done"
            else:
                what = "names no SOP: add `sop:` with the id of the SOP that explains it (or `process:` for a sub-process)"
            yield Problem(
                process.path,
                process.document.position(("steps", step.index)),
                f"{step.label} {what}",
                f"step:{step.name}",
            )

