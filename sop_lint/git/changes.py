"""What a file's change between two trees is, as `git diff --raw -z` says it."""

from __future__ import annotations

from dataclasses import dataclass

from sop_lint.git.submodules import REGULAR_FILES

# The mode `git diff --raw` gives the side of a change where the file is absent.
_ABSENT = "000000"


@dataclass(frozen=True)
class Change:
    """One file's change between two trees: `status` is A(dded), M(odified), D(eleted) or
    R(enamed, `old_path` → `path`, perhaps edited too); T (a type change) counts as M.
    `old_regular` and `new_regular`: that side is a regular file or absent (not a link,
    which sop-lint does not read as a file, and whose target may be a file's very bytes)."""

    status: str
    path: str
    old_path: str | None = None
    old_blob: str | None = None
    new_blob: str | None = None
    old_regular: bool = True
    new_regular: bool = True

    @property
    def regular(self) -> bool:
        """Both sides are regular files, or absent."""
        return self.old_regular and self.new_regular

    @property
    def paths(self) -> tuple[str, ...]:
        """The path, and the old one of a rename."""
        return (self.path, self.old_path) if self.old_path else (self.path,)


def parse_raw(output: str, prefix: str) -> list[tuple[str, str, Change]]:
    """`git diff --raw -z`: `:mode mode blob blob STATUS\\0path\\0[path\\0]` per file; each
    change with its old and new modes."""
    fields = output.split("\0")
    changes: list[tuple[str, str, Change]] = []
    index = 0
    while index < len(fields) and fields[index].startswith(":"):
        old_mode, new_mode, old_blob, new_blob, status = fields[index][1:].split()
        kind = status[0]
        if kind in "RC":
            old_path, path = fields[index + 1], fields[index + 2]
            index += 3
        else:
            old_path, path = None, fields[index + 1]
            index += 2
        if kind == "C":  # a copy leaves the original: for us the copy is new
            kind, old_path = "A", None
        change = Change(
            status="M" if kind == "T" else kind,
            path=path.removeprefix(prefix),
            old_path=old_path.removeprefix(prefix) if old_path else None,
            old_blob=None if set(old_blob) == {"0"} else old_blob,
            new_blob=None if set(new_blob) == {"0"} else new_blob,
            old_regular=old_mode in (*REGULAR_FILES, _ABSENT),
            new_regular=new_mode in (*REGULAR_FILES, _ABSENT),
        )
        changes.append((old_mode, new_mode, change))
    return changes
