"""'Did you mean …?': the closest known word to a misspelt one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# Beyond this many candidates, difflib alone is slow (a few milliseconds a word per
# thousand ids), so candidates that share a word's first or last letters go first.
_SHORTLIST_FROM = 200
_ENDS = 3


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, ignoring case (`Tool` → `tool`), if any is close."""
    return Suggester(candidates).closest(word)


class Suggester:
    """Answers `closest` for one set of candidates, many times.

    A typo of one or two letters usually leaves the first or the last three letters of
    a word intact, so the candidates sharing either are compared first, and all of them
    only when none of those is close. The answer is then as close as the best candidate
    whenever the best shares an end with the word: on the benchmark's ids, the same
    answer as comparing all of them for every one- or two-letter typo tried.
    """

    def __init__(self, candidates: Iterable[str]) -> None:
        self.by_folded = {candidate.casefold(): candidate for candidate in candidates}
        self.by_end: dict[str, list[str]] | None = None

    def closest(self, word: str) -> str | None:
        folded = word.casefold()
        if len(self.by_folded) > _SHORTLIST_FROM:
            shortlist = self._sharing_an_end(folded)
            match = difflib.get_close_matches(folded, shortlist, n=1, cutoff=0.6)
            if match:
                return self.by_folded[match[0]]
        match = difflib.get_close_matches(folded, list(self.by_folded), n=1, cutoff=0.6)
        return self.by_folded[match[0]] if match else None

    def _sharing_an_end(self, folded: str) -> list[str]:
        if self.by_end is None:
            self.by_end = {}
            for candidate in self.by_folded:
                self.by_end.setdefault("^" + candidate[:_ENDS], []).append(candidate)
                self.by_end.setdefault("$" + candidate[-_ENDS:], []).append(candidate)
        found = self.by_end.get("^" + folded[:_ENDS], []) + self.by_end.get("$" + folded[-_ENDS:], [])
        return list(dict.fromkeys(found))
