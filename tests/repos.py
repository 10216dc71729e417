"""A small valid repository that rule tests change one file at a time."""

from __future__ import annotations

import itertools
from pathlib import Path

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


# Five processes added to the sample repository's five: they run its processes as
# sub-processes and share its SOPs, and one uses an SOP that does not exist.
_MORE_PROCESSES = {
    "launch-online-course": ("Launch a new online course", "The course content is signed off by the course lead",
                             "The course is on sale, announced to subscribers and promoted on social media",
                             [("Record the lessons", "sop", "upload-youtube-video"), ("Publish the trailer", "process", "publish-video"),
                              ("Announce it in the newsletter", "process", "publish-newsletter")]),
    "close-the-month": ("Close the books for the month", "The third working day of the month",
                        "The month is closed in Xero and the management report is sent",
                        [("Invoice last month's work", "process", "monthly-invoicing"), ("Run payroll", "process", "run-payroll")]),
    "run-payroll": ("Run the monthly payroll", "The 20th of the month", "Everyone is paid on the last working day",
                    [("Collect timesheets", "sop", "export-billable-time"), ("File payslips", "sop", "file-payslips")]),
    "offboard-client": ("Close a finished client project", "The client accepts the last deliverable",
                        "The client has a final invoice and an archived workspace",
                        [("Send the final invoice", "sop", "create-xero-invoice"), ("Chase the payment", "sop", "chase-overdue-invoices")]),
    "hire-a-freelancer": ("Hire a freelance editor", "A project needs more editing days than the team has",
                          "A freelancer has signed and is booked in the schedule",
                          [("Send the agreement", "sop", "send-client-contract"), ("Run their onboarding", "process", "client-onboarding")]),
}


def ten_processes(sample_repo: Path) -> dict[str, str]:
    """The sample repository's files and `_MORE_PROCESSES`: ten processes (issue 14, item 3)."""
    files = {str(path.relative_to(sample_repo)): path.read_text(encoding="utf-8") for path in sample_repo.rglob("*") if path.is_file()}
    for identifier, (title, trigger, outcome, steps) in _MORE_PROCESSES.items():
        listed = "".join(f"  - name: {name}\n    {kind}: {target}\n" for name, kind, target in steps)
        files[f"processes/{identifier}.yaml"] = (
            f"kind: process\nid: {identifier}\ntitle: {title}\ntrigger: {trigger}\noutcome: {outcome}\nsteps:\n{listed}"
        )
    return files
