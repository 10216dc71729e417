"""An SOP lacks a required field, or leaves it empty.

## What it does
Checks that every SOP fills in each required field: by default `tool`, `account`,
`format` and `tone`; the `required-fields` and `extend-required-fields` settings change
the list.

## Why
These are the questions a new teammate would otherwise have to ask: which tool do I
open, which account do I act from, what should the result look like, how should it
sound. An SOP that leaves one out is not yet an SOP.

## Bad
```yaml
kind: sop
id: schedule-post
tool: Buffer
account: Company X account @acme
format: Image 1200x675 PNG; caption at most 280 characters
```

## Good
```yaml
kind: sop
id: schedule-post
tool: Buffer
account: Company X account @acme
format: Image 1200x675 PNG; caption at most 280 characters
tone: Upbeat and conversational
```

## Fix
Safe (`check --fix`): a key that is a near typo of the missing field, and of no other
allowed key, is renamed (`acount:` to `account:`).

## Options
`required-fields` (default `[tool, account, format, tone]`) and `extend-required-fields`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Safety, Severity
from sop_lint.kinds import Kind
from sop_lint.model.repository import Sop
from sop_lint.rules.base import REQUIRED_FIELD, FileContext, SchemaCover
from sop_lint.rules.support.field_values import field_problem, not_applicable

CODE = "C001"
NAME = "missing-field"
SEVERITY = Severity.ERROR
FIXES = (Safety.SAFE,)
SCHEMA_COVERS: tuple[SchemaCover, ...] = (SchemaCover(Kind.SOP, (REQUIRED_FIELD,)),)


def check_file(file: FileContext) -> Iterator[Problem]:
    if isinstance(file.item, Sop):
        assert isinstance(file.item.document.data, dict)
        skipped = not_applicable(file.item.document.data)
        for field in file.settings.required_fields:
            if field in skipped:
                continue
            problem = field_problem(file.item, field)
            if problem:
                yield problem
