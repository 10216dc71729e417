"""What the commands share: options, how an `Output` is printed, the progress bar."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from sop_lint.commands.output import Output
from sop_lint.findings import Severity, visible
from sop_lint.reporters import FORMATS

# Where `--debug` leaves its mark, for the error handler to find.
DEBUG = "sop_lint.debug"
F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[DEBUG] = True


def debug_option(function: F) -> F:
    """`--debug` on the group and on every command: the traceback of an internal error."""
    return click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set_debug,
        help="Show the traceback of an internal error.",
    )(function)


def finish(output: Output) -> None:
    """Prints what a command gave (messages on stderr first), appends its job summary,
    and exits with its code."""
    for message in output.messages:
        click.echo(visible(message), err=True)
    if output.step_summary:
        _append_step_summary(output.step_summary)
    click.echo(output.text, nl=False)
    sys.exit(output.exit_code)


def _append_step_summary(markdown: str) -> None:
    """Appends, as GitHub's own actions do: earlier steps' summaries in the file stay.
    A file that cannot be written costs the summary, not the run."""
    from sop_lint.commands.step_summary import SUMMARY_VARIABLE

    path = os.environ.get(SUMMARY_VARIABLE, "")
    try:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(markdown)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        click.echo(
            visible(f"sop-lint: note: could not add the findings to the job summary {path} ({reason}): "
                    "this step's log lists all of them"),
            err=True,
        )


def rule_codes(values: tuple[str, ...]) -> list[str] | None:
    """`--select P,R --select C001` → ['P', 'R', 'C001']; None when the option was not given."""
    if not values:
        return None
    codes = [code.strip().upper() for value in values for code in value.split(",") if code.strip()]
    if not codes:
        raise click.UsageError("--select and --ignore need at least one rule code")
    return codes


ROOT = click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
CONFIG = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration file instead of the one in PATH.",
)
NO_CACHE = click.option(
    "--no-cache", is_flag=True, help="Read, parse and check every file again, without reading or writing the cache."
)



FORMAT = click.option(
    "--format", "output_format", type=click.Choice(sorted(FORMATS)),
    help="Output format [default: github when GITHUB_ACTIONS=true, else text].",
)
SELECT = click.option("--select", multiple=True, help="Only these rule codes or prefixes, comma-separated (e.g. P,R001).")
IGNORE = click.option("--ignore", multiple=True, help="Skip these rule codes or prefixes, comma-separated.")
FAIL_ON = click.option(
    "--fail-on", type=click.Choice([s.value for s in Severity]),
    help="Lowest severity that fails the run [default: from config, else error].",
)
NOW = click.option("--now", help="Judge review dates as of this date (YYYY-MM-DD or an ISO date-time) instead of now.")


def sop_root(path: Path | None, files: list[Path] | None = None) -> Path:
    """The SOP root: PATH when given, else found from where the run starts (see
    `commands.roots`)."""
    from sop_lint.commands.roots import find_root, start_of

    return path if path is not None else find_root(start_of(files or []))


def root_and_files(paths: tuple[Path, ...]) -> tuple[Path, list[Path]]:
    """`check`'s arguments: at most one folder, the SOP root, and files to report on."""
    folders = [path for path in paths if path.is_dir()]
    if len(folders) > 1:
        raise click.UsageError(f"one SOP root folder at a time, not {len(folders)} ({', '.join(map(str, folders))})")
    files = [path for path in paths if not path.is_dir()]
    return sop_root(folders[0] if folders else None, files), files


def progress_bar(items: list[T], delay: float = 1.0) -> Iterator[T]:
    """Yields `items`, drawing click's progress bar on stderr once the work has taken
    `delay` seconds, and only when stderr is a terminal: short runs, pipes and CI logs
    never see it, and it never touches standard output."""
    if sys.stderr is None or not sys.stderr.isatty():  # None: started with stderr closed
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
