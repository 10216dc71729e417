"""A root's lint kept in memory between edits, so that an edit costs what it changes.

An editor changes one document at a time, many times a second; `lint` reads every file
(through the cache) on each run, which takes seconds on a repository of ten thousand
files. `Live.start` makes `lint`'s run once and keeps what it learnt: each file's
document, summary and file-rule findings, and the history rules' problems. `Live.update`
then checks only the changed documents, links the kept summaries, theirs replaced, into a
new model, and runs the repository rules on it, so that a step another file's new id
leaves dangling is found at once. History rules judge the work tree against git history
and are not run on an edit: their problems are kept from the last `start` (an editor
starts again when a file is saved). Otherwise the findings are those `lint` gives on the
same files (tests/test_engine.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from sop_lint.config.settings import Config
from sop_lint.engine.file_checks import CheckedFile, check_document
from sop_lint.engine.linting import findings_of
from sop_lint.engine.loading import RunOptions, load_repository
from sop_lint.engine.sources import Overlay, Source, StoredBlob
from sop_lint.findings import Finding, Problem, numbered
from sop_lint.model.elsewhere import find_elsewhere
from sop_lint.model.repository import Repository, build_repository
from sop_lint.reading.discovery import SourceFile, expected_kind, walk_order
from sop_lint.reading.loader import document_of, parse_document
from sop_lint.rules import HISTORY_RULES, NEEDS_HISTORY, REPOSITORY_RULES, RULES
from sop_lint.rules.base import Rule


@dataclass
class Live:
    """`files` by path, in the order `check` walks them; `own` each file's findings of
    the file rules; `findings` every file's findings (files without any left out), a new
    dict on each run, never changed after (another thread may be reading it)."""

    base: Source  # the files on disk: what a document no longer laid over them has
    config: Config
    selected: frozenset[str]
    options: RunOptions
    files: dict[str, CheckedFile]
    history: list[tuple[Rule, Problem]]
    repository: Repository
    own: dict[str, list[Finding]] = field(default_factory=dict)
    shared: dict[str, list[Finding]] = field(default_factory=dict)  # the repository and history rules' findings
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    _others: list[str] | None = None  # the root's other files, where a step's missing target may be misnamed

    @classmethod
    def start(cls, base: Source, buffers: Mapping[str, bytes], config: Config, rules: Iterable[Rule], options: RunOptions) -> Live:
        """The run `lint` makes of `base` with `buffers` laid over it."""
        selected = frozenset(rule.CODE for rule in rules)
        loaded = load_repository(Overlay(base, buffers), config, options, history=bool(selected & NEEDS_HISTORY))
        repository = loaded.repository
        history: list[tuple[Rule, Problem]] = [
            (rule, problem) for rule in HISTORY_RULES if rule.CODE in selected for problem in rule.check(repository)
        ]
        live = cls(base, config, selected, options, {file.document.path: file for file in loaded.files}, history, repository)
        live.own = {path: live._own_findings(file) for path, file in live.files.items()}
        live._judge(repository, set(live.files))
        return live

    def update(self, changes: Mapping[str, bytes | None], superseded: Callable[[], bool] = lambda: False) -> set[str] | None:
        """Checks the changed documents (path → bytes; None: as on disk now, or gone) and
        runs the repository rules again. The paths whose findings changed, and the changed
        ones; None when `superseded` said, before the rules ran, that the run is not wanted
        (a later edit will bring its changes again)."""
        for path, raw in changes.items():
            checked = self._check(path, raw)
            if checked is None:
                self.files.pop(path, None)
                self.own.pop(path, None)
            else:
                if path not in self.files:
                    self.files = dict(sorted({**self.files, path: checked}.items(), key=lambda item: walk_order(item[0])))
                self.files[path] = checked
                self.own[path] = self._own_findings(checked)
        if superseded():
            return None
        repository = build_repository(self.config, [(file.document, file.summary) for file in self.files.values()], None, self.options.now)
        if repository.missing_targets():
            if self._others is None:
                self._others = sorted(set(self.base.all_paths()) - set(self.files))
            repository.elsewhere = find_elsewhere(self._others, repository.missing_targets(), self.config)
        return self._judge(repository, set(changes))

    def _check(self, path: str, raw: bytes | None) -> CheckedFile | None:
        kind = expected_kind(path, self.config)
        if kind is None:
            return None
        if raw is None and not os.path.lexists(self.base.root / path):
            return None
        source = Overlay(self.base, {path: raw}) if raw is not None else self.base
        [content] = source.contents([SourceFile(path, kind)], self.config)
        if isinstance(content, StoredBlob):  # a file a sparse checkout leaves out
            [content] = source.read_blobs([content.id], self.config.max_file_size)
        document = parse_document(path, content) if isinstance(content, bytes) else document_of(path, content)
        return check_document(document, kind, self.config)

    def _own_findings(self, file: CheckedFile) -> list[Finding]:
        problems = [(RULES[code], problem) for code, problem in file.problems if code in self.selected]
        return findings_of(problems, self.config, {file.document.path: file.suppressions})

    def _judge(self, repository: Repository, touched: set[str]) -> set[str]:
        """Runs the repository rules on `repository`, takes the history rules' kept
        problems, and makes `findings` anew for `touched` (files whose own findings may
        have changed) and the files whose other findings did; those paths."""
        self.repository = repository
        problems: list[tuple[Rule, Problem]] = [
            (rule, problem) for rule in REPOSITORY_RULES if rule.CODE in self.selected for problem in rule.check(repository)
        ]
        problems += [(rule, problem) for rule, problem in self.history if problem.path in self.files]
        suppressions = {path: file.suppressions for path, file in self.files.items()}
        shared: dict[str, list[Finding]] = {}
        for finding in findings_of(problems, self.config, suppressions):
            shared.setdefault(finding.path, []).append(finding)
        changed = touched | {path for path in {*shared, *self.shared} if shared.get(path) != self.shared.get(path)}
        self.shared = shared
        findings = dict(self.findings)
        for path in changed:
            found = numbered(sorted([*self.own.get(path, []), *shared.get(path, [])], key=lambda finding: finding.sort_key))
            if found:
                findings[path] = found
            else:
                findings.pop(path, None)
        self.findings = findings
        return changed
