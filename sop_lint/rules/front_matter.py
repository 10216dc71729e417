"""A Markdown SOP has no front matter, or its front matter is never closed.

## What it does
Checks that every Markdown SOP starts with a `---` line, its fields, and a closing `---`
line before the instructions.

## Why
The front matter is where an SOP names its id, tool, account, format and tone. Without
it the file is just prose: no process can refer to it and nothing in it can be checked.

## Bad
```markdown
# Schedule the promotional post

1. Open Buffer.
```

## Good
```markdown
---
kind: sop
id: schedule-post
title: Schedule the promotional post
tool: Buffer
account: Company X account @acme
format: Image 1200x675 PNG; caption at most 280 characters
tone: Upbeat and conversational
---
# Schedule the promotional post

1. Open Buffer.
```

## Fix
Safe (`check --fix`): blank lines above the opening `---` are deleted.
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Safety, Severity
from sop_lint.reading.documents import LoadProblemKind
from sop_lint.rules.base import FileContext, SchemaCover, load_problems

CODE = "Y003"
NAME = "front-matter"
SEVERITY = Severity.ERROR
FIXES = (Safety.SAFE,)
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check_file(file: FileContext) -> Iterator[Problem]:
    yield from load_problems(file, LoadProblemKind.FRONT_MATTER)
