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

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sop_lint import __version__
from sop_lint.config.settings import Config
from sop_lint.engine.cache import CACHE_FORMAT, open_cache
from sop_lint.engine.file_checks import CheckedFile, blob_of, check_files, results_key
from sop_lint.engine.sources import Source
from sop_lint.model.summary import same_links
from sop_lint.plain_store import load_plain, save_plain

# Beyond this many files changed since the record, a whole run is about as cheap as
# comparing them one by one (each may need its own part of the cache).
_MOST_CHANGED = 64


@dataclass(frozen=True)
class LinkRecord:
    """`blobs` by path of every process and SOP file (empty for one that cannot be read);
    `judged` the files the repository rules `codes` had a problem with, at the moment `at`."""

    at: datetime
    codes: frozenset[str]
    blobs: dict[str, str]
    judged: frozenset[str]


def record_links(store: Path | None, key: str, record: LinkRecord) -> None:
    if store is not None:
        value = {"at": record.at.isoformat(), "codes": sorted(record.codes), "blobs": record.blobs, "judged": sorted(record.judged)}
        save_plain(store, _header(key), value)


def read_links(store: Path | None, key: str) -> LinkRecord | None:
    """The record at `store` under `key`, or None (missing, damaged, forged, another key)."""
    value = load_plain(store, _header(key))
    try:
        at, codes, blobs, judged = value["at"], value["codes"], value["blobs"], value["judged"]
        if not (
            type(at) is str and type(codes) is list and type(blobs) is dict and type(judged) is list
            and {*map(type, codes), *map(type, judged), *map(type, blobs.values())} <= {str}
        ):
            return None
        recorded = datetime.fromisoformat(at)
    except (TypeError, KeyError, ValueError):  # not a dict, a name missing, not a moment
        return None
    return LinkRecord(recorded, frozenset(codes), blobs, frozenset(judged)) if recorded.tzinfo is not None else None


def links_key(config: Config, code_owners: frozenset[str] | None) -> str:
    """Names what the repository rules read besides the summaries: every setting, and the
    owners CODEOWNERS names when V005 reads them."""
    parts = [str(CACHE_FORMAT), __version__, results_key(config), repr(config), repr(sorted(code_owners or ()))]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def vouched(
    record: LinkRecord | None,
    source: Source,
    config: Config,
    codes: Collection[str],
    now: datetime,
    reported: frozenset[str],
    cache: Path | None,
) -> list[CheckedFile] | None:
    """The reported files, checked, when `record` vouches that the repository rules `codes`
    say nothing of them in `source` (see the module's docstring); else None."""
    if record is None or now < record.at or not record.codes.issuperset(codes) or record.judged & reported:
        return None
    files = source.files(config)
    if len(files) != len(record.blobs):
        return None
    changed = set()
    for file, content in zip(files, source.contents(files, config), strict=True):
        recorded = record.blobs.get(file.path)
        if recorded is None:  # a file added (as many were removed)
            return None
        if (blob_of(content, source.object_format) or "") != recorded:
            changed.add(file.path)
    if len(changed) > _MOST_CHANGED or record.judged & changed:
        return None
    wanted = [file for file in files if file.path in changed or file.path in reported]
    checked = check_files(source, wanted, config, cache_path=cache, problems_of=reported, part=True)
    known = open_cache(cache, results_key(config))
    for file, now_checked in zip(wanted, checked, strict=True):
        if file.path in changed:
            before = known.get((file.path, file.expected_kind.value, record.blobs[file.path]), with_problems=False)
            if before is None or not same_links(before.summary, now_checked.summary):
                return None
    return [file for file in checked if file.document.path in reported]


def _header(key: str) -> tuple[Any, ...]:
    return ("links", key)
