"""A revision's files read from the work tree where it holds the same bytes.

`sop-lint diff` reads both revisions from git, never checking them out. But the work tree
usually holds most of their files as they are (a pull request's job has its head checked
out; a branch shares most files with its merge base), and reading a file and hashing it
costs a worker process less than `git cat-file` costs the main one: on the benchmark's
12,015 files, 0.27 s of CPU against 0.35 s, and the workers share it instead of waiting
for all of it before they start. Each copy is proven by its blob id, so a file edited
since, missing from a sparse checkout or changed by a filter is read from git, as before.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from sop_lint.engine.cache import blob_id
from sop_lint.reading.files import read_bounded


class DiskCopies(NamedTuple):
    """Where the files of a revision of the SOP root at `root` may lie on disk."""

    root: str
    object_format: str
    max_bytes: int

    def read(self, path: str, blob: str) -> bytes | None:
        """The bytes of `blob`, if the file at `path` holds them; else None. A file git
        wrote with CR LF line ends (`core.autocrlf`) holds them once those are LF again."""
        raw = read_bounded(os.path.join(self.root, path), self.max_bytes)  # a regular file only, within bounds
        if not isinstance(raw, bytes):
            return None
        if blob_id(raw, self.object_format) == blob:
            return raw
        if b"\r\n" in raw and blob_id(converted := raw.replace(b"\r\n", b"\n"), self.object_format) == blob:
            return converted
        return None
