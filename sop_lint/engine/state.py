"""Where sop-lint keeps what it learns about an SOP root between runs.

Inside a git work tree that is `.git/sop-lint/` (following a `.git` file, as worktrees
and submodules have), which git ignores and which is never part of the work tree;
outside git it is `$XDG_CACHE_HOME/sop-lint/` (default `~/.cache/sop-lint/`).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sop_lint.git.location import git_location


def state_folder(root: Path) -> Path:
    location = git_location(root)
    if location is not None:
        return location.git_dir / "sop-lint"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sop-lint"


def cache_file(root: Path) -> Path:
    """Where the cache of the SOP root `root` lives: one folder of shards per root."""
    return state_folder(root) / f"cache-{root_tag(root)}"


def history_file(root: Path) -> Path:
    """Where the snapshot of the SOP root's history lives (see `git.history.SnapshotLoader`)."""
    return state_folder(root) / f"history-{root_tag(root)}.pickle"


def root_tag(root: Path) -> str:
    """A short name for the SOP root, so that several roots can share a folder."""
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
