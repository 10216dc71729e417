"""A Markdown report, ready to post as a pull-request comment: a headline, the findings
as a table, and for `sop-lint diff` the impact of the change with a Mermaid flowchart of
each affected process (GitHub and GitLab render Mermaid blocks as diagrams).

Paths are relative to the git work tree root, as a reviewer sees them in the PR.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sop_lint.findings import Finding, Severity, visible

if TYPE_CHECKING:
    from sop_lint.model.impact import Impact
    from sop_lint.reporters.context import ReportContext

_ICONS = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}


def render(findings: list[Finding], context: ReportContext) -> str:
    impact = context.impact
    lines = [f"### sop-lint: {_headline(findings, context)}", ""]
    if impact is not None:
        lines += [f"Compared `{impact.head[:12]}` with its merge base `{impact.base[:12]}`.", ""]
    if findings:
        lines += ["| | File | Rule | Message |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {_ICONS[f.severity]} {f.severity.value} | `{_cell(context.repository_prefix + f.path)}:{f.line}:{f.column}` "
            f"| `{f.code}` {f.name} | {_cell(f.message)} |"
            for f in findings
        ]
        lines.append("")
    if impact is not None:
        lines += _impact(impact, context.repository_prefix)
    return "\n".join(lines).rstrip("\n") + "\n"


def _headline(findings: list[Finding], context: ReportContext) -> str:
    new = "new " if context.impact is not None else ""
    files = f"{context.files_checked} file{'s' if context.files_checked != 1 else ''}"
    if not findings:
        return f"✅ no {new}findings ({files} checked)"
    counts = Counter(finding.severity for finding in findings)
    parts = ", ".join(
        f"{counts[severity]} {severity.value}{'s' if counts[severity] != 1 else ''}"
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[severity]
    )
    icon = "❌" if context.exit_code else "⚠️"
    return f"{icon} {len(findings)} {new}finding{'s' if len(findings) != 1 else ''} ({parts}) in {files}"


def _impact(impact: Impact, prefix: str) -> list[str]:
    from sop_lint.reporters.flowcharts import mermaid

    lines = ["#### Impact", ""]
    changes = [*impact.sops, *impact.processes]
    if not changes:
        lines += ["No process or SOP changed.", ""]
    lines += [f"- {_inline(change.describe(prefix))}" for change in changes]
    if changes:
        lines.append("")
    if impact.dangling:
        lines += ["**References left dangling**", ""]
        lines += [f"- `{_cell(prefix + ref.path)}:{ref.line}`: {_inline(ref.describe())}" for ref in impact.dangling]
        lines.append("")
    for flow in impact.flows:
        lines += [
            f"<details open><summary>Process <code>{_html(flow.id)}</code>: {_html(flow.title)}</summary>",
            "",
            "```mermaid",
            mermaid([flow], impact.highlighted, impact.missing).rstrip("\n"),
            "```",
            "",
            "</details>",
            "",
        ]
    return lines


def _cell(text: str) -> str:
    """Text inside a table cell: a `|` would end the cell, a line break the row."""
    return _inline(text).replace("|", "\\|")


def _inline(text: str) -> str:
    return visible(" ".join(text.split()))


def _html(text: str) -> str:
    return visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
