"""The steps of a process are not an ordered list, or their numbering is out of order.

## What it does
Checks that `steps:` is a list, and that numbering, where a process uses it, runs 1, 2,
3 … in list order: either explicit `order:` values on every step, or names that start
with a number (`1. Draft copy`, `Step 2: Prepare media`) on every step.

## Why
The list order is the execution order. When step names or `order:` values carry their
own numbers, a step inserted or moved without renumbering leaves two orders that
disagree, and the reader cannot tell which one is right.

## Bad
```yaml
steps:
  - name: 1. Draft social post copy
    sop: draft-post-copy
  - name: 3. Schedule post
    sop: schedule-post
```

## Good
```yaml
steps:
  - name: 1. Draft social post copy
    sop: draft-post-copy
  - name: 2. Schedule post
    sop: schedule-post
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.field_values import STEP_NUMBER, describe, describe_step
from sop_lint.findings import Problem, Severity
from sop_lint.model import Process, Repository, Step
from sop_lint.rule import SchemaCover

CODE = "P004"
NAME = "step-order"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = (SchemaCover("process", ("steps",), frozenset({"type"})),)


def check(repository: Repository) -> Iterator[Problem]:
    for process in repository.processes:
        data = process.document.data
        assert isinstance(data, dict)
        steps = data.get("steps")
        if steps is not None and not isinstance(steps, list):
            yield Problem(
                process.path,
                process.document.position(("steps",)),
                f"the `steps` of {describe(process)} should be a list (one `- name: ...` line per step), "
                "so that their order is the order of work",
                "steps",
            )
            continue
        yield from _explicit_orders(process)
        yield from _numbered_names(process)


def _explicit_orders(process: Process) -> Iterator[Problem]:
    if not any(step.order is not None for step in process.steps):
        return
    for position, step in enumerate(process.steps, start=1):
        where = process.document.position(("steps", step.index, "order"))
        if step.order is None:
            yield _problem(process, step, f"has no `order` while other steps do: add `order: {position}`")
            return
        if step.order != position:
            yield Problem(
                process.path,
                where,
                f"{describe_step(step)} has `order: {step.order}` but is step {position} in the list: "
                "orders must run 1, 2, 3 in list order",
                f"order:{step.name}",
            )
            return


def _numbered_names(process: Process) -> Iterator[Problem]:
    numbers = [_name_number(step) for step in process.steps]
    if not any(number is not None for number in numbers):
        return
    for position, (step, number) in enumerate(zip(process.steps, numbers, strict=True), start=1):
        if number is None:
            yield _problem(process, step, f"is not numbered while other steps are: start its name with `{position}.`")
            return
        if number != position:
            yield _problem(
                process, step, f"is numbered {number} but is step {position} in the list: renumber the steps 1, 2, 3 in list order"
            )
            return


def _name_number(step: Step) -> int | None:
    match = STEP_NUMBER.match(step.name or "")
    return int(match.group(1)) if match else None


def _problem(process: Process, step: Step, what: str) -> Problem:
    position = process.document.position(("steps", step.index, "name"))
    return Problem(process.path, position, f"{describe_step(step)} {what}", f"order:{step.name}")
