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


def test_a_closed_output_is_no_error(tmp_path):
    """`sop-lint explain P001 >&-`: the program starts without a stdout; it ends as before."""
    script = "import os, sys; os.close(1); sys.stdout = None; sys.argv = ['sop-lint', 'explain', 'P001']; from sop_lint.cli import run; run()"
    program = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (program.returncode, program.stderr) == (0, "")


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
