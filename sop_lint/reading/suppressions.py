"""Inline suppression comments: `# sop-lint: disable=CODE` and its Markdown twin.

The comments are found in the raw text, not through the YAML parser, so they work in
files that do not parse and in Markdown bodies alike. As in yamllint, a comment alone on
its line applies to the next line; a comment after content applies to its own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sop_lint.reading.lines import split_lines

_DIRECTIVE = re.compile(
    r"(?P<opener>#|<!--)\s*sop-lint:\s*(?P<scope>disable-file|disable)\s*=\s*"
    r"(?P<codes>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)"
)


@dataclass
class Suppressions:
    """Codes switched off per line and for the whole file. `ALL` matches every code."""

    by_line: dict[int, frozenset[str]] = field(default_factory=dict)
    whole_file: frozenset[str] = frozenset()

    def covers(self, code: str, line: int) -> bool:
        return _matches(code, self.whole_file) or _matches(code, self.by_line.get(line, frozenset()))


# Most files have none; one shared value saves creating thousands (nothing mutates it).
NO_SUPPRESSIONS = Suppressions()


def _matches(code: str, codes: frozenset[str]) -> bool:
    return code in codes or "ALL" in codes


def find_suppressions(text: str) -> Suppressions:
    if "sop-lint:" not in text:
        return Suppressions()
    by_line: dict[int, set[str]] = {}
    whole_file: set[str] = set()
    for number, line in enumerate(split_lines(text), start=1):
        for match in _DIRECTIVE.finditer(line):
            codes = {code.strip().upper() for code in match["codes"].split(",")}
            if match["scope"] == "disable-file":
                whole_file |= codes
                continue
            standalone = line[: match.start()].strip() == ""
            target = number + 1 if standalone else number
            by_line.setdefault(target, set()).update(codes)
    return Suppressions(
        by_line={line: frozenset(codes) for line, codes in by_line.items()},
        whole_file=frozenset(whole_file),
    )
