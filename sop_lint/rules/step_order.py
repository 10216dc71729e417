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

## Fix
Safe (`check --fix`): when every step is numbered, the numbers (in names, or in `order:`)
are rewritten 1, 2, 3 in list order, each where it stands. Unsafe (`--unsafe-fixes`):
`steps:` written as a mapping (`Draft the copy: draft-post-copy`, one per line) becomes
the list of `- name:` and `sop:` items it stands for; unsafe because an id may be a
process's (then R001 says to write `process:`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Edit, Fix, Problem, Safety, Severity
from sop_lint.kinds import Kind
from sop_lint.model.repository import Process
from sop_lint.model.summary import STEP_NUMBER
from sop_lint.reading.lines import split_lines
from sop_lint.rules.base import ANY_ITEM, FileContext, SchemaCover
from sop_lint.rules.support.edits import step_pair_edit, value_edit

CODE = "P004"
NAME = "step-order"
SEVERITY = Severity.ERROR
FIXES = (Safety.SAFE, Safety.UNSAFE)
SCHEMA_COVERS: tuple[SchemaCover, ...] = (
    SchemaCover(Kind.PROCESS, ("steps",), frozenset({"type"})),
    SchemaCover(Kind.PROCESS, ("steps", ANY_ITEM, "order"), frozenset({"minimum"})),
)


def check_file(file: FileContext) -> Iterator[Problem]:
    process = file.item
    if not isinstance(process, Process):
        return
    steps = process.document.get("steps")
    if steps is not None and not isinstance(steps, list):
        yield Problem(
            process.path,
            process.document.position(("steps",)),
            f"the `steps` of {process.label} should be a list (one `- name: ...` entry per step), "
            "so that their order is the order of work",
            "steps",
            _as_list(process, steps),
        )
        return
    yield from _explicit_orders(process, steps or [])
    yield from _numbered_names(process)


def _explicit_orders(process: Process, entries: list[object]) -> Iterator[Problem]:
    """Whole-number `order:` values against list positions; other values are the schema's."""
    orders = [entry.get("order") for entry in entries if isinstance(entry, dict)]
    if any(order is not None and (isinstance(order, bool) or not isinstance(order, int)) for order in orders):
        return
    numbers = [order if isinstance(order, int) else None for order in orders]
    yield from _first_misnumbered(
        process,
        numbers,
        "order",
        missing="has no `order` while other steps do: add `order: {position}`",
        wrong="has `order: {number}` but is step {position} in the list: orders must run 1, 2, 3 in list order",
    )


def _numbered_names(process: Process) -> Iterator[Problem]:
    yield from _first_misnumbered(
        process,
        [step.number for step in process.steps],
        "name",
        missing="is not numbered while other steps are: start its name with `{position}.`",
        wrong="is numbered {number} but is step {position} in the list: renumber the steps 1, 2, 3 in list order",
    )


def _first_misnumbered(process: Process, numbers: list[int | None], key: str, missing: str, wrong: str) -> Iterator[Problem]:
    """The first step whose number is absent (while others have one) or not its list position."""
    if all(number is None for number in numbers):
        return
    for step, number in zip(process.steps, numbers, strict=True):
        position = step.index + 1
        if number != position:
            what = (missing if number is None else wrong).format(number=number, position=position)
            where = process.document.position(("steps", step.index, key if number is not None else "name"))
            yield Problem(process.path, where, f"{step.label} {what}", f"order:{step.name}", _renumbered(process, numbers, key))
            return


def _as_list(process: Process, steps: object) -> Fix | None:
    """`steps:` written as a mapping of step names to ids, each entry on one line, as the
    list of `name:`/`sop:` items it stands for."""
    if not isinstance(steps, dict) or not steps or not all(isinstance(target, str) for target in steps.values()):
        return None
    edits = [step_pair_edit(process.document, ("steps", name), str(target), in_list=False) for name, target in steps.items()]
    if None in edits:
        return None
    as_list = [{"name": name, "sop": target} for name, target in steps.items()]
    return Fix("write the steps as a list of `name:` and `sop:` items", Safety.UNSAFE, tuple(e for e in edits if e), ((("steps",), as_list),))


def _renumbered(process: Process, numbers: list[int | None], key: str) -> Fix | None:
    """Every step numbered by its place in the list, when every step has a number to
    change (a step without one is left to the author: where would its number go?)."""
    if any(number is None for number in numbers):
        return None
    edits: list[Edit | None] = []
    sets: list[tuple[tuple[str | int, ...], object]] = []
    for step, number in zip(process.steps, numbers, strict=True):
        position = step.index + 1
        if number == position:
            continue
        path = ("steps", step.index, key)
        if key == "order":
            edits.append(_order_edit(process, path, number, position))
            sets.append((path, position))
        else:
            match = STEP_NUMBER.match(step.name or "")
            assert match is not None and step.name is not None  # it has a number
            edits.append(value_edit(process.document, path, str(position), start=match.start(1), old=match.group(1)))
            sets.append((path, step.name[: match.start(1)] + str(position) + step.name[match.end(1) :]))
    if not edits or None in edits:
        return None
    return Fix(f"renumber the steps' `{key}` 1, 2, 3 in list order", Safety.SAFE, tuple(e for e in edits if e), tuple(sets))


def renumbering(process: Process, key: str) -> Fix | None:
    """The edits that number every step by its place in the list, by `key` (`order` or
    `name`), when every step carries such a number and one is not its place: what a
    command that inserts a step (`sop-lint new --after`) makes after it, as P004's fix."""
    if key == "order":
        entries = process.document.get("steps")
        orders = [entry.get("order") for entry in entries if isinstance(entry, dict)] if isinstance(entries, list) else []
        numbers = [order if isinstance(order, int) and not isinstance(order, bool) else None for order in orders]
    else:
        numbers = [step.number for step in process.steps]
    if not numbers or len(numbers) != len(process.steps):
        return None
    return _renumbered(process, numbers, key)


def _order_edit(process: Process, path: tuple[str | int, ...], number: int | None, position: int) -> Edit | None:
    """`order: 3` written as the digits alone; any other spelling (`0x3`, `+3`) gets no edit."""
    text, at = process.document.text, process.document.position(path)
    lines = split_lines(text)
    if not text or at.line > len(lines) or not lines[at.line - 1][at.column - 1 :].startswith(str(number)):
        return None
    return Edit(at, str(number), str(position))
