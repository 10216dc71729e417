"""The inventory: the tools, accounts and owners a repository's SOPs rely on (issue 17).

It is read from the configuration's `inventory` key (see `schemas/inventory.schema.json`)
and kept in `Config.inventory`, None when the configuration has none: the rules that need
an inventory then stay quiet, and the queries work on what the SOPs say.

Names are compared as people write them, not as code would: ignoring case and the spaces
around and between words (`google  sheets ` is `Google Sheets`). A tool is also found by
its aliases; an SOP's `account:` holds an account when it contains the account's name as
whole words (`Company X account @acme` holds `@acme`, `@acme-eu` does not).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple


def folded(name: str) -> str:
    """A name as it is compared: case and runs of spaces do not count."""
    return " ".join(name.split()).casefold()


class InventoryTool(NamedTuple):
    """A tool; `replaced_by` names the tool that replaced it when it is retired."""

    name: str
    aliases: tuple[str, ...] = ()
    owner: str | None = None
    url: str | None = None
    replaced_by: str | None = None

    @property
    def retired(self) -> bool:
        return self.replaced_by is not None

    @property
    def spellings(self) -> tuple[str, ...]:
        """The name and every alias: what an SOP may write in `tool:` for this tool."""
        return (self.name, *self.aliases)


class InventoryAccount(NamedTuple):
    """An account, and the tool it belongs to (None: a login shared by several tools)."""

    name: str
    tool: str | None = None
    owner: str | None = None


class InventoryOwner(NamedTuple):
    """A team or person who owns SOPs, tools or accounts; `contact` is where reminders go."""

    name: str
    contact: str | None = None


@dataclass(frozen=True)
class Inventory:
    tools: tuple[InventoryTool, ...] = ()
    accounts: tuple[InventoryAccount, ...] = ()
    owners: tuple[InventoryOwner, ...] = ()

    def tool(self, name: str) -> InventoryTool | None:
        """The tool `name` is the name or an alias of, ignoring case and spaces."""
        return self._tools_by_spelling.get(folded(name))

    def current(self, tool: InventoryTool) -> InventoryTool:
        """The tool in use in place of `tool`: itself unless retired, else what replaced it,
        followed through every later replacement (Hootsuite → Buffer → Later)."""
        seen = {folded(tool.name)}
        while tool.replaced_by is not None:
            replacement = self.tool(tool.replaced_by)
            if replacement is None or folded(replacement.name) in seen:
                break
            seen.add(folded(replacement.name))
            tool = replacement
        return tool

    def accounts_in(self, value: str) -> tuple[InventoryAccount, ...]:
        """The accounts whose name `value` contains as whole words, longest name first
        (remembered: many SOPs write the same account)."""
        key = folded(value)
        found = self._accounts_in.get(key)
        if found is None:
            found = self._accounts_in[key] = tuple(a for a in self._accounts_longest_first if _contains(key, a.name))
        return found

    def account(self, value: str) -> InventoryAccount | None:
        """The account `value` names (the longest name it contains), if any."""
        return next(iter(self.accounts_in(value)), None)

    def owner(self, name: str) -> InventoryOwner | None:
        """The owner called `name`, ignoring case and spaces."""
        return self._owners_by_name.get(folded(name))

    @property
    def tool_spellings(self) -> tuple[str, ...]:
        """Every name and alias of every tool, for near-typo suggestions."""
        return tuple(spelling for tool in self.tools for spelling in tool.spellings)

    # Worked out on first use and kept on the instance (a frozen dataclass may hold them:
    # `cached_property` writes past `__setattr__`), so that a run asks in constant time.
    @functools.cached_property
    def _tools_by_spelling(self) -> dict[str, InventoryTool]:
        return {folded(spelling): tool for tool in reversed(self.tools) for spelling in tool.spellings}

    @functools.cached_property
    def _owners_by_name(self) -> dict[str, InventoryOwner]:
        return {folded(owner.name): owner for owner in reversed(self.owners)}

    @functools.cached_property
    def _accounts_longest_first(self) -> tuple[InventoryAccount, ...]:
        return tuple(sorted(self.accounts, key=lambda account: -len(account.name.strip())))

    @functools.cached_property
    def _accounts_in(self) -> dict[str, tuple[InventoryAccount, ...]]:
        return {}


def _contains(value: str, name: str) -> bool:
    return _whole_words(folded(name)).search(value) is not None


@functools.cache
def _whole_words(name: str) -> re.Pattern[str]:
    """`name` where it is not part of a longer word, handle or address: `@acme` is not in
    `@acme-eu`, `billing@acme.com` or `team@acme`, but is in `(@acme)` and `@acme.`"""
    return re.compile(rf"(?<![\w@.-]){re.escape(name)}(?![\w@-]|\.\w)")


def inventory_of(settings: dict[str, Any]) -> Inventory | None:
    """The inventory of a configuration's settings (already validated), None without one."""
    value = settings.get("inventory")
    if not isinstance(value, dict):
        return None
    return Inventory(
        tools=tuple(
            InventoryTool(
                name=item["name"].strip(),
                aliases=tuple(alias.strip() for alias in item.get("aliases", ())),
                owner=item.get("owner"),
                url=item.get("url"),
                replaced_by=item.get("replaced-by"),
            )
            for item in value.get("tools", ())
        ),
        accounts=tuple(
            InventoryAccount(name=item["name"].strip(), tool=item.get("tool"), owner=item.get("owner"))
            for item in value.get("accounts", ())
        ),
        owners=tuple(InventoryOwner(name=item["name"].strip(), contact=item.get("contact")) for item in value.get("owners", ())),
    )


def inventory_problems(inventory: Inventory) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """What the schema cannot say is wrong with an inventory: a name given twice, and a
    tool or owner named in it that it does not list. Each as (path under `inventory`, message)."""
    seen: dict[str, int] = {}
    for index, tool in enumerate(inventory.tools):
        for place, spelling in [(("name",), tool.name), *((("aliases", n), alias) for n, alias in enumerate(tool.aliases))]:
            first = seen.setdefault(folded(spelling), index)
            if first != index:
                both = f"`{inventory.tools[first].name}` and `{tool.name}`"
                yield ("tools", index, *place), f"`{spelling}` is given for two tools of the inventory, {both}: keep it for one"
            elif place != ("name",) and folded(spelling) == folded(tool.name):
                yield ("tools", index, *place), f"`{spelling}` is the name of tool `{tool.name}` already: remove the alias"
        if tool.replaced_by is not None and inventory.tool(tool.replaced_by) is None:
            yield ("tools", index, "replaced-by"), _unlisted("tool", tool.replaced_by, f"`replaced-by` of tool `{tool.name}`")
    pairs: set[tuple[str, str]] = set()
    for index, account in enumerate(inventory.accounts):
        pair = (folded(account.name), folded(account.tool or ""))
        if pair in pairs:
            yield ("accounts", index, "name"), f"account `{account.name}` is listed twice in the inventory: keep one"
        pairs.add(pair)
        if account.tool is not None and inventory.tools and inventory.tool(account.tool) is None:
            yield ("accounts", index, "tool"), _unlisted("tool", account.tool, f"`tool` of account `{account.name}`")
    names: set[str] = set()
    for index, owner in enumerate(inventory.owners):
        if folded(owner.name) in names:
            yield ("owners", index, "name"), f"owner `{owner.name}` is listed twice in the inventory: keep one"
        names.add(folded(owner.name))
    owned: list[tuple[str, int, InventoryTool | InventoryAccount]] = [
        *(("tool", index, tool) for index, tool in enumerate(inventory.tools)),
        *(("account", index, account) for index, account in enumerate(inventory.accounts)),
    ]
    for group, index, item in owned if inventory.owners else ():
        if item.owner is not None and inventory.owner(item.owner) is None:
            yield (f"{group}s", index, "owner"), _unlisted("owner", item.owner, f"`owner` of {group} `{item.name}`")


def _unlisted(kind: str, name: str, where: str) -> str:
    return f"{where} is `{name}`, which is not one of the inventory's {kind}s: add it to `inventory.{kind}s` or correct the name"
