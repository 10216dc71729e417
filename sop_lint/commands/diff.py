"""`sop-lint diff`: what a change (a pull request, a branch) does to an ops repository.

Both revisions are read from git objects (a `GitTree` source each), never checked out.
The file rules run on the files the change touched only (the others have the same
findings on both sides), and every other file is summarized once for both revisions;
the repository rules judge both whole models. A head finding is new when the base has no
finding with its fingerprint, which names file, rule and subject but no line, so moving
a block is not a new finding; a file the change renamed keeps its base findings under
its new name. The impact is read from both models (see `model.impact`).
"""

from __future__ import annotations

import dataclasses
import gc
from dataclasses import dataclass
from pathlib import Path

from sop_lint.commands.output import Output
from sop_lint.commands.reporting import report
from sop_lint.commands.roots import nothing_to_compare
from sop_lint.config.inventory import Inventory, inventory_of
from sop_lint.config.loading import load_config, read_settings
from sop_lint.config.settings import Config
from sop_lint.engine.cache import opened_once
from sop_lint.engine.compare import CausedElsewhere, caused_elsewhere, new_findings
from sop_lint.engine.linting import LintResult, lint
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.selection import select_rules
from sop_lint.engine.sources import GitTree
from sop_lint.engine.state import state_folder
from sop_lint.errors import SopLintError
from sop_lint.findings import Finding
from sop_lint.git.trees import GitRepository, Revision
from sop_lint.model.freshness import parse_now
from sop_lint.model.impact import Impact, impact_of
from sop_lint.model.inventory_changes import inventory_changes
from sop_lint.reading.discovery import expected_kind, may_hold
from sop_lint.rules.base import Rule
from sop_lint.rules.support.vocabulary import tools_in


@dataclass(frozen=True)
class DiffResult:
    findings: list[Finding]
    head: LintResult
    impact: Impact
    notes: tuple[str, ...] = ()
    caused_elsewhere: tuple[CausedElsewhere, ...] = ()


def run_diff(
    *,
    root: Path,
    base_ref: str,
    head_ref: str,
    output_format: str | None,
    select: list[str] | None,
    ignore: list[str],
    fail_on: str | None,
    config_file: Path | None,
    no_cache: bool,
    now: str | None,
) -> Output:
    gc.disable()  # as in check: a short run that allocates a lot
    config = load_config(root, config_file, remember=None if no_cache else state_folder(root))
    rules = select_rules(config, select, ignore)
    result = compare_revisions(root, config, rules, base_ref, head_ref, RunOptions.for_root(root, no_cache=no_cache, now=parse_now(now)))
    return report(
        result.findings,
        root=root,
        config=config,
        output_format=output_format,
        fail_on=fail_on,
        files_checked=result.head.files_checked,
        paths=result.head.paths,
        impact=result.impact,
        caused_elsewhere=result.caused_elsewhere,
        messages=tuple(f"sop-lint: note: {note}" for note in result.notes),
    )


def compare_revisions(root: Path, config: Config, rules: list[Rule], base_ref: str, head_ref: str, options: RunOptions) -> DiffResult:
    """`base_ref` is compared from its merge base with `head_ref`, as `git diff base...head`."""
    unread = ""
    git = GitRepository(root, lambda folder: may_hold(folder, config))
    try:
        head_commit = git.commit(head_ref)
        base_commit = git.merge_base(git.commit(base_ref), head_commit)
        base_revision, head_revision = git.revision(base_commit), git.revision(head_commit)
        changes = git.changes(base_commit, head_commit)
        # The file rules say the same of a file on both sides when the change left it as it
        # was: they run on the touched files only, and the others are parsed once, for both.
        touched = frozenset(path for change in changes for path in (change.path, change.old_path) if path)
        shared = options._replace(summaries={})
        with opened_once():
            base_result, head_result = (
                lint(GitTree(revision), config, rules, shared, recorded=False, linted=touched) for revision in (base_revision, head_revision)
            )
        if not base_result.files_checked and not head_result.files_checked:
            raise nothing_to_compare(root, config, base_ref)
        findings = new_findings(head_result.findings, base_result.findings, changes)
        impact = impact_of(base_result.repository, head_result.repository, changes, base_commit, head_commit)
        try:
            base_inventory, head_inventory = (inventory_at(revision, root, config) for revision in (base_revision, head_revision))
            changed = inventory_changes(
                base_inventory, head_inventory, head_result.repository,
                lambda sop: (name for name, _ in tools_in(sop.tool or "", config.placeholders, base_inventory)),
            )
            impact = dataclasses.replace(impact, inventory=changed)
        except SopLintError as error:  # a configuration broken at one side: the rest of the review still stands
            unread = f"inventory changes are not shown: {error}"
        elsewhere = caused_elsewhere(findings, changes, impact, head_result.repository)
        left_out = sorted(path for path in git.uncommitted() if expected_kind(path, config) is not None) if head_ref == "HEAD" else []
    finally:
        git.close()
    notes = (*git.notes, *([unread] if unread else []))
    if left_out:
        one = len(left_out) == 1
        count = f"{len(left_out)} uncommitted change{'' if one else 's'}"
        listed = ", ".join(left_out[:3]) + (", …" if len(left_out) > 3 else "")
        compared = f"HEAD ({head_commit[:12]}) with its merge base with {base_ref} ({base_commit[:12]})"
        notes = (*notes, (f"diff compares commits: {compared}; {count} to processes or SOPs ({listed}) {'is' if one else 'are'} "
                 f"not part of it: commit {'it' if one else 'them'}, or run `sop-lint check`"))
    return DiffResult(findings, head_result, impact, tuple(notes), elsewhere)


def inventory_at(revision: Revision, root: Path, config: Config) -> Inventory | None:
    """The inventory of the configuration file as `revision` holds it: the inventory
    changes are what the change did to that file. A configuration outside the SOP root
    (`--config` elsewhere) is the same on both sides; one that a side lacks, none."""
    if config.source is None:
        return None
    path = Path(config.source)
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return config.inventory
    blob = revision.blobs.get(relative)
    if blob is None:
        return None
    try:
        return inventory_of(read_settings(path, revision.read(blob)))
    except SopLintError as error:
        raise SopLintError(f"the configuration at {revision.commit[:12]} cannot be read ({error})") from None
