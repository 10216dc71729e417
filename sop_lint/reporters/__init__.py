"""Output formats. Each reporter is one function `render(findings, context) -> str`."""

from __future__ import annotations

from collections.abc import Callable

from sop_lint.findings import Finding
from sop_lint.reporters import github, gitlab, json_output, junit, markdown, sarif, text
from sop_lint.reporters.context import ReportContext

Reporter = Callable[[list[Finding], ReportContext], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_output.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "gitlab": gitlab.render,
    "markdown": markdown.render,
}
