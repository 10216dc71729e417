"""Which findings of one revision are new against another's, and which of those the change
caused in files it did not touch."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sop_lint.findings import Finding, fingerprint
from sop_lint.git.changes import Change
from sop_lint.model.impact import Cause, Impact, id_line
from sop_lint.model.repository import Process, Repository, Sop


def new_findings(head: list[Finding], base: list[Finding], changes: list[Change]) -> list[Finding]:
    """The head's findings beyond those the base has, matched by fingerprint (as many
    times as the base has each), with base findings of renamed files under their new name."""
    renamed = {change.old_path: change.path for change in changes if change.status == "R"}
    known = Counter(
        fingerprint(finding.code, renamed[finding.path], finding.subject, finding.occurrence) if finding.path in renamed else finding.fingerprint
        for finding in base
    )
    fresh = []
    for finding in head:
        if known[finding.fingerprint]:
            known[finding.fingerprint] -= 1
        else:
            fresh.append(finding)
    return fresh


@dataclass(frozen=True)
class CausedElsewhere:
    """A new finding in a file the change leaves as it was (a step left pointing at a
    deleted SOP): GitHub's code scanning and GitLab's inline marks show only the lines of
    the diff, so a review of those never meets it. `cause` says what the change did;
    `changed_path` is the changed file that did it, as the head names it (None when the
    change touched several that may have); `changed_line` is a line of that file in the
    head that can carry a note (its id's), None when the change deleted it."""

    finding: Finding
    cause: Cause
    changed_path: str | None
    changed_line: int | None


def caused_elsewhere(findings: list[Finding], changes: list[Change], impact: Impact, head: Repository) -> tuple[CausedElsewhere, ...]:
    """The `findings` (new ones) in files `changes` did not touch, each with its cause: the
    removal, rename or id change that left its step dangling, else the file the change
    added, removed or renamed (or edited, when it did nothing else), if there is one."""
    touched = {path for change in changes for path in (change.path, change.old_path) if path}
    dangling = {(reference.path, reference.line, reference.column): reference for reference in impact.dangling}
    found = []
    likely: tuple[Cause, str | None, int | None] | None = None
    for finding in findings:
        if finding.path in touched:
            continue
        reference = dangling.get((finding.path, finding.line, finding.column))
        if reference is not None:
            found.append(CausedElsewhere(finding, reference.cause, reference.changed_path, reference.changed_line))
        else:
            likely = likely or _likely_cause(impact, head)
            found.append(CausedElsewhere(finding, *likely))
    return tuple(found)


def _likely_cause(impact: Impact, head: Repository) -> tuple[Cause, str | None, int | None]:
    """What a finding no dangling reference explains (an SOP no process uses once one is
    removed, say) owes to the change: its one process or SOP added, removed or renamed,
    or else its one edited; several are named, and none is picked."""
    touched = [*impact.sops, *impact.processes]
    candidates = [change for change in touched if change.status != "changed"] or touched
    if len(candidates) != 1:
        named = [part for index, change in enumerate(candidates[:3]) for part in ((", " if index else "the change to "), change.path)]
        more = f" and {len(candidates) - 3} more" if len(candidates) > 3 else ""
        return Cause((*named, more) if candidates else ("this change, though it edits no process or SOP",)), None, None
    [change] = candidates
    if change.status == "removed":
        return Cause(("", change.path, " was removed")), change.path, None
    said = Cause(
        ("", change.old_path or "", " was renamed to ", change.path) if change.status == "renamed" else ("", change.path, f" was {change.status}")
    )
    items: list[Process | Sop] = [*head.processes, *head.sops]
    item = next((item for item in items if item.path == change.path), None)
    return said, change.path, id_line(item) if item is not None else 1
