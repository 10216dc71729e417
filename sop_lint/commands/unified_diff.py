"""The unified diff of files an edit changes, as `check --diff` and `rename --dry-run`
print it: paths from the git work tree root, so that `git apply` takes it.

A file that moves is shown as git shows a rename (`rename from`/`rename to` under a
`diff --git` header, then its changed lines), not as a deletion and a whole new file: a
reader sees the one line that changed, and `git apply` moves the file.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sop_lint.findings import visible
from sop_lint.reading.edits import RealPaths, editable
from sop_lint.reading.lines import lines_with_ends


@dataclass(frozen=True)
class Change:
    """A file's bytes before and after an edit; `new_path` differs from `path` when it moves."""

    path: str
    before: bytes
    after: bytes
    new_path: str | None = None


def unified_diff(changes: Iterable[Change], prefix: str) -> str:
    """`prefix` is the SOP root's path inside the work tree (see `repository_prefix`)."""
    pieces = []
    for change in changes:
        before, after = editable(change.before), editable(change.after)
        assert before is not None and after is not None  # only text is ever edited
        old = visible(prefix + change.path)
        new = visible(prefix + (change.new_path or change.path))
        header = f"diff --git a/{old} b/{new}\nrename from {old}\nrename to {new}\n" if new != old else ""
        # The byte order mark is the first line's first character, as `git apply` reads it.
        lines = difflib.unified_diff(
            lines_with_ends(before.mark.decode(before.encoding) + before.text),
            lines_with_ends(after.mark.decode(after.encoding) + after.text),
            f"a/{old}", f"b/{new}",
        )
        pieces.append(header + "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines))
    return "".join(pieces)


def linked_to(root: Path) -> Callable[[str], str]:
    """The path of the file a path under `root` is, through any symbolic link: git keeps a
    link as the path it points to, so `git apply` patches the file it points to, never the
    link. Each folder is resolved once (a rename's diff names hundreds of files)."""
    real_root, real = Path(os.path.realpath(root)), RealPaths()

    def resolved(path: str) -> str:
        try:
            return real(root / path).relative_to(real_root).as_posix()
        except ValueError:  # outside the SOP root: discovery never follows such a link there
            return path

    return resolved
