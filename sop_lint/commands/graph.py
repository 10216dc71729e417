"""`sop-lint graph`: processes as flowcharts, so a person can look rather than read.

Each process is a box of its own: its trigger, its steps in order, its outcome. A step
points to the SOP that explains it (dashed), or to the trigger of the sub-process it
runs. Mermaid renders in GitHub and GitLab Markdown; DOT is for Graphviz. The processes
come from the model (through the cache), like every command's.
"""

from __future__ import annotations

from pathlib import Path

from sop_lint.commands.output import Output
from sop_lint.commands.roots import nothing_found
from sop_lint.config.loading import load_config
from sop_lint.engine.loading import RunOptions, load_repository
from sop_lint.engine.sources import work_tree
from sop_lint.engine.state import state_folder
from sop_lint.errors import SopLintError
from sop_lint.kinds import Kind
from sop_lint.model.flows import flows_of, select
from sop_lint.reporters.flowcharts import dot, mermaid


def run_graph(*, root: Path, process: str | None, output_format: str, config_file: Path | None, no_cache: bool) -> Output:
    config = load_config(root, config_file, remember=None if no_cache else state_folder(root))
    loaded = load_repository(work_tree(root), config, RunOptions.for_root(root, no_cache=no_cache))
    if not loaded.files:
        raise nothing_found(root, config)
    repository = loaded.repository
    unreadable = sorted(repository.unnamed[Kind.PROCESS])
    if process is not None and process in unreadable:
        raise SopLintError(f"the process file `{process}` cannot be read, so it cannot be drawn: `sop-lint check` says why")
    flows = select(flows_of(repository), process)
    notes: tuple[str, ...] = ()
    if process is None and unreadable:
        listed = ", ".join(f"`{name}`" for name in unreadable[:3]) + (", …" if len(unreadable) > 3 else "")
        notes = (f"sop-lint: note: {len(unreadable)} process file(s) cannot be read and are not drawn ({listed}): `sop-lint check` says why",)
    return Output((mermaid if output_format == "mermaid" else dot)(flows), messages=notes)
