"""Each file's summary and file-rule findings: from the cache, or parsed and checked afresh.

Files the cache lacks are checked in worker processes when there are enough of them to
pay for starting the workers (a cold run of a large repository); a handful, as in a
pre-commit run, is checked in this process. Workers get a file's path and bytes and
send back the small `CachedFile`; this process keeps the bytes, so that a document can
parse again for positions if a repository rule reports on it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sop_lint.config.settings import Config
from sop_lint.engine.cache import CachedFile, blob_id, open_cache, save_cache
from sop_lint.findings import Problem
from sop_lint.json_schema import schema_text
from sop_lint.model.repository import item_of
from sop_lint.model.summary import FileSummary, summarize
from sop_lint.reading.discovery import SourceFile
from sop_lint.reading.documents import Document, LoadProblem
from sop_lint.reading.files import read_source, too_large
from sop_lint.reading.loader import document_of, locate_later, parse_document, syntax_of
from sop_lint.reading.suppressions import Suppressions
from sop_lint.reading.yaml_parsers import Composer
from sop_lint.rules import FILE_RULES
from sop_lint.rules.base import FileContext

if TYPE_CHECKING:
    from sop_lint.git.trees import Revision

# Below this many files to parse, starting worker processes costs more than it saves
# (measured on 2 cores: about 40 ms to start, 0.2 ms a file to check).
PARALLEL_FROM = 400
_CHUNK = 64

Progress = Callable[[list[int]], Iterable[int]]


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """`blob` is the git blob id of the file's content, None when it cannot be read;
    `lf_blob` that of its content with CRLF line ends made LF, when it has any: what git
    stores for a file checked out with `core.autocrlf` or `eol=crlf`."""

    document: Document
    summary: FileSummary
    problems: list[tuple[str, Problem]]
    suppressions: Suppressions
    blob: str | None = None
    lf_blob: str | None = None


def check_files(
    root: Path,
    files: list[SourceFile],
    config: Config,
    *,
    cache_path: Path | None = None,
    compose: Composer | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    revision: Revision | None = None,
) -> list[CheckedFile]:
    """Every file checked, in order. `workers` None means one per core when it pays.
    With `revision`, files are read from that commit's objects instead of under `root`."""
    cache = open_cache(cache_path, results_key(config))
    contents: list[bytes | LoadProblem | None]
    if revision is None:
        contents = [read_source(root, file, config.max_file_size) for file in files]
        blobs = [blob_id(raw) if isinstance(raw, bytes) else None for raw in contents]
    else:  # known by id: only the files the cache lacks are read
        blobs = [revision.blobs[file.path] for file in files]
        contents = [None] * len(files)
    keys = [(file.path, file.expected_kind, blob) if blob is not None else None for file, blob in zip(files, blobs, strict=True)]
    found: dict[int, CachedFile] = {}
    missing: list[int] = []
    for index, key in enumerate(keys):
        cached = cache.get(key) if key is not None else None
        if cached is not None:
            found[index] = cached
        elif key is not None:
            missing.append(index)
    if revision is not None:
        read = revision.read_all([revision.blobs[files[index].path] for index in missing], config.max_file_size)
        for index, raw in zip(missing, read, strict=True):
            contents[index] = raw if isinstance(raw, bytes) else too_large(raw, config.max_file_size)
        missing = [index for index in missing if isinstance(contents[index], bytes)]
    for index, result in zip(missing, _check_all(files, contents, missing, config, compose, progress, workers), strict=True):
        found[index] = result
        key = keys[index]
        assert key is not None
        cache.put(key, result)
    save_cache(cache, len(files))
    if revision is not None:
        return [
            _checked_in(revision, file, found[index], blob) if index in found else _checked(file, contents[index], None, config, compose, None)
            for index, (file, blob) in enumerate(zip(files, blobs, strict=True))
            if blob
        ]
    return [
        _checked(file, raw, found.get(index), config, compose, key[2] if key else None)
        for index, (file, raw, key) in enumerate(zip(files, contents, keys, strict=True))
    ]


def results_key(config: Config) -> str:
    """Names everything a file rule's findings depend on besides the file itself. The size
    limit too: a file of a revision is measured only when the cache lacks it."""
    parts = [schema_text("process"), schema_text("sop"), str(config.max_file_size), *config.required_fields, "", *config.placeholders]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _check_all(
    files: list[SourceFile],
    contents: list[bytes | LoadProblem | None],
    indexes: list[int],
    config: Config,
    compose: Composer | None,
    progress: Progress | None,
    workers: int | None,
) -> Iterable[CachedFile]:
    tasks = [(files[index].path, files[index].expected_kind, _content(contents[index])) for index in indexes]
    count = workers if workers is not None else (os.cpu_count() or 1) if len(tasks) >= PARALLEL_FROM else 1
    ticks = (progress or list)(list(range(len(tasks))))
    if count <= 1:
        return [_check_one(tasks[tick], config, compose) for tick in ticks]
    import multiprocessing  # only cold runs of large repositories get here
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    with ProcessPoolExecutor(count, mp_context=context, initializer=_start_worker, initargs=(config, compose)) as pool:
        results = pool.map(_check_in_worker, tasks, chunksize=_CHUNK)
        return [result for result, _ in zip(results, ticks, strict=True)]


def _content(raw: bytes | LoadProblem | None) -> bytes:
    assert isinstance(raw, bytes)  # only files that were read are checked
    return raw


def _check_one(task: tuple[str, str, bytes], config: Config, compose: Composer | None) -> CachedFile:
    path, expected_kind, raw = task
    return _run_file_rules(parse_document(path, raw, compose, positions=False), expected_kind, config)


def _run_file_rules(document: Document, expected_kind: str, config: Config) -> CachedFile:
    summary = summarize(document, expected_kind)
    context = FileContext(document, summary.kind, item_of(document, summary), config)
    problems = [(rule.CODE, problem) for rule in FILE_RULES for problem in rule.check_file(context)]
    return CachedFile(summary, problems, document.suppressions)


_WORKER: tuple[Config, Composer | None] | None = None


def _start_worker(config: Config, compose: Composer | None) -> None:
    global _WORKER
    _WORKER = (config, compose)


def _check_in_worker(task: tuple[str, str, bytes]) -> CachedFile:
    assert _WORKER is not None
    return _check_one(task, *_WORKER)


def _checked(
    file: SourceFile,
    raw: bytes | LoadProblem | None,
    result: CachedFile | None,
    config: Config,
    compose: Composer | None,
    blob: str | None,
) -> CheckedFile:
    if not isinstance(raw, bytes):  # the file was not read: its problem says why
        assert raw is not None  # every file is read, or refused with a problem
        document = document_of(file.path, raw)
        unread = _run_file_rules(document, file.expected_kind, config)
        return CheckedFile(document, unread.summary, unread.problems, unread.suppressions)
    assert result is not None
    document = _cached_document(file, result)
    if result.summary.readable:
        locate_later(document, raw, compose)
    lf_blob = blob_id(raw.replace(b"\r\n", b"\n")) if b"\r\n" in raw else None
    return CheckedFile(document, result.summary, list(result.problems), result.suppressions, blob, lf_blob)


def _checked_in(revision: Revision, file: SourceFile, result: CachedFile, blob: str) -> CheckedFile:
    document = _cached_document(file, result)
    if result.summary.readable:
        locate_later(document, revision.reader(blob))
    return CheckedFile(document, result.summary, list(result.problems), result.suppressions, blob)


def _cached_document(file: SourceFile, result: CachedFile) -> Document:
    return Document(path=file.path, syntax=syntax_of(file.path), suppressions=result.suppressions, anchors=result.summary.anchors)
