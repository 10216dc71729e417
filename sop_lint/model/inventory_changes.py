"""What a change did to the inventory, for `diff`: a tool retired or removed, an alias
dropped, an account renamed or removed, an owner removed; each with the SOPs of the head
it affects, found as the base's inventory understood them (an SOP writing `buffer.com`
used Buffer until the alias was dropped). A change the pull request already followed
through (its SOPs were edited too) affects no SOP any more, and says so.

An account is renamed when, for one tool, the change removes one account and adds one;
otherwise it is removed (and the new one is simply new). Additions are not listed: they
affect no SOP until one uses them, and the rules judge that use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sop_lint.config.inventory import Inventory, InventoryAccount, folded
from sop_lint.model.repository import Repository, Sop


@dataclass(frozen=True)
class InventoryChange:
    """`change` is `retired`, `removed`, `alias-dropped` or `renamed`; `detail` the
    replacement tool, the alias dropped or the account's new name."""

    kind: str
    name: str
    change: str
    detail: str | None
    sops: tuple[str, ...]

    def describe(self) -> str:
        what = {
            "retired": f"tool `{self.name}` retired, replaced by `{self.detail}`",
            "alias-dropped": f"alias `{self.detail}` of tool `{self.name}` dropped",
            "renamed": f"{self.kind} `{self.name}` renamed to `{self.detail}`",
        }.get(self.change, f"{self.kind} `{self.name}` removed from the inventory")
        if not self.sops:
            return f"{what}: no SOP uses it"
        listed = ", ".join(f"`{identifier}`" for identifier in self.sops)
        return f"{what}: used by SOP{'s' if len(self.sops) != 1 else ''} {listed}"


def inventory_changes(
    base: Inventory | None, head: Inventory | None, repository: Repository, tools_of: Callable[[Sop], Iterable[str]]
) -> tuple[InventoryChange, ...]:
    """The changes from `base` to `head` (no inventory counts as an empty one), with the SOPs
    of `repository`; `tools_of` gives the tools an SOP's `tool:` names, as `base` reads it."""
    before, after = base or Inventory(), head or Inventory()

    def using(test: Callable[[Sop], bool]) -> tuple[str, ...]:
        return tuple(sorted(sop.id or sop.path for sop in repository.sops if test(sop)))

    return (*_tools(before, after, using, tools_of), *_accounts(before, after, using), *_owners(before, after, using))


Users = Callable[[Callable[[Sop], bool]], tuple[str, ...]]


def _tools(before: Inventory, after: Inventory, using: Users, tools_of: Callable[[Sop], Iterable[str]]) -> Iterator[InventoryChange]:
    for tool in before.tools:
        def uses(sop: Sop, name: str = tool.name) -> bool:
            return any((known := before.tool(written)) is not None and known.name == name for written in tools_of(sop))

        now = after.tool(tool.name)
        if now is None:
            yield InventoryChange("tool", tool.name, "removed", None, using(uses))
            continue
        if now.retired and not tool.retired:
            yield InventoryChange("tool", tool.name, "retired", after.current(now).name, using(uses))
        for alias in tool.aliases:
            if after.tool(alias) is None:
                yield InventoryChange("tool", tool.name, "alias-dropped", alias, using(
                    lambda sop, alias=alias: any(folded(written) == folded(alias) for written in tools_of(sop))  # type: ignore[misc]
                ))


def _accounts(before: Inventory, after: Inventory, using: Users) -> Iterator[InventoryChange]:
    kept = {folded(account.name) for account in after.accounts}
    gone = [account for account in before.accounts if folded(account.name) not in kept]
    new = [account for account in after.accounts if folded(account.name) not in {folded(old.name) for old in before.accounts}]
    for account in gone:
        renamed = _renamed(account, gone, new)

        def holds(sop: Sop, name: str = account.name) -> bool:
            return sop.account is not None and any(held.name == name for held in before.accounts_in(sop.account))

        yield InventoryChange("account", account.name, "renamed" if renamed else "removed", renamed, using(holds))


def _renamed(account: InventoryAccount, gone: list[InventoryAccount], new: list[InventoryAccount]) -> str | None:
    """The new name of `account`: the one account the change adds for its tool, when it removes only this one."""
    same_tool = [other for other in new if folded(other.tool or "") == folded(account.tool or "")]
    removed = [other for other in gone if folded(other.tool or "") == folded(account.tool or "")]
    return same_tool[0].name if account.tool and len(same_tool) == 1 and len(removed) == 1 else None


def _owners(before: Inventory, after: Inventory, using: Users) -> Iterator[InventoryChange]:
    for owner in before.owners:
        if after.owner(owner.name) is None:
            yield InventoryChange("owner", owner.name, "removed", None, using(
                lambda sop, name=owner.name: sop.review.owner is not None and folded(sop.review.owner) == folded(name)  # type: ignore[misc]
            ))
