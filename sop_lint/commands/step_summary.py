"""What GitHub would hide: it shows about 10 annotations of each type (error, warning,
notice) per step and drops the rest without a word. When `--format github` prints more,
a first `::notice::` says how many are not shown on the files, and a Markdown job summary
(the PR comment's report, every finding in it) is handed to the CLI to append to
`$GITHUB_STEP_SUMMARY`, which has no such limit."""

from __future__ import annotations

import os
import re
from collections import Counter

from sop_lint.findings import Finding
from sop_lint.reporters import markdown
from sop_lint.reporters.comment_size import JOB_SUMMARY
from sop_lint.reporters.context import ReportContext

# How many annotations of one type GitHub shows for a step.
SHOWN_PER_TYPE = 10
# A workflow command at the start of a line: `::error file=…::message`, its type captured.
_COMMAND = re.compile(r"^::(error|warning|notice)[ :]", re.MULTILINE)
# GitHub sets it, in a job, to the file a step appends its Markdown summary to.
SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"


def hidden_annotations(annotations: str) -> tuple[int, int]:
    """How many of the annotations GitHub does not show, and how many there are: counted
    from the workflow commands themselves (`::error ...`), whatever findings they hold."""
    types = Counter(match[1] for match in _COMMAND.finditer(annotations))
    return sum(max(0, count - SHOWN_PER_TYPE) for count in types.values()), sum(types.values())


def github_overflow(findings: list[Finding], context: ReportContext, annotations: str) -> tuple[str, str]:
    """The annotations with, when some would be hidden, a notice first (the first notice
    is one GitHub shows), and the job summary to append ("" when nothing is hidden or no
    job summary file is set: then the notice points at the step's log, which has them all)."""
    hidden, total = hidden_annotations(annotations)
    if not hidden:
        return annotations, ""
    hidden, _ = hidden_annotations("::notice::\n" + annotations)  # the notice below is one more
    summary_file = bool(os.environ.get(SUMMARY_VARIABLE))
    where = "the job summary lists all of them" if summary_file else "this step's log lists all of them"
    said = (
        f"{hidden} of {total} annotations are not shown on the files (GitHub shows {SHOWN_PER_TYPE} "
        f"of each type per step)"
    )
    notice = f"::notice title=sop-lint::{said}; {where}\n"
    if not summary_file:
        return notice + annotations, ""
    note = f"> [!NOTE]\n> {said}. All the findings are below, unless its end says some were left out for size.\n\n"
    summary = note + markdown.render(findings, context, limit=JOB_SUMMARY)
    return notice + annotations, summary + "\n"
