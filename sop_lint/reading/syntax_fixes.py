"""Fixes for syntax errors whose edit is certain: a value holding `: ` quoted, tabs in
indentation made spaces. The loader meets these errors; what it cannot parse it cannot
check against intended data, so each fix here is only offered when it can be made sure
of some other way (one quoting the value keeps; tab widths that all read alike).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sop_lint.findings import Edit, Fix, Position, Safety
from sop_lint.reading.edits import apply_edits
from sop_lint.reading.lines import split_lines
from sop_lint.reading.yaml_parsers import REREAD_BUDGET

# What `_data_of` gives for text that does not parse.
UNREADABLE = object()
# Tab widths tried: editors show a tab as 2, 4 or 8 columns.
_TAB_WIDTHS = (2, 4, 8)

# `key: value` on the line where the parser stopped, maybe as a list item (`- name: ...`),
# maybe with a comment after it: the cases whose fix is known exactly.
_KEY_VALUE = re.compile(r"^(\s*(?:-[ \t]+)*)([A-Za-z_][\w-]*):[ \t]+(.*?)(?P<comment>[ \t]*(?:[ \t]#.*)?)$")
# A comment written as one: two spaces before the `#`, or a space after it (`  # why`,
# `value # why`). `value #2 of 3` may be text its author meant as part of the value.
_PLAIN_COMMENT = re.compile(r"^(?:[ \t]{2,}#|[ \t]#(?:[ \t]|$))")


def value_hint(line: str, line_number: int, said: str) -> tuple[str, Fix | None] | None:
    """The fix for a value YAML misreads: one holding `: ` (`format: List: done, next`), or
    one that is only `-` (`tone: -`, the start of a list to YAML)."""
    match = _KEY_VALUE.match(line)
    if match is None:
        return None
    key, value = match[2], match[3]
    if "mapping values are not allowed" in said and ": " in value and value[0] not in "\"'[{":
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        edit = Edit(Position(line_number, match.start(3) + 1), value, quoted)
        comment = match["comment"]
        if not comment or _PLAIN_COMMENT.match(comment):
            fix = Fix(f"quote the value of `{key}`", Safety.SAFE, (edit,))
        else:  # YAML reads ` #...` as a comment, which its author may not have meant
            fix = Fix(f"quote the value of `{key}`, leaving `{comment.strip()}` a comment", Safety.UNSAFE, (edit,))
        return f"the value of `{key}` contains `: `: put the whole value in quotes, like `{key}: {quoted}`", fix
    if value == "-":
        return f'`-` starts a list in YAML: write the {key} itself, or put it in quotes (`{key}: "-"`)', None
    return None


def untabbed(text: str, line_offset: int, data_of: Callable[[str], object]) -> Fix | None:
    """Every tab in the indentation as spaces, when the file then parses and reads the same
    at every tab width that makes it parse: the author's structure is then not in doubt.
    It costs a parse per width, so a file longer than ruamel.yaml re-reads gets no fix (a
    late error must cost about what reading the file does: see `yaml_parsers`)."""
    if len(text) > REREAD_BUDGET:
        return None
    tabbed = [(index, indent) for index, line in enumerate(split_lines(text)) if "\t" in (indent := line[: len(line) - len(line.lstrip(" \t"))])]
    readings = []
    for width in _TAB_WIDTHS:
        edits = tuple(Edit(Position(index + 1, 1), indent, indent.expandtabs(width)) for index, indent in tabbed)
        candidate = apply_edits(text, edits)
        data = UNREADABLE if candidate is None else data_of(candidate)
        if data is not UNREADABLE:
            readings.append((width, data, edits))
    if not readings or any(data != readings[0][1] for _, data, _ in readings):
        return None
    width, _, edits = readings[0]
    moved = tuple(Edit(Position(edit.position.line + line_offset, 1), edit.old, edit.new) for edit in edits)
    return Fix(f"indent with spaces instead of tabs ({width} per tab)", Safety.SAFE, moved)
