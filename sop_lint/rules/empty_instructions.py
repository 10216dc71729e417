"""An SOP has no instructions.

## What it does
Checks that every SOP says what to do: a Markdown SOP needs text below its front matter
beyond a heading, and a YAML SOP needs a non-empty `instructions:` list.

## Why
The instructions are the SOP. Tool, account, format and tone set the scene; the steps
are what the new teammate actually follows.

## Bad
```markdown
---
kind: sop
id: schedule-post
...
---
# Schedule the promotional post
```

## Good
```markdown
---
kind: sop
id: schedule-post
...
---
# Schedule the promotional post

1. Open Buffer and select the @acme account.
2. Upload the image from the video's Drive folder.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sop_lint.findings import Position, Problem, Severity
from sop_lint.kinds import Kind
from sop_lint.model.repository import Sop
from sop_lint.reading.documents import Syntax
from sop_lint.rules.base import FileContext, SchemaCover

CODE = "C003"
NAME = "empty-instructions"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = (SchemaCover(Kind.SOP, ("instructions",), frozenset({"minItems", "type"})),)

_NOT_INSTRUCTIONS = re.compile(r"^\s*(?:#.*|<!--.*?-->\s*)?$")


def check_file(file: FileContext) -> Iterator[Problem]:
    sop = file.item
    if not isinstance(sop, Sop):
        return
    instructions = sop.document.get("instructions")
    if isinstance(instructions, list) and instructions:
        return  # what the items hold is the schema's to judge
    if instructions is not None and not isinstance(instructions, list):
        yield Problem(
            sop.path,
            sop.document.position(("instructions",)),
            f"the `instructions` of {sop.label} should be a list, one `- ` line per step",
            "instructions",
        )
    elif sop.document.syntax is Syntax.MARKDOWN:
        if not has_body(sop):
            yield Problem(
                sop.path,
                Position(max(sop.document.body_line - 1, 1), 1),
                f"{sop.label} has no instructions: write the numbered steps below the front matter",
                "instructions",
            )
    else:
        written = isinstance(sop.document.data, dict) and "instructions" in sop.document.data
        where = "fill the `instructions:` list" if written else "add `instructions:` with one list item per step"
        yield Problem(
            sop.path,
            sop.document.position(("instructions",), key=True),
            f"{sop.label} has no instructions: {where}",
            "instructions",
        )


def has_body(sop: Sop) -> bool:
    """Whether a Markdown SOP has a line below its front matter that is no heading, comment or blank."""
    return any(not _NOT_INSTRUCTIONS.match(line) for line in sop.document.body.split("\n"))
