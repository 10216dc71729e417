"""When the record of the last whole run (`engine.link_record`) vouches that the
repository rules have nothing new to say, so that a run reporting on a few files need
not ask them again.

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

The files compared are every recorded path, except for a record of the hook's index made
on a commit: then they are the files that differ from that commit, now or when it was
made (see `git.staged_index`), and the others are as that commit has them on both sides.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from sop_lint.config.settings import Config
from sop_lint.engine.cache import open_cache
from sop_lint.engine.cache_entries import decode_problem, decode_suppressions, encode_problem, encode_suppressions
from sop_lint.engine.file_checks import blob_of, check_files, results_key
from sop_lint.engine.link_record import LinkRecord, paths_digest, signed_by_path, staged_base
from sop_lint.engine.sources import Signature, Source
from sop_lint.findings import Problem
from sop_lint.git.staged_index import StagedIndex
from sop_lint.model.summary import same_links
from sop_lint.reading.discovery import SourceFile, expected_kind
from sop_lint.reading.suppressions import Suppressions

# A file changed less than this before a record's run began may have changed again, after
# it was read, within the same tick of the file system's clock: it is read again.
_RACY_NS = 2_000_000_000
# Beyond this many files changed since the record, a whole run is about as cheap as
# comparing them one by one (each may need its own part of the cache).
_MOST_CHANGED = 64


class Vouched(NamedTuple):
    """A run the record vouches for: the problems of the files it reports on (every rule's,
    by code) and their suppressions; the files compared with the record."""

    problems: list[tuple[str, Problem]]
    suppressions: dict[str, Suppressions]
    paths: tuple[str, ...]  # the files compared with the record: all (in walk order), unless it was made on a commit
    refreshed: LinkRecord | None  # the record as of this run, when files changed since (or their signatures)


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
    if reported is None and not (record.complete and _same_day(record, now) and record.base is None):
        return None
    if reported is not None and record.judged & reported:
        return None
    present = _present(record, source, config) if record.base is None else _moved(record.base, record, source, config, reported)
    if present is None:
        return None  # a file added, removed or renamed
    blobs, recorded, now_signed, listed = present.blobs, present.recorded, present.signatures, present.files
    changed = {path for path, blob in blobs.items() if blob != recorded[path]}
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
            before = known.get((file.path, file.expected_kind.value, recorded[file.path]), with_problems=False)
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
    on_head = staged_base(source, config)
    if on_head is not None:  # the index, recorded as HEAD and its changes: for a few files, with no problems to keep
        if (record.base, record.blobs) != on_head:
            refreshed = dataclasses.replace(
                record, base=on_head[0], blobs=on_head[1], signatures={}, read_from=started, complete=False, problems={}, suppressions={},
            )
    elif record.base is None and (changed or now_signed != record.signatures):  # what the next run compares with
        complete = record.complete and (reported is None or changed <= reported)
        refreshed = dataclasses.replace(
            record, blobs=blobs, signatures=now_signed, read_from=started, complete=complete,
            problems={**kept, **{path: [encode_problem(*found) for found in checked[path].problems] for path in changed if checked[path].problems}},
            suppressions={**record.suppressions, **{path: list(encode_suppressions(checked[path].suppressions)) for path in changed}},
        )
    # Else a record of the index made on a commit, which cannot be made on HEAD now: it is
    # left as it was, and the next run compares with it again.
    return Vouched(problems, suppressions, tuple(blobs), refreshed)


class Compared(NamedTuple):
    """What a run compares with its record: the blob id by path of the files compared, the
    recorded one of each, the signatures to record next, and the files found by path."""

    blobs: dict[str, str]
    recorded: Mapping[str, str]
    signatures: dict[str, list[int]]
    files: dict[str, SourceFile]


def _present(record: LinkRecord, source: Source, config: Config) -> Compared | None:
    """The source's files when they are the recorded paths, else None: every file, in the
    record's order. A source that lists every path with its blob id (the hook's index) is compared
    with the record path by path: only the paths the record lacks are matched against the
    globs (the record's were, under the same settings), and no file is listed (matching
    and ordering the index's 12,000 paths was a tenth of a hook run)."""
    listing = source.blob_ids()
    if listing is not None:
        if any(path not in listing for path in record.blobs) or any(path not in record.blobs and expected_kind(path, config) for path in listing):
            return None
        return Compared({path: listing[path] for path in record.blobs}, record.blobs, {}, {})
    files = source.files(config)
    if len(files) != len(record.blobs) or any(file.path not in record.blobs for file in files):
        return None
    signatures = source.signatures(files)
    blobs = _blobs(record, source, files, signatures, config)
    return Compared(blobs, record.blobs, signed_by_path(files, signatures), {file.path: file for file in files})


def _moved(base: str, record: LinkRecord, source: Source, config: Config, reported: frozenset[str] | None) -> Compared | None:
    """For a record made on the commit `base`, the index's files that differ from it now or
    did then, and those `reported`; None unless each one of them is modified only (no file
    of ours added, removed or renamed since `base`) and the index is the source."""
    index = source.blob_ids()
    if not isinstance(index, StagedIndex) or (since := index.since(base)) is None:
        return None
    moved = {change.path: change for change in since if expected_kind(change.path, config)}
    if any(change.status != "M" or not change.regular for change in moved.values()) or not moved.keys() >= record.blobs.keys():
        return None  # a path came or went; or a file is back as in `base`, whose blob id the diff does not give
    recorded = {path: record.blobs.get(path, change.old_blob or "") for path, change in moved.items()}
    for path in sorted(reported or ()):
        if path not in moved and expected_kind(path, config) and path in index:
            recorded[path] = index[path]
    return Compared({path: index[path] for path in recorded}, recorded, {}, {})


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
