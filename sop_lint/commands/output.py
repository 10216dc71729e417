"""What a command gives the CLI to print, and how the run ends."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from sop_lint.errors import SopLintError
from sop_lint.findings import visible


class Output(NamedTuple):
    """`text` goes to standard output as it is; `messages` are whole lines for standard
    error (notes, warnings), printed first; `step_summary` is Markdown to append to
    GitHub's job summary file, when there is one (see `step_summary`)."""

    text: str = ""
    exit_code: int = 0
    messages: tuple[str, ...] = ()
    step_summary: str = ""


def cannot_write(error: OSError, root: Path, outcome: str) -> SopLintError:
    """One line for a write that failed: the file, from the SOP root as every other path
    sop-lint prints, why, and what was left as it was."""
    where = visible(os.path.relpath(error.filename, root) if error.filename else str(root))
    return SopLintError(f"cannot write {where}: {error.strerror or error}; {outcome}")
