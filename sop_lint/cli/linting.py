"""`check` and `diff`: the findings of an SOP root, or of a change to it."""

from __future__ import annotations

from pathlib import Path

import click

from sop_lint.cli.options import (
    CONFIG,
    FAIL_ON,
    FORMAT,
    IGNORE,
    NO_CACHE,
    NOW,
    ROOT,
    SELECT,
    debug_option,
    finish,
    progress_bar,
    root_and_files,
    rule_codes,
    sop_root,
)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path), metavar="[PATH] [FILE]...")
@FORMAT
@SELECT
@IGNORE
@FAIL_ON
@CONFIG
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), help="Hide findings listed in this baseline file.")
@click.option("--write-baseline", "update_baseline", is_flag=True, help="Write every current finding to the --baseline file and exit 0.")
@click.option(
    "--staged", is_flag=True,
    help="For the pre-commit hook: also report what the staged changes (a deleted or renamed SOP) break in files that "
    "are not staged; without FILEs, report on the staged files.",
)
@click.option("--fix", is_flag=True, help="Make the safe fixes the findings offer, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also make the fixes that may change what a file means.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes --fix would make, as a unified diff; write nothing.")
@NO_CACHE
@NOW
@click.option(
    "--allow-shallow", is_flag=True,
    help="Run the history rules even in a shallow clone, whose oldest commit looks like every file's last change.",
)
@debug_option
def check(
    paths: tuple[Path, ...],
    output_format: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_file: Path | None,
    baseline: Path | None,
    update_baseline: bool,
    staged: bool,
    fix: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    no_cache: bool,
    now: str | None,
    allow_shallow: bool,
) -> None:
    """Check every process and SOP under PATH, the SOP root.

    Without PATH, the root is found from the current folder (or the FILEs' folder), going
    up to the nearest folder with a sop-lint configuration, else to the nearest one holding
    `processes/` or `sops/`, but never above the git repository. A root with no process
    or SOP file is an error (exit 2), never a pass.

    Given FILEs, the whole root is still checked (references resolve against every
    file), but only findings in those files are reported.

    --fix makes the fixes marked safe in `sop-lint rules` (each file is parsed again and
    written only if it holds exactly what the fixes intended; every byte outside the edits
    stays as it was); --diff shows them instead.

    Exit code 0: nothing at or above the fail level; 1: findings (with --diff: something
    to fix); 2: usage or configuration error.

    \b
    Examples:
      sop-lint check sample-repo
      sop-lint check --diff             # what --fix would change
      sop-lint check --fix
      sop-lint check --select P,R --fail-on warning
      sop-lint check --baseline .sop-lint-baseline.json --write-baseline
      sop-lint check --staged ops ops/sops/schedule-post.md   # as the pre-commit hook runs
    """
    from sop_lint.commands.check import run_check

    if update_baseline and baseline is None:
        raise click.UsageError("--write-baseline needs --baseline FILE")
    if (fix or show_diff) and staged:
        raise click.UsageError("--fix and --diff do not work with --staged: they would change the work tree behind the index")
    if (fix or show_diff) and update_baseline:
        raise click.UsageError("--fix and --diff do not work with --write-baseline: fix first, then write the baseline")
    if unsafe_fixes and not (fix or show_diff):
        raise click.UsageError("--unsafe-fixes goes with --fix or --diff")
    root, files = root_and_files(paths)
    finish(
        run_check(
            root=root, files=files, output_format=output_format, select=rule_codes(select), ignore=rule_codes(ignore) or [],
            fail_on=fail_on, config_file=config_file, baseline=baseline, write=update_baseline, staged=staged,
            no_cache=no_cache, now=now, allow_shallow=allow_shallow, progress=progress_bar,
            fix=fix, unsafe_fixes=unsafe_fixes, show_diff=show_diff,
        )
    )


@click.command()
@ROOT
@click.option(
    "--base", "base_ref", required=True,
    help="The revision the change starts from, like origin/main; compared from its merge base with --head.",
)
@click.option("--head", "head_ref", default="HEAD", show_default=True, help="The revision with the change.")
@FORMAT
@SELECT
@IGNORE
@FAIL_ON
@CONFIG
@NO_CACHE
@NOW
@debug_option
def diff(
    path: Path | None,
    base_ref: str,
    head_ref: str,
    output_format: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_file: Path | None,
    no_cache: bool,
    now: str | None,
) -> None:
    """Review a change: the findings it introduces, and what it does to processes and SOPs.

    Both revisions are read from git objects: nothing is checked out and the work tree
    and index are left alone. Like `git diff BASE...HEAD`, the change is what HEAD did
    since its merge base with BASE. A finding is new when BASE has none with the same
    fingerprint (file, rule and subject, never a line number). The impact lists the
    SOPs and processes added, changed, removed or renamed, the processes using each, and
    the references left pointing at nothing. History rules (H001-H003) do not apply.
    The configuration is the one in PATH (or --config), for both revisions.

    Exit code 0: no new finding at or above the fail level; 1: new findings; 2: usage,
    configuration or git error.

    \b
    Examples:
      sop-lint diff --base origin/main
      sop-lint diff ops --base origin/main --format markdown > comment.md
      sop-lint diff --base v1.2 --head v1.3 --format json
    """
    from sop_lint.commands.diff import run_diff

    finish(
        run_diff(
            root=sop_root(path), base_ref=base_ref, head_ref=head_ref, output_format=output_format, select=rule_codes(select),
            ignore=rule_codes(ignore) or [], fail_on=fail_on, config_file=config_file, no_cache=no_cache, now=now,
        )
    )
