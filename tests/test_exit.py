"""The `sop-lint` program (the installed script) ends without the interpreter's teardown (`cli.run`): what it
printed, and its exit code, are those of `main` driven in this process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.repos import SCHEDULE_SOP, edit, valid_repo


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{root}", "--format", "json"],  # findings: exit 1
        ["check", "{root}", "--format", "sarif", "--select", "P001"],  # none: exit 0
        ["check", "{root}/missing"],  # an error: one line, exit 2
        ["check", "{root}", "--format", "nonsense"],  # a usage error: exit 2
        ["explain", "P001"],
    ],
)
def test_the_program_prints_and_exits_as_main_does(repo, command):
    root = repo(valid_repo({"sops/schedule-post.yaml": edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD") * 40}))
    words = [word.replace("{root}", str(root)) for word in command]
    program = subprocess.run([str(Path(sys.executable).with_name("sop-lint")), *words], capture_output=True, text=True)
    assert (program.returncode, program.stdout, program.stderr) == run_cli(*words)


@pytest.mark.parametrize(("closed", "command", "code"), [("stdout", ["explain", "P001"], 0), ("stdout", ["check", "{root}"], 1), ("stderr", ["check", "{root}"], 1)])
def test_a_closed_output_is_no_error(repo, closed, command, code):
    """`sop-lint check >&-`: the program starts without that stream (Python gives None); it
    says nothing there, and its exit code is still the findings' (it was an internal error)."""
    root = repo(valid_repo({"sops/schedule-post.yaml": edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")}))
    words = [word.replace("{root}", str(root)) for word in command]
    number = 1 if closed == "stdout" else 2
    script = f"import os, sys; os.close({number}); sys.{closed} = None; sys.argv = ['sop-lint', *{words!r}]; from sop_lint.cli import run; run()"
    program = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert program.returncode == code
    assert "Error" not in program.stderr and "error" not in program.stderr


def test_a_child_process_still_running_is_ended_as_before(tmp_path):
    """A run stopped while a child of it still runs (Ctrl-C while the history child reads
    git) takes the usual exit, which ends daemon children: `os._exit` left the child
    waiting on its pipe for ever (found by an independent review)."""
    script = (
        "import multiprocessing, sys, time\n"
        "import sop_lint.cli as cli\n"
        "def stopped():\n"
        "    child = multiprocessing.get_context('fork').Process(target=time.sleep, args=(600,), daemon=True)\n"
        "    child.start()\n"
        "    print(child.pid, flush=True)\n"
        "    raise SystemExit(1)\n"
        "cli.main = stopped\n"
        "cli.run()\n"
    )
    program = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert program.returncode == 1
    child = int(program.stdout.split()[0])
    assert not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]
