"""Edits of one value as the file spells it, for rules that offer a fix.

A fix names the characters it replaces; these helpers find them in the file's text,
inside a plain or quoted scalar written on one line. A value spelled otherwise (escapes,
a block or folded scalar, an alias) gets no edit: the fix is not offered rather than
guessed.
"""

from __future__ import annotations

from sop_lint.findings import Edit
from sop_lint.json_schema import JsonPath
from sop_lint.reading.documents import Document
from sop_lint.reading.json_values import node_at
from sop_lint.reading.lines import offset_of, position_of

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
