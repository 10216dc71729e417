"""From a source to the repository model, through the cache: the one reading path of every
command.

`load_repository` checks each file (or takes it from the cache), reads git history when
asked and the source is the work tree, and links the summaries into the model. Nothing
else in sop-lint reads process or SOP files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sop_lint.config.settings import Config
from sop_lint.engine.file_checks import CheckedFile, Progress, check_files
from sop_lint.engine.sources import Source
from sop_lint.engine.state import cache_file, history_file
from sop_lint.engine.summaries import SummaryMemo, summarize_files
from sop_lint.git.runner import GitFailed
from sop_lint.model.repository import Repository, build_repository
from sop_lint.reading.discovery import SourceFile
from sop_lint.reading.yaml_parsers import Composer

if TYPE_CHECKING:
    from sop_lint.git.history import SnapshotLoader


class RunOptions(NamedTuple):
    """How a run reads. `cache` keeps each file's summary and findings between runs (see
    `engine.cache`); `history_store` the snapshot of git history (see `git.history`); `now` is
    the moment reviews are judged at; `compose` picks the YAML parser (default: the fast
    one, see `reading.yaml_parsers`); `progress` wraps the work on files the cache lacks,
    for a progress bar; `workers` sets the number of processes for it (default: one per
    core when it pays); `summaries` keeps the summaries a run makes without the file
    rules, for the next run in this process (see `load_repository`'s `linted`)."""

    cache: Path | None = None
    history_store: Path | None = None
    allow_shallow: bool = False
    now: datetime | None = None
    compose: Composer | None = None
    progress: Progress | None = None
    workers: int | None = None
    summaries: SummaryMemo | None = None

    @classmethod
    def for_root(
        cls, root: Path, *, no_cache: bool = False, now: datetime | None = None, allow_shallow: bool = False, progress: Progress | None = None
    ) -> RunOptions:
        """What a command runs with: the SOP root's cache and history snapshot, unless `no_cache`."""
        return cls(
            cache=None if no_cache else cache_file(root),
            history_store=None if no_cache else history_file(root),
            allow_shallow=allow_shallow,
            now=now,
            progress=progress,
        )


@dataclass(frozen=True)
class Loaded:
    """The files as checked (documents, summaries, file-rule problems) and the model built
    from them. `history_error` says why history was asked for and could not be read."""

    files: list[CheckedFile]
    repository: Repository
    history_error: str | None = None
    found: list[SourceFile] = field(default_factory=list)  # the source's files, in the order of `files`


def load_repository(
    source: Source,
    config: Config,
    options: RunOptions = RunOptions(),
    *,
    history: bool = False,
    history_required: bool = False,
    reported: frozenset[str] | None = None,
    summaries_only: bool = False,
    linted: frozenset[str] | None = None,
) -> Loaded:
    """With `history`, git history is read too (the source must be the work tree, which
    is what history judges); where it cannot be, the model has none and `history_error`
    says why, or, with `history_required`, the error is raised. Given `reported`, only
    those files come with the problems the file rules found (see `check_files`). With
    `summaries_only`, the files come with their summaries and no problems (see
    `engine.summaries`). Given `linted`, the file rules run on those files only: the
    others are summarized (instructions read, positions findable) and come with no
    problems, and none of the summaries made is lost to the next run with the same
    `options` (see `RunOptions.summaries`)."""
    loader: SnapshotLoader | None = None
    history_error: str | None = None
    if history or history_required:
        from sop_lint.git.history import NoHistory, SnapshotLoader  # a run without history rules (the hook's) needs none

        assert source.is_work_tree, "history judges the work tree, not a revision"
        try:
            loader = SnapshotLoader(source.root, store=options.history_store, allow_shallow=options.allow_shallow, split_log=summaries_only)
        except NoHistory as error:
            if history_required:
                raise
            history_error = str(error)
    # A first run reads the whole log: it starts before anything else, and runs while the
    # files are checked (see `git.background`).
    pending = None
    if loader is not None and not loader.current:
        from sop_lint.git.background import PendingSnapshot

        pending = PendingSnapshot(loader)
    files = source.files(config)

    def check(workers: int | None, cores: int | None) -> list[CheckedFile]:
        if summaries_only:
            return summarize_files(source, files, config, cache_path=options.cache, compose=options.compose, workers=workers, cores=cores)
        if linted is not None:
            return _linted_or_summarized(source, files, config, options, linted, workers, cores)
        return check_files(
            source, files, config, cache_path=options.cache, compose=options.compose, progress=options.progress, workers=workers,
            problems_of=reported, cores=cores, widen=pending.ready if pending is not None else None,
        )

    def nested_loader(folder: Path) -> SnapshotLoader:
        """A repository inside the root's (a submodule) keeps its snapshot beside the root's."""
        own = history_file(folder)
        store = options.history_store.with_name(own.name) if options.history_store is not None and own is not None else None
        from sop_lint.git.history import SnapshotLoader

        return SnapshotLoader(folder, store=store, allow_shallow=options.allow_shallow)

    # Files go to worker processes only if nothing else runs in this process: forking
    # while the history thread runs is unsafe. While `git log` runs (it holds a core, and
    # is the longest part of a first run), the workers leave it one; once it is done, the
    # files left go to a worker per core (`widen`).
    spare = max(1, (os.cpu_count() or 1) - 1) if pending is not None else None
    checked = check(1 if pending is not None and not pending.in_child else options.workers, spare)
    read_history = None
    try:
        snapshot = pending.result() if pending is not None else loader.snapshot() if loader is not None else None
        if snapshot is not None:
            from sop_lint.git.nested import history_across

            read_history = history_across(snapshot, source.root, _blobs(checked), nested_loader)
    except GitFailed as error:  # git itself failed: the run goes on without history
        if history_required:
            raise
        history_error = str(error)
    repository = build_repository(config, [(file.document, file.summary) for file in checked], read_history, options.now)
    return Loaded(checked, repository, history_error, files)


def _linted_or_summarized(
    source: Source, files: list[SourceFile], config: Config, options: RunOptions, linted: frozenset[str], workers: int | None, cores: int | None
) -> list[CheckedFile]:
    """The files of `linted` checked, the others summarized, in the order of `files`."""
    chosen = [file for file in files if file.path in linted]
    others = [file for file in files if file.path not in linted]
    checked = check_files(source, chosen, config, cache_path=options.cache, compose=options.compose, part=True, workers=workers, cores=cores)
    summarized = summarize_files(
        source, others, config, cache_path=options.cache, compose=options.compose, workers=workers, cores=cores, instructions=True,
        made=options.summaries,
    )
    by_path = {file.document.path: file for file in (*checked, *summarized)}
    return [by_path[file.path] for file in files]


def _blobs(checked: list[CheckedFile]) -> dict[str, tuple[str, ...]]:
    """The blob ids each file may have in git (see `CheckedFile.lf_blob`)."""
    return {
        file.document.path: (file.blob, file.lf_blob) if file.lf_blob else (file.blob,)
        for file in checked
        if file.blob is not None
    }
