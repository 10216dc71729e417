"""The instructions are prose, not steps, or their numbers skip or repeat.

## What it does
Reads a Markdown SOP's body and reports two things. Prose with no list at all, ordered or
not, that runs to more than three sentences: reported at its first paragraph. And a
numbered list whose numbers skip or repeat (1, 2, 4 or 1, 2, 2), reported at the first
number out of sequence; a list split by a code block may go on where it left off, and a
list numbered `1.` throughout (which renders as 1, 2, 3) is a style, not a mistake. YAML
SOPs are lists by construction and are not checked.

The severity is info: the text may still be followable, and a short policy note can be
right as prose. A skipped number does often mean a step was deleted, so the finding is
worth a look, but it does not fail a commit on its own.

## Why
A newcomer works through an SOP one action at a time, ticking steps off and coming back
after an interruption. A paragraph hides where one action ends and the next begins; a
numbering that skips from 2 to 4 makes them wonder what step 3 was.

## Bad
```markdown
We schedule every post in Buffer. Open it and pick the @acme channel, then paste the
caption from the card. Add the image and its alt text. Schedule it for 12:30.

1. Open Buffer.
2. Paste the caption.
4. Schedule it for 12:30.
```

## Good
```markdown
1. Open Buffer and pick the @acme channel.
2. Paste the caption from the card.
3. Add the image and its alt text.
4. Schedule it for 12:30.
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sop_lint.findings import Problem, Severity
from sop_lint.model.repository import Sop
from sop_lint.reading.passage_kinds import PassageKind
from sop_lint.rules.base import FileContext, SchemaCover
from sop_lint.rules.support.prose import instructions_of, sentences

CODE = "I007"
NAME = "not-steps"
SEVERITY = Severity.INFO
if TYPE_CHECKING:
    from sop_lint.reading.passages import Instructions

SCHEMA_COVERS: tuple[SchemaCover, ...] = ()

_MOST_SENTENCES = 3


def check_file(file: FileContext) -> Iterator[Problem]:
    instructions = instructions_of(file)
    if instructions is None or not instructions.markdown:
        return
    assert isinstance(file.item, Sop)
    label = file.item.label
    paragraphs = [] if instructions.has_list else [passage for passage in instructions.passages if passage.kind is PassageKind.PARAGRAPH]
    if paragraphs:
        count = sum(len(list(sentences(passage.prose))) for passage in paragraphs)
        if count > _MOST_SENTENCES:
            yield Problem(
                file.path,
                paragraphs[0].position(0),
                f"the instructions of {label} are {count} sentences of prose: write them as numbered steps, one action each",
                "instructions:prose",
            )
    yield from _numbering(file.path, label, instructions)


def _numbering(path: str, label: str, instructions: Instructions) -> Iterator[Problem]:
    last_by_depth: dict[int, int] = {}
    for numbered in instructions.ordered_lists:
        numbers = [number for number, _ in numbered.numbers]
        previous = last_by_depth.get(numbered.depth)
        last_by_depth[numbered.depth] = numbers[-1]
        if numbers == list(range(1, len(numbers) + 1)):
            continue  # 1, 2, 3: most lists, told apart without the loop below
        if len(set(numbers)) == 1 and len(numbers) > 1:
            continue  # `1.` throughout: numbered by the renderer
        # A list that does not start at 1 goes on from the last one at its depth (split by a code block).
        continued = previous if numbers[0] != 1 else None
        for index, number in enumerate(numbers):
            after = numbers[index - 1] if index else continued
            if after is not None and number != after + 1:
                what = "repeats" if number == after else "skips to" if number > after else "goes back to"
                yield Problem(
                    path,
                    numbered.position(index),
                    f"the numbered steps of {label} go from {after} to {number} (the numbering {what} {number}): "
                    f"number them 1, 2, 3 in order, and check no step was lost",
                    f"instructions:numbering:{after}-{number}",
                )
                break
