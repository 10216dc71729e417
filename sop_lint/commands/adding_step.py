"""A step added to a process file by inserting its lines, every other byte kept.

The lines go where the steps are written: before the step it is to precede (above any
comment that introduces that step), or after the last one (above blank lines and
comments that end the list). They copy the indentation of the step beside them and the
file's line ends. Where the process numbers its steps (`1. Draft copy`, or `order:` on
every step), the new step gets its number and the later ones are renumbered by P004's
own fix. The file is then parsed again and kept only if it holds exactly the old data
with the step inserted (and the numbers moved): the guard `check --fix` passes.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from sop_lint.commands.templates import yaml_scalar
from sop_lint.errors import SopLintError
from sop_lint.findings import Edit, Position
from sop_lint.kinds import Kind
from sop_lint.model.repository import Process, item_of
from sop_lint.model.summary import STEP_NUMBER, summarize
from sop_lint.reading.documents import Document, Syntax
from sop_lint.reading.edit_guard import intended_data, parses_to
from sop_lint.reading.edits import apply_edits, editable
from sop_lint.reading.lines import split_lines
from sop_lint.reading.loader import parse_document
from sop_lint.rules.step_order import renumbering
from sop_lint.suggestions import closest

_DASH = re.compile(r"^( *)- +$")
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class AddedStep:
    """The process file's new bytes, and the step as it now stands (1-based `number`)."""

    content: bytes
    name: str
    number: int


def add_step(raw: bytes, document: Document, step: tuple[str, str, str], *, after: str | None, first: bool) -> AddedStep:
    """`step` is (name, `sop` or `process`, id); it goes after the step named `after`, first,
    or last. Raises with one line, writing nothing, when it cannot be added safely."""
    process = _process(document)
    text = editable(raw)
    assert text is not None  # the document was parsed from it
    steps = document.get("steps")
    if not isinstance(document.data, dict) or "steps" not in document.data:
        raise SopLintError(f"{document.path} has no `steps:` list: add `steps:` and the step by hand; nothing was written")
    if steps is not None and (not isinstance(steps, list) or not steps):
        raise SopLintError(f"{document.path}: `steps` is not a list of steps: add the step by hand; nothing was written")
    entries: list[object] = steps or []
    index = 0 if first else len(entries) if after is None else _index_after(process, after)
    name, key, identifier = step
    same = next((s.name for s in process.steps if s.name and _compared(s.name) == _compared(name)), None)
    if same is not None:  # P005 would warn of the pair
        raise SopLintError(f"{process.label} already has a step named `{same}`: give the new step its own name with --step; nothing was written")
    numbered = bool(process.steps) and all(s.number is not None for s in process.steps) and len(process.steps) == len(entries)
    if numbered and not STEP_NUMBER.match(name):
        neighbour = process.steps[max(index - 1, 0)].name or ""
        prefix = STEP_NUMBER.match(neighbour)
        assert prefix is not None
        name = neighbour[: prefix.start(1)] + str(index + 1) + neighbour[prefix.end(1) : prefix.end()] + name
    ordered = bool(entries) and all(isinstance(e, dict) and type(e.get("order")) is int for e in entries)
    new = {"name": name, key: identifier, **({"order": index + 1} if ordered else {})}
    intended = copy.deepcopy(document.data)
    assert isinstance(intended, dict)
    intended["steps"] = [*entries[:index], new, *entries[index:]]
    for insertion in _insertions(document, text.text, entries, index, new):
        edited = _checked(document, text.text, insertion, intended)
        if edited is not None:
            return AddedStep(text.encode(edited), name, index + 1)
    raise SopLintError(
        f"{document.path}: cannot add the step without changing more than its own lines: "
        f"add `- name: {name}` with `{key}: {identifier}` by hand; nothing was written"
    )


def _checked(document: Document, text: str, insertion: Edit, intended: object) -> str | None:
    """The text with the step inserted and the steps renumbered, if it then holds exactly
    `intended` with the renumbering made."""
    inserted = apply_edits(text, [insertion])
    assert inserted is not None  # an insertion replaces nothing
    after = parse_document(document.path, inserted.encode("utf-8"))
    process = item_of(after, summarize(after, Kind.PROCESS))
    if after.problems or not isinstance(process, Process):
        return None
    fixes = [fix for key in ("name", "order") if (fix := renumbering(process, key)) is not None]
    edited = apply_edits(inserted, [edit for fix in fixes for edit in fix.edits])
    return edited if edited is not None and parses_to(document.path, edited, intended_data(intended, fixes)) else None


def _process(document: Document) -> Process:
    item = item_of(document, summarize(document, Kind.PROCESS))
    if not isinstance(item, Process) or document.problems:
        raise SopLintError(f"{document.path} cannot be read as a process: fix what `sop-lint check` reports there first; nothing was written")
    return item


def _index_after(process: Process, wanted: str) -> int:
    """The place after the step named `wanted`, with or without its number (`2. Schedule
    post` or `Schedule post`)."""
    names: dict[str, int] = {}
    bare: dict[str, int] = {}
    for step in process.steps:  # of two steps of one name, the first
        if step.name:
            names.setdefault(step.name, step.index)
            bare.setdefault(_unnumbered(step.name), step.index)
    found = names.get(wanted.strip(), bare.get(_unnumbered(wanted)))
    if found is None:
        suggestion = closest(wanted, names) or closest(_unnumbered(wanted), bare)
        hint = f" (did you mean `{suggestion}`?)" if suggestion else f"; its steps are {', '.join(f'`{n}`' for n in names)}"
        raise SopLintError(f"{process.label} has no step named `{wanted}`{hint}: nothing was written")
    return found + 1


def _unnumbered(name: str) -> str:
    match = STEP_NUMBER.match(name)
    return name[match.end() :].strip() if match else name.strip()


def _compared(name: str) -> str:
    """A step's name as P005 compares it: without its number, case or extra spaces."""
    return " ".join(_unnumbered(name).casefold().split())


def _insertions(document: Document, text: str, entries: list[object], index: int, new: dict[str, object]) -> list[Edit]:
    """The new step's lines, inserted at the start of a line between the steps: above the
    comments and blank lines before that line, else (they are part of a `|+` block of
    text, say) right at it."""
    lines = split_lines(text)
    newline = _LINE_END.search(text)
    end = newline.group() if newline else "\n"
    steps_line = document.position(("steps",), key=True).line - 1
    if entries:
        neighbour = min(index, len(entries) - 1)
        at = document.position(("steps", neighbour))
        dash = _DASH.match(lines[at.line - 1][: at.column - 1])
        if dash is None:
            raise SopLintError(f"{document.path}: the steps are not written one `- name:` per line: add the step by hand; nothing was written")
        indent, key_indent = len(dash.group(1)), at.column - 1
    else:
        indent, key_indent = 2, 4
    if index < len(entries):
        boundary = document.position(("steps", index)).line - 1
        floor = document.position(("steps", index - 1)).line - 1 if index else steps_line
    else:
        later = [p.line - 1 for path, p in document.key_positions.items() if len(path) == 1 and p.line - 1 > steps_line]
        if document.syntax is Syntax.MARKDOWN:
            later.append(document.body_line - 2)  # the front matter's closing `---`
        boundary = min(later, default=len(lines) - 1 if text.endswith(("\n", "\r")) else len(lines))
        floor = document.position(("steps", index - 1)).line - 1 if index else steps_line
    above = boundary
    while above - 1 > floor and _between_steps(lines[above - 1], indent):
        above -= 1
    body = "".join(
        f"{' ' * (indent if number == 0 else key_indent)}{'- ' if number == 0 else ''}{key}: {_written(value)}{end}"
        for number, (key, value) in enumerate(new.items())
    )
    last = end + body.removesuffix(end)  # after a last line that has no line end
    return [Edit(Position(line + 1, 1), "", last if line >= len(lines) else body) for line in dict.fromkeys((above, boundary))]


def _between_steps(line: str, indent: int) -> bool:
    """A blank line, or a comment no deeper than the steps' dashes (deeper, it may be a
    line of a block of text)."""
    stripped = line.lstrip(" ")
    return not stripped.strip() or (stripped.startswith("#") and len(line) - len(stripped) <= indent)


def _written(value: object) -> str:
    return str(value) if isinstance(value, int) else yaml_scalar(str(value))
