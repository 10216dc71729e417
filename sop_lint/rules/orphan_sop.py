"""An SOP is not used by any process.

## What it does
Reports SOPs that no process step names in `sop:`. While a process file cannot be read,
or has no readable list of steps, this rule waits: that process may be the one using
the SOP. An SOP that a misspelt reference was meant to name (the one `unknown-reference`
suggests) is not reported either: the reference is the problem. An SOP that says
`standalone: true` is used by no process on purpose (a recurring chore of its own).

## Why
An SOP nobody reaches from a process is either left over from a process that changed, or
a step missing from its process. Either way it is not kept up to date for long.

## Bad
```yaml
# sops/social/post-to-myspace.md exists, and no process has `sop: post-to-myspace`
```

## Good
```yaml
steps:
  - name: Post to MySpace
    sop: post-to-myspace
```

```yaml
# sops/it/check-backups.md: a monthly chore no process leads to
standalone: true
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.kinds import Kind
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover

CODE = "R004"
NAME = "orphan-sop"
SEVERITY = Severity.WARNING
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"id", "steps", "standalone", "lists_steps"})


def check(repository: Repository) -> Iterator[Problem]:
    if not repository.every_process_lists_its_steps:
        return  # that process may use any SOP; its own finding comes first
    unused = [
        sop for sop in repository.sops if sop.id and not sop.standalone and sop.id not in repository.sop_uses and repository.reports(sop.path)
    ]
    if not unused:  # the usual case: no suggestion need be looked for
        return
    misspelt_for = {repository.closest_id(Kind.SOP, wanted) for wanted in repository.sop_uses if wanted not in repository.sop_ids}
    for sop in unused:
        if sop.id not in misspelt_for:
            yield Problem(
                sop.path,
                sop.document.position(("id",)),
                f"{sop.label} is not used by any process: add a step with `sop: {sop.id}` to a process, "
                "write `standalone: true` if it is a chore of its own, or delete it",
                f"id:{sop.id}",
            )
