"""What the repository rules last said of a whole tree, so that a run reporting on a few
files need not ask them again (see `engine.vouching` for when it may skip them).

A run that checks every file (`check`, or the hook when it cannot be vouched for) records
the blob id of each file and the files the repository rules had a problem with
(`judged`, before suppressions and severities); a run vouched for keeps the record up
to date with the files it compared.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sop_lint import __version__
from sop_lint.config.settings import Config
from sop_lint.engine.cache import CACHE_FORMAT
from sop_lint.engine.cache_entries import encode_problem, encode_suppressions
from sop_lint.engine.file_checks import CheckedFile, results_key
from sop_lint.engine.sources import Signature, Source
from sop_lint.findings import Problem
from sop_lint.git.staged_index import StagedIndex
from sop_lint.plain_store import load_plain, save_plain
from sop_lint.reading.discovery import SourceFile, any_ours


@dataclass(frozen=True)
class LinkRecord:
    """`blobs` by path of every process and SOP file (empty for one that cannot be read);
    `judged` the files the repository rules `codes` had a problem with, at the moment `at`.
    A `complete` record also keeps, for each file with any, the problems of every rule it
    ran (file rules and `codes`) and its suppressions, as the cache stores them, so that a
    whole run it vouches for reads nothing else; `elsewhere` is then the digest of the
    paths where a step's missing target was looked for (see `model.elsewhere`), when one
    was, for the advice that names them. `signatures` are those of the files on disk (see
    `Source.signatures`), taken after `read_from` (ns since the epoch): a later run takes
    the recorded blob id of a file with the same signature, unless it was changed too
    close to that moment to be told apart.

    A record of the index made on a `base` commit (the pre-commit hook's, see
    `git.staged_index`) keeps in `blobs` only the files whose blob differs from that
    commit's, all of them modified: it is read and written at the cost of the change,
    and vouches for the index only.

    The record is JSON in a checked store (see `plain_store`); its problems are checked
    as the cache's are, when they are used."""

    at: datetime
    codes: frozenset[str]
    blobs: dict[str, str]
    judged: frozenset[str]
    complete: bool = False
    problems: dict[str, list[Any]] = field(default_factory=dict)
    suppressions: dict[str, list[Any]] = field(default_factory=dict)
    elsewhere: str | None = None
    signatures: dict[str, list[int]] = field(default_factory=dict)
    read_from: int = 0
    base: str | None = None


def record_links(store: Path | None, key: str, record: LinkRecord) -> None:
    if store is not None:
        value = {
            "at": record.at.isoformat(), "codes": sorted(record.codes), "blobs": record.blobs, "judged": sorted(record.judged),
            "complete": record.complete, "problems": record.problems, "suppressions": record.suppressions, "elsewhere": record.elsewhere,
            "signatures": record.signatures, "read_from": record.read_from, "base": record.base,
        }
        save_plain(store, _header(key), value)


def read_links(store: Path | None, key: str) -> LinkRecord | None:
    """The record at `store` under `key`, or None (missing, damaged, forged, another key).
    Problems and suppressions are checked when used."""
    value = load_plain(store, _header(key))
    try:
        at, codes, blobs, judged = value["at"], value["codes"], value["blobs"], value["judged"]
        complete, problems, suppressions, elsewhere = value["complete"], value["problems"], value["suppressions"], value["elsewhere"]
        signatures, read_from, base = value["signatures"], value["read_from"], value["base"]
        if not (
            type(at) is str and type(codes) is list and type(blobs) is dict and type(judged) is list
            and {*map(type, codes), *map(type, judged), *map(type, blobs.values())} <= {str}
            and type(complete) is bool and type(problems) is dict and type(suppressions) is dict and type(elsewhere) in (str, type(None))
            and type(signatures) is dict and type(read_from) is int and type(base) in (str, type(None))
        ):
            return None
        recorded = datetime.fromisoformat(at)
    except (TypeError, KeyError, ValueError):  # not a dict, a name missing, not a moment
        return None
    if recorded.tzinfo is None:
        return None
    return LinkRecord(recorded, frozenset(codes), blobs, frozenset(judged), complete, problems, suppressions, elsewhere, signatures, read_from, base)


def record_files(source: Source) -> tuple[str, ...]:
    """The records a run of `source` may be vouched for by, in the cache folder, its own
    first (the one it writes). The hook's index has its own, so that it and `check` on the
    work tree, run in turn, do not each replace the other's; the work tree's is its second
    (the first commit after a `check` is vouched for by what `check` recorded)."""
    return ("links-index", "links") if isinstance(source.blob_ids(), StagedIndex) else ("links",)


def links_key(config: Config, code_owners: frozenset[str] | None) -> str:
    """Names what the repository rules read besides the summaries: every setting, and the
    owners CODEOWNERS names when V005 reads them."""
    parts = [str(CACHE_FORMAT), __version__, results_key(config), repr(config), repr(sorted(code_owners or ()))]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def paths_digest(paths: Iterable[str]) -> str:
    return hashlib.sha256("\0".join(sorted(paths)).encode()).hexdigest()


def record_of(
    at: datetime,
    codes: frozenset[str],
    source: Source,
    config: Config,
    found: list[SourceFile],
    checked: list[CheckedFile],
    linked: list[tuple[str, Problem]],
    started: int,
    *,
    complete: bool,
    elsewhere: str | None,
) -> LinkRecord:
    """The record of a run whose repository rules `codes` judged every file of `found`
    (`checked`, in the same order) and had `linked` to say (by code). A `complete` one
    keeps every file's problems too: the run decoded them all, and its advice on missing
    targets names no file a later run could not see (`elsewhere`). A run of the index
    whose staged changes only modify files is recorded as HEAD and those changes."""
    based = staged_base(source, config)
    if based is not None:
        return LinkRecord(at, codes, based[1], frozenset(problem.path for _, problem in linked), read_from=started, base=based[0])
    record = LinkRecord(
        at, codes, {file.document.path: file.blob or "" for file in checked}, frozenset(problem.path for _, problem in linked),
        signatures=signed_by_path(found, source.signatures(found)), read_from=started,
    )
    if not complete:
        return record
    kept: dict[str, list[Any]] = {}
    for file in checked:
        if file.problems:
            kept[file.document.path] = [encode_problem(code, problem) for code, problem in file.problems]
    for code, problem in linked:
        kept.setdefault(problem.path, []).append(encode_problem(code, problem))
    by_path = {file.document.path: file.suppressions for file in checked}
    suppressions = {path: list(encode_suppressions(by_path[path])) for path in kept if path in by_path}
    return dataclasses.replace(record, complete=True, problems=kept, suppressions=suppressions, elsewhere=elsewhere)


def staged_base(source: Source, config: Config) -> tuple[str, dict[str, str]] | None:
    """HEAD's commit and the blob id of each file the index changes since, when the source
    is the index, holds no submodule, and the changes only modify files: a record can then
    be kept as them (see `git.staged_index`)."""
    index = source.blob_ids()
    if not isinstance(index, StagedIndex) or index.head is None or not index.without_submodules:
        return None
    staged = [change for change in index.staged if any_ours(change.paths, config)]
    if any(change.status != "M" or not change.regular or change.new_blob is None for change in staged):
        return None
    return index.head, {change.path: change.new_blob for change in staged if change.new_blob is not None}


def signed_by_path(files: list[SourceFile], signatures: list[Signature | None]) -> dict[str, list[int]]:
    """The signatures a record keeps, by path (a file without one has none)."""
    return {file.path: list(signature) for file, signature in zip(files, signatures, strict=True) if signature}


def _header(key: str) -> tuple[Any, ...]:
    return ("links", key)
