"""What a command gives the CLI to print, and how the run ends."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    """`text` goes to standard output as it is; `messages` are whole lines for standard
    error (notes, warnings), printed first; `step_summary` is Markdown to append to
    GitHub's job summary file, when there is one (see `step_summary`)."""

    text: str = ""
    exit_code: int = 0
    messages: tuple[str, ...] = ()
    step_summary: str = ""
