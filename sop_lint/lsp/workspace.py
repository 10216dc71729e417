"""The SOP roots an editor's files belong to, what is open in each, and their findings.

A file belongs to the SOP root `check` would find from its folder, and only when that
root's configuration makes it a process or an SOP: any other file of the workspace gets
no diagnostics and costs nothing. A workspace may hold several roots. The open
documents are laid over each root's work tree (`engine.sources.Overlay`), so findings
are those of what is on screen, and the whole root is linted, so a finding in another
file that an edit causes (a step left dangling by a changed id) appears at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sop_lint.commands.roots import find_root
from sop_lint.config.loading import config_files, load_config
from sop_lint.config.settings import Config
from sop_lint.engine.linting import lint
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.selection import select_rules
from sop_lint.engine.sources import Overlay, work_tree
from sop_lint.engine.state import state_folder
from sop_lint.findings import Finding
from sop_lint.model.repository import Repository
from sop_lint.reading.decoding import decode
from sop_lint.reading.discovery import expected_kind
from sop_lint.reading.lines import split_lines


@dataclass
class Root:
    """One SOP root: its configuration, the open documents in it (path under the root
    → text), the files that have diagnostics in the editor now, and their findings (what
    quick fixes are made from)."""

    path: Path  # as the editor names it: through a symbolic link, if it went through one
    config: Config
    open: dict[str, str] = field(default_factory=dict)
    published: set[str] = field(default_factory=set)
    last: dict[str, list[Finding]] = field(default_factory=dict)  # the findings the editor shows
    seen: dict[str, str] = field(default_factory=dict)  # the open documents' texts `last` is of
    repository: Repository | None = None  # the model the last run built, for going to files
    stamp: tuple[tuple[str, int, int], ...] = ()  # the configuration files `config` was read from

    def findings(self, buffers: dict[str, str]) -> dict[str, list[Finding]]:
        """Every file's findings with `buffers` laid over the work tree, by path under
        the root; an open file, or one that had diagnostics, with none maps to an empty
        list (the editor clears what it shows)."""
        source = Overlay(work_tree(self.path), {path: text.encode("utf-8") for path, text in buffers.items()})
        result = lint(source, self.config, select_rules(self.config, None, []), RunOptions.for_root(self.path))
        self.repository = result.repository
        by_path: dict[str, list[Finding]] = {path: [] for path in (*self.published, *buffers)}
        for finding in result.findings:
            by_path.setdefault(finding.path, []).append(finding)
        return by_path

    def lines(self, path: str, buffers: dict[str, str]) -> list[str]:
        """A file's lines as the editor shows them: its buffer, else the file on disk."""
        if path in buffers:
            return split_lines(buffers[path])
        try:
            text = decode((self.path / path).read_bytes())
        except OSError:
            return []
        return split_lines(text) if isinstance(text, str) else []


@dataclass
class Roots:
    """The roots met so far, by folder."""

    by_folder: dict[Path, Root] = field(default_factory=dict)

    def locate(self, file: Path) -> tuple[Root, str] | None:
        """The root a file belongs to and its path under it, or None for a file no root
        checks. A broken configuration is an error (`SopLintError`), as in `check`."""
        folder = find_root(file.parent).resolve()
        try:
            relative = file.resolve().relative_to(folder).as_posix()
        except ValueError:
            return None
        root = self.by_folder.get(folder)
        stamp = _stamp(folder)
        if root is None:
            root = Root(_as_named(file, relative, folder), load_config(folder, None, remember=state_folder(folder)), stamp=stamp)
        elif root.stamp != stamp:  # edited since: read again, as the next `check` would
            root.config, root.stamp = load_config(folder, None, remember=state_folder(folder)), stamp
        if expected_kind(relative, root.config) is None:
            return None
        self.by_folder.setdefault(folder, root)
        return root, relative


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What tells that a root's configuration changed: its files' names, times and sizes."""
    stamps = []
    for path in config_files(folder):
        try:
            status = path.stat()
        except OSError:  # removed meanwhile: the next look sees it gone
            continue
        stamps.append((path.name, status.st_mtime_ns, status.st_size))
    return tuple(stamps)


def _as_named(file: Path, relative: str, folder: Path) -> Path:
    """The root as the editor names it (through a symbolic link, say): what it is
    answered under, so that its diagnostics and locations reach the files it has."""
    named = file.parents[relative.count("/")]
    return named if named.resolve() == folder else folder
