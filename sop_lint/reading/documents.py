"""A parsed file as the rest of sop-lint sees it: JSON data plus a position for every node.

Rules and the model read documents only; they never see parser objects, so the parser
behind `sop_lint.reading.loader` can change without touching them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from sop_lint.findings import FILE_START, Fix, Position
from sop_lint.json_schema import JsonPath
from sop_lint.reading.suppressions import Suppressions


class Syntax(StrEnum):
    YAML = "yaml"
    MARKDOWN = "markdown"


class LoadProblemKind(StrEnum):
    """What went wrong while reading a file; each kind is reported by one syntax rule."""

    INVALID_YAML = "invalid-yaml"
    DUPLICATE_KEY = "duplicate-key"
    FRONT_MATTER = "front-matter"
    LIMIT = "limit"
    UNREADABLE = "unreadable"


class LoadProblem(NamedTuple):
    """`fix`, when the loader knows the exact edit (quote a value, delete a blank line)."""

    kind: LoadProblemKind
    message: str
    position: Position
    subject: str = ""
    fix: Fix | None = None


PositionTables = tuple[dict[JsonPath, Position], dict[JsonPath, Position]]


@dataclass(slots=True)
class Document:
    """One process or SOP file after parsing.

    `data` is None when the file could not be parsed at all; `problems` then says why.
    Positions are kept for keys and for values separately, because a finding about a
    missing sub-key points at its parent's key while a finding about a bad value points
    at the value. They are only needed for files with findings, so a document from the
    cache has none until `position` is first asked, and `locate` parses the file again;
    it does know its `anchors`, the (key, line, column) of the values most findings name.

    `text` is the whole file as decoded (without a byte order mark; bytes that are not
    UTF-8 replaced), for rules that read every line, comments and Markdown body included.
    Only a freshly parsed document has it: neither the cache nor a cached document keeps it.
    """

    path: str
    syntax: Syntax
    data: object = None
    problems: list[LoadProblem] = field(default_factory=list)
    key_positions: dict[JsonPath, Position] = field(default_factory=dict)
    value_positions: dict[JsonPath, Position] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    text: str = field(default="", repr=False)
    suppressions: Suppressions = field(default_factory=Suppressions)
    locate: Callable[[], PositionTables] | None = field(default=None, repr=False, compare=False)
    anchors: tuple[tuple[str, int, int], ...] = ()

    def position(self, path: JsonPath, *, key: bool = False) -> Position:
        """Where the node at `path` is written, or its nearest written ancestor."""
        table = self.key_positions if key else self.value_positions
        if path in table:  # top-level keys are always known, the rest only after `locate`
            return table[path]
        if not key and len(path) == 1:  # a cached file knows where a few values are
            for name, line, column in self.anchors:
                if name == path[0]:
                    return Position(line, column)
        if self.locate is not None:
            self.key_positions, self.value_positions = self.locate()
            self.locate = None
            table = self.key_positions if key else self.value_positions
        while path:
            found = table.get(path) or self.value_positions.get(path)
            if found:
                return found
            path = path[:-1]
        return self.value_positions.get((), FILE_START)

    def get(self, key: str) -> object:
        """A top-level value, or None when the file is not a mapping or lacks the key."""
        return self.data.get(key) if isinstance(self.data, dict) else None
