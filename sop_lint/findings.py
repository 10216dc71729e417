"""Where a problem is (`Position`), what rules report (`Problem`) and what users see (`Finding`).

A rule yields problems: where and what, nothing else. The engine stamps code, name and
severity on them, so a rule never knows about configuration.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, order=True, slots=True)
class Position:
    """A 1-based line and column, as editors count them."""

    line: int
    column: int


FILE_START = Position(1, 1)


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Problem:
    """A rule's report. `subject` names the thing at fault (an id, a step, a field) in words
    that survive edits elsewhere in the file, so the fingerprint does not move with lines."""

    path: str
    position: Position
    message: str
    subject: str = ""


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    fingerprint: str
    # What the fingerprint was made of beside code and path, so that a finding of a file
    # that moved can be matched under its new name (`sop-lint diff`).
    subject: str = field(default="", compare=False, repr=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


def fingerprint(code: str, path: str, subject: str) -> str:
    """A stable identity for a finding: file, rule and subject, never a line number."""
    # surrogateescape: a file name that is not UTF-8 reaches here with its raw bytes escaped.
    return hashlib.sha256(f"{code}\0{path}\0{subject}".encode("utf-8", "surrogateescape")).hexdigest()[:20]
