"""The instructions reader's entry point, for the summary and the instruction rules.

Each of them asks for an SOP's instructions (six callers per SOP), and a warm run, which
reads no SOP, must not load the reader (see `reading.passage_kinds`): an import statement
in each caller did both, but cost 1.5 us per call, 60,000 calls in a cold run of the
benchmark repository. Here the reader is imported once, when first asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sop_lint.reading.documents import Document
    from sop_lint.reading.passages import Instructions


@functools.cache
def instructions_reader() -> Callable[[Document], Instructions]:
    """`read_instructions`, imported on the first call."""
    from sop_lint.reading.instructions import read_instructions

    return read_instructions
