"""A step refers to an SOP or process that does not exist.

## What it does
Checks that every `sop:` and `process:` in a step names the id of an existing SOP or
process, and suggests the closest existing id when there is one. When a file is named
after the missing id but holds another (its id was changed, not its name), it says so.

A step whose target file exists but cannot be read, or has a malformed id, is left to\nthe rule that reports that file.

## Why
A dangling reference is a step nobody can carry out: the SOP was renamed, deleted or
misspelt. It is the most common way an ops repository drifts from the truth.

## Bad
```yaml
steps:
  - name: Schedule post
    sop: schedule-posts
```

## Good
```yaml
steps:
  - name: Schedule post
    sop: schedule-post
```

## Fix
Unsafe (`check --fix --unsafe-fixes`): when the id is a near typo of exactly one existing
id, the step is pointed at it. Unsafe because it changes what the step does: read the
diff (`check --diff --unsafe-fixes`) first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath
from typing import NamedTuple

from sop_lint.config.settings import Config
from sop_lint.findings import Edit, Fix, Problem, Safety, Severity
from sop_lint.kinds import Kind
from sop_lint.model.elsewhere import Elsewhere
from sop_lint.model.repository import Process, Repository, Sop, StepUse
from sop_lint.reading.globs import fixed_folder
from sop_lint.rules.base import ANY_ITEM, SchemaCover

CODE = "R001"
NAME = "unknown-reference"
SEVERITY = Severity.ERROR
FIXES = (Safety.UNSAFE,)
SCHEMA_COVERS: tuple[SchemaCover, ...] = (
    SchemaCover(Kind.PROCESS, ("steps", ANY_ITEM, "sop"), frozenset({"pattern", "maxLength"})),
    SchemaCover(Kind.PROCESS, ("steps", ANY_ITEM, "process"), frozenset({"pattern", "maxLength"})),
)
READS: frozenset[str] = frozenset({"id", "steps"})


def check(repository: Repository) -> Iterator[Problem]:
    sops, processes = (_Target(kind, repository.uses_of(kind), repository.ids_of(kind)) for kind in (Kind.SOP, Kind.PROCESS))
    by_name: dict[Kind, dict[str, Process | Sop]] = {}  # made when a step first names a missing id
    for target, other in ((sops, processes), (processes, sops)):
        for wanted, all_uses in target.uses.items():
            if wanted in target.ids or wanted in repository.unnamed[target.kind]:
                continue
            uses = [use for use in all_uses if repository.reports(use.process.path)]
            if not uses:  # in files the run does not report on: no suggestion to look for
                continue
            suggestion = repository.closest_id(target.kind, wanted)
            elsewhere = repository.elsewhere.get((target.kind, wanted))
            if elsewhere is not None:
                advice = _found_elsewhere(elsewhere, target.kind, repository.config)
            elif suggestion:
                advice = f"did you mean `{suggestion}`?"
            elif any(mark in wanted for mark in ("/", "\\", "..")):
                advice = f"a step names {target.kind.article} by its id (lowercase words joined by dashes), never by a path"
            elif wanted in other.ids:
                advice = f"`{wanted}` is {other.kind.article}, so write `{other.kind}: {wanted}`"
            elif (renamed := _named(repository, target.kind, by_name).get(wanted)) is not None:  # its id changed, not its name
                advice = f"`{renamed.path}` is named after it but has `id: {renamed.id}`: point the step at `{renamed.id}`, or change that id back"
            else:
                advice = ""
            sole = suggestion if suggestion and elsewhere is None and repository.only_near_id(target.kind, wanted) else None
            for use in uses:
                path = ("steps", use.step.index, target.kind.value)
                position = use.process.document.position(path)
                how = advice or f"correct the id, or create `{_new_file(repository, use.process, target.kind, wanted)}` with `id: {wanted}`"
                message = f"{use.step.label} uses {target.kind.noun} `{wanted}`, which does not exist: {how}"
                fix = Fix(f"point the step at `{sole}`", Safety.UNSAFE, (Edit(position, wanted, sole),), ((path, sole),)) if sole else None
                yield Problem(use.process.path, position, message, f"{target.kind}:{wanted}", fix)


def _named(repository: Repository, kind: Kind, by_name: dict[Kind, dict[str, Process | Sop]]) -> dict[str, Process | Sop]:
    """The processes or SOPs whose file is named after another id than theirs, by that
    name (the first where several share one): among those the model lists as not named
    after their id, since a file named after a missing id holds another."""
    if kind not in by_name:
        named: dict[str, Process | Sop] = {}
        for item in repository.misnamed:
            if item.KIND is kind and item.id:
                named.setdefault(PurePosixPath(item.path).stem, item)
        by_name[kind] = named
    return by_name[kind]


def _found_elsewhere(elsewhere: Elsewhere, kind: Kind, config: Config) -> str:
    if elsewhere.unstaged:
        return f"`{elsewhere.path}` exists but is not staged: `git add {elsewhere.path}`"
    if elsewhere.rename_to is not None:
        return f"`{elsewhere.path}` is named like it but is not checked: rename it to `{elsewhere.rename_to}`"
    patterns = ", ".join(config.sops if kind is Kind.SOP else config.processes)
    return f"`{elsewhere.path}` is named like it but is not checked: {kind.article} is a file matching {patterns}"


def _new_file(repository: Repository, process: Process, kind: Kind, wanted: str) -> str:
    """Where the missing SOP or process would best go: beside most of those `process`
    already uses, else where the configuration's first pattern finds them."""
    ids = repository.ids_of(kind)
    targets = [step.sop if kind is Kind.SOP else step.process for step in process.steps]
    used = [PurePosixPath(ids[target][0].path) for target in targets if target is not None and target in ids]
    if used:
        folder = Counter(path.parent for path in used).most_common(1)[0][0]
        suffix = Counter(path.suffix for path in used).most_common(1)[0][0]
    else:
        patterns = repository.config.sops if kind is Kind.SOP else repository.config.processes
        folder, suffix = _place_of(patterns[0]) if patterns else (PurePosixPath(), "")
    return (folder / f"{wanted}{suffix or ('.md' if kind is Kind.SOP else '.yaml')}").as_posix()


def _place_of(pattern: str) -> tuple[PurePosixPath, str]:
    """The folder a glob starts with and the extension it ends with: `sops/**/*.md` gives
    `sops` and `.md`; either is empty where the glob leaves it open."""
    suffix = PurePosixPath(pattern).suffix
    return PurePosixPath(fixed_folder(pattern)), "" if any(mark in suffix for mark in "*?[") else suffix


class _Target(NamedTuple):
    kind: Kind
    uses: Mapping[str, list[StepUse]]
    ids: Mapping[str, object]
