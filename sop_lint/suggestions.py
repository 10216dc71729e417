"""'Did you mean …?': the known word a misspelt one was meant to be, and only that.

A suggestion sends people to another SOP, key or process, so a wrong one costs more than
none: `send-invoice` is not a typo of `create-invoices`, though the two look alike to a
similarity ratio. A candidate is suggested only when it is a near typo of the word (a few
letters inserted, dropped, changed or swapped, fewer for a short word) or the same words
in another order (`post-schedule` for `schedule-post`); among several, the nearest wins.
"""

from __future__ import annotations

import functools
import operator
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher

_SEPARATORS = str.maketrans({"_": "-", " ": "-"})


def typos_allowed(word: str) -> int:
    """How many letters a typo of `word` may get wrong: one in a short word, two in most,
    three in a long one. More, and unrelated words of similar length start to match."""
    if len(word) <= 3:
        return 1
    return 2 if len(word) <= 12 else 3


def edit_distance(first: str, second: str, limit: int) -> int:
    """Letters inserted, deleted, changed or swapped with a neighbour to turn one word into
    the other (optimal string alignment), or `limit + 1` once it is known to exceed `limit`.
    Only the band of `limit` cells either side of the diagonal can stay within it, so only
    that band is computed: checking thousands of ids stays quick."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    over = limit + 1
    width = len(second)
    before = [over] * (width + 1)
    previous = [j if j <= limit else over for j in range(width + 1)]
    for i, letter in enumerate(first, 1):
        current = [over] * (width + 1)
        if i <= limit:
            current[0] = i
        low, high = max(1, i - limit), min(width, i + limit)
        for j in range(low, high + 1):
            other = second[j - 1]
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != other))
            if i > 1 and j > 1 and letter == second[j - 2] and first[i - 2] == other:
                cost = min(cost, before[j - 2] + 1)
            current[j] = min(cost, over)
        if min(current[max(0, low - 1) : high + 1]) > limit:
            return over
        before, previous = previous, current
    return previous[width]


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate `word` was meant to be, ignoring case (`Tool` → `tool`), if any."""
    return Suggester(candidates).closest(word)


def only_near(word: str, candidates: Iterable[str]) -> bool:
    """Whether exactly one candidate is within a typo of `word`: only then may a fix
    write it in the word's place (`tone` and `tome` both near `tonne`: ask the author)."""
    return Suggester(candidates).only_near(word)


class Suggester:
    """Answers `closest` for one set of candidates, many times.

    Among thousands of ids only a few can be near a word, and two cheap tests set the rest
    aside before any letter-by-letter comparison: a typo changes a word's length by at most
    the letters it allows, and each letter it gets wrong breaks at most three of the word's
    pairs of neighbouring letters, so a near candidate has all but a few of those pairs
    (Ukkonen's q-gram lemma; the pairs are bits of an integer, counted in C).
    """

    def __init__(self, candidates: Iterable[str]) -> None:
        self.by_folded = {_folded(candidate): candidate for candidate in candidates}
        # The candidates of each length with their pairs, made when a word first needs that
        # length: a run without a misspelt word never pays for them, and one with a few
        # pays for the lengths near theirs.
        self.by_length: dict[int, list[tuple[str, int]]] = {}
        self.asked_near: dict[str, list[str]] = {}

    @functools.cached_property
    def by_words(self) -> dict[tuple[str, ...], str]:
        """The candidate with each set of words (the first, where several share them)."""
        return {_words(folded): folded for folded in reversed(self.by_folded)}

    @functools.cached_property
    def words_count(self) -> Counter[tuple[str, ...]]:
        """For `after`: which words several candidates share."""
        return Counter(map(_words, self.by_folded))

    def closest(self, word: str) -> str | None:
        folded = _folded(word)
        if folded in self.by_folded:
            return self.by_folded[folded]
        # Every candidate within the word's typos, not only the nearest: `near` is usually
        # asked next (is one alone near?), and answered from the same search.
        nearest = self._nearest(folded)
        self.asked_near.setdefault(word, sorted({self.by_folded[candidate] for same in nearest.values() for candidate in same}))
        if nearest:  # of equally near ones, the one sharing the most letters in order
            tied = sorted(nearest[min(nearest)])
            return self.by_folded[max(tied, key=lambda candidate: SequenceMatcher(None, folded, candidate).ratio())]
        reordered = self.by_words.get(_words(folded))
        return self.by_folded[reordered] if reordered is not None and "-" in folded else None

    def near(self, word: str) -> list[str]:
        """Every candidate within a typo of `word`, or equal to it but for case; remembered
        (an editor asks again on every keystroke)."""
        if word not in self.asked_near:
            folded = _folded(word)
            found = {self.by_folded[folded]} if folded in self.by_folded else set()
            found |= {self.by_folded[candidate] for same in self._nearest(folded).values() for candidate in same}
            self.asked_near[word] = sorted(found)
        return self.asked_near[word]

    def only_near(self, word: str) -> bool:
        """See the function `only_near`."""
        return len(self.near(word)) == 1

    def after(self, removed: set[str], added: set[str]) -> Suggester | None:
        """This suggester's candidates without `removed` and with `added`, made from this
        one with what it answered of `near` (an editor's keystroke in an id changes one id
        of ten thousand); None where a changed candidate folds, or has its words, like
        another (then the order of the candidates decides, and a fresh one must be made)."""
        gone, new = {_folded(candidate) for candidate in removed}, {_folded(candidate): candidate for candidate in added}
        words = [_words(folded) for folded in (*gone, *new)]
        if (
            len(gone) != len(removed) or len(new) != len(added) or any(folded in self.by_folded and folded not in gone for folded in new)
            or len(set(words)) != len(words) or any(self.words_count[key] > (key in map(_words, gone)) for key in words)
        ):
            return None
        suggester = Suggester(())
        suggester.by_folded, suggester.by_words, suggester.words_count = dict(self.by_folded), dict(self.by_words), Counter(self.words_count)
        for folded in gone:
            del suggester.by_folded[folded], suggester.by_words[_words(folded)]
            suggester.words_count[_words(folded)] -= 1
        for folded, candidate in new.items():
            suggester.by_folded[folded], suggester.by_words[_words(folded)] = candidate, folded
            suggester.words_count[_words(folded)] += 1
        suggester.by_length = dict(self.by_length)  # the lengths made so far; the others are made from `by_folded`
        for folded in gone:
            if len(folded) in suggester.by_length:
                suggester.by_length[len(folded)] = [entry for entry in suggester.by_length[len(folded)] if entry[0] != folded]
        for folded in new:
            if len(folded) in suggester.by_length:
                suggester.by_length[len(folded)] = [*suggester.by_length[len(folded)], (folded, _pair_bits(folded))]
        for word, found in self.asked_near.items():
            suggester.asked_near[word] = sorted({*(set(found) - removed), *(candidate for candidate in added if _near(word, candidate))})
        return suggester

    def _nearest(self, folded: str) -> dict[int, list[str]]:
        """The candidates within the typos `folded` allows, by distance."""
        limit = typos_allowed(folded)
        pairs, most_missing = _pair_bits(folded), 3 * limit
        nearest: dict[int, list[str]] = {}
        for length in range(len(folded) - limit, len(folded) + limit + 1):
            for candidate, its_pairs in self._of_length(length):
                if (pairs & ~its_pairs).bit_count() > most_missing:  # the word's pairs the candidate lacks
                    continue
                distance = edit_distance(folded, candidate, limit)
                if distance <= limit:
                    nearest.setdefault(distance, []).append(candidate)
        return nearest

    def _of_length(self, length: int) -> list[tuple[str, int]]:
        if length not in self.by_length:
            self.by_length[length] = [(folded, _pair_bits(folded)) for folded in self._by_size.get(length, ())]
        return self.by_length[length]

    @functools.cached_property
    def _by_size(self) -> dict[int, list[str]]:
        """The folded candidates by length, in order, from which `by_length` is made."""
        sizes: dict[int, list[str]] = {}
        for folded in self.by_folded:
            sizes.setdefault(len(folded), []).append(folded)
        return sizes


def still_closest(word: str, said: str | None, removed: set[str], added: set[str]) -> bool:
    """Whether `Suggester.closest(word)` is still `said` once `removed` are taken out of
    the candidates and `added` put in: the answer is not gone, and nothing added is near
    the word, or the same words in another order."""
    folded = _folded(word)
    return said not in removed and not any(_near(word, candidate) or _words(_folded(candidate)) == _words(folded) for candidate in added)


def _near(word: str, candidate: str) -> bool:
    """Whether `candidate` is one of `Suggester.near(word)`."""
    folded, other = _folded(word), _folded(candidate)
    limit = typos_allowed(folded)
    return folded == other or edit_distance(folded, other, limit) <= limit


# Each pair of neighbouring letters seen so far, and its bit. Threads may add the same
# pair at once: `setdefault` keeps the first bit given. Two pairs given one bit (both
# counted from the same size) count as one: a candidate then seems to lack fewer pairs,
# never more, so none within a typo is set aside.
_PAIR_BIT: dict[str, int] = {}


# An editor's server makes a suggester again whenever an id changes; most of its ids
# are the same, and so are their folded forms and pairs.
@functools.lru_cache(maxsize=1 << 16)
def _pair_bits(folded: str) -> int:
    """The word's pairs of neighbouring letters, a bit each: `(a & ~b).bit_count()` is
    how many of `a`'s pairs `b` lacks, as `len(pairs_a - pairs_b)` would say, with no set made per comparison."""
    pairs = set(map(str.__add__, folded, folded[1:]))
    for pair in pairs.difference(_PAIR_BIT):  # after the first few words, seldom any
        _PAIR_BIT.setdefault(pair, 1 << len(_PAIR_BIT))
    return functools.reduce(operator.or_, map(_PAIR_BIT.__getitem__, pairs), 0)


@functools.lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    return word.casefold().translate(_SEPARATORS)


@functools.lru_cache(maxsize=1 << 16)
def _words(folded: str) -> tuple[str, ...]:
    return tuple(sorted(folded.split("-")))
