"""An SOP's `tool` is retired in the inventory.

## What it does
With an inventory in the configuration, reports an SOP whose `tool:` names a tool the
inventory lists with `replaced-by`, and names the tool in use now (followed through every
later replacement: Hootsuite → Buffer → Later names Later).

## Why
When a team switches tools, every SOP of the old one must move: its `tool:`, its account
and its steps. This rule lists what is left to move, in review, before a newcomer opens a
tool the team has left.

## Bad
```yaml
# sop-lint.yaml: inventory: {tools: [{name: Buffer}, {name: Hootsuite, replaced-by: Buffer}]}
tool: Hootsuite
```

## Good
```yaml
tool: Buffer
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover
from sop_lint.rules.support.vocabulary import value_position, vocabulary

CODE = "V002"
NAME = "retired-tool"
SEVERITY = Severity.WARNING
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"tool"})


def check(repository: Repository) -> Iterator[Problem]:
    inventory = repository.config.inventory
    if inventory is None:
        return
    names = vocabulary(repository)
    for value, sops in names.by_tool.items():
        if not any(tool.retired for tool in names.listed(value)):
            continue
        for written, offset in names.tools(value):
            tool = inventory.tool(written)
            if tool is None or not tool.retired:
                continue
            now = inventory.current(tool).name
            for sop in sops:
                message = (
                    f"{sop.label} uses {tool.name}, which the inventory says is replaced by {now}: "
                    f"move the SOP to {now} (its `tool:`, account and steps), or retire the SOP"
                )
                yield Problem(sop.path, value_position(sop, "tool", offset), message, f"tool:{tool.name.casefold()}")
