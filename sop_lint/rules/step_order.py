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

from sop_lint.findings import Problem, Severity
from sop_lint.model import Process, Repository, Step
from sop_lint.rule import ANY_ITEM, SchemaCover

CODE = "P004"
NAME = "step-order"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = (
    SchemaCover("process", ("steps",), frozenset({"type"})),
    SchemaCover("process", ("steps", ANY_ITEM, "order"), frozenset({"minimum"})),
)


def check(repository: Repository) -> Iterator[Problem]:
    for process in repository.processes:
        steps = process.document.get("steps")
        if steps is not None and not isinstance(steps, list):
            yield Problem(
                process.path,
                process.document.position(("steps",)),
                f"the `steps` of {process.label} should be a list (one `- name: ...` entry per step), "
                "so that their order is the order of work",
                "steps",
            )
            continue
        yield from _explicit_orders(process)
        yield from _numbered_names(process)


def _explicit_orders(process: Process) -> Iterator[Problem]:
    """Compares whole-number `order:` values with list positions; other values are the schema's."""
    orders = [step.order for step in process.steps]
    if all(order is None for order in orders) or any(_not_whole_number(order) for order in orders):
        return
    for step in process.steps:
        if step.order is None:
            yield _problem(process, step, "name", f"has no `order` while other steps do: add `order: {step.index + 1}`")
            return
        if step.order != step.index + 1:
            yield _problem(
                process,
                step,
                "order",
                f"has `order: {step.order}` but is step {step.index + 1} in the list: orders must run 1, 2, 3 in list order",
            )
            return


def _not_whole_number(order: object) -> bool:
    return order is not None and (isinstance(order, bool) or not isinstance(order, int))


def _numbered_names(process: Process) -> Iterator[Problem]:
    if all(step.number is None for step in process.steps):
        return
    for step in process.steps:
        if step.number is None:
            yield _problem(process, step, "name", f"is not numbered while other steps are: start its name with `{step.index + 1}.`")
            return
        if step.number != step.index + 1:
            yield _problem(
                process,
                step,
                "name",
                f"is numbered {step.number} but is step {step.index + 1} in the list: renumber the steps 1, 2, 3 in list order",
            )
            return


def _problem(process: Process, step: Step, key: str, what: str) -> Problem:
    position = process.document.position(("steps", step.index, key))
    return Problem(process.path, position, f"{step.label} {what}", f"order:{step.name}")
