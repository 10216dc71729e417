"""Where sop-lint keeps what it learns about an SOP root between runs.

Inside a git work tree that is `.git/sop-lint/` (following a `.git` file, as worktrees
and submodules have), which git ignores and which is never part of the work tree;
outside git it is `$XDG_CACHE_HOME/sop-lint/` (default `~/.cache/sop-lint/`).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def state_folder(root: Path) -> Path:
    git_dir = _git_dir(root.resolve())
    if git_dir is not None:
        return git_dir / "sop-lint"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sop-lint"


def root_tag(root: Path) -> str:
    """A short name for the SOP root, so that several roots can share a folder."""
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


def _git_dir(folder: Path) -> Path | None:
    """The `.git` folder of the work tree holding `folder`, found without running git,
    which would cost more than a whole warm run's parsing."""
    for candidate in (folder, *folder.parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                return (candidate / text.removeprefix("gitdir:").strip()).resolve()
    return None
