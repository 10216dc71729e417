"""The `sop-lint` command line. The only module that imports click.

Options in, exit code out: each command turns its options into one call of its module
in `sop_lint.commands`, prints the `Output` it returns, and exits with its code. Errors
become an exit code in exactly one place (`_Group.invoke`).
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from sop_lint import __version__
from sop_lint.commands.output import Output
from sop_lint.errors import SopLintError
from sop_lint.findings import Severity
from sop_lint.json_schema import SCHEMA_NAMES
from sop_lint.reporters import REPORTERS

# Beyond these light modules, each command imports what it needs when it runs, so that
# `sop-lint rules` does not pay for the linter and `check` not for what only `init` uses.

EXIT_USAGE = 2
_DEBUG = "sop_lint.debug"
F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except SopLintError as error:
            click.echo(f"sop-lint: error: {error}", err=True)
        except Exception as error:
            if ctx.meta.get(_DEBUG):
                traceback.print_exc()
            click.echo(
                f"sop-lint: internal error: {type(error).__name__}: {error} (run again with --debug for the traceback)",
                err=True,
            )
        ctx.exit(EXIT_USAGE)


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[_DEBUG] = True


def debug_option(function: F) -> F:
    return click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set_debug,
        help="Show the traceback of an internal error.",
    )(function)


def _finish(output: Output) -> None:
    """Prints what a command gave (messages on stderr first) and exits with its code."""
    for message in output.messages:
        click.echo(message, err=True)
    click.echo(output.text, nl=False)
    sys.exit(output.exit_code)


def _codes(values: tuple[str, ...]) -> list[str] | None:
    """`--select P,R --select C001` → ['P', 'R', 'C001']; None when the option was not given."""
    if not values:
        return None
    codes = [code.strip().upper() for value in values for code in value.split(",") if code.strip()]
    if not codes:
        raise click.UsageError("--select and --ignore need at least one rule code")
    return codes


_ROOT = click.argument(
    "path", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
_CONFIG = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration file instead of the one in PATH.",
)
_NO_CACHE = click.option(
    "--no-cache", is_flag=True, help="Read, parse and check every file again, without reading or writing the cache."
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sop-lint")
@debug_option
def main() -> None:
    """Lint an ops repository: processes, SOPs, and the references between them.

    \b
    Examples:
      sop-lint check                  # check the current folder
      sop-lint check ops/ --format json
      sop-lint explain P001           # what a finding means and how to fix it
    """


_FORMAT = click.option(
    "--format", "output_format", type=click.Choice(sorted(REPORTERS)),
    help="Output format [default: github when GITHUB_ACTIONS=true, else text].",
)
_SELECT = click.option("--select", multiple=True, help="Only these rule codes or prefixes, comma-separated (e.g. P,R001).")
_IGNORE = click.option("--ignore", multiple=True, help="Skip these rule codes or prefixes, comma-separated.")
_FAIL_ON = click.option(
    "--fail-on", type=click.Choice([s.value for s in Severity]),
    help="Lowest severity that fails the run [default: from config, else error].",
)
_NOW = click.option("--now", help="Judge review dates as of this date (YYYY-MM-DD or an ISO date-time) instead of now.")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path), metavar="[PATH] [FILE]...")
@_FORMAT
@_SELECT
@_IGNORE
@_FAIL_ON
@_CONFIG
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), help="Hide findings listed in this baseline file.")
@click.option("--write-baseline", "update_baseline", is_flag=True, help="Write every current finding to the --baseline file and exit 0.")
@click.option("--staged", is_flag=True, help="For the pre-commit hook: also report what the staged changes (a deleted or renamed SOP) break in files that are not staged; without FILEs, report on the staged files.")
@_NO_CACHE
@_NOW
@click.option("--allow-shallow", is_flag=True, help="Run the history rules even in a shallow clone, whose oldest commit looks like every file's last change.")
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
    no_cache: bool,
    now: str | None,
    allow_shallow: bool,
) -> None:
    """Check every process and SOP under PATH, the SOP root (default: the current folder).

    Given FILEs, the whole root is still checked (references resolve against every
    file), but only findings in those files are reported.

    Exit code 0: nothing at or above the fail level; 1: findings; 2: usage or
    configuration error.

    \b
    Examples:
      sop-lint check sample-repo
      sop-lint check --select P,R --fail-on warning
      sop-lint check --baseline .sop-lint-baseline.json --write-baseline
      sop-lint check --staged ops ops/sops/schedule-post.md   # as the pre-commit hook runs
    """
    from sop_lint.commands.check import run_check

    if update_baseline and baseline is None:
        raise click.UsageError("--write-baseline needs --baseline FILE")
    root, files = _root_and_files(paths)
    _finish(
        run_check(
            root=root, files=files, output_format=output_format, select=_codes(select), ignore=_codes(ignore) or [],
            fail_on=fail_on, config_file=config_file, baseline=baseline, write=update_baseline, staged=staged,
            no_cache=no_cache, now=now, allow_shallow=allow_shallow, progress=progress_bar,
        )
    )



@main.command()
@_ROOT
@click.option("--base", "base_ref", required=True, help="The revision the change starts from, like origin/main; compared from its merge base with --head.")
@click.option("--head", "head_ref", default="HEAD", show_default=True, help="The revision with the change.")
@_FORMAT
@_SELECT
@_IGNORE
@_FAIL_ON
@_CONFIG
@_NO_CACHE
@_NOW
@debug_option
def diff(
    path: Path,
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

    _finish(
        run_diff(
            root=path, base_ref=base_ref, head_ref=head_ref, output_format=output_format, select=_codes(select),
            ignore=_codes(ignore) or [], fail_on=fail_on, config_file=config_file, no_cache=no_cache, now=now,
        )
    )



def _root_and_files(paths: tuple[Path, ...]) -> tuple[Path, list[Path]]:
    """`check`'s arguments: at most one folder, the SOP root, and files to report on."""
    folders = [path for path in paths if path.is_dir()]
    if len(folders) > 1:
        raise click.UsageError(f"one SOP root folder at a time, not {len(folders)} ({', '.join(map(str, folders))})")
    return (folders[0] if folders else Path(".")), [path for path in paths if not path.is_dir()]


def progress_bar(items: list[T], delay: float = 1.0) -> Iterator[T]:
    """Yields `items`, drawing click's progress bar on stderr once the work has taken
    `delay` seconds, and only when stderr is a terminal: short runs, pipes and CI logs
    never see it, and it never touches standard output."""
    if not sys.stderr.isatty():
        yield from items
        return
    start = time.monotonic()
    bar: Any = None
    try:
        for done, item in enumerate(items):
            if bar is None and time.monotonic() - start >= delay:
                bar = click.progressbar(length=len(items), label="Checking", file=sys.stderr)
                bar.__enter__()
                bar.update(done)
            yield item
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@main.command()
@_ROOT
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json", "csv", "html"]), default="text", show_default=True, help="Output format (html: one self-contained page).")
@click.option("--now", help="Report as of this date (YYYY-MM-DD or an ISO date-time) instead of now, for reproducible reports.")
@click.option("--group-by", type=click.Choice(["owner"]), help="Group the SOPs by owner (text and Markdown).")
@click.option("--fail", is_flag=True, help="Exit 1 when any SOP is stale, for scheduled CI jobs.")
@click.option("--allow-shallow", is_flag=True, help="Report even from a shallow clone, whose oldest commit looks like every file's last change.")
@_CONFIG
@_NO_CACHE
@debug_option
def stale(
    path: Path,
    output_format: str,
    now: str | None,
    group_by: str | None,
    fail: bool,
    allow_shallow: bool,
    config_file: Path | None,
    no_cache: bool,
) -> None:
    """List the SOPs past (or close to) their review interval, most overdue first.

    An SOP counts as reviewed when its content last changed, on its `last_reviewed`
    date, or at a commit with an `SOP-Reviewed: <id>` trailer, whichever is latest.
    Needs the full git history: a shallow clone stops with exit 2 unless --allow-shallow.

    \b
    Examples:
      sop-lint stale
      sop-lint stale --group-by owner --format markdown > report.md
      sop-lint stale --fail --now 2026-12-01
    """
    from sop_lint.commands.stale import run_stale

    _finish(
        run_stale(
            root=path, output_format=output_format, now=now, group_by_owner=group_by == "owner", fail=fail,
            allow_shallow=allow_shallow, config_file=config_file, no_cache=no_cache,
        )
    )



@main.command()
@click.argument("arguments", nargs=-1, required=True, metavar="[PATH] ID...")
@click.option("--date", "day", help="The review date (YYYY-MM-DD) instead of today.")
@_CONFIG
@debug_option
def review(arguments: tuple[str, ...], day: str | None, config_file: Path | None) -> None:
    """Record that SOPs were reviewed: set `last_reviewed` in each, changing nothing else.

    IDs are SOP ids. PATH, the SOP root, is the first argument when it is a folder and
    more arguments follow (default: the current folder). Prints the git command that
    commits the review.

    \b
    Examples:
      sop-lint review schedule-post
      sop-lint review ops draft-post-copy schedule-post --date 2026-11-20
    """
    import datetime

    from sop_lint.commands.review import run_review

    first = Path(arguments[0])
    root, ids = (first, list(arguments[1:])) if len(arguments) > 1 and first.is_dir() else (Path("."), list(arguments))
    try:
        when = datetime.date.fromisoformat(day) if day else datetime.date.today()
    except ValueError:
        raise click.BadParameter(f"{day!r} is not a date like 2026-11-24", param_hint="--date") from None
    _finish(run_review(root=root, ids=ids, day=when, config_file=config_file))



@main.command()
@_ROOT
@click.option("--process", "process", help="Draw this process and the sub-processes it runs (default: all).")
@click.option("--format", "output_format", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True, help="Mermaid (renders in GitHub and GitLab Markdown) or Graphviz DOT.")
@_CONFIG
@_NO_CACHE
@debug_option
def graph(path: Path, process: str | None, output_format: str, config_file: Path | None, no_cache: bool) -> None:
    """Draw the processes as flowcharts: trigger, ordered steps, outcome; each step
    linked to its SOP or to the sub-process it runs.

    \b
    Examples:
      sop-lint graph > processes.mmd
      sop-lint graph --process promote-new-video --format dot | dot -Tsvg > flow.svg
    """
    from sop_lint.commands.graph import run_graph

    _finish(run_graph(root=path, process=process, output_format=output_format, config_file=config_file, no_cache=no_cache))



@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
@debug_option
def rules(output_format: str) -> None:
    """List every rule with its code, name, default severity and summary.

    \b
    Examples:
      sop-lint rules
      sop-lint rules --format markdown   # the table in the README
    """
    from sop_lint.commands.describe import run_rules

    _finish(run_rules(output_format=output_format))



@main.command()
@click.argument("code")
@debug_option
def explain(code: str) -> None:
    """Explain one rule: what it checks, why, and a bad and a good example.

    CODE is a rule code like P001 or a rule name like missing-trigger.

    \b
    Example:
      sop-lint explain R001
    """
    from sop_lint.commands.describe import find_rule, run_explain

    rule = find_rule(code)
    if rule is None:
        raise click.BadParameter(f"no rule `{code}`: `sop-lint rules` lists them", param_hint="CODE")
    _finish(run_explain(rule=rule))



@main.command()
@click.argument("name", type=click.Choice(SCHEMA_NAMES))
@debug_option
def schema(name: str) -> None:
    """Print the JSON Schema of a process, an SOP or the configuration file.

    \b
    Example:
      sop-lint schema sop > .schemas/sop.schema.json
    """
    from sop_lint.commands.describe import run_schema

    _finish(run_schema(name=name))



@main.command()
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@debug_option
def init(path: Path) -> None:
    """Create a minimal ops repository in PATH: a config, one process and its SOPs.

    Existing files are never overwritten: if any starter file exists, nothing is written.

    \b
    Example:
      sop-lint init ops && sop-lint check ops
    """
    from sop_lint.commands.init import run_init

    _finish(run_init(root=path))
