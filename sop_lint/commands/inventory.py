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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sop_lint.commands.output import Output
from sop_lint.commands.survey import Survey, survey
from sop_lint.model.freshness import parse_now
from sop_lint.model.queries import Catalog, folded, owner_key, spellings, tool_key, tools_of
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


def run_inventory(*, root: Path, output_format: str, config_file: Path | None, no_cache: bool) -> Output:
    gc.disable()  # as in check: a short run that allocates a lot
    found = survey(root, config_file=config_file, no_cache=no_cache, now=parse_now(None), with_history=False)
    catalog = found.catalog
    listed = [
        *_listed("tool", _tools(found), catalog.tool, catalog.tools.values(), catalog),
        *_listed("account", _accounts(found), catalog.account, catalog.accounts, catalog),
        *_listed("owner", _owners(found), catalog.owner, catalog.owners, catalog),
    ]
    table = Table(
        title="Tools, accounts and owners the SOPs name",
        sentence=_sentence(listed, len(found.repository.sops), catalog),
        headings=HEADINGS,
        rows=[[item.kind, item.name, str(item.sops), item.status, ", ".join(item.spellings)] for item in listed],
        key="names",
        fields=FIELDS,
        records=[item._asdict() for item in listed],
        query={"inventory": catalog.present},
    )
    return Output(TABLE_REPORTERS[output_format](table), 0, tuple(f"sop-lint: note: {note}" for note in found.notes))


def _tools(found: Survey) -> dict[str, _Name]:
    names: dict[str, _Name] = {}
    for sop in found.repository.sops:
        for name in tools_of(sop):
            entry = names.setdefault(tool_key(name, found.catalog), _Name())
            entry.written.append(name)
            entry.paths.add(sop.path)
    return names


def _accounts(found: Survey) -> dict[str, _Name]:
    names: dict[str, _Name] = {}
    for sop in found.repository.sops:
        if sop.account:
            entry = names.setdefault(folded(found.catalog.account(sop.account) or sop.account), _Name())
            entry.written.append(sop.account)
            entry.paths.add(sop.path)
    return names


def _owners(found: Survey) -> dict[str, _Name]:
    names: dict[str, _Name] = {}
    for sop in found.repository.sops:
        if owner := found.owner_of(sop):
            entry = names.setdefault(owner_key(owner), _Name())
            entry.written.append(owner)
            entry.paths.add(sop.path)
    return names


def _listed(
    kind: str, names: dict[str, _Name], known: Callable[[str], str | None], inventory: Iterable[str], catalog: Catalog
) -> list[Listed]:
    """One record per name, most used first, then the inventory's unused ones."""
    records: list[Listed] = []
    for entry in sorted(names.values(), key=lambda entry: (-len(entry.paths), spellings(entry.written)[0].casefold())):
        written = spellings(entry.written)
        name = known(written[0]) or written[0]
        replaced = catalog.retired.get(name, "") if kind == "tool" and name in catalog.retired else ""
        status = "" if not catalog.present else "retired" if name in catalog.retired and kind == "tool" else "known" if known(name) else "unknown"
        records.append(Listed(kind, name, len(entry.paths), status, replaced or None, [spelling for spelling in written if spelling != name]))
    seen = {folded(record.name) for record in records}
    unused = sorted({name for name in inventory if folded(name) not in seen}, key=str.casefold)
    records += [Listed(kind, name, 0, "retired" if name in catalog.retired else "known", catalog.retired.get(name), []) for name in unused]
    return records


def _sentence(records: list[Listed], sops: int, catalog: Catalog) -> str:
    count = {kind: sum(record.kind == kind for record in records) for kind in ("tool", "account", "owner")}
    named = f"{count['tool']} tools, {count['account']} accounts and {count['owner']} owners named in {sops} SOPs"
    if not catalog.present:
        return f"{named}. No inventory in the configuration: names are listed as the SOPs write them."
    unknown = sum(record.status == "unknown" for record in records)
    retired = sum(record.status == "retired" and record.sops > 0 for record in records)
    return f"{named}: {unknown} not in the inventory, {retired} retired tool{'s' if retired != 1 else ''} still in use."
