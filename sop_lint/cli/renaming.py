"""`rename`: a process's or an SOP's id changed everywhere in one go."""

from __future__ import annotations

from pathlib import Path

import click

from sop_lint.cli.options import CONFIG, ROOT, debug_option, finish, sop_root


@click.command()
@click.argument("old")
@click.argument("new")
@ROOT
@click.option("--dry-run", is_flag=True, help="Print the change as a unified diff and write nothing.")
@click.option("--kind", type=click.Choice(["process", "sop"]), help="Which to rename when a process and an SOP share OLD.")
@CONFIG
@debug_option
def rename(old: str, new: str, path: Path | None, dry_run: bool, kind: str | None, config_file: Path | None) -> None:
    """Rename a process or an SOP: its id, its file, and every step that names it.

    The `id:` line changes, the file is renamed when its name is the old id (and the
    move is staged, as `git mv` does), and every step's `sop:` (or `process:`) that
    names OLD is changed to NEW, each file keeping every other byte (quotes, comments,
    line ends). Nothing is written when any of it cannot be done safely: NEW already
    used or not a valid id, OLD unknown, a file that does not parse. Prints the git
    command that records the rename. PATH is the SOP root (default: found from the
    current folder, see `check --help`).

    \b
    Examples:
      sop-lint rename schedule-post schedule-social-post --dry-run
      sop-lint rename schedule-post schedule-social-post
      sop-lint rename publish-campaign launch-campaign ops/
    """
    from sop_lint.commands.rename import run_rename
    from sop_lint.kinds import Kind

    finish(
        run_rename(
            root=sop_root(path), old=old, new=new, kind=Kind(kind) if kind else None, dry_run=dry_run, config_file=config_file
        )
    )
