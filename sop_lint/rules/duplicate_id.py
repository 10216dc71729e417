"""Two processes, or two SOPs, share an id.

## What it does
Checks that each process id and each SOP id is used by one file only. When one of the
files sharing an id is named after it (the original, usually: the others are copies),
every other file is reported, with the id its own file name suggests. When none is, or
several are (the same file name in two folders), every file sharing the id is reported,
since nothing tells which one steps mean.

## Why
Steps refer to SOPs by id. With two SOPs of one id, a step silently points at one of them,
and edits to the other never reach the people doing the work. The usual cause is a copied
file whose id was not changed: the copy is the one to fix, never the original that the
processes already use.

## Bad
```yaml
# sops/social/schedule-post.md, and its copy sops/social/boost-post.md
id: schedule-post
```

## Good
```yaml
# sops/social/schedule-post.md
id: schedule-post
# sops/social/boost-post.md
id: boost-post
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import PurePosixPath

from sop_lint.findings import Problem, Severity
from sop_lint.kinds import Kind
from sop_lint.model.repository import Process, Repository, Sop
from sop_lint.model.summary import usable_id
from sop_lint.rules.base import SchemaCover

CODE = "R002"
NAME = "duplicate-id"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"id"})

# A message names this many of the other files at most (a folder copied wholesale shares
# every id with the original).
_NAMED_AT_MOST = 3


def check(repository: Repository) -> Iterator[Problem]:
    for kind in (Kind.PROCESS, Kind.SOP):
        ids = repository.ids_of(kind)
        for identifier, items in ids.items():
            if len(items) > 1:
                yield from _duplicates(kind, identifier, sorted(items, key=lambda item: item.path), ids)


def _duplicates(kind: Kind, identifier: str, items: Sequence[Process | Sop], ids: Mapping[str, object]) -> Iterator[Problem]:
    named = [item for item in items if PurePosixPath(item.path).stem == identifier]
    for item in items:
        if len(named) == 1:
            if item is named[0]:
                continue
            where = f"is already used by {named[0].path}"
        else:
            others = [other.path for other in items if other is not item]
            more = f" and {len(others) - _NAMED_AT_MOST} more" if len(others) > _NAMED_AT_MOST else ""
            where = f"is also used by {', '.join(others[:_NAMED_AT_MOST])}{more}"
        stem = PurePosixPath(item.path).stem
        if stem != identifier and usable_id(stem) and stem not in ids:
            fix = f"change this {kind.noun}'s id to `{stem}`"
        else:
            fix = f"give this {kind.noun} an id of its own, and name its file after it"
        yield Problem(item.path, item.document.position(("id",)), f"{kind.noun} id `{identifier}` {where}: {fix}", f"id:{identifier}")
