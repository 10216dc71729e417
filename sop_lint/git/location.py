"""Where a folder's git repository is, found by reading `.git` without running git: a
warm run must not pay for a git process. Follows a `.git`
file, as linked worktrees and submodules have, and honours `GIT_DIR` and
`GIT_WORK_TREE` as git does."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import NamedTuple


class GitLocation(NamedTuple):
    """Where a work tree's git data is: `git_dir` (per worktree) and `common_dir` (refs,
    objects; the same as `git_dir` outside linked worktrees)."""

    work_tree: Path
    git_dir: Path
    common_dir: Path
    # Named by GIT_DIR (and GIT_WORK_TREE), which git then needs to be told again: sop-lint
    # runs git without the caller's GIT_* variables (see `git.runner`).
    from_environment: bool = False

    @property
    def is_partial(self) -> bool:
        """A partial clone (`--filter`), whose missing objects git would download on demand."""
        return any((self.common_dir / "objects" / "pack").glob("*.promisor"))

    @property
    def is_sparse(self) -> bool:
        """A sparse checkout may leave files out of the work tree (it may also have been
        disabled since: then no file is left out)."""
        return (self.git_dir / "info" / "sparse-checkout").is_file()

    def prefix_of(self, root: Path) -> str:
        """The path of `root` inside the work tree, ending in `/` ("" for the work tree root),
        as git and code-review services write paths."""
        relative = root.resolve().relative_to(self.work_tree.resolve()).as_posix()
        return "" if relative == "." else relative + "/"


def git_location(root: Path) -> GitLocation | None:
    """The work tree holding `root`, found without running git: a warm run must not pay
    for a git process."""
    folder = root.resolve()
    explicit = _from_environment(folder)
    if explicit is not None:
        return explicit
    for candidate in (folder, *folder.parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return GitLocation(candidate, dot_git, dot_git)
        if dot_git.is_file():
            text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
            if not text.startswith("gitdir:"):
                return None
            git_dir = (candidate / text.removeprefix("gitdir:").strip()).resolve()
            return GitLocation(candidate, git_dir, _common_dir(git_dir))
    return None


def repository_prefix(root: Path) -> str:
    """The SOP root's path inside its git work tree, with a trailing `/` ("" outside git)."""
    location = git_location(root)
    return location.prefix_of(root) if location else ""


def is_git_folder(folder: Path) -> bool:
    """Whether `folder` holds a repository's data, as git tells: a HEAD, and objects of its
    own or a `commondir` (a linked worktree's). A `.git` file or `GIT_DIR` may name any
    folder, and sop-lint writes only into a real one."""
    return (folder / "HEAD").is_file() and ((folder / "objects").is_dir() or (folder / "commondir").is_file())


def _from_environment(folder: Path) -> GitLocation | None:
    """The repository `GIT_DIR` names, as git reads it: the work tree is `GIT_WORK_TREE`,
    else the current folder. None when it names none, or a work tree that does not hold
    `folder` (git would refuse the path; looking from `folder` as usual is kinder)."""
    named = os.environ.get("GIT_DIR")
    if not named or not is_git_folder(Path(named)):
        return None
    git_dir = Path(named).resolve()
    work_tree = Path(os.environ.get("GIT_WORK_TREE") or ".").resolve()
    if folder != work_tree and work_tree not in folder.parents:
        return None
    return GitLocation(work_tree, git_dir, _common_dir(git_dir), from_environment=True)


def _common_dir(git_dir: Path) -> Path:
    common = git_dir / "commondir"
    try:
        return (git_dir / common.read_text().strip()).resolve() if common.is_file() else git_dir
    except OSError:
        return git_dir


def head_commit(location: GitLocation) -> str | None:
    """HEAD's commit id read from the files git keeps it in; None when that takes more
    than reading a ref (the caller then asks git)."""
    try:
        head = (location.git_dir / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head if len(head) in (40, 64) else None  # SHA-1 or SHA-256 repositories
        ref = head.removeprefix("ref: ")
        loose = location.common_dir / ref
        if loose.is_file():
            value = loose.read_text().strip()
            return value if len(value) in (40, 64) else None
        for line in (location.common_dir / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split(" ")[0]
    except OSError:
        return None
    return None


def object_format(location: GitLocation | None) -> str:
    """The hash the repository names its objects by: "sha1", or "sha256" for one made with
    `git init --object-format=sha256` (what `git rev-parse --show-object-format` says, read
    from `extensions.objectFormat` in its configuration without running git). Outside git,
    "sha1", as git's own `hash-object` outside a repository."""
    if location is None:
        return "sha1"
    try:
        text = (location.common_dir / "config").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "sha1"
    section = ""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            section, _, line = line[1:].partition("]")
            section = section.strip().lower()
        key, equals, value = line.partition("=")
        if section == "extensions" and equals and key.strip().lower() == "objectformat":
            name = value.split("#")[0].split(";")[0].strip().strip('"').lower()
            return name if name in ("sha1", "sha256") else "sha1"  # git itself refuses any other
    return "sha1"


def object_id(kind: str, content: bytes, hash_name: str) -> str:
    """The id git gives an object of `kind` ("blob", "tree") with `content`, in a repository
    whose object format is `hash_name` (see `object_format`)."""
    return hashlib.new(hash_name, b"%s %d\0" % (kind.encode(), len(content)) + content, usedforsecurity=False).hexdigest()
