"""A process has no steps.

## What it does
Checks that every process has a `steps:` list with at least one step.

## Why
A process is the ordered list of steps between its trigger and its outcome. Without steps
it tells nobody what to do.

## Bad
```yaml
kind: process
id: monthly-invoicing
trigger: The first working day of the month
outcome: Every client has this month's invoice
steps: []
```

## Good
```yaml
kind: process
id: monthly-invoicing
trigger: The first working day of the month
outcome: Every client has this month's invoice
steps:
  - name: Create and send the invoices
    sop: create-xero-invoice
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.kinds import Kind
from sop_lint.model.repository import Process
from sop_lint.rules.base import FileContext, SchemaCover
from sop_lint.rules.support.field_values import misspelling_of

CODE = "P003"
NAME = "missing-steps"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = (SchemaCover(Kind.PROCESS, ("steps",), frozenset({"required", "minItems"})),)

_ADVICE = "list the steps between trigger and outcome, in order, each with `name:` and `sop:`"


def check_file(file: FileContext) -> Iterator[Problem]:
    process = file.item
    if not isinstance(process, Process):
        return
    data = process.document.data
    assert isinstance(data, dict)
    if "steps" not in data:
        typo = misspelling_of(process, "steps")
        if typo is not None:
            position = process.document.position((typo,), key=True)
            yield Problem(process.path, position, f"{process.label} has no `steps`: rename `{typo}:` to `steps:`", "steps")
        else:
            position = process.document.position(())
            yield Problem(process.path, position, f"{process.label} has no `steps`: add `steps:` and {_ADVICE}", "steps")
    elif data["steps"] is None or data["steps"] == []:
        position = process.document.position(("steps",), key=True)
        yield Problem(process.path, position, f"{process.label} has an empty `steps` list: {_ADVICE}", "steps")

