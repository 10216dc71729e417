"""Findings as LSP diagnostics: the same code, message and severity as `check`, at the
offending key or value, with a link to the rule's documentation.

The protocol counts columns in UTF-16 code units (what editors written in JavaScript
count); sop-lint counts characters, so a column is converted on its line's text.
"""

from __future__ import annotations

import re

from lsprotocol import types

from sop_lint.findings import Finding, Severity
from sop_lint.rules.base import rule_url
from sop_lint.rules.registry import RULES

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
# What a diagnostic underlines from its start: the value or key there, up to a comment
# or the end of the line.
_TOKEN = re.compile(r"[^\s#](?:[^#]*[^\s#])?|")
# Inside a flow collection (`{name: ..., sop: ...}`), a value also ends at `,`, `]` or `}`.
_FLOW_TOKEN = re.compile(r"[^\s#,\[\]{}](?:[^#,\[\]{}]*[^\s#,\[\]{}])?|")


def diagnostic(finding: Finding, lines: list[str]) -> types.Diagnostic:
    """`lines`: the file's lines as the editor has them (its buffer, else the file)."""
    line = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
    mark = finding.line == 1 and line.startswith("\ufeff")  # in the client's text, not in sop-lint's columns
    start = min(finding.column - 1 + mark, len(line))
    opened = line.count("{", 0, start) + line.count("[", 0, start) - line.count("}", 0, start) - line.count("]", 0, start)
    token = (_FLOW_TOKEN if opened > 0 else _TOKEN).match(line, start)
    end = token.end() if token and token.end() > start else len(line.rstrip())
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(line=finding.line - 1, character=utf16_column(line, start)),
            end=types.Position(line=finding.line - 1, character=utf16_column(line, max(end, start))),
        ),
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=rule_url(RULES[finding.code])) if finding.code in RULES else None,
        source="sop-lint",
    )


def utf16_column(line: str, characters: int) -> int:
    """The protocol's column for the first `characters` characters of `line`."""
    return len(line[:characters].encode("utf-16-le", "surrogatepass")) // 2
