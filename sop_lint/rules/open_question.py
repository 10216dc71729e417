"""The instructions hold a question nobody answered.

## What it does
Reads an SOP's instructions and reports a sentence that is itself a question to the
reader or the author, left open: `Which account do we use?`, `Not sure if this is still
needed?`, or a `(?)` after a doubtful word. A question answered in the same paragraph or
step (`Caption too long? Cut the second sentence.`), a heading (`## What if the upload
fails?`), a list of questions introduced by a colon (the questions to ask on a call),
speech after a colon, and questions in code, links or quotes (the "Send now?" dialog) are
not reported.

## Why
A question in an SOP is a decision its author did not make. The newcomer cannot answer it
either, and either guesses or goes looking for someone who can.

## Bad
```markdown
1. Open Buffer. Which account do we use?
2. Schedule it for 12:30 (?)
```

## Good
```markdown
1. Open Buffer and select the @acme account.
2. Schedule it for 12:30 UK time.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Sop
from sop_lint.reading.passage_kinds import MASK, PassageKind
from sop_lint.rules.base import FileContext, SchemaCover
from sop_lint.rules.support.credentials import find_credentials
from sop_lint.rules.support.prose import instructions_of, lower_cased, sentences

CODE = "I004"
NAME = "open-question"
SEVERITY = Severity.WARNING
SCHEMA_COVERS: tuple[SchemaCover, ...] = ()

_DOUBT = re.compile(r"\(\?+\)")
_ASKING = re.compile(r"(?i)(?:ask|asking|reply|write|say)\b")
# A question the author asks themselves, whatever follows it: "Do we still ...?", "Should the tab ...?"
_AUTHOR = re.compile(
    r"(?-i:\b(?:[Ww]e|us|[Oo]ur|I)\b(?!\.))|(?i:^(?:should|who|not sure)\b|\bstill\s+(?:the|needed|valid|true|right|correct|current)\b)"
)


def check_file(file: FileContext) -> Iterator[Problem]:
    instructions = instructions_of(file)
    if instructions is None:
        return
    assert isinstance(file.item, Sop)
    lower = lower_cased(instructions)
    for passage in lower.passages(index for index, _ in lower.places(("?",))):  # a question mark in the prose is in the text
        prose = passage.prose
        if "?" not in prose or passage.kind is PassageKind.HEADING or passage.after_colon:
            continue
        spans = list(sentences(prose))
        for index, (start, end) in enumerate(spans):
            sentence = prose[start:end]
            doubt = _DOUBT.search(sentence)
            if doubt is not None:
                offset = start + doubt.start()
            elif _is_open(sentence, [prose[s:e] for s, e in spans[index + 1 :]]):
                offset = start
            else:
                continue
            shown = _shown(sentence)
            quoted = f" (`{shown}`)" if not find_credentials(sentence) else ""  # a secret is never echoed
            yield Problem(
                file.path,
                passage.position(offset),
                f"the instructions of {file.item.label} leave a question open{quoted}: decide, and write the answer as the step",
                f"instructions:{shown.lower() if quoted else 'question'}",
            )


def _is_open(sentence: str, rest: list[str]) -> bool:
    if not sentence.rstrip(MASK + ")\"'” ").endswith("?") or ":" in sentence or _ASKING.match(sentence):
        return False
    if _AUTHOR.search(sentence):
        return True
    return not any(not later.rstrip(MASK + ")\"'” ").endswith("?") for later in rest)  # no answer follows


def _shown(sentence: str) -> str:
    words = " ".join(sentence.replace(MASK, "").split())
    return words if len(words) <= 60 else words[:57] + "..."
