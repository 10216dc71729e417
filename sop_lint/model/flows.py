"""What a flowchart draws of a process: its title, trigger, ordered steps and outcome.

Built from the model (so from the cached summaries), never by reading files again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sop_lint.errors import SopLintError
from sop_lint.model.repository import Process, Repository
from sop_lint.model.summary import Step
from sop_lint.suggestions import closest


@dataclass(frozen=True)
class Flow:
    """`sops` holds the title of each SOP the steps use, or None for one that does not
    exist (a chart marks it, as a reviewer needs to see)."""

    id: str
    title: str
    trigger: str
    outcome: str
    steps: tuple[Step, ...]
    sops: tuple[tuple[str, str | None], ...] = ()

    def missing_sops(self) -> frozenset[str]:
        return frozenset(identifier for identifier, title in self.sops if title is None)

    def sop_title(self, identifier: str) -> str | None:
        return dict(self.sops).get(identifier)


def flow_of(process: Process, repository: Repository) -> Flow | None:
    """None for a process without a usable id: nothing could point at it."""
    if process.id is None:
        return None
    used = dict.fromkeys(step.sop for step in process.steps if step.sop)
    sops = tuple((identifier, _title(repository, identifier)) for identifier in used)
    return Flow(process.id, process.title or process.id, process.trigger or "", process.outcome or "", tuple(process.steps), sops)


def _title(repository: Repository, identifier: str) -> str | None:
    """The SOP's title (its id when it has none); None when no SOP has that id."""
    found = repository.sop_ids.get(identifier)
    return None if not found else found[0].title or identifier


def flows_of(repository: Repository) -> dict[str, Flow]:
    """Every process with an id, by id (the first file wins a duplicate id)."""
    return {identifier: flow for identifier, (first, *_) in repository.process_ids.items() if (flow := flow_of(first, repository))}


def select(flows: dict[str, Flow], process: str | None) -> list[Flow]:
    """All processes, or one and every sub-process it runs, in a stable order."""
    if process is None:
        return [flows[key] for key in sorted(flows)]
    if process not in flows:
        hint = closest(process, flows)
        raise SopLintError(f"no process `{process}`" + (f": did you mean `{hint}`?" if hint else ""))
    chosen: list[str] = []
    pending = [process]
    while pending:
        current = pending.pop(0)
        if current in chosen or current not in flows:
            continue
        chosen.append(current)
        pending += [step.process for step in flows[current].steps if step.process]
    return [flows[key] for key in chosen]
