"""Owners from a CODEOWNERS file, for SOPs that do not name their `owner`.

Read as GitHub and GitLab do: the first of `.github/CODEOWNERS`, `CODEOWNERS`,
`docs/CODEOWNERS`, `.gitlab/CODEOWNERS` in the work tree; patterns as in .gitignore,
relative to the work tree root; the last matching line wins. A line whose pattern cannot
be read is skipped with a note, as GitHub skips it.
"""

from __future__ import annotations

from pathlib import Path

from sop_lint.config.settings import default_max_file_size
from sop_lint.git.location import git_location
from sop_lint.reading.documents import LoadProblem
from sop_lint.reading.files import read_auxiliary
from sop_lint.reading.globs import GlobError, compile_glob

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")


class CodeOwners:
    def __init__(self, rules: list[tuple[list[str], str]], notes: tuple[str, ...] = ()) -> None:
        self.rules = rules  # (globs, owners), in file order, each glob known to compile
        self.notes = notes  # the lines skipped, and why

    def owner_of(self, path: str) -> str | None:
        """The owners of a path relative to the work tree root, as written (`@a @b`)."""
        owner = None
        for globs, owners in self.rules:
            if any(compile_glob(glob).match(path) for glob in globs):
                owner = owners or None  # a pattern with no owners clears ownership
        return owner

    @property
    def names(self) -> frozenset[str]:
        """Every owner any line names (`@social-team`, `ops@acme.example`): the known owners
        when the inventory lists none."""
        return frozenset(name for _, owners in self.rules for name in owners.split())


def codeowners_for(root: Path) -> tuple[CodeOwners, str]:
    """The CODEOWNERS of the work tree (of the SOP root outside git), and the SOP root's
    path in it, which CODEOWNERS patterns are relative to."""
    location = git_location(root)
    if location is None:
        return read_codeowners(root), ""
    return read_codeowners(location.work_tree), location.prefix_of(root)


def read_codeowners(work_tree: Path) -> CodeOwners:
    for location in LOCATIONS:
        raw = read_auxiliary(work_tree, location, default_max_file_size())
        if isinstance(raw, LoadProblem):  # absent, or not to be read (a link into .git, a FIFO)
            continue
        text = raw.decode("utf-8", errors="replace")
        rules, notes = [], []
        for number, line in enumerate(text.splitlines(), start=1):
            try:
                rule = _rule(line)
            except GlobError as error:
                notes.append(f"{location} line {number} is skipped: its pattern cannot be read ({error})")
                continue
            if rule is not None:
                rules.append(rule)
        return CodeOwners(rules, tuple(notes))
    return CodeOwners([])


def _rule(line: str) -> tuple[list[str], str] | None:
    content = line.split(" #")[0].strip() if not line.lstrip().startswith("#") else ""
    if not content or content.startswith("["):  # blank, comment, or a GitLab section header
        return None
    pattern, *owners = content.split()
    globs = _globs(pattern)
    for glob in globs:
        compile_glob(glob)  # raises GlobError before the rule is kept
    return globs, " ".join(owners)


def _globs(pattern: str) -> list[str]:
    """A .gitignore pattern as globs: anchored when it has a `/` before its end, else at any
    depth; a folder stands for everything in it, but `docs/*` means the files right in
    `docs`, not those further down."""
    anchored = "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    if not anchored:
        body = "**/" + body
    return [body] if body.endswith("/*") else [body, body + "/**"]
