"""Files named like a missing SOP or process that the run did not check.

A step naming `reference-checks` when `sops/hiring/Reference-Checks.MD` exists is not
about a missing SOP: the file is there, but the patterns do not pick it up (the `.MD`, a
`SOPs/` folder, a `.markdown` extension), or, for the pre-commit hook, it is in the work
tree but not staged. Saying "create the SOP" would have people write it twice. Only the
file's name is compared (it was not read): the case of its letters aside, its name
without the extension is the id.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import NamedTuple

from sop_lint.config.settings import Config
from sop_lint.kinds import Kind
from sop_lint.reading.discovery import expected_kind

# What an extension people write means; a pattern picks the written one.
_USUAL_EXTENSIONS = {".markdown": ".md", ".mdown": ".md", ".yml": ".yml", ".yaml": ".yaml", ".md": ".md"}


class Elsewhere(NamedTuple):
    """`path` (under the SOP root) is named like a missing `kind` id. `unstaged`: the file is
    one the patterns pick up, in the work tree but not in the index the run checked.
    `rename_to`, when known, is a name under which the patterns would pick it up."""

    path: str
    unstaged: bool = False
    rename_to: str | None = None


def find_elsewhere(
    paths: Iterable[str], missing: set[tuple[Kind, str]], config: Config, *, unstaged: bool = False
) -> dict[tuple[Kind, str], Elsewhere]:
    """The first of `paths` named like each missing (kind, id). `paths` are files the run
    did not check: all of them are other files, or, with `unstaged`, work-tree files."""
    wanted = {identifier: kind for kind, identifier in missing}
    found: dict[tuple[Kind, str], Elsewhere] = {}
    for path in paths:
        name = PurePosixPath(path)
        identifier = name.stem.casefold()
        kind = wanted.get(identifier)
        if kind is None or (kind, identifier) in found:
            continue
        if unstaged:
            if expected_kind(path, config) is kind:
                found[kind, identifier] = Elsewhere(path, unstaged=True)
        else:
            found[kind, identifier] = Elsewhere(path, rename_to=_picked_up_as(name, identifier, kind, config))
    return found


def _picked_up_as(name: PurePosixPath, identifier: str, kind: Kind, config: Config) -> str | None:
    """A path close to `name` that the patterns give `kind`: the id for a name, a usual
    extension, and the folders as written or in lowercase (`SOPs/` for `sops/`)."""
    extension = _USUAL_EXTENSIONS.get(name.suffix.casefold())
    for extension_tried in ([extension] if extension else [".md", ".yaml"]):
        for folder in (name.parent.as_posix(), name.parent.as_posix().casefold()):
            candidate = (PurePosixPath(folder) / f"{identifier}{extension_tried}").as_posix()
            if expected_kind(candidate, config) is kind:
                return candidate
    return None
