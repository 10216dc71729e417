"""`sop-lint review`: record that SOPs were reviewed, by setting their `last_reviewed`.

The file changes in exactly one line: the `last_reviewed` value is replaced where it
stands (its quotes and trailing comment kept), or one `last_reviewed:` line is added
after `review_every`, `owner` or `id`, in the front matter of a Markdown SOP. The line
is found through the parser's positions; a round-trip dump would re-indent some
constructs and could not promise every other byte stays as it was. The commit that
records the review is then an ordinary commit.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sop_lint.commands.output import Output
from sop_lint.config.loading import load_config
from sop_lint.config.settings import Config
from sop_lint.engine.loading import RunOptions, load_repository
from sop_lint.engine.sources import WorkTree, work_tree
from sop_lint.errors import SopLintError
from sop_lint.findings import visible
from sop_lint.kinds import Kind
from sop_lint.reading.discovery import SourceFile
from sop_lint.reading.documents import Document, LoadProblem, Syntax
from sop_lint.reading.edits import editable, replace_files
from sop_lint.reading.loader import parse_document
from sop_lint.suggestions import closest

_VALUE = re.compile(
    r"^(?P<key>\s*last_reviewed\s*:)[ \t]*(?P<quote>['\"]?)(?P<value>[^'\"#\r\n]*?)(?P=quote)(?P<rest>[ \t]*(?:#.*)?)$"
)
_ANCHORS = ("review_every", "owner", "id")
@dataclass(frozen=True)
class Reviewed:
    """`changed`: whether the file was edited (False when it already said that date)."""

    id: str
    path: str
    changed: bool = True


def run_review(*, root: Path, ids: list[str], day: date, config_file: Path | None) -> Output:
    """Marks each SOP reviewed on `day` and prints the git command that records it. The
    commit is allowed to be empty: with every file already saying that date, the trailer
    alone records the review (a plain `git commit` would find nothing to commit)."""
    reviewed = mark_reviewed(root, load_config(root, config_file), ids, day)
    # Every file, not only those this run edited: a run before may have edited one and left it unstaged.
    files = " ".join(shlex.quote(str(root / item.path)) for item in reviewed)
    trailers = " ".join(f"--trailer {shlex.quote(f'SOP-Reviewed: {item.id}')}" for item in reviewed)
    message = shlex.quote("Review " + ", ".join(item.id for item in reviewed))
    lines = [f"{visible(str(root / item.path))}: last_reviewed: {day.isoformat()}{'' if item.changed else ' (already)'}" for item in reviewed]
    command = visible(f"git add {files} && git commit --allow-empty -m {message} {trailers}")
    return Output("\n".join(lines) + f"\n\nRecord the review with:\n  {command}\n")


def mark_reviewed(root: Path, config: Config, ids: list[str], day: date) -> list[Reviewed]:
    """Sets `last_reviewed: day` in the SOP of each id; nothing is written if any id is unknown.
    The SOPs are found through the model (the cache spares every other file a parse);
    only the files to edit are read and parsed."""
    source = work_tree(root)
    repository = load_repository(source, config, RunOptions.for_root(root)).repository
    sops = {identifier: found[0].path for identifier, found in repository.sop_ids.items()}
    unknown = [identifier for identifier in ids if identifier not in sops]
    if unknown:
        hints = [f"`{u}`" + (f" (did you mean `{c}`?)" if (c := closest(u, sops)) else "") for u in unknown]
        raise SopLintError(f"no SOP with the id {', '.join(hints)}: nothing was changed")
    read = {identifier: document_to_edit(source, sops[identifier], config) for identifier in dict.fromkeys(ids)}
    edits = {identifier: _with_review_date(document, day) for identifier, document in read.items()}
    written: list[str] = []
    for identifier, content in edits.items():
        if content == read[identifier][0]:
            continue
        try:
            replace_files({root / sops[identifier]: content})
        except OSError as error:
            done = f" ({', '.join(written)} already changed)" if written else ""
            raise SopLintError(f"cannot write {sops[identifier]}: {error.strerror or error}{done}") from None
        written.append(sops[identifier])
    return [Reviewed(identifier, sops[identifier], sops[identifier] in written) for identifier in edits]


def document_to_edit(source: WorkTree, path: str, config: Config, kind: Kind = Kind.SOP) -> tuple[bytes, Document]:
    """The file's bytes and its document with every position, parsed afresh to edit it."""
    if source.left_out(path) and source.outside_checkout is not None:
        folder = (source.outside_checkout.repository.prefix + path.rpartition("/")[0]).rstrip("/") or "."
        raise SopLintError(
            f"{path} is outside the sparse checkout, so it cannot be edited: "
            f"add its folder with `git sparse-checkout add {folder}` and run again"
        )
    raw = source.read(SourceFile(path, kind), config)
    if isinstance(raw, LoadProblem):
        raise SopLintError(f"{path}: {raw.message}")
    return raw, parse_document(path, raw)


def _with_review_date(read: tuple[bytes, Document], day: date) -> bytes:
    raw, document = read
    original = editable(raw)
    assert original is not None  # the document was parsed from it: it decodes
    lines = original.text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    value = day.isoformat()
    if "last_reviewed" in (document.data if isinstance(document.data, dict) else {}):
        index = document.position(("last_reviewed",), key=True).line - 1
        content = lines[index].rstrip("\r\n")
        match = _VALUE.match(content)
        if match is None:
            raise SopLintError(f"{document.path}: `last_reviewed` is not a one-line value; set it by hand")
        lines[index] = f"{match['key']} {match['quote']}{value}{match['quote']}{match['rest']}" + lines[index][len(content):]
    else:
        at = _insertion_line(document, len(lines))
        if at > 0 and not lines[at - 1].endswith(("\n", "\r")):
            lines[at - 1] += newline
        lines.insert(at, f"last_reviewed: {value}{newline}")
    edited = "".join(lines)
    _check_edit(document, edited, value)
    return original.encode(edited)


def _check_edit(document: Document, edited: str, value: str) -> None:
    """The edited file must parse to the old data with the new date and nothing else;
    layouts the line edit does not understand (a flow mapping, say) are refused."""
    expected = dict(document.data) if isinstance(document.data, dict) else {}
    expected["last_reviewed"] = value
    after = parse_document(document.path, edited.encode("utf-8"))
    if after.problems or after.data != expected:
        raise SopLintError(
            f"{document.path}: cannot set `last_reviewed` here without changing more than that line; "
            f"add `last_reviewed: {value}` by hand"
        )


def _insertion_line(document: Document, line_count: int) -> int:
    """The index of the line to insert before: right after the first anchor key when its
    value is on the same line (so a suppression comment above another key stays with
    it), else where the next top-level key (or the front matter's end) begins."""
    top_level = sorted(position.line for path, position in document.key_positions.items() if len(path) == 1)
    end = document.body_line - 2 if document.syntax is Syntax.MARKDOWN else line_count
    for anchor in _ANCHORS:
        if (anchor,) in document.key_positions:
            line = document.key_positions[(anchor,)].line
            if document.position((anchor,)).line == line:
                return line
            return next((later - 1 for later in top_level if later > line), end)
    return end
