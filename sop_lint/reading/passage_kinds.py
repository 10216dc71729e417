"""The names rules and the model use for an SOP's passages, apart from the reader itself,
and what the reader makes of plain text, known without it.

A warm run reads no SOP, yet imports every rule: kept here, `MASK` and `PassageKind` let
them be imported without `reading/instructions.py` (the Markdown reader, which that run
never calls and whose loading is a measurable share of it).
"""

from __future__ import annotations

import re
from enum import StrEnum

MASK = "\ue000"  # stands for each character of what is not an instruction (code, HTML, URLs)

# A line that starts with a letter, ends with no space and holds nothing that Markdown
# reads (escape, code, emphasis, strike, link, image, HTML, entity, table cell, control
# character): the parser makes it, alone, one paragraph of its own text
# (tests/test_cold_path.py), so most `instructions:` items are read without it.
PLAIN_LINE = re.compile(r"[^\W\d_][^\\`*_~\[\]!<>&|\x00-\x1f\x7f]*(?<!\s)\Z")
_BLANK_LINE = re.compile(r"[ \t]*\Z")


def has_plain_paragraph(body: str, words: int) -> bool:
    """Whether a Markdown body holds, for certain, a paragraph of at least `words` words:
    a `PLAIN_LINE` of that many, with a blank line (or the body's start) before it and one
    (or its end) after it, and no fence (```, ~~~) and no `<` anywhere before it. Such a
    line starts no other block (it starts with a letter, in the first column), belongs to
    no list item or quote (a blank line ends those unless the next line is indented), and
    is the whole paragraph, so no underline makes it a heading; only a fence or an HTML
    block (`<!--`, `<pre>`) opened above could run on past a blank line and take it in.
    False says nothing: the reader must tell. Lets an SOP's summary skip the reader when
    its instructions name its tool (`model.tool_mentions`)."""
    after_blank = True
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if "```" in line or "~~~" in line or "<" in line:
            return False
        if after_blank and PLAIN_LINE.match(line) and len(line.split()) >= words and (index + 1 == len(lines) or _BLANK_LINE.match(lines[index + 1])):
            return True
        after_blank = _BLANK_LINE.match(line) is not None
    return False


class PassageKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"  # the text of a list item (or of a YAML `instructions:` entry)
    CELL = "cell"
