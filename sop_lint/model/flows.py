"""The flowchart of a process: its title, trigger, steps and outcome."""

from __future__ import annotations

from dataclasses import dataclass

from sop_lint.errors import SopLintError
from sop_lint.model.summary import Step, summarize
from sop_lint.reading.documents import Document
from sop_lint.suggestions import closest


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    trigger: str
    outcome: str
    steps: tuple[Step, ...]



def flow_of(document: Document, expected_kind: str) -> Flow | None:
    """The flowchart of a process file; None for an SOP or a file without a usable id."""
    summary = summarize(document, expected_kind)
    if summary.kind != "process" or summary.id is None:
        return None
    title, trigger, outcome = (_text(document.get(key)) for key in ("title", "trigger", "outcome"))
    return Flow(summary.id, title or summary.id, trigger, outcome, summary.steps)



def _text(value: object) -> str:
    return value if isinstance(value, str) else ""



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
