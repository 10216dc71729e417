"""The cache's entries: what is kept of one file, as plain values, and checked when read.

An entry holds the file's summary for the repository model, the findings of the file
rules and its suppressions (see `engine.cache`). It is stored as JSON, which anyone who
can write the cache folder can forge: `decode` rebuilds an entry only when every value
has the type and bounds `encode` gives it, and reads anything else as a miss.
"""

from __future__ import annotations

import itertools
from typing import Any, NamedTuple

from sop_lint.findings import Edit, Fix, Position, Problem, Safety
from sop_lint.kinds import Kind
from sop_lint.model.summary import FileSummary, ReviewFields, Step
from sop_lint.model.tool_mentions import ToolUse
from sop_lint.reading.suppressions import NO_SUPPRESSIONS, Suppressions


class CachedFile(NamedTuple):
    summary: FileSummary
    problems: list[tuple[str, Problem]]  # (rule code, problem)
    suppressions: Suppressions


def encode(cached: CachedFile) -> list[Any]:
    summary = cached.summary
    return [
        [
            summary.kind.value,  # plain values only: the store keeps JSON
            summary.id,
            summary.readable,
            summary.title,
            summary.trigger,
            summary.outcome,
            [[step.index, step.name, step.sop, step.process] for step in summary.steps],
            summary.lists_steps,
            None if summary.review is None else list(summary.review),
            [list(anchor) for anchor in summary.anchors],
            None if summary.tool_use is None else [summary.tool_use.tool, summary.tool_use.mentioned, list(summary.tool_use.runs)],
            summary.standalone,
            summary.account,
            summary.tool,
            summary.owner,
        ],
        [encode_problem(code, problem) for code, problem in cached.problems],
        *encode_suppressions(cached.suppressions),
    ]


def encode_problem(code: str, problem: Problem) -> list[Any]:
    """A rule's problem as plain values (its path is where it is kept)."""
    return [code, problem.position.line, problem.position.column, problem.message, problem.subject, _encode_fix(problem.fix)]


def encode_suppressions(suppressions: Suppressions) -> tuple[list[Any], list[str]]:
    return [[line, sorted(codes)] for line, codes in suppressions.by_line.items()], sorted(suppressions.whole_file)


# A lookup, not `Kind(kind)`: the enum's call costs a twelfth of a warm run's decoding.
_KINDS = {kind.value: kind for kind in Kind}
_LIMIT = 1 << 31  # lines, columns and step numbers are counts below this
_TEXT, _COUNT = frozenset({str}), frozenset({int})
# The types each stored tuple may hold, one lookup per tuple (type checks one by one were
# most of a warm run's decoding): text or null where a value may be missing.
_MAYBE = (str, type(None))
_SUMMARY_TYPES = frozenset(
    (str, i, bool, t, tr, o, list, bool, list, bool, a, tl, ow) for i, t, tr, o, a, tl, ow in itertools.product(_MAYBE, repeat=7)
)
_STEP_TYPES = frozenset((int, *names) for names in itertools.product(_MAYBE, repeat=3))
_REVIEW_TYPES = frozenset(itertools.product(_MAYBE, repeat=3))
_ANCHOR_TYPES = (str, int, int)
_PROBLEM_TYPES = (str, int, int, str, str)


def decode(path: str, entry: Any, with_problems: bool) -> CachedFile | None:
    """The entry `encode` gave, or None for anything else (a forged or foreign file: the
    store's checksum proves only that it was written whole). Every value is checked as it
    is rebuilt (a wrong one raises ValueError or TypeError), so that nothing odd reaches
    the rules or the reports."""
    try:
        summary_fields, problems, by_line, whole_file = entry
        (kind, identifier, readable, title, trigger, outcome, steps, lists_steps, review, anchors, tools, standalone,
         account, tool, owner) = summary_fields
        types = (type(kind), type(identifier), type(readable), type(title), type(trigger), type(outcome), type(steps))
        more = (type(lists_steps), type(anchors), type(standalone), type(account), type(tool), type(owner))
        if (
            (*types, *more) not in _SUMMARY_TYPES or kind not in _KINDS
            or type(problems) is not list
            or (review is not None and (type(review) is not list or tuple(map(type, review)) not in _REVIEW_TYPES))
            or (tools is not None and not _is_tool_use(tools))
        ):
            return None
        summary = FileSummary(
            _KINDS[kind],
            identifier,
            readable,
            title,
            trigger,
            outcome,
            tuple(map(_step, steps)),
            lists_steps,
            None if review is None else ReviewFields(*review),
            tuple(map(_anchor, anchors)),
            None if tools is None else ToolUse(tools[0], tools[1], tuple(tools[2])),
            standalone,
            account,
            tool,
            owner,
        )
        found = [decode_problem(path, stored) for stored in problems] if with_problems else []
        suppressions = decode_suppressions(by_line, whole_file)
    except (TypeError, ValueError):  # a value of the wrong type or length where one is unpacked
        return None
    return CachedFile(summary=summary, problems=found, suppressions=suppressions)


def decode_suppressions(by_line: Any, whole_file: Any) -> Suppressions:
    """What `encode_suppressions` gave; anything else is a TypeError or ValueError."""
    if type(by_line) is not list or type(whole_file) is not list or not {*map(type, whole_file)} <= _TEXT:
        raise ValueError("not suppressions")
    lines = dict(map(_suppressed, by_line))
    if len(lines) != len(by_line):
        raise ValueError("a line twice: not what `encode_suppressions` wrote")
    return Suppressions(by_line=lines, whole_file=frozenset(whole_file)) if lines or whole_file else NO_SUPPRESSIONS


def _step(stored: Any) -> Step:
    index, name, sop, process = stored
    if (type(index), type(name), type(sop), type(process)) not in _STEP_TYPES or not 0 <= index < _LIMIT:
        raise ValueError("not a step")
    return Step(index, name, sop, process)


def _anchor(stored: Any) -> tuple[str, int, int]:
    key, line, column = stored
    if (type(key), type(line), type(column)) != _ANCHOR_TYPES or not (0 <= line < _LIMIT and 0 <= column < _LIMIT):
        raise ValueError("not an anchor")
    return key, line, column


def decode_problem(path: str, stored: Any) -> tuple[str, Problem]:
    """What `encode_problem` gave, for the file at `path`; anything else is a TypeError or
    ValueError."""
    code, line, column, message, subject, fix = stored
    if (type(code), type(line), type(column), type(message), type(subject)) != _PROBLEM_TYPES or not (
        0 <= line < _LIMIT and 0 <= column < _LIMIT
    ):
        raise ValueError("not a problem")
    return code, Problem(path, Position(line, column), message, subject, _decode_fix(fix))


def _suppressed(stored: Any) -> tuple[int, frozenset[str]]:
    line, codes = stored
    if type(line) is not int or not 0 <= line < _LIMIT or type(codes) is not list or not {*map(type, codes)} <= _TEXT:
        raise ValueError("not a suppression")
    return line, frozenset(codes)


def _encode_fix(fix: Fix | None) -> list[Any] | None:
    if fix is None:
        return None
    edits = [[edit.position.line, edit.position.column, edit.old, edit.new] for edit in fix.edits]
    return [fix.title, fix.safety.value, edits, [[list(path), value] for path, value in fix.sets], [list(path) for path in fix.removes]]


_SAFETIES = {safety.value: safety for safety in Safety}


def _decode_fix(stored: Any) -> Fix | None:
    """The fix `_encode_fix` wrote, or None for none; anything else is a ValueError, which
    makes the entry a miss. A value in `sets` is whatever JSON the file held there."""
    if stored is None:
        return None
    title, safety, edits, sets, removes = stored
    paths = [path for path, _ in sets] + removes
    if not (
        type(title) is str and type(safety) is str and safety in _SAFETIES
        and all(type(path) is list and {*map(type, path)} <= {str, int} for path in paths)
        and all(type(line) is int and type(column) is int and 0 < line < _LIMIT and 0 < column < _LIMIT
                and type(old) is str and type(new) is str for line, column, old, new in edits)
    ):
        raise ValueError("not a fix")
    return Fix(
        title,
        _SAFETIES[safety],
        tuple(Edit(Position(line, column), old, new) for line, column, old, new in edits),
        tuple((tuple(path), value) for path, value in sets),
        tuple(tuple(path) for path in removes),
    )


def _is_tool_use(stored: Any) -> bool:
    """(tool, mentioned, [text, line, column, text, line, column, ...]), as `encode` writes it."""
    if type(stored) is not list or len(stored) != 3:
        return False
    tool, mentioned, runs = stored
    if type(tool) is not str or type(mentioned) is not bool or type(runs) is not list:
        return False
    if not runs:  # most SOPs
        return True
    numbers = runs[1::3] + runs[2::3]
    return len(runs) % 3 == 0 and {*map(type, runs[0::3])} <= _TEXT and {*map(type, numbers)} <= _COUNT and 0 <= min(numbers) <= max(numbers) < _LIMIT
