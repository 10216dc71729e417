"""Whether a field holds a real value: shared by the process and SOP content rules."""

from __future__ import annotations

import functools
import re
from enum import Enum

from sop_lint.documents import Position
from sop_lint.findings import Problem
from sop_lint.model import Process, Sop, Step
from sop_lint.schemas import load_schema, property_schema, purpose

# A number that starts a step name: "1. Draft copy", "Step 2: Prepare media", "3) Post".
STEP_NUMBER = re.compile(r"^\s*(?:step\s*)?(\d+)\s*[.):-]\s*", re.IGNORECASE)


class FieldState(Enum):
    PRESENT = "present"
    MISSING = "missing"
    EMPTY = "empty"
    NOT_TEXT = "not text"


def field_state(data: dict[str, object], field: str) -> FieldState:
    if field not in data:
        return FieldState.MISSING
    value = data[field]
    if value is None or (isinstance(value, str) and not value.strip()):
        return FieldState.EMPTY
    if not isinstance(value, str):
        return FieldState.NOT_TEXT
    return FieldState.PRESENT


def find_placeholder(value: str, placeholders: tuple[str, ...]) -> str | None:
    """The placeholder a value consists of or contains, if any.

    Placeholders with letters match as whole words anywhere, ignoring case (`TBD - ask Sam`);
    others match the whole value. A value without a single letter or digit is never real.
    """
    stripped = value.strip()
    if not any(character.isalnum() for character in stripped):
        return stripped
    for placeholder in placeholders:
        if any(character.isalpha() for character in placeholder):
            if _word_pattern(placeholder).search(stripped):
                return placeholder
        elif stripped == placeholder:
            return placeholder
    return None


@functools.cache
def _word_pattern(placeholder: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w/]){re.escape(placeholder)}(?![\w/])", re.IGNORECASE)


def describe(item: Process | Sop) -> str:
    """How messages name a process or SOP: by id when it has one."""
    kind = "process" if isinstance(item, Process) else "SOP"
    return f"{kind} '{item.id}'" if item.id else f"this {kind}"


def field_purpose(kind: str, field: str) -> str:
    """What a field is for, from the schema's description, to tell users what to write."""
    return purpose(property_schema(load_schema(kind), (field,))) or f"a value for `{field}`"


def field_problem(item: Process | Sop, field: str, placeholders: tuple[str, ...] = ()) -> Problem | None:
    """A problem when `field` lacks a real value; `placeholders` count as missing when given."""
    document = item.document
    data = document.data
    assert isinstance(data, dict)
    kind = "process" if isinstance(item, Process) else "sop"
    purpose = field_purpose(kind, field)
    state = field_state(data, field)
    if state is FieldState.MISSING:
        return Problem(item.path, document.position(()), f"{describe(item)} has no `{field}`: add `{field}:` ({purpose})", field)
    position: Position = document.position((field,))
    if state is FieldState.EMPTY:
        message = f"{describe(item)} has an empty `{field}`: write {purpose}"
        return Problem(item.path, document.position((field,), key=True), message, field)
    if state is FieldState.NOT_TEXT:
        return Problem(item.path, position, f"`{field}` of {describe(item)} should be text: write {purpose}", field)
    placeholder = find_placeholder(str(data[field]), placeholders) if placeholders else None
    if placeholder is not None:
        message = f"{describe(item)} has a placeholder `{field}` (`{placeholder}`): write {purpose}"
        return Problem(item.path, position, message, field)
    return None


def describe_step(step: Step) -> str:
    """How messages name a step: by number in the list, and by name when it has one."""
    return f"step {step.index + 1} '{step.name}'" if step.name else f"step {step.index + 1}"
