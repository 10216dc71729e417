"""A file is larger, deeper or expands further than sop-lint reads.

## What it does
Reports a file that sop-lint stops reading at a safety limit: a file larger than
`max-file-size` (1 MB by default; it is not read at all), values nested more than 200
levels deep, a document that expands, through `&anchor`/`*alias` references, to more
than 100,000 values, or an unquoted number of more than 500 digits. The message names
the limit and what to change.

## Why
Real processes and SOPs are a few kilobytes with a handful of levels. A file far beyond
that is a mistake (a log or export saved in the wrong folder) or hostile: a few hundred
bytes of aliases can stand for billions of values (a "billion laughs" file), and deep
nesting exhausts the parser; a number of thousands of digits takes Python long to read
and is refused when printed. Stopping at a limit keeps every run fast and its memory
small, and the finding makes sure the file is not silently skipped.

## Bad
```yaml
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
# ... and so on: each level multiplies the values by nine
```

## Good
```yaml
kind: sop
id: schedule-post
tone: &tone Upbeat and conversational
x-caption-tone: *tone   # a few aliases to avoid repeating yourself are fine
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.reading.documents import LoadProblemKind
from sop_lint.rules.base import FileContext, SchemaCover, load_problems

CODE = "Y005"
NAME = "limit-exceeded"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check_file(file: FileContext) -> Iterator[Problem]:
    yield from load_problems(file, LoadProblemKind.LIMIT)
