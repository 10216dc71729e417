"""The editor case (issue 16): how long after a keystroke the language server publishes
the diagnostics of the file being typed, in a large repository, the server warm.

A real LSP client (pygls's) starts `sop-lint lsp` over stdio, opens one SOP of the
repository, waits for its first diagnostics (the server's model is then loaded), and
then, `--runs` times, changes one character and times the wait until that file's
diagnostics arrive. Four kinds of keystroke are timed: one in the instructions (the
repository rules have nothing new to read, and are not run), one in the `tool:` value
(the model is relinked with the SOP swapped, and the rules that read tools run again),
one in the `id:` (the SOP's old id is left dangling in every process that uses it: the
item moves to its new id, and the rules that read ids run), and one in a process's step
(`sop:`; its uses are linked again, and the rules that read steps run). The
server waits `DEBOUNCE` seconds without a change before it lints, so that pause is part
of every sample; the report gives it too. Warm `check` of the same repository,
run in the same benchmark, is the ratio's floor.

    python bench/editor.py --repo bench/.data/repo --runs 7
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from sop_lint.lsp.session import DEBOUNCE


async def keystrokes(repo: Path, runs: int) -> dict[str, list[float]]:
    """Seconds from each one-character change to its diagnostics, by where it is typed."""
    client = LanguageClient("bench", "1")
    arrived: asyncio.Queue[str] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait(params.uri)

    await client.start_io(sys.executable, "-m", "sop_lint", "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=repo.as_uri()))
    client.initialized(types.InitializedParams())
    sop = next(path for path in sorted((repo / "sops").rglob("*.md")))
    process = next(path for path in sorted((repo / "processes").rglob("*.yaml")))
    for path, language in ((sop, "markdown"), (process, "yaml")):
        item = types.TextDocumentItem(path.as_uri(), language, 1, path.read_text(encoding="utf-8"))
        client.text_document_did_open(types.DidOpenTextDocumentParams(item))
        await _until(arrived, path.as_uri())
    text, steps = sop.read_text(encoding="utf-8"), process.read_text(encoding="utf-8")
    tool = next(line for line in text.splitlines() if line.startswith("tool:"))
    identifier = next(line for line in text.splitlines() if line.startswith("id:"))
    reference = next(line for line in steps.splitlines() if line.strip().startswith("sop:"))
    typed: dict[str, tuple[Path, Callable[[int], str]]] = {
        "in the instructions": (sop, lambda count: text + "x" * count),  # at the end of the file
        "in the tool": (sop, lambda count: text.replace(tool, tool + "x" * count, 1)),
        "in the id": (sop, lambda count: text.replace(identifier, identifier + "x" * count, 1)),
        "in a step's sop": (process, lambda count: steps.replace(reference, reference + "x" * count, 1)),
    }
    seconds: dict[str, list[float]] = {where: [] for where in typed}
    version = 1
    for where, (path, change) in typed.items():
        await asyncio.sleep(0.5)  # the last kind's runs may have published for other files too: those go first
        while not arrived.empty():
            arrived.get_nowait()
        for run in range(runs):
            version += 1
            started = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
                    [types.TextDocumentContentChangeWholeDocument(text=change(run + 1))],
                )
            )
            await _until(arrived, path.as_uri())
            seconds[where].append(time.perf_counter() - started)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return seconds


async def _until(arrived: asyncio.Queue[str], uri: str) -> None:
    while await asyncio.wait_for(arrived.get(), timeout=300) != uri:
        pass


def warm_check(repo: Path, runs: int) -> list[float]:
    """`sop-lint check` of the same repository, its cache warm: the floor."""
    command = [sys.executable, "-m", "sop_lint", "check", str(repo), "--format", "json", "--ignore", "H"]
    subprocess.run(command, capture_output=True, check=False)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, required=True, help="an ops repository (bench/run.py generates one)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    editor = asyncio.run(keystrokes(args.repo.resolve(), args.runs))
    floor = warm_check(args.repo, args.runs)
    figures: dict[str, float] = {}
    for where, seconds in editor.items():
        figures[f"keystroke {where} to diagnostics, median s"] = statistics.median(seconds)
        figures[f"keystroke {where}, ratio to check warm"] = statistics.median(seconds) / statistics.median(floor)
    figures |= {"of which the debounce pause, s": DEBOUNCE, "check warm, median s": statistics.median(floor)}
    for name, value in figures.items():
        print(f"{name}: {value:.3f}")
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
