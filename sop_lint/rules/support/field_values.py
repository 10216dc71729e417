"""Whether a process or SOP field holds a real value, and the finding when it does not.

Shared by the rules for triggers, outcomes and required SOP fields, so that all of them
word their findings alike and all of them spot a misspelt key (`tol:` for `tool:`).
"""

from __future__ import annotations

import functools
from enum import Enum

from sop_lint.findings import Fix, Problem, Safety
from sop_lint.json_schema import load_schema, property_schema, purpose
from sop_lint.model.repository import Process, Sop
from sop_lint.rules.support.edits import key_edit
from sop_lint.rules.support.placeholders import find_placeholder
from sop_lint.suggestions import closest, only_near


class FieldState(Enum):
    PRESENT = "present"
    MISSING = "missing"
    EMPTY = "empty"
    NOT_TEXT = "not text"


def field_state(kind: str, data: dict[str, object], field: str) -> FieldState:
    """Text counts as a value, and so does a list of text where the schema expects a list."""
    if field not in data:
        return FieldState.MISSING
    value = data[field]
    if value is None or value == [] or (isinstance(value, str) and not value.strip()):
        return FieldState.EMPTY
    if isinstance(value, str) or (_expects_list(kind, field) and isinstance(value, list) and all(isinstance(i, str) for i in value)):
        return FieldState.PRESENT
    return FieldState.NOT_TEXT


@functools.cache
def _expects_list(kind: str, field: str) -> bool:
    return property_schema(load_schema(kind), (field,)).get("type") == "array"


def texts(value: object) -> list[str]:
    """The text of a field's value: itself, or its items when it is a list."""
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def field_purpose(kind: str, field: str) -> str:
    """What a field is for, from the schema's description, to tell users what to write."""
    return purpose(property_schema(load_schema(kind), (field,))) or f"a value for `{field}`"


def misspelling_of(item: Process | Sop, field: str) -> str | None:
    """A key in the file that is not a known one but looks like `field` (`Tool`, `tol`)."""
    data = item.document.data
    assert isinstance(data, dict)
    known = load_schema(item.KIND)["properties"]
    unknown = [key for key in data if key not in known and not key.startswith("x-")]
    return next((key for key in unknown if closest(key, [field]) == field), None)


def _renamed(item: Process | Sop, typo: str, field: str) -> Fix | None:
    """The rename, when `field` is the only known key the typo is near (a fix must not
    choose between `tone` and `tool`)."""
    data = item.document.data
    assert isinstance(data, dict)
    edit = key_edit(item.document, (typo,), field)
    if edit is None or not only_near(typo, load_schema(item.KIND)["properties"]):
        return None
    return Fix(f"rename `{typo}` to `{field}`", Safety.SAFE, (edit,), (((field,), data[typo]),), ((typo,),))


def not_applicable(data: dict[str, object]) -> frozenset[str]:
    """The fields an SOP lists under `not_applicable` (see `support.placeholders`)."""
    listed = data.get("not_applicable")
    return frozenset(field for field in listed if isinstance(field, str)) if isinstance(listed, list) else frozenset()


def not_applicable_advice(field: str) -> str:
    return f"if `{field}` does not apply to this SOP, write `not_applicable: [{field}]` instead of the field"


def field_problem(item: Process | Sop, field: str, placeholders: tuple[str, ...] = ()) -> Problem | None:
    """A problem when `field` lacks a real value; `placeholders` count as missing when given."""
    document = item.document
    data = document.data
    assert isinstance(data, dict)
    state = field_state(item.KIND, data, field)
    if state is FieldState.PRESENT and not placeholders:
        return None
    about = field_purpose(item.KIND, field)
    if state is FieldState.MISSING:
        typo = misspelling_of(item, field)
        if typo is not None:
            message = f"{item.label} has no `{field}`: rename `{typo}:` to `{field}:`"
            return Problem(item.path, document.position((typo,), key=True), message, field, _renamed(item, typo, field))
        return Problem(item.path, document.position(()), f"{item.label} has no `{field}`: add `{field}:` ({about})", field)
    if state is FieldState.EMPTY:
        message = f"{item.label} has an empty `{field}`: write {about}"
        return Problem(item.path, document.position((field,), key=True), message, field)
    if state is FieldState.NOT_TEXT:
        kind_of_value = "a list of text" if _expects_list(item.KIND, field) else "text"
        message = f"`{field}` of {item.label} should be {kind_of_value}: write {about}"
        return Problem(item.path, document.position((field,)), message, field)
    for text in texts(data[field]) if placeholders else []:
        placeholder = find_placeholder(text, placeholders)
        if placeholder is not None:
            message = f"{item.label} has a placeholder `{field}` (`{placeholder}`): write {about}"
            return Problem(item.path, document.position((field,)), message, field)
    return None
