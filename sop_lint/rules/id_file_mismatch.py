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

## Fix
Unsafe (`check --fix --unsafe-fixes`): when no step uses the id, it is changed to the
file's name (when that is a valid id no other file has). Not while a process does not
parse or list its steps, a step names no SOP or process, or a step names a near typo of
the id: they may use it. An id that steps use is `sop-lint rename`'s to change, with its
steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from sop_lint.findings import Edit, Fix, Problem, Safety, Severity
from sop_lint.model.repository import Repository
from sop_lint.model.summary import usable_id
from sop_lint.rules.base import SchemaCover

CODE = "R003"
NAME = "id-file-mismatch"
SEVERITY = Severity.WARNING
FIXES = (Safety.UNSAFE,)
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
READS: frozenset[str] = frozenset({"id", "steps", "lists_steps"})


def check(repository: Repository) -> Iterator[Problem]:
    # A shared id is R002's to report, with the fix that fits a copy.
    misnamed = [
        item
        for item in repository.misnamed  # the model's: its items whose file is not named after their id
        if item.id and repository.reports(item.path) and len(repository.ids_of(item.KIND)[item.id]) == 1
    ]
    if not misnamed:  # the usual case: nothing below need be worked out
        return
    paths = {item.path for item in (*repository.processes, *repository.sops)}
    # Ids a step may use unseen: in a process that does not list its steps, or by a near typo
    # (R001's fix, made in the same run, points the step at the id this fix changes).
    nearly_used = {(kind, repository.closest_id(kind, wanted)) for kind, wanted in repository.missing_targets()}
    # ... or by a step with no `sop:` or `process:` (`- Draft copy: draft-copy`, on one line).
    all_seen = repository.every_process_lists_its_steps and all(
        step.sop is not None or step.process is not None for process in repository.processes for step in process.steps
    )
    for item in misnamed:
        assert item.id is not None
        name = PurePosixPath(item.path)
        ids = repository.ids_of(item.KIND)
        fixes, fix = [], None
        renamed = name.with_name(f"{item.id}{name.suffix}")
        if renamed.as_posix() not in paths:  # never onto a file that is there
            fixes.append(f"rename the file to `{renamed.name}`")
        # A file name that is no id (`Café menu.md`), or another's id, is only worth renaming.
        if usable_id(name.stem) and name.stem not in ids:
            fixes.append(f"change the id to `{name.stem}`")
            unused = item.id not in repository.uses_of(item.KIND) and (item.KIND, item.id) not in nearly_used
            if unused and all_seen:  # else `sop-lint rename` changes the steps too
                edit = Edit(item.document.position(("id",)), item.id, name.stem)
                fix = Fix(f"change the id to `{name.stem}`", Safety.UNSAFE, (edit,), ((("id",), name.stem),))
        advice = ", or ".join(fixes) or "give it an id of its own and name its file after it"
        position = item.document.position(("id",))
        yield Problem(item.path, position, f"{item.label} is in the file `{name.name}`: {advice}", f"id:{item.id}", fix)

