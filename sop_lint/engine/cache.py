"""What was learnt of each file, kept between runs and keyed by git blob id.

A file whose content was seen before (at the same path, as the same kind, under the
same schemas and settings) is not parsed, validated or checked again: its summary for
the repository model, the findings of the file rules and its suppressions come from
here. Repository rules still run every time. Storage is `sop_lint.plain_store`.

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
from sop_lint.findings import Position, Problem
from sop_lint.git.location import object_id
from sop_lint.kinds import Kind
from sop_lint.model.summary import FileSummary, ReviewFields, Step
from sop_lint.model.tool_mentions import ToolUse
from sop_lint.plain_store import load_plain, save_plain
from sop_lint.reading.suppressions import NO_SUPPRESSIONS, Suppressions

# Bump when the meaning of a cached entry changes without a version change (development).
CACHE_FORMAT = 14
_MAGIC = b"sop-lint-cache\n"
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
    folder of shard files."""

    path: Path | None
    results_key: str
    entries: dict[CacheKey, tuple[Any, ...]] = field(default_factory=dict)
    used: set[CacheKey] = field(default_factory=set)
    changed_shards: set[int] = field(default_factory=set)

    def get(self, key: CacheKey) -> CachedFile | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        self.used.add(key)
        return _decode(key[0], entry)

    def put(self, key: CacheKey, cached: CachedFile) -> None:
        self.entries[key] = _encode(cached)
        self.used.add(key)
        self.changed_shards.add(_shard(key))


def _shard(key: CacheKey) -> int:
    return int(key[2][0], 16) % _SHARDS


def _header(results_key: str) -> tuple[Any, ...]:
    return (CACHE_FORMAT, __version__, tuple(sys.version_info[:2]), results_key)


def open_cache(path: Path | None, results_key: str) -> Cache:
    """The cache at `path`, without the shards that are missing, stale or damaged."""
    cache = Cache(path=path, results_key=results_key)
    if path is not None:
        for shard in range(_SHARDS):
            entries = load_plain(path / f"{shard:x}.pickle", _header(results_key))
            if isinstance(entries, dict):
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
        keys = [key for key in cache.entries if _shard(key) == shard]
        used = [key for key in keys if key in cache.used]
        kept = used + [key for key in keys if key not in cache.used][: (_KEEP_FACTOR - 1) * max(len(used), 1)]
        save_plain(cache.path / f"{shard:x}.pickle", _header(cache.results_key), {key: cache.entries[key] for key in kept})


def _encode(cached: CachedFile) -> tuple[Any, ...]:
    summary = cached.summary
    return (
        (
            summary.kind.value,  # plain values only: the store refuses every class
            summary.id,
            summary.readable,
            summary.title,
            summary.trigger,
            summary.outcome,
            [(step.index, step.name, step.sop, step.process) for step in summary.steps],
            summary.lists_steps,
            None if summary.review is None else (summary.review.owner, summary.review.review_every, summary.review.last_reviewed),
            [list(anchor) for anchor in summary.anchors],
            None if summary.tool_use is None else (summary.tool_use.tool, summary.tool_use.mentioned, list(summary.tool_use.runs)),
        ),
        [
            (code, p.position.line, p.position.column, p.message, p.subject)
            for code, p in cached.problems
        ],
        {line: sorted(codes) for line, codes in cached.suppressions.by_line.items()},
        sorted(cached.suppressions.whole_file),
    )


# A lookup, not `Kind(kind)`: the enum's call costs a twelfth of a warm run's decoding.
_KINDS = {kind.value: kind for kind in Kind}


def _decode(path: str, entry: tuple[Any, ...]) -> CachedFile:
    (kind, identifier, readable, title, trigger, outcome, steps, lists_steps, review, anchors, tools), problems, by_line, whole_file = entry
    return CachedFile(
        summary=FileSummary(
            _KINDS[kind],
            identifier,
            readable,
            title,
            trigger,
            outcome,
            tuple(Step(*step) for step in steps),
            lists_steps,
            review and ReviewFields(*review),
            tuple((key, line, column) for key, line, column in anchors),
            tools and ToolUse(tools[0], tools[1], tuple(tools[2])),
        ),
        problems=[
            (code, Problem(path, Position(line, column), message, subject))
            for code, line, column, message, subject in problems
        ],
        suppressions=Suppressions(
            by_line={line: frozenset(codes) for line, codes in by_line.items()}, whole_file=frozenset(whole_file)
        )
        if by_line or whole_file
        else NO_SUPPRESSIONS,
    )
