"""The `sop-lint` command line. The only package that imports click.

Options in, exit code out: each command turns its options into one call of its module
in `sop_lint.commands`, prints the `Output` it returns, and exits with its code. Errors
become an exit code in exactly one place (`_Group.invoke`).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from sop_lint import __version__
from sop_lint.cli.editor import lsp
from sop_lint.cli.freshness import review, stale
from sop_lint.cli.linting import check, diff
from sop_lint.cli.options import DEBUG, debug_option
from sop_lint.cli.queries import find, inventory, owners
from sop_lint.cli.reference import explain, graph, init, new, rules, schema
from sop_lint.cli.renaming import rename
from sop_lint.errors import SopLintError
from sop_lint.findings import visible

# Beyond these light modules, each command imports what it needs when it runs, so that
# `sop-lint rules` does not pay for the linter and `check` not for what only `init` uses.

EXIT_USAGE = 2
# What a shell reports for a program that a closed pipe ended (128 + SIGPIPE), as `git log | head` does.
EXIT_BROKEN_PIPE = 141


class _Group(click.Group):
    """Turns a `SopLintError` into one line and exit code 2, and any other exception into
    one line too (the traceback with --debug): the one place errors become an exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """click's own handling, except that a usage error (a bad option, a missing
        argument) is one line too, like every other error, with where to find help."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:  # `sop-lint` alone: the help as `--help` prints it, not squeezed onto one line
            click.echo(error.ctx.get_help())
            sys.exit(EXIT_USAGE)
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx is not None else "sop-lint"
            message = " ".join(error.format_message().split())  # click lists choices on lines of their own
            click.echo(f"sop-lint: error: {visible(message)} (see `{visible(command)} --help`)", err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any) -> click.Context:
        """`sop-lint --help` and `--version` print while the options are read."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError:
            _quiet_exit()

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            _quiet_exit()
        except SopLintError as error:
            click.echo(f"sop-lint: error: {visible(str(error))}", err=True)
        except Exception as error:
            debug = bool(ctx.meta.get(DEBUG))
            if debug:
                import traceback  # only for --debug: the hook pays for every import

                traceback.print_exc()
            advice = "please report it with the traceback above" if debug else "run again with --debug for the traceback"
            click.echo(f"sop-lint: internal error: {type(error).__name__}: {visible(str(error))} ({advice})", err=True)
        return ctx.exit(EXIT_USAGE)


def _quiet_exit() -> NoReturn:
    """The reader of the output went away (`sop-lint stale | head -1`): stop without a word,
    as other command-line tools do. Output still buffered goes nowhere, so that Python's
    own flush at exit does not complain about the pipe either."""
    with contextlib.suppress(OSError, ValueError):  # a test's captured output has no file descriptor
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(EXIT_BROKEN_PIPE)


@click.group(name="sop-lint", cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sop-lint")
@debug_option
def main() -> None:
    """Lint an ops repository: processes, SOPs, and the references between them.

    \b
    Examples:
      sop-lint check                  # check the SOP repository you are in
      sop-lint check ops/ --format json
      sop-lint explain P001           # what a finding means and how to fix it
    """


for command in (check, diff, stale, review, find, inventory, owners, rename, graph, init, new, rules, explain, schema, lsp):
    main.add_command(command)


def run() -> NoReturn:
    """The `sop-lint` program: `main`, then an exit that skips the interpreter's teardown,
    which frees every object one by one: after a run over 12,000 files that cost a cold
    `check` 0.2 to 0.4 s and `stale` 0.1 s, for nothing (mypy ends the same way). The
    output is flushed first. The usual exit is kept where it has work to do: another
    thread still running (it waits for it), a child process still running (a run stopped
    while the history child read git: the usual exit ends it, where `os._exit` left it
    waiting on its pipe for ever), or output that cannot be flushed. Tests drive `main`
    itself, which exits as usual."""
    code: object = 0
    try:
        main()
    except SystemExit as exit:
        code = exit.code
    if not isinstance(code, int):  # None, or a message as `sys.exit("...")` gives it: printed, exit 1
        if code is not None:
            click.echo(code, err=True)
        code = 0 if code is None else 1
    for stream in (sys.stdout, sys.stderr):  # None when the program started with it closed
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:
            _quiet_exit()
        except (OSError, ValueError):
            sys.exit(code)
    if threading.active_count() > 1 or _children_running():
        sys.exit(code)
    os._exit(code)


def _children_running() -> bool:
    """Whether a child process this run started is still running (multiprocessing is
    loaded only by runs that start one)."""
    multiprocessing = sys.modules.get("multiprocessing")
    return multiprocessing is not None and bool(multiprocessing.active_children())
