"""What a reporter may need beside the findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from sop_lint.findings import Severity

if TYPE_CHECKING:
    from sop_lint.engine.compare import CausedElsewhere
    from sop_lint.model.impact import Impact


class ReportContext(NamedTuple):
    """What a reporter may need beside the findings.

    `display_root` is prefixed to paths in human output so they open from the current
    folder; machine output keeps paths relative to the SOP root, except where a service
    expects them relative to the git work tree root: there `repository_prefix` (the SOP
    root's path in the work tree, ending in `/`, or empty) goes in front. `paths` are the
    files checked, for formats that list passing files too. `impact` is what a change did
    (`sop-lint diff`), for the formats that show it (json, markdown, text);
    `caused_elsewhere` are the new findings it caused in files it did not touch, with
    their causes, which the PR comment leads with and GitHub annotations attach to the
    changed file too.
    """

    files_checked: int
    fail_on: Severity
    exit_code: int
    display_root: str = ""
    color: bool = False
    baseline_matched: int | None = None
    baseline_unmatched: int | None = None
    repository_prefix: str = ""
    paths: tuple[str, ...] = ()
    impact: Impact | None = None
    caused_elsewhere: tuple[CausedElsewhere, ...] = ()
