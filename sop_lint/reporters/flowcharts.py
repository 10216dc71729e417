"""Processes as flowcharts: Mermaid (renders in GitHub and GitLab Markdown) and Graphviz DOT."""

from __future__ import annotations

import re

from sop_lint.findings import visible
from sop_lint.model.flows import Flow


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
        lines.append(f"  subgraph {_dot_text('cluster_' + flow.id)} {{")
        lines.append(f"    label={_dot_text(flow.title)};")
        lines.append(f'    {_dot_text(flow.id + ":trigger")} [shape=oval, label={_dot_text(flow.trigger or "(no trigger)")}];')
        chain = [_dot_text(flow.id + ":trigger")]
        for step in flow.steps:
            step_node = _dot_text(f"{flow.id}:step{step.index + 1}")
            label = f"{step.index + 1}. {step.name or '(unnamed step)'}"
            lines.append(f"    {step_node} [shape=box, label={_dot_text(label)}];")
            chain.append(step_node)
            if step.sop:
                sops.add(step.sop)
                links.append(f"  {step_node} -> {_dot_text('sop:' + step.sop)} [style=dashed];")
            elif step.process in drawn:
                links.append(f"  {step_node} -> {_dot_text(step.process + ':trigger')} [style=bold];")
        lines.append(f'    {_dot_text(flow.id + ":outcome")} [shape=oval, label={_dot_text(flow.outcome or "(no outcome)")}];')
        chain.append(_dot_text(flow.id + ":outcome"))
        lines.append("    " + " -> ".join(chain) + ";")
        lines.append("  }")
    lines += [f"  {_dot_text('sop:' + sop)} [shape=note, label={_dot_text('SOP ' + sop)}];" for sop in sorted(sops)]
    return "\n".join([*lines, *links, "}"]) + "\n"



def _node_id(identifier: str) -> str:
    return "p_" + re.sub(r"[^A-Za-z0-9_]", "_", identifier)



def _mermaid_text(text: str) -> str:
    """Mermaid labels in double quotes take HTML entities for what would end them."""
    return visible(" ".join(text.split())).replace('"', "#quot;")



def _dot_text(text: str) -> str:
    """A DOT string: every name and label is one, quoted and escaped, so that no value
    of a file can end it and add attributes of its own (a `URL` or `href`, say)."""
    return '"' + visible(" ".join(text.split())).replace("\\", "\\\\").replace('"', '\\"') + '"'
