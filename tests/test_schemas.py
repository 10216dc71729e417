"""The bundled schemas: valid draft 2020-12, documented, shipped once, usable by other validators."""

import json
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from sop_lint.json_schema import SCHEMA_NAMES
from tests.conftest import REPO_ROOT, SAMPLE_REPO


def schema(name: str) -> dict:
    return json.loads((REPO_ROOT / "schemas" / f"{name}.schema.json").read_text())


def properties(node: dict, path: str = ""):
    """Every (path, property schema) pair, in `properties` and `$defs` alike."""
    for key, value in node.get("properties", {}).items():
        yield f"{path}/{key}", value
        yield from properties(value, f"{path}/{key}")
    for key, value in node.get("$defs", {}).items():
        yield from properties(value, f"{path}/$defs/{key}")


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12_with_a_stable_id(name):
    document = schema(name)
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"] == f"https://sop-lint.dev/schemas/v1/{name}.schema.json"


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_every_property_has_a_title_and_description(name):
    for path, value in properties(schema(name)):
        assert value.get("description"), f"{name}{path} has no description"
        assert value.get("title"), f"{name}{path} has no title"


def test_the_package_ships_the_one_copy_in_schemas():
    packaged = resources.files("sop_lint") / "schemas"
    for name in SCHEMA_NAMES:
        assert (packaged / f"{name}.schema.json").read_text() == (REPO_ROOT / "schemas" / f"{name}.schema.json").read_text()
    assert (REPO_ROOT / "sop_lint" / "schemas").is_symlink()


@pytest.mark.parametrize(
    ("name", "document", "valid"),
    [
        ("sop", {"kind": "sop", "id": "a", "title": "A", "tool": "t", "account": "a", "format": "f", "tone": "t", "x-own": 1}, True),
        ("sop", {"kind": "sop", "id": "a", "title": "A", "tool": "t", "account": "a", "format": "f", "tone": "t", "tol": 1}, False),
        ("sop", {"kind": "sop", "id": "../etc/passwd", "title": "A", "tool": "t", "account": "a", "format": "f", "tone": "t"}, False),
        ("process", {"kind": "process", "id": "p", "title": "P", "trigger": "t", "outcome": "o", "steps": [{"name": "s", "sop": "a"}]}, True),
        ("process", {"kind": "process", "id": "p", "title": "P", "trigger": "t", "outcome": "o", "steps": [{"name": "s"}]}, False),
        ("process", {"kind": "process", "id": "p", "title": "P", "trigger": "t", "outcome": "o", "steps": [{"name": "s", "sop": "a", "process": "b"}]}, False),
        ("config", {"ignore": ["R004"], "per-file-ignores": {"sops/legacy/**": ["C"]}, "severity": {"R003": "error"}}, True),
        ("config", {"ignor": ["R004"]}, False),
        ("config", {"inventory": {"tools": [{"name": "Buffer", "aliases": ["buffer.com"], "x-cost": 12}]}}, True),
        ("config", {"inventory": {"tools": [{"nam": "Buffer"}]}}, False),
        ("inventory", {"accounts": [{"name": "@acme", "tool": "Buffer"}], "owners": [{"name": "@ops", "contact": "#ops"}]}, True),
        ("inventory", {"owners": [{"name": " "}]}, False),
    ],
)
def test_schemas_work_as_they_are_in_any_validator(name, document, valid):
    assert Draft202012Validator(schema(name)).is_valid(document) is valid


def test_sample_repo_config_is_valid():
    from sop_lint.config.loading import load_config

    assert load_config(SAMPLE_REPO).source.endswith("sop-lint.yaml")
