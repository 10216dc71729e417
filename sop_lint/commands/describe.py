"""`sop-lint rules`, `explain` and `schema`: what the rules and schemas are."""

from __future__ import annotations


def rules_table(output_format: str) -> str:
    from sop_lint.rules import RULES
    from sop_lint.rules.base import summary

    if output_format == "markdown":
        lines = ["| code | name | severity | summary |", "| --- | --- | --- | --- |"]
        lines += [f"| {r.CODE} | {r.NAME} | {r.SEVERITY.value} | {summary(r)} |" for r in RULES.values()]
    else:
        width = max(len(r.NAME) for r in RULES.values())
        lines = [f"{r.CODE}  {r.NAME:<{width}}  {r.SEVERITY.value:<7}  {summary(r)}" for r in RULES.values()]
    return "\n".join(lines) + "\n"
