"""Run the selected rules over an SOP root and turn their problems into findings.

The data flows one way: files → documents → repository model → rules → findings. The
engine, not the rules, applies configuration: which rules run, at what severity, and
which findings inline comments or per-file ignores switch off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sop_lint.config.settings import Config
from sop_lint.engine.file_checks import CheckedFile, Progress, check_files
from sop_lint.engine.selection import matches_code
from sop_lint.findings import Finding, Problem, Severity, fingerprint
from sop_lint.git.history import History, NoHistory, SnapshotLoader
from sop_lint.git.runner import GitFailed
from sop_lint.model.repository import Repository, build_repository
from sop_lint.reading.discovery import discover, files_among
from sop_lint.reading.globs import matches_any
from sop_lint.reading.suppressions import Suppressions
from sop_lint.reading.yaml_parsers import Composer
from sop_lint.rules import NEEDS_HISTORY, REPOSITORY_RULES, RULES
from sop_lint.rules.base import Rule

if TYPE_CHECKING:
    from sop_lint.git.trees import Revision


@dataclass(frozen=True)
class LintResult:
    """`notes` say what could not be checked and why (history rules outside git);
    `repository` is the model the rules saw."""

    findings: list[Finding]
    files_checked: int
    notes: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    repository: Repository | None = None


def lint(
    root: Path,
    config: Config,
    rules: list[Rule],
    compose: Composer | None = None,
    cache_path: Path | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    now: datetime | None = None,
    history_store: Path | None = None,
    allow_shallow: bool = False,
) -> LintResult:
    """`compose` picks the YAML parser (the default is the fast one, see `yaml_parsers`);
    `cache_path` keeps each file's summary and findings between runs (see `cache`);
    `progress` wraps the work on files the cache lacks, for a progress bar; `workers`
    sets the number of processes for that work (default: one per core when it pays);
    `now` and `history_store` serve the history rules (see `history.SnapshotLoader`)."""
    files = discover(root, config)
    selected = {rule.CODE for rule in rules}
    loader: SnapshotLoader | None = None
    notes: tuple[str, ...] = ()
    skipped = f"history rules ({', '.join(sorted(selected & NEEDS_HISTORY))}) skipped"
    if selected & NEEDS_HISTORY:
        try:
            loader = SnapshotLoader(root, store=history_store, allow_shallow=allow_shallow)
        except NoHistory as error:
            notes = (f"{skipped}: {error}",)

    def check(workers: int | None) -> list[CheckedFile]:
        return check_files(root, files, config, cache_path=cache_path, compose=compose, progress=progress, workers=workers)

    try:
        checked, history = _with_history(check, loader, workers)
    except GitFailed as error:  # git itself failed: check goes on without history
        checked, history, notes = check(workers), None, (f"{skipped}: {error}",)
    return _result(checked, config, rules, history, now, notes)


def lint_revision(revision: Revision, config: Config, rules: list[Rule], *, cache_path: Path | None, now: datetime | None = None) -> LintResult:
    """The findings of a revision's files under the SOP root (a commit, or the index), read
    from git objects (see `git_trees`). History rules do not apply to a revision and are
    left out, with a note when they were selected."""
    files = files_among(revision.blobs, config)
    checked = check_files(revision.repository.work_tree, files, config, cache_path=cache_path, revision=revision)
    skipped = sorted(rule.CODE for rule in rules if rule.CODE in NEEDS_HISTORY)
    notes = (f"history rules ({', '.join(skipped)}) skipped: they judge the work tree, not a revision",) if skipped else ()
    return _result(checked, config, [rule for rule in rules if rule.CODE not in NEEDS_HISTORY], None, now, notes)


def _result(
    checked: list[CheckedFile], config: Config, rules: list[Rule], history: History | None, now: datetime | None, notes: tuple[str, ...] = ()
) -> LintResult:
    selected = {rule.CODE for rule in rules}
    repository = build_repository(config, [(file.document, file.summary) for file in checked], history, now)
    suppressions = {file.document.path: file.suppressions for file in checked}
    problems = [(RULES[code], problem) for file in checked for code, problem in file.problems if code in selected]
    problems += [(rule, problem) for rule in REPOSITORY_RULES if rule.CODE in selected for problem in rule.check(repository)]
    findings = [
        _finding(rule, config.severity.get(rule.CODE, rule.SEVERITY), problem)
        for rule, problem in problems
        if not _switched_off(rule.CODE, problem, config, suppressions)
    ]
    return LintResult(
        findings=sorted(findings, key=lambda f: f.sort_key),
        files_checked=len(checked),
        notes=notes,
        paths=tuple(file.document.path for file in checked),
        repository=repository,
    )


def _with_history(
    check: Callable[[int | None], list[CheckedFile]], loader: SnapshotLoader | None, workers: int | None
) -> tuple[list[CheckedFile], History | None]:
    """The checked files and, when `loader` is given, their history. A history that must be
    read from git (a first run: one `git log` over the whole history) is read in a thread
    while the files are checked in this process, so that nothing forks while the thread
    runs; otherwise files may go to worker processes as usual."""
    if loader is None:
        return check(workers), None
    if loader.current:
        checked = check(workers)
        return checked, loader.snapshot().history_of(_blobs(checked))
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        snapshot = pool.submit(loader.snapshot)
        checked = check(1)
        return checked, snapshot.result().history_of(_blobs(checked))


def _blobs(checked: list[CheckedFile]) -> dict[str, tuple[str, ...]]:
    """The blob ids each file may have in git (see `CheckedFile.lf_blob`)."""
    return {
        file.document.path: (file.blob, file.lf_blob) if file.lf_blob else (file.blob,)
        for file in checked
        if file.blob is not None
    }


def _switched_off(code: str, problem: Problem, config: Config, suppressions: dict[str, Suppressions]) -> bool:
    """Per-file ignores in the configuration, and inline suppression comments."""
    ignored_paths = [glob for glob, codes in config.per_file_ignores if matches_code(code, codes)]
    if ignored_paths and matches_any(problem.path, ignored_paths):
        return True
    file_suppressions = suppressions.get(problem.path)
    return file_suppressions is not None and file_suppressions.covers(code, problem.position.line)


def _finding(rule: Rule, severity: Severity, problem: Problem) -> Finding:
    return Finding(
        code=rule.CODE,
        name=rule.NAME,
        severity=severity,
        path=problem.path,
        line=problem.position.line,
        column=problem.position.column,
        message=problem.message,
        fingerprint=fingerprint(rule.CODE, problem.path, problem.subject or problem.message),
        subject=problem.subject or problem.message,
    )


def exit_code(findings: Iterable[Finding], fail_on: Severity) -> int:
    return 1 if any(finding.severity.rank >= fail_on.rank for finding in findings) else 0
