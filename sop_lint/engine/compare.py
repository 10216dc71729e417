"""Which findings of one revision are new against another's."""

from __future__ import annotations

from collections import Counter

from sop_lint.findings import Finding, fingerprint
from sop_lint.git.trees import Change


def new_findings(head: list[Finding], base: list[Finding], changes: list[Change]) -> list[Finding]:
    """The head's findings beyond those the base has, matched by fingerprint (as many
    times as the base has each), with base findings of renamed files under their new name."""
    renamed = {change.old_path: change.path for change in changes if change.status == "R"}
    known = Counter(
        fingerprint(finding.code, renamed[finding.path], finding.subject, finding.occurrence) if finding.path in renamed else finding.fingerprint
        for finding in base
    )
    fresh = []
    for finding in head:
        if known[finding.fingerprint]:
            known[finding.fingerprint] -= 1
        else:
            fresh.append(finding)
    return fresh
