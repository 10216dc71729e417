"""The server object and what its handlers share: where a document belongs, its text,
and how sop-lint speaks to the person (`lsp.server` registers the handlers of documents
opened, changed and saved; `lsp.requests` those of the editor's requests).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from sop_lint import __version__
from sop_lint.errors import SopLintError
from sop_lint.lsp.workspace import Root, Roots

# Seconds without a change before a root is linted again.
DEBOUNCE = 0.15

class SopLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("sop-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.roots = Roots()
        self.pending: dict[Path, asyncio.Task[None]] = {}
        self.debounce = DEBOUNCE
        self.shut_down = False  # the editor said `shutdown`: `exit` is expected, with code 0


server = SopLintServer()


class Refused(JsonRpcException):
    """A request sop-lint answers with a reason instead (a rename to an id already in
    use): an answer for the editor to show, not a bug, so logged without a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message, types.LSPErrorCodes.RequestFailed)


class _NoRefusalTracebacks(logging.Filter):
    """pygls logs every error answer with its traceback, on standard error."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], Refused))


logging.getLogger("pygls.protocol.json_rpc").addFilter(_NoRefusalTracebacks())


def text_of(ls: SopLintServer, uri: str) -> str | None:
    """A document's text: its buffer when open, else the file on disk; None when it is
    neither (a request can come just after the file was deleted and its tab closed)."""
    try:
        return ls.workspace.get_text_document(uri).source
    except (OSError, UnicodeDecodeError):
        return None


def located(ls: SopLintServer, uri: str, *, tell: bool = False) -> tuple[Root, str] | None:
    """The root and path of a document; None for one no root checks, one that is not a
    file (an untitled buffer), or one whose root's configuration is broken (said when
    `tell`: once per change, not on every request)."""
    path = to_fs_path(uri)
    if path is None:
        return None
    try:
        return ls.roots.locate(Path(path))
    except SopLintError as error:
        if tell:
            tell_user(ls, types.MessageType.Error, f"sop-lint: {error}")
        return None


def tell_user(ls: SopLintServer, kind: types.MessageType, message: str) -> None:
    ls.window_log_message(types.LogMessageParams(type=kind, message=message))
    if kind is types.MessageType.Error:
        ls.window_show_message(types.ShowMessageParams(type=kind, message=message.splitlines()[0]))
