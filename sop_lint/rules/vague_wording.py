"""The instructions use vague wording a newcomer cannot act on.

## What it does
Reads an SOP's instructions and reports words and phrases that leave the reader guessing:
`as usual`, `the usual account`, `as needed`, `if necessary`, `etc.`, `and so on`,
`somehow`, `ASAP`, `soon`, `the right person`, `appropriate`, `whatever works` and the
rest of the `vague-words` vocabulary, each with what to write instead. Code, links'
targets, URLs and quoted or bold labels (`click **Save as needed**`) are not read, and
`as soon as` (an exact trigger) is not `soon`.

## Why
"As usual" is only usual for the person who wrote it. Every vague word is a question the
newcomer has to ask someone, which is what the SOP was meant to spare them.

## Bad
```markdown
1. Open Buffer and pick the usual account.
2. Add hashtags as needed, schedule it ASAP.
```

## Good
```markdown
1. Open Buffer and pick the @acme account.
2. Add the three hashtags from the card, and schedule it for 12:30 today.
```

## Options
`vague-words` replaces the vocabulary (a mapping of phrase to what to write instead, or a
list of phrases), `extend-vague-words` adds the team's own to it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Sop
from sop_lint.rules.base import FileContext, SchemaCover
from sop_lint.rules.support.prose import LowerCased, folded, instructions_of, lower_cased, phrase_pattern

CODE = "I003"
NAME = "vague-wording"
SEVERITY = Severity.WARNING
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check_file(file: FileContext) -> Iterator[Problem]:
    instructions = instructions_of(file)
    if instructions is None:
        return
    vague_words = file.settings.vague_words
    if not _may_hold(lower_cased(instructions), vague_words):
        return
    pattern = _pattern(vague_words)
    if pattern is None:
        return
    vocabulary = _advice(vague_words)
    assert isinstance(file.item, Sop)
    for passage in instructions.passages:
        prose = passage.prose
        # Matching lower-cased text is several times faster than ignoring case; folded, it keeps every offset.
        lowered = folded(prose)
        for match in pattern.finditer(lowered):
            words = prose[match.start() : match.end()]
            key = " ".join(lowered[match.start() : match.end()].rstrip(".").split())
            if key == "soon" and lowered[max(match.start() - 3, 0) : match.start()] == "as " and lowered.startswith(" as", match.end()):
                continue  # `as soon as the video is public` names the moment
            advice = vocabulary.get(key) or "say exactly what is meant"
            yield Problem(
                file.path,
                passage.position(match.start()),
                f"the instructions of {file.item.label} say `{words}`, which a newcomer cannot act on: {advice}",
                f"instructions:{key}",
            )


@functools.cache
def _pattern(vague_words: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    """The expression for lower-cased text, made once per vocabulary."""
    return phrase_pattern(tuple(phrase.lower() for phrase, _ in vague_words))


def _may_hold(lower: LowerCased, vague_words: tuple[tuple[str, str], ...]) -> bool:
    """Whether any phrase may be in the passages: its words, with spaces between them, are in
    their text lower-cased. A match needs that (the prose is the text with labels masked), so
    an SOP without any is passed over by a few substring tests instead of an expression tried
    at every character."""
    text = lower.text
    return any(word in text and any(key.search(text, 1, len(text) - 1) for key in keys) for word, keys in _key_tests(vague_words))


@functools.cache
def _keys(vague_words: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """Each phrase's words, lower case, one space apart, without those that hold a shorter one
    (`usual` stands for `as usual` and `the usual`)."""
    keys: list[str] = []
    for key in sorted({" ".join(phrase.lower().rstrip(".").split()) for phrase, _ in vague_words}, key=len):
        if key and not any(shorter in key for shorter in keys):
            keys.append(key)
    return tuple(keys)


@functools.cache
def _key_tests(vague_words: tuple[tuple[str, str], ...]) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    """`_keys` as expressions (their words, any spaces between them), by the longest word of
    each (of equals, the last: `often`, not `every`): one substring test tells
    most SOPs apart, where `_keys` were tested in the text with its spaces collapsed, which
    cost more than all these tests."""
    tests: dict[str, list[re.Pattern[str]]] = {}
    for key in _keys(vague_words):
        words = key.split(" ")
        tests.setdefault(max(reversed(words), key=len), []).append(re.compile(r"\s+".join(map(re.escape, words))))
    return tuple((word, tuple(keys)) for word, keys in tests.items())


@functools.cache
def _advice(vague_words: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """What to write instead of each phrase, by the phrase as matched (lower case, no final full stop)."""
    return {" ".join(phrase.lower().rstrip(".").split()): advice for phrase, advice in vague_words}
