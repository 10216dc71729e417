"""`sop-lint rename OLD NEW`: a process's or an SOP's id changed everywhere in one go.

The `id:` value, every step's `sop:` (or `process:`) that names it, and the file's name
when it is the old id. Each change is an edit by position of the one value, as the file
spells it (quotes kept); each edited file is parsed again and must hold the data it held
with those values changed, nothing else; then every file is written, or none (see
`reading.edits.replace_files`). A file that moves is moved in the index too, as `git mv`
does (see `git.moves`). Anything that cannot be done safely is refused before a byte is
written, in one line that says what and where.

Only the files that may name OLD or NEW are parsed, found by a scan of every file's
bytes (see `engine.mentions`): a rename reads every file, as a warm `check` does, but
links no model of the whole repository.
"""

from __future__ import annotations

import gc
import os
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from sop_lint.commands.output import Output, cannot_write
from sop_lint.commands.review import document_to_edit
from sop_lint.commands.unified_diff import Change, linked_to, unified_diff
from sop_lint.config.loading import load_config
from sop_lint.config.settings import Config
from sop_lint.engine.loading import Loaded, RunOptions, load_repository
from sop_lint.engine.mentions import Naming, load_naming
from sop_lint.engine.sources import WorkTree, work_tree
from sop_lint.errors import SopLintError
from sop_lint.findings import Fix, Safety, visible
from sop_lint.git.location import git_location, repository_prefix
from sop_lint.git.log import RENAME_TRAILER
from sop_lint.git.moves import IndexEntry, move_in_index, staged
from sop_lint.git.runner import GitFailed
from sop_lint.json_schema import JsonPath
from sop_lint.kinds import Kind
from sop_lint.model.repository import Process, Repository, Sop
from sop_lint.model.summary import usable_id
from sop_lint.reading.discovery import SourceFile
from sop_lint.reading.documents import LoadProblem, Syntax
from sop_lint.reading.edit_guard import intended_data, parses_to
from sop_lint.reading.edits import apply_edits, editable, replace_files
from sop_lint.reading.loader import parse_document
from sop_lint.rules.support.edits import value_edit
from sop_lint.suggestions import closest

_UNCHANGED = "nothing was changed"


@dataclass
class Plan:
    """What a rename writes: each file's bytes before and after (by its current path), the
    file that moves (old path, new path), and how many references each file had changed."""

    kind: Kind
    old: str
    new: str
    before: dict[str, bytes] = field(default_factory=dict)
    after: dict[str, bytes] = field(default_factory=dict)
    move: tuple[str, str] | None = None
    references: dict[str, int] = field(default_factory=dict)

    @property
    def new_names(self) -> dict[str, str]:
        """The new path of the file that moves, by its old one."""
        return dict([self.move]) if self.move else {}

    def changes(self) -> list[Change]:
        return [Change(path, self.before[path], self.after[path], self.new_names.get(path)) for path in sorted(self.after)]


def run_rename(*, root: Path, old: str, new: str, kind: Kind | None, dry_run: bool, config_file: Path | None) -> Output:
    """Renames, or with `dry_run` prints the diff it would apply and writes nothing."""
    gc.disable()  # as in check: a short run that allocates a lot
    config = load_config(root, config_file)
    plan = plan_rename(work_tree(root), config, old, new, kind, RunOptions.for_root(root))
    if dry_run:
        note = f"sop-lint: {_summary(plan, 'Would rename')}; nothing was written."
        to_file = linked_to(root)
        changes = [change if change.new_path else replace(change, path=to_file(change.path)) for change in plan.changes()]
        return Output(unified_diff(changes, repository_prefix(root)), 0, (note,))
    try:
        entry = staged(root, plan.move[0]) if plan.move else None
    except GitFailed as error:
        raise SopLintError(f"{error}; {_UNCHANGED}") from None
    moves = {root / new: root / old for old, new in plan.new_names.items()}
    try:
        replace_files(
            {root / plan.new_names.get(path, path): content for path, content in plan.after.items()}, moves,
            read_as={root / plan.new_names.get(path, path): plan.before[path] for path in plan.after},
        )
    except OSError as error:
        raise cannot_write(error, root, _UNCHANGED) from None
    if entry is not None and plan.move:
        try:
            move_in_index(root, entry, plan.move[1])
        except GitFailed as error:
            old_path, new_path = (shlex.quote(str(root / path)) for path in plan.move)
            raise SopLintError(
                f"the files are renamed and edited, but git could not record the move ({error}): "
                f"run `git add -A -- {old_path} {new_path}`"
            ) from None
    return Output(_report(root, plan, entry), 0)


def plan_rename(source: WorkTree, config: Config, old: str, new: str, kind: Kind | None, options: RunOptions) -> Plan:
    """The edits of a rename, each checked; a `SopLintError` when it cannot be made. Only
    the files that may name OLD or NEW are summarized (see `engine.mentions`); the whole
    repository is read, through the cache in `options`, only to say what an unknown OLD
    may have meant."""
    loaded = load_naming(source, config, (old, new), options)
    repository = loaded.repository
    kind, item = _target(repository, old, kind, lambda: load_repository(source, config, options, summaries_only=True).repository)
    if old == new:
        raise SopLintError(f"`{new}` is already the {kind.noun}'s id: {_UNCHANGED}")
    if not usable_id(new):
        raise SopLintError(
            f"`{new}` is not a valid id: use lowercase letters and digits, words joined by `-` or `_` "
            f"(like `{old}`); {_UNCHANGED}"
        )
    for other in Kind:
        if new in repository.ids_of(other):
            path = repository.ids_of(other)[new][0].path
            raise SopLintError(f"`{new}` is already the id of the {other.noun} in {path}: choose another id; {_UNCHANGED}")
    plan = Plan(kind, old, new)
    name = PurePosixPath(item.path)
    if name.stem == old:
        plan.move = (item.path, name.with_name(new + name.suffix).as_posix())
        if os.path.lexists(source.root / plan.move[1]) or source.left_out(plan.move[1]):
            raise SopLintError(f"{plan.move[1]} already exists, so {item.path} cannot take that name: {_UNCHANGED}")
        if (source.root / item.path).is_symlink():  # the link or the file it names: which should move is the user's call
            raise SopLintError(f"{item.path} is a symbolic link: rename it and change its id by hand; {_UNCHANGED}")
    _refuse_hidden_references(source, config, loaded, kind, old)
    targets: dict[str, list[JsonPath]] = {item.path: [("id",)]}
    field_name = "sop" if kind is Kind.SOP else "process"
    for use in repository.uses_of(kind).get(old, []):
        targets.setdefault(use.process.path, []).append(("steps", use.step.index, field_name))
        plan.references[use.process.path] = plan.references.get(use.process.path, 0) + 1
    for path, paths in targets.items():
        file_kind = kind if path == item.path else Kind.PROCESS
        plan.before[path], plan.after[path] = _edited(source, config, path, file_kind, paths, old, new, loaded)
    return plan


def _target(repository: Repository, old: str, kind: Kind | None, whole: Callable[[], Repository]) -> tuple[Kind, Process | Sop]:
    """The one process or SOP whose id is `old`; `whole` is the whole repository's model,
    made only when no file has that id, to suggest one."""
    kinds = [candidate for candidate in Kind if old in repository.ids_of(candidate) and kind in (None, candidate)]
    if not kinds:
        known = [identifier for candidate in Kind if kind in (None, candidate) for identifier in whole().ids_of(candidate)]
        hint = f" (did you mean `{suggestion}`?)" if (suggestion := closest(old, known)) else ""
        noun = kind.noun if kind else "process or SOP"
        raise SopLintError(f"no {noun} has the id `{old}`{hint}: {_UNCHANGED}")
    if len(kinds) > 1:
        raise SopLintError(
            f"`{old}` is the id of a process and of an SOP: say which to rename with --kind process or --kind sop; {_UNCHANGED}"
        )
    items = repository.ids_of(kinds[0])[old]
    if len(items) > 1:
        paths = ", ".join(found.path for found in items)
        raise SopLintError(f"`{old}` is the id of {len(items)} {kinds[0].noun}s ({paths}): give each its own id first; {_UNCHANGED}")
    return kinds[0], items[0]


def _refuse_hidden_references(source: WorkTree, config: Config, loaded: Loaded, kind: Kind, old: str) -> None:
    """A process whose steps the model cannot see (it does not parse, or its `steps` is not
    a list) may name `old` all the same: renaming past it would leave that reference
    dangling, unseen until the file is fixed. Such a file is refused when its text holds
    `old`."""
    for file in loaded.files:
        summary = file.summary
        if summary.kind is not Kind.PROCESS or (summary.readable and summary.lists_steps):
            continue
        path = file.document.path
        blob = source.left_out(path)
        raw = source.read_blobs([blob], config.max_file_size)[0] if blob else source.read(SourceFile(path, Kind.PROCESS), config)
        if isinstance(raw, bytes) and old.encode() in raw:
            why = "does not parse" if not summary.readable else "does not list its steps"
            raise SopLintError(
                f"{path} {why}, and it may refer to {kind.article} `{old}`: fix it first (`sop-lint check` says how), "
                f"then rename; {_UNCHANGED}"
            )


def _edited(
    source: WorkTree, config: Config, path: str, kind: Kind, paths: list[JsonPath], old: str, new: str, naming: Naming | None = None
) -> tuple[bytes, bytes]:
    """The file's bytes, and its bytes with `new` written at each of `paths` in place of `old`."""
    return _edited_plainly(source, config, path, kind, paths, old, new, naming) or _edited_carefully(
        source, config, path, kind, paths, old, new
    )


def _edited_plainly(
    source: WorkTree, config: Config, path: str, kind: Kind, paths: list[JsonPath], old: str, new: str, naming: Naming | None = None
) -> tuple[bytes, bytes] | None:
    """The usual file, edited without a parse for positions: each of `paths` is a plain
    `id:`, `sop:` or `process:` value alone on its line (of the front matter, in
    Markdown), and there are exactly as many such lines as `paths`. The guard every edit
    passes proves it: the file then holds the intended data. None: the careful way
    (positions, which also says why a file cannot be edited). A parse with positions
    cost a rename of an id 500 processes use half its time. The bytes and the document
    are those the model was made of (`naming`), when it has them."""
    read, parsed = (naming.read, naming.parsed) if naming else ({}, {})
    raw = read.get(path) or (None if source.left_out(path) else source.read(SourceFile(path, kind), config))
    text = editable(raw) if isinstance(raw, bytes) else None
    if raw is None or isinstance(raw, LoadProblem) or text is None:
        return None
    document = parsed.get(path) or parse_document(path, raw, positions=False)
    if document.data is None or document.problems:
        return None
    keys = sorted({"id" if at == ("id",) else str(at[-1]) for at in paths})
    value = re.compile(rf"^[ \t]*(?:-[ \t]+)?(?:{'|'.join(keys)}):[ \t]+({re.escape(old)})(?:[ \t]+#.*)?[ \t]*$", re.MULTILINE)
    end = len(text.text) if document.syntax is not Syntax.MARKDOWN else sum(map(len, text.text.splitlines(keepends=True)[: document.body_line - 1]))
    found = [match.span(1) for match in value.finditer(text.text.replace("\r\n", "\n ").replace("\r", "\n"), 0, end)]
    if len(found) != len(paths):
        return None
    pieces, offset = [], 0
    for start, stop in found:
        pieces += [text.text[offset:start], new]
        offset = stop
    edited = "".join([*pieces, text.text[offset:]])
    intended = intended_data(document.data, [Fix(f"rename {old} to {new}", Safety.UNSAFE, (), sets=tuple((at, new) for at in paths))])
    return (raw, text.encode(edited)) if parses_to(path, edited, intended) else None


def _edited_carefully(
    source: WorkTree, config: Config, path: str, kind: Kind, paths: list[JsonPath], old: str, new: str
) -> tuple[bytes, bytes]:
    try:
        raw, document = document_to_edit(source, path, config, kind)
    except SopLintError as error:
        raise SopLintError(f"{error}; {_UNCHANGED}") from None
    text = editable(raw)
    if document.data is None or text is None:
        raise SopLintError(f"{path} does not parse, so it cannot be edited: fix it first (`sop-lint check` says how); {_UNCHANGED}")
    edits = []
    for at in paths:
        edit = value_edit(document, at, new)
        if edit is None:
            line = document.position(at).line
            raise SopLintError(
                f"{path}:{line}: `{old}` is written in a way sop-lint does not edit (escapes, an alias or several lines): "
                f"write it plainly, then rename; {_UNCHANGED}"
            )
        edits.append(edit)
    fix = Fix(f"rename {old} to {new}", Safety.UNSAFE, tuple(edits), sets=tuple((at, new) for at in paths))
    edited = apply_edits(text.text, fix.edits)
    if edited is None or not parses_to(path, edited, intended_data(document.data, [fix]), len(document.problems)):
        raise SopLintError(f"{path}: renaming `{old}` here would change more than its id; rename it by hand; {_UNCHANGED}")
    return raw, text.encode(edited)


def _summary(plan: Plan, verb: str) -> str:
    edited = len(plan.after) - (1 if plan.move else 0)
    moved = "1 file moved, " if plan.move else ""
    return (
        f"{verb} {plan.kind.noun} `{plan.old}` to `{plan.new}`: {moved}"
        f"{edited} file{'s' if edited != 1 else ''} edited, {sum(plan.references.values())} reference"
        f"{'s' if sum(plan.references.values()) != 1 else ''} changed"
    )


def _report(root: Path, plan: Plan, entry: IndexEntry | None) -> str:
    """What changed, file by file, and the git command that records it (none outside git)."""
    lines = []
    new_names = plan.new_names
    for path in sorted(plan.after, key=lambda path: (path not in new_names, path)):
        shown = visible(str(root / path))
        if path in new_names:
            lines.append(f"{shown} -> {visible(str(root / new_names[path]))}{' (moved in the index, as git mv does)' if entry else ''}")
        else:
            count = plan.references.get(path, 0)
            lines.append(f"{shown}: " + (f"{count} reference{'s' if count != 1 else ''}" if count else "id"))
    lines.append(f"\n{_summary(plan, 'Renamed')}.")
    if git_location(root) is not None:
        paths = [new_names.get(path, path) for path in sorted(plan.after)]
        add = " ".join(shlex.quote(str(root / path)) for path in paths)
        message = shlex.quote(f"Rename {plan.kind.noun} {plan.old} to {plan.new}")
        trailer = shlex.quote(f"{RENAME_TRAILER}: {plan.old} -> {plan.new}")  # so the edits do not count as a review (see `git.history`)
        lines.append(f"\nRecord the rename with:\n  {visible(f'git add -- {add} && git commit -m {message} --trailer {trailer}')}")
    return "\n".join(lines) + "\n"
