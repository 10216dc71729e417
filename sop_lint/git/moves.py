"""A file's move recorded in the index, as `git mv` records it.

`git mv OLD NEW` moves the index entry: NEW is staged with what was staged for OLD, and
OLD is no longer there. `rename` writes the files itself (all or none, see
`reading.edits.replace_files`) and then moves the entry the same way, with one `git
update-index`: what OLD held when staged is kept, the rename's own edit of the file is
left unstaged like every other file it edits, and `git status` shows the move.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sop_lint.git.location import git_location
from sop_lint.git.runner import GitFailed, git_at, run, without_git_variables


@dataclass(frozen=True)
class IndexEntry:
    """A staged file: where it is from the work tree's top, its mode and its blob."""

    path: str
    mode: str
    blob: str


def staged(root: Path, path: str) -> IndexEntry | None:
    """The index entry of `path` (under the SOP root `root`), None outside git or when
    git does not track it (a file in conflict has no single entry: None too). Asked
    before anything is written: while another git command holds the index, it is an
    error here, not after the files have changed."""
    location = git_location(root)
    if location is None:
        return None
    if (location.git_dir / "index.lock").exists():
        raise GitFailed(
            f"another git command is using this repository ({location.git_dir / 'index.lock'} exists): "
            "run again when it is done (if none is running, delete that file)"
        )
    full = location.prefix_of(root) + path
    with without_git_variables():
        listed = run(git_at(location.work_tree), "ls-files", "--stage", "-z", "--", f":(literal){full}")
    entries = [entry for entry in listed.split("\0") if entry]
    if len(entries) != 1:
        return None
    info, _, name = entries[0].partition("\t")
    mode, blob, stage = info.split(" ")
    return IndexEntry(name, mode, blob) if stage == "0" and name == full else None


def move_in_index(root: Path, entry: IndexEntry, new_path: str) -> None:
    """Stages `entry` under `new_path` (under the SOP root) and no longer under its own."""
    location = git_location(root)
    assert location is not None, "only a staged file is moved in the index"
    new = location.prefix_of(root) + new_path
    with without_git_variables():
        run(
            git_at(location.work_tree), "update-index", "--add", "--cacheinfo", f"{entry.mode},{entry.blob},{new}",
            "--force-remove", "--", entry.path,
        )
