"""JUnit XML, for CI dashboards: one test case per checked file.

A finding at or above the fail level is a `<failure>` of its file's case; one below it
(a warning or an info, by default) is listed in the case's `<system-out>`, so that a run
that exits 0 shows no failed test in Jenkins or GitLab, and nothing is hidden. Paths are
from the git work tree's root, as the other CI formats give them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from sop_lint.findings import Finding, visible

if TYPE_CHECKING:
    from sop_lint.reporters.context import ReportContext


def render(findings: list[Finding], context: ReportContext) -> str:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_path[finding.path].append(finding)
    paths = sorted(set(context.paths) | set(by_path))
    failing = {path for path in paths if any(_fails(finding, context) for finding in by_path[path])}
    suites = ElementTree.Element("testsuites", name="sop-lint")
    suite = ElementTree.SubElement(suites, "testsuite", name="sop-lint", tests=str(len(paths)), failures=str(len(failing)), errors="0")
    for path in paths:
        shown = visible(context.repository_prefix + path)
        case = ElementTree.SubElement(suite, "testcase", classname="sop-lint", name=shown)
        below = []
        for finding in by_path[path]:
            line = f"{shown}:{finding.line}:{finding.column}: {finding.code} ({finding.severity.value}) {finding.message}"
            if _fails(finding, context):
                failure = ElementTree.SubElement(case, "failure", type=finding.code, message=f"{finding.code} {finding.message}")
                failure.text = line
            else:
                below.append(line)
        if below:
            ElementTree.SubElement(case, "system-out").text = "\n".join(below)
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"


def _fails(finding: Finding, context: ReportContext) -> bool:
    return finding.severity.rank >= context.fail_on.rank
