"""What the instruction rules (the `I` family) share: an SOP's instructions, and sentences."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import TYPE_CHECKING

from sop_lint.model.repository import Sop
from sop_lint.reading.lazy_instructions import instructions_reader
from sop_lint.rules.base import FileContext

if TYPE_CHECKING:
    from sop_lint.reading.passages import Instructions, Passage

# A sentence runs to a full stop, question or exclamation mark followed by a space (or the end).
_SENTENCE = re.compile(r"\S.*?(?:[.!?]+(?=\s|$)|$)", re.DOTALL)


def instructions_of(file: FileContext) -> Instructions | None:
    """The instructions of an SOP, None for a process or a file that is not a mapping."""
    if not isinstance(file.item, Sop):
        return None
    return instructions_reader()(file.document)  # not loaded on a warm run: see `reading.lazy_instructions`


# The only characters that the rules' case-ignoring expressions match with an ASCII letter
# while `str.lower` does not lower them to it (`İ` even becomes two characters: `i` and a
# combining dot): folded to that letter first, so that lower-cased text holds the rules'
# words wherever their expressions find them, at the same offsets.
_ASCII_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})
_FOLDED_APART = re.compile("[ıſ\u0307]")


def folded(text: str) -> str:
    """`text` lower-cased as the rules' case-ignoring expressions read it, at its own length."""
    lowered = text.lower()
    return text.translate(_ASCII_FOLDS).lower() if _folds_apart(lowered) else lowered


def _folds_apart(lowered: str) -> bool:
    """Whether lower-cased text may have held `İ`, `ı` or `ſ` (rare: most text is ASCII)."""
    return not lowered.isascii() and _FOLDED_APART.search(lowered) is not None


class LowerCased:
    """The text of an SOP's passages, lower-cased, each between two NUL characters: one string
    that a rule searches in C for its words, to find the few passages worth its work.

    Most passages hold none of the words a rule looks for: a rule that lower-cased and
    searched each passage in turn spent more on that than on all the rest of its work. Each
    passage is lower-cased on its own, as the rules do, so its part of `text` is exactly
    its `folded` text, as long as the passage."""

    __slots__ = ("_ends", "instructions", "text")

    def __init__(self, instructions: Instructions) -> None:
        self.instructions = instructions
        texts = [passage.text for passage in instructions.passages]
        lowered = list(map(str.lower, texts))
        self.text = "\x00".join(["", *lowered, ""])
        if _folds_apart(self.text):  # asked once for the SOP, not for each passage
            lowered = list(map(folded, texts))
            self.text = "\x00".join(["", *lowered, ""])
        # The offset of the NUL before each passage, and of the last one.
        self._ends = [0, *accumulate(len(text) + 1 for text in lowered)]

    def index(self, offset: int) -> int:
        """The index of the passage at `offset` of `text` (a NUL counts with the passage before it)."""
        return bisect_left(self._ends, offset) - 1

    def places(self, words: Iterable[str]) -> Iterator[tuple[int, int]]:
        """Where each of `words` (lower case, none empty) is in a passage's lower-cased text:
        the passage's index and the offset in that text, one word after the other. A word that
        holds a NUL may also be found across two passages."""
        text, ends = self.text, self._ends
        for word in words:
            at = text.find(word, 1)
            while at >= 0:
                index = bisect_left(ends, at) - 1
                yield index, at - ends[index] - 1
                at = text.find(word, at + 1)

    def passages(self, indices: Iterable[int]) -> list[Passage]:
        """The passages of `indices`, once each, in the instructions' order."""
        passages = self.instructions.passages
        return [passages[index] for index in sorted(set(indices))]


_last: LowerCased | None = None


def lower_cased(instructions: Instructions) -> LowerCased:
    """The passages' text lower-cased, made once for the rules that read the same SOP in turn."""
    global _last
    last = _last
    if last is None or last.instructions is not instructions:
        last = _last = LowerCased(instructions)
    return last


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each sentence of `text`."""
    for match in _SENTENCE.finditer(text):
        yield match.span()


@functools.cache
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One expression matching any of `phrases` as whole words, longest first, minding case:
    the caller lower-cases both sides (see `folded`). A trailing full stop is optional (`etc.` matches `etc`)."""
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = r"\s+".join(map(re.escape, phrase.rstrip(".").split()))
        if not words:
            continue
        tail = r"\.?" if phrase.endswith(".") else ""
        parts.append(rf"{words}{tail}")
    if not parts:
        return None
    return re.compile(rf"(?<![\w@#/-])(?:{'|'.join(parts)})(?![\w-])")
