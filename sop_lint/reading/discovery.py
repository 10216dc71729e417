"""Which files under the SOP root are processes and which are SOPs."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from sop_lint.config.settings import Config
from sop_lint.errors import SopLintError
from sop_lint.kinds import Kind
from sop_lint.reading.globs import matches_any, may_match_inside

# Never descended into: version control data and tool caches hold no processes or SOPs.
_SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "__pycache__"})


class SourceFile(NamedTuple):
    """A file to check, with the kind its location says it holds. `leads_outside` is the
    target of a link (to a file or a folder) that leads out of the SOP root: such a path is
    reported and never opened, so a repository cannot make sop-lint read elsewhere."""

    path: str
    expected_kind: Kind
    leads_outside: str | None = None


def discover(root: Path, config: Config) -> list[SourceFile]:
    """Walks the SOP root in a stable order. Links are followed while they stay inside the
    root; a link back to a folder above it is not (it would loop), a file reached twice
    through links counts once, where it is first found, and a link that leads out of the
    root is listed with `leads_outside` (a folder link only where files of interest could
    be). More than `max-files` files stop the walk with an error."""
    found: list[SourceFile] = []
    real_root = os.path.realpath(root)
    seen_files: set[str] = set()
    # Real paths are built as the walk descends, not resolved again for each folder: that
    # costs one lookup per level of the path, and so grows with the square of the depth.
    reals = {os.fspath(root): real_root}
    for folder, folders, files, links in _walk(os.fspath(root)):
        real_folder = reals.pop(folder)
        relative_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative_folder == "." else relative_folder + "/"
        kept = []
        for name in sorted(folders):
            if name in _SKIPPED_FOLDERS:
                continue
            path = os.path.join(folder, name)
            real = os.path.realpath(path) if name in links else real_folder + os.sep + name
            if _is_ancestor(real, real_folder):
                continue
            if _is_ancestor(real_root, real):
                kept.append(name)
                reals[path] = real
            elif (kind := _kind_inside(prefix + name, config)) is not None:
                found.append(SourceFile(prefix + name, kind, _target(os.path.join(folder, name), real)))
        folders[:] = kept
        for name in sorted(files):
            path = prefix + name
            kind = expected_kind(path, config)
            if kind is None:
                continue
            file = folder + os.sep + name  # os.path.join cost more than the match above, per file
            if name in links:
                real_file = os.path.realpath(file)
                if not _is_ancestor(real_root, real_file):
                    found.append(SourceFile(path, kind, _target(file, real_file)))
                    continue
            else:
                real_file = real_folder + os.sep + name
            if real_file in seen_files:
                continue
            seen_files.add(real_file)
            found.append(SourceFile(path, kind))
        if len(found) > config.max_files:
            raise SopLintError(
                f"{root} holds more than {config.max_files:,} process and SOP files (`max-files`): check the "
                "right folder, narrow `processes`, `sops` or `exclude`, or raise `max-files` in the configuration"
            )
    return found


def _walk(top: str) -> Iterator[tuple[str, list[str], list[str], set[str]]]:
    """`os.walk(top, followlinks=True)`, top-down and in the same order, without recursion:
    Python 3.11's `os.walk` recurses once per folder level and dies past about a thousand
    nested folders. As with `os.walk`, the caller prunes `folders` before they are entered,
    and a folder that cannot be listed is passed over. The names that are links come too,
    as the listing tells them (asking the file system of each file cost a warm run of
    12,000 files a tenth of its time)."""
    stack = [top]
    while stack:
        folder = stack.pop()
        folders: list[str] = []
        files: list[str] = []
        links: set[str] = set()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_folder = entry.is_dir()
                    except OSError:
                        is_folder = False
                    with contextlib.suppress(OSError):
                        if entry.is_symlink():
                            links.add(entry.name)
                    (folders if is_folder else files).append(entry.name)
        except OSError:
            continue
        yield folder, folders, files, links
        stack.extend(os.path.join(folder, name) for name in reversed(folders))


def every_path(root: Path) -> Iterator[str]:
    """Every file under `root` (relative, with `/`) but those in `.git` folders or behind a
    folder link: what a step's missing target may be named like (see `model.elsewhere`),
    looked for only when a step names one."""
    top = os.fspath(root)
    for folder, folders, files, links in _walk(top):
        folders[:] = [name for name in folders if name != ".git" and name not in links]
        relative = os.path.relpath(folder, top).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        yield from (prefix + name for name in files)


def expected_kind(path: str, config: Config) -> Kind | None:
    """The kind the configuration's globs give `path`, None for any other file."""
    if config.exclude and matches_any(path, config.exclude):
        return None
    if matches_any(path, config.processes):
        return Kind.PROCESS
    return Kind.SOP if matches_any(path, config.sops) else None


def any_ours(paths: Iterable[str], config: Config) -> bool:
    """Whether any of `paths` (a change's new and old path) is a process or SOP file."""
    return any(expected_kind(path, config) is not None for path in paths)


def files_among(paths: Iterable[str], config: Config) -> list[SourceFile]:
    """The process and SOP files among `paths` (of a revision, not on disk), in the order
    `discover` would walk them: a folder's files before its subfolders."""
    found = [SourceFile(path, kind) for path in paths if (kind := expected_kind(path, config)) is not None]
    return sorted(found, key=lambda file: walk_order(file.path))


def walk_order(path: str) -> str:
    """A sort key that orders paths as `discover` walks them: a folder's files before its
    subfolders. Each folder is marked by \x02 and ended by \x00 (which no path holds, and
    which sorts first, so `ab` comes before `abc`), the file's name by \x01: at each level a
    file sorts before a folder. A text, not a tuple per folder: the pre-commit hook sorts
    every path of the index by it."""
    folders, _, name = path.rpartition("/")
    return ("\x02" + folders.replace("/", "\x00\x02") + "\x00\x01" + name) if folders else "\x01" + name


def may_hold(folder: str, config: Config) -> bool:
    """Whether the configuration's globs reach into `folder` (under the SOP root): where
    a submodule is worth reading."""
    return _kind_inside(folder, config) is not None


def _kind_inside(folder: str, config: Config) -> Kind | None:
    """The kind of file a linked folder could hold, None when no pattern reaches into it."""
    if config.exclude and matches_any(folder + "/", config.exclude):
        return None
    if may_match_inside(folder, config.processes):
        return Kind.PROCESS
    return Kind.SOP if may_match_inside(folder, config.sops) else None


def _target(path: str, real: str) -> str:
    """What a link says it points to, as its author wrote it; else where it resolves."""
    try:
        return os.readlink(path)
    except OSError:
        return real


def _is_ancestor(candidate: str, folder: str) -> bool:
    return folder == candidate or folder.startswith(candidate.rstrip(os.sep) + os.sep)


def paths_among(root: Path, paths: list[Path], config: Config) -> set[str]:
    """The process and SOP files among `paths` (relative to the current folder), as paths
    under the SOP root; any other file (outside the root, or no process or SOP by the
    configuration) is not ours to report on, as pre-commit passes whatever matched."""
    found = set()
    for path in paths:
        relative = os.path.relpath(path, root).replace(os.sep, "/")
        if not relative.startswith("../") and expected_kind(relative, config) is not None:
            found.add(relative)
    return found
