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

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sop_lint import __version__
from sop_lint.engine.cache_entries import CachedFile, decode, encode
from sop_lint.git.location import object_id
from sop_lint.plain_store import load_plain, save_plain

# Bump when the meaning of a cached entry changes without a version change (development).
CACHE_FORMAT = 22
# Entries not used by the last runs are dropped beyond this many per file in the run.
_KEEP_FACTOR = 3
# The cache is kept in this many files, by the first two hex digits of the blob id, so that
# the pre-commit hook, which asks for a few files, reads and rewrites a few small ones
# (writing all of it cost the hook more than checking the changed file). On 12,000 files:
# with 16 shards, reading the hook's two took 12 ms of its run; with 256, a whole warm run
# read them all 60 to 90 ms slower; with 64, 3 ms and no measurable loss.
_SHARDS = 64


def blob_id(content: bytes, object_format: str) -> str:
    """`object_format` is the repository's (see `git.location.object_format`): the ids of
    the two formats differ in length, so they never meet in the cache."""
    return object_id("blob", content, object_format)


CacheKey = tuple[str, str, str]  # path, kind the location suggests, blob id


@dataclass
class Cache:
    """Entries by (path, expected kind, blob id). `results_key` names the schemas and
    settings the entries were computed under; other entries are not loaded. `path` is a
    folder of shard files.

    Entries are kept as stored, by `_text_key` (one JSON object per shard, read with no
    Python loop), and checked when used. A shard is read when an entry of it is first
    asked for or added: the pre-commit hook asks for a few files, whose entries are in a
    few shards."""

    path: Path | None
    results_key: str
    entries: dict[str, Any] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    changed_shards: set[int] = field(default_factory=set)
    read_shards: set[int] = field(default_factory=set)

    def get(self, key: CacheKey, with_problems: bool = True) -> CachedFile | None:
        """Without `with_problems`, the entry's problems are neither checked nor decoded, and
        the file comes with none."""
        text_key = _text_key(key)
        self._read(_shard_of(text_key))
        entry = self.entries.get(text_key)
        if entry is None:
            return None
        cached = decode(key[0], entry, with_problems)
        if cached is not None:
            self.used.add(text_key)
        return cached

    def put(self, key: CacheKey, cached: CachedFile) -> None:
        text_key = _text_key(key)
        shard = _shard_of(text_key)
        self._read(shard)  # what it holds is kept when it is written again
        self.entries[text_key] = encode(cached)
        self.used.add(text_key)
        self.changed_shards.add(shard)

    def _read(self, shard: int) -> None:
        if shard in self.read_shards:
            return
        self.read_shards.add(shard)
        if self.path is not None:
            entries = load_plain(_shard_path(self.path, shard), _header(self.results_key))
            if type(entries) is dict:  # a forged key is never asked for: dropped in time, as unused entries are
                for text_key, entry in entries.items():
                    self.entries.setdefault(text_key, entry)  # an entry this run made is newer


def _text_key(key: CacheKey) -> str:
    """Blob id, kind and path, apart by NUL (which no path holds); the blob id's first digit
    names the shard."""
    path, kind, blob = key
    return f"{blob}\0{kind}\0{path}"


def _shard_of(text_key: str) -> int:
    """The shard of an entry: the first two hex digits of its blob id (a key that does not
    start with them, which only a forged file holds, goes to the first)."""
    try:
        return int(text_key[:2], 16) % _SHARDS
    except ValueError:
        return 0


def _shard_name(shard: int) -> str:
    return f"{shard:02x}.pickle"  # `.pickle`: the name of old, pickled shards, which these overwrite


def _shard_path(folder: Path, shard: int) -> Path:
    return folder / _shard_name(shard)


_SHARD_NAMES = frozenset(map(_shard_name, range(_SHARDS)))


def _header(results_key: str) -> tuple[Any, ...]:
    return (CACHE_FORMAT, __version__, tuple(sys.version_info[:2]), results_key)


# The caches opened inside `opened_once`, by folder and results key.
_opened: dict[tuple[Path, str], Cache] | None = None


@contextlib.contextmanager
def opened_once() -> Iterator[None]:
    """Within, a cache is read from disk once and then shared: the pre-commit hook looks
    at the changed files on their own, then at the whole root, and reading 12,000 entries
    twice cost more than either look."""
    global _opened
    _opened = {}
    try:
        yield
    finally:
        _opened = None


def open_cache(path: Path | None, results_key: str) -> Cache:
    """The cache at `path`; shards that are missing, stale or damaged read as empty."""
    if _opened is not None and path is not None:
        if (path, results_key) not in _opened:
            _opened[path, results_key] = Cache(path, results_key)
        return _opened[path, results_key]
    return Cache(path, results_key)


def save_cache(cache: Cache, files_in_run: int | None) -> None:
    """Writes the shards that changed, keeping what this run used and, up to a bound, what
    earlier runs did; a failure to write only costs speed next time. `files_in_run` None
    keeps every entry: the run looked at a few files of a larger whole (the pre-commit
    hook's look at the files a commit changes)."""
    if cache.path is None:
        return
    if files_in_run is not None:  # a whole run weighs every shard
        for shard in range(_SHARDS):
            cache._read(shard)
        _drop_other_files(cache.path)
    crowded = files_in_run is not None and len(cache.entries) > _KEEP_FACTOR * max(files_in_run, 1)
    shards = set(range(_SHARDS)) if crowded else cache.changed_shards
    by_shard: dict[int, list[str]] = {}
    for key in cache.entries:
        by_shard.setdefault(_shard_of(key), []).append(key)
    for shard in shards:
        keys = by_shard.get(shard, [])
        used = [key for key in keys if key in cache.used]
        unused = [key for key in keys if key not in cache.used]
        kept = used + (unused if files_in_run is None else unused[: (_KEEP_FACTOR - 1) * max(len(used), 1)])
        save_plain(_shard_path(cache.path, shard), _header(cache.results_key), {key: cache.entries[key] for key in kept})
    cache.changed_shards.clear()


def _drop_other_files(folder: Path) -> None:
    """Removes the shards of an earlier layout (`0.pickle` of 16 shards) from the cache's
    folder, which they would fill for ever (5.7 MB for 12,000 files)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.endswith(".pickle") and entry.name not in _SHARD_NAMES:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
