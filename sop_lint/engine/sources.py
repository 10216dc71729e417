"""Where a run's file bytes come from: the work tree, a git revision or the index, or any
of these with in-memory contents laid over it.

Every command reads through a source, so the same engine (and the same cache, keyed by
git blob id) serves `check` on the work tree, `check --staged` on the index, `diff` on two
commits, and an editor on unsaved buffers (an `Overlay`). A git source knows each file's
blob id without reading it, so the engine reads only the files its cache lacks; the work
tree must be read to know its ids.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, NoReturn, Protocol

from sop_lint.config.settings import Config
from sop_lint.engine.disk_copies import DiskCopies
from sop_lint.git.location import git_location, object_format
from sop_lint.reading.discovery import (
    SourceFile,
    discover,
    every_path,
    expected_kind,
    files_among,
    walk_order,
)
from sop_lint.reading.documents import LoadProblem
from sop_lint.reading.files import read_source, too_large

if TYPE_CHECKING:  # a run of the work tree does not load what reads git objects
    from sop_lint.git.trees import Revision


class StoredBlob(NamedTuple):
    """A file's content known by its git blob id, read only when needed."""

    id: str


# A file's content as a source first gives it: its bytes, its blob id, or why it cannot be read.
Content = bytes | StoredBlob | LoadProblem
# What changes on disk when a file's content does, as git's index keeps it: size, the
# times its content and its inode last changed (ns; setting the first back changes the
# second), and inode.
Signature = tuple[int, int, int, int]


class Source(Protocol):
    @property
    def root(self) -> Path:
        """The SOP root on disk (for the state folder and, on the work tree, history)."""

    @property
    def is_work_tree(self) -> bool:
        """Whether the files are the work tree's (history rules judge only those)."""

    @property
    def object_format(self) -> str:
        """The hash blob ids are made with: the git repository's ("sha1" or "sha256")."""

    def files(self, config: Config) -> list[SourceFile]:
        """The process and SOP files, in the order `discover` walks them."""

    def contents(self, files: list[SourceFile], config: Config) -> list[Content]: ...

    def signatures(self, files: list[SourceFile]) -> list[Signature | None]:
        """For files read from disk, their `Signature` (None where there is none to read);
        a file with the same signature as before holds the same bytes, unless it changed
        within the clock's resolution of when it was read (git's "racily clean" files).
        None for every file of a source that knows blob ids without reading."""

    def all_paths(self) -> Iterable[str]:
        """Every file under the root, of any kind: where a missing SOP may be misnamed."""

    def blob_ids(self) -> Mapping[str, str] | None:
        """Every file's blob id by path, of any kind, when the source lists them without
        reading a file (a revision, the index); None where the files must be found and read."""

    def read_blobs(self, blobs: list[str], max_bytes: int) -> list[bytes | LoadProblem]:
        """The bytes of stored blobs (a blob over `max_bytes` is a problem instead)."""

    def blob_reader(self, blob: str) -> Callable[[], bytes]:
        """Reads one stored blob when called, for a document that needs its positions later."""

    def disk_copies(self, max_bytes: int) -> DiskCopies | None:
        """Where stored blobs may be read from the work tree instead (see `engine.disk_copies`)."""


@dataclass(frozen=True)
class WorkTree:
    """The files on disk under the SOP root, read within bounds (see `reading.files`). In a
    sparse checkout, the files git leaves out of the work tree are read from the index
    (`outside_checkout`): git counts the index's content as theirs, and references to
    them must resolve as in a full checkout. Make one with `work_tree`."""

    root: Path
    is_work_tree: bool = True
    outside_checkout: Revision | None = None

    @functools.cached_property
    def object_format(self) -> str:
        return object_format(git_location(self.root))

    def files(self, config: Config) -> list[SourceFile]:
        found = discover(self.root, config)
        if self.outside_checkout is None:
            return found
        known = {file.path for file in found}
        left_out = [file for file in files_among(self.outside_checkout.blobs, config) if file.path not in known]
        return sorted([*found, *left_out], key=lambda file: walk_order(file.path)) if left_out else found

    def contents(self, files: list[SourceFile], config: Config) -> list[Content]:
        return [StoredBlob(blob) if (blob := self.left_out(file.path)) else self.read(file, config) for file in files]

    def signatures(self, files: list[SourceFile]) -> list[Signature | None]:
        top = os.fspath(self.root) + os.sep
        found: list[Signature | None] = []
        for file in files:
            try:
                info = os.stat(top + file.path)  # a link inside the root is read through, as here
            except OSError:
                info = None
            found.append(None if info is None or file.leads_outside else (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
        return found

    def all_paths(self) -> Iterable[str]:
        return every_path(self.root)

    def blob_ids(self) -> None:
        return None

    def read(self, file: SourceFile, config: Config) -> bytes | LoadProblem:
        return read_source(self.root, file, config.max_file_size)

    def left_out(self, path: str) -> str | None:
        """The blob id of a file the sparse checkout leaves out of the work tree, else None."""
        if self.outside_checkout is None or path not in self.outside_checkout.blobs or os.path.lexists(self.root / path):
            return None
        return self.outside_checkout.blobs[path]

    def read_blobs(self, blobs: list[str], max_bytes: int) -> list[bytes | LoadProblem]:
        assert self.outside_checkout is not None, "the work tree gives bytes, never stored blobs"
        return GitTree(self.outside_checkout).read_blobs(blobs, max_bytes)

    def blob_reader(self, blob: str) -> Callable[[], bytes]:
        assert self.outside_checkout is not None, "the work tree gives bytes, never stored blobs"
        return self.outside_checkout.reader(blob)

    def disk_copies(self, max_bytes: int) -> None:
        return None  # its stored blobs are the files a sparse checkout leaves off the disk


def work_tree(root: Path) -> WorkTree:
    """The work tree at `root`; a sparse checkout costs one `git ls-files`, a full one nothing."""
    location = git_location(root)
    if location is None or not location.is_sparse:
        return WorkTree(root)
    from sop_lint.git.trees import GitRepository

    return WorkTree(root, outside_checkout=GitRepository(root).outside_checkout())


class GitTree(NamedTuple):
    """The files of a commit, or of the index, read from git objects (see `git.trees`):
    nothing is checked out, and only the blobs the cache lacks are read."""

    revision: Revision
    is_work_tree: bool = False

    @property
    def root(self) -> Path:
        return self.revision.root

    @property
    def object_format(self) -> str:
        return self.revision.repository.object_format

    def files(self, config: Config) -> list[SourceFile]:
        return files_among(self.revision.blobs, config)

    def contents(self, files: list[SourceFile], config: Config) -> list[Content]:
        return [StoredBlob(self.revision.blobs[file.path]) for file in files]

    def signatures(self, files: list[SourceFile]) -> list[Signature | None]:
        return [None] * len(files)

    def all_paths(self) -> Iterable[str]:
        return self.revision.blobs

    def blob_ids(self) -> Mapping[str, str]:
        return self.revision.blobs

    def read_blobs(self, blobs: list[str], max_bytes: int) -> list[bytes | LoadProblem]:
        missing = self.revision.repository.missing(blobs)
        if missing:
            _not_downloaded(self.revision, missing)
        return [raw if isinstance(raw, bytes) else too_large(raw, max_bytes) for raw in self.revision.read_all(blobs, max_bytes)]

    def blob_reader(self, blob: str) -> Callable[[], bytes]:
        return self.revision.reader(blob)

    def disk_copies(self, max_bytes: int) -> DiskCopies:
        return DiskCopies(os.fspath(self.root), self.object_format, max_bytes)


def _not_downloaded(revision: Revision, missing: set[str]) -> NoReturn:
    """Says which files of a partial clone's revision are not on this machine, in one line."""
    from sop_lint.git.runner import GitFailed

    paths = sorted(path for path, blob in revision.blobs.items() if blob in missing)
    commit = "HEAD" if revision.commit == "index" else revision.commit[:12]  # an index blob not made here is HEAD's
    where = "the index" if revision.commit == "index" else f"commit {commit}"
    if len(paths) == 1:
        what, pronoun = f"{paths[0]} of {where} is", "it"
    else:
        shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
        what, pronoun = f"{len(paths)} files of {where} ({shown}) are", "them"
    command = f"`git archive {commit} -- {revision.repository.prefix or '.'} > /dev/null`"
    raise GitFailed(f"{what} not in this partial clone, and sop-lint never downloads: let git fetch {pronoun} with {command} and run again")


class Overlay(NamedTuple):
    """`base` with some files' contents replaced by `buffers` (path under the SOP root →
    bytes, or None for a file taken away): an editor's unsaved buffers, or the files an
    edit is about to write. A buffer at a path the base lacks is a new file when the
    configuration's globs make it a process or an SOP."""

    base: Source
    buffers: Mapping[str, bytes | None]

    @property
    def root(self) -> Path:
        return self.base.root

    @property
    def is_work_tree(self) -> bool:
        return self.base.is_work_tree

    @property
    def object_format(self) -> str:
        return self.base.object_format

    def files(self, config: Config) -> list[SourceFile]:
        files = [file for file in self.base.files(config) if self.buffers.get(file.path, b"") is not None]
        known = {file.path for file in files}
        added = [
            SourceFile(path, kind)
            for path, content in self.buffers.items()
            if content is not None and path not in known and (kind := expected_kind(path, config)) is not None
        ]
        return sorted([*files, *added], key=lambda file: walk_order(file.path)) if added else files

    def contents(self, files: list[SourceFile], config: Config) -> list[Content]:
        underneath = [file for file in files if file.path not in self.buffers]
        from_base = iter(self.base.contents(underneath, config))
        return [self._buffer(file.path, config) if file.path in self.buffers else next(from_base) for file in files]

    def signatures(self, files: list[SourceFile]) -> list[Signature | None]:
        underneath = iter(self.base.signatures([file for file in files if file.path not in self.buffers]))
        return [None if file.path in self.buffers else next(underneath) for file in files]

    def blob_ids(self) -> None:
        return None  # a buffer has no blob id until it is hashed

    def all_paths(self) -> Iterable[str]:
        under = [path for path in self.base.all_paths() if self.buffers.get(path, b"") is not None]
        return [*under, *(path for path, content in self.buffers.items() if content is not None and path not in set(under))]

    def _buffer(self, path: str, config: Config) -> Content:
        content = self.buffers[path]
        assert content is not None  # a file taken away is not listed
        return content if len(content) <= config.max_file_size else too_large(len(content), config.max_file_size)

    def read_blobs(self, blobs: list[str], max_bytes: int) -> list[bytes | LoadProblem]:
        return self.base.read_blobs(blobs, max_bytes)

    def blob_reader(self, blob: str) -> Callable[[], bytes]:
        return self.base.blob_reader(blob)

    def disk_copies(self, max_bytes: int) -> DiskCopies | None:
        return self.base.disk_copies(max_bytes)
