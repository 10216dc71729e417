"""An SOP's `tool` is not in the inventory.

## What it does
With an inventory in the configuration (`inventory.tools`), checks that each tool an SOP's
`tool:` names is one of them, by its name or one of its `aliases`, ignoring case and
spaces (`buffer.com` is Buffer when Buffer lists it as an alias). A name that is a near
typo of a listed one gets a suggestion (`Bufer`: did you mean `Buffer`?). Without an
inventory, or one that lists no tools, the rule does not run. A `tool:` naming several
tools (`Xero and Gmail`) is checked tool by tool; a remark in parentheses is not a tool.

## Why
The inventory is the team's list of tools. A tool missing from it is a typo, a tool
nobody approved, or one the inventory forgot: when the team switches tools, `sop-lint
find --tool` and this family can only find the SOPs that spell their tool as listed.

## Bad
```yaml
# sop-lint.yaml: inventory: {tools: [{name: Buffer}]}
tool: Bufer
```

## Good
```yaml
tool: Buffer
```

## Fix
Unsafe (`check --fix --unsafe-fixes`): when the name is a near typo of exactly one listed
tool, that tool's name is written in its place. Unsafe because the near name may not be
the tool meant: read the diff (`check --diff --unsafe-fixes`) first. An alias is not a
mistake and is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Safety, Severity
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover
from sop_lint.rules.support.vocabulary import replacing_fix, value_position, vocabulary
from sop_lint.suggestions import Suggester

CODE = "V001"
NAME = "unknown-tool"
SEVERITY = Severity.WARNING
FIXES = (Safety.UNSAFE,)
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"tool"})


def check(repository: Repository) -> Iterator[Problem]:
    inventory = repository.config.inventory
    if inventory is None or not inventory.tools:
        return
    suggester = Suggester(inventory.tool_spellings)
    names = vocabulary(repository)
    for value, sops in names.by_tool.items():
        written_tools = names.tools(value)
        if len(names.listed(value)) == len(written_tools):
            continue  # every tool listed: most values
        for written, offset in written_tools:
            if inventory.tool(written) is not None:
                continue
            spelling = suggester.closest(written)
            meant = inventory.tool(spelling) if spelling is not None else None
            fixable = False
            if meant is None:
                advice = "add it to `inventory.tools` (or as an alias of a tool listed there), or name a tool the inventory lists"
            elif meant.retired:
                advice = f"did you mean `{meant.name}`? The inventory says it is replaced by `{inventory.current(meant).name}`"
            else:
                advice = f"did you mean `{meant.name}`?"
                fixable = {tool.name for name in suggester.near(written) if (tool := inventory.tool(name)) is not None} == {meant.name}
            for sop in sops:
                fix = replacing_fix(sop, "tool", value, written, offset, meant.name) if fixable and meant is not None else None
                message = f"{sop.label} names the tool `{written}`, which is not in the inventory: {advice}"
                yield Problem(sop.path, value_position(sop, "tool", offset), message, f"tool:{written.casefold()}", fix)
