"""`sop-lint stale`: every SOP's review status, most overdue first.

Needs git history: outside a work tree, or in a shallow clone without --allow-shallow,
it stops with one line that says why. An SOP that names no `owner` is given its
CODEOWNERS owner here, for the report.
"""

from __future__ import annotations

import gc
from pathlib import Path

from sop_lint.commands.output import Output
from sop_lint.commands.pushed import pushed_sops
from sop_lint.commands.roots import nothing_found
from sop_lint.config.loading import load_config
from sop_lint.config.settings import Config
from sop_lint.engine.loading import RunOptions, load_repository
from sop_lint.engine.sources import work_tree
from sop_lint.engine.state import state_folder
from sop_lint.git.codeowners import read_codeowners
from sop_lint.git.location import git_location
from sop_lint.git.log import unreadable_note
from sop_lint.model.freshness import Freshness, SopFreshness, parse_now
from sop_lint.model.queries import contact_of
from sop_lint.model.reviews import stray_note, stray_reviews
from sop_lint.reporters.freshness import FRESHNESS_REPORTERS


def run_stale(
    *,
    root: Path,
    output_format: str,
    now: str | None,
    group_by_owner: bool,
    fail: bool,
    allow_shallow: bool,
    config_file: Path | None,
    no_cache: bool,
    pushed: bool = False,
) -> Output:
    """Exit code 1 with `fail` when any SOP is stale. With `pushed`, only the stale SOPs
    the pushed commits touch are listed, with the command that records their review
    (see `commands.pushed`)."""
    gc.disable()  # as in check: a short run that allocates a lot
    moment = parse_now(now)
    config = load_config(root, config_file, remember=None if no_cache else state_folder(root))
    options = RunOptions.for_root(root, no_cache=no_cache, now=moment, allow_shallow=allow_shallow)
    sops, notes = freshness_report(root, config, options, pushed=pushed)
    failed = fail and any(sop.status is Freshness.STALE for sop in sops)
    messages = tuple(f"sop-lint: note: {note}" for note in notes)
    if pushed:
        return _pushed_report([sop for sop in sops if sop.status is Freshness.STALE], fail, messages)
    contacts = {sop.owner: contact for sop in sops if sop.owner and (contact := contact_of(sop.owner, config.inventory))}
    return Output(FRESHNESS_REPORTERS[output_format](sops, moment, group_by_owner, contacts), 1 if failed else 0, messages)


def _pushed_report(stale: list[SopFreshness], fail: bool, messages: tuple[str, ...]) -> Output:
    if not stale:
        return Output("No stale SOP among those this push touches.\n", 0, messages)
    lines = [f"{sop.path}: SOP '{sop.id}' is {sop.days_overdue} days past its review" for sop in stale]
    ids = " ".join(sop.id or "" for sop in stale)
    advice = f"Review {'it' if len(stale) == 1 else 'them'}, then record the review with `sop-lint review {ids}` and commit."
    return Output("\n".join([*lines, advice]) + "\n", 1 if fail else 0, messages)


def freshness_report(
    root: Path, config: Config, options: RunOptions, *, pushed: bool = False, summaries_only: bool = True
) -> tuple[list[SopFreshness], list[str]]:
    """Every SOP's freshness (with `pushed`, of those the pushed commits touch), most
    overdue first, and notes on the commits that could not be read and on review trailers
    that name no SOP. The files are only summarized, neither validated nor linted (see
    `engine.summaries`); `summaries_only` False checks them as `check` does, for the same
    report."""
    loaded = load_repository(work_tree(root), config, options, history_required=True, summaries_only=summaries_only)
    if not loaded.files:
        raise nothing_found(root, config)
    repository = loaded.repository
    assert repository.history is not None
    location = git_location(root)
    prefix = location.prefix_of(root) if location else ""
    codeowners = read_codeowners(repository.history.work_tree)
    scope = pushed_sops(root, config, repository) if pushed else None
    sops = []
    for sop in repository.sops:
        if scope is not None and sop.path not in scope:
            continue
        assert sop.freshness is not None  # the model has it whenever it has history
        owner = sop.freshness.owner or codeowners.owner_of(prefix + sop.path)
        sops.append(sop.freshness._replace(owner=owner, title=sop.title))
    notes = [*codeowners.notes, unreadable_note(repository.history.unreadable), stray_note(stray_reviews(repository))]
    return sorted(sops, key=lambda sop: (-sop.days_overdue, sop.path)), [note for note in notes if note]
