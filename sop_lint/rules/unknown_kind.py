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

from sop_lint.documents import FILE_START, Syntax
from sop_lint.findings import Problem, Severity
from sop_lint.model import KINDS, Repository
from sop_lint.rule import SchemaCover

CODE = "Y004"
NAME = "unknown-kind"
SEVERITY = Severity.ERROR
SCHEMA_COVERS: tuple[SchemaCover, ...] = (
    SchemaCover("process", ("kind",)),
    SchemaCover("sop", ("kind",)),
    SchemaCover("process", (), frozenset({"type"})),
    SchemaCover("sop", (), frozenset({"type"})),
)


_ARTICLES = {"process": "a process", "sop": "an SOP"}


def check(repository: Repository) -> Iterator[Problem]:
    for document in repository.documents:
        expected = repository.kind_of(document)
        if document.data is None:
            if not document.problems:
                empty = "the front matter is empty" if document.syntax is Syntax.MARKDOWN else "the file is empty"
                message = f"{empty}: write {_ARTICLES[expected]}, starting with `kind: {expected}`"
                yield Problem(document.path, FILE_START, message, "empty")
            continue
        if not isinstance(document.data, dict):
            yield Problem(
                document.path,
                document.position(()),
                f"the file should be a mapping of `key: value` lines starting with `kind: {expected}`",
                "not-a-mapping",
            )
            continue
        if "kind" not in document.data:
            yield Problem(document.path, document.position(()), f"`kind` is missing: add `kind: {expected}`", "missing")
            continue
        kind = document.data["kind"]
        if kind not in KINDS:
            close = difflib.get_close_matches(str(kind), KINDS, n=1, cutoff=0.5)
            advice = f"did you mean `{close[0]}`?" if close else "use `process` or `sop`"
            yield Problem(document.path, document.position(("kind",)), f"unknown kind `{kind}`: {advice}", "unknown")
