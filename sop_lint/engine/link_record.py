"""What the repository rules last said of a whole tree, so that a run reporting on a few
files need not ask them again.

The repository rules read each file's summary only. Most commits change no summary but
for where things are written and texts no repository rule reads (`same_links`): then the
rules say the same of every file as before, and of the files they said nothing of, they
still say nothing. A run that checks every file (`check`, or the hook when it cannot be
vouched for) records the blob id of each file and the files the repository rules had a
problem with (`judged`, before suppressions and severities). A later run reporting on a
few files (the pre-commit hook, `check FILE`) is vouched for when:

- the files are the same paths (none added, removed or renamed);
- each file whose content differs links the same as the recorded content did;
- none of those, and none of the files reported on, was judged;
- the settings, the rules asked for and the CODEOWNERS the rules read are the same, and the
  run's moment is not earlier than the record's (a date that was not in the future then
  is not now).

Then the reported files' findings are their file rules' alone (from the cache, or a parse
of the few changed files), and the run costs what the change costs, not what the
repository does: no other file's cache entry is decoded, no model is linked and no
repository rule runs. Any doubt is a whole run, which records again.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from sop_lint import __version__
from sop_lint.config.settings import Config
from sop_lint.engine.cache import CACHE_FORMAT, open_cache
from sop_lint.engine.cache_entries import decode_problem, decode_suppressions, encode_problem, encode_suppressions
from sop_lint.engine.file_checks import CheckedFile, blob_of, check_files, results_key
from sop_lint.engine.sources import Signature, Source
from sop_lint.findings import Problem
from sop_lint.model.summary import same_links
from sop_lint.plain_store import load_plain, save_plain
from sop_lint.reading.discovery import SourceFile, expected_kind
from sop_lint.reading.suppressions import Suppressions

# A file changed less than this before a record's run began may have changed again, after
# it was read, within the same tick of the file system's clock: it is read again.
_RACY_NS = 2_000_000_000
# Beyond this many files changed since the record, a whole run is about as cheap as
# comparing them one by one (each may need its own part of the cache).
_MOST_CHANGED = 64


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


class Vouched(NamedTuple):
    """A run the record vouches for: the problems of the files it reports on (every rule's,
    by code) and their suppressions; the source's files, in the order `check` walks them."""

    problems: list[tuple[str, Problem]]
    suppressions: dict[str, Suppressions]
    paths: tuple[str, ...]
    refreshed: LinkRecord | None  # the record as of this run, when files changed since (or their signatures)


def record_links(store: Path | None, key: str, record: LinkRecord) -> None:
    if store is not None:
        value = {
            "at": record.at.isoformat(), "codes": sorted(record.codes), "blobs": record.blobs, "judged": sorted(record.judged),
            "complete": record.complete, "problems": record.problems, "suppressions": record.suppressions, "elsewhere": record.elsewhere,
            "signatures": record.signatures, "read_from": record.read_from,
        }
        save_plain(store, _header(key), value)


def read_links(store: Path | None, key: str) -> LinkRecord | None:
    """The record at `store` under `key`, or None (missing, damaged, forged, another key).
    Problems and suppressions are checked when used."""
    value = load_plain(store, _header(key))
    try:
        at, codes, blobs, judged = value["at"], value["codes"], value["blobs"], value["judged"]
        complete, problems, suppressions, elsewhere = value["complete"], value["problems"], value["suppressions"], value["elsewhere"]
        signatures, read_from = value["signatures"], value["read_from"]
        if not (
            type(at) is str and type(codes) is list and type(blobs) is dict and type(judged) is list
            and {*map(type, codes), *map(type, judged), *map(type, blobs.values())} <= {str}
            and type(complete) is bool and type(problems) is dict and type(suppressions) is dict and type(elsewhere) in (str, type(None))
            and type(signatures) is dict and type(read_from) is int
        ):
            return None
        recorded = datetime.fromisoformat(at)
    except (TypeError, KeyError, ValueError):  # not a dict, a name missing, not a moment
        return None
    if recorded.tzinfo is None:
        return None
    return LinkRecord(recorded, frozenset(codes), blobs, frozenset(judged), complete, problems, suppressions, elsewhere, signatures, read_from)


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
    targets names no file a later run could not see (`elsewhere`)."""
    record = LinkRecord(
        at, codes, {file.document.path: file.blob or "" for file in checked}, frozenset(problem.path for _, problem in linked),
        signatures=_signed(found, source.signatures(found)), read_from=started,
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


def vouched(
    record: LinkRecord | None,
    source: Source,
    config: Config,
    codes: Collection[str],
    now: datetime,
    reported: frozenset[str] | None,
    cache: Path | None,
    started: int,
) -> Vouched | None:
    """The problems of the `reported` files (None: of every file) when `record` vouches
    that the repository rules `codes` have nothing new to say of them in `source` (see the
    module's docstring); else None. `started` is when this run began, as `read_from`."""
    if record is None or now < record.at or not record.codes.issuperset(codes):
        return None
    if reported is None and not (record.complete and _same_day(record, now)):
        return None
    if reported is not None and record.judged & reported:
        return None
    present = _present(record, source, config)
    if present is None:
        return None  # a file added, removed or renamed
    blobs, now_signed, listed = present
    changed = {path for path, blob in blobs.items() if blob != record.blobs[path]}
    if len(changed) > _MOST_CHANGED or record.judged & changed:
        return None
    if reported is None and record.elsewhere not in (None, paths_digest(path for path in source.all_paths() if path not in blobs)):
        return None  # a file named like a missing target came or went: the advice may differ
    needed = []
    for path in blobs:
        if path in changed or (reported is not None and path in reported):
            file = listed[path] if path in listed else _recorded_file(path, config)
            if file is None:
                return None  # a damaged record: a path the globs do not take
            needed.append(file)
    checked = {file.document.path: file for file in check_files(source, needed, config, cache_path=cache, problems_of=reported, part=True)}
    known = open_cache(cache, results_key(config))
    for file in needed:  # the cache knows a file by the kind its place calls for
        if file.path in changed:
            before = known.get((file.path, file.expected_kind.value, record.blobs[file.path]), with_problems=False)
            if before is None or not same_links(before.summary, checked[file.path].summary):
                return None
    # A whole run takes the problems of files that did not change from the record; the
    # others come from the cache, or a parse.
    kept = {path: stored for path, stored in record.problems.items() if path not in changed}
    problems, suppressions = [], {}
    if reported is None:
        try:
            problems = [decode_problem(path, entry) for path, stored in kept.items() for entry in stored]
            suppressions = {path: decode_suppressions(*record.suppressions.get(path, ([], []))) for path in kept}
        except (TypeError, ValueError):  # forged
            return None
    for path in changed if reported is None else [path for path in checked if path in reported]:
        problems += checked[path].problems
        suppressions[path] = checked[path].suppressions
    refreshed = None
    if changed or now_signed != record.signatures:  # what the next run compares with
        complete = record.complete and (reported is None or changed <= reported)
        refreshed = dataclasses.replace(
            record, blobs=blobs, signatures=now_signed, read_from=started, complete=complete,
            problems={**kept, **{path: [encode_problem(*found) for found in checked[path].problems] for path in changed if checked[path].problems}},
            suppressions={**record.suppressions, **{path: list(encode_suppressions(checked[path].suppressions)) for path in changed}},
        )
    return Vouched(problems, suppressions, tuple(blobs), refreshed)


def _present(record: LinkRecord, source: Source, config: Config) -> tuple[dict[str, str], dict[str, list[int]], dict[str, SourceFile]] | None:
    """The source's files when they are the recorded paths, else None: each one's blob id
    by path, in the record's order, the signatures to record next, and the files found by
    path. A source that lists every path with its blob id (the hook's index) is compared
    with the record path by path: only the paths the record lacks are matched against the
    globs (the record's were, under the same settings), and no file is listed (matching
    and ordering the index's 12,000 paths was a tenth of a hook run)."""
    listing = source.blob_ids()
    if listing is not None:
        if any(path not in listing for path in record.blobs) or any(path not in record.blobs and expected_kind(path, config) for path in listing):
            return None
        return {path: listing[path] for path in record.blobs}, {}, {}
    files = source.files(config)
    if len(files) != len(record.blobs) or any(file.path not in record.blobs for file in files):
        return None
    signatures = source.signatures(files)
    return _blobs(record, source, files, signatures, config), _signed(files, signatures), {file.path: file for file in files}


def _signed(files: list[SourceFile], signatures: list[Signature | None]) -> dict[str, list[int]]:
    """The signatures a record keeps, by path (a file without one has none)."""
    return {file.path: list(signature) for file, signature in zip(files, signatures, strict=True) if signature}


def _recorded_file(path: str, config: Config) -> SourceFile | None:
    """The file at a recorded path, which the same settings made a process or an SOP."""
    kind = expected_kind(path, config)
    return None if kind is None else SourceFile(path, kind)


def _blobs(record: LinkRecord, source: Source, files: list[SourceFile], signatures: list[Signature | None], config: Config) -> dict[str, str]:
    """Each file's blob id by path ("" for one that cannot be read): the recorded one where
    the file's signature is the recorded one, else from its content."""
    recorded = [
        record.blobs[file.path] if signature is not None and signature[1] < record.read_from - _RACY_NS
        and record.signatures.get(file.path) == list(signature) else None
        for file, signature in zip(files, signatures, strict=True)
    ]
    unknown = [file for file, blob in zip(files, recorded, strict=True) if blob is None]
    read = iter(source.contents(unknown, config))
    known = [blob if blob is not None else blob_of(next(read), source.object_format) or "" for blob in recorded]
    return {file.path: blob for file, blob in zip(files, known, strict=True)}


def _same_day(record: LinkRecord, now: datetime) -> bool:
    """H004's problems hold while the date is the same (a date in the future then may be
    past now); without any, a later moment is enough."""
    try:
        dated = any(entry[0] == "H004" for stored in record.problems.values() for entry in stored)
    except (TypeError, IndexError, KeyError):  # forged: read as dated, and then as not vouched for
        dated = True
    return not dated or record.at.date() == now.date()


def _header(key: str) -> tuple[Any, ...]:
    return ("links", key)
