"""An id does not match its file name.

## What it does
Checks that every process and SOP lives in a file named after its id: `schedule-post`
in `schedule-post.md` or `schedule-post.yaml`.

## Why
People find an SOP by the id a process names. When the file is called something else,
they search, guess, or edit the wrong file.

## Bad
```yaml
# sops/social/scheduling.md
id: schedule-post
```

## Good
```yaml
# sops/social/schedule-post.md
id: schedule-post
```
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from sop_lint.findings import Problem, Severity
from sop_lint.model.summary import usable_id
from sop_lint.rules.base import FileContext, SchemaCover

CODE = "R003"
NAME = "id-file-mismatch"
SEVERITY = Severity.WARNING
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check_file(file: FileContext) -> Iterator[Problem]:
    item = file.item
    if item is None or not item.id:
        return
    name = PurePosixPath(item.path)
    if name.stem != item.id:
        # A file name that is no id (`Café menu.md`) is only worth renaming.
        other_way = f", or change the id to `{name.stem}`" if usable_id(name.stem) else ""
        yield Problem(
            item.path,
            item.document.position(("id",)),
            f"{item.label} is in the file `{name.name}`: rename the file to `{item.id}{name.suffix}`{other_way}",
            f"id:{item.id}",
        )
