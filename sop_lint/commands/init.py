"""`sop-lint init`: a minimal ops repository that passes `sop-lint check` as written."""

from __future__ import annotations

from pathlib import Path

from sop_lint.commands.output import Output
from sop_lint.config.loading import config_files
from sop_lint.errors import SopLintError
from sop_lint.findings import visible

STARTER_FILES: dict[str, str] = {
    "sop-lint.yaml": """\
# sop-lint configuration. Every setting has a default; see `sop-lint schema config`.
review-every: 180d
""",
    "processes/promote-new-video.yaml": """\
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
""",
    "sops/draft-post-copy.md": """\
---
kind: sop
id: draft-post-copy
title: Draft the social post copy
owner: "@social-team"
tool: Google Docs
account: The shared Social drive
format: One caption of at most 280 characters, plus 3 hashtags
tone: Upbeat and conversational
---
# Draft the social post copy

1. Open the video's page and note its title and the one thing a viewer learns.
2. In Google Docs, open the shared Social drive and copy the "Post copy" template into the video's folder.
3. Write one caption of at most 280 characters that names that one thing.
4. Add three hashtags: the channel's own and two about the topic.
5. Ask a teammate in #social to read it, and apply their changes.
""",
    "sops/schedule-post.yaml": """\
kind: sop
id: schedule-post
title: Schedule the promotional post
owner: "@social-team"
tool: Buffer
account: Company X account @acme
format: Image 1200x675 PNG; the approved caption; 3 hashtags
tone: Upbeat and conversational
instructions:
  - Open Buffer and select the Company X account @acme.
  - Create a post, paste the approved caption and attach the 1200x675 image.
  - Schedule it for the next weekday at 12:30 local time.
  - Post the Buffer link in #social so the team can see it is queued.
""",
}


def scaffold(root: Path) -> list[Path]:
    """Writes the starter files into `root`; writes nothing if any of them, or any other
    configuration file, exists."""
    targets = [root / relative for relative in STARTER_FILES]
    existing = sorted({str(path) for path in [*targets, *config_files(root)] if path.exists()})
    if existing:
        raise SopLintError(f"not overwriting existing files: {', '.join(existing)}")
    for path, content in zip(targets, STARTER_FILES.values(), strict=True):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as file:
                file.write(content)
        except OSError as error:
            raise SopLintError(f"cannot write {path}: {error.strerror}") from error
    return targets


def run_init(*, root: Path) -> Output:
    lines = [f"created {visible(str(created))}" for created in scaffold(root)]
    check = "sop-lint check" if root == Path() else f"sop-lint check {visible(str(root))}"
    return Output("\n".join([*lines, f"Next: edit the files, then run `{check}`."]) + "\n")
