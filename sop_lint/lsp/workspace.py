"""The SOP roots an editor's files belong to, what is open in each, and their findings.

A file belongs to the SOP root `check` would find from its folder, and only when that
root's configuration makes it a process or an SOP: any other file of the workspace gets
no diagnostics and costs nothing. A workspace may hold several roots. The open
documents are laid over each root's work tree, so findings are those of what is on
screen. A root's first run is `check`'s; later runs check only the documents changed
since (`engine.incremental`) and run the repository rules again, so that a finding in
another file that an edit causes (a step left dangling by a changed id) appears at once.
A save, or a new configuration, starts the root afresh: files changed on disk count
then, and the history rules run again.

The main thread owns what the editor sent (`open`, `dirty`) and what it shows (`last`,
`seen`); a run, in a worker thread, owns `live` under `lock`.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass, field
from pathlib import Path

from sop_lint.commands.roots import find_root
from sop_lint.config.loading import config_files, load_config
from sop_lint.config.settings import Config
from sop_lint.engine.incremental import Live
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.selection import select_rules
from sop_lint.engine.sources import work_tree
from sop_lint.engine.state import state_folder
from sop_lint.findings import Finding
from sop_lint.model.repository import Repository
from sop_lint.reading.decoding import decode
from sop_lint.reading.discovery import expected_kind
from sop_lint.reading.documents import Document
from sop_lint.reading.lines import split_lines
from sop_lint.reading.loader import parse_document


@dataclass
class Root:
    """One SOP root: its configuration, the open documents in it (path under the root
    → text), those changed since the last run that ended, and the findings the editor
    shows (what quick fixes are made from)."""

    path: Path  # as the editor names it: through a symbolic link, if it went through one
    config: Config
    stamp: tuple[tuple[str, int, int], ...] = ()  # the configuration files `config` was read from
    open: dict[str, str] = field(default_factory=dict)
    dirty: dict[str, str | None] = field(default_factory=dict)  # None: the file on disk counts again
    last: dict[str, list[Finding]] = field(default_factory=dict)  # the findings the editor shows
    seen: dict[str, str] = field(default_factory=dict)  # the open documents' texts `last` is of
    parsed: dict[str, tuple[str, Document]] = field(default_factory=dict)  # open documents parsed with positions, and their texts
    generation: int = 0  # counts changes: a run started for an older one is not wanted
    reload: bool = True  # the next run starts afresh
    live: Live | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def repository(self) -> Repository | None:
        """The model the last run built, for going to files and completing ids."""
        return self.live.repository if self.live is not None else None

    def run(self, buffers: dict[str, str], dirty: dict[str, str | None], generation: int) -> tuple[set[str], dict[str, list[Finding]]] | None:
        """In a worker thread: the paths whose findings changed (and the changed ones), and
        every file's findings; None when a later change made the run unwanted."""
        with self.lock:
            if generation != self.generation:
                return None
            if self.live is None or self.reload:
                reload, self.reload = self.reload, False
                before = self.live.findings if self.live is not None else {}
                config = self.config
                try:
                    live = Live.start(
                        work_tree(self.path), {path: text.encode("utf-8") for path, text in buffers.items()},
                        config, select_rules(config, None, []), RunOptions.for_root(self.path),
                    )
                except BaseException:
                    self.reload = reload
                    raise
                changed = {path for path in {*before, *live.findings} if before.get(path) != live.findings.get(path)} | set(buffers)
                self.live = live
                gc.freeze()  # the model stays for the session: the collector's full passes, every other keystroke, need not walk it
                for path, text in buffers.items():  # the run read them without positions: the editor's requests will want them
                    if (known := self.parsed.get(path)) is None or known[0] != text:
                        self.parsed[path] = (text, parse_document(path, text.encode("utf-8")))
            else:
                encoded = {path: None if text is None else text.encode("utf-8") for path, text in dirty.items()}
                found = self.live.update(encoded, lambda: generation != self.generation)
                if found is None:
                    return None
                changed = found
                for path, typed in dirty.items():  # parsed with positions by the run
                    if typed is not None and (file := self.live.files.get(path)) is not None:
                        self.parsed[path] = (typed, file.document)
            return changed, self.live.findings

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
        elif root.stamp != stamp:  # edited since: read again, as the next `check` would, and start afresh
            root.config, root.stamp, root.reload = load_config(folder, None, remember=state_folder(folder)), stamp, True
        if expected_kind(relative, root.config) is None:
            return None
        self.by_folder.setdefault(folder, root)
        return root, relative

    def showing(self, file: Path) -> tuple[Root, str] | None:
        """The root whose diagnostics the editor shows on `file`, if one does: a new
        configuration may have stopped checking it."""
        for folder, root in self.by_folder.items():
            try:
                relative = file.resolve().relative_to(folder).as_posix()
            except ValueError:
                continue
            if relative in root.last or relative in root.open:
                return root, relative
        return None


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
