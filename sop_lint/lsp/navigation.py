"""What is under the cursor, and where it leads: a step's `sop:` or `process:` goes to
that file (definition) and says what it is (hover); an `id:` finds every step using it
(references); a key says what the schema says of it; a rule code in a suppression
comment says what the rule checks. Also the outline of a process or an SOP (document symbols).

The open document is parsed with its positions, as typed; the other files come from
the root's model, as the last run saw them.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from lsprotocol import types

from sop_lint.json_schema import JsonPath, load_schema, property_schema
from sop_lint.kinds import Kind
from sop_lint.lsp.diagnostics import utf16_column
from sop_lint.model.repository import Process, Repository, Sop
from sop_lint.reading.documents import Document
from sop_lint.reading.instructions import read_instructions
from sop_lint.reading.json_values import node_at
from sop_lint.reading.lines import split_lines
from sop_lint.reading.passage_kinds import PassageKind
from sop_lint.rules.registry import RULES

_TARGETS = {"sop": Kind.SOP, "process": Kind.PROCESS}
_HEADING = re.compile(r"\s{0,3}(#{1,6})\s(.*)")
_SUPPRESSION = re.compile(r"sop-lint:\s*disable(?:-file)?=([A-Za-z0-9, ]+)")


def step_target(path: JsonPath) -> Kind | None:
    """The kind a step's `sop:` or `process:` at `path` names; None for any other node."""
    return _TARGETS.get(str(path[-1])) if path[:1] == ("steps",) and len(path) == 3 else None


def node_under(document: Document, lines: list[str], position: types.Position) -> tuple[JsonPath, bool] | None:
    """The path of the value (False) or key (True) the cursor is on, if any."""
    line = lines[position.line] if position.line < len(lines) else ""
    for key, table in ((False, document.value_positions), (True, document.key_positions)):
        for path, at in table.items():
            written = str(path[-1]) if key and path else node_at(document.data, path)
            if at.line - 1 != position.line or not isinstance(written, str):
                continue
            start = utf16_column(line, at.column - 1)
            quoted = line[at.column - 1 : at.column] in ("'", '"')
            if start <= position.character <= start + utf16_column(written, len(written)) + 2 * quoted:
                return path, key
    return None


def definition(root: Path, repository: Repository, document: Document, path: JsonPath) -> list[types.Location]:
    """A step's target: the file of the SOP or process it names, at its `id:`."""
    kind = step_target(path)
    wanted = node_at(document.data, path)
    if kind is None or not isinstance(wanted, str):
        return []
    items: list[Process] | list[Sop] = repository.ids_of(kind).get(wanted, [])
    return [_location(root, item.document, item.path, ("id",)) for item in items]


def references(root: Path, repository: Repository, document: Document, path: JsonPath, kind: Kind | None) -> list[types.Location]:
    """Every step that uses the id under the cursor (`id:` of an SOP or process)."""
    identifier = node_at(document.data, path)
    if path != ("id",) or kind is None or not isinstance(identifier, str):
        return []
    return [
        _location(root, use.process.document, use.process.path, ("steps", use.step.index, kind.value))
        for use in repository.uses_of(kind).get(identifier, [])
    ]


def declaration(uri: str, document: Document, lines: list[str]) -> types.Location:
    """The open file's own `id:` value, as the editor shows it (for "all references")."""
    return types.Location(uri=uri, range=_point(lines, document, ("id",)))


def hover(repository: Repository | None, document: Document, kind: Kind | None, path: JsonPath, key: bool) -> str | None:
    """Markdown for the hover: a step's target, or the schema's word on a key."""
    if key and kind is not None:
        described = property_schema(load_schema(kind.value), path).get("description")
        return f"**{path[-1]}**: {described}" if described else None
    target = step_target(path)
    wanted = node_at(document.data, path)
    if target is None or repository is None or not isinstance(wanted, str):
        return None
    found = repository.ids_of(target).get(wanted)
    if not found:
        return f"No {target.noun} has the id `{wanted}`."
    item = found[0]
    lines = [f"**{item.title or wanted}** ({target.noun} `{wanted}`, `{item.path}`)"]
    if isinstance(item, Sop):
        owner, review_every, last_reviewed = item.review
        lines += [f"- tool: {item.tool_use.tool}" if item.tool_use else "", f"- owner: {owner}" if owner else ""]
        lines += [f"- last reviewed: {last_reviewed}" if last_reviewed else "", f"- review every: {review_every}" if review_every else ""]
    return "\n".join(line for line in lines if line)


def rule_under(lines: list[str], position: types.Position) -> str | None:
    """The rule documentation for a code under the cursor in a suppression comment."""
    line = lines[position.line] if position.line < len(lines) else ""
    for match in _SUPPRESSION.finditer(line):
        for code in re.finditer(r"[A-Za-z]+[0-9]*", match[1]):
            start, end = utf16_column(line, match.start(1) + code.start()), utf16_column(line, match.start(1) + code.end())
            rule = RULES.get(code[0].upper())
            if rule is not None and start <= position.character <= end:
                return f"**{rule.CODE} {rule.NAME}**\n\n{(rule.__doc__ or '').strip()}"
    return None


def outline(document: Document, lines: list[str], kind: Kind) -> list[types.DocumentSymbol]:
    """The editor's outline: a process's trigger, steps in order and outcome; an SOP's
    fields, then the headings of its instructions, nested by level."""
    data = document.data if isinstance(document.data, dict) else {}
    if kind is Kind.SOP:
        fields = [_symbol(str(key), types.SymbolKind.Field, document, lines, (key,), _shown(value)) for key, value in data.items()]
        return fields + _headings(document, lines)
    symbols = []
    for key, symbol_kind in (("trigger", types.SymbolKind.Event), ("steps", types.SymbolKind.Array), ("outcome", types.SymbolKind.Event)):
        if key not in data:
            continue
        children = []
        if key == "steps" and isinstance(data[key], list):
            for index, step in enumerate(data[key]):
                name = step.get("name") if isinstance(step, dict) else None
                target = (step.get("sop") or step.get("process")) if isinstance(step, dict) else None
                detail = f"→ {target}" if isinstance(target, str) else None
                children.append(_symbol(f"{index + 1}. {name or 'step'}", types.SymbolKind.Function, document, lines, ("steps", index), detail))
        symbols.append(_symbol(key, symbol_kind, document, lines, (key,), _shown(data[key]), children))
    return symbols


def _shown(value: object) -> str | None:
    """A field's value beside its name in the outline, when it is one short line."""
    return str(value) if isinstance(value, (str, int, float, date)) and not isinstance(value, bool) and "\n" not in str(value) else None


def _headings(document: Document, lines: list[str]) -> list[types.DocumentSymbol]:
    """The Markdown headings of the instructions (`#` to `######`), each under the
    nearest one above it of a higher level."""
    top: list[types.DocumentSymbol] = []
    open_levels: list[tuple[int, types.DocumentSymbol]] = []
    for passage in read_instructions(document).passages:
        if passage.kind is not PassageKind.HEADING:
            continue
        at = passage.position(0)
        line = lines[at.line - 1] if 0 < at.line <= len(lines) else ""
        marks = _HEADING.match(line)
        level = len(marks[1]) if marks else 1
        name = (marks[2] if marks else line).strip().rstrip("#").strip() or "heading"
        span = types.Range(types.Position(at.line - 1, 0), types.Position(at.line - 1, utf16_column(line, len(line))))
        symbol = types.DocumentSymbol(name=name, kind=types.SymbolKind.String, range=span, selection_range=span, children=[])
        while open_levels and open_levels[-1][0] >= level:
            open_levels.pop()
        (open_levels[-1][1].children if open_levels else top).append(symbol)  # type: ignore[union-attr]
        open_levels.append((level, symbol))
    return top


def _symbol(
    name: str, kind: types.SymbolKind, document: Document, lines: list[str], path: JsonPath, detail: str | None,
    children: list[types.DocumentSymbol] | None = None,
) -> types.DocumentSymbol:
    at = document.position(path, key=len(path) == 1)
    line = lines[at.line - 1] if at.line <= len(lines) else ""
    start = types.Position(at.line - 1, utf16_column(line, at.column - 1))
    end = types.Position(at.line - 1, utf16_column(line, len(line)))
    span = types.Range(start, end)
    return types.DocumentSymbol(name=name, kind=kind, range=span, selection_range=span, detail=detail, children=children)


def _location(root: Path, document: Document, path: str, at: JsonPath) -> types.Location:
    try:
        lines = split_lines((root / path).read_text(encoding="utf-8-sig", errors="replace"))
    except OSError:
        lines = []
    return types.Location(uri=(root / path).as_uri(), range=_point(lines, document, at))


def _point(lines: list[str], document: Document, at: JsonPath) -> types.Range:
    """The empty range where the node at `at` starts, its column in UTF-16."""
    where = document.position(at)
    line = lines[where.line - 1] if 0 < where.line <= len(lines) else ""
    start = types.Position(where.line - 1, utf16_column(line, where.column - 1))
    return types.Range(start, start)
