"""Parsed and validated files, kept between runs and keyed by git blob id.

A file whose content was seen before is not parsed or validated again: its JSON data,
load problems, suppressions, body and schema verdict come from here. Positions are not
kept; the few files with findings parse again to place them.

The blob id is computed here (`sha1("blob <size>\\0" + content)`, as git does), so it
equals `git ls-files -s` for tracked files and covers modified and untracked files the
same way, with no git call. The cache lives in the repository's `.git/` folder, or
under `$XDG_CACHE_HOME` outside git. It is written whole to a temporary file and moved
into place, so concurrent runs never read half a file; it holds only plain Python
values, read back by an unpickler that refuses every class, and a checksum guards it,
so a damaged file is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sop_lint import __version__
from sop_lint.documents import (
    Document,
    LoadProblem,
    LoadProblemKind,
    Position,
    Syntax,
    Violation,
)
from sop_lint.suppressions import Suppressions

# Bump when the meaning of a cached entry changes without a version change (development).
CACHE_FORMAT = 1
_MAGIC = b"sop-lint-cache\n"
# Entries not used by the last runs are dropped beyond this many per file in the run.
_KEEP_FACTOR = 3


def blob_id(content: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


@dataclass
class Cache:
    """Entries by (blob id, syntax). `validation_key` says which schema verdicts still hold."""

    path: Path | None
    validation_key: str
    entries: dict[tuple[str, str], tuple[Any, ...]] = field(default_factory=dict)
    used: set[tuple[str, str]] = field(default_factory=set)
    changed: bool = False

    def document(self, blob: str, path: str, syntax: Syntax) -> Document | None:
        """The cached document for this content, or None."""
        entry = self.entries.get((blob, syntax.value))
        if entry is None:
            return None
        self.used.add((blob, syntax.value))
        return _document(path, syntax, entry)

    def store(self, blob: str, document: Document) -> None:
        key = (blob, document.syntax.value)
        self.entries[key] = _entry(document)
        self.used.add(key)
        self.changed = True


def cache_file(root: Path) -> Path:
    """Where the cache of the SOP root `root` lives: one file per root."""
    real_root = root.resolve()
    name = "cache-" + hashlib.sha256(str(real_root).encode()).hexdigest()[:16] + ".pickle"
    git_dir = _git_dir(real_root)
    if git_dir is not None:
        return git_dir / "sop-lint" / name
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sop-lint" / name


def _git_dir(folder: Path) -> Path | None:
    """The `.git` folder of the work tree holding `folder`, following a `.git` file
    (worktrees, submodules); found without running git, which would cost more than
    the whole warm run's parsing."""
    for candidate in (folder, *folder.parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                return (candidate / text.removeprefix("gitdir:").strip()).resolve()
    return None


def _header(validation_key: str) -> tuple[Any, ...]:
    return (CACHE_FORMAT, __version__, sys.version_info[:2], validation_key)


def open_cache(path: Path | None, validation_key: str) -> Cache:
    """The cache at `path`, or an empty one when it is missing, stale or damaged."""
    cache = Cache(path=path, validation_key=validation_key)
    if path is None:
        return cache
    try:
        raw = path.read_bytes()
        if not raw.startswith(_MAGIC):
            return cache
        digest, payload = raw[len(_MAGIC) : len(_MAGIC) + 32], raw[len(_MAGIC) + 32 :]
        if hashlib.sha256(payload).digest() != digest:
            return cache
        header, entries = _PlainUnpickler(io.BytesIO(payload)).load()
    except (OSError, pickle.UnpicklingError, ValueError, TypeError, EOFError):
        return cache
    if not isinstance(entries, dict) or tuple(header[:3]) != _header(validation_key)[:3]:
        return cache
    if header[3] != validation_key:  # schemas or required fields changed: parse results still hold
        entries = {key: (*entry[:-1], {}) for key, entry in entries.items()}
    cache.entries = entries
    return cache


def save_cache(cache: Cache, files_in_run: int) -> None:
    """Writes the cache if anything changed; a failure to write only costs speed next time."""
    if cache.path is None or not (cache.changed or len(cache.entries) > _KEEP_FACTOR * files_in_run):
        return
    entries = {key: cache.entries[key] for key in cache.used}
    for key, entry in cache.entries.items():
        if len(entries) >= _KEEP_FACTOR * max(files_in_run, 1):
            break
        entries.setdefault(key, entry)
    payload = pickle.dumps((_header(cache.validation_key), entries), protocol=pickle.HIGHEST_PROTOCOL)
    temporary: str | None = None
    try:
        cache.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache.path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as file:
            file.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, cache.path)
        temporary = None
    except OSError:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"the cache may hold plain values only, not {module}.{name}")


def _entry(document: Document) -> tuple[Any, ...]:
    return (
        document.data,
        [(p.kind.value, p.message, p.position.line, p.position.column, p.subject) for p in document.problems],
        {line: sorted(codes) for line, codes in document.suppressions.by_line.items()},
        sorted(document.suppressions.whole_file),
        document.body,
        document.body_line,
        {
            kind: [(list(v.path), v.keyword, v.message, v.at_key, v.suggestion) for v in found]
            for kind, found in document.violations.items()
        },
    )


def _document(path: str, syntax: Syntax, entry: tuple[Any, ...]) -> Document:
    data, problems, by_line, whole_file, body, body_line, violations = entry
    return Document(
        path=path,
        syntax=syntax,
        data=data,
        problems=[
            LoadProblem(LoadProblemKind(kind), message, Position(line, column), subject)
            for kind, message, line, column, subject in problems
        ],
        body=body,
        body_line=body_line,
        suppressions=Suppressions(
            by_line={line: frozenset(codes) for line, codes in by_line.items()}, whole_file=frozenset(whole_file)
        ),
        violations={
            kind: [Violation(tuple(p), keyword, message, at_key, suggestion) for p, keyword, message, at_key, suggestion in found]
            for kind, found in violations.items()
        },
    )
