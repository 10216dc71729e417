"""YAML nodes to JSON values, with YAML 1.2 rules for unquoted scalars and a position for
every key and value.

The loader composes a node tree with either parser and this module turns it into plain
values itself, so that what the schema sees does not depend on the parser (`on` stays a
string, dates become ISO strings). It also counts what an alias expands to and how deep
values nest, refusing alias bombs and deep nesting before anything walks them."""

from __future__ import annotations

import re
from typing import Any

from sop_lint.findings import SURROGATE, Edit, Fix, Position, Safety
from sop_lint.json_schema import JsonPath
from sop_lint.reading.documents import Document, LoadProblem, LoadProblemKind
from sop_lint.reading.lines import offset_of, position_of
from sop_lint.reading.plain_scalars import TOO_LONG_NUMBER, NumberTooLong, resolve_plain_scalar
from sop_lint.reading.yaml_parsers import MAX_DEPTH, PLAIN_TAG

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



_QUOTES = ("'", '"')
# What may follow a value on its line for the line to hold that entry alone.
_REST_OF_LINE = re.compile(r"[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n|\Z)")



class Refused(Exception):
    """A document sop-lint does not turn into values: an alias cycle or a limit reached."""

    def __init__(self, message: str, position: Position, kind: LoadProblemKind = LoadProblemKind.LIMIT) -> None:
        super().__init__(message)
        self.position = position
        self.kind = kind



class JsonBuilder:
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
            try:
                return _scalar(node)
            except NumberTooLong:
                raise Refused(TOO_LONG_NUMBER, self.position(node)) from None
        if node.flow_style and node.end_mark.line != node.start_mark.line:
            self.spans_lines = True
        key = id(node)
        if key in self.converted:
            self._count(self.sizes[key], node)
            return self.converted[key]
        if key in self.in_progress:
            raise Refused(
                "an alias refers to the value that contains it, which never ends",
                self.position(node),
                LoadProblemKind.INVALID_YAML,
            )
        if depth > MAX_DEPTH:
            raise Refused(TOO_DEEP, self.position(node))
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

    def _dropped(self, key: str, key_node: Any, value_node: Any) -> Fix | None:
        """The lines of a second `key: value` whose value equals the first's, deleted:
        nothing the file means changes. Only when they hold that entry alone."""
        text = self.document.text
        start = offset_of(text, key_node.start_mark.line + self.line_offset, 0)
        end = offset_of(text, value_node.end_mark.line + self.line_offset, value_node.end_mark.column)
        before, after = text[start : offset_of(text, key_node.start_mark.line + self.line_offset, key_node.start_mark.column)], text[end:]
        rest = _REST_OF_LINE.match(after)
        if before.strip(" ") or rest is None:
            return None
        old = text[start : end + rest.end()]
        return Fix(f"delete the second `{key}`, which repeats the first", Safety.SAFE, (Edit(position_of(text, start), old, ""),))

    def _count(self, amount: int, node: Any) -> None:
        self.values += amount
        if self.values > MAX_VALUES:
            raise Refused(TOO_MANY, self.position(node))

    def _mapping(self, node: Any, path: JsonPath, depth: int) -> dict[str, object]:
        result: dict[str, object] = {}
        merged: list[Any] = []
        for key_node, value_node in node.value:
            if key_node.id == "scalar" and key_node.tag == PLAIN_TAG and key_node.value == "<<":
                merged.extend(_merge_sources(value_node))
                continue
            if key_node.id != "scalar":
                self.document.problems.append(
                    LoadProblem(LoadProblemKind.INVALID_YAML, "a key must be plain text, not a list or mapping", self.position(key_node))
                )
                continue
            key = _text(str(key_node.value))
            if key in result:
                same = self.convert(value_node, (*path, key), depth + 1) == result[key]
                self.document.problems.append(
                    LoadProblem(
                        kind=LoadProblemKind.DUPLICATE_KEY,
                        message=f"the key `{key}` appears twice in the same mapping; "
                        "only the first one counts, so merge or remove the other",
                        position=self.position(key_node),
                        subject=".".join(str(part) for part in (*path, key)),
                        fix=self._dropped(key, key_node, value_node) if same else None,
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
                key = _text(str(key_node.value))
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
    return resolve_plain_scalar(node.value) if node.tag == PLAIN_TAG else _text(node.value)



def _text(text: str) -> str:
    """A pair of `\\u` escapes that spell one character in UTF-16 (`"\\ud83d\\ude00"`)
    is that character, as in JSON, which YAML 1.2 reads; a lone surrogate stays one,
    and every output shows it as an escape."""
    if not SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def node_at(data: object, path: JsonPath, default: object = None) -> object:
    """The value at `path` in plain JSON data, or `default` where there is none."""
    for part in path:
        if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
            continue
        if not isinstance(data, dict) or part not in data:
            return default
        data = data[part]
    return data
