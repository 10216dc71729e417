"""`sop-lint graph`: processes as flowcharts, so a person can look rather than read.

Each process is a box of its own: its trigger, its steps in order, its outcome. A step
points to the SOP that explains it (dashed), or to the trigger of the sub-process it
runs. Mermaid renders in GitHub and GitLab Markdown; DOT is for Graphviz.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sop_lint.config import Config
from sop_lint.discovery import discover
from sop_lint.documents import Document
from sop_lint.errors import SopLintError
from sop_lint.file_reading import read_source
from sop_lint.loader import document_of
from sop_lint.model import Step, summarize
from sop_lint.suggestions import closest


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    trigger: str
    outcome: str
    steps: tuple[Step, ...]


def read_flows(root: Path, config: Config) -> dict[str, Flow]:
    """Every readable process with an id, by id (the first file wins a duplicate id)."""
    flows: dict[str, Flow] = {}
    for file in discover(root, config):
        flow = flow_of(document_of(file.path, read_source(root, file, config.max_file_size)), file.expected_kind)
        if flow is not None and flow.id not in flows:
            flows[flow.id] = flow
    return flows


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


def mermaid(flows: list[Flow] | tuple[Flow, ...], changed: frozenset[str] = frozenset(), missing: frozenset[str] = frozenset()) -> str:
    """`changed` SOP ids are highlighted, `missing` ones (referenced, but gone) marked."""
    drawn = {flow.id for flow in flows}
    lines = ["flowchart TD"]
    links: list[str] = []
    sops: dict[str, str] = {}
    for flow in flows:
        node = _node_id(flow.id)
        lines.append(f'  subgraph {node}["{_mermaid_text(flow.title)}"]')
        lines.append(f'    {node}_trigger(["{_mermaid_text(flow.trigger or "(no trigger)")}"])')
        chain = [f"{node}_trigger"]
        for step in flow.steps:
            step_node = f"{node}_step{step.index + 1}"
            lines.append(f'    {step_node}["{step.index + 1}. {_mermaid_text(step.name or "(unnamed step)")}"]')
            chain.append(step_node)
            if step.sop:
                sops[step.sop] = f"sop_{_node_id(step.sop)}"
                links.append(f"  {step_node} -.-> {sops[step.sop]}")
            elif step.process in drawn:
                links.append(f"  {step_node} ==> {_node_id(step.process)}_trigger")
        lines.append(f'    {node}_outcome(["{_mermaid_text(flow.outcome or "(no outcome)")}"])')
        chain.append(f"{node}_outcome")
        lines.append("    " + " --> ".join(chain))
        lines.append("  end")
    lines += [f'  {node}[/"SOP {_mermaid_text(sop)}"/]' for sop, node in sorted(sops.items())]
    for name, style, chosen in (("changed", _CHANGED_STYLE, changed), ("missing", _MISSING_STYLE, missing)):
        marked = [node for sop, node in sorted(sops.items()) if sop in chosen]
        if marked:
            links += [f"  classDef {name} {style}", f"  class {','.join(marked)} {name}"]
    return "\n".join(lines + links) + "\n"


_CHANGED_STYLE = "fill:#fff3b0,stroke:#b58900,stroke-width:2px"
_MISSING_STYLE = "fill:#fde2e1,stroke:#c0392b,stroke-dasharray:4 3"


def dot(flows: list[Flow]) -> str:
    drawn = {flow.id for flow in flows}
    lines = ["digraph sop_lint {", "  rankdir=TB;", "  node [fontname=Helvetica];"]
    links: list[str] = []
    sops: set[str] = set()
    for flow in flows:
        lines.append(f'  subgraph "cluster_{flow.id}" {{')
        lines.append(f"    label={_dot_text(flow.title)};")
        lines.append(f'    "{flow.id}:trigger" [shape=oval, label={_dot_text(flow.trigger or "(no trigger)")}];')
        chain = [f'"{flow.id}:trigger"']
        for step in flow.steps:
            step_node = f'"{flow.id}:step{step.index + 1}"'
            label = f"{step.index + 1}. {step.name or '(unnamed step)'}"
            lines.append(f"    {step_node} [shape=box, label={_dot_text(label)}];")
            chain.append(step_node)
            if step.sop:
                sops.add(step.sop)
                links.append(f'  {step_node} -> "sop:{step.sop}" [style=dashed];')
            elif step.process in drawn:
                links.append(f'  {step_node} -> "{step.process}:trigger" [style=bold];')
        lines.append(f'    "{flow.id}:outcome" [shape=oval, label={_dot_text(flow.outcome or "(no outcome)")}];')
        chain.append(f'"{flow.id}:outcome"')
        lines.append("    " + " -> ".join(chain) + ";")
        lines.append("  }")
    lines += [f'  "sop:{sop}" [shape=note, label={_dot_text("SOP " + sop)}];' for sop in sorted(sops)]
    return "\n".join([*lines, *links, "}"]) + "\n"


def _node_id(identifier: str) -> str:
    return "p_" + re.sub(r"[^A-Za-z0-9_]", "_", identifier)


def _mermaid_text(text: str) -> str:
    """Mermaid labels in double quotes take HTML entities for what would end them."""
    return " ".join(text.split()).replace('"', "#quot;")


def _dot_text(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'
