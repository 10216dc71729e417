"""Run the selected rules over an SOP root and turn their problems into findings.

The data flows one way: files → documents → repository model → rules → findings. The
engine, not the rules, applies configuration: which rules run, at what severity, and
which findings inline comments or per-file ignores switch off.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sop_lint.cache import Cache, blob_id, open_cache, save_cache
from sop_lint.config import Config
from sop_lint.discovery import SourceFile, discover
from sop_lint.documents import Document
from sop_lint.errors import SopLintError
from sop_lint.findings import Finding, Problem, Severity, fingerprint
from sop_lint.globs import matches_any
from sop_lint.json_schema import validate, validation_key
from sop_lint.loader import load_document, locate_later, parse_document, syntax_of
from sop_lint.model import Repository, build_repository, kind_of
from sop_lint.rule import Rule
from sop_lint.rules import RULES
from sop_lint.suppressions import Suppressions
from sop_lint.yaml_parsers import Composer


@dataclass(frozen=True)
class LintResult:
    findings: list[Finding]
    files_checked: int


def select_rules(
    config: Config, select: Iterable[str] | None = None, ignore: Iterable[str] = ()
) -> list[Rule]:
    """The rules to run: config `select`/`ignore` first, then the command line's on top, as in ruff."""
    where = config.source or "the configuration"
    _check_codes(config.severity, where)
    for _, codes in config.per_file_ignores:
        _check_codes(codes, where)
    chosen = set(RULES)
    for selectors, source, replace in (
        (config.select, where, True),
        (config.ignore, where, False),
        (select, "--select", True),
        (ignore, "--ignore", False),
    ):
        if selectors is None:
            continue
        selectors = list(selectors)
        _check_codes(selectors, source)
        matching = {code for code in RULES if _matches(code, selectors)}
        chosen = matching if replace else chosen - matching
    return [rule for code, rule in RULES.items() if code in chosen]


def _matches(code: str, selectors: Iterable[str]) -> bool:
    return any(selector == "ALL" or code.startswith(selector) for selector in selectors)


def _check_codes(selectors: Iterable[str], source: str) -> None:
    for selector in selectors:
        if not _matches_any_rule(selector):
            raise SopLintError(f"unknown rule code `{selector}` in {source}: `sop-lint rules` lists them")


def _matches_any_rule(selector: str) -> bool:
    return selector == "ALL" or any(code.startswith(selector) for code in RULES)


def lint(
    root: Path,
    config: Config,
    rules: list[Rule],
    compose: Composer | None = None,
    cache_path: Path | None = None,
) -> LintResult:
    """`compose` picks the YAML parser (the default is the fast one, see `yaml_parsers`);
    `cache_path` keeps parsed and validated files between runs (see `cache`)."""
    files = discover(root, config)
    cache = open_cache(cache_path, validation_key(config.required_fields))
    documents = [(_load(root, file, config, cache, compose), file.expected_kind) for file in files]
    save_cache(cache, len(files))
    repository = build_repository(config, documents)
    suppressions = {document.path: document.suppressions for document, _ in documents}
    findings = [finding for rule in rules for finding in _findings(rule, repository, suppressions)]
    return LintResult(findings=sorted(findings, key=lambda f: f.sort_key), files_checked=len(files))


def _load(root: Path, file: SourceFile, config: Config, cache: Cache, compose: Composer | None) -> Document:
    """A file parsed and validated as the kind it holds, from the cache when its content was seen."""
    try:
        raw = (root / file.path).read_bytes()
    except OSError:
        return load_document(root, file.path)  # reports why it cannot be read
    blob = blob_id(raw)
    document = cache.document(blob, file.path, syntax_of(file.path))
    if document is None:
        document = parse_document(file.path, raw, compose, positions=False)
        fresh = True
    else:
        locate_later(document, raw, compose)
        fresh = False
    kind = kind_of(document, file.expected_kind)
    if kind not in document.violations and isinstance(document.data, dict):
        document.violations[kind] = validate(kind, document.data, config.required_fields)
        fresh = True
    if fresh:
        cache.store(blob, document)
    return document


def _findings(rule: Rule, repository: Repository, suppressions: dict[str, Suppressions]) -> Iterable[Finding]:
    config = repository.config
    severity = config.severity.get(rule.CODE, rule.SEVERITY)
    ignored_paths = [glob for glob, codes in config.per_file_ignores if _matches(rule.CODE, codes)]
    for problem in rule.check(repository):
        if ignored_paths and matches_any(problem.path, ignored_paths):
            continue
        file_suppressions = suppressions.get(problem.path)
        if file_suppressions and file_suppressions.covers(rule.CODE, problem.position.line):
            continue
        yield _finding(rule, severity, problem)


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
    )


def exit_code(findings: Iterable[Finding], fail_on: Severity) -> int:
    return 1 if any(finding.severity.rank >= fail_on.rank for finding in findings) else 0
