"""The bundled JSON Schemas and validation against them: the only module that uses
jsonschema, and jsonschema-rs, which screens documents (see `validate`).

Validators are built once per schema (building one checks the schema itself, which costs
far more than validating a document). Errors come back as `Violation`s with a message in
plain words, built from the keyword and the property's own `title` and `description`, so
the schema file stays the single place that explains a field."""

from __future__ import annotations

import copy
import functools
import json
import pkgutil
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

from sop_lint.schema_advice import TYPE_WORDS, form_advice, form_replacement, looks_like_id, one_line_step, plain_or_quoted, type_words
from sop_lint.suggestions import closest, only_near

JsonPath = tuple[str | int, ...]


class Violation(NamedTuple):
    """One schema error. `path` is the offending node; for a missing or unknown key it is the
    key itself, so positions and dedicated rules can refer to it directly."""

    path: JsonPath
    keyword: str
    message: str
    at_key: bool = False
    suggestion: str | None = None
    # What may be written in the node's place with certainty (a fix): the one known key an
    # unknown key nearly is, or a date or duration in the schema's form.
    replacement: str | None = None


SCHEMA_NAMES = ("process", "sop", "config", "inventory")


def schema_text(name: str) -> str:
    """Through the package's loader: `pkgutil`, as `importlib.resources` costs the hook 5 ms to import."""
    return (pkgutil.get_data("sop_lint", f"schemas/{name}.schema.json") or b"").decode("utf-8")


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema


@functools.cache
def validator_for(name: str, required_fields: tuple[str, ...] | None = None) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker  # only when something needs validating

    return Draft202012Validator(schema_for(name, required_fields), format_checker=FormatChecker())


@functools.cache
def schema_for(name: str, required_fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    """A bundled schema, its local references inlined. For SOPs, `required_fields` replaces the default
    content fields (tool, account, format, tone) with those the configuration requires, and allows them."""
    schema = load_schema(name)
    if name == "sop" and required_fields is not None:
        schema = copy.deepcopy(schema)
        defaults = load_schema("config")["properties"]["required-fields"]["default"]
        schema["required"] = [key for key in schema["required"] if key not in defaults] + list(required_fields)
        for field in required_fields:
            schema["properties"].setdefault(
                field,
                {"title": field, "description": f"`{field}`, required by this repository's configuration.", "type": "string"},
            )
    return dict(_inline_references(schema, schema))


def _inline_references(root: dict[str, Any], node: Any) -> Any:
    """The schema with every local `$ref` replaced by its target: resolving references
    through the registry took a quarter of all validation time."""
    if isinstance(node, list):
        return [_inline_references(root, item) for item in node]
    if not isinstance(node, dict):
        return node
    inlined = {key: _inline_references(root, value) for key, value in node.items() if key != "$defs"}
    reference = inlined.pop("$ref", None)
    if isinstance(reference, str) and reference.startswith("#/"):
        return {**_inline_references(root, _resolve(root, {"$ref": reference})), **inlined}
    if reference is not None:
        inlined["$ref"] = reference
    return inlined


def validate(kind: str, instance: object, required_fields: tuple[str, ...]) -> list[Violation]:
    """Every schema problem of a process or SOP, under this repository's required fields.
    jsonschema-rs tells the valid majority at a fiftieth of the cost; jsonschema explains the rest."""
    required = required_fields if kind == "sop" else None
    valid = _valid(kind, required, instance)
    return _one_line_steps(instance, []) if valid else violations(validator_for(kind, required), instance)


def _valid(kind: str, required_fields: tuple[str, ...] | None, instance: object) -> bool:
    """Whether jsonschema-rs finds `instance` valid; then jsonschema does (where patterns
    differ, as on `$` before a final line break, Rust is the stricter). False when it is
    not installed or cannot read the value (a lone surrogate)."""
    try:
        return bool((is_valid := _fast_validator(kind, required_fields)) and is_valid(instance))
    except (ValueError, TypeError, OverflowError):
        return False


@functools.cache
def _fast_validator(name: str, required_fields: tuple[str, ...] | None) -> Callable[[object], bool] | None:
    try:
        import jsonschema_rs
    except ImportError:
        return None
    from sop_lint.schema_advice import is_schema_date

    formats = {"date": is_schema_date}  # the schemas' one format, checked as jsonschema does: Rust's takes year 0
    return jsonschema_rs.Draft202012Validator(schema_for(name, required_fields), validate_formats=True, formats=formats).is_valid



def violations(validator: Draft202012Validator, instance: object) -> list[Violation]:
    """Every problem with `instance`, in a stable order, one violation per node and concern."""
    from jsonschema.exceptions import best_match, relevance

    by_path: dict[JsonPath, list[ValidationError]] = {}
    for error in validator.iter_errors(instance):
        by_path.setdefault(tuple(error.absolute_path), []).append(error)
    schema = validator.schema
    result: list[Violation] = []
    for path in sorted(by_path, key=lambda p: [str(part) for part in p]):
        rest: list[ValidationError] = []
        missing_reported = False
        for error in sorted(by_path[path], key=relevance):
            if error.validator == "required":
                # jsonschema raises one error per missing key; each lists them all.
                if not missing_reported:
                    result.extend(_missing_keys(schema, path, error))
                    missing_reported = True
            elif error.validator == "additionalProperties":
                result.extend(_unknown_keys(path, error))
            else:
                rest.append(error)
        if rest:
            chosen = best_match(rest)
            assert chosen is not None
            value = chosen.instance
            replacement = form_replacement(str(chosen.validator), chosen.validator_value, value) if isinstance(value, str) else None
            result.append(Violation(tuple(chosen.absolute_path), str(chosen.validator), _message(schema, chosen), replacement=replacement))
    return _one_line_steps(instance, _without_missing_keys_that_are_misspelt(result))


def _one_line_steps(instance: object, found: list[Violation]) -> list[Violation]:
    """One finding for a step written on one line, not three (no `name`, no `sop`, an
    unknown key): the same mistake, with the fix."""
    steps = instance.get("steps") if isinstance(instance, dict) else None
    for index, step in enumerate(steps if isinstance(steps, list) else []):
        written = one_line_step(step)
        if written is None:
            continue
        name, identifier = written
        where = ("steps", index)
        found = [v for v in found if v.path[:2] != where]
        message = (
            f"{label(where)} is written `{name}: {identifier}` on one line: write it as `- name: {plain_or_quoted(name)}` "
            f"with `sop: {identifier}` on the next line"
        )
        found.append(Violation((*where, name), "additionalProperties", message, at_key=True))
    return found


def _without_missing_keys_that_are_misspelt(found: list[Violation]) -> list[Violation]:
    """`titel:` is one mistake: report the unknown key with its suggestion, not also `title` missing."""
    misspelt = {(*v.path[:-1], v.suggestion) for v in found if v.keyword == "additionalProperties" and v.suggestion}
    return [v for v in found if not (v.keyword == "required" and v.path in misspelt)]


def _missing_keys(schema: dict[str, Any], path: JsonPath, error: ValidationError) -> list[Violation]:
    present = error.instance if isinstance(error.instance, dict) else {}
    found = []
    for key in error.validator_value:
        if key in present:
            continue
        where = "" if not path else f" in {label(path)}"
        about = purpose(property_schema(schema, (*path, key)))
        message = f"`{key}` is missing{where}: add `{key}:`"
        if about:
            message += f" ({about})"
        found.append(Violation((*path, key), "required", message))
    return found


def _unknown_keys(path: JsonPath, error: ValidationError) -> list[Violation]:
    known = sorted(error.schema.get("properties", {}))
    found = []
    for key in error.instance:
        if key in known or str(key).startswith("x-"):
            continue
        where = "" if not path else f" in {label(path)}"
        message = f"unknown key `{key}`{where}"
        suggestion = closest(str(key), known)
        if suggestion:
            message += f": did you mean `{suggestion}`?"
        else:
            message += f"; allowed keys are {', '.join(f'`{k}`' for k in known)} (your own keys must start with `x-`)"
        sole = suggestion if suggestion and suggestion not in error.instance and only_near(str(key), known) else None
        found.append(Violation((*path, key), "additionalProperties", message, at_key=True, suggestion=suggestion, replacement=sole))
    return found


def _message(schema: dict[str, Any], error: ValidationError) -> str:
    path = tuple(error.absolute_path)
    what = label(path)
    keyword = error.validator
    value = error.instance
    about = purpose(property_schema(schema, path))
    if keyword == "type":
        if value is None:  # `owner:` with nothing after it: a field to fill in, not a type to learn
            return f"{what} is empty: write {about or 'a value'}"
        expected = error.validator_value
        expected_words = " or ".join(TYPE_WORDS[t] for t in ([expected] if isinstance(expected, str) else expected))
        message = f"{what} should be {expected_words}, not {type_words(value)}"
        if expected == "string" and isinstance(value, dict) and len(value) == 1:
            return f"{message}: text that contains `: ` must be quoted, like \"Step 1: open the tool\""
        required = _resolve(schema, error.schema).get("required", [])
        if expected == "object" and isinstance(value, str) and required:
            if path[:1] == ("steps",) and looks_like_id(value):  # an SOP's id, most likely
                return f"{message}: write it as `name:` (what the step does) and `sop: {value}` on the next line"
            return f"{message}: write it as `{required[0]}: {value}` and the other keys it needs"
        return f"{message} ({about})" if about else message
    if keyword == "minLength":
        return f"{what} is empty: write a value"
    if keyword == "minItems":
        return f"{what} is an empty list"
    if keyword == "maxLength":
        return f"{what} is longer than {error.validator_value} characters"
    if keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        return f"{what} is out of range: {error.message}"
    if keyword == "const":
        return f"{what} must be `{error.validator_value}`"
    if keyword == "enum":
        return f"{what} must be one of {', '.join(f'`{v}`' for v in error.validator_value)}, not `{value}`"
    if keyword in ("pattern", "format"):
        advice = form_advice(str(error.validator), error.validator_value, value) if isinstance(value, str) else None
        if advice is not None:
            return f"{what} is `{value}`: {advice}"
        message = f"{what} has a value that is not in the expected form: `{value}`"
        return f"{message} ({about})" if about else message
    if keyword == "propertyNames":
        return f"{what} has a key that is not allowed: {error.message}"
    return f"{what}: {error.message}"


def label(path: JsonPath) -> str:
    """Names a node the way a reader of the file would: `owner`, step 2, `sop` of step 2."""
    if not path:
        return "the file"
    if len(path) == 1:
        return f"`{path[0]}`"
    parent, last = path[:-1], path[-1]
    if isinstance(last, int):
        if parent == ("steps",):
            return f"step {last + 1}"
        return f"item {last + 1} of {label(parent)}"
    return f"`{last}` of {label(parent)}"


def property_schema(schema: dict[str, Any], path: JsonPath) -> dict[str, Any]:
    """The subschema that describes the node at `path`, following local `$ref`s."""
    node = _resolve(schema, schema)
    for part in path:
        if isinstance(part, int):
            node = _resolve(schema, node.get("items", {}))
        else:
            properties = node.get("properties", {})
            if part not in properties:
                return {}
            node = _resolve(schema, properties[part])
    return node


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    reference = node.get("$ref") if isinstance(node, dict) else None
    if not reference or not reference.startswith("#/"):
        return node if isinstance(node, dict) else {}
    target: Any = functools.reduce(lambda node, part: node[part], reference[2:].split("/"), root)
    merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return _resolve(root, merged)


def purpose(property_schema: dict[str, Any]) -> str:
    """The first sentence of a property's description, to quote inside a message."""
    first_sentence = str(property_schema.get("description", "")).split(". ")[0].rstrip(".")
    return first_sentence[:1].lower() + first_sentence[1:]
