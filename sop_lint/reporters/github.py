"""GitHub Actions workflow commands: each finding becomes an annotation on its line.

Paths are relative to the git work tree root, which is where GitHub looks for them,
even when the SOP root is a subfolder. Chosen by default when `GITHUB_ACTIONS=true`.
The findings a change causes in files it does not touch come first, gathered on the
changed file that caused them (see `_on_the_changed_files`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sop_lint.findings import Finding, Severity, visible

if TYPE_CHECKING:
    from sop_lint.engine.compare import CausedElsewhere
    from sop_lint.reporters.context import ReportContext

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(findings: list[Finding], context: ReportContext) -> str:
    lines = _on_the_changed_files(context) + [
        f"::{_COMMANDS[f.severity]} file={_property(visible(context.repository_prefix + f.path))},line={f.line},col={f.column},"
        f"title={_property(f'{f.code} {f.name}')}::{_message(f.message)}"
        for f in findings
    ]
    return "".join(line + "\n" for line in lines)


def _message(text: str) -> str:
    """GitHub's escaping for the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """GitHub's escaping for a property value (file, title)."""
    return _message(text).replace(":", "%3A").replace(",", "%2C")


def _on_the_changed_files(context: ReportContext) -> list[str]:
    """One annotation per changed file that caused findings in files the change does not
    touch (a step left pointing at an SOP it deleted), listing them: GitHub shows an
    annotation in a pull request's diff only on a line the diff holds, so theirs, in
    untouched files, are never seen there. A file the change keeps (renamed, or its id
    edited) carries it on its id's line; a deleted one has no line left, so the
    annotation has no file and shows in the run's summary. They come first because
    GitHub shows only ten annotations of each kind per step."""
    groups: dict[tuple[str | None, int | None], list[CausedElsewhere]] = {}
    for item in context.caused_elsewhere:
        groups.setdefault((item.changed_path, item.changed_line), []).append(item)
    lines = []
    for (path, line), items in groups.items():
        severity = max((item.finding.severity for item in items), key=lambda severity: severity.rank)
        count = f"{len(items)} finding{'s' if len(items) != 1 else ''} in {'files' if len(items) != 1 else 'a file'} this change does not touch"
        listed = [
            f"{visible(context.repository_prefix + finding.path)}:{finding.line}:{finding.column}: {finding.code} {finding.message}"
            for finding in (item.finding for item in items[:_LISTED])
        ] + ([f"… and {len(items) - _LISTED} more, each annotated in its own file"] if len(items) > _LISTED else [])
        causes = "; ".join(dict.fromkeys(item.cause.said(context.repository_prefix) for item in items))
        where = f"file={_property(visible(context.repository_prefix + path))},line={line}," if path is not None and line is not None else ""
        said = "%0A".join(_message(entry) for entry in [f"{causes}, which leaves {count}:", *listed])
        lines.append(f"::{_COMMANDS[severity]} {where}title={_property(f'sop-lint: {count}')}::{said}")
    return lines


_LISTED = 10
