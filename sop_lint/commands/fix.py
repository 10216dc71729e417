"""`check --fix` and `check --diff`: the fixes the findings offer, written or shown.

`--fix` writes every fixed file or none, then reports what is left, as `check` would.
`--diff` writes nothing: it prints the change `--fix` would make as a unified diff with
paths from the git work tree root (`git apply` takes it) and exits 1 when there is
anything to fix, as ruff's `--diff` does.
"""

from __future__ import annotations

from pathlib import Path

from sop_lint.commands.output import Output, cannot_write
from sop_lint.commands.reporting import report
from sop_lint.commands.unified_diff import Change, linked_to, unified_diff
from sop_lint.config.settings import Config
from sop_lint.engine.fixing import FixRun, fix_files
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.sources import work_tree
from sop_lint.findings import visible
from sop_lint.git.location import repository_prefix
from sop_lint.reading.decoding import byte_order
from sop_lint.reading.edits import replace_files
from sop_lint.rules.base import Rule


def run_fixes(
    root: Path,
    given: set[str] | None,
    config: Config,
    rules: list[Rule],
    options: RunOptions,
    *,
    unsafe: bool,
    show_diff: bool,
    output_format: str | None,
    fail_on: str | None,
) -> Output:
    """Fixes the findings of `given` files (all when None); `show_diff` only shows them."""
    run = fix_files(work_tree(root), config, rules, options, unsafe=unsafe, only=given)
    if show_diff:
        to_file = linked_to(root)
        changes = [Change(to_file(path), run.original[path], run.fixed[path]) for path in sorted(run.fixed)]
        notes = tuple(
            f"sop-lint: note: {visible(path)} is saved as {encoding}, which git apply cannot patch: make its fixes with `sop-lint check --fix`"
            for path in sorted(run.fixed) if (encoding := _not_utf_8(run.original[path]))
        )
        return Output(unified_diff(changes, repository_prefix(root)), 1 if run.fixed else 0, (*notes, *_summary(run, "Would fix")))
    try:
        replace_files({root / path: content for path, content in run.fixed.items()}, read_as={root / path: raw for path, raw in run.original.items()})
    except OSError as error:
        raise cannot_write(error, root, "no file was changed") from None
    result = run.result.narrowed_to(given) if given is not None else run.result
    return report(
        result.findings, root=root, config=config, output_format=output_format, fail_on=fail_on,
        files_checked=result.files_checked, paths=result.paths,
        messages=(*(f"sop-lint: note: {note}" for note in result.notes), *_summary(run, "Fixed")),
    )


def _not_utf_8(raw: bytes) -> str | None:
    """`UTF-16` or `UTF-32` for a file git reads as binary (its NUL bytes), else None."""
    encoding = byte_order(raw)[1]
    return None if encoding == "utf-8" else encoding[:6].upper()


def _summary(run: FixRun, verb: str) -> tuple[str, ...]:
    """One line on standard error, as ruff gives: how many fixes in how many files, and
    how many more `--unsafe-fixes` would make."""
    files = len(run.fixed)
    lines = [f"{verb} {run.count} finding{'s' if run.count != 1 else ''} in {files} file{'s' if files != 1 else ''}." if files else "Nothing to fix."]
    if run.unsafe_left:
        lines.append(f"{run.unsafe_left} more fixable with --unsafe-fixes (it may change what a file means: read the diff first).")
    return tuple(f"sop-lint: {line}" for line in lines)
