"""Which files under the SOP root are processes and which are SOPs."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sop_lint.config import Config
from sop_lint.globs import matches_any

# Never descended into: version control data and tool caches hold no processes or SOPs.
_SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "__pycache__"})


@dataclass(frozen=True)
class SourceFile:
    """A file to check, with the kind its location says it holds."""

    path: str
    expected_kind: str


def discover(root: Path, config: Config) -> list[SourceFile]:
    """Walks the SOP root in a stable order. Folder links are followed while they stay
    inside the root; a link back to a folder above it is not (it would loop), and a file
    reached twice through links counts once, where it is first found."""
    found: list[SourceFile] = []
    real_root = root.resolve()
    seen_files: set[str] = set()
    for folder, folders, files in os.walk(root, followlinks=True):
        real_folder = os.path.realpath(folder)
        if not Path(real_folder).is_relative_to(real_root):
            folders[:] = []
            continue
        folders[:] = sorted(
            name
            for name in folders
            if name not in _SKIPPED_FOLDERS and not _is_ancestor(os.path.realpath(os.path.join(folder, name)), real_folder)
        )
        relative_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative_folder == "." else relative_folder + "/"
        for name in sorted(files):
            path = prefix + name
            kind = expected_kind(path, config)
            if kind is None:
                continue
            file = folder + os.sep + name  # os.path.join cost more than the match above, per file
            real_file = os.path.realpath(file) if os.path.islink(file) else real_folder + os.sep + name
            if real_file in seen_files:
                continue
            seen_files.add(real_file)
            found.append(SourceFile(path, kind))
    return found


def expected_kind(path: str, config: Config) -> str | None:
    """"process" or "sop" as the configuration's globs say, None for any other file."""
    if config.exclude and matches_any(path, config.exclude):
        return None
    return "process" if matches_any(path, config.processes) else "sop" if matches_any(path, config.sops) else None


def files_among(paths: Iterable[str], config: Config) -> list[SourceFile]:
    """The process and SOP files among `paths` (of a revision, not on disk), in the order
    `discover` would walk them: a folder's files before its subfolders."""
    found = [SourceFile(path, kind) for path in paths if (kind := expected_kind(path, config)) is not None]
    return sorted(found, key=lambda file: _walk_order(file.path))


def _walk_order(path: str) -> tuple[tuple[int, str], ...]:
    *folders, name = path.split("/")
    return (*((1, folder) for folder in folders), (0, name))


def _is_ancestor(candidate: str, folder: str) -> bool:
    return folder == candidate or folder.startswith(candidate.rstrip(os.sep) + os.sep)
