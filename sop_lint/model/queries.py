"""What the queries (`find`, `inventory`, `owners`) ask of the model: which SOPs name a
tool, an account or an owner, or take part in a process, with names compared as people
write them.

Names match ignoring case and surrounding spaces (`buffer ` is `Buffer`); a tool also
through the aliases of the inventory, when the configuration has one (`buffer.com` is
Buffer). An SOP's `tool` may name several (`Canva, Buffer`): each counts. An SOP's
`account` matches an account it contains (`Company X account @acme` contains `@acme`).
An owner matches with or without its `@` (`social-team` is `@social-team`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from sop_lint.config.settings import Config
from sop_lint.model.repository import Process, Repository, Sop
from sop_lint.model.tool_mentions import tool_names


class Selector(StrEnum):
    """What `find` looks for."""

    TOOL = "tool"
    ACCOUNT = "account"
    OWNER = "owner"
    USES = "uses"


def folded(name: str) -> str:
    """A name as compared: no case, no surrounding spaces."""
    return name.strip().casefold()


def owner_key(name: str) -> str:
    return folded(name).removeprefix("@")


@dataclass(frozen=True)
class Catalog:
    """What the queries need of the inventory: each tool's name under every spelling
    (folded name or alias → the inventory's name), the retired tools with their
    replacement, the accounts with their tool, and the owners with their contact. Empty
    without an inventory (`present` False): names are then taken as the SOPs write them."""

    present: bool = False
    tools: dict[str, str] = field(default_factory=dict)
    retired: dict[str, str | None] = field(default_factory=dict)
    accounts: dict[str, str | None] = field(default_factory=dict)
    owners: dict[str, str | None] = field(default_factory=dict)

    def tool(self, name: str) -> str | None:
        """The inventory's name for the tool `name` (or an alias of it) names, if any."""
        return self.tools.get(folded(name))

    def account(self, value: str) -> str | None:
        """The inventory account an SOP's `account` value contains (the longest, when several do)."""
        inside = [name for name in self.accounts if folded(name) in folded(value)]
        return max(inside, key=len) if inside else None

    def owner(self, name: str) -> str | None:
        return next((known for known in self.owners if owner_key(known) == owner_key(name)), None)

    def contact(self, owner: str) -> str | None:
        known = self.owner(owner)
        return self.owners[known] if known is not None else None


def tools_of(sop: Sop) -> tuple[str, ...]:
    """The tools an SOP's `tool` names, as written."""
    return tool_names(sop.tool) if sop.tool else ()


def tool_key(name: str, catalog: Catalog) -> str:
    """What two spellings of one tool share: the inventory's name, else the folded name."""
    return folded(catalog.tool(name) or name)


def matches(sop: Sop, owner: str | None, selector: Selector, value: str, catalog: Catalog) -> bool:
    """Whether the SOP (whose owner, its own or CODEOWNERS', is `owner`) answers the
    query; `uses` is answered by `used_sops`, not here."""
    if selector is Selector.TOOL:
        wanted = tool_key(value, catalog)
        return any(tool_key(name, catalog) == wanted for name in (*tools_of(sop), *([sop.tool] if sop.tool else [])))
    if selector is Selector.ACCOUNT:
        return sop.account is not None and bool(folded(value)) and folded(value) in folded(sop.account)
    return owner is not None and owner_key(owner) == owner_key(value)


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


def catalog_of(config: Config) -> Catalog:
    """The inventory of the configuration as the queries use it (see `Catalog`)."""
    return Catalog()
