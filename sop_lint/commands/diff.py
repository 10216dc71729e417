"""`sop-lint diff`: the findings a change introduces, and its impact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sop_lint.config.settings import Config
from sop_lint.engine.compare import new_findings
from sop_lint.engine.linting import LintResult, lint_revision
from sop_lint.findings import Finding
from sop_lint.git.trees import GitRepository
from sop_lint.model.impact import Impact, impact_of
from sop_lint.rules.base import Rule


@dataclass(frozen=True)
class DiffResult:
    findings: list[Finding]
    head: LintResult
    impact: Impact



def review_change(
    root: Path, config: Config, rules: list[Rule], base_ref: str, head_ref: str, *, cache_path: Path | None, now: datetime | None
) -> DiffResult:
    """`base_ref` is compared from its merge base with `head_ref`, as `git diff base...head`."""
    git = GitRepository(root)
    try:
        head_commit = git.commit(head_ref)
        base_commit = git.merge_base(git.commit(base_ref), head_commit)
        base, head = git.revision(base_commit), git.revision(head_commit)
        base_result = lint_revision(base, config, rules, cache_path=cache_path, now=now)
        head_result = lint_revision(head, config, rules, cache_path=cache_path, now=now)
        changes = git.changes(base_commit, head_commit)
        assert base_result.repository is not None and head_result.repository is not None
        findings = new_findings(head_result.findings, base_result.findings, changes)
        impact = impact_of(base_result.repository, head_result.repository, changes, base_commit, head)
    finally:
        git.close()
    return DiffResult(findings, head_result, impact)
