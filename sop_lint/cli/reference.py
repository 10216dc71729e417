"""`graph`, `init`, `rules`, `explain` and `schema`: drawing, starting and describing."""

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
    """Create a minimal ops repository in PATH: a config, one process and its SOPs.

    Existing files are never overwritten: if any starter file exists, nothing is written.

    \b
    Example:
      sop-lint init ops && sop-lint check ops
    """
    from sop_lint.commands.init import run_init

    finish(run_init(root=path))


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
    """Print the JSON Schema of a process, an SOP or the configuration file.

    \b
    Example:
      sop-lint schema sop > .schemas/sop.schema.json
    """
    from sop_lint.commands.describe import run_schema

    finish(run_schema(name=name))
