"""An SOP's `owner` is not a known owner.

## What it does
With an inventory in the configuration, checks that an SOP's `owner:` is one of the
inventory's `owners`, ignoring case and spaces; when the inventory lists no owners, one of
the owners CODEOWNERS names. An `owner:` naming several (`@finance @ops`) must name known
ones only. A near typo of a known owner gets a suggestion. Without an inventory the rule
does not run; with one but neither owners nor a CODEOWNERS file, it does not either.

## Why
The owner gets the review reminders and answers for the SOP. A handle nobody answers to
(a typo, a renamed team, someone who left) means the SOP silently has no owner.

## Bad
```yaml
# sop-lint.yaml: inventory: {owners: [{name: "@social-team"}]}
owner: "@socal-team"
```

## Good
```yaml
owner: "@social-team"
```

## Fix
Unsafe (`check --fix --unsafe-fixes`): when the owner is a near typo of exactly one known
owner, that owner is written in its place. Unsafe because the near name may not be the
owner meant: read the diff (`check --diff --unsafe-fixes`) first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sop_lint.config.inventory import folded
from sop_lint.findings import Problem, Safety, Severity
from sop_lint.model.repository import Repository
from sop_lint.rules.base import SchemaCover
from sop_lint.rules.support.vocabulary import replacing_fix, value_position, vocabulary
from sop_lint.suggestions import Suggester

CODE = "V005"
NAME = "unknown-owner"
SEVERITY = Severity.WARNING
FIXES = (Safety.UNSAFE,)
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"review", "owner"})

_SEVERAL = re.compile(r"[^\s,;]+")


def check(repository: Repository) -> Iterator[Problem]:
    inventory = repository.config.inventory
    if inventory is None:
        return
    names = [owner.name for owner in inventory.owners] if inventory.owners else sorted(repository.code_owners or ())
    if not names:
        return
    known = {folded(name) for name in names}
    where = "the inventory's owners" if inventory.owners else "the owners CODEOWNERS names"
    add = "add it to `inventory.owners`" if inventory.owners else "add it to CODEOWNERS or to `inventory.owners`"
    suggester = Suggester(names)
    for value, sops in vocabulary(repository).by_owner.items():
        if folded(value) in known:
            continue
        for match in _SEVERAL.finditer(value):
            written = match.group()
            if folded(written) in known:
                continue
            meant = suggester.closest(written)
            advice = f"did you mean `{meant}`?" if meant else f"name one of {where}, or {add}"
            fixable = meant is not None and len(suggester.near(written)) == 1
            for sop in sops:
                fix = replacing_fix(sop, "owner", value, written, match.start(), meant) if fixable and meant is not None else None
                message = f"the owner `{written}` of {sop.label} is not one of {where}: {advice}"
                yield Problem(sop.path, value_position(sop, "owner", match.start()), message, f"owner:{folded(written)}", fix)
