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

from sop_lint.config.inventory import Inventory, InventoryTool, folded
from sop_lint.findings import Edit, Fix, Position, Safety
from sop_lint.model.repository import Sop
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


def sop_tools(sop: Sop, placeholders: tuple[str, ...], inventory: Inventory | None = None) -> tuple[tuple[str, int], ...]:
    """The tools the SOP's `tool:` names with their offsets; none when it is a placeholder
    (C002 reports that)."""
    value = sop.tool
    if value is None or find_placeholder(value, placeholders) is not None:
        return ()
    whole = value.strip(_TRIM)
    if inventory is not None and len(whole) >= 2 and inventory.tool(whole) is not None:
        return ((whole, value.index(whole)),)
    return written_tools(value)


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


def listed_tools(sop: Sop, placeholders: tuple[str, ...], inventory: Inventory) -> list[InventoryTool]:
    """The inventory's tools the SOP's `tool:` names (those it does not list are V001's)."""
    return [tool for written, _ in sop_tools(sop, placeholders, inventory) if (tool := inventory.tool(written)) is not None]


def account_value(sop: Sop, placeholders: tuple[str, ...]) -> str | None:
    """The SOP's `account:` when it holds a real value (a placeholder is C002's)."""
    value = sop.account
    return None if value is None or find_placeholder(value, placeholders) is not None else value


def accounts_of(inventory: Inventory, tools: list[InventoryTool]) -> str:
    """The inventory's accounts of `tools`, to name in advice (`@acme`, `@acme_eu`), or ''."""
    names = {folded(tool.name) for tool in tools}
    found = [f"`{account.name}`" for account in inventory.accounts if account.tool and folded(account.tool) in names]
    return ", ".join(found[:3]) + (" …" if len(found) > 3 else "")
