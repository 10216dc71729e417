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
from sop_lint.rules.support.vocabulary import sop_tools, value_position

CODE = "V006"
NAME = "tool-spellings"
SEVERITY = Severity.INFO
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()

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
    groups: dict[str, dict[str, list[tuple[Sop, int]]]] = {}
    for sop in sorted(repository.sops, key=lambda sop: sop.path):
        for written, offset in sop_tools(sop, repository.config.placeholders):
            key = spelling_key(written)
            if key:
                groups.setdefault(key, {}).setdefault(written, []).append((sop, offset))
    for spellings in groups.values():
        if len(spellings) < 2:
            continue
        common = max(sorted(spellings), key=lambda spelling: (len(spellings[spelling]), sum(map(str.isupper, spelling))))
        for written, uses in spellings.items():
            if written == common:
                continue
            sop, offset = uses[0]
            also = f" (and {len(uses) - 1} more SOPs)" if len(uses) > 1 else ""
            others = [other.path for other, _ in spellings[common]]
            named = _listed(others)
            verb = "writes" if len(others) == 1 else "write"
            message = (
                f"{sop.label}{also} writes the tool `{written}`, which {named} {verb} `{common}`: "
                f"write it one way, or list the tool in an inventory with its `aliases`"
            )
            yield Problem(sop.path, value_position(sop, "tool", offset), message, f"tool:{written}")


def _listed(paths: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`, `a, b, c and 2 more`."""
    shown = paths[:_NAMED_AT_MOST]
    rest = [f"{len(paths) - _NAMED_AT_MOST} more"] if len(paths) > _NAMED_AT_MOST else []
    items = shown + rest
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
