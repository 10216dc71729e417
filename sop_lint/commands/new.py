"""`sop-lint new sop ID` and `sop-lint new process ID`: a new file where the repository
would put it, and optionally its step in a process.

The repository's own conventions decide, in this order: the folder where most files of
the kind with the same owner live (`--owner`, else the process's owner), else where most
of the files the process's steps use live, else where most files of the kind live, else
the folder the configuration's globs name. An SOP is Markdown or YAML as most SOPs are
(Markdown on a tie), `.yaml` or `.yml` as most YAML files of the kind are. Whatever is
chosen must be a file the configuration's globs take for the kind, or nothing is written.
Every refusal is one line and writes nothing.
"""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sop_lint.commands.adding_step import AddedStep, add_step
from sop_lint.commands.output import Output
from sop_lint.commands.review import document_to_edit
from sop_lint.commands.templates import template
from sop_lint.config.loading import load_config
from sop_lint.config.settings import Config
from sop_lint.engine.loading import RunOptions, load_repository
from sop_lint.engine.sources import WorkTree, work_tree
from sop_lint.errors import SopLintError
from sop_lint.findings import visible
from sop_lint.git.codeowners import codeowners_for
from sop_lint.git.location import git_location
from sop_lint.json_schema import load_schema
from sop_lint.kinds import Kind
from sop_lint.model.repository import Process, Repository, Sop
from sop_lint.model.summary import usable_id
from sop_lint.reading.discovery import SourceFile, expected_kind
from sop_lint.reading.documents import LoadProblem, Syntax
from sop_lint.reading.edits import replace_files
from sop_lint.reading.globs import fixed_folder
from sop_lint.reading.loader import parse_document, syntax_of

_NOTHING = "nothing was written"
# Who CODEOWNERS names for a path under the SOP root.
OwnerOf = Callable[[str], str | None]


def run_new(
    *, root: Path, kind: Kind, identifier: str, title: str | None, owner: str | None, process: str | None,
    after: str | None, first: bool, step: str | None, config_file: Path | None,
) -> Output:
    config = load_config(root, config_file)
    planned = plan_new(root, config, kind, identifier, title=title, owner=owner, process=process, after=after, first=first, step=step)
    parent, edited = planned.parent, planned.step
    _write(root, planned.path, planned.text, (parent.path, edited) if parent and edited else None)
    return _report(root, planned.path, parent, edited)


@dataclass(frozen=True)
class NewFile:
    """What `new` writes: the file (path under the SOP root, text), and the step it adds
    to `parent`, if asked. The editor's "create the missing SOP" writes the same file."""

    path: str
    text: str
    parent: Process | None = None
    step: AddedStep | None = None


def plan_new(
    root: Path, config: Config, kind: Kind, identifier: str, *, title: str | None, owner: str | None, process: str | None,
    after: str | None = None, first: bool = False, step: str | None = None, adding: bool = True,
) -> NewFile:
    """The new file by the repository's conventions, and the step to add to `process`
    (unless not `adding`: the editor creates the file a step already names, following
    that process); nothing is written. A refusal is a `SopLintError`."""
    _check_id(kind, identifier)
    source = work_tree(root)
    repository = load_repository(source, config, RunOptions.for_root(root)).repository
    taken = repository.ids_of(kind).get(identifier)
    if taken:
        raise SopLintError(f"the {kind.noun} id `{identifier}` is taken by {taken[0].path}: choose another id; {_NOTHING}")
    if identifier in repository.unnamed[kind]:
        raise SopLintError(
            f"{kind.article} file named `{identifier}` exists but its id cannot be read: fix what `sop-lint check` "
            f"reports there, or choose another id; {_NOTHING}"
        )
    title, owner = _given(title), _given(owner)
    parent, edited = None, None
    if process is not None:
        parent = _process(repository, process)
        raw, document = document_to_edit(source, parent.path, config, Kind.PROCESS)
        written = document.get("owner")
        owner = owner or (_given(written) if isinstance(written, str) else None)
        name = _given(step) or title
        if adding and not name:
            raise SopLintError(f"give the step's name with --step (or the {kind.noun}'s title with --title); {_NOTHING}")
        edited = add_step(raw, document, (name or "", kind.value, identifier), after=after, first=first) if adding else None
    codeowners, prefix = codeowners_for(root)
    path = _path(repository, config, source, kind, identifier, owner, parent, lambda item: codeowners.owner_of(prefix + item))
    field_owner = owner if owner is not None else (None if codeowners.owner_of(prefix + path) else "")
    markdown = syntax_of(path) is Syntax.MARKDOWN
    text = template(kind, identifier, title=title, owner=field_owner, fields=config.required_fields, markdown=markdown)
    return NewFile(path, text, parent, edited)


def _given(value: str | None) -> str | None:
    """An option's value, None when it holds nothing (`--title ""`)."""
    return value.strip() or None if value is not None else None


def _check_id(kind: Kind, identifier: str) -> None:
    longest = load_schema(kind)["$defs"]["slug"]["maxLength"]
    if usable_id(identifier) is None or len(identifier) > longest:
        raise SopLintError(
            f"`{identifier}` is not a valid {kind.noun} id: write lowercase letters and digits, words joined by `-` "
            f"(like `send-invoice`), at most {longest} characters; {_NOTHING}"
        )


def _process(repository: Repository, wanted: str) -> Process:
    found = repository.process_ids.get(wanted)
    if not found:
        suggestion = repository.closest_id(Kind.PROCESS, wanted)
        hint = f" (did you mean `{suggestion}`?)" if suggestion else ""
        raise SopLintError(f"no process with the id `{wanted}`{hint}: {_NOTHING}")
    return found[0]


def _path(
    repository: Repository, config: Config, source: WorkTree, kind: Kind, identifier: str, owner: str | None,
    parent: Process | None, codeowner: OwnerOf,
) -> str:
    """The new file's path under the SOP root: folder and suffix by the repository's conventions."""
    items: list[Process] | list[Sop] = repository.sops if kind is Kind.SOP else repository.processes
    groups: list[list[str]] = []
    if owner is not None:
        groups.append([item.path for item in items if _owner(item, source, config, codeowner) == owner])
    if parent is not None:
        used = [step.sop if kind is Kind.SOP else step.process for step in parent.steps]
        ids = repository.ids_of(kind)
        groups.append([ids[used_id][0].path for used_id in used if used_id and used_id in ids])
    groups.append([item.path for item in items])
    folder = next((_most_common(_folder(path) for path in paths) for paths in groups if paths), _glob_folder(config, kind))
    suffixes = _suffixes(kind, [item.path for item in items])
    for suffix in suffixes:
        path = folder + identifier + suffix
        if (source.root / path).exists() or (source.root / path).is_symlink():
            raise SopLintError(f"{path} already exists: choose another id; {_NOTHING}")
        if expected_kind(path, config) is kind:
            return path
    globs = config.sops if kind is Kind.SOP else config.processes
    raise SopLintError(
        f"{folder}{identifier}{suffixes[0]} would not be checked as {kind.article}: the configuration's `{kind.value}s` "
        f"globs ({', '.join(globs)}) do not take it; create the file by hand where they do; {_NOTHING}"
    )


def _owner(item: Process | Sop, source: WorkTree, config: Config, codeowner: OwnerOf) -> str | None:
    """The item's own `owner`, else its CODEOWNERS owner. A process's is read from its file
    (the model keeps only an SOP's)."""
    if isinstance(item, Sop):
        written: object = item.review.owner
    else:
        raw = source.read(SourceFile(item.path, Kind.PROCESS), config)
        written = None if isinstance(raw, LoadProblem) else parse_document(item.path, raw, positions=False).get("owner")
    return written if isinstance(written, str) and written.strip() else codeowner(item.path)


def _folder(path: str) -> str:
    parent = PurePosixPath(path).parent.as_posix()
    return "" if parent == "." else parent + "/"


def _most_common(folders: Iterable[str]) -> str:
    """The folder named most often; on a tie, the first one met (files come in walk order)."""
    return Counter(folders).most_common(1)[0][0]


def _glob_folder(config: Config, kind: Kind) -> str:
    """The folder the kind's first glob spells out: `sops/` for `sops/**/*.md`."""
    globs = config.sops if kind is Kind.SOP else config.processes
    folder = fixed_folder(globs[0]) if globs else ""
    return folder + "/" if folder else ""


def _suffixes(kind: Kind, paths: list[str]) -> list[str]:
    """The suffixes to try, the repository's habit first: Markdown or YAML as most SOPs are
    (Markdown on a tie; a process is YAML), `.yaml` or `.yml` as most YAML files are."""
    markdown = [path for path in paths if syntax_of(path) is Syntax.MARKDOWN]
    yaml_paths = [path for path in paths if syntax_of(path) is Syntax.YAML]
    yaml = ".yml" if sum(path.endswith(".yml") for path in yaml_paths) * 2 > len(yaml_paths) else ".yaml"
    others = [".yaml", ".yml"]
    others.remove(yaml)
    if kind is Kind.PROCESS:
        return [yaml, *others]
    markdown_first = 2 * len(markdown) >= len(paths)
    return [".md", yaml, *others] if markdown_first else [yaml, ".md", *others]


def _write(root: Path, path: str, text: str, step: tuple[str, AddedStep] | None) -> None:
    """The new file, then the process: if the process cannot be written, the new file goes
    too, so that a refusal leaves the tree as it was."""
    target = root / path
    made = [folder for folder in reversed(target.parents) if not folder.exists()]
    created = False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="") as file:
            created = True
            file.write(text)
        if step is not None:
            replace_files({root / step[0]: step[1].content})
    except OSError as error:
        if created:
            target.unlink()
        for folder in reversed(made):
            folder.rmdir()
        raise SopLintError(f"cannot write {error.filename or target}: {error.strerror or error}; {_NOTHING}") from None


def _report(root: Path, path: str, parent: Process | None, edited: AddedStep | None) -> Output:
    lines = [f"created {visible(str(root / path))}"]
    changed = [root / path]
    if parent is not None and edited is not None:
        lines.append(f"added step {edited.number} '{visible(edited.name)}' to {visible(str(root / parent.path))}")
        changed.append(root / parent.path)
    file = shlex.quote(str(root / path))
    check = f"sop-lint check {file}" if root == Path() else f"sop-lint check {shlex.quote(str(root))} {file}"
    lines += ["", f"Next: fill in what `{visible(check)}` lists as empty."]
    if git_location(root) is not None:
        lines += ["Then record it with:", "  " + visible("git add " + " ".join(shlex.quote(str(file)) for file in changed))]
    return Output("\n".join(lines) + "\n")

