"""`sop-lint check`: every process and SOP under the SOP root, checked.

The whole root is always checked, so references resolve against every file; FILEs given
narrow what is reported. `--staged` checks the index instead of the work tree (see
`commands.staged`). A baseline hides the findings it accepts, or records them all.
"""

from __future__ import annotations

import gc
from pathlib import Path

from sop_lint.commands.output import Output
from sop_lint.commands.reporting import report
from sop_lint.commands.roots import nothing_found
from sop_lint.config.loading import load_config
from sop_lint.config.settings import Config
from sop_lint.engine.baseline import apply_baseline, read_baseline, write_baseline
from sop_lint.engine.file_checks import Progress
from sop_lint.engine.linting import LintResult, lint
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.selection import select_rules
from sop_lint.engine.sources import work_tree
from sop_lint.engine.state import state_folder
from sop_lint.model.freshness import parse_now
from sop_lint.reading.discovery import paths_among
from sop_lint.rules.base import Rule


def run_check(
    *,
    root: Path,
    files: list[Path],
    output_format: str | None,
    select: list[str] | None,
    ignore: list[str],
    fail_on: str | None,
    config_file: Path | None,
    baseline: Path | None,
    write: bool,
    staged: bool,
    no_cache: bool,
    now: str | None,
    allow_shallow: bool,
    progress: Progress | None = None,
    fix: bool = False,
    unsafe_fixes: bool = False,
    show_diff: bool = False,
) -> Output:
    """`write` records every finding in `baseline` instead of reporting them; `fix` (or
    `show_diff`) fixes what can be fixed first (see `commands.fix`)."""
    # A short run that allocates a lot: the cyclic garbage collector cost a quarter of a
    # warm run, and the objects built hold no reference cycles, so memory stays bounded.
    gc.disable()
    config = load_config(root, config_file, remember=None if no_cache else state_folder(root))
    rules = select_rules(config, select, ignore)
    # A missing or broken baseline is a usage error: said before the whole root is linted.
    accepted = read_baseline(baseline) if baseline is not None and not write else None
    options = RunOptions.for_root(root, no_cache=no_cache, now=parse_now(now), allow_shallow=allow_shallow, progress=progress)
    if fix or show_diff:
        from sop_lint.commands.fix import run_fixes  # only a fixing run needs it

        given = paths_among(root, files, config) if files else None
        return run_fixes(
            root, given, config, rules, options, unsafe=unsafe_fixes, show_diff=show_diff, output_format=output_format, fail_on=fail_on
        )
    result, messages = _checked(root, files, config, rules, options, staged=staged)
    if write:
        assert baseline is not None
        write_baseline(baseline, result.findings)
        count = len(result.findings)
        return Output(messages=(*messages, f"Wrote {count} finding{'s' if count != 1 else ''} to {baseline}."))
    findings, matched, unmatched = result.findings, None, None
    if accepted is not None:
        outcome = apply_baseline(findings, accepted)
        findings, matched, unmatched = outcome.kept, outcome.matched, outcome.unmatched
    return report(
        findings,
        root=root,
        config=config,
        output_format=output_format,
        fail_on=fail_on,
        files_checked=result.files_checked,
        paths=result.paths,
        baseline_matched=matched,
        baseline_unmatched=unmatched,
        messages=messages,
    )


def _checked(
    root: Path, files: list[Path], config: Config, rules: list[Rule], options: RunOptions, *, staged: bool
) -> tuple[LintResult, tuple[str, ...]]:
    """The result as reported on `files` (all when none are given), and the run's notes
    for stderr. A root with no process or SOP at all is an error; a commit with none staged
    is not (the hook runs on every commit)."""
    given = paths_among(root, files, config) if files else None
    if staged:
        from sop_lint.commands.staged import staged_report  # only the hook reads the index

        result = staged_report(root, config, rules, given, options)
    else:
        result = lint(work_tree(root), config, rules, options, report_on=None if given is None else frozenset(given), findings_only=True)
        if result.files_checked == 0:
            raise nothing_found(root, config)
        if given is not None:
            result = result.narrowed_to(given)
    return result, tuple(f"sop-lint: note: {note}" for note in result.notes)

