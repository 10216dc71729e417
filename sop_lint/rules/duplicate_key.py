"""A key appears twice in the same mapping.

## What it does
Reports every repeated key, at the repeat. sop-lint keeps the first value and goes on
checking the rest of the file.

## Why
YAML forbids duplicate keys, and tools disagree on which value wins: an editor, a
validator and a script can each read a different tone or account from the same file.

## Bad
```yaml
tone: Friendly
account: Company X account @acme
tone: Formal
```

## Good
```yaml
tone: Friendly
account: Company X account @acme
```

## Fix
Safe (`check --fix`): a repeated key whose value equals the first one's is deleted, with its
line. When the values differ, only you know which one is right.
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Safety, Severity
from sop_lint.reading.documents import LoadProblemKind
from sop_lint.rules.base import FileContext, SchemaCover, load_problems

CODE = "Y002"
NAME = "duplicate-key"
SEVERITY = Severity.ERROR
FIXES = (Safety.SAFE,)
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check_file(file: FileContext) -> Iterator[Problem]:
    yield from load_problems(file, LoadProblemKind.DUPLICATE_KEY)
