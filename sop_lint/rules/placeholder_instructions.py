"""The instructions hold a placeholder, or nothing but headings.

## What it does
Reads an SOP's instructions (the Markdown body, or each `instructions:` item) and reports
a paragraph, list item or heading that is, or contains, a placeholder from the
`placeholders` setting (`TBD`, `TODO`, `FIXME`, `?`, `...` and the like), and a Markdown
body that holds only headings. Code, links' targets and HTML comments are not read, nor
quoted text beside other words: `move the card to the "TODO" column` names what the
reader sees. Instructions with no text at all are `C003`'s to report.

## Why
A placeholder in the steps means the SOP was never finished: the newcomer reaches step 3
and finds `TODO`. A body of headings alone looks like an SOP and says nothing.

## Bad
```markdown
# Schedule the promotional post

1. Open Buffer and select the @acme account.
2. TODO: scheduling rules
3. ...
```

## Good
```markdown
# Schedule the promotional post

1. Open Buffer and select the @acme account.
2. Schedule the post for 12:30 on the day the video goes public.
```

## Options
`placeholders` replaces the list of placeholder values, `extend-placeholders` adds to it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Sop
from sop_lint.reading.passage_kinds import MASK, PassageKind
from sop_lint.reading.passages import quoted_spans
from sop_lint.rules.base import FileContext, SchemaCover
from sop_lint.rules.empty_instructions import has_body
from sop_lint.rules.support.placeholders import find_placeholder
from sop_lint.rules.support.prose import folded, instructions_of, lower_cased

_WORD = re.compile(r"[^\W_]")
# A passage of `LowerCased.text` without a letter or digit (lower-casing keeps a character's
# being one or not, for every character of Unicode).
_NO_WORD = re.compile(r"\x00(?:[^\w\x00]|_)*(?=\x00)")

CODE = "I001"
NAME = "placeholder-instructions"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()


def check_file(file: FileContext) -> Iterator[Problem]:
    instructions = instructions_of(file)
    if instructions is None:
        return
    assert isinstance(file.item, Sop)
    label = file.item.label
    words = _words(file.settings.placeholders)
    lower = lower_cased(instructions)
    # The passages that hold a placeholder word, or no word at all: in most SOPs, none.
    found = [index for index, _ in lower.places(words)] + [lower.index(match.end()) for match in _NO_WORD.finditer(lower.text)]
    for passage in lower.passages(found):
        if _WORD.search(passage.text) and not _might_hold(passage.text, words):
            continue  # `found` takes in a few more where a text holds a NUL
        text = passage.text.replace(MASK, " ")
        if not _WORD.search(text) and MASK in passage.text:
            continue  # punctuation around code or a link is not a placeholder
        unquoted = _without_quotes(text)
        searched = unquoted if _WORD.search(unquoted) else text  # a step that is only a quoted placeholder is one
        placeholder = find_placeholder(searched, file.settings.placeholders)
        if placeholder is None:
            continue
        offset = max(folded(searched).find(folded(placeholder)), 0)
        yield Problem(
            file.path,
            passage.position(offset),
            f"the instructions of {label} hold a placeholder (`{placeholder}`): write the step it stands for",
            f"instructions:{folded(placeholder)}",
        )
    passages = instructions.passages
    if instructions.markdown and passages and all(passage.kind is PassageKind.HEADING for passage in passages) and has_body(file.item):
        yield Problem(
            file.path,
            passages[-1].position(0),
            f"the instructions of {label} are only headings: write the numbered steps under them",
            "instructions:headings",
        )


def _without_quotes(text: str) -> str:
    """`text` with what it quotes blanked out, at its own length."""
    for start, end in quoted_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _might_hold(text: str, words: tuple[str, ...]) -> bool:
    """Whether a passage with letters may hold a placeholder: one of its words is one."""
    lowered = folded(text)
    return any(word in lowered for word in words)


@functools.cache
def _words(placeholders: tuple[str, ...]) -> tuple[str, ...]:
    """The placeholders with letters, lower case."""
    return tuple(sorted({p.lower() for p in placeholders if any(c.isalpha() for c in p)}))
