"""What was learnt of each file, kept between runs and keyed by git blob id.

A file whose content was seen before (at the same path, as the same kind, under the
same schemas and settings) is not parsed, validated or checked again: its summary for
the repository model, the findings of the file rules and its suppressions come from
here. Repository rules still run every time. Storage is `sop_lint.plain_store`; an entry
that is not in the shape this module writes (a forged file) is a miss, never an error.

The blob id is computed here (`sha1("blob <size>\\0" + content)`, as git does, or SHA-256
in a repository of that object format), so it equals `git ls-files -s` for tracked files
and covers modified and untracked files the same way, with no git call. The cache lives
in the state folder (see `sop_lint.engine.state`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sop_lint import __version__
from sop_lint.findings import Edit, Fix, Position, Problem, Safety
from sop_lint.git.location import object_id
from sop_lint.kinds import Kind
from sop_lint.model.summary import FileSummary, ReviewFields, Step
from sop_lint.model.tool_mentions import ToolUse
from sop_lint.plain_store import load_plain, save_plain
from sop_lint.reading.suppressions import NO_SUPPRESSIONS, Suppressions

# Bump when the meaning of a cached entry changes without a version change (development).
CACHE_FORMAT = 21
# Entries not used by the last runs are dropped beyond this many per file in the run.
_KEEP_FACTOR = 3
# The cache is kept in this many files, by the first hex digit of the blob id, so that a
# run that learnt one file rewrites a sixteenth of it (writing all of it cost a pre-commit
# run more than checking the changed file).
_SHARDS = 16


def blob_id(content: bytes, object_format: str) -> str:
    """`object_format` is the repository's (see `git.location.object_format`): the ids of
    the two formats differ in length, so they never meet in the cache."""
    return object_id("blob", content, object_format)


CacheKey = tuple[str, str, str]  # path, kind the location suggests, blob id


@dataclass(frozen=True, slots=True)
class CachedFile:
    summary: FileSummary
    problems: list[tuple[str, Problem]]  # (rule code, problem)
    suppressions: Suppressions


@dataclass
class Cache:
    """Entries by (path, expected kind, blob id). `results_key` names the schemas and
    settings the entries were computed under; other entries are not loaded. `path` is a
    folder of shard files.

    Entries are kept as stored, by `_text_key` (one JSON object per shard, read with no
    Python loop), and checked when used."""

    path: Path | None
    results_key: str
    entries: dict[str, Any] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    changed_shards: set[int] = field(default_factory=set)

    def get(self, key: CacheKey) -> CachedFile | None:
        text_key = _text_key(key)
        entry = self.entries.get(text_key)
        if entry is None:
            return None
        cached = _decode(key[0], entry)
        if cached is not None:
            self.used.add(text_key)
        return cached

    def put(self, key: CacheKey, cached: CachedFile) -> None:
        text_key = _text_key(key)
        self.entries[text_key] = _encode(cached)
        self.used.add(text_key)
        self.changed_shards.add(_HEX_SHARD[text_key[0]])


def _text_key(key: CacheKey) -> str:
    """Blob id, kind and path, apart by NUL (which no path holds); the blob id's first digit
    names the shard."""
    path, kind, blob = key
    return f"{blob}\0{kind}\0{path}"


_HEX_SHARD = {digit: int(digit, 16) % _SHARDS for digit in "0123456789abcdef"}


def _header(results_key: str) -> tuple[Any, ...]:
    return (CACHE_FORMAT, __version__, tuple(sys.version_info[:2]), results_key)


def open_cache(path: Path | None, results_key: str) -> Cache:
    """The cache at `path`, without the shards that are missing, stale or damaged."""
    cache = Cache(path=path, results_key=results_key)
    if path is not None:
        for shard in range(_SHARDS):
            entries = load_plain(path / f"{shard:x}.pickle", _header(results_key))  # the name of old, pickled shards: overwritten
            if type(entries) is dict:  # a forged key is never asked for: dropped in time, as unused entries are
                cache.entries.update(entries)
    return cache


def save_cache(cache: Cache, files_in_run: int) -> None:
    """Writes the shards that changed, keeping what this run used and, up to a bound, what
    earlier runs did; a failure to write only costs speed next time."""
    if cache.path is None:
        return
    crowded = len(cache.entries) > _KEEP_FACTOR * max(files_in_run, 1)
    shards = set(range(_SHARDS)) if crowded else cache.changed_shards
    for shard in shards:
        keys = [key for key in cache.entries if _HEX_SHARD.get(key[:1]) == shard]
        used = [key for key in keys if key in cache.used]
        kept = used + [key for key in keys if key not in cache.used][: (_KEEP_FACTOR - 1) * max(len(used), 1)]
        save_plain(cache.path / f"{shard:x}.pickle", _header(cache.results_key), {key: cache.entries[key] for key in kept})


def _encode(cached: CachedFile) -> list[Any]:
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
        [[code, p.position.line, p.position.column, p.message, p.subject, _encode_fix(p.fix)] for code, p in cached.problems],
        [[line, sorted(codes)] for line, codes in cached.suppressions.by_line.items()],
        sorted(cached.suppressions.whole_file),
    ]


# A lookup, not `Kind(kind)`: the enum's call costs a twelfth of a warm run's decoding.
_KINDS = {kind.value: kind for kind in Kind}
_LIMIT = 1 << 31  # lines, columns and step numbers are counts below this
_TEXT, _OPTIONAL_TEXT, _COUNT = frozenset({str}), frozenset({str, type(None)}), frozenset({int})


def _decode(path: str, entry: Any) -> CachedFile | None:
    """The entry `_encode` gave, or None for anything else (a forged or foreign file: the
    store's checksum proves only that it was written whole). Every value is checked as it
    is rebuilt, so that nothing odd reaches the rules or the reports; the tests are written
    out, as a warm run makes them for every file."""
    try:
        summary_fields, problems, by_line, whole_file = entry
        (kind, identifier, readable, title, trigger, outcome, steps, lists_steps, review, anchors, tools, standalone,
         account, tool, owner) = summary_fields
        if not (
            type(kind) is str and kind in _KINDS and type(readable) is bool and type(lists_steps) is bool and type(standalone) is bool
            and type(identifier) in _OPTIONAL_TEXT and type(title) in _OPTIONAL_TEXT
            and type(trigger) in _OPTIONAL_TEXT and type(outcome) in _OPTIONAL_TEXT and type(account) in _OPTIONAL_TEXT
            and type(tool) in _OPTIONAL_TEXT and type(owner) in _OPTIONAL_TEXT
            and type(steps) is list and type(anchors) is list and type(problems) is list and type(by_line) is list
            and type(whole_file) is list and (not whole_file or {*map(type, whole_file)} <= _TEXT)
            and (review is None or (type(review) is list and len(review) == 3 and type(review[0]) in _OPTIONAL_TEXT
                                    and type(review[1]) in _OPTIONAL_TEXT and type(review[2]) in _OPTIONAL_TEXT))
            and (tools is None or _is_tool_use(tools))
        ):
            return None
        summary = FileSummary(
            _KINDS[kind],
            identifier,
            readable,
            title,
            trigger,
            outcome,
            tuple(
                Step(index, name, sop, process)
                for index, name, sop, process in steps
                if type(index) is int and 0 <= index < _LIMIT
                and type(name) in _OPTIONAL_TEXT and type(sop) in _OPTIONAL_TEXT and type(process) in _OPTIONAL_TEXT
            ),
            lists_steps,
            None if review is None else ReviewFields(*review),
            tuple(
                (key, line, column)
                for key, line, column in anchors
                if type(key) is str and type(line) is int and type(column) is int and 0 <= line < _LIMIT and 0 <= column < _LIMIT
            ),
            None if tools is None else ToolUse(tools[0], tools[1], tuple(tools[2])),
            standalone,
            account,
            tool,
            owner,
        )
        found = [
            (code, Problem(path, Position(line, column), message, subject, _decode_fix(stored_fix)))
            for code, line, column, message, subject, stored_fix in problems
            if type(code) is str and type(line) is int and type(column) is int and 0 <= line < _LIMIT and 0 <= column < _LIMIT
            and type(message) is str and type(subject) is str
        ]
        lines = {
            line: frozenset(codes)
            for line, codes in by_line
            if type(line) is int and 0 <= line < _LIMIT and type(codes) is list and {*map(type, codes)} <= _TEXT
        }
    except (TypeError, ValueError):  # a value of the wrong type or length where one is unpacked
        return None
    if (len(summary.steps), len(summary.anchors), len(found), len(lines)) != (len(steps), len(anchors), len(problems), len(by_line)):
        return None  # an item was left out above: not what `_encode` wrote
    suppressions = Suppressions(by_line=lines, whole_file=frozenset(whole_file)) if lines or whole_file else NO_SUPPRESSIONS
    return CachedFile(summary=summary, problems=found, suppressions=suppressions)


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
    """(tool, mentioned, [text, line, column, text, line, column, ...]), as `_encode` writes it."""
    if type(stored) is not list or len(stored) != 3:
        return False
    tool, mentioned, runs = stored
    if type(tool) is not str or type(mentioned) is not bool or type(runs) is not list:
        return False
    if not runs:  # most SOPs
        return True
    numbers = runs[1::3] + runs[2::3]
    return len(runs) % 3 == 0 and {*map(type, runs[0::3])} <= _TEXT and {*map(type, numbers)} <= _COUNT and 0 <= min(numbers) <= max(numbers) < _LIMIT
