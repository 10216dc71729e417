"""The file does not say whether it is a process or an SOP.

## What it does
Checks that every file is a mapping with `kind: process` or `kind: sop`. An empty file,
a file that is a list or plain text, a missing `kind` and an unknown one are reported.
The rest of the file is still checked as the kind its folder suggests.

## Why
`kind` tells people and tools which fields to expect. A typo such as `kind: procedure`
would otherwise make every other finding in the file confusing.

## Bad
```yaml
kind: procedure
id: monthly-invoicing
```

## Good
```yaml
kind: process
id: monthly-invoicing
```
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from sop_lint.findings import FILE_START, Problem, Severity
from sop_lint.kinds import Kind
from sop_lint.reading.documents import Syntax
from sop_lint.rules.base import FileContext, SchemaCover

CODE = "Y004"
NAME = "unknown-kind"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = (
    SchemaCover(Kind.PROCESS, ("kind",)),
    SchemaCover(Kind.SOP, ("kind",)),
    SchemaCover(Kind.PROCESS, (), frozenset({"type"})),
    SchemaCover(Kind.SOP, (), frozenset({"type"})),
)


_KINDS = tuple(Kind)


def check_file(file: FileContext) -> Iterator[Problem]:
    document, expected = file.document, file.kind
    if document.data is None:
        if not document.problems:
            empty = "the front matter is empty" if document.syntax is Syntax.MARKDOWN else "the file is empty"
            yield Problem(file.path, FILE_START, f"{empty}: write {expected.article}, starting with `kind: {expected}`", "empty")
    elif not isinstance(document.data, dict):
        message = f"the file should be a mapping of `key: value` lines starting with `kind: {expected}`"
        yield Problem(file.path, document.position(()), message, "not-a-mapping")
    elif "kind" not in document.data:
        yield Problem(file.path, document.position(()), f"`kind` is missing: add `kind: {expected}`", "missing")
    elif document.data["kind"] not in _KINDS:
        kind = document.data["kind"]
        close = difflib.get_close_matches(str(kind), _KINDS, n=1, cutoff=0.5)
        advice = f"did you mean `{close[0]}`?" if close else "use `process` or `sop`"
        yield Problem(file.path, document.position(("kind",)), f"unknown kind `{kind}`: {advice}", "unknown")
