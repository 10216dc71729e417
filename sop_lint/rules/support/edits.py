"""Edits of one value as the file spells it, for rules that offer a fix.

A fix names the characters it replaces; these helpers find them in the file's text,
inside a plain or quoted scalar written on one line. A value spelled otherwise (escapes,
a block or folded scalar, an alias) gets no edit: the fix is not offered rather than
guessed.
"""

from __future__ import annotations

import re

from sop_lint.findings import Edit
from sop_lint.json_schema import JsonPath
from sop_lint.reading.documents import Document
from sop_lint.reading.json_values import node_at
from sop_lint.reading.lines import lines_with_ends, offset_of, position_of

_QUOTES = ("'", '"')


def value_edit(document: Document, path: JsonPath, new: str, *, start: int = 0, old: str | None = None) -> Edit | None:
    """Replace `old` (the whole string value at `path` when None), found at `start` within
    the value, by `new`."""
    value = node_at(document.data, path)
    if not isinstance(value, str) or not document.text:
        return None
    old = value[start:] if old is None else old
    if value[start : start + len(old)] != old:
        return None
    at = document.position(path)
    offset = offset_of(document.text, at.line - 1, at.column - 1)
    if document.text[offset : offset + 1] in _QUOTES:
        offset += 1
    if document.text[offset : offset + len(value)] != value or "\n" in value or "\r" in value:
        return None
    return Edit(position_of(document.text, offset + start), old, new)


def key_edit(document: Document, path: JsonPath, new: str) -> Edit | None:
    """Rename the key at the end of `path`, written plain or quoted."""
    key = path[-1]
    if not isinstance(key, str) or not document.text:
        return None
    at = document.position(path, key=True)
    offset = offset_of(document.text, at.line - 1, at.column - 1)
    if document.text[offset : offset + 1] in _QUOTES:
        offset += 1
    if document.text[offset : offset + len(key)] != key:
        return None
    return Edit(position_of(document.text, offset), key, new)


def step_pair_edit(document: Document, key_path: JsonPath, target: str, *, in_list: bool) -> Edit | None:
    """A step written `Name: id` on one line (a list item, `- Name: id`, or an entry of a
    `steps:` mapping) as a `name:` and `sop:` pair, its comment kept on the name's line.
    `sop:` is a guess (the id may be a process's), which makes the fix unsafe."""
    name = key_path[-1]
    at = document.position(key_path, key=True)
    lines = lines_with_ends(document.text)
    if not isinstance(name, str) or at.line > len(lines):
        return None
    line = lines[at.line - 1]
    prefix, written = line[: at.column - 1], line[at.column - 1 :].rstrip("\r\n")
    match = re.fullmatch(re.escape(name) + r":[ \t]+" + re.escape(target) + r"([ \t]+#.*)?", written)
    if match is None or prefix.strip(" -") or "\r" in written:
        return None
    newline = line[len(prefix) + len(written) :] or "\n"
    if in_list:  # `  - Name: id`: the pair goes where the item's keys start
        pair = f"name: {name}{match[1] or ''}{newline}{' ' * len(prefix)}sop: {target}"
    else:  # `  Name: id` in a mapping: each becomes a list item at the entry's indentation
        pair = f"- name: {name}{match[1] or ''}{newline}{prefix}  sop: {target}"
    return Edit(at, written, pair)
