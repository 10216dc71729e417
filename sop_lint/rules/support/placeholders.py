"""Values that stand in for a real one: `TBD`, `TODO`, `?`, `N/A` and the like.

A field that does not apply to an SOP (no `tone` for exporting timesheets) has one
spelling: the SOP lists it under `not_applicable`. A value that says so instead (`N/A`,
`NA`, `none`, `not applicable`) is reported like a placeholder, all spellings alike, with
that advice; as whole values only, so that `none of the jargon` stays a real tone.
"""

from __future__ import annotations

import functools
import re

# A character of which `str.isalnum` is true (`\w` is those and `_`): one search, where a
# test of each character cost a fifth of `find_placeholder`.
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_NOT_APPLICABLE = re.compile(r"\s*(?:n\s*/\s*a|n\.?\s*a\.?|none|nil|not\s+applicable|does\s+not\s+apply)\s*[.!]?\s*", re.IGNORECASE)


def find_placeholder(value: str, placeholders: tuple[str, ...]) -> str | None:
    """The placeholder text a value consists of or contains, as written in the value.

    Placeholders with letters match as whole words anywhere, ignoring case (`TBD - ask Sam`);
    others match the whole value. A value without a single letter or digit is never real.
    """
    stripped = value.strip()
    if _LETTER_OR_DIGIT.search(stripped) is None:
        return stripped
    words, whole_values = _matchers(placeholders)
    if stripped in whole_values:
        return stripped
    match = words.search(stripped) if words else None
    return match.group(0) if match else None


@functools.cache
def _matchers(placeholders: tuple[str, ...]) -> tuple[re.Pattern[str] | None, frozenset[str]]:
    """One regular expression for all word placeholders: checking every field of every SOP
    against each placeholder in turn cost more than parsing the files."""
    words = sorted((p for p in placeholders if any(c.isalpha() for c in p)), key=len, reverse=True)
    pattern = re.compile(rf"(?<![\w/])(?:{'|'.join(map(re.escape, words))})(?![\w/])", re.IGNORECASE) if words else None
    return pattern, frozenset(p for p in placeholders if not any(c.isalpha() for c in p))


def says_not_applicable(value: str) -> bool:
    """Whether the whole value means "does not apply" (`N/A`, `NA`, `none`, `n.a.`)."""
    return _NOT_APPLICABLE.fullmatch(value) is not None
