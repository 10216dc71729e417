"""An SOP's instructions as the rules read them: passages of prose, each character placed
in the file, and numbered lists.

A `Passage` is one paragraph, heading, list item or table cell. Its `text` keeps the
words a reader follows, with what is not an instruction replaced by `MASK` characters
(one per character, so offsets stay put): code, HTML, images, struck-out text, URLs and
e-mail addresses. `labels` are the spans of quoted text and bold text (`click **Ask a
question**`, `the "Post copy" template`): words on a screen or in a script, which rules
about wording leave alone. Every character maps back to a line and column of the file.

They are made by the Markdown reader (`reading.instructions`), or, for a plain body,
without it (`reading.plain_markdown`): both make each passage with `passage_of`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from sop_lint.findings import Position
from sop_lint.reading.passage_kinds import MASK, PassageKind

_URL = re.compile(r"\b(?:[a-z][\w+.-]*://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'\"]|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# An e-mail address's `@` and domain, found fast (a search skips from `@` to `@`): most `@`
# in SOPs are mentions (`@ops`), which `_URL`, trying every word, takes far longer to rule out.
_AT_DOMAIN = re.compile(r"@[\w-]+\.[\w-]")
# Each alternative starts with its quote mark (a `'` after a word character is an
# apostrophe), so that a search skips to the next quote mark instead of trying every position.
_QUOTED = re.compile(r"\"[^\"\n]+\"|“[^”\n]+”|‘[^’\n]+’|'(?<!\w')[^'\n]+'(?!\w)")
_BLANK = MASK + " \t"


class TextSource:
    """A Markdown text's bytes, and how to turn a byte offset into a line and column of the file."""

    def __init__(self, source: bytes, first_line: int, first_column: int = 1) -> None:
        self.source = source
        self.first_line = first_line
        self.first_column = first_column
        self.line_starts: list[int] | None = None

    def position(self, offset: int, more: int = 0) -> Position:
        """Where the byte at `offset` is, `more` characters further along its line."""
        if self.line_starts is None:
            self.line_starts = [0] + [match.end() for match in re.finditer(rb"\n", self.source)]
        index = bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[index]
        column = len(self.source[start:offset].decode(errors="replace")) + (self.first_column if index == 0 else 1)
        return Position(self.first_line + index, column + more)


class Passage(NamedTuple):
    kind: PassageKind
    text: str
    labels: tuple[tuple[int, int], ...]
    # (offset in `text`, offset in the source's bytes): from each offset on, characters
    # run along the source. Turned into lines and columns only for a finding.
    anchors: tuple[tuple[int, int], ...]
    source: TextSource
    # `text` with labels masked too: the words the SOP's author chose for the reader. Made
    # with the passage (`text` itself for the 96% without labels): I002 and I003 read it
    # of every passage, and rebuilding it each time, as a property did, cost them more.
    prose: str
    in_list: bool = False
    after_colon: bool = False  # a list item in a list introduced by a sentence ending with ":"

    def position(self, offset: int) -> Position:
        """The file position of the character at `offset` of `text`."""
        index = max(bisect_right(self.anchors, (offset, 1 << 62)) - 1, 0)
        start, byte = self.anchors[index]
        return self.source.position(byte, offset - start)


class OrderedList(NamedTuple):
    """A numbered list: each item's number and the byte offset of its marker; `depth` counts the lists around it."""

    depth: int
    numbers: tuple[tuple[int, int], ...]
    source: TextSource

    def position(self, index: int) -> Position:
        return self.source.position(self.numbers[index][1])


class Instructions(NamedTuple):
    passages: tuple[Passage, ...]
    has_list: bool
    ordered_lists: tuple[OrderedList, ...]
    markdown: bool


def passage_of(
    written: str, labels: Sequence[tuple[int, int]], anchors: tuple[tuple[int, int], ...], source: TextSource, kind: PassageKind, in_list: bool,
    after_colon: bool,
) -> tuple[Passage, ...]:
    """The passage of the text `written` (none when it holds no words): URLs masked, and
    quoted text added to its `labels`."""
    if not written.strip(_BLANK):
        return ()
    if "://" in written or "www." in written or ("@" in written and _AT_DOMAIN.search(written)):
        written = _URL.sub(lambda match: MASK * len(match.group(0)), written)
    if '"' in written or "“" in written or "'" in written or "‘" in written:
        labels = sorted([*labels, *quoted_spans(written)])
    prose = _masked(written, labels) if labels else written
    # tuple's own constructor: the named tuple's is a Python function, twice as slow, and a cold run makes ~100,000 passages
    return (tuple.__new__(Passage, (kind, written, tuple(labels), anchors, source, prose, in_list, after_colon)),)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` quotes something, quote marks included (a button, a column, a field)."""
    return [match.span() for match in _QUOTED.finditer(text)]


def _masked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)
