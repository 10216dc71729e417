"""`find`, `inventory` and `owners`: questions about what the SOPs rely on and who owns them."""

from __future__ import annotations

from pathlib import Path

import click

from sop_lint.cli.options import CONFIG, NO_CACHE, ROOT, debug_option, finish, sop_root

QUERY_FORMAT = click.option(
    "--format", "output_format", type=click.Choice(["text", "markdown", "json", "csv"]), default="text", show_default=True,
    help="Output format (markdown: ready to paste into an issue).",
)
QUERY_NOW = click.option("--now", help="Judge freshness as of this date (YYYY-MM-DD or an ISO date-time) instead of now.")


@click.command()
@ROOT
@click.option("--tool", metavar="TOOL", help="SOPs whose `tool` names this tool (any case; an alias from the inventory counts).")
@click.option("--account", metavar="TEXT", help="SOPs whose `account` contains this as whole words, like @acme (any case; not @acme-eu).")
@click.option("--owner", metavar="OWNER", help="SOPs owned by OWNER (their `owner`, else CODEOWNERS'; the @ is optional).")
@click.option("--uses", metavar="ID", help="SOPs that process ID uses, with its sub-processes' (or the SOP with that id).")
@QUERY_FORMAT
@QUERY_NOW
@CONFIG
@NO_CACHE
@debug_option
def find(
    path: Path | None, tool: str | None, account: str | None, owner: str | None, uses: str | None,
    output_format: str, now: str | None, config_file: Path | None, no_cache: bool,
) -> None:
    """List the SOPs that use a tool or an account, that an owner owns, or that a process
    uses: each with its owner, its freshness and the processes using it. Give exactly one
    of --tool, --account, --owner, --uses.

    Finding nothing is an answer: it is said plainly, with exit code 0. Exit code 2: usage
    or configuration error, or a --uses id that no file has.

    \b
    Examples:
      sop-lint find --tool Hootsuite
      sop-lint find --account @acme --format markdown > switch-plan.md
      sop-lint find --owner @social-team --format csv
      sop-lint find --uses promote-new-video
    """
    from sop_lint.commands.find import run_find
    from sop_lint.model.queries import Selector

    given = [(selector, value) for selector, value in zip(Selector, (tool, account, owner, uses), strict=True) if value is not None]
    if len(given) != 1:
        said = "none was given" if not given else f"{' and '.join('--' + selector.value for selector, _ in given)} were given"
        raise click.UsageError(f"find needs exactly one of --tool, --account, --owner, --uses: {said}")
    selector, value = given[0]
    if not value.strip():
        raise click.UsageError(f"--{selector.value} needs a value, like --{selector.value} {_EXAMPLES[selector.value]}")
    finish(
        run_find(
            root=sop_root(path), selector=selector, value=value, output_format=output_format, now=now,
            config_file=config_file, no_cache=no_cache,
        )
    )


@click.command()
@ROOT
@QUERY_FORMAT
@QUERY_NOW
@CONFIG
@NO_CACHE
@debug_option
def owners(path: Path | None, output_format: str, now: str | None, config_file: Path | None, no_cache: bool) -> None:
    """Sum up each owner's SOPs and processes: how many SOPs are stale or due soon, how
    many files fail the checks, and where reminders go (the inventory's contact).

    An owner is a file's `owner`, else its CODEOWNERS entry; files with neither are listed
    under (no owner). The JSON and CSV list each owner's SOP and process ids.

    \b
    Examples:
      sop-lint owners
      sop-lint owners --format json | jq -r '.owners[] | select(.stale > 0) | .owner'
    """
    from sop_lint.commands.owners import run_owners

    finish(run_owners(root=sop_root(path), output_format=output_format, now=now, config_file=config_file, no_cache=no_cache))


_EXAMPLES = {"tool": "Buffer", "account": "@acme", "owner": "@social-team", "uses": "promote-new-video"}


@click.command()
@ROOT
@QUERY_FORMAT
@CONFIG
@NO_CACHE
@debug_option
def inventory(path: Path | None, output_format: str, config_file: Path | None, no_cache: bool) -> None:
    """List every tool, account and owner the SOPs name, with how many SOPs name each.

    Spellings of one name count together and are listed beside it (`Buffer`, `buffer`, an
    alias). With an `inventory` in the configuration, each is `known`, `unknown` (not in
    the inventory) or `retired` (with its replacement), and the inventory's names no SOP
    uses are listed with 0.

    \b
    Examples:
      sop-lint inventory
      sop-lint inventory --format csv > names.csv
    """
    from sop_lint.commands.inventory import run_inventory

    finish(run_inventory(root=sop_root(path), output_format=output_format, config_file=config_file, no_cache=no_cache))
