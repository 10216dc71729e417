"""A Markdown report, ready to post as a pull-request comment: a headline; the findings the
change caused in files it does not touch, first, since a review of the diff's lines never
meets them; the other findings as a table, errors first; and for `sop-lint diff` the
impact of the change with a Mermaid flowchart of each affected process, most affected
first (GitHub and GitLab render Mermaid blocks as diagrams).

The comment stays under GitHub's size limit whatever the change (see `comment_size`): each
part shows what fits (at most ten flowcharts), a count by rule sums up the findings when
some are left out, and the last line says how many of each were left out and which command
shows everything.

Paths are relative to the git work tree root, as a reviewer sees them in the PR.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import TYPE_CHECKING

from sop_lint.findings import Finding, Severity, visible
from sop_lint.reporters.comment_size import COMMENT, RESERVED, Part, SizeLimit, fit, shortened, size

if TYPE_CHECKING:
    from sop_lint.model.flows import Flow
    from sop_lint.model.impact import Impact
    from sop_lint.reporters.context import ReportContext

_ICONS = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
_FLOWCHARTS_AT_MOST = 10
_CELL_AT_MOST = 500  # characters of a table cell or a list item
_LABEL_AT_MOST = 200  # characters of a flowchart's title or label
_CAUSED_ELSEWHERE = [
    "#### Caused by this change in files it does not touch",
    "",
    "These are in files the change leaves as they were, so a review of its changed lines does not show them.",
    "",
    "| | File | Rule | Message | Caused by |",
    "| --- | --- | --- | --- | --- |",
]
_TABLE = ["| | File | Rule | Message |", "| --- | --- | --- | --- |"]


def render(findings: list[Finding], context: ReportContext, *, limit: SizeLimit = COMMENT) -> str:
    """A PR comment under GitHub's `limit` (the job summary's, larger, for `step_summary`)."""
    impact, prefix = context.impact, context.repository_prefix
    elsewhere = sorted(context.caused_elsewhere, key=lambda item: -item.finding.severity.rank)
    apart = {item.finding.fingerprint for item in elsewhere}
    others = [finding for finding in sorted(findings, key=lambda finding: -finding.severity.rank) if finding.fingerprint not in apart]
    parts = [
        Part([_row(item.finding, prefix, item.cause.said(prefix)) for item in elsewhere], 0.25),
        Part([_row(finding, prefix) for finding in others], 0.25),
    ]
    if impact is not None:
        listed = {(item.finding.path, item.finding.line) for item in elsewhere}
        dangling = [ref for ref in impact.dangling if (ref.path, ref.line) not in listed]  # the rows above say those
        parts += [
            Part([f"- {_inline(change.describe(prefix))}" for change in [*impact.sops, *impact.processes]], 0.1),
            Part([f"- {_inline(f'`{prefix + ref.path}:{ref.line}`')}: {_inline(ref.describe(prefix))}" for ref in dangling], 0.1),
            Part([_flowchart(flow, impact) for flow in impact.most_affected_first()], 0.3, _FLOWCHARTS_AT_MOST),
            Part([f"- {_inline(change.describe())}" for change in impact.inventory], 0.05),
        ]
    room = limit.size - RESERVED - size(_comment(findings, context, parts, [[] for _ in parts], limit))
    return _comment(findings, context, parts, fit(parts, room), limit)


# What one block of each part is: the findings caused elsewhere, the other findings, and
# the impact's changes, dangling references, flowcharts and inventory changes.
_NOUNS = ("finding", "finding", "change", "dangling reference", "flowchart", "inventory change")


def _comment(findings: list[Finding], context: ReportContext, parts: list[Part], shown: list[list[str]], limit: SizeLimit) -> str:
    """The comment showing the `shown` blocks of each part, and saying how many are left out."""
    left_out = [len(part.blocks) - len(blocks) for part, blocks in zip(parts, shown, strict=True)]

    def part(index: int, heading: list[str], *, blank: bool = True) -> list[str]:
        """A part that has blocks: its heading, the blocks shown, and its ending."""
        return [*heading, *shown[index], *_ending(left_out[index], _NOUNS[index], blank=blank)] if parts[index].blocks else []

    lines = [f"### sop-lint: {_headline(findings, context)}", ""]
    if context.impact is not None:
        lines += [f"Compared `{context.impact.head[:12]}` with its merge base `{context.impact.base[:12]}`.", ""]
    lines += part(0, _CAUSED_ELSEWHERE) + part(1, [*(["#### In the changed files", ""] if parts[0].blocks else []), *_TABLE])
    if left_out[0] or left_out[1]:
        lines += [f"All {len(findings)} findings by rule:", "", *_by_rule(findings), ""]
    if context.impact is not None:
        lines += ["#### Impact", "", *([] if parts[2].blocks else ["No process or SOP changed.", ""])]
        lines += part(2, []) + part(3, ["**References left dangling**", ""]) + part(5, ["**Inventory changes**", ""])
        lines += part(4, [], blank=False)
    if any(left_out):
        lines += ["---", _what_was_left_out(parts, left_out, context, limit)]
    return "\n".join(lines).rstrip("\n") + "\n"


def _ending(count: int, noun: str, *, blank: bool) -> list[str]:
    """What ends a part: a blank line (which ends a table or a list; a flowchart ends with
    one), then, where the part was cut, a note saying so."""
    ending = [""] if blank else []
    if count:
        ending += [f"_… and {_counted(count, f'more {noun}')}, left out for size (see the end of this comment)._", ""]
    return ending


def _what_was_left_out(parts: list[Part], left_out: list[int], context: ReportContext, limit: SizeLimit) -> str:
    """How many of each were left out, and the command that shows everything."""
    totals: dict[str, tuple[int, int]] = {}
    for part, count, noun in zip(parts, left_out, _NOUNS[: len(parts)], strict=True):
        left, whole = totals.get(noun, (0, 0))
        totals[noun] = (left + count, whole + len(part.blocks))
    said = ", ".join(f"{left} of {_counted(whole, noun)}" for noun, (left, whole) in totals.items() if left)
    root = f" {context.repository_prefix.rstrip('/')}" if context.repository_prefix else ""
    impact = context.impact
    command = (
        f"sop-lint check{root} --format text" if impact is None
        else f"sop-lint diff{root} --base {impact.base[:12]} --head {impact.head[:12]} --format text"
    )
    return (
        f"_Left out to stay under GitHub's limit of {limit.size:,} characters for {limit.what}: {said}. "
        f"Everything, in a clone of the repository: `{command}`._"
    )


def _by_rule(findings: list[Finding]) -> list[str]:
    counts = Counter((finding.code, finding.name) for finding in findings)
    files: dict[tuple[str, str], set[str]] = {}
    for finding in findings:
        files.setdefault((finding.code, finding.name), set()).add(finding.path)
    return [
        f"- `{code}` {name}: {_counted(count, 'finding')} in {_counted(len(files[code, name]), 'file')}"
        for (code, name), count in sorted(counts.items())
    ]


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _headline(findings: list[Finding], context: ReportContext) -> str:
    new = "new " if context.impact is not None else ""
    files = f"{context.files_checked} file{'s' if context.files_checked != 1 else ''}"
    if not findings:
        return f"✅ no {new}findings ({files} checked)"
    counts = Counter(finding.severity for finding in findings)
    parts = ", ".join(
        f"{counts[severity]} {severity.value}{'s' if counts[severity] != 1 else ''}"
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[severity]
    )
    icon = "❌" if context.exit_code else "⚠️"
    return f"{icon} {len(findings)} {new}finding{'s' if len(findings) != 1 else ''} ({parts}) in {files}"


def _row(finding: Finding, prefix: str, cause: str | None = None) -> str:
    row = (
        f"| {_ICONS[finding.severity]} {finding.severity.value} | {_cell(f'`{prefix + finding.path}:{finding.line}:{finding.column}`')} "
        f"| `{finding.code}` {finding.name} | {_cell(finding.message)} |"
    )
    return row if cause is None else f"{row} {_cell(cause)} |"


def _flowchart(flow: Flow, impact: Impact) -> str:
    from sop_lint.reporters.flowcharts import mermaid

    title = f"Process <code>{_html(flow.id)}</code>: {_html(flow.title)}"
    chart = mermaid([_drawable(flow)], impact.highlighted, impact.missing).rstrip("\n")
    return f"<details open><summary>{title}</summary>\n\n```mermaid\n{chart}\n```\n\n</details>\n"


def _drawable(flow: Flow) -> Flow:
    """The flow with each label cut to a length a chart can show: one 100,000-character
    title would otherwise leave the whole chart out of the comment."""
    def cut(text: str) -> str:
        return shortened(text, _LABEL_AT_MOST)

    return dataclasses.replace(
        flow,
        title=cut(flow.title),
        trigger=cut(flow.trigger),
        outcome=cut(flow.outcome),
        steps=tuple(dataclasses.replace(step, name=cut(step.name)) if step.name else step for step in flow.steps),
        sops=tuple((identifier, cut(title) if title else title) for identifier, title in flow.sops),
        processes=tuple((identifier, cut(title) if title else title) for identifier, title in flow.processes),
    )


def _cell(text: str) -> str:
    """Text inside a table cell: a `|` would end the cell, a line break the row."""
    return _inline(text).replace("|", "\\|")


def table_cell(text: str) -> str:
    """A cell of a report's table (`stale`, the queries): shown as written, on one line,
    its `|` escaped; never shortened, as the comment's cells are."""
    return literal(visible(" ".join(text.split()))).replace("|", "\\|")


def _inline(text: str) -> str:
    return literal(shortened(visible(" ".join(text.split())), _CELL_AT_MOST))


_TICKS = re.compile(r"`+")


def literal(text: str) -> str:
    """One line of text that Markdown shows as written: outside its code spans, `<`, `>`
    and `&` become entities, since GitHub reads `<client name>` (how SOP authors write a
    blank) as an HTML tag and drops it. Inside a code span, which shows what it holds,
    nothing changes. Spans are found as CommonMark finds them: a run of backticks up to
    the next run of the same length; one with no partner is a backtick like any other."""
    if "`" not in text:  # most text: no span to keep
        return _entities(text)
    runs = list(_TICKS.finditer(text))
    partner: list[int | None] = [None] * len(runs)  # the next run of the same length
    last: dict[int, int] = {}
    for index in reversed(range(len(runs))):
        partner[index] = last.get(len(runs[index][0]))
        last[len(runs[index][0])] = index
    kept, start, index = [], 0, 0
    while index < len(runs):
        closing = partner[index]
        if closing is None:
            index += 1
            continue
        kept += [_entities(text[start : runs[index].start()]), text[runs[index].start() : runs[closing].end()]]
        start, index = runs[closing].end(), closing + 1
    return "".join(kept) + _entities(text[start:])


# `@name` outside a code span: GitHub would notify that person or team when the report
# is posted (`tag @finance` in a step's name). A zero-width space after the `@`, as
# Renovate writes mentions in its release notes, shows the same and notifies no one.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")


def _entities(text: str) -> str:
    if not _MARKED.search(text):  # most text: nothing to write otherwise
        return text
    return _MENTION.sub("@&#8203;", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


_MARKED = re.compile(r"[&<>@]")


def _html(text: str) -> str:
    return _entities(shortened(visible(text), _LABEL_AT_MOST))
