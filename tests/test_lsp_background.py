"""`sop-lint lsp` with a document so large that checking it takes seconds (issue 16): the
editor's requests are answered at once from what the last run computed, a run a later
keystroke makes unwanted is dropped rather than finished, and `exit` ends the server at
once, whatever run is going.

Times are compared with the time this machine takes to parse the document, measured in
the same test: no figure holds on every machine, a ratio does.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient as PlainClient
from pytest_lsp import LanguageClient

from sop_lint.reading.loader import parse_document
from tests.conftest import write_files
from tests.repos import PROCESS, valid_repo
from tests.test_lsp import PROCESS_PATH, change_document, client, open_document, position_of, server, uri

__all__ = ["client", "server"]  # the fixtures, shared with tests/test_lsp.py
pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]
BIG = PROCESS + "".join(f"  - name: Step {index}\n    sop: schedule-post\n" for index in range(3000))
# Three times BIG: its parse outlasts a loaded machine's jitter by far more, where a test
# times something against it (an answer without a run, the exit during a run).
HUGE = PROCESS + "".join(f"  - name: Step {index}\n    sop: schedule-post\n" for index in range(10_000))
WAIT = 120  # seconds: the large document's runs, on a loaded machine


def parse_seconds(text: str = BIG) -> float:
    started = time.perf_counter()
    parse_document(PROCESS_PATH, text.encode())
    return time.perf_counter() - started


async def codes_until(client: LanguageClient, wanted: set[str]) -> None:
    """Waits for new diagnostics of the process, until their codes are `wanted`."""
    client.diagnostics.pop(uri(client, PROCESS_PATH), None)
    async with asyncio.timeout(WAIT):
        while (found := client.diagnostics.get(uri(client, PROCESS_PATH))) is None or {each.code for each in found} != wanted:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


async def test_requests_about_a_large_document_are_answered_from_the_last_run(client: LanguageClient):
    """On HUGE, not BIG: the answers take the same 10-20 ms either way, and with BIG's
    parse (0.1 s) one answer on a loaded machine took 0.041 s against a bound of 0.032 s."""
    open_document(client, PROCESS_PATH, HUGE)
    await codes_until(client, set())
    parsing = parse_seconds(HUGE)
    document = types.TextDocumentIdentifier(uri(client, PROCESS_PATH))
    at = position_of(HUGE, "sop: draft-post-copy", 7)
    asked = {
        "hover": client.text_document_hover_async(types.HoverParams(document, at)),
        "definition": client.text_document_definition_async(types.DefinitionParams(document, at)),
        "references": client.text_document_references_async(types.ReferenceParams(types.ReferenceContext(include_declaration=False), document, at)),
        "completion": client.text_document_completion_async(types.CompletionParams(document, types.Position(at.line, 9))),
    }
    for name, request in asked.items():
        started = time.perf_counter()
        answer = await request
        assert time.perf_counter() - started < parsing / 3, name
        assert answer is not None or name == "references", name


async def test_a_run_a_later_keystroke_makes_unwanted_is_dropped(client: LanguageClient):
    """Eleven keystrokes, each while the run of the one before is going: the diagnostics of
    the last come after about two runs (the one going, then the last one) and the typing
    itself (a run's time), not eleven runs. The bound leaves room for reading eleven
    messages of 120 KB each, which took a quarter of the time on an idle 2-core machine."""
    open_document(client, PROCESS_PATH, BIG)
    await codes_until(client, set())
    started = time.perf_counter()
    change_document(client, PROCESS_PATH, BIG + "# one\n", 2)
    await codes_until(client, set())
    one = time.perf_counter() - started
    started = time.perf_counter()
    for version in range(3, 13):
        change_document(client, PROCESS_PATH, BIG + f"# {version}\n", version)
        await asyncio.sleep(one / 10)  # each run has started when the next keystroke comes
    change_document(client, PROCESS_PATH, BIG + "  - name: Last\n    sop: nowhere\n", 13)
    await codes_until(client, {"R001"})
    assert time.perf_counter() - started < 7 * one


async def test_exit_ends_the_server_at_once_whatever_run_is_going(tmp_path: Path):
    root = write_files(tmp_path / "ops", valid_repo())
    editor = PlainClient("test", "1")
    await editor.start_io(sys.executable, "-m", "sop_lint", "lsp")
    await editor.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri(), initialization_options={"debounce": 0})
    )
    editor.initialized(types.InitializedParams())
    parsing = parse_seconds(HUGE)  # the run outlasts the exit by far more than a loaded machine's jitter
    item = types.TextDocumentItem((root / PROCESS_PATH).as_uri(), "yaml", 1, HUGE)
    editor.text_document_did_open(types.DidOpenTextDocumentParams(item))
    await asyncio.sleep(parsing / 3)  # the run is going
    started = time.perf_counter()
    await asyncio.wait_for(editor.shutdown_async(None), WAIT)
    editor.exit(None)
    await asyncio.wait_for(editor.stop(), WAIT)
    assert time.perf_counter() - started < parsing / 2
