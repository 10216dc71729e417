"""What the vocabulary rules (V) share: the tools an SOP's `tool:` names, each with where it
is written, and where a value of an SOP is written.

A `tool:` names one tool (`Google Docs`), or several joined by `,`, `;`, `/`, `+`, `&`,
`and` or `or` (`Xero and Gmail`); a remark in parentheses names none (`Google Docs
(drafts)`). With an inventory, a whole value it knows is one tool even when it holds such
a word (`Sales & Marketing Hub`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from sop_lint.config.inventory import Inventory, InventoryTool, folded
from sop_lint.findings import Edit, Fix, Position, Safety
from sop_lint.model.repository import Repository, Sop
from sop_lint.rules.support.placeholders import find_placeholder

_REMARK = re.compile(r"\([^()]*\)")
_JOINS = re.compile(r"[,;/+&]|\band\b|\bor\b", re.IGNORECASE)
_TRIM = " \t.-'\""


@functools.lru_cache(maxsize=4096)
def written_tools(value: str) -> tuple[tuple[str, int], ...]:
    """The tools `value` names, each as written and with its offset in the value."""
    masked = _REMARK.sub(lambda match: " " * len(match.group()), value)
    found = []
    start = 0
    for match in [*_JOINS.finditer(masked), None]:
        end = len(masked) if match is None else match.start()
        part = masked[start:end]
        name = part.strip(_TRIM)
        if len(name) >= 2:
            found.append((name, start + part.index(name)))
        start = end if match is None else match.end()
    return tuple(found)


def tools_in(value: str, placeholders: tuple[str, ...], inventory: Inventory | None = None) -> tuple[tuple[str, int], ...]:
    """The tools a `tool:` value names with their offsets; none when it is a placeholder
    (C002 reports that)."""
    if find_placeholder(value, placeholders) is not None:
        return ()
    whole = value.strip(_TRIM)
    if inventory is not None and len(whole) >= 2 and inventory.tool(whole) is not None:
        return ((whole, value.index(whole)),)
    return written_tools(value)


class Vocabulary:
    """What the V rules ask, worked out once per distinct value: thousands of SOPs write a
    few dozen tools, accounts and owners, and six rules ask. The SOPs come grouped by the
    value a rule judges, so a rule judges each value once and reports on every SOP of it."""

    def __init__(self, repository: Repository) -> None:
        self.placeholders = repository.config.placeholders
        self.inventory = repository.config.inventory
        self._sops = repository.sops
        self._tools: dict[str, tuple[tuple[str, int], ...]] = {}
        self._listed: dict[str, list[InventoryTool]] = {}

    @functools.cached_property
    def by_tool(self) -> dict[str, list[Sop]]:
        """The SOPs by their `tool:` as written."""
        return _grouped((sop.tool, sop) for sop in self._sops)

    @functools.cached_property
    def by_account(self) -> dict[tuple[str | None, str], list[Sop]]:
        """The SOPs by their `tool:` and `account:` as written, when the account is a real
        value (a placeholder is C002's)."""
        real: dict[str, bool] = {}
        grouped: dict[tuple[str | None, str], list[Sop]] = {}
        for sop in self._sops:
            value = sop.account
            if value is None:
                continue
            if value not in real:
                real[value] = find_placeholder(value, self.placeholders) is None
            if real[value]:
                grouped.setdefault((sop.tool, value), []).append(sop)
        return grouped

    @functools.cached_property
    def by_owner(self) -> dict[str, list[Sop]]:
        """The SOPs by their `owner:` as written."""
        return _grouped((sop.review.owner, sop) for sop in self._sops)

    def tools(self, value: str | None) -> tuple[tuple[str, int], ...]:
        """The tools a `tool:` value names, each with its offset in the value."""
        if value is None:
            return ()
        found = self._tools.get(value)
        if found is None:
            found = self._tools[value] = tools_in(value, self.placeholders, self.inventory)
        return found

    def listed(self, value: str | None) -> list[InventoryTool]:
        """The inventory's tools a `tool:` value names (those it does not list are V001's)."""
        inventory = self.inventory
        if inventory is None or value is None:
            return []
        found = self._listed.get(value)
        if found is None:
            found = self._listed[value] = [tool for written, _ in self.tools(value) if (tool := inventory.tool(written)) is not None]
        return found


def _grouped(pairs: Iterable[tuple[str | None, Sop]]) -> dict[str, list[Sop]]:
    grouped: dict[str, list[Sop]] = {}
    for value, sop in pairs:
        if value is not None:
            grouped.setdefault(value, []).append(sop)
    return grouped


_last: tuple[Repository, Vocabulary] | None = None


def vocabulary(repository: Repository) -> Vocabulary:
    """The `Vocabulary` of the last repository asked (each V rule asks in turn)."""
    global _last
    if _last is None or _last[0] is not repository or _last[1].inventory is not repository.config.inventory:
        _last = (repository, Vocabulary(repository))
    return _last[1]


def value_position(sop: Sop, key: str, offset: int = 0) -> Position:
    """Where the SOP's `key` value is written, `offset` characters in (for a plain value on
    one line: a quoted one starts a column earlier)."""
    at = sop.document.position((key,))
    return Position(at.line, at.column + offset)


def replacing_fix(sop: Sop, key: str, value: str, written: str, offset: int, new: str) -> Fix:
    """The unsafe fix that writes `new` in place of `written` (at `offset` of the SOP's `key`
    value): unsafe, like R001's, because the near name may not be the one meant."""
    edit = Edit(value_position(sop, key, offset), written, new)
    return Fix(f"write `{new}`", Safety.UNSAFE, (edit,), (((key,), value[:offset] + new + value[offset + len(written) :]),))


def accounts_of(inventory: Inventory, tools: list[InventoryTool]) -> str:
    """The inventory's accounts of `tools`, to name in advice (`@acme`, `@acme_eu`), or ''."""
    names = {folded(tool.name) for tool in tools}
    found = [
        f"`{account.name}`"
        for account in inventory.accounts
        if account.tool is not None and (tool := inventory.tool(account.tool)) is not None and folded(tool.name) in names
    ]
    return ", ".join(found[:3]) + (" …" if len(found) > 3 else "")
