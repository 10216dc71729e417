"""Text edits on a file's own bytes: what `review` and the fixes write.

An edit replaces a span of the decoded text; every other character, and the file's
encoding, byte order mark and line ends, come back as they were. Nothing here dumps a
parsed document again: a round trip through a YAML library re-indents, re-quotes and
drops comments, which is what users of other linters' autofix complain about.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable, Mapping
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

from sop_lint.findings import Edit
from sop_lint.reading.decoding import byte_order
from sop_lint.reading.lines import offset_of


class EditableText(NamedTuple):
    """A file's text without its byte order mark, and how to write it back."""

    text: str
    mark: bytes
    encoding: str

    def encode(self, text: str) -> bytes:
        return self.mark + text.encode(self.encoding)


def editable(raw: bytes) -> EditableText | None:
    """None when the bytes are not text in their encoding: an edit could not keep them."""
    mark, encoding = byte_order(raw)
    try:
        return EditableText(raw[len(mark) :].decode(encoding), mark, encoding)
    except UnicodeDecodeError:
        return None


def apply_edits(text: str, edits: Iterable[Edit]) -> str | None:
    """`text` with every edit made, or None when one does not find the text it expects at
    its position, or two overlap (then none is made: half a fix is not one)."""
    spans = edit_spans(text, edits)
    if spans is None:
        return None
    pieces, at = [], 0
    for start, end, new in spans:
        pieces += [text[at:start], new]
        at = end
    return "".join([*pieces, text[at:]])


def edit_spans(text: str, edits: Iterable[Edit]) -> list[tuple[int, int, str]] | None:
    """Where in `text` each edit goes, as (start, end, new text) in offset order; None
    when one does not find its text, or two overlap. A value's position is where it is
    written, an opening quote included: an edit of its text at that position is made
    inside the quotes (a rule that reads the model, not the file, cannot know whether the
    value was quoted). The editor's quick fixes are these spans too."""
    spans = []
    for edit in edits:
        start = offset_of(text, edit.position.line - 1, edit.position.column - 1)
        if not text.startswith(edit.old, start) and text[start : start + 1] in ("'", '"') and edit.old:
            start += 1
        if not text.startswith(edit.old, start):
            return None
        spans.append((start, start + len(edit.old), edit.new))
    spans.sort(key=lambda span: span[:2])
    if any(later[0] < earlier[1] for earlier, later in pairwise(spans)):
        return None
    return spans


def replace_files(
    contents: Mapping[Path, bytes], moves: Mapping[Path, Path] | None = None, read_as: Mapping[Path, bytes] | None = None
) -> None:
    """Writes every file or none: each is first written whole to a temporary file beside
    it (a full disk or a read-only folder fails here, with nothing changed), and each file
    it replaces is opened for writing (a read-only file, or one on a read-only mount, fails
    here too), then each takes its file's place in one step, keeping its permissions. Should
    one of those steps fail still (a file that is a mount point of its own cannot be
    replaced), the files already replaced get their old content back. A symbolic link is
    written through: its target changes, the link stays a link.
    `moves` maps a new path among `contents` to the file it replaces under another name
    (a rename): that file's permissions are kept, and it is removed last.
    `read_as` holds the bytes a file of `contents` was edited from: a file that no longer
    holds them (saved by an editor while sop-lint worked) is not overwritten, and nothing
    is written (an `OSError` that says so, for the caller's "cannot write")."""
    moves = moves or {}
    written: list[tuple[str, Path]] = []
    originals: dict[Path, bytes | None] = {}
    real = RealPaths()
    try:
        for link, content in contents.items():
            path = real(link)  # a linked file is written through its link, which stays
            replaced = real(moves[link]) if link in moves else path
            mode, current = _open_to_replace(replaced)
            if read_as is not None and link in read_as and current != read_as[link]:
                raise OSError(errno.EAGAIN, "it changed while sop-lint was editing it (run the command again)", str(link))
            originals[path] = None if link in moves else current  # `replaced` is `path` unless it moves
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".sop-lint-")
            written.append((temporary, path))
            with os.fdopen(handle, "wb") as file:
                _set_mode(file.fileno(), temporary, mode)
                file.write(content)
    except BaseException:
        for temporary, _ in written:
            Path(temporary).unlink(missing_ok=True)
        raise
    done: list[Path] = []
    for temporary, path in written:
        try:
            os.replace(temporary, path)
        except OSError as error:
            for left, _ in written[len(done) :]:
                Path(left).unlink(missing_ok=True)
            _restore(done, originals)
            raise OSError(error.errno, error.strerror, str(path)) from None
        done.append(path)
    for old in moves.values():
        old.unlink()


class RealPaths:
    """`os.path.realpath`, each folder resolved once: a rename writes hundreds of files in
    a few folders, and resolving a path asks the file system about each of its parts.
    A folder is kept as it was spelled, never collapsed first: in `link/../repo` the `..`
    leaves the folder `link` points to, as the system reads it, not the one beside `link`."""

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def __call__(self, path: Path) -> Path:
        folder, name = os.path.split(os.fspath(path))
        if name in ("", ".", "..") or os.path.islink(path):
            return Path(os.path.realpath(path))
        if folder not in self.folders:
            self.folders[folder] = os.path.realpath(folder or os.curdir)
        return Path(self.folders[folder], name)


def _open_to_replace(path: Path) -> tuple[int, bytes]:
    """The permissions and bytes of a file about to be replaced, from one opening for
    reading and writing: a read-only file, or one on a read-only mount, fails here, before
    anything is written."""
    descriptor = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(descriptor)
        chunks = [os.read(descriptor, info.st_size + 1)]
        while chunks[-1]:  # a file that grew since: read on to its end
            chunks.append(os.read(descriptor, 1 << 16))
        return info.st_mode, b"".join(chunks)
    finally:
        os.close(descriptor)


def _set_mode(descriptor: int, path: str, mode: int) -> None:
    """The replaced file's permissions, on the open temporary file where the system allows it."""
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, mode)
    else:  # Windows, before Python 3.13
        os.chmod(path, mode)


def _restore(paths: list[Path], originals: Mapping[Path, bytes | None]) -> None:
    """The files of a failed `replace_files` as they were: a moved file's new name gone."""
    for path in paths:
        original = originals[path]
        if original is None:
            path.unlink()
        else:
            replace_files({path: original})
