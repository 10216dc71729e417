"""What a rule module provides. Each rule is one module in `sop_lint.rules`: a few
constants, a generator, and a docstring that is its documentation.

A `FileRule` looks at one file at a time (`check_file`); its findings depend on that
file and the configuration alone, so they are cached with the file. A `RepositoryRule`
looks across files (`check`) and runs every time, on the small model of all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple, Protocol

from sop_lint import HOMEPAGE
from sop_lint.config.settings import FileSettings
from sop_lint.findings import Problem, Safety, Severity
from sop_lint.kinds import Kind
from sop_lint.model.repository import Process, Repository, Sop
from sop_lint.reading.documents import Document, LoadProblemKind
from sop_lint.rules.support.credentials import Credential, find_credentials

# Stands for each field listed in `required-fields` when a rule declares what it covers.
REQUIRED_FIELD = "<required-field>"
ANY_ITEM = "*"

DOC_SECTIONS = ("## What it does", "## Why", "## Bad", "## Good")


class SchemaCover(NamedTuple):
    """Schema errors a dedicated rule reports in its own words, so the schema rule skips them.

    `path` is matched against the error's node (for a missing key, the key itself); `ANY_ITEM`
    matches any one list index or key, `REQUIRED_FIELD` any configured required SOP field.
    `keywords` limits the match to those JSON Schema keywords; None means every keyword.
    """

    kind: Kind
    path: tuple[str, ...]
    keywords: frozenset[str] | None = None


class FileRule(Protocol):
    CODE: str
    NAME: str
    SEVERITY: Severity
    SCHEMA_COVERS: tuple[SchemaCover, ...]
    __doc__: str | None

    def check_file(self, file: FileContext) -> Iterator[Problem]: ...


class RepositoryRule(Protocol):
    """`READS` names what the rule reads of a process or an SOP besides its kind and path,
    as `FileSummary` names it (`steps`, `tool`, `review`, ...), and `id` when what it says
    of one file depends on another's id: an editor's edit that changes none of it and
    leaves the rule's earlier problems where they were does not run the rule again (see
    `engine.incremental`; tests/test_incremental.py checks it). A rule that names a file
    by its own id (its label) need not list `id`: it runs again where it had a problem.
    `sub-processes` is the part of `steps` a rule about the graph of processes reads: their
    `process:` targets."""

    CODE: str
    NAME: str
    SEVERITY: Severity
    SCHEMA_COVERS: tuple[SchemaCover, ...]
    READS: frozenset[str]
    __doc__: str | None

    def check(self, repository: Repository) -> Iterator[Problem]: ...


Rule = FileRule | RepositoryRule


def fix_safety(rule: Rule) -> tuple[Safety, ...]:
    """The kinds of fix a rule's problems may carry: a rule that offers fixes says so in
    `FIXES`; most offer none and need not say it."""
    fixes: tuple[Safety, ...] = getattr(rule, "FIXES", ())
    return fixes


def rule_url(rule: Rule) -> str:
    """The rule's own section of docs/rules.md, where SARIF and the editor link to."""
    return f"{HOMEPAGE}/blob/main/docs/rules.md#{rule.CODE.lower()}-{rule.NAME}"


def summary(rule: Rule) -> str:
    """The first line of the rule's documentation."""
    return (rule.__doc__ or "").strip().splitlines()[0]


def description(rule: Rule) -> str:
    """The rule's "What it does" section, as one paragraph of text."""
    text = (rule.__doc__ or "").split("## What it does", 1)[-1].split("\n## ", 1)[0]
    return " ".join(text.split()) or summary(rule)


def load_problems(file: FileContext, kind: LoadProblemKind) -> Iterator[Problem]:
    """The problems of one kind that the loader met, for the syntax rules to report."""
    for problem in file.document.problems:
        if problem.kind is kind:
            yield Problem(file.path, problem.position, problem.message, problem.subject or kind.value, problem.fix)


@dataclass(frozen=True)
class FileContext:
    """One file as a file rule sees it: its data, the kind it is checked as, the process
    or SOP it holds (None when it holds no mapping), the settings a file rule may read
    (no more: see `FileSettings`), and the schema errors that dedicated rules explain
    (every rule's `SCHEMA_COVERS`, for the schema rule to skip)."""

    document: Document
    kind: Kind
    item: Process | Sop | None
    settings: FileSettings
    schema_covers: tuple[SchemaCover, ...] = ()

    @property
    def path(self) -> str:
        return self.document.path

    @cached_property
    def credentials(self) -> list[Credential]:
        """The credentials written in the file, scanned once: X001 reports them, and the
        engine masks them in every other rule's messages."""
        return find_credentials(self.document.text, self.settings.placeholders)
