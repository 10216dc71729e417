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

from sop_lint.documents import Position, Syntax
from sop_lint.field_values import describe
from sop_lint.findings import Problem, Severity
from sop_lint.model import Repository, Sop
from sop_lint.rule import SchemaCover

CODE = "C003"
NAME = "empty-instructions"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = (SchemaCover("sop", ("instructions",), frozenset({"minItems"})),)

_NOT_INSTRUCTIONS = re.compile(r"^\s*(?:#.*|<!--.*?-->\s*)?$")


def check(repository: Repository) -> Iterator[Problem]:
    for sop in repository.sops:
        if sop.document.syntax is Syntax.MARKDOWN:
            if not _markdown_has_instructions(sop):
                yield Problem(
                    sop.path,
                    Position(max(sop.document.body_line - 1, 1), 1),
                    f"{describe(sop)} has no instructions: write the numbered steps below the front matter",
                    "instructions",
                )
        elif not _yaml_has_instructions(sop):
            data = sop.document.data
            assert isinstance(data, dict)
            where = "fill the `instructions:` list" if "instructions" in data else "add `instructions:` with one list item per step"
            yield Problem(
                sop.path,
                sop.document.position(("instructions",), key=True),
                f"{describe(sop)} has no instructions: {where}",
                "instructions",
            )


def _markdown_has_instructions(sop: Sop) -> bool:
    if _yaml_has_instructions(sop):
        return True
    return any(not _NOT_INSTRUCTIONS.match(line) for line in sop.document.body.split("\n"))


def _yaml_has_instructions(sop: Sop) -> bool:
    instructions = sop.document.get("instructions")
    return isinstance(instructions, list) and any(isinstance(item, str) and item.strip() for item in instructions)
