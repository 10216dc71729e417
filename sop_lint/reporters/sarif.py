"""SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps).

Each rule carries its own documentation as help text. Locations are relative to the git
work tree root (`%SRCROOT%`), so a code-scanning service places them even when the SOP
root is a subfolder, and percent-encoded, as URIs must be (a space, an accented letter or
a `#` in a file name would otherwise break them; a name that is not UTF-8 has its raw
bytes encoded); each result carries its fingerprint, so
the service follows a finding across edits the way a baseline does.

GitHub requires a rule's `fullDescription` and reads the driver's `informationUri`, and
keeps at most 25,000 results of a run: past that, the first 25,000 are written (errors
first) with a notification saying how many were left out, rather than a file GitHub
rejects.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from urllib.parse import quote

from sop_lint import HOMEPAGE, __version__
from sop_lint.findings import Finding, Severity, json_visible, utf8

if TYPE_CHECKING:
    from sop_lint.reporters.context import ReportContext

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
MAX_RESULTS = 25_000  # GitHub's limit per run


def render(findings: list[Finding], context: ReportContext) -> str:
    from sop_lint.rules.base import description, rule_url, summary
    from sop_lint.rules.registry import RULES

    codes = list(RULES)
    rules = [
        {
            "id": rule.CODE,
            "name": rule.NAME,
            "shortDescription": {"text": summary(rule)},
            "fullDescription": {"text": description(rule)},
            "helpUri": rule_url(rule),
            "help": {"text": (rule.__doc__ or "").strip(), "markdown": (rule.__doc__ or "").strip()},
            "defaultConfiguration": {"level": _LEVELS[rule.SEVERITY]},
        }
        for rule in RULES.values()
    ]
    results = [
        {
            "ruleId": finding.code,
            "ruleIndex": codes.index(finding.code),
            "level": _LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(utf8(context.repository_prefix + finding.path)), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": finding.line, "startColumn": finding.column},
                    }
                }
            ],
            "partialFingerprints": {"sopLint/v1": finding.fingerprint},
        }
        for finding in sorted(findings, key=lambda finding: -finding.severity.rank)[:MAX_RESULTS]
    ]
    run: dict[str, object] = {
        "tool": {"driver": {"name": "sop-lint", "version": __version__, "informationUri": HOMEPAGE, "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if len(findings) > MAX_RESULTS:
        left_out = f"{len(findings) - MAX_RESULTS} of {len(findings)} findings are left out"
        notice = {"level": "warning", "message": {"text": f"{left_out} (code scanning keeps {MAX_RESULTS}): `sop-lint check` lists them all"}}
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [notice]}]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    }
    return json_visible(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
