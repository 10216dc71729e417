"""The instructions never mention the SOP's own tool.

## What it does
Reports an SOP whose instructions never name the tool in its `tool:` field (any of them,
when it names several; `Docs` counts for `Google Docs`). When they name another tool of
the repository instead, I005 reports that, and this rule stays quiet.

## Why
`tool:` says where the work happens; the steps should say it too, at the step where the
reader opens it. Instructions that never name it leave the newcomer to guess where
"click **New Post**" is.

## Bad
```markdown
---
tool: Buffer
---
1. Click **New Post** and paste the caption.
```

## Good
```markdown
---
tool: Buffer
---
1. Open Buffer, click **New Post** and paste the caption.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover
from sop_lint.rules.support.tools import other_tools_named, own_tools

CODE = "I006"
NAME = "tool-not-mentioned"
SEVERITY = Severity.INFO
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"tool", "tool_use"})


def check(repository: Repository) -> Iterator[Problem]:
    named = other_tools_named(repository)
    placeholders = repository.config.placeholders
    for sop in repository.sops:
        use = sop.tool_use
        if use is None or use.mentioned or not own_tools(sop, placeholders):
            continue
        if sop.path in named:
            continue  # I005's finding
        yield Problem(
            sop.path,
            sop.document.position(("tool",)),
            f"the instructions of {sop.label} never mention its tool, {use.tool}: name it at the step where the reader opens it",
            "tool",
        )
