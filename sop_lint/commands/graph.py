"""`sop-lint graph`: processes as flowcharts, so a person can look rather than read.

All processes are drawn as an overview: one node per process (its title, trigger and
outcome) with an arrow to each sub-process it runs, which a director reads at a glance
however many processes there are (ten drawn step by step, sharing their SOPs, were a
tangle some 7,500 pixels wide). `--process` draws one process in detail, with the
sub-processes it runs: each a box of its own with its trigger, its steps in order and its
outcome, a step pointing to the SOP that explains it (dashed) or to the trigger of the
sub-process it runs; `--detail` draws every process so. Mermaid renders in GitHub and
GitLab Markdown; DOT is for Graphviz. The processes come from the model (through the
cache), like every command's.
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
from sop_lint.reporters.flowcharts import dot, dot_overview, mermaid, mermaid_overview


def run_graph(*, root: Path, process: str | None, detail: bool, output_format: str, config_file: Path | None, no_cache: bool) -> Output:
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
    if process is None and not detail:
        return Output((mermaid_overview if output_format == "mermaid" else dot_overview)(flows), messages=notes)
    return Output((mermaid if output_format == "mermaid" else dot)(flows), messages=notes)
