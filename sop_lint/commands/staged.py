"""What `check FILE... --staged` (the pre-commit hook) reports: findings on the files it is
given, and what the staged changes break in files that are not staged.

What is checked is the index, the content the commit will record, read from git objects
(see `git.trees`): unstaged edits and untracked files do not count, whether or not
pre-commit stashed them. The whole SOP root is checked, so references resolve against
every file. pre-commit passes the staged files that still exist, never a deleted one, and
may split a long list into several runs. A step left pointing at a deleted or renamed
SOP is in a file nobody staged: it is found by comparing with HEAD (also from git
objects; the cache keyed by blob id makes both cheap), and reported once, by the run
holding the first staged path. Runs with files that are not all staged (`pre-commit run
--all-files`) report every file they are given and nothing else.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sop_lint.config.settings import Config
from sop_lint.engine.cache import opened_once
from sop_lint.engine.file_checks import check_files
from sop_lint.engine.linting import LintResult, lint
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.sources import GitTree, WorkTree
from sop_lint.findings import Finding
from sop_lint.git.changes import Change
from sop_lint.git.staged_index import StagedIndex
from sop_lint.git.trees import GitRepository, Revision
from sop_lint.model.repository import build_repository
from sop_lint.model.summary import FileSummary
from sop_lint.reading.discovery import SourceFile, any_ours, expected_kind, may_hold
from sop_lint.rules.base import Rule


def staged_report(root: Path, config: Config, rules: list[Rule], given: set[str] | None, options: RunOptions) -> LintResult:
    """What to report on the index: `given` None means on the staged files."""
    git = GitRepository(root, lambda folder: may_hold(folder, config))
    with opened_once():
        try:
            head, every_change = git.head_and_staged()
            changes = [change for change in every_change if any_ours(change.paths, config)]
            staged = {change.path for change in changes if change.status != "D"}
            chosen = staged if given is None else given
            if not chosen and not changes:  # a commit of other files: nothing of ours to check
                return LintResult([], 0, build_repository(config, []))
            elsewhere = (
                changes and chosen <= staged and (not staged or min(staged) in chosen) and _may_break_others(git, config, changes, options)
            )
            # Only what this run reports is worked out, unless HEAD's findings must be compared.
            report_on = None if elsewhere else frozenset(chosen)
            index = GitTree(Revision(git, "index", StagedIndex(git, head, every_change)))
            result = lint(index, config, rules, options, work_tree=WorkTree(root), report_on=report_on, findings_only=True)
            findings = [finding for finding in result.findings if finding.path in chosen]
            if elsewhere:
                findings += _broken_elsewhere(git, config, rules, result, changes, staged, options)
        finally:
            git.close()
    findings.sort(key=lambda finding: finding.sort_key)
    # The files reported on: those staged (or named), and those the staged changes break.
    paths = tuple(sorted(chosen | {finding.path for finding in findings}))
    return LintResult(findings, len(paths), result.repository, (*result.notes, *git.notes), paths)


def _may_break_others(git: GitRepository, config: Config, changes: list[Change], options: RunOptions) -> bool:
    """Whether the staged changes can alter another file's findings. Repository rules see
    other files only through summaries (ids, steps, review settings), so edits that leave
    every summary as it was (the usual commit: better wording, a fixed field) cannot, and
    HEAD need not be checked. Additions, deletions and renames always can, and so can a
    link made a file (or a file a link) with the same bytes: a file comes or goes."""
    if any(change.status != "M" or not change.regular for change in changes):
        return True
    files = [SourceFile(change.path, kind) for change in changes if (kind := expected_kind(change.path, config))]
    # Through the cache, which keeps its other entries: HEAD's side is usually known, and the
    # index's side, checked here, is known to the run that follows.
    sides = [
        check_files(GitTree(Revision(git, side, blobs)), files, config, cache_path=options.cache, part=True)
        for side, blobs in (
            ("HEAD", {change.path: change.old_blob for change in changes if change.old_blob}),
            ("index", {change.path: change.new_blob for change in changes if change.new_blob}),
        )
    ]
    return any(_shape(before.summary) != _shape(after.summary) for before, after in zip(*sides, strict=True))


def _shape(summary: FileSummary) -> FileSummary:
    """A summary without the positions of its values, which move with any edit."""
    return summary._replace(anchors=())


def _broken_elsewhere(
    git: GitRepository,
    config: Config,
    rules: list[Rule],
    result: LintResult,
    changes: list[Change],
    staged: set[str],
    options: RunOptions,
) -> list[Finding]:
    """Findings in files the commit leaves alone that HEAD does not have."""
    from sop_lint.engine.compare import new_findings  # with the model of a change's impact: most commits never get here

    head_commit = git.head()
    if head_commit is None:  # no commit yet: nothing outside the commit can have worked before
        return []
    head = git.revision(head_commit)
    before = lint(GitTree(head), config, rules, options, recorded=False)  # the record stays the index's
    cause = _cause(changes)
    return [
        dataclasses.replace(finding, message=f"{finding.message} (broken by {cause})")
        for finding in new_findings(result.findings, before.findings, changes)
        if finding.path not in staged
    ]


def _cause(changes: list[Change]) -> str:
    """The staged deletions and renames, which are what usually breaks other files."""
    named = [f"the staged deletion of {change.path}" for change in changes if change.status == "D"]
    named += [f"the staged rename of {change.old_path} to {change.path}" for change in changes if change.status == "R"]
    return ", ".join(named) or "the staged changes"
