"""Read process and SOP files into `Document`s: decoding, front matter, parsing, and the
syntax problems in words a non-programmer can act on.

A parser (see `yaml_parsers`) composes each document into a node tree, which
`json_values` turns into plain JSON values with an exact position for every key and
value; `yaml_conformance` then refuses the invalid YAML that the parsers let through.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from pathlib import Path

from sop_lint.config.settings import default_max_file_size
from sop_lint.findings import FILE_START, Edit, Fix, Position, Safety
from sop_lint.json_schema import JsonPath
from sop_lint.reading.decoding import decode
from sop_lint.reading.documents import (
    Document,
    LoadProblem,
    LoadProblemKind,
    PositionTables,
    Syntax,
)
from sop_lint.reading.files import read_bounded
from sop_lint.reading.json_values import TOO_DEEP, JsonBuilder, Refused
from sop_lint.reading.lines import offset_of, position_of, split_lines
from sop_lint.reading.suppressions import find_suppressions
from sop_lint.reading.syntax_fixes import UNREADABLE, untabbed, value_hint
from sop_lint.reading.yaml_conformance import first_violation
from sop_lint.reading.yaml_parsers import (
    Composer,
    ParseError,
    TooDeep,
    default_composer,
)
from sop_lint.reading.yaml_values import NotFast, fast_values

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


# Parser messages are terse; these say what a non-programmer needs to fix the file. Each
# needle is in ruamel.yaml's words, then libyaml's where they differ (libyaml's verdict
# stands for an error past what ruamel.yaml re-reads: see `yaml_parsers.REREAD_BUDGET`).
_SYNTAX_HINTS = (
    (("cannot start any token",), (
        "a value that starts with `@`, `` ` ``, `%` or a similar character must be quoted, "
        'like `owner: "@social-team"`; if a line above opens a quote, close it'
    )),
    (("mapping values are not allowed",), "a value containing ': ' must be quoted, or a line is indented wrongly"),
    (("mapping keys are not allowed",), "a value that is only `?`, or starts with `? ` or `- `, must be quoted"),
    (("expected <block end>", "did not find expected key", "did not find expected '-' indicator"), (
        'text follows a closing quote or bracket: quote the whole value, like `title: "[Draft] copy"`'
    )),
    (("could not find expected ':'",), "every line in a mapping needs a `key: value` form; check the indentation"),
    (("found unexpected end of stream",), "a quote or bracket is opened and never closed"),
    (("while parsing a flow",), "a `[` or `{` is opened and never closed, or a value inside it needs quotes"),
    (("expected a single document",), "a YAML file holds one document: remove the extra `---` line"),
    (("found undefined alias",), "an `*alias` names an `&anchor` that does not exist"),
    (("special characters are not allowed", "control characters are not allowed"), (
        "the file holds an invisible control character here, often pasted in from another program: delete it"
    )),
)


def load_document(root: Path, relative_path: str, compose: Composer | None = None, *, max_bytes: int | None = None) -> Document:
    """Read and parse one file; never raises for bad content, problems become findings.
    `max_bytes` defaults to the default `max-file-size`."""
    raw = read_bounded(os.path.join(root, relative_path), max_bytes or default_max_file_size())
    return document_of(relative_path, raw, compose)


def document_of(path: str, raw: bytes | LoadProblem, compose: Composer | None = None) -> Document:
    """The parsed document of a file's bytes, or one that says why they were not read."""
    if isinstance(raw, LoadProblem):
        document = Document(path=path, syntax=syntax_of(path))
        document.problems.append(raw)
        return document
    return parse_document(path, raw, compose)


def syntax_of(relative_path: str) -> Syntax:
    """Markdown by the file's suffix (as `os.path.splitext` finds it: a name's leading dots
    start no suffix), else YAML. Asked once per file of every run, so kept cheap."""
    name = relative_path[relative_path.rfind("/") + 1 :].lstrip(".")
    dot = name.rfind(".")
    return Syntax.MARKDOWN if dot >= 0 and name[dot:].lower() in MARKDOWN_SUFFIXES else Syntax.YAML


def parse_document(path: str, raw: bytes, compose: Composer | None = None, *, positions: bool = True) -> Document:
    """Parse a file's bytes. Without `positions`, the position tables are left to be built
    on first use (by parsing again): most files never need them; and then, unless a
    parser is named, a plain document takes the fast path (see `yaml_values`)."""
    document = Document(path=path, syntax=syntax_of(path))
    fast = not positions and compose is None
    _parse_into(document, raw, compose, record_positions=positions, fast=fast)
    if not positions and document.data is not None:
        locate_later(document, raw, compose)
    return document


def locate_later(document: Document, raw: bytes | Callable[[], bytes], compose: Composer | None = None) -> None:
    """Lets `document` find its positions, when first asked, by parsing `raw` again (or
    what `raw()` reads then: a file of another revision is read from git only if asked)."""
    # A partial, not a closure over `document`, which would be a reference cycle per file.
    document.locate = functools.partial(_position_tables, document.path, raw, compose)


def _position_tables(path: str, raw: bytes | Callable[[], bytes], compose: Composer | None) -> PositionTables:
    document = parse_document(path, raw if isinstance(raw, bytes) else raw(), compose)
    return document.key_positions, document.value_positions


def _parse_into(document: Document, raw: bytes, compose: Composer | None, record_positions: bool, fast: bool) -> None:
    """`compose` None: the default composer, chosen (and PyYAML imported) only if the
    fast path cannot read the document."""
    text = decode(raw)
    if isinstance(text, LoadProblem):
        document.problems.append(text)
        document.text = raw.decode("utf-8", "replace")  # still scanned for credentials
        return
    document.text = text
    document.suppressions = find_suppressions(text)
    if document.syntax is Syntax.MARKDOWN:
        text_and_offset = _front_matter(text, document)
        if text_and_offset is None:
            return
        yaml_text, line_offset = text_and_offset
    else:
        yaml_text, line_offset = text, 0
    if fast and _parse_fast(yaml_text, line_offset, document):
        return
    _parse_yaml(yaml_text, line_offset, document, compose or default_composer(), record_positions)


def _problem(message: str, position: Position, kind: LoadProblemKind = LoadProblemKind.INVALID_YAML) -> LoadProblem:
    return LoadProblem(kind=kind, message=message, position=position)


def _front_matter(text: str, document: Document) -> tuple[str, int] | None:
    """Split Markdown into front matter and body; the front matter starts on line 2."""
    lines = split_lines(text)
    if lines[0].rstrip() != "---":
        opening = next((index for index, line in enumerate(lines) if line.strip()), 0)
        if lines[opening].rstrip() == "---":
            blank = "blank lines" if opening > 1 else "blank line"
            message = f"the front matter must start on line 1: delete the {blank} above the `---` on line {opening + 1}"
            above = text[: offset_of(text, opening, 0)]
            fix: Fix | None = Fix(f"delete the {blank} above the `---`", Safety.SAFE, (Edit(FILE_START, above, ""),))
        else:
            fix = None
            message = (
                "the SOP has no front matter: start the file with a `---` line, the SOP's fields (`kind: sop`, `id: ...`), "
                "and another `---` line"
            )
        document.problems.append(LoadProblem(LoadProblemKind.FRONT_MATTER, message, FILE_START, fix=fix))
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            document.body = "\n".join(lines[index + 1 :])
            document.body_line = index + 2
            return "\n".join(lines[1:index]) + "\n", 1
    body = next((index for index in range(1, len(lines)) if _BODY_LINE.match(lines[index])), None)
    message, position = "the front matter that starts on line 1 is never closed: add a `---` line after the SOP's fields", FILE_START
    if body is not None:  # where the instructions start: the blank line before them, if any
        message, position = message.replace("line after", "line here, after"), Position(body if not lines[body - 1].strip() else body + 1, 1)
    document.problems.append(_problem(message, position, LoadProblemKind.FRONT_MATTER))
    return None


# Lines that belong to a Markdown body, not to YAML: a heading or a numbered step.
_BODY_LINE = re.compile(r"^(?:#{1,6} \S|\d+\. \S)", re.MULTILINE)


# Where the fast path finds, in the text, the top-level values a summary keeps (see
# `sop_lint.model.summary`) and the `instructions` key the instruction reader starts from:
# the composers record every top-level position, so that neither needs a second parse.
PLACED_KEYS = ("id", "last_reviewed", "tool", "account", "owner")
_VALUE_AFTER_KEY = re.compile(r"[ ]+(?=[^\s#|>])")
# Each key as it starts a line, and how far its value may start from that line break.
_PLACED_LINES = tuple((key, f"\n{key}:", len(key) + 2) for key in PLACED_KEYS)


def _parse_fast(text: str, line_offset: int, document: Document) -> bool:
    """Whether the fast path read `text` into `document`, as `_parse_yaml` would have."""
    try:
        data = fast_values(text)
    except NotFast:
        return False
    if data is None:  # an empty document is the composers' (they tell it from `null`)
        return False
    if first_violation(text, False) is not None:  # worded by the composers' path
        return False
    if isinstance(data, dict):  # each key at a line's start: a top-level one, the root being a mapping
        lines = "\n" + text
        values: dict[JsonPath, Position] = {}
        for key, needle, after in _PLACED_LINES:
            if key in data:
                at = lines.find(needle)
                value = _VALUE_AFTER_KEY.match(lines, at + after)
                if at < 0 or value is None:
                    return False  # written otherwise (`id: |`, `"id":`, indented): the composers place it
                values[(key,)] = Position(lines.count("\n", 0, at) + 1 + line_offset, value.end() - at)
        if "instructions" in data:
            at = lines.find("\ninstructions:")
            if at < 0 or lines[at + 14 : at + 15] not in ("", " ", "\r", "\n"):
                return False
            document.key_positions[("instructions",)] = Position(lines.count("\n", 0, at) + 1 + line_offset, 1)
        document.value_positions.update(values)
    document.data = data
    return True


def _parse_yaml(
    text: str, line_offset: int, document: Document, compose: Composer, record_positions: bool, *, offer_fixes: bool = True
) -> None:
    try:
        node = compose(text)
    except TooDeep as error:
        document.problems.append(_problem(TOO_DEEP, _error_position(error, text, line_offset)[0], LoadProblemKind.LIMIT))
        return
    except ParseError as error:
        document.problems.append(_syntax_problem(error, text, line_offset, document, compose if offer_fixes else None))
        return
    except RecursionError:
        document.problems.append(_problem(TOO_DEEP, FILE_START, LoadProblemKind.LIMIT))
        return
    if node is None:
        return
    builder = JsonBuilder(line_offset, document, record_positions)
    try:
        document.data = builder.convert(node, ())
    except Refused as error:
        document.data = None
        document.problems.append(_problem(str(error), error.position, error.kind))
        return
    violation = first_violation(text, builder.spans_lines)
    if violation is not None:  # the parser accepted invalid YAML: what it read does not count
        document.data = None
        document.problems[:] = [_problem(f"YAML syntax error: {violation.message}", Position(violation.line + 1 + line_offset, violation.column + 1))]
        document.key_positions.clear()
        document.value_positions.clear()


def _data_of(text: str, compose: Composer) -> object:
    """What YAML text holds, or `UNREADABLE` when it does not parse cleanly."""
    document = Document(path="", syntax=Syntax.YAML)
    _parse_yaml(text, 0, document, compose, record_positions=False, offer_fixes=False)
    return UNREADABLE if document.problems or document.data is None else document.data


def _error_position(error: ParseError, text: str, line_offset: int) -> tuple[Position, int]:
    """Where in the file a parser error is, and its character offset in `text`."""
    if error.line is not None and error.column is not None:
        line, column = error.line, error.column
        offset = offset_of(text, line, column)
    else:
        offset = error.offset
        position = position_of(text, offset)
        line, column = position.line - 1, position.column - 1
    return Position(line + 1 + line_offset, column + 1), offset


_IN_QUOTES = "while scanning a quoted scalar"  # the parsers' context in a quoted value


def _syntax_problem(error: ParseError, text: str, line_offset: int, document: Document, compose: Composer | None) -> LoadProblem:
    """`compose`, to try the fix of a tab in the indentation; None when trying one."""
    position, offset = _error_position(error, text, line_offset)
    fix = None
    if error.context == _IN_QUOTES and error.opened is not None:
        # Met at the text's end (past its last line, or a Markdown file's closing `---`): placed at the opening quote.
        line, column = error.opened
        position = Position(line + 1 + line_offset, column + 1)
        quote = text[offset_of(text, line, column) :][:1]
        message = f"YAML syntax error: the `{quote}` here opens a quote that is never closed: end the quoted text with another `{quote}`"
    elif text[offset : offset + 1] == "\t":
        message = "YAML syntax error: a tab where YAML allows only spaces: indent with spaces, not tabs"
        if compose is not None:
            fix = untabbed(text, line_offset, functools.partial(_data_of, compose=compose))
    else:
        said = f"{error.context} {error.problem}"
        where = split_lines(text)[position.line - 1 - line_offset] if position.line > line_offset else ""
        exact = value_hint(where, position.line, said)
        hint = next((hint for needles, hint in _SYNTAX_HINTS if any(needle in said for needle in needles)), None)
        message = f"YAML syntax error: {exact[0]}" if exact else f"YAML syntax error: {error.problem}" + (f": {hint}" if hint else "")
        fix = exact[1] if exact else None
    body = _BODY_LINE.search(text) if document.syntax is Syntax.MARKDOWN else None
    if body is not None:  # the instructions are read as YAML: the `---` after the fields is missing
        line = line_offset + text.count("\n", 0, body.start()) + 1
        closing = document.body_line - 1
        message = (
            f"the front matter is not closed before the instructions: add a `---` line above this one "
            f"(as it is, it runs on to the `---` on line {closing})"
        )
        return _problem(message, Position(line, 1), LoadProblemKind.FRONT_MATTER)
    return LoadProblem(LoadProblemKind.INVALID_YAML, message, position, fix=fix)
