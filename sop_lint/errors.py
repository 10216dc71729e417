"""The one exception for problems the user must fix before sop-lint can run."""

from __future__ import annotations


class SopLintError(Exception):
    """Bad configuration, a bad option value, a missing git work tree where one is needed.

    The CLI shows it as one line and exits with code 2; nothing else catches it.
    """
