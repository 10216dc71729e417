"""GitHub Actions workflow commands: each finding becomes an annotation on its line.

Paths are relative to the git work tree root, which is where GitHub looks for them,
even when the SOP root is a subfolder. Chosen by default when `GITHUB_ACTIONS=true`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sop_lint.findings import Finding, Severity, visible

if TYPE_CHECKING:
    from sop_lint.reporters.context import ReportContext

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(findings: list[Finding], context: ReportContext) -> str:
    lines = [
        f"::{_COMMANDS[f.severity]} file={_property(visible(context.repository_prefix + f.path))},line={f.line},col={f.column},"
        f"title={_property(f'{f.code} {f.name}')}::{_message(f.message)}"
        for f in findings
    ]
    return "".join(line + "\n" for line in lines)


def _message(text: str) -> str:
    """GitHub's escaping for the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """GitHub's escaping for a property value (file, title)."""
    return _message(text).replace(":", "%3A").replace(",", "%2C")
