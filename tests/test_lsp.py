"""`sop-lint lsp` end to end: a real LSP client (pytest-lsp) starts the server as a
subprocess and speaks the protocol over its standard input and output (issue 16).

Each test writes an ops repository (no git: a workspace need not be one) and opens,
edits and closes documents as an editor does.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.conftest import write_files
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, valid_repo

# One server for the module (its start-up is most of a test's time): each test has an
# ops repository of its own, which the server finds as a root of its own.
pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]
PROCESS_PATH = "processes/promote-new-video.yaml"
SOP_PATH = "sops/schedule-post.yaml"
WAIT = 20  # seconds: a loaded CI machine starts Python slowly


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=[sys.executable, "-m", "sop_lint", "lsp"]))
async def server(lsp_client: LanguageClient, tmp_path_factory: pytest.TempPathFactory):
    workspace = tmp_path_factory.mktemp("workspace")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=workspace.as_uri(), initialization_options={"debounce": 0}
        )
    )  # no pause before a lint: every change a test sends gets its diagnostics
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def client(server: LanguageClient, tmp_path: Path) -> LanguageClient:
    server.root = write_files(tmp_path / "ops", valid_repo())  # type: ignore[attr-defined]
    server.log_messages.clear()
    return server


def uri(client: LanguageClient, path: str) -> str:
    return (client.root / path).as_uri()  # type: ignore[attr-defined]


async def published(client: LanguageClient, path: str) -> list[types.Diagnostic]:
    """The next diagnostics published for `path` (those before are forgotten first)."""
    client.diagnostics.pop(uri(client, path), None)
    async with asyncio.timeout(WAIT):
        while uri(client, path) not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri(client, path)])


def open_document(client: LanguageClient, path: str, text: str) -> None:
    kind = "markdown" if path.endswith(".md") else "yaml"
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri(client, path), kind, 1, text)))


def change_document(client: LanguageClient, path: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri(client, path), version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def errors_logged(client: LanguageClient) -> list[str]:
    return [message.message for message in client.log_messages if message.type == types.MessageType.Error]


async def test_an_open_file_gets_the_findings_of_check_at_the_offending_value(client: LanguageClient):
    text = PROCESS.replace("sop: schedule-post", "sop: schedule-postt")
    open_document(client, PROCESS_PATH, text)
    [found] = await published(client, PROCESS_PATH)
    assert found.code == "R001" and found.source == "sop-lint"
    assert found.severity == types.DiagnosticSeverity.Error
    assert found.message == (
        "step 2 'Schedule post' uses SOP `schedule-postt`, which does not exist: did you mean `schedule-post`?"
    )
    line = text.splitlines().index("    sop: schedule-postt")
    assert found.range == types.Range(types.Position(line, 9), types.Position(line, 9 + len("schedule-postt")))
    assert found.code_description is not None and found.code_description.href.endswith("/docs/rules.md#r001-unknown-reference")
    assert errors_logged(client) == []


async def test_an_unsaved_edit_counts_and_closing_falls_back_to_the_file_on_disk(client: LanguageClient):
    open_document(client, PROCESS_PATH, PROCESS)
    assert await published(client, PROCESS_PATH) == []  # an open file is always answered, clean or not
    change_document(client, PROCESS_PATH, PROCESS.replace("outcome: A published", "outcome: TBD\nx-was: A published"), 2)
    [found] = await published(client, PROCESS_PATH)
    assert found.code == "P002"
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri(client, PROCESS_PATH))))
    assert await published(client, PROCESS_PATH) == []  # the file on disk has an outcome


async def test_an_edit_shows_what_it_breaks_in_other_files(client: LanguageClient):
    """Changing an SOP's id leaves the step that uses it dangling: the process, not open
    in the editor, gets the finding at once."""
    open_document(client, SOP_PATH, SCHEDULE_SOP)
    change_document(client, SOP_PATH, SCHEDULE_SOP.replace("id: schedule-post", "id: schedule-a-post"), 2)
    [found] = await published(client, PROCESS_PATH)
    assert found.code == "R001" and "schedule-post" in found.message
    change_document(client, SOP_PATH, SCHEDULE_SOP, 3)
    assert await published(client, PROCESS_PATH) == []


async def test_typing_a_whole_sop_from_an_empty_file_never_breaks_the_server(client: LanguageClient):
    """Every keystroke of a new SOP is sent, and the diagnostics of each half-typed file
    are waited for: each one comes, and the server logs no error."""
    text = SCHEDULE_SOP.replace("id: schedule-post", "id: typed-sop")
    path = "sops/typed-sop.yaml"  # not on disk: a new, unsaved file
    open_document(client, path, "")
    await published(client, path)
    for length in range(1, len(text) + 1):
        change_document(client, path, text[:length], length + 1)
        await published(client, path)
    assert [found.code for found in client.diagnostics[uri(client, path)]] == ["R004"]  # complete, and used by no process
    assert errors_logged(client) == []


async def test_a_file_no_root_checks_gets_no_diagnostics(client: LanguageClient):
    open_document(client, "README.md", "# Not an SOP\n")
    open_document(client, PROCESS_PATH, PROCESS.replace("sop: schedule-post", "sop: nowhere"))
    await published(client, PROCESS_PATH)  # the server has run
    assert uri(client, "README.md") not in client.diagnostics
    assert errors_logged(client) == []


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """What an editor does with a quick fix's edits (ranges in UTF-16, none overlapping)."""
    lines = text.splitlines(keepends=True)

    def offset(position: types.Position) -> int:
        line = lines[position.line] if position.line < len(lines) else ""
        units = line.encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return sum(map(len, lines[: position.line])) + len(units)

    for edit in sorted(edits, key=lambda edit: (edit.range.start.line, edit.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def actions_for(client: LanguageClient, path: str, found: types.Diagnostic) -> dict[str, types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri(client, path)), found.range, types.CodeActionContext(diagnostics=[found])
        )
    )
    return {action.title: action for action in result or [] if isinstance(action, types.CodeAction)}


async def test_quick_fixes_are_check_fix_s_edits_and_disable_comments(client: LanguageClient):
    """The fix of a finding is the edit `check --fix` makes, here inside a line holding a
    character UTF-16 counts twice; a finding can also be switched off for its line or file."""
    text = PROCESS.replace("title: Promote a new video on social media", "title: Promote 🎬 videos").replace(
        "name: Draft", "name: 1. Draft"
    ).replace("name: Schedule post", "name: 3. Schedule post 🎬")
    open_document(client, PROCESS_PATH, text)
    [found] = await published(client, PROCESS_PATH)
    assert found.code == "P004"
    actions = await actions_for(client, PROCESS_PATH, found)
    assert list(actions) == [
        "Fix: renumber the steps' `name` 1, 2, 3 in list order", "Disable P004 for this line", "Disable P004 for this file"
    ]
    fix = actions["Fix: renumber the steps' `name` 1, 2, 3 in list order"]
    assert fix.is_preferred and fix.edit is not None and fix.edit.changes is not None
    assert apply(text, list(fix.edit.changes[uri(client, PROCESS_PATH)])) == text.replace("3. Schedule", "2. Schedule")
    for title in ("Disable P004 for this line", "Disable P004 for this file"):
        edit = actions[title].edit
        assert edit is not None and edit.changes is not None
        changed = apply(text, list(edit.changes[uri(client, PROCESS_PATH)]))
        change_document(client, PROCESS_PATH, changed, 2 if "line" in title else 3)
        assert await published(client, PROCESS_PATH) == [], title
    assert errors_logged(client) == []


def position_of(text: str, needle: str, offset: int = 0) -> types.Position:
    """The protocol position of `needle` in `text` (plus `offset` characters, ASCII)."""
    before = text[: text.index(needle) + offset]
    return types.Position(before.count("\n"), len(before) - (before.rfind("\n") + 1))


async def test_a_step_leads_to_its_sop_and_an_id_to_every_step_using_it(client: LanguageClient):
    open_document(client, PROCESS_PATH, PROCESS)
    await published(client, PROCESS_PATH)  # the model is built
    at = position_of(PROCESS, "sop: schedule-post", 7)
    [found] = await client.text_document_definition_async(types.DefinitionParams(types.TextDocumentIdentifier(uri(client, PROCESS_PATH)), at))
    assert found.uri == uri(client, SOP_PATH)
    assert found.range.start == types.Position(1, 4)  # its `id:` value
    hovered = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri(client, PROCESS_PATH)), at))
    assert hovered is not None and isinstance(hovered.contents, types.MarkupContent)
    assert hovered.contents.value.startswith(f"**Schedule the promotional post** (SOP `schedule-post`, `{SOP_PATH}`)")
    assert "- tool: Buffer" in hovered.contents.value
    open_document(client, SOP_PATH, SCHEDULE_SOP)
    used = await client.text_document_references_async(
        types.ReferenceParams(
            context=types.ReferenceContext(include_declaration=False),
            text_document=types.TextDocumentIdentifier(uri(client, SOP_PATH)),
            position=position_of(SCHEDULE_SOP, "schedule-post", 2),
        )
    )
    assert [(location.uri, location.range.start.line) for location in used or []] == [
        (uri(client, PROCESS_PATH), PROCESS.splitlines().index("    sop: schedule-post"))
    ]


async def test_hover_explains_keys_and_rule_codes_and_the_outline_is_the_process(client: LanguageClient):
    text = PROCESS.replace("owner:", "# sop-lint: disable=R004\nowner:")
    open_document(client, PROCESS_PATH, text)
    await published(client, PROCESS_PATH)
    document = types.TextDocumentIdentifier(uri(client, PROCESS_PATH))
    on_key = await client.text_document_hover_async(types.HoverParams(document, position_of(text, "trigger:", 2)))
    assert on_key is not None and isinstance(on_key.contents, types.MarkupContent)
    assert on_key.contents.value.startswith("**trigger**: ")
    on_code = await client.text_document_hover_async(types.HoverParams(document, position_of(text, "R004", 1)))
    assert on_code is not None and isinstance(on_code.contents, types.MarkupContent)
    assert on_code.contents.value.startswith("**R004 orphan-sop**")
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(document))
    assert [(symbol.name, [child.name for child in symbol.children or []]) for symbol in symbols or []] == [  # type: ignore[union-attr]
        ("trigger", []), ("steps", ["1. Draft social post copy", "2. Schedule post"]), ("outcome", []),
    ]


async def complete(client: LanguageClient, path: str, text: str, line: int, character: int) -> list[str]:
    change_document(client, path, text, 10 + line)
    result = await client.text_document_completion_async(
        types.CompletionParams(types.TextDocumentIdentifier(uri(client, path)), types.Position(line, character))
    )
    items = result.items if isinstance(result, types.CompletionList) else result or []
    return [item.label for item in items]


async def test_completion_offers_ids_keys_kinds_and_the_tools_already_used(client: LanguageClient):
    open_document(client, PROCESS_PATH, PROCESS)
    await published(client, PROCESS_PATH)
    typing = PROCESS + "  - name: Another\n    sop: sch"
    assert await complete(client, PROCESS_PATH, typing, typing.count("\n"), len("    sop: sch")) == ["draft-post-copy", "schedule-post"]
    typing = PROCESS + "  - name: Another\n    "
    assert await complete(client, PROCESS_PATH, typing, typing.count("\n"), 4) == ["description", "name", "order", "process", "sop"]
    typing = "kind: "
    assert await complete(client, PROCESS_PATH, typing, 0, 6) == ["process", "sop"]
    typing = "kind: process\nti"
    assert "trigger" in await complete(client, PROCESS_PATH, typing, 1, 2)
    path = "sops/new-sop.yaml"  # a new SOP: its run cannot take a tool away from the others, however soon it ends
    open_document(client, path, "")
    typing = SCHEDULE_SOP.replace("id: schedule-post", "id: new-sop").replace("tool: Buffer", "tool: ")
    line = typing.splitlines().index("tool: ")
    assert await complete(client, path, typing, line, 6) == ["Buffer", "Google Docs"]


async def test_a_missing_sop_can_be_created_where_the_repository_keeps_them(client: LanguageClient):
    text = PROCESS + "  - name: Send the invoice\n    sop: send-invoice\n"
    open_document(client, PROCESS_PATH, text)
    [found] = await published(client, PROCESS_PATH)
    actions = await actions_for(client, PROCESS_PATH, found)
    create = actions["Create SOP `send-invoice` in sops/send-invoice.md"]
    assert create.edit is not None and create.edit.document_changes is not None
    made, written = create.edit.document_changes
    assert isinstance(made, types.CreateFile) and made.uri == uri(client, "sops/send-invoice.md")
    assert isinstance(written, types.TextDocumentEdit) and written.text_document.uri == made.uri
    content = written.edits[0].new_text
    assert content.startswith("---\nkind: sop\nid: send-invoice\ntitle: Send the invoice\n")
    (client.root / "sops/send-invoice.md").write_text(content)  # type: ignore[attr-defined]  # as the editor applies it
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri(client, PROCESS_PATH))))
    assert await published(client, PROCESS_PATH) == []  # the step now resolves


async def test_renaming_an_id_is_sop_lint_rename_as_one_workspace_edit(client: LanguageClient):
    open_document(client, SOP_PATH, SCHEDULE_SOP)
    await published(client, SOP_PATH)
    edit = await client.text_document_rename_async(
        types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri(client, SOP_PATH)),
            position=position_of(SCHEDULE_SOP, "schedule-post", 3),
            new_name="schedule-social-post",
        )
    )
    assert edit is not None and edit.document_changes is not None
    *texts, moved = edit.document_changes
    assert isinstance(moved, types.RenameFile)
    assert (moved.old_uri, moved.new_uri) == (uri(client, SOP_PATH), uri(client, "sops/schedule-social-post.yaml"))
    new_texts = {change.text_document.uri: change.edits[0].new_text for change in texts if isinstance(change, types.TextDocumentEdit)}
    assert new_texts == {
        uri(client, PROCESS_PATH): PROCESS.replace("sop: schedule-post", "sop: schedule-social-post"),
        uri(client, SOP_PATH): SCHEDULE_SOP.replace("id: schedule-post", "id: schedule-social-post"),
    }
    with pytest.raises(Exception, match="is already the id of the SOP"):
        await client.text_document_rename_async(
            types.RenameParams(
                text_document=types.TextDocumentIdentifier(uri(client, SOP_PATH)),
                position=position_of(SCHEDULE_SOP, "schedule-post", 3),
                new_name="draft-post-copy",
            )
        )


async def test_a_configuration_changed_on_disk_counts_from_the_next_change(client: LanguageClient):
    """The configuration is read again when its file changed since the last run, as the
    next `check` would read it: no restart of the editor."""
    open_document(client, SOP_PATH, SCHEDULE_SOP)
    assert await published(client, SOP_PATH) == []
    (client.root / ".sop-lint.yaml").write_text("required-fields: [tool, account, format, tone, audience]\n")  # type: ignore[attr-defined]
    change_document(client, SOP_PATH, SCHEDULE_SOP + "\n", 2)
    [found] = await published(client, SOP_PATH)
    assert found.code == "C001" and "audience" in found.message
    (client.root / ".sop-lint.yaml").write_text("required-fields: [tool\n")  # type: ignore[attr-defined]
    change_document(client, SOP_PATH, SCHEDULE_SOP, 3)
    async with asyncio.timeout(WAIT):
        while not errors_logged(client):
            await client.wait_for_notification(types.WINDOW_LOG_MESSAGE)
    assert ".sop-lint.yaml" in errors_logged(client)[0]
    (client.root / ".sop-lint.yaml").unlink()  # type: ignore[attr-defined]
    change_document(client, SOP_PATH, SCHEDULE_SOP + "\n", 4)
    assert await published(client, SOP_PATH) == []


async def test_a_request_about_a_file_neither_open_nor_on_disk_gets_an_empty_answer(client: LanguageClient):
    """A request can arrive for a file just deleted and closed: nothing to say, no error."""
    document = types.TextDocumentIdentifier(uri(client, "sops/gone.yaml"))
    assert await client.text_document_hover_async(types.HoverParams(document, types.Position(0, 0))) is None
    assert not await client.text_document_definition_async(types.DefinitionParams(document, types.Position(0, 0)))
    nowhere = types.Range(types.Position(0, 0), types.Position(0, 0))
    assert not await client.text_document_code_action_async(
        types.CodeActionParams(document, nowhere, types.CodeActionContext(diagnostics=[]))
    )
    assert not await client.text_document_completion_async(types.CompletionParams(document, types.Position(0, 0)))
    assert errors_logged(client) == []


async def test_disable_for_this_file_stays_inside_the_front_matter_after_a_byte_order_mark(client: LanguageClient):
    """A client may keep a file's byte order mark in the text it sends: the comment still
    goes just inside the front matter, not above it (where it would end the SOP)."""
    path = "sops/draft-post-copy.md"
    text = "\ufeff" + DRAFT_SOP.replace("tool: Google Docs", "tool: TBD")
    open_document(client, path, text)
    found = next(found for found in await published(client, path) if found.code == "C002")
    edit = (await actions_for(client, path, found))["Disable C002 for this file"].edit
    assert edit is not None and edit.changes is not None
    change_document(client, path, apply(text, list(edit.changes[uri(client, path)])), 2)
    assert [found.code for found in await published(client, path)] == []


async def test_completion_in_a_markdown_sop_is_for_its_front_matter_not_its_body(client: LanguageClient):
    """Typing the instructions is prose: no field names pop up at each line's first word
    (nor on the `---` lines); inside the front matter, completion works as in YAML."""
    path = "sops/draft-post-copy.md"
    open_document(client, path, DRAFT_SOP)
    await published(client, path)
    lines = DRAFT_SOP.splitlines()
    typing = DRAFT_SOP + "Wr"
    assert await complete(client, path, typing, len(lines), 2) == []
    assert await complete(client, path, DRAFT_SOP, 0, 3) == []
    assert await complete(client, path, DRAFT_SOP, lines.index("---", 1), 3) == []
    typing = DRAFT_SOP.replace("tool: Google Docs", "tool: ")
    assert "Buffer" in await complete(client, path, typing, lines.index("tool: Google Docs"), 6)
    typing = DRAFT_SOP.replace("tool: Google Docs", "to")
    assert "tone" in await complete(client, path, typing, lines.index("tool: Google Docs"), 2)


async def test_a_range_on_the_first_line_counts_a_byte_order_mark_the_client_sends(client: LanguageClient):
    """sop-lint's columns start after a byte order mark; a client that keeps it in the
    text counts it, so a range on line 1 is moved past it."""
    open_document(client, SOP_PATH, "\ufeff" + SCHEDULE_SOP.replace("kind: sop", "kind: sopp"))
    found = next(found for found in await published(client, SOP_PATH) if found.code == "Y004")
    assert found.range == types.Range(types.Position(0, 7), types.Position(0, 11))  # `sopp`, the mark being column 0


async def test_a_range_inside_a_flow_mapping_ends_with_its_value(client: LanguageClient):
    """`- {name: ..., sop: ...}`: the unknown id is underlined, not the `}` after it."""
    text = PROCESS.replace("  - name: Schedule post\n    sop: schedule-post\n", "  - {name: 🎬 Schedule, sop: schedule-postt}\n")
    open_document(client, PROCESS_PATH, text)
    [found] = await published(client, PROCESS_PATH)
    line = text.splitlines().index("  - {name: 🎬 Schedule, sop: schedule-postt}")
    start = len("  - {name: 🎬 Schedule, sop: ") + 1  # the clapper board is two UTF-16 code units
    assert found.range == types.Range(types.Position(line, start), types.Position(line, start + len("schedule-postt")))


async def test_no_quick_fix_is_offered_for_a_finding_of_an_older_text(client: LanguageClient):
    """An editor asks for actions on the diagnostics it shows, which may be those of the
    text before the last keystroke: their edits would land on the wrong line. None is
    offered until the diagnostics of the text on screen are in."""
    text = PROCESS.replace("sop: schedule-post", "sop: schedule-postt")
    open_document(client, PROCESS_PATH, text)
    [old] = await published(client, PROCESS_PATH)
    moved = "# Promotion\n" + text
    change_document(client, PROCESS_PATH, moved, 2)
    assert await actions_for(client, PROCESS_PATH, old) == {}  # asked before the new run is in (or just after)
    async with asyncio.timeout(WAIT):  # the new run's diagnostics, whether already in or not
        while (new := next(iter(client.diagnostics.get(uri(client, PROCESS_PATH), [])), old)).range.start.line == old.range.start.line:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    edit = (await actions_for(client, PROCESS_PATH, new))["Disable R001 for this line"].edit
    assert edit is not None and edit.changes is not None
    change_document(client, PROCESS_PATH, apply(moved, list(edit.changes[uri(client, PROCESS_PATH)])), 3)
    assert await published(client, PROCESS_PATH) == []


async def test_find_references_includes_the_id_itself_when_the_editor_asks_for_it(client: LanguageClient):
    """VS Code's "Find All References" asks with `includeDeclaration: true`: the `id:`
    comes first, then every step using it."""
    open_document(client, SOP_PATH, SCHEDULE_SOP)
    await published(client, SOP_PATH)
    used = await client.text_document_references_async(
        types.ReferenceParams(
            context=types.ReferenceContext(include_declaration=True),
            text_document=types.TextDocumentIdentifier(uri(client, SOP_PATH)),
            position=position_of(SCHEDULE_SOP, "schedule-post", 2),
        )
    )
    assert [(location.uri, location.range.start) for location in used or []] == [
        (uri(client, SOP_PATH), position_of(SCHEDULE_SOP, "schedule-post")),
        (uri(client, PROCESS_PATH), position_of(PROCESS, "schedule-post")),
    ]


async def test_a_root_reached_through_a_symbolic_link_is_answered_under_the_names_the_editor_uses(client: LanguageClient):
    """A workspace opened through a link (macOS's /tmp is one, so are many home folders):
    the diagnostics, of the open file and of the others, go to the URIs the editor knows,
    or it never shows them."""
    link = client.root.parent / "linked"  # type: ignore[attr-defined]
    link.symlink_to(client.root, target_is_directory=True)  # type: ignore[attr-defined]
    client.root = link  # type: ignore[attr-defined]
    open_document(client, SOP_PATH, SCHEDULE_SOP.replace("id: schedule-post", "id: schedule-a-post"))
    [found] = await published(client, PROCESS_PATH)
    assert found.code == "R001"
    assert [found.code for found in client.diagnostics[uri(client, SOP_PATH)]] == ["R003"]  # its file is named after the old id
    open_document(client, PROCESS_PATH, PROCESS)
    await published(client, PROCESS_PATH)
    document = types.TextDocumentIdentifier(uri(client, PROCESS_PATH))
    [target] = await client.text_document_definition_async(
        types.DefinitionParams(document, position_of(PROCESS, "sop: draft-post-copy", 7))
    )
    assert target.uri == uri(client, "sops/draft-post-copy.md")  # not a second tab of it under another name


async def test_a_file_a_new_configuration_stops_checking_loses_its_diagnostics(client: LanguageClient):
    text = SCHEDULE_SOP.replace("tool: Buffer", "tool: TBD")
    open_document(client, SOP_PATH, text)
    assert await published(client, SOP_PATH)
    (client.root / ".sop-lint.yaml").write_text(f"exclude: [{SOP_PATH}]\n")  # type: ignore[attr-defined]
    change_document(client, SOP_PATH, text + "\n", 2)
    assert await published(client, SOP_PATH) == []


async def test_only_an_id_can_be_renamed_and_a_refused_rename_is_said_without_a_traceback(client: LanguageClient, capsys: pytest.CaptureFixture[str]):
    """The editor asks first whether the cursor is on something to rename (an `id:`, or a
    step's `sop:` or `process:`), and offers the id to edit; a rename `sop-lint rename`
    refuses is answered with its reason, and the server's standard error stays clean."""
    open_document(client, SOP_PATH, SCHEDULE_SOP)
    open_document(client, PROCESS_PATH, PROCESS)
    await published(client, PROCESS_PATH)

    async def prepared(path: str, text: str, needle: str, offset: int) -> types.PrepareRenameResult | None:
        document = types.TextDocumentIdentifier(uri(client, path))
        return await client.text_document_prepare_rename_async(types.PrepareRenameParams(document, position_of(text, needle, offset)))

    at = position_of(SCHEDULE_SOP, "schedule-post")
    assert await prepared(SOP_PATH, SCHEDULE_SOP, "schedule-post", 3) == types.PrepareRenamePlaceholder(
        range=types.Range(at, types.Position(at.line, at.character + len("schedule-post"))), placeholder="schedule-post"
    )
    step = await prepared(PROCESS_PATH, PROCESS, "sop: schedule-post", 7)
    assert isinstance(step, types.PrepareRenamePlaceholder) and step.placeholder == "schedule-post"
    assert await prepared(SOP_PATH, SCHEDULE_SOP, "tool: Buffer", 1) is None  # a key
    assert await prepared(SOP_PATH, SCHEDULE_SOP, "Buffer", 1) is None  # a value, not an id
    with pytest.raises(Exception, match="is already the id of the SOP"):
        await client.text_document_rename_async(
            types.RenameParams(types.TextDocumentIdentifier(uri(client, SOP_PATH)), position_of(SCHEDULE_SOP, "schedule-post", 3), "draft-post-copy")
        )
    await prepared(SOP_PATH, SCHEDULE_SOP, "schedule-post", 3)  # one more round trip: what the server wrote has come through
    await asyncio.sleep(0.2)
    assert "Traceback" not in capsys.readouterr().err


async def test_the_outline_of_an_sop_is_its_fields_then_its_headings(client: LanguageClient):
    path = "sops/draft-post-copy.md"
    text = DRAFT_SOP + "\n## Before posting\n\nCheck the caption.\n\n### Spelling\n\nRead it aloud.\n\n```\n# not a heading\n```\n\n## After posting\n\nReply.\n"
    open_document(client, path, text)
    await published(client, path)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(types.TextDocumentIdentifier(uri(client, path))))

    def tree(symbol: types.DocumentSymbol) -> tuple[object, ...]:
        return (symbol.name, symbol.detail, symbol.range.start.line, [tree(child) for child in symbol.children or []])

    assert [tree(symbol) for symbol in symbols or []] == [  # type: ignore[arg-type]
        ("kind", "sop", 1, []), ("id", "draft-post-copy", 2, []), ("title", "Draft the social post copy", 3, []),
        ("tool", "Google Docs", 4, []), ("account", "The shared Social drive", 5, []),
        ("format", "One caption of at most 280 characters", 6, []), ("tone", "Upbeat and conversational", 7, []),
        ("Draft the social post copy", None, 9, [
            ("Before posting", None, 14, [("Spelling", None, 18, [])]),
            ("After posting", None, 26, []),
        ]),
    ]


async def test_a_keystroke_publishes_only_the_diagnostics_that_changed(client: LanguageClient):
    """The process on disk has a finding; typing in an SOP changes none of its findings:
    the SOP's diagnostics come, the process's are not sent again."""
    (client.root / PROCESS_PATH).write_text(PROCESS.replace("outcome: A published", "outcome: TBD\nx-was: A published"))  # type: ignore[attr-defined]
    open_document(client, SOP_PATH, SCHEDULE_SOP)
    assert [found.code for found in await published(client, PROCESS_PATH)] == ["P002"]  # sent after the open SOP's
    client.diagnostics.clear()
    change_document(client, SOP_PATH, SCHEDULE_SOP + "  - Check it went out.\n", 2)
    assert await published(client, SOP_PATH) == []
    assert uri(client, PROCESS_PATH) not in client.diagnostics
    change_document(client, SOP_PATH, SCHEDULE_SOP.replace("id: schedule-post", "id: schedule-a-post"), 3)
    assert [found.code for found in await published(client, PROCESS_PATH)] == ["P002", "R001"]  # its step now dangles
    assert [found.code for found in client.diagnostics[uri(client, SOP_PATH)]] == ["R003"]  # sent first
