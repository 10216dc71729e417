"""A small valid repository that rule tests change one file at a time."""

from __future__ import annotations

import itertools

PROCESS = """\
kind: process
id: promote-new-video
title: Promote a new video on social media
owner: "@social-team"
trigger: A new video is published on the channel
outcome: A published social media post promotes the video
steps:
  - name: Draft social post copy
    sop: draft-post-copy
  - name: Schedule post
    sop: schedule-post
"""

DRAFT_SOP = """\
---
kind: sop
id: draft-post-copy
title: Draft the social post copy
tool: Google Docs
account: The shared Social drive
format: One caption of at most 280 characters
tone: Upbeat and conversational
---
# Draft the social post copy

1. In Google Docs, copy the "Post copy" template into the video's folder.
2. Write the caption.
"""

SCHEDULE_SOP = """\
kind: sop
id: schedule-post
title: Schedule the promotional post
tool: Buffer
account: Company X account @acme
format: Image 1200x675 PNG
tone: Upbeat and conversational
instructions:
  - Open Buffer and select the Company X account.
  - Schedule the post for 12:30.
"""


def valid_repo(changes: dict[str, str | None] | None = None) -> dict[str, str]:
    """The valid repository with `changes` applied: a text replaces or adds a file, None deletes it."""
    result: dict[str, str | None] = {
        "processes/promote-new-video.yaml": PROCESS,
        "sops/draft-post-copy.md": DRAFT_SOP,
        "sops/schedule-post.yaml": SCHEDULE_SOP,
    }
    result.update(changes or {})
    return {path: content for path, content in result.items() if content is not None}


def edit(text: str, old: str, new: str) -> str:
    """`text` with `old` replaced once; fails loudly if `old` is not there."""
    assert old in text, f"{old!r} not in the base file"
    return text.replace(old, new, 1)


def billion_laughs(levels: int = 9) -> str:
    """An alias bomb: a few hundred bytes standing for 9**levels values."""
    names = "abcdefghijklmnopqrstuvwxyz"[:levels]
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['lol'] * 9)}]"]
    lines += [f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]" for previous, name in itertools.pairwise(names)]
    return "\n".join(lines) + "\n"
