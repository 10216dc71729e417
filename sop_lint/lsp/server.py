"""The language server: documents in, diagnostics out, over standard input and output.

Every change to an open document schedules a run of its root after a short pause
(`DEBOUNCE`), so a burst of keystrokes costs one run. The run happens in a daemon thread
(`lsp.background`), so the editor's requests are answered meanwhile and `exit` never
waits for it, and it checks only what changed since the last run (`lsp.workspace`); one
that a later change makes unwanted is not started, or stops before the repository rules.
Diagnostics are published for the changed documents and for every file whose findings
the change changed. Whatever goes wrong in a run (a half-typed file is only findings; a
broken configuration, or a bug) is said in the editor's log and on screen, and the server
goes on. The requests about a document (hover, completion, rename...) are answered in
`lsp.requests`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import traceback
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path

from sop_lint.errors import SopLintError
from sop_lint.findings import Finding
from sop_lint.lsp import requests  # noqa: F401  # registers the handlers of the editor's requests
from sop_lint.lsp.background import in_background
from sop_lint.lsp.diagnostics import diagnostic
from sop_lint.lsp.session import SopLintServer, located, server, tell_user, text_of
from sop_lint.lsp.workspace import Root

_Published = tuple[dict[str, list[Finding]], list[types.PublishDiagnosticsParams]]


@server.feature(types.INITIALIZE)
def initialize(ls: SopLintServer, params: types.InitializeParams) -> None:
    """`initializationOptions: {"debounce": seconds}` (0 to 2): how long a pause in typing
    lasts before a lint. A client that sends each change on purpose (a script, a test)
    sets 0, and gets the diagnostics of every change."""
    options = params.initialization_options
    wanted = options.get("debounce") if isinstance(options, dict) else None
    if isinstance(wanted, (int, float)) and not isinstance(wanted, bool) and 0 <= wanted <= 2:
        ls.debounce = float(wanted)


@server.feature(types.SHUTDOWN)
def shutdown(ls: SopLintServer, params: None) -> None:
    ls.shut_down = True


@server.feature(types.EXIT)
def exit_now(ls: SopLintServer, params: None) -> None:
    """Ends the process at once, as the protocol asks (0 after `shutdown`, else 1): a run
    going is not waited for, nor a large model freed object by object. Every diagnostic
    was written when it was published, and a run writes its cache files whole or not at all."""
    sys.stdout.flush()
    os._exit(0 if ls.shut_down else 1)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: SopLintServer, params: types.DidOpenTextDocumentParams) -> None:
    _changed(ls, params.text_document.uri, params.text_document.text)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: SopLintServer, params: types.DidChangeTextDocumentParams) -> None:
    if (text := text_of(ls, params.text_document.uri)) is not None:
        _changed(ls, params.text_document.uri, text)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: SopLintServer, params: types.DidSaveTextDocumentParams) -> None:
    """A save starts the root afresh: files changed on disk meanwhile count, and the
    history rules run again."""
    if (text := text_of(ls, params.text_document.uri)) is not None:
        _changed(ls, params.text_document.uri, text, saved=True)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SopLintServer, params: types.DidCloseTextDocumentParams) -> None:
    """The file on disk counts again, as `check` sees it."""
    _changed(ls, params.text_document.uri, None)


def _changed(ls: SopLintServer, uri: str, text: str | None, *, saved: bool = False) -> None:
    found = located(ls, uri, tell=True)
    if found is None:  # perhaps a new configuration stopped checking it: its diagnostics go
        path = to_fs_path(uri)
        found = ls.roots.showing(Path(path)) if path is not None else None
        if found is not None:
            root, relative = found
            root.open.pop(relative, None)
            root.reload = True
            _schedule(ls, root)
        return
    root, relative = found
    if text is None:
        root.open.pop(relative, None)
        root.parsed.pop(relative, None)
    else:
        root.open[relative] = text
    root.dirty[relative] = text
    root.reload |= saved
    _schedule(ls, root)


def _schedule(ls: SopLintServer, root: Root) -> None:
    root.generation += 1  # a run already going stops at its next look
    waiting = ls.pending.get(root.path)
    if waiting is not None:
        waiting.cancel()
    ls.pending[root.path] = asyncio.ensure_future(_lint_later(ls, root))


async def _lint_later(ls: SopLintServer, root: Root) -> None:
    await asyncio.sleep(ls.debounce)
    generation, buffers, dirty = root.generation, dict(root.open), dict(root.dirty)  # what is on screen now
    running = in_background(lambda: _run(root, buffers, dirty, generation))
    running.add_done_callback(lambda done: _ran(ls, root, buffers, dirty, done))


def _run(root: Root, buffers: dict[str, str], dirty: dict[str, str | None], generation: int) -> _Published | None:
    """In the worker thread: the run, and the diagnostics to publish (reading the lines of
    files not open is no work for the main thread)."""
    outcome = root.run(buffers, dirty, generation)
    if outcome is None:
        return None
    changed, findings = outcome
    published = []
    for path in sorted(changed, key=lambda path: (path not in dirty, path)):  # the documents typed in first
        found = findings.get(path, [])
        lines = root.lines(path, buffers) if found else []
        uri = from_fs_path(str(root.path / path)) or (root.path / path).as_uri()
        published.append(types.PublishDiagnosticsParams(uri=uri, diagnostics=[diagnostic(finding, lines) for finding in found]))
    return findings, published


def _ran(ls: SopLintServer, root: Root, buffers: dict[str, str], dirty: dict[str, str | None], done: asyncio.Future[_Published | None]) -> None:
    """On the main thread, when a run ended: its diagnostics go out, in the order of the
    runs (one root's runs take turns), and its changes are no longer pending."""
    error = done.exception()
    if isinstance(error, SopLintError):
        tell_user(ls, types.MessageType.Error, f"sop-lint: {error}")
    elif error is not None:  # a bug: said, never fatal to the editor's session
        said = "".join(traceback.format_exception(error))
        tell_user(ls, types.MessageType.Error, f"sop-lint: internal error, please report it:\n{said}")
    result = done.result() if error is None else None
    if result is None:
        return
    findings, published = result
    for params in published:
        ls.text_document_publish_diagnostics(params)
    root.last, root.seen = findings, buffers
    for path, text in dirty.items():
        if path in root.dirty and root.dirty[path] is text:
            del root.dirty[path]


def serve() -> None:
    # The main thread reads the editor's messages while a worker thread lints. With
    # Python's default switch interval (5 ms), a lint of a large document starved the
    # reader: each read of a message waited out an interval for the interpreter's lock, so
    # a keystroke typed during a run was read only after it, and the run it made unwanted
    # could not be dropped (tests/test_lsp_background.py, on an idle 2-core machine).
    sys.setswitchinterval(0.001)
    server.start_io()
