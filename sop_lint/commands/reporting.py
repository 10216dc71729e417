"""The reporting tail that `check` and `diff` share: which format, paths as the reader
needs them, and the exit code from the fail level."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sop_lint.commands.output import Output
from sop_lint.config.settings import Config
from sop_lint.engine.linting import exit_code
from sop_lint.findings import Finding, Severity
from sop_lint.git.location import repository_prefix
from sop_lint.reporters import reporter
from sop_lint.reporters.context import ReportContext

if TYPE_CHECKING:
    from sop_lint.engine.compare import CausedElsewhere
    from sop_lint.model.impact import Impact


def default_format() -> str:
    """Annotations in GitHub Actions, text everywhere else."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def report(
    findings: list[Finding],
    *,
    root: Path,
    config: Config,
    output_format: str | None,
    fail_on: str | None,
    files_checked: int,
    paths: tuple[str, ...],
    impact: Impact | None = None,
    caused_elsewhere: tuple[CausedElsewhere, ...] = (),
    baseline_matched: int | None = None,
    baseline_unmatched: int | None = None,
    messages: tuple[str, ...] = (),
) -> Output:
    """The findings in `output_format`, exiting 1 when any is at or above the fail level
    (`fail_on`, else the configuration's)."""
    chosen = output_format or default_format()
    level = Severity(fail_on) if fail_on else config.fail_on
    code = exit_code(findings, level)
    context = ReportContext(
        files_checked=files_checked,
        fail_on=level,
        exit_code=code,
        display_root=_display_root(root),
        color=chosen == "text" and sys.stdout is not None and sys.stdout.isatty() and "NO_COLOR" not in os.environ,
        baseline_matched=baseline_matched,
        baseline_unmatched=baseline_unmatched,
        repository_prefix=repository_prefix(root),
        paths=paths,
        impact=impact,
        caused_elsewhere=caused_elsewhere,
    )
    text = reporter(chosen)(findings, context)
    if chosen == "github":
        from sop_lint.commands.step_summary import github_overflow

        text, summary = github_overflow(findings, context, text)
        return Output(text, code, messages, summary)
    return Output(text, code, messages)


def _display_root(root: Path) -> str:
    """The SOP root as a prefix that makes paths open from the current folder."""
    relative = os.path.relpath(root)
    return "" if relative == "." else Path(relative).as_posix() + "/"
