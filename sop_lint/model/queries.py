"""What the queries (`find`, `inventory`, `owners`) ask of the model: which SOPs name a
tool, an account or an owner, or take part in a process, with names compared as people
write them.

Names match as the inventory compares them (see `config.inventory`): ignoring case and
spaces (`buffer ` is `Buffer`); a tool also through the aliases of the inventory, when
the configuration has one (`buffer.com` is Buffer). An SOP's `tool` may name several
(`Canva, Buffer`), split as the V rules split it: each counts. An SOP's `account` matches an account it contains as
whole words (`Company X account @acme` holds `@acme`; `@acmestudio` does not). An owner
matches with or without its `@` (`social-team` is `@social-team`).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from sop_lint.config.inventory import Inventory, InventoryAccount, folded
from sop_lint.model.repository import Process, Repository, Sop


class Selector(StrEnum):
    """What `find` looks for."""

    TOOL = "tool"
    ACCOUNT = "account"
    OWNER = "owner"
    USES = "uses"


def owner_key(name: str) -> str:
    """What two spellings of one owner share: `Social-Team` and `@social-team` are one."""
    return folded(name).removeprefix("@")


def tool_name(name: str, inventory: Inventory | None) -> str:
    """The inventory's name for the tool `name` is a spelling of, else `name`."""
    known = inventory.tool(name) if inventory is not None else None
    return known.name if known is not None else name.strip()


def tool_key(name: str, inventory: Inventory | None) -> str:
    """What two spellings of one tool share."""
    return folded(tool_name(name, inventory))


def account_name(value: str, inventory: Inventory | None) -> str:
    """The inventory account an SOP's `account` value holds, else the value."""
    known = inventory.account(value) if inventory is not None else None
    return known.name if known is not None else value.strip()


class Query:
    """One question of `find`, asked of each SOP in turn."""

    def __init__(self, selector: Selector, value: str, inventory: Inventory | None) -> None:
        self.selector, self.value, self.inventory = selector, value, inventory
        self._tool = tool_key(value, inventory)
        # The account asked for, as a one-account inventory: an SOP's `account` holds it as
        # the inventory's accounts are held, as whole words (`@acme` is not in `@acme-eu`).
        self._account = Inventory(accounts=(InventoryAccount(value.strip()),))

    def matches(self, sop: Sop, owner: str | None, tools: Iterable[str]) -> bool:
        """Whether the SOP (whose owner, its own or CODEOWNERS', is `owner`, and whose
        `tool:` names `tools`) answers the query; `uses` is answered by `used_sops`."""
        if self.selector is Selector.TOOL:
            return any(tool_key(name, self.inventory) == self._tool for name in tools)
        if self.selector is Selector.ACCOUNT:
            return sop.account is not None and self._account.account(sop.account) is not None
        return owner is not None and owner_key(owner) == owner_key(self.value)


def used_sops(repository: Repository, identifier: str) -> list[Sop] | None:
    """The SOPs an id takes part with: an SOP id, that SOP; a process id, every SOP its
    steps use, and its sub-processes' (each once). None when no file has that id."""
    if identifier in repository.sop_ids:
        return list(repository.sop_ids[identifier])
    if identifier not in repository.process_ids:
        return None
    found: dict[str, Sop] = {}
    seen: set[str] = set()
    waiting = [identifier]
    while waiting:
        current = waiting.pop()
        if current in seen:
            continue
        seen.add(current)
        for process in repository.process_ids.get(current, []):
            for step in process.steps:
                found.update((sop.path, sop) for sop in repository.sop_ids.get(step.sop or "", []))
                if step.process:
                    waiting.append(step.process)
    return sorted(found.values(), key=lambda sop: sop.path)


def users_of(repository: Repository, sop: Sop) -> tuple[str, ...]:
    """The ids of the processes with a step that uses the SOP."""
    uses = repository.sop_uses.get(sop.id, []) if sop.id else []
    return tuple(sorted({use.process.id or use.process.path for use in uses}))


def spellings(names: Iterable[str]) -> list[str]:
    """The distinct spellings, most written first (then alphabetically)."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name.strip()] = counts.get(name.strip(), 0) + 1
    return sorted(counts, key=lambda name: (-counts[name], name))


def owned(items: Iterable[Process | Sop], owner_of: dict[str, str | None]) -> dict[str, list[Process | Sop]]:
    """The items by owner key (see `owner_key`); "" for those without one."""
    by_owner: dict[str, list[Process | Sop]] = {}
    for item in items:
        owner = owner_of.get(item.path)
        by_owner.setdefault(owner_key(owner) if owner else "", []).append(item)
    return by_owner


def contact_of(owner: str, inventory: Inventory | None) -> str | None:
    """Where the inventory says reminders to `owner` go."""
    known = inventory.owner(owner) if inventory is not None else None
    return known.contact if known is not None else None
