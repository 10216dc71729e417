"""`sop-lint inventory`: every tool, account and owner the SOPs name, how many SOPs name
each, and, against the inventory of the configuration, which are unknown or retired.

Spellings of one name count together (`Buffer`, `buffer`, an alias `buffer.com`), under
the inventory's name, else the most written spelling; the others are listed beside it, so
that variants show. Without an inventory, names are listed as the SOPs write them, and the
status column stays empty. Inventory tools, accounts and owners that no SOP names are
listed too, with 0: candidates for removal.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sop_lint.commands.output import Output
from sop_lint.commands.survey import Survey, survey
from sop_lint.config.inventory import Inventory, folded
from sop_lint.model.freshness import parse_now
from sop_lint.model.queries import account_name, owner_key, spellings, tool_key
from sop_lint.reporters.tables import TABLE_REPORTERS, Table

HEADINGS = ("kind", "name", "SOPs", "status", "also written")
FIELDS = ("kind", "name", "sops", "status", "replaced_by", "spellings")


@dataclass
class _Name:
    written: list[str] = field(default_factory=list)
    paths: set[str] = field(default_factory=set)


class Listed(NamedTuple):
    """One row of the answer (and its JSON record, in `FIELDS` order)."""

    kind: str
    name: str
    sops: int
    status: str
    replaced_by: str | None
    spellings: list[str]


# What the inventory knows of a name: its own name there, and for a retired tool the one in use now.
Known = Callable[[str], tuple[str, str | None] | None]


def run_inventory(*, root: Path, output_format: str, config_file: Path | None, no_cache: bool) -> Output:
    gc.disable()  # as in check: a short run that allocates a lot
    found = survey(root, config_file=config_file, no_cache=no_cache, now=parse_now(None), with_history=False)
    inventory = found.inventory
    listed = [
        *_listed("tool", _tools(found), *_tool_lookup(inventory)),
        *_listed("account", _accounts(found), *_account_lookup(inventory)),
        *_listed("owner", _owners(found), *_owner_lookup(inventory)),
    ]
    table = Table(
        title="Tools, accounts and owners the SOPs name",
        sentence=_sentence(listed, len(found.repository.sops), inventory is not None),
        headings=HEADINGS,
        rows=[[item.kind, item.name, str(item.sops), item.status, ", ".join(item.spellings)] for item in listed],
        key="names",
        fields=FIELDS,
        records=[item._asdict() for item in listed],
        query={"inventory": inventory is not None},
    )
    return Output(TABLE_REPORTERS[output_format](table), 0, tuple(f"sop-lint: note: {note}" for note in found.notes))


def _tool_lookup(inventory: Inventory | None) -> tuple[Known | None, list[str]]:
    if inventory is None:
        return None, []

    def known(name: str) -> tuple[str, str | None] | None:
        tool = inventory.tool(name)
        return None if tool is None else (tool.name, inventory.current(tool).name if tool.retired else None)

    return known, [tool.name for tool in inventory.tools]


def _account_lookup(inventory: Inventory | None) -> tuple[Known | None, list[str]]:
    if inventory is None:
        return None, []

    def known(value: str) -> tuple[str, str | None] | None:
        account = inventory.account(value)
        return None if account is None else (account.name, None)

    return known, [account.name for account in inventory.accounts]


def _owner_lookup(inventory: Inventory | None) -> tuple[Known | None, list[str]]:
    if inventory is None:
        return None, []

    def known(name: str) -> tuple[str, str | None] | None:
        owner = inventory.owner(name)
        return None if owner is None else (owner.name, None)

    return known, [owner.name for owner in inventory.owners]


def _tools(found: Survey) -> dict[str, _Name]:
    names: dict[str, _Name] = {}
    for sop in found.repository.sops:
        for name in found.tools_of(sop):
            _add(names, tool_key(name, found.inventory), name, sop.path)
    return names


def _accounts(found: Survey) -> dict[str, _Name]:
    names: dict[str, _Name] = {}
    for sop in found.repository.sops:
        if sop.account:
            _add(names, folded(account_name(sop.account, found.inventory)), sop.account, sop.path)
    return names


def _owners(found: Survey) -> dict[str, _Name]:
    names: dict[str, _Name] = {}
    for sop in found.repository.sops:
        if owner := found.owner_of(sop):
            _add(names, owner_key(owner), owner, sop.path)
    return names


def _add(names: dict[str, _Name], key: str, written: str, path: str) -> None:
    entry = names.setdefault(key, _Name())
    entry.written.append(written)
    entry.paths.add(path)


def _listed(kind: str, names: dict[str, _Name], known: Known | None, inventory: list[str]) -> list[Listed]:
    """One record per name, most used first, then the inventory's names no SOP uses."""
    records: list[Listed] = []
    for entry in sorted(names.values(), key=lambda entry: (-len(entry.paths), spellings(entry.written)[0].casefold())):
        written = spellings(entry.written)
        found = known(written[0]) if known is not None else None
        name, replaced = found or (written[0], None)
        status = "" if known is None else "unknown" if found is None else "retired" if replaced else "known"
        records.append(Listed(kind, name, len(entry.paths), status, replaced, [spelling for spelling in written if spelling != name]))
    seen = {folded(record.name) for record in records}
    for name in sorted((name for name in inventory if folded(name) not in seen), key=str.casefold):
        looked = known(name) if known is not None else None
        replaced = looked[1] if looked is not None else None
        records.append(Listed(kind, name, 0, "retired" if replaced else "known", replaced, []))
    return records


def _sentence(records: list[Listed], sops: int, has_inventory: bool) -> str:
    count = {kind: sum(record.kind == kind for record in records) for kind in ("tool", "account", "owner")}
    named = f"{count['tool']} tools, {count['account']} accounts and {count['owner']} owners named in {sops} SOPs"
    if not has_inventory:
        return f"{named}. No inventory in the configuration: names are listed as the SOPs write them."
    unknown = sum(record.status == "unknown" for record in records)
    retired = sum(record.status == "retired" and record.sops > 0 for record in records)
    return f"{named}: {unknown} not in the inventory, {retired} retired tool{'s' if retired != 1 else ''} still in use."
