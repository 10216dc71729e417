"""Without an inventory, the same tool is written several ways across SOPs.

## What it does
When the configuration has no inventory, compares the tools all SOPs name in `tool:`.
Names that differ only in case, spaces, punctuation or a web address ending (`Google
Sheets`, `google sheets`, `Google-Sheets`; `Frame.io` and `Frame`) are one tool written
several ways. Each spelling other than the most common one gets one finding, on the first
SOP (by path) that writes it, naming the common spelling and how many SOPs write each.
Abbreviations (`GSheets`) and near typos (`Bufer`) are not guessed: an inventory, with its
`aliases`, says those (V001).

## Why
`sop-lint find --tool` and every search the team does on the files find one spelling. When
the team switches tools, the SOPs written another way are the ones left behind.

## Bad
```yaml
# sops/a.yaml
tool: Google Sheets
# sops/b.yaml
tool: google sheets
```

## Good
```yaml
# sops/a.yaml
tool: Google Sheets
# sops/b.yaml
tool: Google Sheets
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Repository, Sop
from sop_lint.rules.base import SchemaCover
from sop_lint.rules.support.vocabulary import value_position, vocabulary

CODE = "V006"
NAME = "tool-spellings"
SEVERITY = Severity.INFO
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"tool"})

_WEB_ENDING = re.compile(r"\.(?:com|io|app|co|so|net|org|ai)$", re.IGNORECASE)
_NOT_LETTERS = re.compile(r"[\W_]+")
_NAMED_AT_MOST = 3


def spelling_key(name: str) -> str:
    """What two spellings of one tool have in common: `Google-Sheets` and `google sheets`
    are `googlesheets`; `Frame.io` is `frame`."""
    return _NOT_LETTERS.sub("", _WEB_ENDING.sub("", name.strip()).casefold())


def check(repository: Repository) -> Iterator[Problem]:
    if repository.config.inventory is not None:
        return  # the inventory says which spellings are one tool (aliases), and V001 the rest
    names = vocabulary(repository)
    groups: dict[str, dict[str, list[tuple[list[Sop], int]]]] = {}
    for value, sops in names.by_tool.items():
        for written, offset in names.tools(value):
            key = spelling_key(written)
            if key:
                groups.setdefault(key, {}).setdefault(written, []).append((sops, offset))
    for spellings in groups.values():
        if len(spellings) < 2:
            continue
        counts = {spelling: sum(len(sops) for sops, _ in uses) for spelling, uses in spellings.items()}
        common = max(sorted(spellings), key=lambda spelling: (counts[spelling], sum(map(str.isupper, spelling))))
        others = sorted(sop.path for sops, _ in spellings[common] for sop in sops)
        for written, uses in spellings.items():
            if written == common:
                continue
            offset, sop = min(((offset, sop) for sops, offset in uses for sop in sops), key=lambda pair: pair[1].path)
            also = f" (and {counts[written] - 1} more SOPs)" if counts[written] > 1 else ""
            verb = "writes" if len(others) == 1 else "write"
            message = (
                f"{sop.label}{also} writes the tool `{written}`, which {_listed(others)} {verb} `{common}`: "
                f"write it one way, or list the tool in an inventory with its `aliases`"
            )
            yield Problem(sop.path, value_position(sop, "tool", offset), message, f"tool:{written}")



def _listed(paths: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`, `a, b, c and 2 more`."""
    shown = paths[:_NAMED_AT_MOST]
    rest = [f"{len(paths) - _NAMED_AT_MOST} more"] if len(paths) > _NAMED_AT_MOST else []
    items = shown + rest
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
