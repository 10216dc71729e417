"""Completion while typing: the ids a `sop:` or `process:` may name (with their titles),
the keys the schema allows where the cursor is, `kind`'s two values, and the tools and
owners the repository already uses (so `Xero` is not also written `xero`).

The place is read from the line being typed and the lines above it, not from a parse:
a file being typed rarely parses.
"""

from __future__ import annotations

import re

from lsprotocol import types

from sop_lint.config.settings import Config
from sop_lint.json_schema import load_schema, property_schema
from sop_lint.kinds import Kind
from sop_lint.model.repository import Process, Repository, Sop

_VALUE = re.compile(r"^\s*(?:-\s+)?(sop|process|kind|tool|owner):[ \t]*['\"]?[^'\"]*$")
_KEY = re.compile(r"^(\s*)(-\s+)?(?:\w[\w-]*)?$")  # not `---`, nor a `-` before its space


def completions(
    kind: Kind, line: str, above: list[str], repository: Repository | None, config: Config, *, markdown: bool = False
) -> list[types.CompletionItem]:
    """`line`: the current line up to the cursor; `above`: the lines before it, nearest last.
    In a Markdown SOP only its front matter is completed: the body is prose."""
    if markdown and not _in_front_matter(above):
        return []
    if value := _VALUE.match(line):
        return _values(value[1], repository)
    if key := _KEY.match(line):
        indent = len(key[1]) + len(key[2] or "")
        return _keys(kind, _in_steps(indent, above), config)
    return []


def _values(key: str, repository: Repository | None) -> list[types.CompletionItem]:
    if key == "kind":
        return [types.CompletionItem(label=kind.value, kind=types.CompletionItemKind.EnumMember) for kind in Kind]
    if repository is None:
        return []
    if key in ("sop", "process"):
        items: list[Process | Sop] = [found[0] for found in repository.ids_of(Kind(key)).values()]
        return [
            types.CompletionItem(label=item.id or "", kind=types.CompletionItemKind.Reference, detail=item.title or None)
            for item in sorted(items, key=lambda item: item.id or "")
        ]
    used = {sop.tool_use.tool for sop in repository.sops if sop.tool_use} if key == "tool" else {sop.review.owner for sop in repository.sops}
    return [types.CompletionItem(label=value, kind=types.CompletionItemKind.Value) for value in sorted(filter(None, used))]


def _in_front_matter(above: list[str]) -> bool:
    """Whether a line below `above` is between the opening `---` and the closing one."""
    return bool(above) and above[0].lstrip("\ufeff").rstrip() == "---" and not any(line.rstrip() in ("---", "...") for line in above[1:])


def _in_steps(indent: int, above: list[str]) -> bool:
    """Whether a key typed at `indent` belongs to a step: the nearest line above that is
    less indented is `steps:` or one of its `- ` items."""
    if indent == 0:
        return False
    for line in reversed(above):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if len(line) - len(stripped) < indent or (stripped.startswith("- ") and len(line) - len(stripped) + 2 <= indent):
            return stripped.startswith(("steps:", "- "))
    return False


def _keys(kind: Kind, in_steps: bool, config: Config) -> list[types.CompletionItem]:
    schema = load_schema(kind.value)
    where = property_schema(schema, ("steps", 0)) if in_steps else schema
    keys = dict(where.get("properties", {}))
    if kind is Kind.SOP and not in_steps:
        keys.update({field: {"description": "Required by this repository's configuration."} for field in config.required_fields if field not in keys})
    return [
        types.CompletionItem(
            label=key, kind=types.CompletionItemKind.Property, insert_text=f"{key}: ",
            documentation=str(property_schema(schema, ("steps", 0, key) if in_steps else (key,)).get("description", "")) or None,
        )
        for key in sorted(keys)
    ]
