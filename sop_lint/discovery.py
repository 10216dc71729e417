"""Which files under the SOP root are processes and which are SOPs."""

from __future__ import annotations

import os
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
    found: list[SourceFile] = []
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(name for name in folders if name not in _SKIPPED_FOLDERS)
        relative_folder = Path(folder).relative_to(root).as_posix()
        for name in sorted(files):
            path = name if relative_folder == "." else f"{relative_folder}/{name}"
            if matches_any(path, config.exclude):
                continue
            if matches_any(path, config.processes):
                found.append(SourceFile(path, "process"))
            elif matches_any(path, config.sops):
                found.append(SourceFile(path, "sop"))
    return found
