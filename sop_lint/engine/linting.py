"""Run the selected rules over a source's files and turn their problems into findings.

The data flows one way: files → documents → repository model → rules → findings. The
engine, not the rules, applies configuration: which rules run, at what severity, and
which findings inline comments or per-file ignores switch off.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import NamedTuple

from sop_lint.config.settings import Config
from sop_lint.engine.link_record import links_key, paths_digest, read_links, record_files, record_links, record_of
from sop_lint.engine.loading import RunOptions, load_repository
from sop_lint.engine.selection import matches_code
from sop_lint.engine.sources import Source
from sop_lint.engine.vouching import vouched
from sop_lint.findings import Finding, Problem, Severity, fingerprint, numbered, visible
from sop_lint.git.codeowners import codeowners_for
from sop_lint.git.log import unreadable_note
from sop_lint.model.elsewhere import find_elsewhere
from sop_lint.model.repository import Repository, build_repository
from sop_lint.model.reviews import stray_note, stray_reviews
from sop_lint.reading.globs import matches_any
from sop_lint.reading.suppressions import Suppressions
from sop_lint.rules.base import Rule
from sop_lint.rules.registry import HISTORY_RULES, NEEDS_HISTORY, REPOSITORY_RULES, RULES


class LintResult(NamedTuple):
    """`repository` is the model the rules saw; `notes` say what could not be checked and
    why (history rules outside git, commits git history holds but sop-lint cannot read); `paths` are the files reported on."""

    findings: list[Finding]
    files_checked: int
    repository: Repository
    notes: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()

    def narrowed_to(self, paths: set[str]) -> LintResult:
        """The result as reported on `paths` only (the FILEs of `check`)."""
        findings = [finding for finding in self.findings if finding.path in paths]
        return LintResult(findings, len(paths), self.repository, self.notes, tuple(sorted(paths)))


def lint(
    source: Source,
    config: Config,
    rules: list[Rule],
    options: RunOptions = RunOptions(),
    *,
    work_tree: Source | None = None,
    report_on: frozenset[str] | None = None,
    findings_only: bool = False,
    recorded: bool = True,
    linted: frozenset[str] | None = None,
) -> LintResult:
    """The findings of `rules` on the files of `source`. History rules judge the work tree:
    they run on it when git history can be read, and are left out, with a note, on a
    revision or where history cannot be read. `work_tree`, for a `source` that is the
    index, is where a step's missing SOP may exist unstaged. `report_on` keeps the
    findings of those files only (None: of every file); the others are not worked out.
    `findings_only`: the caller reads nothing but the findings and the files' paths, so
    that a run the record of the last whole run vouches for links no model (its result's
    is empty; see `engine.link_record`). Not `recorded`: a run for comparison only (HEAD's
    side of the hook, a pull request's revisions), which leaves the record as it is.
    `linted`: the file rules run on those files only (the files a change touched: on the
    others, they say the same on both sides of it); the repository rules still judge and
    report on every file. Such a run is never recorded."""
    started = time.time_ns()  # before any file is read: see `LinkRecord.read_from`
    selected = {rule.CODE for rule in rules}
    wanted_history = sorted(selected & NEEDS_HISTORY)
    skipped = f"history rules ({', '.join(wanted_history)}) skipped"
    notes: tuple[str, ...] = ()
    if wanted_history and not source.is_work_tree:
        notes = (f"{skipped}: they judge the work tree, not a revision",)
        selected -= NEEDS_HISTORY
    now = options.now or datetime.now(tz=UTC)
    linked_codes = frozenset(rule.CODE for rule in REPOSITORY_RULES if rule.CODE in selected)
    code_owners = codeowners_for(source.root)[0].names if _reads_code_owners(selected, config) else None
    stores = () if options.cache is None or not recorded or linted is not None else tuple(options.cache / name for name in record_files(source))
    links = (stores[0], links_key(config, code_owners)) if stores else None
    if findings_only and links is not None and not selected & NEEDS_HISTORY:
        quick = next(filter(None, (vouched(read_links(store, links[1]), source, config, linked_codes, now, report_on, options.cache, started)
                                   for store in stores)), None)
        if quick is not None:  # the repository rules have nothing new to say (see `engine.vouching`)
            if quick.refreshed is not None:
                record_links(*links, quick.refreshed)
            problems = [(RULES[code], problem) for code, problem in quick.problems if code in selected]
            findings = numbered(sorted(findings_of(problems, config, quick.suppressions), key=lambda f: f.sort_key))
            return LintResult(findings, len(quick.paths), build_repository(config, []), notes, quick.paths)
    loaded = load_repository(source, config, options, history=bool(selected & NEEDS_HISTORY), reported=report_on, linted=linted)
    if loaded.history_error is not None:
        notes = (f"{skipped}: {loaded.history_error}",)
    checked, repository = loaded.files, loaded.repository

    def reports(path: str) -> bool:
        return report_on is None or path in report_on

    # A record is kept of runs the repository rules judge every file in: those reporting on
    # every file, and those without history rules (which cannot be vouched for), whose
    # record lets the next such run skip them (see `engine.link_record`).
    judges_all = report_on is None or (links is not None and not selected & NEEDS_HISTORY)
    repository.reported = None if judges_all else report_on
    missing = {
        (kind, wanted)
        for kind, wanted in repository.missing_targets()
        if any(reports(use.process.path) for use in repository.uses_of(kind)[wanted])
    }
    looked_among: str | None = None
    if missing:  # rare: worth a look at every file's name
        paths = set(source.all_paths())
        unchecked = paths.difference(file.document.path for file in checked)
        repository.elsewhere = find_elsewhere(sorted(unchecked), missing, config)
        looked_among = paths_digest(unchecked)
        if work_tree is not None:
            unstaged = sorted(set(work_tree.all_paths()) - paths)
            repository.elsewhere = {**find_elsewhere(unstaged, missing, config, unstaged=True), **repository.elsewhere}
    repository.code_owners = code_owners
    if repository.history is not None and (note := unreadable_note(repository.history.unreadable)):
        notes += (note,)
    if repository.history is not None and (note := stray_note([s for s in stray_reviews(repository) if s.meant is None])):
        notes += (note,)  # the others are H005's findings
    suppressions = {file.document.path: file.suppressions for file in checked}
    problems = [
        (RULES[code], problem)
        for file in checked
        if reports(file.document.path)
        for code, problem in file.problems
        if code in selected
    ]
    linked = [(rule, problem) for rule in (*REPOSITORY_RULES, *HISTORY_RULES) if rule.CODE in selected for problem in rule.check(repository)]
    if links is not None and judges_all:
        judged = [(rule.CODE, problem) for rule, problem in linked if rule.CODE in linked_codes]
        # Complete when every file's problems were decoded, and no advice names an unstaged file.
        complete = report_on is None and not (missing and work_tree is not None)
        record = record_of(
            repository.now, linked_codes, source, config, loaded.found, checked, judged, started, complete=complete, elsewhere=looked_among
        )
        record_links(*links, record)
    problems += [(rule, problem) for rule, problem in linked if reports(problem.path)]
    return LintResult(
        findings=numbered(sorted(findings_of(problems, config, suppressions), key=lambda f: f.sort_key)),
        files_checked=len(checked),
        notes=notes,
        paths=tuple(file.document.path for file in checked),
        repository=repository,
    )


def _reads_code_owners(selected: set[str], config: Config) -> bool:
    """V005 knows the owners CODEOWNERS names when the inventory lists none."""
    return "V005" in selected and config.inventory is not None and not config.inventory.owners


def findings_of(problems: Iterable[tuple[Rule, Problem]], config: Config, suppressions: dict[str, Suppressions]) -> list[Finding]:
    """The problems as findings at their configured severity, without those the
    configuration or an inline comment switches off (neither sorted nor numbered)."""
    return [
        _finding(rule, config.severity.get(rule.CODE, rule.SEVERITY), problem)
        for rule, problem in problems
        if not _switched_off(rule.CODE, problem, config, suppressions)
    ]


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
        message=visible(problem.message),  # one line, whatever the file holds
        fingerprint=fingerprint(rule.CODE, problem.path, problem.subject or problem.message),
        subject=problem.subject or problem.message,
        fix=problem.fix,
    )


def exit_code(findings: Iterable[Finding], fail_on: Severity) -> int:
    return 1 if any(finding.severity.rank >= fail_on.rank for finding in findings) else 0
