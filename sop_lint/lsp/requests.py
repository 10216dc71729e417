"""The editor's requests about a document: quick fixes, definition, references, hover,
outline, completion and rename.

An open document is parsed with its positions by the run that checked it; a request
about the text on screen uses that parse, and one that comes before the run (or about a
file not open) parses in a background thread, so that a large document never holds up
the editor's other messages. The other files come from the root's model, as the last run
saw them. Completion reads only the lines above the cursor, and needs no parse.
"""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types

from sop_lint.errors import SopLintError
from sop_lint.kinds import Kind
from sop_lint.lsp import navigation
from sop_lint.lsp.actions import code_actions
from sop_lint.lsp.background import in_background
from sop_lint.lsp.completion import completions
from sop_lint.lsp.diagnostics import utf16_column
from sop_lint.lsp.navigation import node_under
from sop_lint.lsp.renaming import rename_edit, renamed_id
from sop_lint.lsp.session import Refused, SopLintServer, located, server, text_of
from sop_lint.lsp.workspace import Root
from sop_lint.reading.discovery import expected_kind
from sop_lint.reading.documents import Document, Syntax
from sop_lint.reading.json_values import node_at
from sop_lint.reading.lines import split_lines
from sop_lint.reading.loader import parse_document, syntax_of


@dataclass(frozen=True)
class _Opened:
    """An open document as the requests about it need it: parsed as it is on screen."""

    root: Root
    kind: Kind | None
    document: Document
    lines: list[str]


async def _opened(ls: SopLintServer, uri: str) -> _Opened | None:
    found, text = located(ls, uri), text_of(ls, uri)
    if found is None or text is None:
        return None
    root, relative = found
    parsed = root.parsed.get(relative)
    if parsed is not None and parsed[0] == text:
        document = parsed[1]
    else:
        document = await in_background(lambda: parse_document(relative, text.encode("utf-8")))
        if relative in root.open:
            root.parsed[relative] = (text, document)
    return _Opened(root, expected_kind(relative, root.config), document, split_lines(text))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
async def code_action(ls: SopLintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    found, text = located(ls, params.text_document.uri), text_of(ls, params.text_document.uri)
    if found is None or text is None:
        return []
    root, relative = found
    if root.seen.get(relative, text) != text:  # its diagnostics are of an older text: wait for the new
        return []
    findings, uri, wanted = root.last.get(relative, []), params.text_document.uri, params.context.diagnostics
    return await in_background(lambda: code_actions(root.path, root.config, uri, relative, text, findings, wanted))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
async def definition(ls: SopLintServer, params: types.DefinitionParams) -> list[types.Location]:
    opened = await _opened(ls, params.text_document.uri)
    if opened is None or opened.root.repository is None or (under := node_under(opened.document, opened.lines, params.position)) is None:
        return []
    return navigation.definition(opened.root.path, opened.root.repository, opened.document, under[0])


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
async def references(ls: SopLintServer, params: types.ReferenceParams) -> list[types.Location]:
    opened = await _opened(ls, params.text_document.uri)
    if opened is None or opened.root.repository is None or (under := node_under(opened.document, opened.lines, params.position)) is None:
        return []
    used = navigation.references(opened.root.path, opened.root.repository, opened.document, under[0], opened.kind)
    if params.context.include_declaration and under[0] == ("id",) and opened.kind is not None:
        return [navigation.declaration(params.text_document.uri, opened.document, opened.lines), *used]
    return used


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: SopLintServer, params: types.HoverParams) -> types.Hover | None:
    text = text_of(ls, params.text_document.uri)
    said = navigation.rule_under(split_lines(text), params.position) if text is not None else None
    if said is None and (opened := await _opened(ls, params.text_document.uri)) is not None:
        under = node_under(opened.document, opened.lines, params.position)
        said = navigation.hover(opened.root.repository, opened.document, opened.kind, *under) if under is not None else None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, said)) if said else None


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
async def document_symbol(ls: SopLintServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    opened = await _opened(ls, params.text_document.uri)
    if opened is None or opened.kind is None:
        return []
    return navigation.outline(opened.document, opened.lines, opened.kind)


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " "]))
def completion(ls: SopLintServer, params: types.CompletionParams) -> list[types.CompletionItem]:
    found, text = located(ls, params.text_document.uri), text_of(ls, params.text_document.uri)
    if found is None or text is None or (kind := expected_kind(found[1], found[0].config)) is None:
        return []
    root, relative = found
    lines = split_lines(text)
    if params.position.line >= len(lines):
        return []
    typed = lines[params.position.line].encode("utf-16-le", "surrogatepass")[: 2 * params.position.character].decode("utf-16-le", "replace")
    markdown = syntax_of(relative) is Syntax.MARKDOWN
    return completions(kind, typed, lines[: params.position.line], root.repository, root.config, markdown=markdown)


_NOT_AN_ID = "put the cursor on an id (`id:`, or a step's `sop:` or `process:`) to rename it"


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
async def prepare_rename(ls: SopLintServer, params: types.PrepareRenameParams) -> types.PrepareRenamePlaceholder | None:
    """Only an id can be renamed: the editor says so at once, before asking for the new one."""
    opened = await _opened(ls, params.text_document.uri)
    renamed = _renamed(opened, params.position) if opened is not None else None
    if opened is None or renamed is None:
        return None
    at = opened.document.position(renamed[2])
    line = opened.lines[at.line - 1] if at.line <= len(opened.lines) else ""
    start = at.column - 1 + (line[at.column - 1 : at.column] in ("'", '"'))
    span = types.Range(
        types.Position(at.line - 1, utf16_column(line, start)), types.Position(at.line - 1, utf16_column(line, start + len(renamed[1])))
    )
    return types.PrepareRenamePlaceholder(range=span, placeholder=renamed[1])


@server.feature(types.TEXT_DOCUMENT_RENAME)
async def rename(ls: SopLintServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    """A rename `sop-lint rename` refuses is answered with its reason, which the editor shows."""
    opened = await _opened(ls, params.text_document.uri)
    renamed = _renamed(opened, params.position) if opened is not None else None
    if opened is None or renamed is None:
        raise Refused(_NOT_AN_ID)
    kind, old, _ = renamed
    root, unsaved = opened.root, dict(opened.root.open)
    try:
        return await in_background(lambda: rename_edit(root, kind, old, params.new_name, unsaved))
    except SopLintError as error:
        raise Refused(f"sop-lint: {error}") from None


def _renamed(opened: _Opened, position: types.Position) -> tuple[Kind, str, tuple[str | int, ...]] | None:
    """The kind and value of the id under the cursor, and where it is written."""
    under = node_under(opened.document, opened.lines, position)
    if under is None or under[1] or (kind := renamed_id(opened.kind, under[0])) is None:
        return None
    old = node_at(opened.document.data, under[0])
    return (kind, old, under[0]) if isinstance(old, str) else None
