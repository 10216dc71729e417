"""`sop-lint stale --pushed`: the staleness gate of one push, for the pre-push hook.

A gate on the whole repository blocks every teammate's push as soon as any SOP anywhere
falls due, which teaches `--no-verify`; that gate belongs to the scheduled report. On a
push, what the pusher can act on is what the pushed commits touch: an SOP they changed
(a rename leaves it as stale as it was), and every SOP a process they changed uses (the
process moved on; its overdue SOPs need the review now). Owners are not used: an `owner`
names a team (`@social-team`), which git cannot match to the person pushing.
"""

from __future__ import annotations

import os
from pathlib import Path

from sop_lint.config.settings import Config
from sop_lint.git.runner import GitFailed
from sop_lint.git.trees import GitRepository
from sop_lint.kinds import Kind
from sop_lint.model.repository import Repository
from sop_lint.reading.discovery import expected_kind, may_hold


def pushed_sops(root: Path, config: Config, repository: Repository) -> set[str] | None:
    """The paths of the SOPs the pushed commits touch (see the module's docstring); None
    when every commit is pushed (a branch's first push), so every SOP counts. The commits
    are pre-commit's `PRE_COMMIT_FROM_REF..PRE_COMMIT_TO_REF`, else those HEAD has beyond
    its upstream branch."""
    git = GitRepository(root, lambda folder: may_hold(folder, config))
    try:
        pushed = _pushed_range(git)
        if pushed is None:
            return None
        changes = git.changes(*pushed)
    finally:
        git.close()
    changed = {change.path for change in changes if change.status != "D"}
    touched = {path for path in changed if expected_kind(path, config) is Kind.SOP}
    for process in repository.processes:
        if process.path in changed:
            touched |= {sop.path for step in process.steps if step.sop for sop in repository.sop_ids.get(step.sop, [])}
    return touched


def _pushed_range(git: GitRepository) -> tuple[str, str] | None:
    """(base, head) of the push; None when nothing of it is on the remote yet. pre-commit
    leaves its variables out for a branch whose every commit is new."""
    pushed_from, pushed_to = os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")
    if pushed_from and pushed_to and pushed_from.strip("0"):  # all zeros: a new branch
        return git.commit(pushed_from), git.commit(pushed_to)
    try:
        upstream = git.commit("@{upstream}")
    except GitFailed:
        return None
    head = git.commit("HEAD")
    return git.merge_base(upstream, head), head
