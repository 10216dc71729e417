"""Reading a process or SOP file's bytes within bounds.

A file that is too large is refused from its size on disk, before any of it is read, and
only regular files are opened for reading: a FIFO would block the run forever and a
device could stream without end. A file that is a link leading out of the SOP root is
never opened at all (`SourceFile.leads_outside`, set by discovery). Each refusal is a
`LoadProblem` for the file, so the run goes on with the others.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from sop_lint.findings import FILE_START
from sop_lint.reading.documents import LoadProblem, LoadProblemKind

if TYPE_CHECKING:
    from sop_lint.reading.discovery import SourceFile

# O_NONBLOCK lets a FIFO be opened (and then refused) without waiting for a writer; it
# changes nothing for a regular file. O_BINARY matters on Windows only.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)

_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def read_source(root: Path, file: SourceFile, max_bytes: int) -> bytes | LoadProblem:
    """The bytes of a discovered file, or why they were not read."""
    if file.leads_outside is not None:
        return LoadProblem(
            LoadProblemKind.UNREADABLE,
            f"this is a link to `{file.leads_outside}`, outside the SOP root, and sop-lint does not "
            "follow it: move or copy what it points to into the SOP root, or `exclude` the link",
            FILE_START,
        )
    return read_bounded(os.path.join(root, file.path), max_bytes)


def read_auxiliary(folder: Path, relative: str, max_bytes: int) -> bytes | LoadProblem:
    """The bytes of a file sop-lint reads beside the processes and SOPs (CODEOWNERS,
    `pyproject.toml`, `.git-blame-ignore-revs`, a configuration file it finds), with the
    same rules: a regular file, at most `max_bytes`, and never through a link that leads
    out of `folder` or into git's own data (`CODEOWNERS -> .git/config` would print the
    CI token stored there as an owner)."""
    path = folder / relative
    if os.path.islink(path) or any(os.path.islink(parent) for parent in path.parents if folder in parent.parents):
        real, real_folder = os.path.realpath(path), os.path.realpath(folder)
        inside = real.startswith(real_folder.rstrip(os.sep) + os.sep)
        if not inside or ".git" in Path(os.path.relpath(real, real_folder)).parts:
            return _unreadable(f"{relative} is a link to `{real}`, outside {folder} or into git's data: sop-lint does not follow it")
    return read_bounded(str(path), max_bytes)


def read_bounded(path: str, max_bytes: int) -> bytes | LoadProblem:
    """The bytes of the regular file at `path` if there are at most `max_bytes` of them."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        return _unreadable(f"cannot read the file: {error.strerror}")
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):  # the usual case decided by one test, not five
            what = next((name for test, name in _NOT_REGULAR if test(info.st_mode)), "a special file")
            return _unreadable(f"this is {what}, not a regular file, so sop-lint does not read it")
        if info.st_size > max_bytes:
            return too_large(info.st_size, max_bytes)
        # One read when the size is right; a file that grew, shrank or came back short is
        # read on to its end, still never past the limit.
        content = os.read(descriptor, info.st_size + 1)
        if len(content) != info.st_size:
            content += _read_to_end(descriptor, max_bytes + 1 - len(content))
        if len(content) > max_bytes:
            return too_large(None, max_bytes)
        return content
    except OSError as error:
        return _unreadable(f"cannot read the file: {error.strerror}")
    finally:
        os.close(descriptor)


def too_large(size: int | None, max_bytes: int) -> LoadProblem:
    """`size` is None when the file grew past the limit while being read."""
    measured = f"{size:,} bytes" if size is not None else f"more than {max_bytes:,} bytes"
    return LoadProblem(
        LoadProblemKind.LIMIT,
        f"the file is {measured}, over the limit of {max_bytes:,} (`max-file-size`), so "
        "sop-lint does not read it: split it into smaller files, or raise `max-file-size` in the configuration",
        FILE_START,
    )


def _read_to_end(descriptor: int, budget: int) -> bytes:
    chunks = []
    while budget > 0 and (chunk := os.read(descriptor, min(budget, 1 << 16))):
        chunks.append(chunk)
        budget -= len(chunk)
    return b"".join(chunks)


def _unreadable(message: str) -> LoadProblem:
    return LoadProblem(LoadProblemKind.UNREADABLE, message, FILE_START)
