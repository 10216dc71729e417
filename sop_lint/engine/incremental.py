"""A root's lint kept in memory between edits, so that an edit costs what it changes.

An editor changes one document at a time, many times a second; `lint` reads every file
(through the cache) on each run, which takes seconds on a repository of ten thousand
files. `Live.start` makes `lint`'s run once and keeps what it learnt: each file's
document, summary and file-rule findings, and the history rules' problems. `Live.update`
then checks only the changed documents, links the kept summaries, theirs replaced, into a
new model, and runs the repository rules on it, so that a step another file's new id
leaves dangling is found at once. Most keystrokes change nothing the repository rules
read (a word of the instructions, of a title): when a document's summary is the same but
for positions and those texts, its suppressions are the same and the rules had nothing to say of it, their
findings cannot change, and they are not run. History rules judge the work tree against
git history and are not run on an edit: their problems are kept from the last `start`
(an editor starts again when a file is saved). Otherwise the findings are those `lint`
gives on the same files (tests/test_incremental.py).
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
from sop_lint.model.relinking import relinked
from sop_lint.model.repository import Process, Repository, Sop, build_repository, item_of
from sop_lint.model.summary import FileSummary, same_links
from sop_lint.reading.discovery import SourceFile, expected_kind, walk_order
from sop_lint.reading.documents import Document
from sop_lint.reading.loader import document_of, parse_document
from sop_lint.rules.base import Rule
from sop_lint.rules.registry import HISTORY_RULES, NEEDS_HISTORY, REPOSITORY_RULES, RULES


@dataclass
class Live:
    """`files` by path, in the order `check` walks them; each file's findings of the file
    rules (`own`), of the repository rules (`linked`) and of the history rules (`dated`);
    `findings` all of a file's (files without any left out), a new dict on each run, never
    changed after (another thread may be reading it)."""

    base: Source  # the files on disk: what a document no longer laid over them has
    config: Config
    selected: frozenset[str]
    options: RunOptions
    files: dict[str, CheckedFile]
    history: dict[str, list[tuple[Rule, Problem]]]  # by path, kept from `start`
    repository: Repository
    own: dict[str, list[Finding]] = field(default_factory=dict)
    linked: dict[str, list[Finding]] = field(default_factory=dict)
    dated: dict[str, list[Finding]] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    _problems: dict[str, list[Problem]] = field(default_factory=dict)  # each repository rule's, as of its last run
    _items: dict[str, tuple[FileSummary, Process | Sop | None]] = field(default_factory=dict)
    _others: list[str] | None = None  # the root's other files, where a step's missing target may be misnamed

    @classmethod
    def start(cls, base: Source, buffers: Mapping[str, bytes], config: Config, rules: Iterable[Rule], options: RunOptions) -> Live:
        """The run `lint` makes of `base` with `buffers` laid over it."""
        selected = frozenset(rule.CODE for rule in rules)
        loaded = load_repository(Overlay(base, buffers), config, options, history=bool(selected & NEEDS_HISTORY))
        history: dict[str, list[tuple[Rule, Problem]]] = {}
        for rule in HISTORY_RULES:
            if rule.CODE in selected:
                for problem in rule.check(loaded.repository):
                    history.setdefault(problem.path, []).append((rule, problem))
        live = cls(base, config, selected, options, {file.document.path: file for file in loaded.files}, history, loaded.repository)
        items: dict[str, Process | Sop] = {process.path: process for process in loaded.repository.processes}
        items |= {sop.path: sop for sop in loaded.repository.sops}
        for file in loaded.files:
            live._checked(file)
            live._items[file.document.path] = (file.summary, items.get(file.document.path))
        live._judge(loaded.repository, set(live.files), rules=set(live.selected))
        return live

    def update(self, changes: Mapping[str, bytes | None], superseded: Callable[[], bool] = lambda: False) -> set[str] | None:
        """Checks the changed documents (path → bytes; None: as on disk now, or gone) and
        runs the repository rules again where they may say something new. The paths whose
        findings changed, and the changed ones; None when `superseded` said, before the
        rules ran, that the run is not wanted (a later edit will bring its changes again)."""
        quiet, judged = True, self._judged()
        pairs: list[tuple[CheckedFile | None, CheckedFile | None]] = []
        for path, raw in changes.items():
            before, checked = self.files.get(path), self._check(path, raw)
            pairs.append((before, checked))
            if checked is None:
                self.files.pop(path, None)
                for found in (self.own, self.dated):
                    found.pop(path, None)
            elif path not in self.files:
                self.files = dict(sorted({**self.files, path: checked}.items(), key=lambda item: walk_order(item[0])))
                self._checked(checked)
            else:
                self.files[path] = checked
                self._checked(checked)
            quiet = quiet and before is not None and checked is not None and path not in judged and _same_but_positions(before, checked)
        if superseded():
            return None
        if quiet:  # nothing the repository rules read changed: the model takes the new documents
            for path in changes:
                self._item(self.files[path].document, self.files[path].summary)
            return self._judge(self.repository, set(changes), rules=set())
        read = _fields_changed(pairs)
        if read is not None:  # the same processes and SOPs: relinked, and only what some rules read
            swaps = {}
            for path in changes:
                earlier, file = self._items[path][1], self.files[path]
                swaps[path] = (earlier, self._item(file.document, file.summary))
            repository = relinked(self.repository, swaps)
            repository.keep_suggestions(self.repository)
            if read & {"id", "steps"}:  # the steps' missing targets may have changed
                self._look_elsewhere(repository)
            again = {
                rule.CODE for rule in REPOSITORY_RULES
                if rule.READS & read or any(problem.path in changes for problem in self._problems.get(rule.CODE, ()))
            }
            return self._judge(repository, set(changes), rules=again)
        files = [(file.document, file.summary) for file in self.files.values()]
        repository = build_repository(self.config, files, None, self.options.now, items=self._item)
        repository.keep_suggestions(self.repository)
        self._look_elsewhere(repository)
        return self._judge(repository, set(changes), rules=set(self.selected))

    def _look_elsewhere(self, repository: Repository) -> None:
        """Where each missing target of a step may be, among the root's other files."""
        repository.elsewhere = {}
        if missing := repository.missing_targets():
            if self._others is None:
                self._others = sorted(set(self.base.all_paths()) - set(self.files))
            repository.elsewhere = find_elsewhere(self._others, missing, self.config)

    def _checked(self, file: CheckedFile) -> None:
        """A file's own findings, and those the history rules found in it (its comments
        may switch them off)."""
        path, suppressions = file.document.path, {file.document.path: file.suppressions}
        problems = [(RULES[code], problem) for code, problem in file.problems if code in self.selected]
        self.own[path] = findings_of(problems, self.config, suppressions)
        self.dated[path] = findings_of(self.history.get(path, []), self.config, suppressions)

    def _item(self, document: Document, summary: FileSummary) -> Process | Sop | None:
        """A file's process or SOP as the last model had it, while its summary is the same;
        one whose summary differs only in positions gets the new document and positions."""
        kept = self._items.get(document.path)
        if kept is not None and kept[0] is summary:
            return kept[1]
        item = kept[1] if kept is not None and same_links(kept[0], summary) else None
        if item is not None:
            item.document, item.title = document, summary.title
            if isinstance(item, Process):
                item.trigger, item.outcome = summary.trigger, summary.outcome
            else:
                item.tool_use = summary.tool_use
        else:
            item = item_of(document, summary)
        self._items[document.path] = (summary, item)
        return item

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

    def _judged(self) -> set[str]:
        """The files the repository rules had a problem with, switched off or not."""
        return {problem.path for problems in self._problems.values() for problem in problems}

    def _judge(self, repository: Repository, touched: set[str], *, rules: set[str]) -> set[str]:
        """Runs the repository rules `rules` on `repository` (the others' problems are
        kept) and makes `findings` anew for `touched` (files whose own findings may have
        changed) and the files whose repository findings did; those paths."""
        self.repository = repository
        changed = set(touched)
        if rules:
            for rule in REPOSITORY_RULES:
                if rule.CODE in rules and rule.CODE in self.selected:
                    self._problems[rule.CODE] = list(rule.check(repository))
            problems: list[tuple[Rule, Problem]] = [(RULES[code], problem) for code, found in self._problems.items() for problem in found]
            suppressions = {problem.path: self.files[problem.path].suppressions for _, problem in problems if problem.path in self.files}
            linked: dict[str, list[Finding]] = {}
            for finding in findings_of(problems, self.config, suppressions):
                linked.setdefault(finding.path, []).append(finding)
            changed |= {path for path in {*linked, *self.linked} if linked.get(path) != self.linked.get(path)}
            self.linked = linked
        findings = dict(self.findings)
        for path in changed:
            found = [*self.own.get(path, []), *self.linked.get(path, []), *self.dated.get(path, [])]
            if found:
                findings[path] = numbered(sorted(found, key=lambda finding: finding.sort_key))
            else:
                findings.pop(path, None)
        self.findings = findings
        return changed


def _same_but_positions(before: CheckedFile, after: CheckedFile) -> bool:
    """Whether the repository rules would see the same in a file but for where things are
    written (a word typed in the instructions), its suppressions included."""
    return before.suppressions == after.suppressions and same_links(before.summary, after.summary)


def _fields_changed(pairs: list[tuple[CheckedFile | None, CheckedFile | None]]) -> frozenset[str] | None:
    """What the repository rules may read differently after an edit that keeps every
    process and SOP, each with an id, and its kind; None for any other edit."""
    read: set[str] = set()
    for before, after in pairs:
        if before is None or after is None:
            return None
        old, new = before.summary, after.summary
        if (old.kind, old.readable) != (new.kind, new.readable) or None in (old.id, new.id):
            return None
        read |= {name for name in _ITEM_FIELDS if getattr(old, name) != getattr(new, name)}
        if [step.process for step in old.steps] != [step.process for step in new.steps]:
            read.add("sub-processes")
    return frozenset(read)


# What a process or an SOP holds of its summary besides its kind (see `item_of`); `id`
# runs the rules that read other files' ids, `steps` those that read what steps use.
_ITEM_FIELDS = ("id", "steps", "lists_steps", "review", "tool_use", "standalone", "account", "tool", "owner")
