"""A file cannot be read, or sop-lint will not read it.

## What it does
Reports a process or SOP path that sop-lint does not read: a file it has no permission
to read, something that is not a regular file (a FIFO, a socket, a device), and a
symbolic link, to a file or to a folder, that leads out of the SOP root. Links that stay
inside the SOP root are followed as usual.

## Why
An unread file is an unchecked file: without a finding it would be skipped in silence.
Links out of the SOP root are not followed so that a repository (or a pull request
under review) cannot make sop-lint read files elsewhere on the machine, such as a
secret in a home folder, and echo them into a report.

## Bad
```text
sops/billing.md -> /home/ci/.config/billing.md     (a link out of the SOP root)
```

## Good
```text
sops/billing.md                                    (the file itself, committed)
sops/current.md -> archive/2026/current.md         (a link that stays inside)
```
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.reading.documents import LoadProblemKind
from sop_lint.rules.base import FileContext, SchemaCover, load_problems

CODE = "Y006"
NAME = "unreadable-file"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check_file(file: FileContext) -> Iterator[Problem]:
    yield from load_problems(file, LoadProblemKind.UNREADABLE)
