"""Invalid YAML that the parsers accept, found by sop-lint itself.

libyaml and ruamel.yaml let a few constructs through that YAML 1.2 forbids (the
yaml-test-suite marks them as errors), and read a meaning into them that another tool
may not share. Each check here is one rule of the YAML 1.2 spec, applied to the
scanner's tokens. Scanning costs about as much as parsing, so it runs only when a cheap
test of the text (a substring, then a regular expression), or the loader's note that a
flow collection or quoted value spans lines, finds something that could break a rule:
valid files pay a few microseconds.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sop_lint.reading.yaml_parsers import Token, scan


class ConformanceProblem(NamedTuple):
    """Where (0-based, in the parser's lines) and what, in words for the file's author."""

    line: int
    column: int
    message: str


# A `#` right after a bracket, a comma, a block scalar header or a closing quote (one that
# follows text: a quote after a space or bracket opens a value, like `'#channel'` inside a
# longer quoted text, and one after a backslash is escaped). Written to start with the `#`, so that the search skips to each `#`
# at C speed.
_GLUED_COMMENT = re.compile(
    r"""#(?:(?<=[^\s\[{,:\\]["']#)|(?<=[\]\[{},|>]#)|(?<=[|>][-+1-9]#)|(?<=[|>][-+1-9]{2}#))"""
)
# A tag that runs into a comma or bracket: `!!str,`. These expressions run on files of up
# to `max-file-size`, so none may backtrack more than linearly: each repeated class stops
# at the character that starts the next match attempt.
_TAG_INTO_FLOW = re.compile(r"![^\s,\[\]{}!]*[,\[\]{}]")
# A `-` alone as an item, or as a value, inside brackets on one line: `[-]`, `{a: -}`.
# (Brackets over several lines are scanned anyway.)
_DASH_ITEM_IN_FLOW = re.compile(r"[\[{,][ \t]*-(?:[\s,\]}]|\Z)")
_DASH_VALUE_IN_FLOW = re.compile(r"[\[{][^\n\[\]{}]*: -(?:[\s,\]}]|\Z)")
# A block scalar header, then blank lines of which one holds spaces.
_BLOCK_LEADING_BLANKS = re.compile(r"[|>][-+1-9]{0,2}[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*\r?\n)*[ \t]+\r?\n")

_QUOTES = ("'", '"')
_BLOCK_STYLES = ("|", ">")
_FLOW_STARTS = ("FlowSequenceStart", "FlowMappingStart")
_FLOW_ENDS = ("FlowSequenceEnd", "FlowMappingEnd")
# Tokens a comment may follow only after white space.
_NO_GLUED_COMMENT = frozenset({*_FLOW_STARTS, *_FLOW_ENDS, "FlowEntry", "Directive"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_COMMENT_SPACE = "a `#` that starts a comment needs a space before it: write ` #`, or quote the value if the `#` is part of it"
_BLANK_TOO_DEEP = (
    "a blank line at the start of a `|` or `>` value has more spaces than the value's first line of text: "
    "remove the extra spaces"
)


def first_violation(text: str, spans_lines: bool) -> ConformanceProblem | None:
    """The first place where `text`, which a parser accepted, breaks YAML 1.2. `spans_lines`
    says that a flow collection or quoted value in it runs over several lines."""
    if not (spans_lines or _worth_scanning(text)):
        return None
    tokens = scan(text)
    if tokens is None:
        return None
    return min(_violations(text, tokens), key=lambda violation: (violation.line, violation.column), default=None)


def _worth_scanning(text: str) -> bool:
    return bool(
        ("#" in text and _GLUED_COMMENT.search(text))
        or ("!" in text and _TAG_INTO_FLOW.search(text))
        or (
            ("[" in text or "{" in text)
            and (_DASH_ITEM_IN_FLOW.search(text) or (": -" in text and _DASH_VALUE_IN_FLOW.search(text)))
        )
        or text.startswith("%")
        or "\n%" in text
        or (("|" in text or ">" in text) and _BLOCK_LEADING_BLANKS.search(text))
    )


def _violations(text: str, tokens: list[Token]) -> list[ConformanceProblem]:
    found: list[ConformanceProblem] = []
    blocks: list[int] = []  # the columns of the open block collections
    flow_level = 0
    previous_end_line = -1
    for token in tokens:
        kind = token.kind
        if kind in ("BlockMappingStart", "BlockSequenceStart"):
            blocks.append(token.column)
        elif kind == "BlockEnd" and blocks:
            blocks.pop()
        # Lines inside a flow collection or a quoted value need more spaces than the
        # block collection around it is indented: YAML's s-flow-line-prefix.
        needed = blocks[-1] + 1 if blocks else 0
        inside_flow = flow_level > 0
        if kind in _FLOW_STARTS:
            flow_level += 1
        elif kind in _FLOW_ENDS:
            flow_level -= 1
        if needed and inside_flow and token.line > previous_end_line:
            found += _prefix_check(text, token.line, text.rfind("\n", 0, token.start) + 1, needed)
        if kind == "Scalar":
            found += _scalar_checks(text, token, needed, inside_flow)
        elif kind == "Tag":
            found += _tag_check(text, token)
        if text.startswith("#", token.end) and (kind in _NO_GLUED_COMMENT or token.style in _QUOTES):
            found.append(ConformanceProblem(token.end_line, token.end - text.rfind("\n", 0, token.end) - 1, _COMMENT_SPACE))
        previous_end_line = token.end_line
    return found


def _scalar_checks(text: str, token: Token, needed: int, inside_flow: bool) -> list[ConformanceProblem]:
    if token.style in _BLOCK_STYLES:
        return _block_scalar_checks(text, token, needed - 1)
    found: list[ConformanceProblem] = []
    if inside_flow and not token.style and text.startswith("-", token.start):
        after = text[token.start + 1 : token.start + 2]
        if after in ("", " ", "\t", "\r", "\n", ",", "]", "}", "[", "{"):
            found.append(
                ConformanceProblem(
                    token.line,
                    token.column,
                    "a `-` cannot start an item inside `[ ]` or `{ }` (a list in brackets is written `[a, b]`): "
                    'remove the dash, or quote it if it is text, like `"-"`',
                )
            )
    if needed and token.end_line > token.line and (token.style in _QUOTES or inside_flow):
        for number, line_break in enumerate(_LINE_BREAK.finditer(text, token.start, token.end), start=1):
            found += _prefix_check(text, token.line + number, line_break.end(), needed)
    return found


def _prefix_check(text: str, line: int, line_start: int, needed: int) -> list[ConformanceProblem]:
    """A line that continues a flow collection or quoted value starts with `needed` spaces,
    or holds nothing but white space. (A line holding only a comment may sit anywhere;
    no token starts on it, so it is never checked.)"""
    end = _LINE_BREAK.search(text, line_start)
    content = text[line_start : end.start() if end else len(text)]
    spaces = len(content) - len(content.lstrip(" "))
    if spaces >= needed or not content.strip():
        return []
    if content[spaces] == "\t":
        message = "a tab where YAML allows only spaces: indent this continued line with spaces, not tabs"
    else:
        message = (
            "this line continues a value from a line above, so it must be indented more than the key or `-` "
            f"that value belongs to: indent it by at least {needed} space{'s' if needed > 1 else ''}"
        )
    return [ConformanceProblem(line, spaces, message)]


def _block_scalar_checks(text: str, token: Token, parent_indent: int) -> list[ConformanceProblem]:
    header = re.match(r"[|>]([-+1-9]{0,2})", text[token.start : token.start + 3])
    assert header is not None
    after = token.start + header.end()
    if text.startswith("#", after):
        return [ConformanceProblem(token.line, token.column + header.end(), _COMMENT_SPACE)]
    if any(character.isdigit() for character in header.group(1)):
        return []  # the indentation is given, not detected from the first line of text
    # Leading blank lines may not hold more spaces than the first line of text, whose
    # indentation becomes the value's: YAML's l-empty and auto-detected indentation.
    blanks: list[tuple[int, int]] = []
    line_break = _LINE_BREAK.search(text, after)
    number = 0
    while line_break is not None:
        number += 1
        start = line_break.end()
        line_break = _LINE_BREAK.search(text, start)
        line = text[start : line_break.start() if line_break else len(text)]
        if line.strip():
            indent = len(line) - len(line.lstrip(" "))
            too_deep = [blank for blank, spaces in blanks if spaces > indent]
            if indent > parent_indent and too_deep:
                return [ConformanceProblem(token.line + too_deep[0], indent, _BLANK_TOO_DEEP)]
            return []
        blanks.append((number, len(line) - len(line.lstrip(" "))))
    return []


def _tag_check(text: str, token: Token) -> list[ConformanceProblem]:
    handle = token.value[0]
    if handle is None:  # a verbatim tag, `!<...>`, may hold any URI character
        return []
    for index, character in enumerate(text[token.start : token.end]):
        if character in ",[]{}":
            return [
                ConformanceProblem(
                    token.line,
                    token.column + index,
                    f"a tag like `!!str` cannot contain `{character}`: put a space after the tag, or quote the value",
                )
            ]
    return []

