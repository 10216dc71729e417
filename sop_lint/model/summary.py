"""What the repository model needs of one file, kept in the cache: its `FileSummary`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sop_lint.json_schema import load_schema
from sop_lint.reading.documents import Document

KINDS = ("process", "sop")



# Only ids of this form name anything; a malformed id is the schema rule's finding alone.
_SLUG = re.compile(load_schema("process")["$defs"]["slug"]["pattern"])



# A number that starts a step name: "1. Draft copy", "Step 2: Prepare media", "3) Post".
STEP_NUMBER = re.compile(r"^\s*(?:step\s*)?(\d+)\s*[.):-]\s*", re.IGNORECASE)



@dataclass(frozen=True, slots=True)
class Step:
    """One entry of a process's `steps` list that is a mapping. `index` counts every entry."""

    index: int
    name: str | None
    sop: str | None
    process: str | None

    @property
    def label(self) -> str:
        """How messages name a step: by its place in the list, and by name when it has one."""
        return f"step {self.index + 1} '{self.name}'" if self.name else f"step {self.index + 1}"

    @property
    def number(self) -> int | None:
        """The number the step's name starts with, if any."""
        match = STEP_NUMBER.match(self.name or "")
        return int(match.group(1)) if match else None



@dataclass(frozen=True, slots=True)
class FileSummary:
    """What the repository rules need of one file. `readable` is False when the file is not
    a mapping (a syntax error, an empty file, a list). `anchors` are the (key, line,
    column) of the values most findings point at, so a cached file need not be parsed
    again to place them."""

    kind: str
    id: str | None
    readable: bool
    steps: tuple[Step, ...] = ()
    lists_steps: bool = True
    review: Review | None = None
    anchors: tuple[tuple[str, int, int], ...] = ()



@dataclass(frozen=True, slots=True)
class Review:
    """An SOP's own say on its review: owner, interval and last review, as written."""

    owner: str | None = None
    review_every: str | None = None
    last_reviewed: str | None = None



def kind_of(document: Document, expected_kind: str) -> str:
    """The declared kind when it is a known one, else what the file's location says."""
    declared = document.get("kind")
    return str(declared) if declared in KINDS else expected_kind



_ANCHORED = ("id", "last_reviewed")



def summarize(document: Document, expected_kind: str) -> FileSummary:
    kind = kind_of(document, expected_kind)
    data = document.data
    if not isinstance(data, dict):
        return FileSummary(kind=kind, id=None, readable=False)
    anchors = tuple(
        (key, position.line, position.column)
        for key in _ANCHORED
        if (position := document.value_positions.get((key,))) is not None
    )
    if kind != "process":
        review = Review(_text(data.get("owner")), _text(data.get("review_every")), _text(data.get("last_reviewed")))
        return FileSummary(kind=kind, id=usable_id(data.get("id")), readable=True, review=review, anchors=anchors)
    steps = data.get("steps")
    return FileSummary(
        kind=kind,
        id=usable_id(data.get("id")),
        readable=True,
        steps=_steps(steps),
        lists_steps="steps" in data and (steps is None or isinstance(steps, list)),
        anchors=anchors,
    )



def usable_id(value: object) -> str | None:
    """`value` when it is an id (a slug, as the schemas define it), else None."""
    return value if isinstance(value, str) and _SLUG.fullmatch(value) else None



def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None



def _steps(value: object) -> tuple[Step, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        Step(index=index, name=_text(item.get("name")), sop=_text(item.get("sop")), process=_text(item.get("process")))
        for index, item in enumerate(value)
        if isinstance(item, dict)
    )
