"""The language server: documents in, diagnostics out, over standard input and output.

Every change to an open document schedules a lint of its root after a short pause
(`DEBOUNCE`), so a burst of keystrokes costs one run; the run happens in a worker thread,
so the editor's requests are answered meanwhile. Whatever goes wrong in a run (a
half-typed file is only findings; a broken configuration, or a bug) is said in the
editor's log and on screen, and the server goes on.
"""

from __future__ import annotations

import asyncio
import traceback
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from sop_lint import __version__
from sop_lint.errors import SopLintError
from sop_lint.kinds import Kind
from sop_lint.lsp import navigation
from sop_lint.lsp.actions import code_actions
from sop_lint.lsp.completion import completions
from sop_lint.lsp.diagnostics import diagnostic
from sop_lint.lsp.navigation import node_under
from sop_lint.lsp.renaming import rename_edit, renamed_id
from sop_lint.lsp.workspace import Root, Roots
from sop_lint.reading.discovery import expected_kind
from sop_lint.reading.documents import Document, Syntax
from sop_lint.reading.json_values import node_at
from sop_lint.reading.lines import split_lines
from sop_lint.reading.loader import parse_document

# Seconds without a change before a root is linted again.
DEBOUNCE = 0.15


class SopLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("sop-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.roots = Roots()
        self.pending: dict[Path, asyncio.Task[None]] = {}
        self.debounce = DEBOUNCE


server = SopLintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: SopLintServer, params: types.InitializeParams) -> None:
    """`initializationOptions: {"debounce": seconds}` (0 to 2): how long a pause in typing
    lasts before a lint. A client that sends each change on purpose (a script, a test)
    sets 0, and gets the diagnostics of every change."""
    options = params.initialization_options
    wanted = options.get("debounce") if isinstance(options, dict) else None
    if isinstance(wanted, (int, float)) and not isinstance(wanted, bool) and 0 <= wanted <= 2:
        ls.debounce = float(wanted)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: SopLintServer, params: types.DidOpenTextDocumentParams) -> None:
    _changed(ls, params.text_document.uri, params.text_document.text)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: SopLintServer, params: types.DidChangeTextDocumentParams) -> None:
    if (text := _text(ls, params.text_document.uri)) is not None:
        _changed(ls, params.text_document.uri, text)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: SopLintServer, params: types.DidSaveTextDocumentParams) -> None:
    if (text := _text(ls, params.text_document.uri)) is not None:
        _changed(ls, params.text_document.uri, text)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SopLintServer, params: types.DidCloseTextDocumentParams) -> None:
    """The file on disk counts again, as `check` sees it."""
    _changed(ls, params.text_document.uri, None)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_action(ls: SopLintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    located = _located(ls, params.text_document.uri)
    if located is None:
        return []
    root, relative = located
    text = _text(ls, params.text_document.uri)
    if text is None or root.seen.get(relative, text) != text:  # its diagnostics are of an older text: wait for the new
        return []
    return code_actions(root.path, root.config, params.text_document.uri, relative, text, root.last.get(relative, []), params.context.diagnostics)


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: SopLintServer, params: types.DefinitionParams) -> list[types.Location]:
    opened = _opened(ls, params.text_document.uri)
    if opened is None or opened.root.repository is None or (under := node_under(opened.document, opened.lines, params.position)) is None:
        return []
    return navigation.definition(opened.root.path, opened.root.repository, opened.document, under[0])


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: SopLintServer, params: types.ReferenceParams) -> list[types.Location]:
    opened = _opened(ls, params.text_document.uri)
    if opened is None or opened.root.repository is None or (under := node_under(opened.document, opened.lines, params.position)) is None:
        return []
    used = navigation.references(opened.root.path, opened.root.repository, opened.document, under[0], opened.kind)
    if params.context.include_declaration and under[0] == ("id",) and opened.kind is not None:
        return [navigation.declaration(params.text_document.uri, opened.document, opened.lines), *used]
    return used


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: SopLintServer, params: types.HoverParams) -> types.Hover | None:
    opened = _opened(ls, params.text_document.uri)
    if opened is None:
        return None
    said = navigation.rule_under(opened.lines, params.position)
    under = node_under(opened.document, opened.lines, params.position)
    if said is None and under is not None:
        said = navigation.hover(opened.root.repository, opened.document, opened.kind, *under)
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, said)) if said else None


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: SopLintServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    opened = _opened(ls, params.text_document.uri)
    if opened is None or opened.kind is not Kind.PROCESS:
        return []
    return navigation.outline(opened.document, opened.lines)


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " "]))
def completion(ls: SopLintServer, params: types.CompletionParams) -> list[types.CompletionItem]:
    opened = _opened(ls, params.text_document.uri)
    if opened is None or opened.kind is None or params.position.line >= len(opened.lines):
        return []
    line = opened.lines[params.position.line]
    typed = line.encode("utf-16-le", "surrogatepass")[: 2 * params.position.character].decode("utf-16-le", "replace")
    return completions(
        opened.kind, typed, opened.lines[: params.position.line], opened.root.repository, opened.root.config,
        markdown=opened.document.syntax is Syntax.MARKDOWN,
    )


@server.feature(types.TEXT_DOCUMENT_RENAME)
def rename(ls: SopLintServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    opened = _opened(ls, params.text_document.uri)
    under = node_under(opened.document, opened.lines, params.position) if opened else None
    kind = renamed_id(opened.kind, under[0]) if opened and under and not under[1] else None
    old = node_at(opened.document.data, under[0]) if opened and under else None
    if opened is None or kind is None or not isinstance(old, str):
        raise JsonRpcException("put the cursor on an id (`id:`, or a step's `sop:` or `process:`) to rename it", types.LSPErrorCodes.RequestFailed)
    try:
        return rename_edit(opened.root, kind, old, params.new_name, dict(opened.root.open))
    except SopLintError as error:
        raise JsonRpcException(f"sop-lint: {error}", types.LSPErrorCodes.RequestFailed) from None


@dataclass(frozen=True)
class _Opened:
    """An open document as the requests about it need it: parsed as it is on screen."""

    root: Root
    kind: Kind | None
    document: Document
    lines: list[str]


def _opened(ls: SopLintServer, uri: str) -> _Opened | None:
    located = _located(ls, uri)
    if located is None:
        return None
    root, relative = located
    text = _text(ls, uri)
    if text is None:
        return None
    return _Opened(root, expected_kind(relative, root.config), parse_document(relative, text.encode("utf-8")), split_lines(text))


def _text(ls: SopLintServer, uri: str) -> str | None:
    """A document's text: its buffer when open, else the file on disk; None when it is
    neither (a request can come just after the file was deleted and its tab closed)."""
    try:
        return ls.workspace.get_text_document(uri).source
    except (OSError, UnicodeDecodeError):
        return None


def _located(ls: SopLintServer, uri: str, *, tell: bool = False) -> tuple[Root, str] | None:
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
            _tell(ls, types.MessageType.Error, f"sop-lint: {error}")
        return None


def _changed(ls: SopLintServer, uri: str, text: str | None) -> None:
    located = _located(ls, uri, tell=True)
    if located is None:
        return
    root, relative = located
    if text is None:
        root.open.pop(relative, None)
    else:
        root.open[relative] = text
    waiting = ls.pending.get(root.path)
    if waiting is not None:
        waiting.cancel()
    ls.pending[root.path] = asyncio.ensure_future(_lint_later(ls, root))


async def _lint_later(ls: SopLintServer, root: Root) -> None:
    await asyncio.sleep(ls.debounce)
    buffers = dict(root.open)  # what is on screen now; later edits schedule another run
    try:
        findings = await asyncio.to_thread(root.findings, buffers)
    except SopLintError as error:
        _tell(ls, types.MessageType.Error, f"sop-lint: {error}")
        return
    except Exception:  # a bug: said, never fatal to the editor's session
        _tell(ls, types.MessageType.Error, f"sop-lint: internal error, please report it:\n{traceback.format_exc()}")
        return
    for path, found in findings.items():
        lines = root.lines(path, buffers) if found else []
        uri = from_fs_path(str(root.path / path)) or (root.path / path).as_uri()
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[diagnostic(finding, lines) for finding in found])
        )
    root.published = {path for path, found in findings.items() if found}
    root.last, root.seen = findings, buffers


def _tell(ls: SopLintServer, kind: types.MessageType, message: str) -> None:
    ls.window_log_message(types.LogMessageParams(type=kind, message=message))
    if kind is types.MessageType.Error:
        ls.window_show_message(types.ShowMessageParams(type=kind, message=message.splitlines()[0]))


def serve() -> None:
    server.start_io()
