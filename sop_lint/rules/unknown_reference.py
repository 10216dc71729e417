"""A step refers to an SOP or process that does not exist.

## What it does
Checks that every `sop:` and `process:` in a step names the id of an existing SOP or
process, and suggests the closest existing id when there is one.

A step whose target file exists but cannot be read, or has a malformed id, is left to\nthe rule that reports that file.

## Why
A dangling reference is a step nobody can carry out: the SOP was renamed, deleted or
misspelt. It is the most common way an ops repository drifts from the truth.

## Bad
```yaml
steps:
  - name: Schedule post
    sop: schedule-posts
```

## Good
```yaml
steps:
  - name: Schedule post
    sop: schedule-post
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from sop_lint.findings import Problem, Severity
from sop_lint.kinds import Kind
from sop_lint.model.repository import Repository, StepUse
from sop_lint.rules.base import ANY_ITEM, SchemaCover

CODE = "R001"
NAME = "unknown-reference"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = (
    SchemaCover(Kind.PROCESS, ("steps", ANY_ITEM, "sop"), frozenset({"pattern", "maxLength"})),
    SchemaCover(Kind.PROCESS, ("steps", ANY_ITEM, "process"), frozenset({"pattern", "maxLength"})),
)


def check(repository: Repository) -> Iterator[Problem]:
    sops, processes = (_Target(kind, repository.uses_of(kind), repository.ids_of(kind)) for kind in (Kind.SOP, Kind.PROCESS))
    for target, other in ((sops, processes), (processes, sops)):
        for wanted, uses in target.uses.items():
            if wanted in target.ids or wanted in repository.unnamed[target.kind]:
                continue
            suggestion = repository.closest_id(target.kind, wanted)
            if suggestion:
                advice = f"did you mean `{suggestion}`?"
            elif any(mark in wanted for mark in ("/", "\\", "..")):
                advice = f"a step names {target.kind.article} by its id (lowercase words joined by dashes), never by a path"
            elif wanted in other.ids:
                advice = f"`{wanted}` is {other.kind.article}, so write `{other.kind}: {wanted}`"
            else:
                advice = f"create the {target.kind.noun} or correct the id"
            for use in uses:
                position = use.process.document.position(("steps", use.step.index, target.kind.value))
                message = f"{use.step.label} uses {target.kind.noun} `{wanted}`, which does not exist: {advice}"
                yield Problem(use.process.path, position, message, f"{target.kind}:{wanted}")


@dataclass(frozen=True)
class _Target:
    kind: Kind
    uses: Mapping[str, list[StepUse]]
    ids: Mapping[str, object]
