"""An SOP's `account` names none of the inventory's accounts.

## What it does
With an inventory that lists `accounts`, checks that an SOP's `account:` names one of
them. It names one when it contains the account's name as whole words, ignoring case:
`Company X account @acme` names `@acme`; `@acme-eu` and `billing@acme.com` do not. The
advice lists the inventory's accounts of the SOP's tool. Without an inventory, or one
that lists no accounts, the rule does not run.

## Why
The account is who the work is done as. One the inventory does not know is a typo, a
personal login, or a shared login nobody looks after: when it is renamed or retired,
nobody can find the SOPs that use it.

## Bad
```yaml
# sop-lint.yaml: inventory: {accounts: [{name: "@acme", tool: Buffer}]}
tool: Buffer
account: Sam's own login
```

## Good
```yaml
tool: Buffer
account: Company X account @acme
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover
from sop_lint.rules.support.vocabulary import accounts_of, value_position, vocabulary

CODE = "V003"
NAME = "unknown-account"
SEVERITY = Severity.WARNING
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"account", "tool"})


def check(repository: Repository) -> Iterator[Problem]:
    inventory = repository.config.inventory
    if inventory is None or not inventory.accounts:
        return
    names = vocabulary(repository)
    for (tool, value), sops in names.by_account.items():
        if inventory.accounts_in(value):
            continue
        tools = names.listed(tool)
        known = accounts_of(inventory, tools)
        tool_names = " and ".join(tool.name for tool in tools)
        listed = f"the inventory lists {known} for {tool_names}: name one of them" if known else "name an account the inventory lists"
        for sop in sops:
            message = f"the account of {sop.label} names none of the inventory's accounts: {listed}, or add this one to `inventory.accounts`"
            yield Problem(sop.path, value_position(sop, "account"), message, f"account:{value.casefold()}")
