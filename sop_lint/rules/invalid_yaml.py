"""The file cannot be read as YAML.

## What it does
Reports the first place where the file stops being valid YAML (or valid UTF-8 text), with
the line and column the parser got stuck at.

## Why
A file that cannot be parsed cannot be checked at all: its steps resolve to nothing and
its fields are invisible to every other rule.

## Bad
```yaml
title: Schedule post
tool: Buffer
  account: Company X   # indented under a value
```

## Good
```yaml
title: Schedule post
tool: Buffer
account: Company X
```

## Fix
Safe (`check --fix`): a value holding `: ` is put in double quotes (its comment kept outside
them); tabs in the indentation become spaces, when every tab width (2, 4, 8) that makes
the file parse reads it the same way. Other syntax errors are left to you.

Unsafe (`check --fix --unsafe-fixes`): the same quoting when what follows the value looks
like text as much as a comment (`Size: 1200x675 #2 of the kit`): YAML reads ` #2 of the
kit` as a comment, and the fix keeps it one, which may not be what its author meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Safety, Severity
from sop_lint.reading.documents import LoadProblemKind
from sop_lint.rules.base import FileContext, SchemaCover, load_problems

CODE = "Y001"
NAME = "invalid-yaml"
SEVERITY = Severity.ERROR
FIXES = (Safety.SAFE, Safety.UNSAFE)
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check_file(file: FileContext) -> Iterator[Problem]:
    yield from load_problems(file, LoadProblemKind.INVALID_YAML)
