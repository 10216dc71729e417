"""`sop-lint rules`, `explain` and `schema`: what the rules check and what the files hold.

Every text comes from the rules' own metadata and docstrings, and from the bundled
schemas, so the documentation never drifts from the code.
"""

from __future__ import annotations

from sop_lint.commands.output import Output
from sop_lint.json_schema import schema_text
from sop_lint.rules.base import Rule, fix_safety, summary
from sop_lint.rules.registry import RULES
from sop_lint.suggestions import closest


def run_rules(*, output_format: str) -> Output:
    return Output(rules_table(output_format))


def rules_table(output_format: str) -> str:
    """Every rule: in Markdown, the table with each code linked to a section of its own
    documentation (docs/rules.md, where SARIF's `helpUri` points); or aligned text."""
    if output_format == "markdown":
        lines = ["| code | name | severity | fix | summary |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| [{r.CODE}](#{_anchor(r)}) | {r.NAME} | {r.SEVERITY.value} | {fix_kind(r)} | {summary(r)} |" for r in RULES.values()]
        for rule in RULES.values():
            body = (rule.__doc__ or "").strip().split("\n", 1)[-1].strip().replace("\n## ", "\n### ")
            body = body.replace("## ", "### ", 1) if body.startswith("## ") else body
            lines += ["", f"## {rule.CODE} {rule.NAME}", "", f"{summary(rule)} Default severity: {rule.SEVERITY.value}.", "", body]
    else:
        width = max(len(r.NAME) for r in RULES.values())
        lines = [f"{'code':<4}  {'name':<{width}}  severity  {'fix':<12}  summary"]
        lines += [f"{r.CODE}  {r.NAME:<{width}}  {r.SEVERITY.value:<8}  {fix_kind(r):<12}  {summary(r)}" for r in RULES.values()]
    return "\n".join(lines) + "\n"


def fix_kind(rule: Rule) -> str:
    """`safe` (made by `check --fix`), `unsafe` (only with `--unsafe-fixes`), both, or `-`."""
    return ", ".join(safety.value for safety in fix_safety(rule)) or "-"


def _anchor(rule: Rule) -> str:
    """The anchor GitHub gives the rule's heading (`## R001 unknown-reference`)."""
    return f"{rule.CODE.lower()}-{rule.NAME}"


def find_rule(code: str) -> Rule | None:
    """The rule with this code (`R001`, any case) or name (`missing-trigger`)."""
    wanted = code.strip()
    return RULES.get(wanted.upper()) or next((rule for rule in RULES.values() if wanted.lower() == rule.NAME), None)


def rules_like(code: str) -> list[Rule]:
    """The rules a code or name that matched none was probably meant for: those with the
    word in their name (`placeholder`: C002 and I001), else the near typo of a name."""
    wanted = code.strip().lower()
    by_word = [rule for rule in RULES.values() if wanted and wanted in rule.NAME.split("-")]
    if by_word:
        return by_word
    near = closest(wanted, [rule.NAME for rule in RULES.values()])
    return [rule for rule in RULES.values() if near == rule.NAME]


def run_explain(*, rule: Rule) -> Output:
    fixes = {"safe": "; fix: safe, made by `check --fix`", "unsafe": "; fix: unsafe, made by `check --fix --unsafe-fixes`"}
    fix = fixes.get(fix_kind(rule), "; fixes: safe and unsafe (see Fix)" if fix_safety(rule) else "")
    heading = f"{rule.CODE} {rule.NAME} (default severity: {rule.SEVERITY.value}{fix})"
    return Output(f"{heading}\n\n{(rule.__doc__ or '').strip()}\n")


def run_schema(*, name: str) -> Output:
    return Output(schema_text(name))
