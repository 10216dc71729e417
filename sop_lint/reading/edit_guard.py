"""The check every edit of sop-lint passes before a file is written (`check --fix`,
`rename`, `new --process`, `review`): the edited text parses, with no more problems than
before, to exactly the data intended, the data before with the edit's values set or
removed and nothing else. An edit made by position can go wrong in ways a reading of the
edited span alone does not show (a quote that now ends early, a key that now belongs to
another mapping); a parse of the whole file shows them all.

It is here, beside the parser, and not with the fixes, so that a command that edits a few
files (`rename`) does not import the linting it does not run.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from sop_lint.findings import Fix
from sop_lint.json_schema import JsonPath
from sop_lint.reading.json_values import node_at
from sop_lint.reading.loader import parse_document


def parses_to(path: str, text: str, intended: object, problems: int = 0) -> bool:
    """Whether `text` (edited) parses with at most `problems` problems and to exactly
    `intended`: the guard every edit of sop-lint's passes before a file is written."""
    after = parse_document(path, text.encode("utf-8"), positions=False)  # only its data and problems are compared
    return len(after.problems) <= problems and after.data is not None and after.data == intended


def intended_data(data: object, fixes: Iterable[Fix]) -> object:
    """A copy of `data` with each fix's `removes` and `sets` made: what the file must hold
    once the fixes' edits are made."""
    intended = copy.deepcopy(data)
    for fix in fixes:
        for removed in fix.removes:
            _remove(intended, removed)
        for path_, value in fix.sets:
            _set(intended, path_, value)
    return intended


def _set(data: object, path: JsonPath, value: object) -> None:
    parent = node_at(data, path[:-1])
    if isinstance(parent, dict) or (isinstance(parent, list) and isinstance(path[-1], int) and path[-1] < len(parent)):
        parent[path[-1]] = value  # type: ignore[index]


def _remove(data: object, path: JsonPath) -> None:
    parent = node_at(data, path[:-1])
    if isinstance(parent, dict):
        parent.pop(path[-1], None)
