"""Where sop-lint keeps what it learns about an SOP root between runs.

Inside a git work tree that is `.git/sop-lint/` (following a `.git` file, as worktrees
and submodules have), which git ignores and which is never part of the work tree;
outside git it is `$XDG_CACHE_HOME/sop-lint/` (default `~/.cache/sop-lint/`). sop-lint
never creates folders anywhere else: a `.git` file naming a folder that holds no
repository (missing, or any other folder) counts as no git folder, a relative `XDG_CACHE_HOME` is ignored (the XDG spec says so),
and with no usable home either there is no state folder and every run starts afresh.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sop_lint.git.location import git_location, is_git_folder


def state_folder(root: Path) -> Path | None:
    location = git_location(root)
    if location is not None and is_git_folder(location.git_dir):
        return location.git_dir / "sop-lint"
    home = cache_home()
    return None if home is None else home / "sop-lint"


def cache_home() -> Path | None:
    """`$XDG_CACHE_HOME` when absolute, else `~/.cache` when the home folder exists (a
    container may have none, or a `HOME` that names nothing, or a relative one)."""
    named = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(named):
        return Path(named)
    home = os.environ["HOME"] if "HOME" in os.environ else os.path.expanduser("~")  # else the password file's
    return Path(home) / ".cache" if os.path.isabs(home) and os.path.isdir(home) else None


def cache_file(root: Path) -> Path | None:
    """Where the cache of the SOP root `root` lives: one folder of shards per root."""
    folder = state_folder(root)
    return None if folder is None else folder / f"cache-{root_tag(root)}"


def history_file(root: Path) -> Path | None:
    """Where the snapshot of the SOP root's history lives (see `git.history.SnapshotLoader`)."""
    folder = state_folder(root)
    return None if folder is None else folder / f"history-{root_tag(root)}.pickle"


def root_tag(root: Path) -> str:
    """A short name for the SOP root, so that several roots can share a folder."""
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
