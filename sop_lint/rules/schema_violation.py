"""A field breaks the process or SOP schema.

## What it does
Validates every process and SOP against the bundled JSON Schemas (`sop-lint schema
process`, `sop-lint schema sop`) and reports each problem at the key or value at fault:
unknown keys (with the closest known key), wrong types, values not in the expected form.
Problems that a dedicated rule explains better, such as a missing trigger or tone, are
left to that rule.

## Why
The schemas are the contract that editors, other validators and sop-lint share. Unknown
keys are usually typos (`tol:` for `tool:`) that silently drop a field. Your own keys are
welcome when they start with `x-`.

## Bad
```yaml
kind: sop
id: Schedule Post
tol: Buffer
```

## Good
```yaml
kind: sop
id: schedule-post
tool: Buffer
x-slack-channel: "#social"
```

## Fix
Safe (`check --fix`): an unknown key that is a near typo of exactly one allowed key is
renamed (`tgas:` to `tags:`); a date in another form that is one day for certain
(`2026/03/12`, `March 12, 2026`, `25/12/2026`) is written as `2026-03-12`; a spelt-out
duration (`3 months`) as `3m`. `03/04/2026`, which is two days, is left to you. Unsafe
(`--unsafe-fixes`): a step written on one line, `- Draft the copy: draft-post-copy`, becomes
a `name:` and `sop:` pair (the id may be a process's: then R001 says to write `process:`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sop_lint.config.settings import FileSettings
from sop_lint.findings import Fix, Problem, Safety, Severity
from sop_lint.json_schema import Violation, validate
from sop_lint.kinds import Kind
from sop_lint.reading.documents import Document
from sop_lint.reading.json_values import node_at
from sop_lint.rules.base import ANY_ITEM, REQUIRED_FIELD, FileContext, SchemaCover
from sop_lint.rules.support.edits import key_edit, step_pair_edit, value_edit
from sop_lint.schema_advice import one_line_step

CODE = "S001"
NAME = "schema-violation"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()
FIXES = (Safety.SAFE, Safety.UNSAFE)


def check_file(file: FileContext) -> Iterator[Problem]:
    document, settings = file.document, file.settings
    if not isinstance(document.data, dict):
        return
    for violation in validate(file.kind, document.data, settings.required_fields):
        concerns = _concerns(violation, document.data)
        if any(_covered(stand_in, file.kind, cover, settings) for stand_in in concerns for cover in file.schema_covers):
            continue
        position = document.position(violation.path, key=violation.at_key)
        subject = f"{violation.keyword}:{'/'.join(str(part) for part in violation.path)}"
        yield Problem(file.path, position, violation.message, subject, _fix(document, violation))


def _fix(document: Document, violation: Violation) -> Fix | None:
    """A misspelt key renamed to the one known key it nearly is; a date or a duration
    written in the schema's form, when what it means is certain."""
    path = violation.path
    step = node_at(document.data, path[:2]) if path[:1] == ("steps",) and len(path) == 3 else None
    if violation.at_key and (pair := one_line_step(step)) is not None:
        name, target = pair
        edit = step_pair_edit(document, path, target, in_list=True)
        if edit is None:
            return None
        return Fix(f"write step `{name}` as `name:` and `sop:`", Safety.UNSAFE, (edit,), ((path[:2], {"name": name, "sop": target}),))
    new = violation.replacement
    if new is None:
        return None
    if violation.at_key:
        edit = key_edit(document, path, new)
        value = node_at(document.data, path)
        if edit is None:
            return None
        return Fix(f"rename `{path[-1]}` to `{new}`", Safety.SAFE, (edit,), (((*path[:-1], new), value),), (path,))
    edit = value_edit(document, path, new)
    if edit is None:
        return None
    return Fix(f"write `{node_at(document.data, path)}` as `{new}`", Safety.SAFE, (edit,), ((path, new),))


def _concerns(violation: Violation, data: object) -> list[Violation]:
    """What a violation is about: itself, and for a misspelt key (`tol:`) also the missing
    key it stands for (`tool`), which a dedicated rule reports with the rename to make."""
    concerns = [violation]
    parent = node_at(data, violation.path[:-1])
    if violation.suggestion and isinstance(parent, dict) and violation.suggestion not in parent:
        concerns.append(Violation((*violation.path[:-1], violation.suggestion), "required", violation.message))
    return concerns


def _covered(violation: Violation, kind: Kind, cover: SchemaCover, settings: FileSettings) -> bool:
    if cover.kind != kind or len(cover.path) != len(violation.path):
        return False
    if cover.keywords is not None and violation.keyword not in cover.keywords:
        return False
    return all(_part_matches(want, got, settings) for want, got in zip(cover.path, violation.path, strict=True))


def _part_matches(want: str, got: str | int, settings: FileSettings) -> bool:
    if want == ANY_ITEM:
        return True
    if want == REQUIRED_FIELD:
        return got in settings.required_fields
    return want == got
