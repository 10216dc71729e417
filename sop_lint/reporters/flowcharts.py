"""Processes as flowcharts: Mermaid (renders in GitHub and GitLab Markdown) and Graphviz DOT.

Two kinds: the detail of some processes (each a box with its trigger, steps, outcome and
the SOPs they use), and the overview of all (one node per process, joined by the
sub-processes they run), which stays readable however many processes there are.
"""

from __future__ import annotations

import textwrap

from sop_lint.findings import visible
from sop_lint.model.flows import Flow
from sop_lint.model.summary import Step


def mermaid(flows: list[Flow] | tuple[Flow, ...], changed: frozenset[str] = frozenset(), missing: frozenset[str] = frozenset()) -> str:
    """`changed` SOP ids are highlighted, `missing` ones (referenced, but gone) marked, as
    are those no SOP of the flows' repository has."""
    drawn = {flow.id for flow in flows}
    missing = missing.union(*(flow.missing_sops() for flow in flows))
    titles = {identifier: title for flow in flows for identifier, title in flow.sops if title}
    lines = ["flowchart TD"]
    links: list[str] = []
    sops: dict[str, str] = {}
    runs: dict[str, str] = {}  # sub-processes run but not drawn: one box each
    for flow in flows:
        node = _node_id(flow.id)
        lines.append(f'  subgraph {node}["{_mermaid_text(flow.title)}"]')
        lines.append(f'    {node}_trigger(["{_mermaid_text(flow.trigger or "(no trigger)")}"])')
        chain = [f"{node}_trigger"]
        for step in flow.steps:
            step_node = f"{node}_step{step.index + 1}"
            lines.append(f'    {step_node}["{_mermaid_text(_step_label(step))}"]')
            chain.append(step_node)
            if step.sop:
                sops[step.sop] = f"sop_{_node_id(step.sop)}"
                links.append(f"  {step_node} -.-> {sops[step.sop]}")
            elif step.process in drawn:
                links.append(f"  {step_node} ==> {_node_id(step.process)}_trigger")
            elif step.process:
                runs[step.process] = f"run_{_node_id(step.process)}"
                links.append(f"  {step_node} ==> {runs[step.process]}")
        lines.append(f'    {node}_outcome(["{_mermaid_text(flow.outcome or "(no outcome)")}"])')
        chain.append(f"{node}_outcome")
        lines.append("    " + " --> ".join(chain))
        lines.append("  end")
    lines += [f'  {node}[/"{_mermaid_text(_sop_label(sop, titles, missing))}"/]' for sop, node in sorted(sops.items())]
    run_titles = dict(item for flow in flows for item in flow.processes)
    lines += [f'  {node}[["{_mermaid_text(_run_label(process, run_titles))}"]]' for process, node in sorted(runs.items())]
    for name, style, chosen in (("changed", _CHANGED_STYLE, changed), ("missing", _MISSING_STYLE, missing)):
        marked = [node for sop, node in sorted(sops.items()) if sop in chosen]
        if name == "missing":
            marked += [node for process, node in sorted(runs.items()) if run_titles.get(process) is None]
        if marked:
            links += [f"  classDef {name} {style}", f"  class {','.join(marked)} {name}"]
    return "\n".join(lines + links) + "\n"



_CHANGED_STYLE = "fill:#fff3b0,stroke:#b58900,stroke-width:2px"



_MISSING_STYLE = "fill:#fde2e1,stroke:#c0392b,stroke-dasharray:4 3"



def dot(flows: list[Flow]) -> str:
    """Node names start with their kind (`process:`, `sop:`, `run:` for a sub-process the
    chart does not draw), so no two nodes share one: a process `sop` and an SOP `step1`
    would both be `sop:step1`."""
    drawn = {flow.id for flow in flows}
    missing = frozenset[str]().union(*(flow.missing_sops() for flow in flows))
    titles = {identifier: title for flow in flows for identifier, title in flow.sops if title}
    lines = ["digraph sop_lint {", "  rankdir=TB;", "  node [fontname=Helvetica];"]
    links: list[str] = []
    sops: set[str] = set()
    runs: set[str] = set()
    for flow in flows:
        lines.append(f"  subgraph {_dot_text('cluster_' + flow.id)} {{")
        lines.append(f"    label={_dot_text(flow.title)};")
        lines.append(f'    {_dot_text(f"process:{flow.id}:trigger")} [shape=oval, label={_dot_text(flow.trigger or "(no trigger)")}];')
        chain = [_dot_text(f"process:{flow.id}:trigger")]
        for step in flow.steps:
            step_node = _dot_text(f"process:{flow.id}:step{step.index + 1}")
            lines.append(f"    {step_node} [shape=box, label={_dot_text(_step_label(step))}];")
            chain.append(step_node)
            if step.sop:
                sops.add(step.sop)
                links.append(f"  {step_node} -> {_dot_text('sop:' + step.sop)} [style=dashed];")
            elif step.process in drawn:
                links.append(f"  {step_node} -> {_dot_text(f'process:{step.process}:trigger')} [style=bold];")
            elif step.process:
                runs.add(step.process)
                links.append(f"  {step_node} -> {_dot_text('run:' + step.process)} [style=bold];")
        lines.append(f'    {_dot_text(f"process:{flow.id}:outcome")} [shape=oval, label={_dot_text(flow.outcome or "(no outcome)")}];')
        chain.append(_dot_text(f"process:{flow.id}:outcome"))
        lines.append("    " + " -> ".join(chain) + ";")
        lines.append("  }")
    lines += [
        f"  {_dot_text('sop:' + sop)} [shape=note, label={_dot_text(_sop_label(sop, titles, missing))}"
        + (", color=red, style=dashed];" if sop in missing else "];")
        for sop in sorted(sops)
    ]
    run_titles = dict(item for flow in flows for item in flow.processes)
    lines += [
        f"  {_dot_text('run:' + process)} [shape=box, "
        + ("style=dashed, color=red, " if run_titles.get(process) is None else "style=rounded, ")
        + f"label={_dot_text(_run_label(process, run_titles))}];"
        for process in sorted(runs)
    ]
    return "\n".join([*lines, *links, "}"]) + "\n"



def mermaid_overview(flows: list[Flow]) -> str:
    """One node per process: its title, what starts it and what it ends with, and any SOP
    it uses that does not exist; a thick arrow to each sub-process a step runs. Left to
    right, so that processes no other runs stand in one column, each followed by what it runs."""
    lines = ["flowchart LR"]
    links: list[str] = []
    for flow, runs in _overview(flows):
        node = _node_id(flow.id)
        title, *rest = _overview_label(flow)
        lines.append(f'  {node}("<b>{_mermaid_text(title)}</b>{"".join("<br>" + _mermaid_text(line) for line in rest)}")')
        links += [f'  {node} ==>|"{_mermaid_text(label)}"| {_node_id(target)}' for label, target in runs]
    marked = [_node_id(flow.id) for flow in flows if flow.missing_sops() or flow.missing_processes()]
    if marked:
        links += [f"  classDef missing {_MISSING_STYLE}", f"  class {','.join(marked)} missing"]
    return "\n".join(lines + links) + "\n"


def dot_overview(flows: list[Flow]) -> str:
    lines = ["digraph sop_lint {", "  rankdir=LR;", "  node [fontname=Helvetica, shape=box, style=rounded];", "  edge [fontname=Helvetica];"]
    links: list[str] = []
    for flow, runs in _overview(flows):
        wrapped = [part for line in _overview_label(flow) for part in textwrap.wrap(line, 36)]  # DOT never wraps a label
        lines.append(f"  {_dot_text(flow.id)} [label={_dot_text(*wrapped)}"
                     + (", color=red, style=\"rounded,dashed\"];" if flow.missing_sops() or flow.missing_processes() else "];"))
        links += [f"  {_dot_text(flow.id)} -> {_dot_text(target)} [style=bold, label={_dot_text(label)}];" for label, target in runs]
    return "\n".join([*lines, *links, "}"]) + "\n"


def _overview(flows: list[Flow]) -> list[tuple[Flow, list[tuple[str, str]]]]:
    """Each flow with the sub-processes it runs among those drawn, and the step that runs each."""
    drawn = {flow.id for flow in flows}
    return [(flow, [(f"runs at step {step.index + 1}", step.process) for step in flow.steps if step.process in drawn]) for flow in flows]


def _overview_label(flow: Flow) -> list[str]:
    return [
        flow.title,
        f"Starts: {flow.trigger or '(no trigger)'}",
        f"Ends: {flow.outcome or '(no outcome)'}",
        *_do_not_exist("SOP", "SOPs", sorted(flow.missing_sops())),
        *_do_not_exist("Process", "Processes", sorted(flow.missing_processes())),
    ]


def _do_not_exist(one: str, several: str, missing: list[str]) -> list[str]:
    if not missing:
        return []
    return [f"{one} {missing[0]} does not exist" if len(missing) == 1 else f"{several} {', '.join(missing)} do not exist"]


def _step_label(step: Step) -> str:
    """`2. Schedule post`; a name that starts with its own number keeps only that one."""
    name = step.name or "(unnamed step)"
    return name if step.number is not None else f"{step.index + 1}. {name}"


def _sop_label(identifier: str, titles: dict[str, str], missing: frozenset[str]) -> str:
    if identifier in missing:
        return f"SOP {identifier} (does not exist)"
    title = titles.get(identifier)
    return f"SOP {identifier}: {title}" if title and title != identifier else f"SOP {identifier}"


def _run_label(identifier: str, titles: dict[str, str | None]) -> str:
    """A sub-process a step runs that the chart does not draw."""
    title = titles.get(identifier)
    if title is None:
        return f"Process {identifier} (does not exist)"
    return f"Process {identifier}: {title}" if title != identifier else f"Process {identifier}"


def _node_id(identifier: str) -> str:
    """A Mermaid node id for an id, one-to-one: letters and digits stay, any other
    character becomes `_<hex>_` (`send-invoice` is `p_send_2d_invoice`, `send_invoice` is
    `p_send_5f_invoice`). The suffixes added to it (`_trigger`, `_step1`, `_outcome`)
    start with a letter that is no hex digit, so no id's node is another's step."""
    return "p_" + "".join(char if char.isascii() and char.isalnum() else f"_{ord(char):x}_" for char in identifier)



def _mermaid_text(text: str) -> str:
    """A label in double quotes, with every character Mermaid would read as markup written
    as its entity code (`#60;` for `<`): `Email <client name>` keeps its placeholder,
    which HTML would swallow, and `#general` stays text, not the start of an entity."""
    return "".join(_MERMAID_CODES.get(char, char) for char in visible(" ".join(text.split())))


_MERMAID_CODES = {char: f"#{ord(char)};" for char in '"<>#&`'}



def _dot_text(*lines: str) -> str:
    """A DOT string: every name and label is one, quoted and escaped, so that no value
    of a file can end it and add attributes of its own (a `URL` or `href`, say). Lines
    are joined by DOT's own line break, `\\n`."""
    return '"' + "\\n".join(visible(" ".join(text.split())).replace("\\", "\\\\").replace('"', '\\"') for text in lines) + '"'
