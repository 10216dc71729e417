"""Rename from the editor: the same change as `sop-lint rename` (the id, every step that
names it, the file when it is named after the id), as one workspace edit the editor
applies and can undo. A rename that `sop-lint rename` refuses is refused with its words.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from sop_lint.commands.rename import plan_rename
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.sources import work_tree
from sop_lint.errors import SopLintError
from sop_lint.json_schema import JsonPath
from sop_lint.kinds import Kind
from sop_lint.lsp.navigation import step_target
from sop_lint.lsp.workspace import Root
from sop_lint.reading.edits import editable
from sop_lint.reading.lines import split_lines


def renamed_id(kind: Kind | None, path: JsonPath) -> Kind | None:
    """The kind of id the cursor is on: the file's own `id:`, or a step's target."""
    if path == ("id",):
        return kind
    return step_target(path)


def rename_edit(root: Root, kind: Kind, old: str, new: str, unsaved: dict[str, str]) -> types.WorkspaceEdit:
    """The workspace edit, or a `SopLintError` saying why not. The plan is made from the
    files on disk: a file it edits that has unsaved changes is refused (save it first)."""
    plan = plan_rename(work_tree(root.path), root.config, old, new, kind, RunOptions.for_root(root.path))
    changes: list[types.TextDocumentEdit | types.CreateFile | types.RenameFile | types.DeleteFile] = []
    for path in sorted(plan.after):
        before, after = editable(plan.before[path]), editable(plan.after[path])
        assert before is not None and after is not None  # the plan decoded both
        if path in unsaved and unsaved[path] != before.text:
            raise SopLintError(f"{path} has unsaved changes: save it, then rename")
        lines = split_lines(before.text)
        whole = types.Range(types.Position(0, 0), types.Position(len(lines), 0))
        uri = (root.path / path).as_uri()
        identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None)
        changes.append(types.TextDocumentEdit(text_document=identifier, edits=[types.TextEdit(whole, after.text)]))
    if plan.move is not None:
        old_path, new_path = (root.path / path for path in plan.move)
        changes.append(types.RenameFile(old_uri=old_path.as_uri(), new_uri=Path(new_path).as_uri()))
    return types.WorkspaceEdit(document_changes=changes)
