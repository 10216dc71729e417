"""What the instruction rules (the `I` family) share: an SOP's instructions, and sentences."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sop_lint.model.repository import Sop
from sop_lint.reading.lazy_instructions import instructions_reader
from sop_lint.rules.base import FileContext

if TYPE_CHECKING:
    from sop_lint.reading.passages import Instructions

# A sentence runs to a full stop, question or exclamation mark followed by a space (or the end).
_SENTENCE = re.compile(r"\S.*?(?:[.!?]+(?=\s|$)|$)", re.DOTALL)


def instructions_of(file: FileContext) -> Instructions | None:
    """The instructions of an SOP, None for a process or a file that is not a mapping."""
    if not isinstance(file.item, Sop):
        return None
    return instructions_reader()(file.document)  # not loaded on a warm run: see `reading.lazy_instructions`


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each sentence of `text`."""
    for match in _SENTENCE.finditer(text):
        yield match.span()


@functools.cache
def phrase_pattern(phrases: tuple[str, ...], ignore_case: bool = True) -> re.Pattern[str] | None:
    """One expression matching any of `phrases` as whole words (ignoring case, unless the caller
    lower-cases both sides itself), longest first. A trailing full stop is optional (`etc.` matches `etc`)."""
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = r"\s+".join(map(re.escape, phrase.rstrip(".").split()))
        if not words:
            continue
        tail = r"\.?" if phrase.endswith(".") else ""
        parts.append(rf"{words}{tail}")
    if not parts:
        return None
    return re.compile(rf"(?<![\w@#/-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE if ignore_case else 0)
