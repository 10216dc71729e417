"""Fixes made to the work tree's files in memory, checked, and kept only when each file
then holds exactly what its fixes intended.

A pass lints the work tree with the files fixed so far laid over it, makes every fix
the findings offer in one file together (edits that overlap wait for the next pass), and
parses the file again: it must read without a new syntax problem and hold the data it
held before with each fix's `sets` and `removes` made, nothing else. A fix that fails the
check is not made; its finding stays, saying so. Passes repeat until nothing is left to
fix (a renumbered step may reveal the next), at most `MAX_PASSES` times. Nothing is
written here: the caller writes `fixed` (or shows it as a diff).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from sop_lint.config.settings import Config
from sop_lint.engine.linting import LintResult, lint
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.sources import Overlay, WorkTree
from sop_lint.findings import Finding, Fix, Safety
from sop_lint.reading.discovery import SourceFile, expected_kind
from sop_lint.reading.documents import LoadProblem
from sop_lint.reading.edit_guard import intended_data, parses_to
from sop_lint.reading.edits import apply_edits, editable
from sop_lint.reading.json_values import node_at
from sop_lint.reading.loader import parse_document
from sop_lint.rules.base import Rule

MAX_PASSES = 10
_MISSING = object()
_NOT_KEPT = "sop-lint could not make its fix ({title}) safely: fix it by hand"


@dataclass
class FixRun:
    """`fixed`: the new bytes of each file a fix changed, beside its `original` bytes;
    `made`: the fixes made, by file; `result`: the findings left once they are made;
    `unsafe_left`: how many findings have a fix that needs `--unsafe-fixes`."""

    result: LintResult
    fixed: dict[str, bytes] = field(default_factory=dict)
    original: dict[str, bytes] = field(default_factory=dict)
    made: dict[str, list[Fix]] = field(default_factory=dict)
    unsafe_left: int = 0

    @property
    def count(self) -> int:
        return sum(map(len, self.made.values()))


def fix_files(
    source: WorkTree, config: Config, rules: list[Rule], options: RunOptions, *, unsafe: bool, only: set[str] | None
) -> FixRun:
    """The fixes of the findings in `only` (every file when None), at most `Safety.SAFE`
    ones unless `unsafe`."""
    run = FixRun(lint(source, config, rules, options))
    refused: set[tuple[str, str]] = set()  # (fingerprint, fix title)
    for _ in range(MAX_PASSES):
        wanted = [
            finding for finding in run.result.findings
            if _offered(finding, unsafe, only) and (finding.fingerprint, _title(finding)) not in refused
        ]
        if not wanted:
            break
        for path, findings in _by_path(wanted).items():
            raw = run.fixed.get(path) or _read(source, path, config)
            made = None if raw is None else _fixed(path, raw, [finding.fix for finding in findings if finding.fix])
            if raw is None or made is None:
                refused.update((finding.fingerprint, _title(finding)) for finding in findings)
                continue
            run.original.setdefault(path, raw)
            run.fixed[path], fixes = made
            run.made.setdefault(path, []).extend(fixes)
            refused.update((finding.fingerprint, _title(finding)) for finding in findings if finding.fix in fixes)
        run.result = lint(Overlay(source, run.fixed), config, rules, options, recorded=False)
    findings = [_said_not_kept(finding) if (finding.fingerprint, _title(finding)) in refused else finding for finding in run.result.findings]
    run.result = run.result._replace(findings=findings)
    run.unsafe_left = sum(1 for finding in findings if finding.fix is not None and finding.fix.safety is Safety.UNSAFE and not unsafe)
    return run


def _offered(finding: Finding, unsafe: bool, only: set[str] | None) -> bool:
    fix = finding.fix
    return fix is not None and (unsafe or fix.safety is Safety.SAFE) and (only is None or finding.path in only)


def _title(finding: Finding) -> str:
    return finding.fix.title if finding.fix is not None else ""


def _said_not_kept(finding: Finding) -> Finding:
    """A finding whose fix was refused, or made and yet left it standing, says so."""
    return dataclasses.replace(finding, message=f"{finding.message} ({_NOT_KEPT.format(title=_title(finding))})", fix=None)


def _by_path(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.path, []).append(finding)
    return grouped


def _read(source: WorkTree, path: str, config: Config) -> bytes | None:
    """The file's bytes, or None when there is nothing to edit: a file the sparse checkout
    leaves out, or one that could not be read."""
    kind = expected_kind(path, config)
    if kind is None or source.left_out(path):
        return None
    raw = source.read(SourceFile(path, kind), config)
    return None if isinstance(raw, LoadProblem) else raw


def _fixed(path: str, raw: bytes, fixes: list[Fix]) -> tuple[bytes, list[Fix]] | None:
    """The file with as many of `fixes` made as can be made together (in position order,
    skipping any that touches a line an earlier one edits), and those fixes; None when none
    can be made and checked."""
    text = editable(raw)
    if text is None:
        return None
    before = parse_document(path, raw)
    chosen: list[Fix] = []
    edited_lines: set[int] = set()
    for fix in sorted(fixes, key=lambda fix: min(edit.position for edit in fix.edits)):
        lines = {edit.position.line for edit in fix.edits}
        if lines & edited_lines:
            continue
        if _checked(path, text.text, [*chosen, fix], before.data, before.problems) is not None:
            chosen.append(fix)
            edited_lines |= lines
    if not chosen:
        return None
    edited = _checked(path, text.text, chosen, before.data, before.problems)
    assert edited is not None
    return text.encode(edited), chosen


def _checked(path: str, text: str, fixes: list[Fix], data: object, problems: list[LoadProblem]) -> str | None:
    """The text with `fixes` made, if it then parses with no more problems than before and
    holds the intended data. A file that did not parse may still not parse after a fix of
    one syntax problem, when another was behind it (blank lines above the front matter hid
    an unquoted `: `): then its problems must have changed, and the fixes set nothing."""
    edited = apply_edits(text, [edit for fix in fixes for edit in fix.edits])
    if edited is None:
        return None
    if data is None:  # a fix of a file that did not parse: check what the fixes set
        after = parse_document(path, edited.encode("utf-8"))
        if len(after.problems) > len(problems):
            return None
        if after.data is None:
            return edited if after.problems != problems and not any(fix.sets for fix in fixes) else None
        return edited if all(node_at(after.data, path_, _MISSING) == value for fix in fixes for path_, value in fix.sets) else None
    return edited if parses_to(path, edited, intended_data(data, fixes), len(problems)) else None
