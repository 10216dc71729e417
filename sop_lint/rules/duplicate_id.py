"""Two processes, or two SOPs, share an id.

## What it does
Checks that each process id and each SOP id is used by one file only, and reports every
file after the first (in path order) that reuses an id.

## Why
Steps refer to SOPs by id. With two SOPs of one id, a step silently points at one of them,
and edits to the other never reach the people doing the work.

## Bad
```yaml
# sops/social/schedule-post.md and sops/video/schedule-post.yaml
id: schedule-post
```

## Good
```yaml
# sops/social/schedule-post.md
id: schedule-post
# sops/video/schedule-video-premiere.yaml
id: schedule-video-premiere
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from sop_lint.findings import Problem, Severity
from sop_lint.kinds import Kind
from sop_lint.model.repository import Process, Repository, Sop
from sop_lint.rules.base import SchemaCover

CODE = "R002"
NAME = "duplicate-id"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check(repository: Repository) -> Iterator[Problem]:
    for kind in (Kind.PROCESS, Kind.SOP):
        yield from _duplicates(kind.noun, repository.ids_of(kind))


def _duplicates(noun: str, ids: Mapping[str, Sequence[Process | Sop]]) -> Iterator[Problem]:
    for identifier, items in ids.items():
        first, *others = sorted(items, key=lambda item: item.path)
        for item in others:
            yield Problem(
                item.path,
                item.document.position(("id",)),
                f"{noun} id `{identifier}` is already used by {first.path}: give this {noun} its own id",
                f"id:{identifier}",
            )
