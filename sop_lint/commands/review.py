"""`sop-lint review`: record that SOPs were reviewed, by setting their `last_reviewed`.

The file changes in exactly one line: the `last_reviewed` value is replaced where it
stands (its quotes and trailing comment kept), or one `last_reviewed:` line is added
after `review_every`, `owner` or `id`, in the front matter of a Markdown SOP. The line
is found through the parser's positions; a round-trip dump would re-indent some
constructs and could not promise every other byte stays as it was. The commit that
records the review is then an ordinary commit.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sop_lint.config.settings import Config
from sop_lint.errors import SopLintError
from sop_lint.reading.discovery import discover
from sop_lint.reading.documents import Document, Syntax
from sop_lint.reading.files import read_source
from sop_lint.reading.loader import parse_document
from sop_lint.suggestions import closest

_VALUE = re.compile(
    r"^(?P<key>\s*last_reviewed\s*:)[ \t]*(?P<quote>['\"]?)(?P<value>[^'\"#\r\n]*?)(?P=quote)(?P<rest>[ \t]*(?:#.*)?)$"
)
_ANCHORS = ("review_every", "owner", "id")


@dataclass(frozen=True)
class Reviewed:
    id: str
    path: str


def mark_reviewed(root: Path, config: Config, ids: list[str], day: date) -> list[Reviewed]:
    """Sets `last_reviewed: day` in the SOP of each id; nothing is written if any id is unknown."""
    sops = _sops_by_id(root, config)
    unknown = [identifier for identifier in ids if identifier not in sops]
    if unknown:
        hints = [f"`{u}`" + (f" (did you mean `{c}`?)" if (c := closest(u, sops)) else "") for u in unknown]
        raise SopLintError(f"no SOP with the id {', '.join(hints)}: nothing was changed")
    edits = {identifier: _with_review_date(root, sops[identifier], day) for identifier in dict.fromkeys(ids)}
    for identifier, text in edits.items():
        _write(root / sops[identifier].path, text)
    return [Reviewed(identifier, sops[identifier].path) for identifier in edits]


def _sops_by_id(root: Path, config: Config) -> dict[str, Document]:
    found: dict[str, Document] = {}
    for file in discover(root, config):
        if file.expected_kind != "sop":
            continue
        raw = read_source(root, file, config.max_file_size)
        if not isinstance(raw, bytes):
            continue
        document = parse_document(file.path, raw)
        identifier = document.get("id")
        if isinstance(identifier, str) and identifier not in found:
            found[identifier] = document
    return found


def _with_review_date(root: Path, document: Document, day: date) -> str:
    raw = (root / document.path).read_bytes()
    text = raw.decode("utf-8-sig")
    lines = text.splitlines(keepends=True)
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
    prefix = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    edited = prefix + "".join(lines)
    _check_edit(document, edited, value)
    return edited


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


def _write(path: Path, text: str) -> None:
    """Replaces the file in one step, keeping its permissions."""
    mode = path.stat().st_mode
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".sop-lint-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
