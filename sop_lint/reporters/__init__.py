"""Output formats. Each reporter is a module with one function `render(findings, context) -> str`,
imported when its format is chosen: the pre-commit hook prints text, and pays for every
import (the JUnit reporter alone brings in an XML library)."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from sop_lint.findings import Finding
from sop_lint.reporters.context import ReportContext

Reporter = Callable[[list[Finding], ReportContext], str]

# Each format, and the module of this package that renders it.
_MODULES = {
    "text": "text",
    "json": "json_output",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
    "markdown": "markdown",
}
FORMATS = tuple(_MODULES)


def reporter(output_format: str) -> Reporter:
    """The `render` function of a format's module."""
    render: Reporter = importlib.import_module(f"{__name__}.{_MODULES[output_format]}").render
    return render
