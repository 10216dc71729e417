"""A step refers to an SOP or process that does not exist.

## What it does
Checks that every `sop:` and `process:` in a step names the id of an existing SOP or
process, and suggests the closest existing id when there is one.

A step whose target file exists but cannot be read is left to the syntax rules.

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

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from sop_lint.field_values import describe_step
from sop_lint.findings import Problem, Severity
from sop_lint.model import Repository, StepUse
from sop_lint.rule import SchemaCover

CODE = "R001"
NAME = "unknown-reference"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check(repository: Repository) -> Iterator[Problem]:
    sops = _Target("sop", "SOP", repository.sop_uses, repository.sop_ids)
    processes = _Target("process", "process", repository.process_uses, repository.process_ids)
    for target, other in ((sops, processes), (processes, sops)):
        for wanted, uses in target.uses.items():
            if wanted in target.ids or wanted in repository.unreadable[target.key]:
                continue
            close = difflib.get_close_matches(wanted, list(target.ids), n=1, cutoff=0.6)
            if close:
                advice = f"did you mean `{close[0]}`?"
            elif wanted in other.ids:
                advice = f"`{wanted}` is a{'n' if other.noun == 'SOP' else ''} {other.noun}, so write `{other.key}: {wanted}`"
            else:
                advice = f"create the {target.noun} or correct the id"
            for use in uses:
                position = use.process.document.position(("steps", use.step.index, target.key))
                message = f"{describe_step(use.step)} uses {target.noun} `{wanted}`, which does not exist: {advice}"
                yield Problem(use.process.path, position, message, f"{target.key}:{wanted}")


@dataclass(frozen=True)
class _Target:
    key: str
    noun: str
    uses: Mapping[str, list[StepUse]]
    ids: Mapping[str, object]
