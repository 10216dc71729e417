"""`graph`, `init`, `new`, `rules`, `explain` and `schema`: drawing, starting and describing."""

from __future__ import annotations

from pathlib import Path

import click

from sop_lint.cli.options import CONFIG, NO_CACHE, ROOT, debug_option, finish, sop_root
from sop_lint.json_schema import SCHEMA_NAMES


@click.command()
@ROOT
@click.option("--process", "process", help="Draw this process, step by step, and the sub-processes it runs.")
@click.option("--detail", is_flag=True, help="Draw every process step by step in one chart (large past a few processes).")
@click.option(
    "--format", "output_format", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True,
    help="Mermaid (renders in GitHub and GitLab Markdown) or Graphviz DOT.",
)
@CONFIG
@NO_CACHE
@debug_option
def graph(path: Path | None, process: str | None, detail: bool, output_format: str, config_file: Path | None, no_cache: bool) -> None:
    """Draw the processes as flowcharts. All of them: one box per process (its title,
    trigger and outcome), with an arrow to each sub-process it runs. One process with
    --process: its trigger, ordered steps and outcome, each step linked to its SOP or to
    the sub-process it runs.

    \b
    Examples:
      sop-lint graph > processes.mmd
      sop-lint graph --process promote-new-video --format dot | dot -Tsvg > flow.svg
    """
    from sop_lint.commands.graph import run_graph

    finish(run_graph(root=sop_root(path), process=process, detail=detail, output_format=output_format, config_file=config_file, no_cache=no_cache))


@click.command()
@click.argument("path", default=".", type=click.Path(file_okay=False, path_type=Path))
@debug_option
def init(path: Path) -> None:
    """Create a minimal ops repository in PATH: a config that shows every setting, one
    process and its SOPs; and, at the root of the git repository (PATH outside git), a
    .pre-commit-config.yaml with sop-lint's hooks and a CODEOWNERS example.

    Existing files are never overwritten: if any starter file exists, nothing is written;
    an existing .pre-commit-config.yaml or CODEOWNERS is left alone, and the output says so.

    \b
    Examples:
      sop-lint init ops && sop-lint check ops
      sop-lint init && pre-commit install && pre-commit install --hook-type pre-push
    """
    from sop_lint.commands.init import run_init

    finish(run_init(root=path))


@click.command()
@click.argument("kind", type=click.Choice(["sop", "process"]))
@click.argument("identifier", metavar="ID")
@ROOT
@click.option("--title", help="The title; else the file asks for one.")
@click.option("--owner", help="The owner, like @finance-team; else the process's owner (with --process).")
@click.option("--process", "process", metavar="ID", help="Add a step that uses the new file to this process.")
@click.option("--after", metavar="STEP", help="Add the step after the step of this name (default: last).")
@click.option("--first", is_flag=True, help="Add the step before the first one.")
@click.option("--step", metavar="NAME", help="The step's name [default: the title].")
@CONFIG
@debug_option
def new(
    kind: str, identifier: str, path: Path | None, title: str | None, owner: str | None, process: str | None,
    after: str | None, first: bool, step: str | None, config_file: Path | None,
) -> None:
    """Write a new SOP or process from a template, where the repository keeps its kind.

    The folder is where most files of the same owner live, else where most files the
    process (--process) uses live, else where most files of the kind live; an SOP is
    Markdown or YAML as most SOPs are. Required fields are left empty under a comment
    that says what to write, so `sop-lint check` lists what is left. Nothing is written
    if the id is taken or not valid, the file exists, or the step cannot be added.

    \b
    Examples:
      sop-lint new sop send-invoice --title "Send the monthly invoice" --owner @finance
      sop-lint new sop boost-post --process promote-new-video --after "Schedule post" \\
          --title "Boost the post with ads"
      sop-lint new process month-end --title "Close the month"
    """
    from sop_lint.commands.new import run_new
    from sop_lint.kinds import Kind

    if (after is not None or first or step is not None) and process is None:
        raise click.UsageError("--after, --first and --step need --process: the process to add the step to")
    if after is not None and first:
        raise click.UsageError("give --after or --first, not both")
    finish(run_new(
        root=sop_root(path), kind=Kind(kind), identifier=identifier, title=title, owner=owner, process=process,
        after=after, first=first, step=step, config_file=config_file,
    ))


@click.command()
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

    finish(run_rules(output_format=output_format))


@click.command()
@click.argument("code")
@debug_option
def explain(code: str) -> None:
    """Explain one rule: what it checks, why, and a bad and a good example.

    CODE is a rule code like P001 or a rule name like missing-trigger.

    \b
    Example:
      sop-lint explain R001
    """
    from sop_lint.commands.describe import find_rule, rules_like, run_explain

    rule = find_rule(code)
    if rule is None:
        like = " or ".join(f"`{rule.NAME}` ({rule.CODE})" for rule in rules_like(code))
        hint = f"did you mean {like}?" if like else "`sop-lint rules` lists them"
        raise click.BadParameter(f"no rule `{code}`: {hint}", param_hint="CODE")
    finish(run_explain(rule=rule))


@click.command()
@click.argument("name", type=click.Choice(SCHEMA_NAMES))
@debug_option
def schema(name: str) -> None:
    """Print the JSON Schema of a process, an SOP, the configuration file or its inventory.

    \b
    Example:
      sop-lint schema sop > .schemas/sop.schema.json
    """
    from sop_lint.commands.describe import run_schema

    finish(run_schema(name=name))
