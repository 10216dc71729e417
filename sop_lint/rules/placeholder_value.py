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

A field that does not apply to the SOP (no `tone` for a task that involves no writing)
is listed under `not_applicable` instead: then it is not checked, nor asked for by
`missing-field`. A value saying so (`N/A`, `NA`, `none`, `not applicable`) is reported,
whatever its spelling, with that advice.

```yaml
tool: Harvest
not_applicable: [tone]   # exporting timesheets involves no writing
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
    not_applicable,
    not_applicable_advice,
    texts,
)
from sop_lint.rules.support.placeholders import find_placeholder, says_not_applicable

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
    skipped = not_applicable(data)
    for field in ("title", *settings.required_fields):
        if field in skipped or field_state(sop.KIND, data, field) is not FieldState.PRESENT:
            continue
        for text in texts(data[field]):
            placeholder = text.strip() if says_not_applicable(text) else find_placeholder(text, settings.placeholders)
            if placeholder is not None:
                advice = f"write {field_purpose('sop', field)}"
                if field != "title" and (says_not_applicable(text) or says_not_applicable(placeholder)):
                    advice = f"{not_applicable_advice(field)}; else {advice}"
                message = f"{sop.label} has a placeholder `{field}` (`{placeholder}`): {advice}"
                yield Problem(sop.path, sop.document.position((field,)), message, field)
                break

