"""Quick fixes: the fixes `check --fix` makes (safe ones preferred, unsafe ones offered
too: the person sees them before choosing), and comments that switch a finding off for
its line or its file, as `# sop-lint: disable=CODE` would be written by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types

from sop_lint.commands.new import plan_new
from sop_lint.config.settings import Config
from sop_lint.errors import SopLintError
from sop_lint.findings import Finding, Safety
from sop_lint.kinds import Kind
from sop_lint.lsp.diagnostics import utf16_column
from sop_lint.reading.documents import Syntax
from sop_lint.reading.edits import edit_spans
from sop_lint.reading.json_values import node_at
from sop_lint.reading.lines import split_lines
from sop_lint.reading.loader import parse_document


def code_actions(
    root: Path, config: Config, uri: str, path: str, text: str, findings: list[Finding], wanted: Sequence[types.Diagnostic]
) -> list[types.CodeAction]:
    """The actions for the diagnostics the editor asks about (those under the cursor)."""
    actions: list[types.CodeAction] = []
    for diagnostic in wanted:
        finding = next(
            (f for f in findings if f.code == diagnostic.code and f.line - 1 == diagnostic.range.start.line and f.message == diagnostic.message),
            None,
        )
        if finding is None:
            continue
        if finding.fix is not None and (spans := edit_spans(text, finding.fix.edits)) is not None:
            edits = [types.TextEdit(types.Range(_position(text, start), _position(text, end)), new) for start, end, new in spans]
            unsafe = finding.fix.safety is Safety.UNSAFE
            title = f"Fix: {finding.fix.title}" + (" (unsafe: check the result)" if unsafe else "")
            actions.append(_action(title, uri, edits, diagnostic, preferred=not unsafe))
        if finding.code == "R001" and (created := _created(root, config, path, text, finding, diagnostic)) is not None:
            actions.append(created)
        line, file = _disable_comments(path, text, finding)
        actions.append(_action(f"Disable {finding.code} for this line", uri, [line], diagnostic))
        actions.append(_action(f"Disable {finding.code} for this file", uri, [file], diagnostic))
    return actions


def _created(root: Path, config: Config, path: str, text: str, finding: Finding, diagnostic: types.Diagnostic) -> types.CodeAction | None:
    """"Create the missing SOP" (or process), as `sop-lint new` would write it for this
    process: where the repository keeps them, its required fields left for the author."""
    kind_name, _, missing = finding.subject.partition(":")
    document = parse_document(path, text.encode("utf-8"))
    process = document.get("id")
    step = node_at(document.data, ("steps",))
    names = [item.get("name") for item in step if isinstance(item, dict) and item.get(kind_name) == missing] if isinstance(step, list) else []
    title = next((name for name in names if isinstance(name, str)), None)
    try:
        planned = plan_new(
            root, config, Kind(kind_name), missing, title=title, owner=None, process=process if isinstance(process, str) else None, adding=False
        )
    except (SopLintError, ValueError):  # not a valid id, a file in the way, a process not yet saved: nothing to offer
        return None
    new_uri = (root / planned.path).as_uri()
    edit = types.WorkspaceEdit(
        document_changes=[
            types.CreateFile(uri=new_uri, options=types.CreateFileOptions(ignore_if_exists=True)),
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=new_uri, version=None),
                edits=[types.TextEdit(_range_at(0), planned.text)],
            ),
        ]
    )
    return types.CodeAction(
        title=f"Create {Kind(kind_name).noun} `{missing}` in {planned.path}", kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], edit=edit
    )


def _action(title: str, uri: str, edits: list[types.TextEdit], diagnostic: types.Diagnostic, *, preferred: bool = False) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=preferred or None,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


def _disable_comments(path: str, text: str, finding: Finding) -> tuple[types.TextEdit, types.TextEdit]:
    """A comment on the line above the finding's, indented as that line is, and one for
    the whole file: in YAML at its top, in a Markdown SOP just inside its front matter;
    a finding in a Markdown body gets an HTML comment instead."""
    lines = split_lines(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    document = parse_document(path, text.encode("utf-8"))
    index = max(finding.line - 1, 0)
    current = lines[index] if index < len(lines) else ""
    indent = current[: len(current) - len(current.lstrip(" "))]
    markdown = document.syntax is Syntax.MARKDOWN
    in_body = markdown and document.data is not None and finding.line >= document.body_line
    above = f"<!-- sop-lint: disable={finding.code} -->" if in_body else f"{indent}# sop-lint: disable={finding.code}"
    line_edit = types.TextEdit(_range_at(index), above + newline)
    file_line = 1 if markdown and lines and lines[0].lstrip("\ufeff").rstrip() == "---" else 0
    file_edit = types.TextEdit(_range_at(file_line), f"# sop-lint: disable-file={finding.code}{newline}")
    return line_edit, file_edit


def _range_at(line: int) -> types.Range:
    return types.Range(types.Position(line, 0), types.Position(line, 0))


def _position(text: str, offset: int) -> types.Position:
    """An offset in `text` as the protocol's line and UTF-16 column."""
    before = text[:offset]
    line = len(split_lines(before)) - 1
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return types.Position(line, utf16_column(before[start:], offset - start))
