"""The names rules and the model use for an SOP's passages, apart from the reader itself.

A warm run reads no SOP, yet imports every rule: kept here, `MASK` and `PassageKind` let
them be imported without `reading/instructions.py` (the Markdown reader, which that run
never calls and whose loading is a measurable share of it). `instructions_reader` gives
the reader's entry point, imported on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sop_lint.reading.documents import Document
    from sop_lint.reading.instructions import Instructions

MASK = "\ue000"  # stands for each character of what is not an instruction (code, HTML, URLs)


class PassageKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"  # the text of a list item (or of a YAML `instructions:` entry)
    CELL = "cell"


@functools.cache
def instructions_reader() -> Callable[[Document], Instructions]:
    """`read_instructions`, imported when first asked for: an import statement in each
    caller cost more than all they do with an SOP that is read already (six callers per
    SOP, 60,000 calls in a cold run of the benchmark repository)."""
    from sop_lint.reading.instructions import read_instructions

    return read_instructions
