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

from pathlib import Path, PurePosixPath

from sop_lint.commands.output import Output
from sop_lint.commands.roots import nothing_found
from sop_lint.config.loading import load_config
from sop_lint.engine.file_checks import CheckedFile
from sop_lint.engine.loading import RunOptions, load_repository
from sop_lint.engine.sources import work_tree
from sop_lint.engine.state import state_folder
from sop_lint.errors import SopLintError
from sop_lint.findings import visible
from sop_lint.kinds import Kind
from sop_lint.model.flows import flows_of, select
from sop_lint.reporters.flowcharts import dot, dot_overview, mermaid, mermaid_overview


def run_graph(*, root: Path, process: str | None, detail: bool, output_format: str, config_file: Path | None, no_cache: bool) -> Output:
    config = load_config(root, config_file, remember=None if no_cache else state_folder(root))
    loaded = load_repository(work_tree(root), config, RunOptions.for_root(root, no_cache=no_cache))
    if not loaded.files:
        raise nothing_found(root, config)
    unreadable = _unreadable(loaded.files)
    for name, why in unreadable:
        if name == process:
            raise SopLintError(f"process `{process}` cannot be drawn: {why}")
    flows = select(flows_of(loaded.repository), process)
    notes: tuple[str, ...] = ()
    if process is None and unreadable:
        said = sorted(why for _, why in unreadable)
        notes = tuple(f"sop-lint: note: a process file that cannot be read is not drawn: {why}" for why in said[:_NAMED])
        if len(said) > _NAMED:
            notes += (f"sop-lint: note: {len(said) - _NAMED} more process files cannot be read and are not drawn: `sop-lint check` lists them",)
    if process is None and not detail:
        return Output((mermaid_overview if output_format == "mermaid" else dot_overview)(flows), messages=notes)
    return Output((mermaid if output_format == "mermaid" else dot)(flows), messages=notes)


_NAMED = 3  # unreadable process files named one by one


def _unreadable(files: list[CheckedFile]) -> list[tuple[str, str]]:
    """Each process file that could not be read: its name without suffix (what a step or
    `--process` would call it) and its first finding, which says why, as `check` does."""
    found = []
    for checked in files:
        if checked.summary.kind is Kind.PROCESS and checked.summary.id is None:
            path = checked.document.path
            first = min(checked.problems, key=lambda problem: (problem[1].position.line, problem[1].position.column), default=None)
            why = f"{path}: `sop-lint check` says why" if first is None else (
                f"{path}:{first[1].position.line}:{first[1].position.column}: {first[0]} {first[1].message}"
            )
            found.append((PurePosixPath(path).stem, visible(why)))
    return found
