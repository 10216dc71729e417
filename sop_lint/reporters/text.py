"""`path:line:col: CODE message`, one finding a line, as editors and terminals expect."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sop_lint.findings import Finding, Severity, visible

if TYPE_CHECKING:
    from sop_lint.model.impact import Impact
    from sop_lint.reporters.context import ReportContext

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def render(findings: list[Finding], context: ReportContext) -> str:
    lines = [_line(finding, context) for finding in findings]
    if context.impact is not None:
        lines += _impact(context.impact, context.display_root)
    lines.append(_summary(findings, context))
    return "\n".join(lines) + "\n"


def _line(finding: Finding, context: ReportContext) -> str:
    location = f"{visible(context.display_root + finding.path)}:{finding.line}:{finding.column}:"
    code = finding.code
    if context.color:
        location = f"{_BOLD}{location}{_RESET}"
        code = f"{_COLORS[finding.severity]}{code}{_RESET}"
    return f"{location} {code} {finding.message}"


def _impact(impact: Impact, display_root: str) -> list[str]:
    """What a change did (`sop-lint diff`), after its new findings."""
    changes = [*impact.sops, *impact.processes]
    lines = [f"Impact of {impact.head[:12]} since its merge base {impact.base[:12]}:"]
    lines += [f"  {visible(change.describe(display_root))}" for change in changes] or ["  no process or SOP changed"]
    lines += [f"  {visible(display_root + ref.path)}:{ref.line}:{ref.column}: {visible(ref.describe(display_root))}" for ref in impact.dangling]
    lines += [f"  inventory: {visible(change.describe())}" for change in impact.inventory]
    return lines


def _summary(findings: list[Finding], context: ReportContext) -> str:
    files = f"{context.files_checked} file{'s' if context.files_checked != 1 else ''}"
    if not findings:
        summary = f"No new findings ({files} checked)." if context.impact is not None else f"All checks passed ({files} checked)."
    else:
        counts = Counter(finding.severity for finding in findings)
        parts = [
            f"{counts[severity]} {severity.value}{'s' if counts[severity] != 1 else ''}"
            for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
            if counts[severity]
        ]
        new = "new " if context.impact is not None else ""
        summary = f"Found {len(findings)} {new}finding{'s' if len(findings) != 1 else ''} ({', '.join(parts)}) in {files}."
        if context.exit_code == 0:
            summary += f" None is at or above the fail level ({context.fail_on.value})."
    if context.baseline_matched:
        summary += f" {context.baseline_matched} known finding{'s' if context.baseline_matched != 1 else ''} hidden by the baseline."
    if context.baseline_unmatched:
        summary += (
            f" {context.baseline_unmatched} baseline "
            + ("entries no longer match" if context.baseline_unmatched != 1 else "entry no longer matches")
            + " anything: run with --write-baseline to drop them."
        )
    return summary
