"""Which folder is the SOP root, when the command line does not say.

As ruff and pre-commit find theirs: from where the command starts (the current folder, or
the folder holding the FILEs given), up to the nearest folder with a sop-lint
configuration; else up to the nearest one holding the folders the default patterns look
in (`processes/`, `sops/`). The walk stops at the git work tree's root, the edge of the
project; outside git it goes on to the file system's root. Where nothing is found, the
start folder stays the root, and a run that then finds no process or SOP says where it
looked (`nothing_found`) instead of passing with nothing checked.
"""

from __future__ import annotations

import os
from pathlib import Path

from sop_lint.config.loading import find_config_file
from sop_lint.config.settings import Config, default_config
from sop_lint.errors import SopLintError
from sop_lint.git.location import git_location
from sop_lint.reading.globs import fixed_folder


def find_root(start: Path) -> Path:
    """The SOP root for a run started in `start` (see the module's docstring)."""
    location = git_location(start)
    top = location.work_tree if location is not None else None
    folders = []
    for folder in (start.resolve(), *start.resolve().parents):
        folders.append(folder)
        if folder == top:
            break
    for folder in folders:
        if find_config_file(folder) is not None:
            return _as_given(folder, start)
    defaults = default_config()
    looked_in = {fixed_folder(pattern) for pattern in (*defaults.processes, *defaults.sops)} - {""}
    for folder in folders:
        if any((folder / name).is_dir() for name in looked_in):
            return _as_given(folder, start)
    return start


def start_of(files: list[Path]) -> Path:
    """Where a run given FILEs starts: the folder holding them all (relative when they are)."""
    if not files:
        return Path(".")
    common = os.path.commonpath([os.path.abspath(file.parent) for file in files])
    return Path(common) if any(file.is_absolute() for file in files) else Path(os.path.relpath(common))


def nothing_found(root: Path, config: Config) -> SopLintError:
    """A run of the whole root that found no process or SOP: a mistake in where it ran
    (or in the patterns), never a pass."""
    return SopLintError(
        f"no process or SOP files in {root.resolve()} (looked for {_patterns(config)}): run sop-lint in the folder that holds "
        "them, or give that folder, like `sop-lint check path/to/ops`"
    )


def nothing_to_compare(root: Path, config: Config, base_ref: str) -> SopLintError:
    """A diff whose two commits hold no process or SOP under the root: the root is wrong
    (the SOPs live in a folder of the repository), never a pass on every pull request."""
    return SopLintError(
        f"no process or SOP files in {root.resolve()} at either commit (looked for {_patterns(config)}): give the folder that "
        f"holds them, like `sop-lint diff path/to/ops --base {base_ref}`"
    )


def _patterns(config: Config) -> str:
    return ", ".join([*config.processes, *config.sops])


def _as_given(folder: Path, start: Path) -> Path:
    """`folder` written as relative as the start was, so that messages name paths the way
    the person typed them (`.` stays `.`, `..` for the parent)."""
    return folder if start.is_absolute() else Path(os.path.relpath(folder))
