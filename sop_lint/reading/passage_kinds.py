"""The names rules and the model use for an SOP's passages, apart from the reader itself.

A warm run reads no SOP, yet imports every rule: kept here, `MASK` and `PassageKind` let
them be imported without `reading/instructions.py` (the Markdown reader, which that run
never calls and whose loading is a measurable share of it).
"""

from __future__ import annotations

from enum import StrEnum

MASK = "\ue000"  # stands for each character of what is not an instruction (code, HTML, URLs)


class PassageKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"  # the text of a list item (or of a YAML `instructions:` entry)
    CELL = "cell"
