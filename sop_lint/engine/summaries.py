"""Each file's summary alone, for a command that reports no findings of the file rules on
it (`stale`, `rename`, and `diff` on the files a change leaves as they were).

`stale` needs of each SOP only what the model keeps of it (id, title, owner, review
fields): a file the cache lacks is parsed, summarized and masked as `check_files` does,
but neither validated against the schema nor given to the file rules, nor its
instructions read (a fifth of a cold check's time, against about half for those). Its
summary is the one `check` would keep, so the report is the same; since it lacks the
file's findings, it is not put in the cache. `diff` asks for the instructions too (the
repository rules read the tools they name), and for documents that can find their
positions, for the repository rules' findings there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sop_lint.config.settings import Config
from sop_lint.engine.cache import CacheKey, open_cache
from sop_lint.engine.disk_copies import DiskCopies
from sop_lint.engine.file_checks import CheckedFile, blob_of, lf_blob_of, results_key, worker_count
from sop_lint.engine.masking import masked_summary, masking_of
from sop_lint.engine.sources import Content, Source, StoredBlob
from sop_lint.kinds import Kind
from sop_lint.model.summary import FileSummary, summarize
from sop_lint.reading.discovery import SourceFile
from sop_lint.reading.documents import Document, LoadProblem
from sop_lint.reading.loader import document_of, locate_later, parse_document, syntax_of
from sop_lint.reading.suppressions import Suppressions
from sop_lint.reading.yaml_parsers import Composer
from sop_lint.rules.support.credentials import find_credentials


def summarize_files(
    source: Source,
    files: list[SourceFile],
    config: Config,
    *,
    cache_path: Path | None = None,
    compose: Composer | None = None,
    workers: int | None = None,
    cores: int | None = None,
    instructions: bool = False,
    made: SummaryMemo | None = None,
    parsed: dict[str, Document] | None = None,
) -> list[CheckedFile]:
    """Every file with its summary and no problems, in order: from the cache when it knows
    the file, else from a parse (a file known by its blob id, as a revision's are, is read
    from the work tree if a file there holds its bytes, else from git), in worker
    processes when there are many, as `check_files` decides (`workers` None: one per
    core of `cores` when it pays; a stored blob counts as a file of no size).
    With `instructions`, an SOP's summary holds the tools its instructions name, as
    `check_files` keeps it, and each readable document can find its positions (see
    `locate_later`). `made` holds the summaries this process made before (with the same
    `instructions`), by cache key, and is given those made here: a diff's two revisions
    share most of their files. `parsed` gets the documents parsed in this process, by
    path: a rename edits the files it summarizes, from the same parse."""
    cache = open_cache(cache_path, results_key(config))
    contents = source.contents(files, config)
    object_format = source.object_format
    blobs = [blob_of(content, object_format) for content in contents]
    made = {} if made is None else made
    keys = [(file.path, file.expected_kind.value, blob) if blob is not None else None for file, blob in zip(files, blobs, strict=True)]
    found: list[_Summarized | None] = []
    for key in keys:
        if key is not None and key in made:
            found.append(made[key])
            continue
        cached = cache.get(key, with_problems=False) if key is not None else None
        found.append(None if cached is None else (cached.summary, cached.suppressions))

    def summarize_these(indexes: list[int], copies: DiskCopies | None) -> None:
        tasks = [(files[index].path, files[index].expected_kind, contents[index]) for index in indexes]
        for index, result in zip(indexes, _summarize_all(tasks, config, compose, workers, cores, instructions, parsed, copies), strict=True):
            found[index] = result
            key = keys[index]
            assert key is not None  # every file read has a blob id
            if result is not None:
                made[key] = result

    # A stored blob is read from the work tree, where that holds the same bytes, by the
    # worker that summarizes it; the others are read from git after, all in one read.
    summarize_these(
        [index for index, content in enumerate(contents) if found[index] is None and not isinstance(content, LoadProblem)],
        source.disk_copies(config.max_file_size),
    )
    unread = {index: content.id for index, content in enumerate(contents) if isinstance(content, StoredBlob) and found[index] is None}
    if unread:
        for index, raw in zip(unread, source.read_blobs(list(unread.values()), config.max_file_size), strict=True):
            contents[index] = raw
        summarize_these([index for index in unread if isinstance(contents[index], bytes)], None)
    return [
        _checked(source, *entry, object_format, locatable=instructions) for entry in zip(files, contents, blobs, found, strict=True)
    ]


_Summarized = tuple[FileSummary, Suppressions]
_Task = tuple[str, Kind, Content]  # path, the kind its place calls for, its bytes or the blob to read them from
SummaryMemo = dict[CacheKey, _Summarized]


def _summarize_all(
    tasks: list[_Task], config: Config, compose: Composer | None, workers: int | None, cores: int | None, instructions: bool,
    parsed: dict[str, Document] | None, copies: DiskCopies | None,
) -> list[_Summarized | None]:
    """Each task's summary; None for a stored blob that no disk copy holds."""
    placeholders = config.file_settings.placeholders
    sizes = [len(raw) if isinstance(raw, bytes) else 0 for _, _, raw in tasks]  # a stored blob's size is unknown: only counted
    count = workers if workers is not None else worker_count(sizes, cores or os.cpu_count() or 1)
    if count <= 1:
        return [_summarize_one(task, placeholders, compose, instructions, copies, parsed) for task in tasks]
    import multiprocessing  # a first `stale` of a large repository
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    with ProcessPoolExecutor(count, mp_context=context) as pool:
        size = len(tasks)
        arguments = ([placeholders] * size, [compose] * size, [instructions] * size, [copies] * size)
        return list(pool.map(_summarize_one, tasks, *arguments, chunksize=64))


def _summarize_one(
    task: _Task, placeholders: tuple[str, ...], compose: Composer | None, instructions: bool, copies: DiskCopies | None,
    parsed: dict[str, Document] | None = None,
) -> _Summarized | None:
    path, expected_kind, content = task
    raw = copies.read(path, content.id) if isinstance(content, StoredBlob) and copies is not None else content
    if not isinstance(raw, bytes):
        return None  # read from git, then summarized
    document = parse_document(path, raw, compose, positions=False)
    if parsed is not None:
        parsed[path] = document
    return _summary(document, expected_kind, placeholders, instructions), document.suppressions


def _checked(
    source: Source, file: SourceFile, content: Content, blob: str | None, result: _Summarized | None, object_format: str, *, locatable: bool
) -> CheckedFile:
    if result is None:  # the file was not read: it holds no SOP
        assert isinstance(content, LoadProblem)  # every file read was summarized
        document = document_of(file.path, content)
        return CheckedFile(document, summarize(document, file.expected_kind), [], Suppressions())
    summary, suppressions = result
    # Only the summary is kept, not the parsed text and values (12 MB of files are several times that in Python).
    shown = locatable and summary.readable  # a finding may be shown there: placed as `check_files` places it
    document = Document(path=file.path, syntax=syntax_of(file.path), suppressions=suppressions, anchors=summary.anchors if shown else ())
    if shown:
        assert isinstance(content, bytes | StoredBlob)
        locate_later(document, content if isinstance(content, bytes) else source.blob_reader(content.id))
    return CheckedFile(document, summary, [], suppressions, blob, lf_blob_of(content, object_format))


def _summary(document: Document, expected_kind: Kind, placeholders: tuple[str, ...], instructions: bool) -> FileSummary:
    """The summary `check_files` keeps (without `instructions`, but for what only the rules
    read: the tools an SOP's instructions name), with the file's credentials masked as there."""
    summary = summarize(document, expected_kind, instructions=instructions)
    masking = masking_of(find_credentials(document.text, placeholders)) if summary.readable else None
    return summary if masking is None else masked_summary(summary, masking)
