"""A baseline: findings a team has accepted, so that only new ones fail a run.

Entries are matched by fingerprint (file, rule and subject, never a line number), as a
multiset: two identical findings need two entries. Entries that match nothing are
counted so the team can shrink the file with `--write-baseline`.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from sop_lint.errors import SopLintError
from sop_lint.findings import Finding, json_visible

BASELINE_VERSION = 1


class BaselineOutcome(NamedTuple):
    kept: list[Finding]
    matched: int
    unmatched: int


def read_baseline(path: Path) -> Counter[str]:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SopLintError(f"baseline file not found: {path} (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SopLintError(f"{path}: cannot read the baseline: {error}") from error
    entries = content.get("findings") if isinstance(content, dict) else None
    if not isinstance(entries, list) or content.get("version") != BASELINE_VERSION:
        raise SopLintError(f"{path}: not a sop-lint baseline (expected version {BASELINE_VERSION} and a findings list)")
    return Counter(str(entry.get("fingerprint")) for entry in entries if isinstance(entry, dict))


def apply_baseline(findings: list[Finding], accepted: Counter[str]) -> BaselineOutcome:
    remaining = Counter(accepted)
    kept = []
    for finding in findings:
        # A baseline written before fingerprints were numbered holds the first
        # occurrence's fingerprint for every occurrence: it matches them all still.
        matched = next((key for key in (finding.fingerprint, finding.family) if remaining[key] > 0), None)
        if matched is not None:
            remaining[matched] -= 1
        else:
            kept.append(finding)
    unmatched = sum(remaining.values())
    return BaselineOutcome(kept=kept, matched=len(findings) - len(kept), unmatched=unmatched)


def write_baseline(path: Path, findings: list[Finding]) -> None:
    """Writes every finding; the code, path and message are there for the reviewer of the file."""
    entries = [
        {"fingerprint": f.fingerprint, "code": f.code, "path": f.path, "message": f.message}
        for f in sorted(findings, key=lambda f: (f.path, f.code, f.fingerprint))
    ]
    text = json_visible(json.dumps({"version": BASELINE_VERSION, "findings": entries}, indent=2, ensure_ascii=False)) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise SopLintError(f"cannot write the baseline {path}: {error.strerror}") from error
