"""The files `sop-lint new` writes: a process or an SOP with its required fields left
empty, each under a comment that says what to write there (the schema's description).

Empty, not filled with placeholders: an empty required field is a finding of its own
(C001, P001, P002, P003, S001 for an empty title), so `sop-lint check` lists exactly
what is left to write, in the words a finding uses, and the file never passes as done.
"""

from __future__ import annotations

import json

from sop_lint.config.settings import comment_lines
from sop_lint.errors import SopLintError
from sop_lint.json_schema import load_schema, property_schema
from sop_lint.kinds import Kind
from sop_lint.reading.edit_guard import parses_to
from sop_lint.reading.loader import parse_document

# One line: a Markdown comment spread over several lines would count as instructions.
_BODY_HINT = (
    "<!-- Write the steps here, one numbered line each (`1. Open Buffer and select the Company X account.`), "
    "in enough detail that a new teammate can follow them without asking. -->"
)
_STEPS_HINT = "Each step is `- name: what it does` with `sop: the-sop-id` (or `process: an-id`) on the next line."


def yaml_scalar(text: str) -> str:
    """`text` as a YAML value on one line: plain when it reads back as that text, else in
    double quotes (`"@social-team"`, `"Step 1: open"`, `"123"`)."""
    if text == text.strip() and parse_document("v.yaml", f"v: {text}\n".encode()).data == {"v": text}:
        return text
    return json.dumps(text, ensure_ascii=False)


def template(kind: Kind, identifier: str, *, title: str | None, owner: str | None, fields: tuple[str, ...], markdown: bool) -> str:
    """The new file's text. `owner` None leaves the key out (CODEOWNERS names the owner);
    an empty `owner` asks for one. `fields` are the SOP fields the configuration requires."""
    schema = load_schema(kind)
    lines = [f"kind: {kind.value}", f"id: {yaml_scalar(identifier)}", *_field(schema, "title", title)]
    if owner is not None:
        lines += _field(schema, "owner", owner or None)
    if kind is Kind.PROCESS:
        lines += [*_field(schema, "trigger", None), *_field(schema, "outcome", None), *_field(schema, "steps", None, _STEPS_HINT)]
    else:
        lines += [line for field in fields for line in _field(schema, field, None)]
        if not markdown:
            lines += _field(schema, "instructions", None)
    text = "\n".join(lines) + "\n"
    if markdown:
        heading = f"# {title}\n\n" if title else ""
        text = f"---\n{text}---\n{heading}{_BODY_HINT}\n"
    _check(kind, text, identifier, title, owner, fields if kind is Kind.SOP else (), markdown)
    return text


def _field(schema: dict[str, object], key: str, value: str | None, more: str = "") -> list[str]:
    """`key: value`, or an empty `key:` under the comment that says what to write."""
    if value is not None:
        return [f"{key}: {yaml_scalar(value)}"]
    about = str(property_schema(schema, (key,)).get("description") or f"`{key}`: required by this repository's configuration.")
    return [*comment_lines(f"{about} {more}".strip()), f"{key}:"]


def _check(kind: Kind, text: str, identifier: str, title: str | None, owner: str | None, fields: tuple[str, ...], markdown: bool) -> None:
    """The template must read back as intended: a title that YAML would read otherwise is
    a defect here, never a file the author has to repair."""
    expected: dict[str, object] = {"kind": kind.value, "id": identifier, "title": title}
    if owner is not None:
        expected["owner"] = owner or None
    if kind is Kind.PROCESS:
        expected |= {"trigger": None, "outcome": None, "steps": None}
    expected |= dict.fromkeys(fields)
    if kind is Kind.SOP and not markdown:
        expected["instructions"] = None
    if not parses_to(f"new.{'md' if markdown else 'yaml'}", text, expected):
        raise SopLintError(f"cannot write the {kind.noun} `{identifier}` from its template: please report this with the command you ran")
