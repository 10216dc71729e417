"""The instructions name another tool of the repository, and never the SOP's own.

## What it does
Compares an SOP's instructions with its `tool:`. When they never mention that tool but do
name a tool that another SOP of the repository gives as its `tool:` (`Open Hootsuite`
while `tool: Buffer`), reports the first such mention. The tools are the repository's
own: there is no built-in list of products. Instructions that name their own tool may
name others freely (`save it in Google Drive`, `post in Slack`): most work crosses tools.

## Why
Either the instructions were copied from another SOP, or the team moved to another tool
and only one of the two was updated. A newcomer cannot tell which one to open.

## Bad
```markdown
---
tool: Buffer
---
1. Open Hootsuite and pick the @acme channel.
```

## Good
```markdown
---
tool: Buffer
---
1. Open Buffer and pick the @acme channel.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Position, Problem, Severity
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover
from sop_lint.rules.support.tools import other_tools_named

CODE = "I005"
NAME = "other-tool"
SEVERITY = Severity.WARNING
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"tool", "tool_use"})


def check(repository: Repository) -> Iterator[Problem]:
    named = other_tools_named(repository)
    for sop in repository.sops:
        found = named.get(sop.path)
        if found is None or sop.tool_use is None:
            continue
        name, line, column = found
        yield Problem(
            sop.path,
            Position(line, column),
            f"the instructions of {sop.label} name {name} but never its tool, {sop.tool_use.tool}: "
            f"say where each step is done, or correct `tool:` if the SOP moved to {name}",
            f"tool:{name.lower()}",
        )
