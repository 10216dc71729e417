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
