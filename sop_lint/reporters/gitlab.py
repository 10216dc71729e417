"""GitLab Code Quality JSON: merge requests show each finding on its line.

Paths are relative to the git work tree root, where GitLab looks for them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sop_lint.findings import Finding, Severity, json_visible

if TYPE_CHECKING:
    from sop_lint.reporters.context import ReportContext

_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(findings: list[Finding], context: ReportContext) -> str:
    issues = [
        {
            "description": f"{finding.code} {finding.message}",
            "check_name": f"{finding.code} {finding.name}",
            "fingerprint": finding.fingerprint,
            "severity": _SEVERITIES[finding.severity],
            "location": {"path": context.repository_prefix + finding.path, "lines": {"begin": finding.line}},
        }
        for finding in findings
    ]
    return json_visible(json.dumps(issues, indent=2, ensure_ascii=False)) + "\n"
