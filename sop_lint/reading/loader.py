"""Read process and SOP files into `Document`s: decoding, front matter, and JSON values.

A parser (see `sop_lint.yaml_parsers`) composes each document into a node tree, and
this module turns the tree into plain JSON values itself, with YAML 1.2 rules for
unquoted scalars, so that what the schema sees does not depend on the parser (`on`
stays a string, dates become ISO strings) and every key and value keeps an exact
position.
"""

from __future__ import annotations

import datetime
import functools
import math
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sop_lint.config.settings import default_max_file_size
from sop_lint.findings import FILE_START, Position
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
from sop_lint.reading.suppressions import find_suppressions
from sop_lint.reading.yaml_conformance import first_violation
from sop_lint.reading.yaml_parsers import (
    MAX_DEPTH,
    PLAIN_TAG,
    Composer,
    ParseError,
    TooDeep,
    default_composer,
)

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

# A document may expand (through aliases) to at most this many values, nested at most
# MAX_DEPTH deep: far more than any real SOP needs, and small enough that an alias bomb or
# a deeply nested file is refused before anything walks it. Fixed, unlike `max-file-size`:
# no real file comes near them, so a setting would only be a way to switch them off.
MAX_VALUES = 100_000
TOO_DEEP = (
    f"values are nested more than {MAX_DEPTH} levels deep, so sop-lint stops reading the file (a fixed "
    "limit; processes and SOPs need a handful of levels): flatten the nesting"
)
TOO_MANY = (
    f"the file expands to more than {MAX_VALUES:,} values (through `*alias` references or sheer size), so "
    "sop-lint stops reading it (a fixed limit against alias bombs): split the file, or repeat fewer aliases"
)


# YAML 1.2 core schema, plus timestamps (which YAML users expect to be dates).
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCTAL = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?))?$"
)

# Parser messages are terse; these say what a non-programmer needs to fix the file.
_SYNTAX_HINTS = (
    ("cannot start any token", "a value that starts with `@`, `` ` ``, `%` or a similar character must be quoted, "
     'like `owner: "@social-team"`; if a line above opens a quote, close it'),
    ("mapping values are not allowed", "a value containing ': ' must be quoted, or a line is indented wrongly"),
    ("mapping keys are not allowed", "a value that is only `?`, or starts with `? ` or `- `, must be quoted"),
    ("expected <block end>", 'text follows a closing quote or bracket: quote the whole value, like `title: "[Draft] copy"`'),
    ("could not find expected ':'", "every line in a mapping needs a `key: value` form; check the indentation"),
    ("while scanning a quoted scalar", "a quote is opened and never closed"),
    ("found unexpected end of stream", "a quote or bracket is opened and never closed"),
    ("while parsing a flow", "a `[` or `{` is opened and never closed, or a value inside it needs quotes"),
    ("expected a single document", "a YAML file holds one document: remove the extra `---` line"),
    ("found undefined alias", "an `*alias` names an `&anchor` that does not exist"),
    ("special characters are not allowed", "the file holds an invisible control character here, often pasted in "
     "from another program: delete it"),
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
    return Syntax.MARKDOWN if os.path.splitext(relative_path)[1].lower() in MARKDOWN_SUFFIXES else Syntax.YAML


def parse_document(path: str, raw: bytes, compose: Composer | None = None, *, positions: bool = True) -> Document:
    """Parse a file's bytes. Without `positions`, the position tables are left to be built
    on first use (by parsing again): most files never need them."""
    document = Document(path=path, syntax=syntax_of(path))
    compose = compose or default_composer()
    _parse_into(document, raw, compose, record_positions=positions)
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


def _parse_into(document: Document, raw: bytes, compose: Composer, record_positions: bool) -> None:
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
    _parse_yaml(yaml_text, line_offset, document, compose, record_positions)


def _problem(message: str, position: Position, kind: LoadProblemKind = LoadProblemKind.INVALID_YAML) -> LoadProblem:
    return LoadProblem(kind=kind, message=message, position=position)


def _front_matter(text: str, document: Document) -> tuple[str, int] | None:
    """Split Markdown into front matter and body; the front matter starts on line 2."""
    lines = text.split("\n")
    if lines[0].rstrip("\r").rstrip() != "---":
        document.problems.append(
            _problem(
                "the SOP has no front matter: start the file with a `---` line, the SOP's "
                "fields (`kind: sop`, `id: ...`), and another `---` line",
                FILE_START,
                LoadProblemKind.FRONT_MATTER,
            )
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r").rstrip() in ("---", "..."):
            document.body = "\n".join(lines[index + 1 :])
            document.body_line = index + 2
            return "\n".join(lines[1:index]) + "\n", 1
    document.problems.append(
        _problem(
            "the front matter that starts on line 1 is never closed: add a `---` line after the SOP's fields",
            FILE_START,
            LoadProblemKind.FRONT_MATTER,
        )
    )
    return None


_QUOTES = ("'", '"')

# Lines that belong to a Markdown body, not to YAML: a heading or a numbered step.
_BODY_LINE = re.compile(r"^(?:#{1,6} \S|\d+\. \S)", re.MULTILINE)


def _parse_yaml(text: str, line_offset: int, document: Document, compose: Composer, record_positions: bool) -> None:
    try:
        node = compose(text)
    except TooDeep as error:
        document.problems.append(_problem(TOO_DEEP, _error_position(error, text, line_offset)[0], LoadProblemKind.LIMIT))
        return
    except ParseError as error:
        document.problems.append(_syntax_problem(error, text, line_offset, document))
        return
    except RecursionError:
        document.problems.append(_problem(TOO_DEEP, FILE_START, LoadProblemKind.LIMIT))
        return
    if node is None:
        return
    builder = _JsonBuilder(line_offset, document, record_positions)
    try:
        document.data = builder.convert(node, ())
    except _Refused as error:
        document.data = None
        document.problems.append(_problem(str(error), error.position, error.kind))
        return
    violation = first_violation(text, builder.spans_lines)
    if violation is not None:  # the parser accepted invalid YAML: what it read does not count
        document.data = None
        document.problems[:] = [_problem(f"YAML syntax error: {violation.message}", Position(violation.line + 1 + line_offset, violation.column + 1))]
        document.key_positions.clear()
        document.value_positions.clear()


def _error_position(error: ParseError, text: str, line_offset: int) -> tuple[Position, int]:
    """Where in the file a parser error is, and its character offset in `text`."""
    if error.line is not None and error.column is not None:
        line, column = error.line, error.column
        offset = _offset_of(text, line, column)
    else:
        offset = error.offset
        before = text[:offset]
        line, column = before.count("\n"), offset - (before.rfind("\n") + 1)
    return Position(line + 1 + line_offset, column + 1), offset


def _syntax_problem(error: ParseError, text: str, line_offset: int, document: Document) -> LoadProblem:
    position, offset = _error_position(error, text, line_offset)
    if text[offset : offset + 1] == "\t":
        message = "YAML syntax error: a tab where YAML allows only spaces: indent with spaces, not tabs"
    else:
        hint = next((hint for needle, hint in _SYNTAX_HINTS if needle in f"{error.context} {error.problem}"), None)
        message = f"YAML syntax error: {error.problem}" + (f": {hint}" if hint else "")
    if document.syntax is Syntax.MARKDOWN and _BODY_LINE.search(text):
        closing = document.body_line - 1
        message += f" (the front matter ends at the `---` on line {closing}: is the `---` after the SOP's fields missing?)"
    return _problem(message, position)


def _offset_of(text: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return start + column


class _Refused(Exception):
    """A document sop-lint does not turn into values: an alias cycle or a limit reached."""

    def __init__(self, message: str, position: Position, kind: LoadProblemKind = LoadProblemKind.LIMIT) -> None:
        super().__init__(message)
        self.position = position
        self.kind = kind


class _JsonBuilder:
    """Turns a node tree into JSON values, recording positions and duplicate keys.

    Nodes are read by their `id`, `tag`, `value` and `start_mark`, which both parsers
    provide. An alias is the same node as its anchor, so its value is converted once and
    shared; the expanded size is still counted, which stops alias bombs cheaply.
    """

    def __init__(self, line_offset: int, document: Document, record_positions: bool) -> None:
        self.line_offset = line_offset
        self.document = document
        self.record = record_positions
        self.values = 0
        self.converted: dict[int, object] = {}
        self.sizes: dict[int, int] = {}
        self.in_progress: set[int] = set()
        self.spans_lines = False  # a flow collection or quoted value runs over several lines

    def position(self, node: Any) -> Position:
        return Position(node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1)

    def convert(self, node: Any, path: JsonPath, depth: int = 0) -> object:
        if self.record or len(path) <= 1:  # the top level is cheap and most findings point there
            self.document.value_positions.setdefault(path, self.position(node))
        if node.id == "scalar":
            self._count(1, node)
            if node.style in _QUOTES and node.end_mark.line != node.start_mark.line:
                self.spans_lines = True
            return _scalar(node)
        if node.flow_style and node.end_mark.line != node.start_mark.line:
            self.spans_lines = True
        key = id(node)
        if key in self.converted:
            self._count(self.sizes[key], node)
            return self.converted[key]
        if key in self.in_progress:
            raise _Refused(
                "an alias refers to the value that contains it, which never ends",
                self.position(node),
                LoadProblemKind.INVALID_YAML,
            )
        if depth > MAX_DEPTH:
            raise _Refused(TOO_DEEP, self.position(node))
        before = self.values
        self.in_progress.add(key)
        if node.id == "mapping":
            value: object = self._mapping(node, path, depth)
        else:
            value = [self.convert(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        self.in_progress.discard(key)
        self._count(1, node)
        self.converted[key] = value
        self.sizes[key] = self.values - before
        return value

    def _count(self, amount: int, node: Any) -> None:
        self.values += amount
        if self.values > MAX_VALUES:
            raise _Refused(TOO_MANY, self.position(node))

    def _mapping(self, node: Any, path: JsonPath, depth: int) -> dict[str, object]:
        result: dict[str, object] = {}
        merged: list[Any] = []
        for key_node, value_node in node.value:
            if key_node.id == "scalar" and key_node.tag == PLAIN_TAG and key_node.value == "<<":
                merged.extend(_merge_sources(value_node))
                continue
            if key_node.id != "scalar":
                self.document.problems.append(
                    _problem("a key must be plain text, not a list or mapping", self.position(key_node))
                )
                continue
            key = str(key_node.value)
            if key in result:
                self.document.problems.append(
                    LoadProblem(
                        kind=LoadProblemKind.DUPLICATE_KEY,
                        message=f"the key `{key}` appears twice in the same mapping; "
                        "only the first one counts, so merge or remove the other",
                        position=self.position(key_node),
                        subject=".".join(str(part) for part in (*path, key)),
                    )
                )
                continue
            if self.record or not path:
                self.document.key_positions[(*path, key)] = self.position(key_node)
                if _is_empty(value_node):  # parsers mark an empty value at the next token
                    self.document.value_positions[(*path, key)] = self.position(key_node)
            result[key] = self.convert(value_node, (*path, key), depth + 1)
        for source in merged:
            for key_node, value_node in source.value:
                key = str(key_node.value)
                if key not in result:
                    if self.record:
                        self.document.key_positions[(*path, key)] = self.position(key_node)
                    result[key] = self.convert(value_node, (*path, key), depth + 1)
        return result


def _is_empty(node: Any) -> bool:
    return bool(node.id == "scalar" and node.tag == PLAIN_TAG and node.value == "")


def _merge_sources(node: Any) -> list[Any]:
    if node.id == "mapping":
        return [node]
    if node.id == "sequence":
        return [item for item in node.value if item.id == "mapping"]
    return []


def _scalar(node: Any) -> object:
    """Quoted and explicitly tagged scalars are text; unquoted ones are typed by YAML 1.2."""
    return resolve_plain_scalar(node.value) if node.tag == PLAIN_TAG else node.value


def resolve_plain_scalar(text: str) -> object:
    """The JSON value of an unquoted YAML scalar under YAML 1.2 core rules."""
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT.match(text):
        return int(text)
    if _OCTAL.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return _timestamp(text)


def _timestamp(text: str) -> str:
    """Dates and times as ISO 8601 strings; anything that is not a real date stays as written."""
    match = _TIMESTAMP.match(text)
    if not match:
        return text
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        moment = datetime.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second),
            int((fraction or "0")[:6].ljust(6, "0")),
        )
    except ValueError:
        return text
    iso = moment.isoformat()
    if zone == "Z" or zone == "z":
        return iso + "Z"
    if zone:
        sign, digits = zone[0], zone[1:].replace(":", "")
        hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
        return f"{iso}{sign}{int(hours):02d}:{minutes}"
    return iso
