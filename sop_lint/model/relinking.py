"""A model changed by an editor's edit, made from the last one.

An edit that keeps every process and SOP (each with an id) changes what some of them
hold; the model's links are copied, the edited items swapped in, moved to their new ids
and their steps' uses taken out and put in again, rather than linked again from 12,000
summaries (see `engine.incremental`). What `build_repository` would give, but for the
order of the id tables' keys (no rule reads it; suggestions are made from it with
`Suggester.after`).
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from sop_lint.model.repository import Process, Repository, Sop, StepUse, _Item, named_after_id
from sop_lint.reading.discovery import walk_order

_Linked = TypeVar("_Linked", bound=_Item)


def relinked(repository: Repository, swaps: dict[str, tuple[Process | Sop | None, Process | Sop | None]]) -> Repository:
    """`repository` with some processes or SOPs replaced by others of the same kind, each
    with an id (path → (the old, the new)): the links are copied, not built again, the
    swapped ones moved to their new ids and steps (an editor's keystroke in a 12,000-file
    repository). A new model, not the old one changed: what rules worked out of the old is
    not reused."""
    sops: dict[int, Sop] = {}
    processes: dict[int, Process] = {}
    process_ids, sop_ids = dict(repository.process_ids), dict(repository.sop_ids)
    sop_uses, process_uses = dict(repository.sop_uses), dict(repository.process_uses)
    for old, new in swaps.values():
        if old is new or old is None or new is None:
            continue
        if isinstance(old, Sop) and isinstance(new, Sop):
            sops[id(old)] = new
            _moved(sop_ids, old, new)
        elif isinstance(old, Process) and isinstance(new, Process):
            processes[id(old)] = new
            _moved(process_ids, old, new)
    for old, new in swaps.values():  # a process's steps: its uses out, the new one's in, in its file's place
        if isinstance(old, Process) and isinstance(new, Process) and old is not new:
            _reused(old, new, sop_uses, process_uses)
    swapped: dict[int, Process | Sop] = {**sops, **processes}
    misnamed = [item for item in repository.misnamed if id(item) not in swapped]
    misnamed += [item for item in swapped.values() if not named_after_id(item)]
    return dataclasses.replace(
        repository,
        misnamed=misnamed,
        processes=[processes.get(id(item), item) for item in repository.processes] if processes else repository.processes,
        sops=[sops.get(id(item), item) for item in repository.sops] if sops else repository.sops,
        process_ids=process_ids, sop_ids=sop_ids, sop_uses=sop_uses, process_uses=process_uses, _suggesters={}, _suggestions={},
        _missing=None,
    )


def _reused(old: Process, new: Process, sop_uses: dict[str, list[StepUse]], process_uses: dict[str, list[StepUse]]) -> None:
    """The uses of `old`'s steps taken out of `sop_uses` and `process_uses`, and those of
    `new`'s put in, each target's in the order of their files, then of the steps, as
    `build_repository` puts them. Each target's list is made once (a process of 3,000
    steps all naming one SOP)."""
    for uses, name in ((sop_uses, "sop"), (process_uses, "process")):
        added: dict[str, list[StepUse]] = {}
        for step in new.steps:
            if target := getattr(step, name):
                added.setdefault(target, []).append(StepUse(new, step))
        for target in {getattr(step, name) for step in old.steps} - {None} | added.keys():
            joined = [use for use in uses.get(target, []) if use.process is not old] + added.get(target, [])
            if joined:
                uses[target] = sorted(joined, key=lambda use: (walk_order(use.process.path), use.step.index))
            else:
                uses.pop(target, None)


def _moved(ids: dict[str, list[_Linked]], old: _Linked, new: _Linked) -> None:
    """`old` out of its id's list in `ids`, `new` into its own, in the order of their files
    as `build_repository` puts them (an id new to `ids` comes last: no rule reads the
    order of ids, and suggestions are made from it with `Suggester.after`)."""
    old_id, new_id = old.id, new.id
    if old_id is None or new_id is None:
        raise ValueError("only items with an id are moved")
    kept = [item for item in ids[old_id] if item is not old]
    if kept:
        ids[old_id] = kept
    else:
        del ids[old_id]
    joined = list(ids.get(new_id, []))
    joined.append(new)
    ids[new_id] = sorted(joined, key=lambda item: walk_order(item.path))
