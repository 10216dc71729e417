"""An SOP's instructions as a newcomer reads them: passages of prose, with exact positions
(see `reading.passages`).

The Markdown body is read by a CommonMark parser (`markdown-it-pyrs`, the compiled port of
markdown-it; this is the only module that imports it), so that code blocks, inline code,
link targets, images and HTML (comments included) are never taken for instructions, unless
the body is plain enough to be read line by line for the same result (see
`reading.plain_markdown`). YAML `instructions:` items are read the same way, each as a
small Markdown text of its own.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from sop_lint.findings import SURROGATE, Position
from sop_lint.reading.documents import Document, Syntax
from sop_lint.reading.lines import offset_of, position_of
from sop_lint.reading.passage_kinds import MASK, PLAIN_LINE, PassageKind
from sop_lint.reading.passages import Instructions, OrderedList, Passage, TextSource, passage_of
from sop_lint.reading.plain_markdown import read_plain, read_plain_item

if TYPE_CHECKING:
    from markdown_it_pyrs import MarkdownIt, Node

# Inline nodes whose text is not instructions, and those whose text is a label.
_HIDDEN = {"code_inline", "html_inline", "image", "strikethrough", "autolink"}
_LABELS = {"strong"}
_SKIPPED_BLOCKS = {"fence", "code_block", "html_block", "hr"}
# What precedes an item written on one line: its `- `, and a quote perhaps.
_ITEM_START = re.compile(r"[ \t]*-[ \t]+[\"']?\Z")
_DIGITS = re.compile(rb"[ \t]*(\d+)")


class _ItemSource(TextSource):
    """A YAML `instructions:` item. An item written on one line, plainly or in quotes, is
    found in the file's text as it is read (`at`, its offset there), and positions inside it
    are exact; any other is placed at its start, which may parse the file again, only when a
    finding asks."""

    def __init__(self, document: Document, index: int, item: str, at: int) -> None:
        super().__init__(item.encode(), 0)
        self.document, self.index, self.at = document, index, at
        self.placed = False

    def position(self, offset: int, more: int = 0) -> Position:
        if not self.placed:
            start = position_of(self.document.text, self.at) if self.at >= 0 else self.document.position(("instructions", self.index))
            self.first_line, self.first_column, self.placed = start.line, start.column, True
        if self.at < 0:
            return Position(self.first_line, self.first_column)
        return super().position(offset, more)


# Looked up once: an enum's member is slow to look up on its class (Python 3.11), and most YAML items need it.
_ITEM = PassageKind.ITEM
_KINDS = {"heading": PassageKind.HEADING, "lheading": PassageKind.HEADING, "paragraph": PassageKind.PARAGRAPH}
_last: tuple[Document, Instructions] | None = None


@functools.cache
def _parser(links: bool = True) -> MarkdownIt:
    """The parser, imported when first needed: a warm run, which reads no SOP, never loads
    it. Without `links`, it reads links and images as the text they are written with."""
    from markdown_it_pyrs import MarkdownIt

    if links:
        parser = MarkdownIt("commonmark")
        parser.enable_many(["table", "strikethrough"])
    else:  # the "commonmark" preset's rules, but for `link` and `image`
        parser = MarkdownIt("zero")
        parser.enable_many(
            ["blockquote", "code", "fence", "heading", "hr", "html_block", "lheading", "list", "paragraph", "reference",
             "autolink", "backticks", "emphasis", "entity", "escape", "html_inline", "newline", "table", "strikethrough"]
        )
    return parser


def _tree(text: str) -> Node:
    """The parser's tree of `text`. The parser (markdown-it-rs 0.6.0, in markdown-it-pyrs
    0.4.0, the latest release) panics on some texts that hold a `[` and a backtick with no
    closing one, such as a link whose text opens a code span it never closes
    (markdown-it-rust/markdown-it#40, fixed in 0.6.1, not released for Python): such a text is read again without links and
    images, and the panic's message, which Rust writes to the standard error itself, is
    kept off it. Texts without both, nearly all, are read once, as they are."""
    if "[" not in text or "`" not in text:
        return _parser().tree(text)
    with _standard_error_silenced():
        try:
            return _parser().tree(text)
        except BaseException as error:  # pyo3's PanicException derives from BaseException only
            if type(error).__name__ != "PanicException":
                raise
    return _parser(links=False).tree(text)


_SILENCING = threading.Lock()


@contextlib.contextmanager
def _standard_error_silenced() -> Iterator[None]:
    """File descriptor 2 on the null device for a moment: the whole process's, so one
    thread at a time (two interleaved would leave it silenced for good)."""
    with _SILENCING:
        sys.stderr.flush()
        kept = os.dup(2)
        try:
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 2)
            os.close(quiet)
            yield
        finally:
            os.dup2(kept, 2)
            os.close(kept)


def read_instructions(document: Document) -> Instructions:
    """The instructions of an SOP document (remembered for the last document asked: the
    summary and several rules read the same file in turn)."""
    global _last
    if _last is not None and _last[0] is document:
        return _last[1]
    if document.syntax is Syntax.MARKDOWN:
        source = TextSource(document.body.encode(), document.body_line)
        instructions = read_plain(document.body, source) or _read_markdown(document.body, source)
    else:
        instructions = _read_items(document)
    _last = (document, instructions)
    return instructions


def _read_items(document: Document) -> Instructions:
    items = document.get("instructions")
    passages: list[Passage] = []
    text = document.text
    key = document.position(("instructions",), key=True)  # a top-level key's place is always known
    cursor = offset_of(text, key.line - 1, key.column - 1)
    for index, item in enumerate(items if isinstance(items, list) else ()):
        if isinstance(item, str):  # an item is one step, however it is written
            if not item.isascii():  # most items are: an ASCII item holds no surrogate
                item = SURROGATE.sub("\ufffd", item)  # from a `"\\ud800"` escape: no Markdown parser takes one
            at = text.find(item, cursor) if item and "\n" not in item else -1
            if at >= 0 and _ITEM_START.search(text, max(text.rfind("\n", 0, at), 0), at) is not None:
                cursor = at + len(item)
            else:
                at = -1
            source = _ItemSource(document, index, item, at)
            if PLAIN_LINE.match(item):  # most items: what the parser would make of it is known
                passages += passage_of(item, (), ((0, 0),), source, _ITEM, True, False)
                continue
            made = read_plain_item(item, source)  # most others: a step with a word in code or bold
            if made is None:  # a heading, a list, a quote, lines, or Markdown of another kind
                made = tuple(
                    Passage(_ITEM, passage.text, passage.labels, passage.anchors, source, passage.prose, in_list=True)
                    for passage in (read_plain(item, source) or _read_markdown(item, source)).passages
                )
            passages += made
    return Instructions(tuple(passages), has_list=True, ordered_lists=(), markdown=False)



def _read_markdown(text: str, source: TextSource) -> Instructions:
    reader = _Reader(source)
    reader.blocks(_tree(text).children, depth=0, in_list=False, after_colon=False)
    return Instructions(tuple(reader.passages), reader.has_list, tuple(reader.ordered_lists), markdown=True)


class _Reader:
    """Walks the parser's tree once, collecting passages and numbered lists. Every SOP of a cold
    run is walked: each node's name, children, text and place is asked of the parser once."""

    def __init__(self, source: TextSource) -> None:
        self.source = source
        self.passages: list[Passage] = []
        self.ordered_lists: list[OrderedList] = []
        self.has_list = False

    def blocks(self, nodes: Sequence[Node], depth: int, in_list: bool, after_colon: bool) -> None:
        inline: list[Node] = []
        introduces = False
        for node in nodes:
            name = node.name
            if name in _PASSAGE_BLOCKS:
                kind = _KINDS.get(name, PassageKind.CELL) if name != "paragraph" or not in_list else PassageKind.ITEM
                introduces = self.passage(node.children, kind, in_list, after_colon)
            elif name in _LISTS_AND_SKIPPED:
                if inline:
                    introduces = self.passage(inline, PassageKind.ITEM, in_list, after_colon)
                    inline = []
                if name in _SKIPPED_BLOCKS:
                    introduces = False
                    continue
                self.has_list = True
                items = node.children
                if name == "ordered_list":
                    self.ordered_lists.append(OrderedList(depth, tuple(self.number(item) for item in items), self.source))
                for item in items:
                    self.blocks(item.children, depth + 1, in_list=True, after_colon=introduces)
                introduces = False
            elif name in _CONTAINERS:
                self.blocks(node.children, depth, in_list, after_colon)
            else:  # inline content straight under a list item (a tight list)
                inline.append(node)
        if inline:
            self.passage(inline, PassageKind.ITEM, in_list, after_colon)

    def number(self, item: Node) -> tuple[int, int]:
        srcmap = item.srcmap
        start = srcmap[0] if srcmap else 0
        digits = _DIGITS.match(self.source.source, start)
        return (int(digits.group(1)) if digits else 0), start

    def passage(self, nodes: Sequence[Node], kind: PassageKind, in_list: bool, after_colon: bool) -> bool:
        """Adds the passage the inline `nodes` make; True when it ends with a colon (it introduces what follows)."""
        pieces: list[str] = []
        anchors: list[tuple[int, int]] = []
        labels: list[tuple[int, int]] = []
        _add_inline(nodes, False, False, pieces, anchors, labels, 0)
        made = passage_of("".join(pieces), labels, tuple(anchors), self.source, kind, in_list, after_colon and in_list)
        self.passages += made
        return bool(made) and made[0].text.rstrip().endswith(":")


_PASSAGE_BLOCKS = frozenset({"paragraph", "heading", "lheading", "tcell", "th", "td"})
_LISTS_AND_SKIPPED = frozenset({"bullet_list", "ordered_list", *_SKIPPED_BLOCKS})
_CONTAINERS = frozenset({"blockquote", "table", "thead", "tbody", "trow", "tr"})


def _add_inline(
    nodes: Sequence[Node], hidden: bool, label: bool, pieces: list[str], anchors: list[tuple[int, int]], labels: list[tuple[int, int]], length: int
) -> int:
    """Adds the text of inline `nodes` to a passage's `pieces` (what is not an instruction
    masked), with its `anchors` and `labels`; returns the passage's length after them."""
    for node in nodes:
        name = node.name
        if name == "text" or name == "text_special" or name == "html_inline":
            content = node.meta.get("content", "")
            start, end = node.srcmap or (0, 0)
            anchors.append((length, start))
            pieces.append(MASK * len(content) if hidden or name == "html_inline" else content)
            length += len(content)
            if name != "text" and len(content.encode()) != end - start:
                anchors.append((length, end))  # an entity or escape: what follows is placed afresh
        elif name == "softbreak" or name == "hardbreak":
            pieces.append(" ")
            length += 1
        else:
            begin = length
            length = _add_inline(node.children, hidden or name in _HIDDEN, label or name in _LABELS, pieces, anchors, labels, length)
            if name in _LABELS:
                labels.append((begin, length))
    return length


