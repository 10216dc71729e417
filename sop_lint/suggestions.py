"""'Did you mean …?': the closest known word to a misspelt one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, ignoring case (`Tool` → `tool`), if any is close."""
    by_folded = {candidate.casefold(): candidate for candidate in candidates}
    match = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=0.6)
    return by_folded[match[0]] if match else None
