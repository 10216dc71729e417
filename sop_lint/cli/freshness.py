"""`stale` and `review`: how fresh the SOPs are, and recording a review."""

from __future__ import annotations

from pathlib import Path

import click

from sop_lint.cli.options import CONFIG, NO_CACHE, ROOT, debug_option, finish, sop_root


@click.command()
@ROOT
@click.option(
    "--format", "output_format", type=click.Choice(["text", "markdown", "json", "csv", "html"]), default="text",
    show_default=True, help="Output format (html: one self-contained page).",
)
@click.option("--now", help="Report as of this date (YYYY-MM-DD or an ISO date-time) instead of now, for reproducible reports.")
@click.option(
    "--group-by", type=click.Choice(["owner"]),
    help="Group the SOPs by owner, with the inventory's contact (text, Markdown, HTML); in Markdown, the owner digest: "
    "what each owner has due, as a weekly reminder.",
)
@click.option("--fail", is_flag=True, help="Exit 1 when any SOP is stale, for scheduled CI jobs.")
@click.option(
    "--pushed", is_flag=True,
    help="Judge only the SOPs the commits being pushed touch (changed, or used by a changed process), for the pre-push hook.",
)
@click.option("--allow-shallow", is_flag=True, help="Report even from a shallow clone, whose oldest commit looks like every file's last change.")
@CONFIG
@NO_CACHE
@debug_option
def stale(
    path: Path | None,
    output_format: str,
    now: str | None,
    group_by: str | None,
    fail: bool,
    pushed: bool,
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
      sop-lint stale --fail --pushed     # as the pre-push hook runs
    """
    from sop_lint.commands.stale import run_stale

    finish(
        run_stale(
            root=sop_root(path), output_format=output_format, now=now, group_by_owner=group_by == "owner", fail=fail,
            allow_shallow=allow_shallow, config_file=config_file, no_cache=no_cache, pushed=pushed,
        )
    )


@click.command()
@click.argument("arguments", nargs=-1, required=True, metavar="[PATH] ID...")
@click.option("--date", "day", help="The review date (YYYY-MM-DD) instead of today.")
@CONFIG
@debug_option
def review(arguments: tuple[str, ...], day: str | None, config_file: Path | None) -> None:
    """Record that SOPs were reviewed: set `last_reviewed` in each, changing nothing else.

    IDs are SOP ids. PATH, the SOP root, is the first argument when it is a folder and
    more arguments follow (default: found from the current folder, see `check --help`). Prints the git command that
    commits the review.

    \b
    Examples:
      sop-lint review schedule-post
      sop-lint review ops draft-post-copy schedule-post --date 2026-11-20
    """
    import datetime

    from sop_lint.commands.review import run_review

    first = Path(arguments[0])
    root, ids = (first, list(arguments[1:])) if len(arguments) > 1 and first.is_dir() else (sop_root(None), list(arguments))
    try:
        when = datetime.date.fromisoformat(day) if day else datetime.date.today()
    except ValueError:
        raise click.BadParameter(f"{day!r} is not a date like 2026-11-24", param_hint="--date") from None
    if when > datetime.date.today():  # H004 would then report the SOP
        raise click.BadParameter(f"{day} is in the future: a review is recorded on or after the day it happens", param_hint="--date")
    finish(run_review(root=root, ids=ids, day=when, config_file=config_file))
