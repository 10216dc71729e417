"""Where a problem is (`Position`), what rules report (`Problem`) and what users see (`Finding`).

A rule yields problems: where and what, nothing else. The engine stamps code, name and
severity on them, so a rule never knows about configuration.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from sop_lint.json_schema import JsonPath


class Position(NamedTuple):
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


class Safety(StrEnum):
    """As in ruff: a safe fix keeps what the file means and is applied by `check --fix`;
    an unsafe one may change it (where a step points, an id) and needs `--unsafe-fixes`."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class Edit(NamedTuple):
    """Replace `old`, written at `position`, by `new`. The text an edit expects is part of
    it, so an edit met with other text (the file changed since it was checked) is refused
    rather than applied in the wrong place."""

    position: Position
    old: str
    new: str


class Fix(NamedTuple):
    """Text edits that make a problem go away, and what the file's data must hold after
    them: each path in `sets` its value, no path in `removes`, everything else as it was.
    A fix is plain data, so the cache keeps it with the problem and an editor can offer it."""

    title: str
    safety: Safety
    edits: tuple[Edit, ...]
    sets: tuple[tuple[JsonPath, object], ...] = ()
    removes: tuple[JsonPath, ...] = ()


class Problem(NamedTuple):
    """A rule's report. `subject` names the thing at fault (an id, a step, a field) in words
    that survive edits elsewhere in the file, so the fingerprint does not move with lines.
    `fix`, when the rule knows one, is how to make it go away."""

    path: str
    position: Position
    message: str
    subject: str = ""
    fix: Fix | None = None


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
    # that moved can be matched under its new name (`sop-lint diff`), and which of the
    # file's findings of that rule and subject it is, in position order.
    subject: str = field(default="", compare=False, repr=False)
    occurrence: int = field(default=1, compare=False, repr=False)
    fix: Fix | None = field(default=None, compare=False, repr=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    @property
    def family(self) -> str:
        """The fingerprint of the first of its kind: what a baseline written before
        fingerprints were numbered holds for every occurrence."""
        return fingerprint(self.code, self.path, self.subject)


def fingerprint(code: str, path: str, subject: str, occurrence: int = 1) -> str:
    """A stable identity for one finding: file, rule, subject, and which occurrence of
    those it is (four steps using one missing SOP are four findings), never a line
    number. The first occurrence's is what it was before occurrences were counted."""
    numbered = f"\0{occurrence}" if occurrence > 1 else ""
    return hashlib.sha256(utf8(f"{code}\0{path}\0{subject}{numbered}")).hexdigest()[:20]


def numbered(findings: list[Finding]) -> list[Finding]:
    """`findings` (in position order) with the second and later findings of one file,
    rule and subject given their occurrence's fingerprint."""
    seen: dict[tuple[str, str, str], int] = {}
    result = []
    for finding in findings:
        key = (finding.code, finding.path, finding.subject)
        seen[key] = count = seen.get(key, 0) + 1
        if count > 1:
            finding = dataclasses.replace(finding, occurrence=count, fingerprint=fingerprint(*key, count))
        result.append(finding)
    return result


def utf8(text: str) -> bytes:
    """`text` as UTF-8 even when it holds surrogates: a file name that is not UTF-8 gets
    its raw bytes back (Python reads them as U+DC80 to U+DCFF), and a lone surrogate
    from a YAML escape (`"\\ud800"`) is kept as one."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


# What a terminal acts on rather than shows (C0 and C1 controls, DEL: `\x1b[2K` erases a
# line, `\r` returns to its start), what reorders or breaks a line (bidirectional
# overrides, the line and paragraph separators), and what no UTF-8 output or XML document
# can hold (surrogates, U+FFFE and U+FFFF).
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
# Half of a UTF-16 pair: what no UTF-8 text can hold (a YAML escape or a file name may).
SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def visible(text: str) -> str:
    """`text` as a person may safely see it, on one line: each character of `_HIDDEN`
    written as an escape (`\\x1b`, `\\r`, `\\u202e`), and each byte of a file name that
    is not UTF-8 as `\\xe9`. Every human-facing output shows paths, messages and labels
    through it."""
    return _HIDDEN.sub(_escape, text)


def json_visible(text: str) -> str:
    """JSON from `json.dumps(..., ensure_ascii=False)` that a strict UTF-8 reader accepts:
    each surrogate (only a string can hold one) becomes its `visible` escape, as text."""
    return SURROGATE.sub(lambda match: _escape(match).replace("\\", "\\\\"), text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
