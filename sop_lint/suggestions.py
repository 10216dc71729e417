"""'Did you mean …?': the closest known word to a misspelt one."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable

# Beyond this many candidates, difflib alone is too slow (tens of milliseconds a word
# over 10,000 ids), so an index of letter pairs picks the few worth comparing.
_SHORTLIST = 40


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, ignoring case (`Tool` → `tool`), if any is close."""
    return Suggester(candidates).closest(word)


class Suggester:
    """Answers `closest` for one set of candidates, many times."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self.by_folded = {candidate.casefold(): candidate for candidate in candidates}
        self.index: dict[str, list[str]] | None = None

    def closest(self, word: str) -> str | None:
        folded = word.casefold()
        pool = list(self.by_folded) if len(self.by_folded) <= _SHORTLIST else self._shortlist(folded)
        match = difflib.get_close_matches(folded, pool, n=1, cutoff=0.6)
        return self.by_folded[match[0]] if match else None

    def _shortlist(self, folded: str) -> list[str]:
        if self.index is None:
            self.index = {}
            for candidate in self.by_folded:
                for pair in _pairs(candidate):
                    self.index.setdefault(pair, []).append(candidate)
        shared: Counter[str] = Counter()
        for pair in _pairs(folded):
            shared.update(self.index.get(pair, ()))
        return [candidate for candidate, _ in shared.most_common(_SHORTLIST)]


def _pairs(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[index : index + 2] for index in range(len(padded) - 1)}
