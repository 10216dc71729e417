"""What a flowchart draws of a process: its title, trigger, ordered steps and outcome.

Built from the model (so from the cached summaries), never by reading files again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sop_lint.errors import SopLintError
from sop_lint.model.repository import Process, Repository, Sop
from sop_lint.model.summary import Step
from sop_lint.suggestions import closest


@dataclass(frozen=True)
class Flow:
    """`sops` holds the title of each SOP the steps use, or None for one that does not
    exist (a chart marks it, as a reviewer needs to see); `processes` the same for the
    sub-processes the steps run."""

    id: str
    title: str
    trigger: str
    outcome: str
    steps: tuple[Step, ...]
    sops: tuple[tuple[str, str | None], ...] = ()
    processes: tuple[tuple[str, str | None], ...] = ()

    def missing_sops(self) -> frozenset[str]:
        return frozenset(identifier for identifier, title in self.sops if title is None)

    def missing_processes(self) -> frozenset[str]:
        return frozenset(identifier for identifier, title in self.processes if title is None)

    def sop_title(self, identifier: str) -> str | None:
        return dict(self.sops).get(identifier)


def flow_of(process: Process, repository: Repository) -> Flow | None:
    """None for a process without a usable id: nothing could point at it."""
    if process.id is None:
        return None
    sops = tuple((used, _title(repository.sop_ids, used)) for used in dict.fromkeys(step.sop for step in process.steps if step.sop))
    runs = tuple((run, _title(repository.process_ids, run)) for run in dict.fromkeys(step.process for step in process.steps if step.process))
    return Flow(process.id, process.title or process.id, process.trigger or "", process.outcome or "", tuple(process.steps), sops, runs)


def _title(items: dict[str, list[Sop]] | dict[str, list[Process]], identifier: str) -> str | None:
    """The SOP's or process's title (its id when it has none); None when none has that id."""
    found = items.get(identifier)
    return None if not found else found[0].title or identifier


def flows_of(repository: Repository) -> dict[str, Flow]:
    """Every process with an id, by id (the first file wins a duplicate id)."""
    return {identifier: flow for identifier, (first, *_) in repository.process_ids.items() if (flow := flow_of(first, repository))}


def select(flows: dict[str, Flow], process: str | None) -> list[Flow]:
    """All processes, or one and every sub-process it runs, in a stable order."""
    if process is None:
        return [flows[key] for key in sorted(flows)]
    if process not in flows:
        raise SopLintError(f"no process `{process}`: " + (
            f"did you mean `{hint}`?" if (hint := _meant(process, flows))
            else "--process takes the `id` of a process; plain `sop-lint graph` draws every process"
        ))
    chosen: list[str] = []
    pending = [process]
    while pending:
        current = pending.pop(0)
        if current in chosen or current not in flows:
            continue
        chosen.append(current)
        pending += [step.process for step in flows[current].steps if step.process]
    return [flows[key] for key in chosen]


def _meant(given: str, flows: dict[str, Flow]) -> str | None:
    """The process a user most likely meant: the one with that title (what the overview
    shows), the one id that starts with it, else the id closest to it."""
    wanted = " ".join(given.split()).casefold()
    titled = [identifier for identifier, flow in flows.items() if " ".join(flow.title.split()).casefold() == wanted]
    starting = [identifier for identifier in flows if identifier.startswith(given)]
    for found in (titled, starting):
        if len(found) == 1:
            return found[0]
    return closest(given, flows)
