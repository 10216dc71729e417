"""An SOP's `account` belongs to another tool than the SOP's.

## What it does
With an inventory that says which tool each account belongs to, reports an SOP whose
`account:` names only accounts of other tools than its `tool:` (`tool: Canva` with the
Buffer account `@acme`). An account listed without a `tool` (a login several tools share)
belongs to every tool; an account of the tool that replaced a retired one is V002's
business, not this rule's. Tools the inventory does not list are V001's, and left out here.

## Why
Either the account or the tool is wrong, often because the SOP was copied from another
one, or the team switched tools and only one of the two fields was updated. A newcomer
cannot sign in to one tool with another tool's account.

## Bad
```yaml
# sop-lint.yaml: inventory: {tools: [{name: Buffer}, {name: Canva}], accounts: [{name: "@acme", tool: Buffer}]}
tool: Canva
account: Company X account @acme
```

## Good
```yaml
tool: Buffer
account: Company X account @acme
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.config.inventory import Inventory, InventoryAccount, InventoryTool, folded
from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover
from sop_lint.rules.support.vocabulary import accounts_of, value_position, vocabulary

CODE = "V004"
NAME = "account-of-other-tool"
SEVERITY = Severity.WARNING
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"account", "tool"})


def check(repository: Repository) -> Iterator[Problem]:
    inventory = repository.config.inventory
    if inventory is None or not inventory.accounts:
        return
    names = vocabulary(repository)
    for (tool, value), sops in names.by_account.items():
        tools = names.listed(tool)
        account = _other_tools_account(inventory, tools, value)
        if account is None:
            continue
        its_tool = inventory.tool(account.tool or "")
        belongs = its_tool.name if its_tool is not None else account.tool
        tool_names = " and ".join(tool.name for tool in tools)
        known = accounts_of(inventory, tools)
        instead = f"name an account of {tool_names} ({known})" if known else f"name an account of {tool_names}"
        for sop in sops:
            message = (
                f"the account `{account.name}` of {sop.label} belongs to {belongs} in the inventory, not to {tool_names}: "
                f"{instead}, or correct `tool:`"
            )
            yield Problem(sop.path, value_position(sop, "account"), message, f"account:{folded(account.name)}")



def _other_tools_account(inventory: Inventory, tools: list[InventoryTool], value: str) -> InventoryAccount | None:
    """The account `value` names, when every account it names belongs to a tool other than
    `tools` (and their replacements: a retired tool is V002's); None otherwise."""
    accounts = inventory.accounts_in(value)
    if not accounts or not tools:
        return None
    own = {folded(name) for tool in tools for name in (tool.name, inventory.current(tool).name)}
    if any(account.tool is None or _tool_name(inventory, account.tool) in own for account in accounts):
        return None
    return accounts[0]


def _tool_name(inventory: Inventory, name: str) -> str:
    """An account's tool as the inventory's own name of it (an account may name a tool by an alias)."""
    tool = inventory.tool(name)
    return folded(tool.name if tool is not None else name)
