"""`sop-lint init`: a minimal ops repository that passes `sop-lint check` as written.

Beside the starter files (all or none: a process without its SOPs would fail), it writes
at the git work tree's root (the folder itself outside git) what a team sets up once: a
`.pre-commit-config.yaml` with the hooks sop-lint ships, and a `CODEOWNERS` example, each
only where there is none yet; one that exists is left alone, and the output says so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sop_lint import HOMEPAGE, __version__
from sop_lint.commands.output import Output
from sop_lint.config.loading import config_files
from sop_lint.config.settings import commented_config, default_config
from sop_lint.errors import SopLintError
from sop_lint.findings import visible
from sop_lint.git.codeowners import LOCATIONS
from sop_lint.git.location import git_location
from sop_lint.reading.globs import fixed_folder

# The hooks of `.pre-commit-hooks.yaml` (a test keeps the two alike), and when each runs.
HOOKS = {"sop-lint": "", "sop-lint-stale": "   # on `git push`"}

STARTER_FILES: dict[str, str] = {
    "sop-lint.yaml": commented_config(),
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
        _create(path, content)
    return targets


def set_up(root: Path) -> tuple[list[Path], list[Path]]:
    """Writes the pre-commit configuration and the CODEOWNERS example where git and GitHub
    look for them: (written, left alone because one exists)."""
    location = git_location(root)
    top, prefix = (location.work_tree, location.prefix_of(root)) if location else (root, "")
    written, kept = [], []
    pre_commit = top / ".pre-commit-config.yaml"
    owners = next((top / place for place in LOCATIONS if (top / place).exists()), None)
    for path, content, present in (
        (pre_commit, pre_commit_config(prefix), pre_commit if pre_commit.exists() else None),
        (top / "CODEOWNERS", codeowners_example(prefix), owners),
    ):
        if present is not None:
            kept.append(present)
        else:
            _create(path, content)
            written.append(path)
    return written, kept


def pre_commit_config(prefix: str) -> str:
    """Our hooks at this version's tag, given the SOP root when it is a subfolder."""
    args = f"        args: [{json.dumps(prefix.rstrip('/'))}]\n" if prefix else ""
    hooks = "".join(f"      - id: {hook}{when}\n{args}" for hook, when in HOOKS.items())
    return (
        "# pre-commit (https://pre-commit.com) runs sop-lint on each commit, and checks reviews on each\n"
        "# push. Once per clone: pre-commit install && pre-commit install --hook-type pre-push\n"
        "# `rev` is the sop-lint release to run; `pre-commit autoupdate` moves it to the newest.\n"
        f"repos:\n  - repo: {HOMEPAGE}\n    rev: v{__version__}\n    hooks:\n{hooks}"
    )


def codeowners_example(prefix: str) -> str:
    """Commented out: a handle that does not exist would ask nobody for reviews."""
    config = default_config()
    folders = dict.fromkeys(f"/{prefix}{fixed_folder(glob)}/" for glob in (*config.processes, *config.sops))
    return (
        "# Who owns which files. GitHub and GitLab ask them to review changes, and sop-lint names\n"
        "# them for an SOP without an `owner:` of its own. Patterns are relative to the repository\n"
        "# root, as in .gitignore; the last matching line wins. Uncomment, with your teams' handles:\n"
        + "".join(f"# {folder} @your-team\n" for folder in folders)
    )


def _create(path: Path, content: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:
            file.write(content)
    except OSError as error:
        raise SopLintError(f"cannot write {path}: {error.strerror}") from error


def run_init(*, root: Path) -> Output:
    lines = [f"created {visible(str(created))}" for created in scaffold(root)]
    written, kept = set_up(root)
    lines += [f"created {visible(os.path.relpath(path))}" for path in written]
    lines += [f"left {visible(os.path.relpath(path))} alone: it exists" for path in kept]
    check = "sop-lint check" if root == Path() else f"sop-lint check {visible(str(root))}"
    lines.append(f"Next: edit the files, then run `{check}`.")
    if any(path.name == ".pre-commit-config.yaml" for path in written):
        lines.append("Then, once per clone: `pre-commit install && pre-commit install --hook-type pre-push`.")
    return Output("\n".join(lines) + "\n")
