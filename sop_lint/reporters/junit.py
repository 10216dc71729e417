"""JUnit XML, for CI dashboards: one test case per checked file, one failure per finding."""

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
    suites = ElementTree.Element("testsuites", name="sop-lint")
    suite = ElementTree.SubElement(
        suites, "testsuite", name="sop-lint", tests=str(len(paths)), failures=str(sum(1 for p in paths if by_path[p])), errors="0"
    )
    for path in paths:
        case = ElementTree.SubElement(suite, "testcase", classname="sop-lint", name=visible(path))
        for finding in by_path[path]:
            failure = ElementTree.SubElement(case, "failure", type=finding.code, message=f"{finding.code} {finding.message}")
            failure.text = f"{visible(path)}:{finding.line}:{finding.column}: {finding.code} ({finding.severity.value}) {finding.message}"
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"
