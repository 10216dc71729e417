"""What the repository model needs of one file: its `FileSummary`.

Each file is reduced to a summary once, when it is parsed, and the summary is kept in the
cache with the file's own findings, so an unchanged file is never parsed again. Whatever
a command shows of a file it did not parse (a flowchart's titles and triggers, the
impact of a change, an SOP's review settings) must therefore be in the summary.

Summaries are named tuples: immutable like frozen dataclasses, and built three times
faster, which counts when a warm run of 12,000 files builds one per file from the cache.
(A `Step` stays a dataclass: its `index` field would hide the tuple method.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from sop_lint.json_schema import load_schema
from sop_lint.kinds import Kind
from sop_lint.model.tool_mentions import ToolUse, tool_use_of
from sop_lint.reading.documents import Document

# Only ids of this form name anything; a malformed id is the schema rule's finding alone.
_SLUG = re.compile(load_schema(Kind.PROCESS)["$defs"]["slug"]["pattern"])

# A number that starts a step name: "1. Draft copy", "Step 2: Prepare media", "3) Post".
STEP_NUMBER = re.compile(r"^\s*(?:step\s*)?(\d{1,9})\s*[.):-]\s*", re.IGNORECASE)

# The kinds by what a file declares: a lookup, where `declared in tuple(Kind)` built the
# tuple for every file (a tenth of a cold run's summaries).
_KINDS = {kind.value: kind for kind in Kind}

# The values most findings point at: their positions are kept, so a cached file need not
# be parsed again to place them.
_ANCHORED = ("id", "last_reviewed", "tool", "account", "owner")


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


class ReviewFields(NamedTuple):
    """An SOP's own say on its review, as written: owner, interval and last review date."""

    owner: str | None = None
    review_every: str | None = None
    last_reviewed: str | None = None


class FileSummary(NamedTuple):
    """What the model needs of one file. `readable` is False when the file is not a mapping
    (a syntax error, an empty file, a list). `anchors` are the (key, line, column) of the
    values most findings point at. `title`, `trigger` and `outcome` are the text written
    there (None when absent or not text); `steps` and `lists_steps` are a process's,
    `review`, `tool_use` (its tool and the tools its instructions name), `standalone`
    (used by no process on purpose), `tool` and `account` (as written, whatever the
    instructions hold) an SOP's; `owner` is a process's (an SOP's is in `review`), for
    `sop-lint owners`."""

    kind: Kind
    id: str | None
    readable: bool
    title: str | None = None
    trigger: str | None = None
    outcome: str | None = None
    steps: tuple[Step, ...] = ()
    lists_steps: bool = True
    review: ReviewFields | None = None
    anchors: tuple[tuple[str, int, int], ...] = ()
    tool_use: ToolUse | None = None
    standalone: bool = False
    account: str | None = None
    tool: str | None = None
    owner: str | None = None


def same_links(before: FileSummary, after: FileSummary) -> bool:
    """Whether the repository rules read the same in two summaries: equal but for where
    things are written and the texts no repository rule reads (tests/test_incremental.py
    keeps them so: a title typed in runs no rule)."""
    return _unplaced(before) == _unplaced(after)


def _unplaced(summary: FileSummary) -> FileSummary:
    tools = summary.tool_use
    return summary._replace(anchors=(), title=None, trigger=None, outcome=None, tool_use=tools and tools._replace(runs=tools.runs[0::3]))


def kind_of(document: Document, expected_kind: Kind) -> Kind:
    """The declared kind when it is a known one, else what the file's location says."""
    declared = document.get("kind")
    return _KINDS.get(declared, expected_kind) if isinstance(declared, str) else expected_kind


def summarize(document: Document, expected_kind: Kind, *, instructions: bool = True) -> FileSummary:
    """Without `instructions`, an SOP's are not read (its `tool_use` is None): what only
    the tool rules need, and the costliest part of a summary."""
    kind = kind_of(document, expected_kind)
    data = document.data
    if not isinstance(data, dict):
        return FileSummary(kind=kind, id=None, readable=False)
    anchors = tuple(
        (key, position.line, position.column)
        for key in _ANCHORED
        if (position := document.value_positions.get((key,))) is not None
    )
    identifier, title = usable_id(data.get("id")), _text(data.get("title"))
    if kind is Kind.SOP:
        review = ReviewFields(_text(data.get("owner")), _text(data.get("review_every")), _text(data.get("last_reviewed")))
        return FileSummary(
            kind=kind, id=identifier, readable=True, title=title, review=review, anchors=anchors,
            tool_use=tool_use_of(document) if instructions else None,
            standalone=data.get("standalone") is True, account=_text(data.get("account")), tool=_text(data.get("tool")),
        )
    steps = data.get("steps")
    return FileSummary(
        kind=kind,
        id=identifier,
        readable=True,
        title=title,
        trigger=_text(data.get("trigger")),
        outcome=_text(data.get("outcome")),
        steps=_steps(steps),
        lists_steps="steps" in data and (steps is None or isinstance(steps, list)),
        anchors=anchors,
        owner=_text(data.get("owner")),
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
