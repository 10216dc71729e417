"""An SOP field holds a placeholder instead of a real value.

## What it does
Checks the required fields (and the title) of every SOP for placeholders: `TBD`, `TODO`,
`?`, `N/A`, `xxx` and the like, alone or inside a longer value (`TBD - ask Sam`). A value
with no letter or digit at all counts as a placeholder too.

## Why
A placeholder passes a check for "field is present" while telling the reader nothing. It
is the SOP equivalent of a failing test marked as skipped.

## Bad
```yaml
tool: Buffer
account: TBD - ask Sam which account
tone: "?"
```

## Good
```yaml
tool: Buffer
account: Company X account @acme
tone: Upbeat and conversational
```

## Options
`placeholders` replaces the list of placeholder values, `extend-placeholders` adds to it.
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Sop
from sop_lint.rules.base import FileContext, SchemaCover
from sop_lint.rules.support.field_values import (
    FieldState,
    field_purpose,
    field_state,
    texts,
)
from sop_lint.rules.support.placeholders import find_placeholder

CODE = "C002"
NAME = "placeholder-value"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check_file(file: FileContext) -> Iterator[Problem]:
    settings = file.settings
    sop = file.item
    if not isinstance(sop, Sop):
        return
    data = sop.document.data
    assert isinstance(data, dict)
    for field in ("title", *settings.required_fields):
        if field_state(sop.KIND, data, field) is not FieldState.PRESENT:
            continue
        for text in texts(data[field]):
            placeholder = find_placeholder(text, settings.placeholders)
            if placeholder is not None:
                yield Problem(
                    sop.path,
                    sop.document.position((field,)),
                    f"{sop.label} has a placeholder `{field}` (`{placeholder}`): write {field_purpose('sop', field)}",
                    field,
                )
                break

