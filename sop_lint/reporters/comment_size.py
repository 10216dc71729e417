"""Fitting a pull-request comment into GitHub's size limit.

GitHub refuses a comment body over 65,536 characters (`gh pr comment` fails with "body is
too long"). A comment is built of parts (findings, the lists of the impact, flowcharts),
each a list of blocks in the order they are worth showing; `fit` picks the blocks shown,
so that the comment stays under the limit whatever the change, and the comment says how
many of each part were left out.

Sizes are counted in UTF-8 bytes: never fewer than the characters, or the UTF-16 code
units, that GitHub may count, so the body fits whichever it counts.
"""

from __future__ import annotations

from typing import NamedTuple

from sop_lint.findings import utf8


class SizeLimit(NamedTuple):
    """What GitHub accepts for one piece of Markdown, in bytes, and what to call the piece."""

    size: int
    what: str


COMMENT = SizeLimit(65_536, "a comment")
# A step's job summary ($GITHUB_STEP_SUMMARY): 1 MiB, then GitHub drops it whole.
JOB_SUMMARY = SizeLimit(1_048_576, "a job summary")
# Kept free for what a workflow adds to the report: a hidden marker by which a sticky
# comment is found again, a line of its own.
RESERVED = 1_024


def size(text: str) -> int:
    return len(utf8(text))


def shortened(text: str, at_most: int) -> str:
    """`text` cut to `at_most` characters, an ellipsis saying it was."""
    return text if len(text) <= at_most else text[: at_most - 1].rstrip() + "…"


class Part(NamedTuple):
    """Blocks of one kind, best first. `share` of the room is the part's before any other
    part's leftovers; `most` caps how many are shown, however much room there is."""

    blocks: list[str]
    share: float
    most: int | None = None


def fit(parts: list[Part], room: int) -> list[list[str]]:
    """The blocks of each part that are shown (each costs its size and a line end): the
    first ones of each part that fit within its share of `room`, then, part by part, the
    next ones that fit in what the others left. A block larger than its part's share is
    never shown (one huge flowchart would take the room of ten), the others in order."""
    sizes = [[size(block) + 1 for block in part.blocks] for part in parts]
    shown = [[False] * len(part.blocks) for part in parts]
    shares = [int(part.share * room) for part in parts]
    for index, part in enumerate(parts):
        room -= _take(part, sizes[index], shown[index], min(room, shares[index]), shares[index])
    for index, part in enumerate(parts):
        room -= _take(part, sizes[index], shown[index], room, shares[index])
    return [[block for block, chosen in zip(part.blocks, flags, strict=True) if chosen] for part, flags in zip(parts, shown, strict=True)]


def _take(part: Part, sizes: list[int], shown: list[bool], room: int, largest: int) -> int:
    """Marks the next blocks not yet shown while they fit into `room`, passing over those
    larger than `largest`; the bytes they take."""
    taken, count = 0, sum(shown)
    for index, cost in enumerate(sizes):
        if shown[index] or cost > largest:
            continue
        if taken + cost > room or (part.most is not None and count >= part.most):
            break
        shown[index] = True
        taken += cost
        count += 1
    return taken
