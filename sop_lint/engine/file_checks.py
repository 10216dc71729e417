"""Each file's summary and file-rule findings: from the cache, or parsed and checked afresh.

Files the cache lacks are checked in worker processes when there is enough work to pay
for starting the workers (a cold run of a large repository, or a few very large files); a
handful of ordinary files, as in a pre-commit run, is checked in this process. Workers
get a file's path and bytes and send back the small `CachedFile`; this process keeps the
bytes (or, for a file of a git revision, a way to read them), so that a document can
parse again for positions if a repository rule reports on it.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sys
from collections.abc import Callable, Container, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from sop_lint.config.settings import Config, FileSettings
from sop_lint.engine.cache import blob_id, open_cache, save_cache
from sop_lint.engine.cache_entries import CachedFile
from sop_lint.engine.masking import masked_problem, masked_summary, masking_of
from sop_lint.engine.sources import Content, Source, StoredBlob
from sop_lint.findings import Problem
from sop_lint.json_schema import schema_text
from sop_lint.kinds import Kind
from sop_lint.model.repository import item_of
from sop_lint.model.summary import FileSummary, summarize
from sop_lint.reading.discovery import SourceFile
from sop_lint.reading.documents import Document, LoadProblem
from sop_lint.reading.loader import document_of, locate_later, parse_document, syntax_of
from sop_lint.reading.suppressions import Suppressions
from sop_lint.reading.yaml_parsers import Composer
from sop_lint.rules.base import FileContext

# Below this many files to parse, starting worker processes costs more than it saves
# (measured on 2 cores: about 40 ms to start, 0.2 ms a file to check), unless the files
# besides the largest (which one process checks anyway) hold this many bytes: a megabyte
# of YAML takes 0.1 to 2 s to check, by how dense it is.
PARALLEL_FROM = 400
PARALLEL_FROM_BYTES = 500_000
# Files go to the workers in chunks of at most this many files and bytes: few enough
# messages for thousands of small files, and large files shared out one by one.
_CHUNK = 64
_CHUNK_BYTES = 250_000
# Files checked in this process between two questions to `widen` (see `check_files`).
_WIDEN_EVERY = 50

Progress = Callable[[list[int]], Iterable[int]]
# What a worker gets for one file: its path, the kind its place calls for, its bytes.
_Task = tuple[str, Kind, bytes]


class CheckedFile(NamedTuple):
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
    source: Source,
    files: list[SourceFile],
    config: Config,
    *,
    cache_path: Path | None = None,
    compose: Composer | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    problems_of: Container[str] | None = None,
    part: bool = False,
    cores: int | None = None,
    widen: Callable[[], bool] | None = None,
) -> list[CheckedFile]:
    """Every file checked, in order. `workers` None means one per core when it pays. Given
    `problems_of`, a file outside it that the cache knows comes without its problems
    (they are not decoded: a run that reports on a few files needs only theirs), and no
    file outside it parses again for positions. `part`:
    the files are a few of a larger whole, whose other entries the cache keeps. `cores`:
    how many cores the workers may take (None: every one; a first run's `git log` holds one).
    `widen`, asked now and then while the files are checked in this process, says when
    every core is free again: the files left then go to a worker per core."""
    cache = open_cache(cache_path, results_key(config))
    contents = source.contents(files, config)
    blobs = [blob_of(content, source.object_format) for content in contents]
    keys = [(file.path, file.expected_kind.value, blob) if blob is not None else None for file, blob in zip(files, blobs, strict=True)]
    found: dict[int, CachedFile] = {}
    missing: list[int] = []
    for index, key in enumerate(keys):
        cached = cache.get(key, problems_of is None or key[0] in problems_of) if key is not None else None
        if cached is not None:
            found[index] = cached
        elif key is not None:
            missing.append(index)
    stored = [index for index in missing if isinstance(contents[index], StoredBlob)]
    if stored:  # one read for every blob the cache lacks
        read = source.read_blobs([_stored(contents[index]) for index in stored], config.max_file_size)
        for index, raw in zip(stored, read, strict=True):
            contents[index] = raw
    missing = [index for index in missing if isinstance(contents[index], bytes)]
    checked = _check_all(files, contents, missing, config, compose, progress, workers, cores, widen)
    for index, result in zip(missing, checked, strict=True):
        found[index] = result
        key = keys[index]
        assert key is not None
        if cache_path is not None:  # `--no-cache`: an entry would be encoded for nothing
            cache.put(key, result)
    save_cache(cache, None if part else len(files))
    return [
        _checked(source, file, content, found.get(index), config, blob, problems_of is None or file.path in problems_of)
        for index, (file, content, blob) in enumerate(zip(files, contents, blobs, strict=True))
    ]


def results_key(config: Config) -> str:
    """Names everything a file rule's findings depend on besides the file itself: the
    schemas, every field of `FileSettings` (what a file rule may read), and the size
    limit (a file of a revision is measured only when the cache lacks it)."""
    settings = config.file_settings
    parts = [schema_text(Kind.PROCESS), schema_text(Kind.SOP), str(config.max_file_size)]
    parts += [repr(value) for value in settings]  # each field, in order
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def blob_of(content: Content, object_format: str) -> str | None:
    """The git blob id of a file's content, read or known from git; None for one not read."""
    if isinstance(content, bytes):
        return blob_id(content, object_format)
    return content.id if isinstance(content, StoredBlob) else None


def lf_blob_of(content: Content, object_format: str) -> str | None:
    """For content with CR LF line ends, the blob id git stores when it converts them (see
    `CheckedFile.lf_blob`)."""
    return blob_id(content.replace(b"\r\n", b"\n"), object_format) if isinstance(content, bytes) and b"\r\n" in content else None


def _stored(content: Content) -> str:
    assert isinstance(content, StoredBlob)
    return content.id


def _check_all(
    files: list[SourceFile],
    contents: list[Content],
    indexes: list[int],
    config: Config,
    compose: Composer | None,
    progress: Progress | None,
    workers: int | None,
    cores: int | None,
    widen: Callable[[], bool] | None,
) -> Iterable[CachedFile]:
    tasks = [(files[index].path, files[index].expected_kind, _bytes(contents[index])) for index in indexes]
    count = workers if workers is not None else worker_count([len(raw) for _, _, raw in tasks], cores or os.cpu_count() or 1)
    ticks = iter((progress or list)(list(range(len(tasks)))))
    settings = config.file_settings
    if count > 1:
        return _in_workers(tasks, ticks, count, settings, compose)
    results = []
    for tick in ticks:
        results.append(_check_one(tasks[tick], settings, compose))
        if widen is not None and tick % _WIDEN_EVERY == 0 and widen():
            left = tasks[tick + 1 :]
            if (wide := worker_count([len(raw) for _, _, raw in left], os.cpu_count() or 1)) > 1:
                return results + _in_workers(left, ticks, wide, settings, compose)
            widen = None  # too few files left to share
    return results


def _in_workers(tasks: list[_Task], ticks: Iterator[int], count: int, settings: FileSettings, compose: Composer | None) -> list[CachedFile]:
    """`tasks` checked by `count` worker processes, a tick taken for each."""
    import multiprocessing  # only cold runs of large repositories get here
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    with ProcessPoolExecutor(count, mp_context=context, initializer=_start_worker, initargs=(settings, compose)) as pool:
        chunks = pool.map(_check_in_worker, _chunks(tasks))
        return [result for result, _ in zip(itertools.chain.from_iterable(chunks), ticks, strict=True)]


def worker_count(sizes: list[int], cores: int) -> int:
    """How many processes should check files of these sizes, in bytes."""
    if len(sizes) < 2 or (len(sizes) < PARALLEL_FROM and sum(sizes) - max(sizes) < PARALLEL_FROM_BYTES):
        return 1
    return min(cores, len(sizes))


def _chunks(tasks: list[_Task]) -> Iterator[list[_Task]]:
    chunk: list[_Task] = []
    size = 0
    for task in tasks:
        if chunk and (len(chunk) == _CHUNK or size + len(task[2]) > _CHUNK_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(task)
        size += len(task[2])
    if chunk:
        yield chunk


def _bytes(content: Content) -> bytes:
    assert isinstance(content, bytes)  # only files that were read are checked
    return content


def _check_one(task: _Task, settings: FileSettings, compose: Composer | None) -> CachedFile:
    path, expected_kind, raw = task
    return _run_file_rules(parse_document(path, raw, compose, positions=False), expected_kind, settings)


def _run_file_rules(document: Document, expected_kind: Kind, settings: FileSettings) -> CachedFile:
    # Imported here: a command that reads only summaries (`rename`, `stale`, the hook's
    # vouched run) imports no rule, nor compiles their expressions.
    from sop_lint.rules.registry import FILE_RULES, SCHEMA_COVERS

    summary = summarize(document, expected_kind)
    context = FileContext(document, summary.kind, item_of(document, summary), settings, SCHEMA_COVERS)
    problems = [(rule.CODE, problem) for rule in FILE_RULES for problem in rule.check_file(context)]
    masking = masking_of(context.credentials)
    if masking is not None:  # before anything is cached or shown: see `sop_lint.engine.masking`
        summary = masked_summary(summary, masking)
        problems = [(code, masked_problem(problem, masking)) for code, problem in problems]
    return CachedFile(summary, problems, document.suppressions)


_WORKER: tuple[FileSettings, Composer | None] | None = None


def _start_worker(settings: FileSettings, compose: Composer | None) -> None:
    global _WORKER
    _WORKER = (settings, compose)


def _check_in_worker(chunk: list[_Task]) -> list[CachedFile]:
    assert _WORKER is not None
    return [_check_one(task, *_WORKER) for task in chunk]


def _checked(
    source: Source, file: SourceFile, content: Content, result: CachedFile | None, config: Config, blob: str | None, reported: bool
) -> CheckedFile:
    """A file not `reported` on gets no way to find its positions: a rule's problem there
    is not shown, and places itself by what the summary knows."""
    if isinstance(content, LoadProblem):  # the file was not read: its problem says why
        document = document_of(file.path, content)
        unread = _run_file_rules(document, file.expected_kind, config.file_settings)
        return CheckedFile(document, unread.summary, unread.problems, unread.suppressions)
    assert result is not None
    document = Document(path=file.path, syntax=syntax_of(file.path), suppressions=result.suppressions, anchors=result.summary.anchors)
    if result.summary.readable and reported:
        locate_later(document, content if isinstance(content, bytes) else source.blob_reader(content.id))
    return CheckedFile(
        document, result.summary, list(result.problems), result.suppressions, blob, lf_blob_of(content, source.object_format)
    )


def check_document(document: Document, expected_kind: Kind, config: Config) -> CheckedFile:
    """One document parsed by the caller, with its positions (an editor's buffer, see
    `engine.incremental`): its file rules run as for any file, and nothing is cached."""
    result = _run_file_rules(document, expected_kind, config.file_settings)
    return CheckedFile(document, result.summary, result.problems, result.suppressions)
