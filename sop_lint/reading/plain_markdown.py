"""What the CommonMark reader makes of a plain Markdown body, known without it.

Most SOP bodies are a heading, a paragraph or two, a numbered list of one-line steps and a
quoted note, with a few words in code or in bold. Building the parser's tree and walking
it from Python cost a cold `check` about 0.1 ms a body, more than parsing its YAML. A body
made only of lines this module is sure of is read here, line by line, into the same
passages and numbered lists, placed on the same bytes; any other body is left to the
reader (None), whole. `tests/test_plain_markdown.py` compares both on generated bodies.

What it is sure of, each line ending with no space:
- a heading `#` to `######`, a space and text that does not end with `#`;
- a list item: `1.` or `1)` (any number of at most nine digits), or `-`, `*`, `+`, then
  one space and text; an item directly after another of another kind of list is not;
- a quote: `> ` and text;
- a paragraph line: text;
- a line indented with spaces, right after a paragraph's or an item's line: text that
  goes on with it (a wrapped step), which may also start with `/` or with a number that
  is no list item's (`2026**.`, `3 links`): no block starts so;
- a blank line.
Each other line starts in the first column. Text is what starts no block (a letter, a
quote mark, an opening parenthesis, `@`, `#` before a letter, a code span, an emphasis),
with no character that may start Markdown of another kind (escape, link, image, HTML,
entity, strike, underscore, control character), and with its backticks and asterisks in
single-backtick code spans and in emphasis that closes before a space, punctuation or the
end (`**Ops / Current**`, `*Ready*.`); emphasis may go on across a wrapped line, a code
span may not. A table needs a row of `-`, `:` and `|`
under its first, which no accepted line is. Lines a paragraph or quote could take in
lazily (a paragraph line right after an item or a quote), and a numbered item other than
1 right after a paragraph (which it would not interrupt), are not sure either.
"""

from __future__ import annotations

import re

from sop_lint.reading.passage_kinds import MASK, PassageKind
from sop_lint.reading.passages import Instructions, OrderedList, Passage, TextSource, passage_of

# What starts no block: the first character of an item's, a quote's or a paragraph's text.
_TEXT = r"""(?:[^\W\d_]|["'(“‘@]|\#[^\s#]|`[^`]|\*\*?[^\s*])"""
# Each line, told by its start (the last group matched); no match: a line not sure of.
_LINE = re.compile(
    rf"""(?P<blank>[ \t]*\Z)
    |(?P<heading>\#{{1,6}}\ )(?=\S)
    |(?P<item>(?:[0-9]{{1,9}}[.)]|[-*+])\ )(?={_TEXT})
    |(?P<quote>>\ )(?={_TEXT})
    |(?P<indent>\ +)(?={_TEXT}|/|[0-9]+(?![0-9.)]))
    |(?P<paragraph>)(?={_TEXT})""",
    re.VERBOSE,
)
# What an empty line matches: most blank lines are empty, and need no matching.
_EMPTY_LINE = _LINE.match("")
# A code span on one line: a line break or another control character in it (a lone CR
# ends a line for the reader) leaves the backtick to `_UNSURE` (the reader would place the
# characters of a span across lines otherwise). The backtick comes first, so that a search
# skips from backtick to backtick.
_CODE = re.compile(r"`(?<!``)([^`\s\x00-\x1f\x7f](?:[^`\x00-\x1f\x7f]*[^`\s\x00-\x1f\x7f])?)`(?!`)")
# Emphasis that opens before a letter or digit and closes before a space, a line break,
# punctuation or the end: its opening run can only open (or close nothing: every `*`
# before it is in a pair already), its closing run can only close.
_EMPHASIS = re.compile(r"(\*\*?)([^\W_](?:[^*\x01]*[^\s*\x01])?)\1(?![^ \n.,;:!?)])")
# What may start Markdown of another kind in text (outside code spans and emphasis
# delimiters); a line break is one between a passage's lines.
_UNSURE = re.compile(r"[\\\[\]<&_~*`\x00-\x09\x0b-\x1f\x7f]")
# The same but for `*` and backticks, which most bodies hold, and for line breaks.
_UNSURE_BUT_SPANS = re.compile(r"[\\\[\]<&_~\x00-\x09\x0b-\x1f\x7f]")

# Looked up once: an enum's member is slow to look up on its class (Python 3.11), and each passage needs one.
_HEADING, _PARAGRAPH, _ITEM = PassageKind.HEADING, PassageKind.PARAGRAPH, PassageKind.ITEM

# A line of a passage: the line, the column its text starts at, the byte offset of the line.
_Line = tuple[str, int, int]


class _Unsure(Exception):
    """A line holds Markdown this module is not sure of: the reader reads the body."""


def read_plain(body: str, source: TextSource) -> Instructions | None:
    """The instructions of a plain Markdown `body` (whose bytes `source` holds), or None
    when it holds a line this module is not sure of."""
    try:
        return _Reading(body, source).read()
    except _Unsure:
        return None


def read_plain_item(item: str, source: TextSource) -> tuple[Passage, ...] | None:
    """The passage of a YAML `instructions:` item that is one paragraph line (most of those
    with code or bold in them), as a list item: what `read_plain` reads, at half the CPU
    without the walk over lines. None for any other item, or one not sure of."""
    match = _LINE.match(item) if "\n" not in item else None
    if match is None or match.lastgroup != "paragraph" or item[-1].isspace():
        return None
    try:
        return _Reading(item, source).passage([(item, 0, 0)], _ITEM, True)
    except _Unsure:
        return None


class _Reading:
    """One pass over the lines, each block's passage made when the block ends, as the
    reader's walk makes them (`reading.instructions._Reader`). It runs for every line of
    every SOP of a cold run: the open block is kept in local variables, and an item's
    number and marker are read off the line, not asked of the match."""

    def __init__(self, body: str, source: TextSource) -> None:
        self.body, self.source = body, source
        self.passages: list[Passage] = []
        self.ordered: list[OrderedList] = []
        self.has_list = False
        self.introduces = False  # the last block before a list ended with ":" (a quote leaves it as it was)
        # Searched once: in most bodies, a line's text is sure when it holds no `*` and no backtick.
        self.spans_only = _UNSURE_BUT_SPANS.search(body) is None

    def read(self) -> Instructions:
        kind: str | None = None  # the block that the next line may go on with
        part: list[_Line] = []  # the lines of its passage (of a list: of its last item)
        marker = ""  # an open list's bullet, or its numbers' delimiter
        numbers: list[tuple[int, int]] = []  # an open ordered list's (number, byte offset of the item)
        ascii_body = self.body.isascii()
        after_blank = True
        offset = 0
        match_line = _LINE.match
        for line in self.body.split("\n"):
            start = offset
            offset += (len(line) if ascii_body else len(line.encode())) + 1
            match = match_line(line) if line else _EMPTY_LINE
            if match is None:
                raise _Unsure
            what = match.lastgroup
            if what == "blank":
                if kind is not None and kind != "list":  # a list goes on after a blank line, if an item of it follows
                    self.end_block(kind, part, numbers)
                    kind = None
                after_blank = True
                continue
            if line[-1].isspace():
                raise _Unsure
            if what == "item":
                column = match.end()  # after the item's number if any, its bullet or delimiter, and one space
                value = int(line[: column - 2]) if column > 2 else None
                if kind == "list" and marker == line[column - 2]:  # the list's next item
                    self.passage(part, _ITEM, True, self.introduces)
                else:
                    if kind is not None and not after_blank and (kind != "paragraph" or value not in (None, 1)):
                        raise _Unsure  # lazy text of an item or a quote, or a paragraph a number other than 1 cannot interrupt
                    self.end_block(kind, part, numbers)
                    kind, marker, numbers, self.has_list = "list", line[column - 2], [], True
                part = [(line, column, start)]
                if value is not None:
                    numbers.append((value, start))
                after_blank = False
            elif what == "indent":  # a wrapped line of the paragraph or item above
                if after_blank or kind not in ("list", "paragraph"):
                    raise _Unsure
                part.append((line, match.end(), start))
            elif what == "heading":
                if line.endswith("#"):
                    raise _Unsure
                self.end_block(kind, part, numbers)
                kind, after_blank = None, False
                made = self.passage([(line, match.end(), start)], _HEADING)
                self.introduces = bool(made) and made[0].text.rstrip().endswith(":")
            elif kind == what:  # a quote's or a paragraph's next line
                part.append((line, match.end(), start))
                after_blank = False
            elif kind is not None and not after_blank and kind != "paragraph":
                raise _Unsure  # a line an item or a quote above could take in
            else:
                self.end_block(kind, part, numbers)
                kind, part, after_blank = what, [(line, match.end(), start)], False
        self.end_block(kind, part, numbers)
        return Instructions(tuple(self.passages), self.has_list, tuple(self.ordered), markdown=True)

    def end_block(self, kind: str | None, part: list[_Line], numbers: list[tuple[int, int]]) -> None:
        if kind == "list":
            self.passage(part, _ITEM, True, self.introduces)
            if numbers:
                self.ordered.append(OrderedList(0, tuple(numbers), self.source))
            self.introduces = False
        elif kind == "paragraph":
            made = self.passage(part, _PARAGRAPH)
            self.introduces = bool(made) and made[0].text.rstrip().endswith(":")
        elif kind == "quote":
            self.passage(part, _PARAGRAPH)

    def passage(self, lines: list[_Line], kind: PassageKind, in_list: bool = False, after_colon: bool = False) -> tuple[Passage, ...]:
        """Adds the passage of `lines`, joined by a space as the reader joins lines."""
        line, column, start = lines[0]
        if len(lines) == 1 and "`" not in line and "*" not in line:  # the usual line: its text alone
            if not self.spans_only and _UNSURE.search(line, column):
                raise _Unsure
            made = passage_of(line[column:], (), ((0, start + column),), self.source, kind, in_list, after_colon and in_list)
        else:
            made = self.passage_of_runs(lines, kind, in_list, after_colon)
        self.passages += made
        return made

    def passage_of_runs(self, lines: list[_Line], kind: PassageKind, in_list: bool, after_colon: bool) -> tuple[Passage, ...]:
        """The passage of several lines, or of one with code or emphasis. Its text is looked
        at whole, each line's text after the line break before it, which the reader makes a
        space: emphasis may go on across a wrapped line (`**Ops /` then `Archive**`), which a
        reading line by line left to the reader (414 of the benchmark repository's 7,471
        bodies, read there at twice the CPU)."""
        joined = "\n".join([line[column:] for line, column, _ in lines])
        if "`" not in joined and "*" not in joined:  # lines of text alone
            if not self.spans_only and _UNSURE.search(joined):
                raise _Unsure
            runs = [(0, len(joined), "text")]
        else:
            runs = _inline(joined)
        ascii_text = joined.isascii()
        pieces: list[str] = []
        anchors: list[tuple[int, int]] = []
        labels: list[tuple[int, int]] = []
        length = 0
        # The line a run starts on, where its text starts in `joined`, and the byte it starts
        # at (its marker or indent is ASCII: `column` bytes into the line).
        line = 0
        line_start, line_byte = 0, lines[0][2] + lines[0][1]
        for run_start, run_end, how in runs:
            run = joined[run_start:run_end]
            place = run_start
            for piece in run.split("\n") if "\n" in run else (run,):  # a run is placed afresh on each line it goes on to
                if place > run_start:
                    line += 1
                    line_start, line_byte = place, lines[line][2] + lines[line][1]
                if piece:
                    within = place - line_start if ascii_text else len(joined[line_start:place].encode())
                    anchors.append((length + place - run_start, line_byte + within))
                place += len(piece) + 1
            pieces.append(MASK * len(run) if how == "code" else run)
            if how == "strong":
                labels.append((length, length + len(run)))
            length += len(run)
        return passage_of("".join(pieces).replace("\n", " "), labels, tuple(anchors), self.source, kind, in_list, after_colon and in_list)


def _inline(text: str) -> list[tuple[int, int, str]]:
    """The runs of a passage's text (its lines joined by their line breaks): (start, end,
    "text", "code", "strong" or "em"), code and emphasis without their delimiters."""
    spans = [(*match.span(), *match.span(1), "code") for match in _CODE.finditer(text)] if "`" in text else []
    if "*" in text:
        blanked = text
        for start, end, *_ in spans:
            blanked = blanked[:start] + "\x01" * (end - start) + blanked[end:]
        spans += [(*match.span(), *match.span(2), "strong" if len(match.group(1)) == 2 else "em") for match in _EMPHASIS.finditer(blanked)]
        spans.sort()
    runs: list[tuple[int, int, str]] = []
    at = 0
    for start, end, inner_start, inner_end, how in spans:
        if at < start:
            runs.append((at, start, "text"))
        runs.append((inner_start, inner_end, how))
        at = end
    if at < len(text):
        runs.append((at, len(text), "text"))
    for start, end, how in runs:
        if how != "code" and _UNSURE.search(text, start, end):
            raise _Unsure
    return runs
