"""Lines and positions in text, counted as YAML parsers and editors count them: a line
ends at a CR LF, a LF, or a CR alone (classic Mac line ends), and columns count
characters. Every position sop-lint works out itself (not read from a parser) is
counted here, so it agrees with the parser's."""

from __future__ import annotations

import re

from sop_lint.findings import Position

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines of `text`, without their line ends."""
    return _LINE_BREAK.split(text) if "\r" in text else text.split("\n")  # the usual file takes the fast way


_LINE_WITH_END = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def lines_with_ends(text: str) -> list[str]:
    """The lines of `text`, each with its own line end (`splitlines` would also break at a
    form feed or U+2028, which YAML 1.2 reads as ordinary characters)."""
    return _LINE_WITH_END.findall(text)


def position_of(text: str, offset: int) -> Position:
    """The 1-based line and column of the character at `offset` (the LF of a CR LF is the
    line end of the line the CR ends)."""
    if offset > 0 and text.startswith("\r\n", offset - 1):
        carriage_return = position_of(text, offset - 1)
        return Position(carriage_return.line, carriage_return.column + 1)
    line = text.count("\n", 0, offset) + 1
    if "\r" in text:
        line += text.count("\r", 0, offset) - text.count("\r\n", 0, offset)
    return Position(line, offset - max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)))


def offset_of(text: str, line: int, column: int) -> int:
    """The offset of the character at the 0-based `line` and `column` (the end of `text`
    when there is no such line)."""
    if not line:
        return column
    # One split that stops after `line` line ends, not a search per line: the
    # instructions reader asks where each YAML SOP's `instructions:` key is.
    lines = _LINE_BREAK.split(text, line) if "\r" in text else text.split("\n", line)
    return len(text) - len(lines[-1]) + column if len(lines) > line else len(text)
