"""What the queries (`find`, `inventory`, `owners`) start from: the repository model, read
through the cache as every command reads it (a warm run parses nothing), with git
history when there is some, for freshness; each file's owner, its own else CODEOWNERS';
and the inventory, when the configuration has one.

Outside git, or in a shallow clone, the queries still answer, without freshness, and say
why in a note: they report what the SOPs say, they do not judge it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sop_lint.commands.roots import nothing_found
from sop_lint.config.inventory import Inventory
from sop_lint.config.loading import load_config
from sop_lint.config.settings import Config
from sop_lint.engine.linting import lint
from sop_lint.engine.loading import RunOptions, load_repository
from sop_lint.engine.selection import select_rules
from sop_lint.engine.sources import work_tree
from sop_lint.engine.state import state_folder
from sop_lint.findings import Finding
from sop_lint.git.codeowners import CodeOwners, read_codeowners
from sop_lint.git.location import git_location
from sop_lint.model.queries import contact_of
from sop_lint.model.repository import Process, Repository, Sop
from sop_lint.rules.support.vocabulary import tools_in


@dataclass
class Survey:
    """`findings` are those of every rule, when the survey was asked to lint (`owners`)."""

    config: Config
    repository: Repository
    now: datetime
    notes: tuple[str, ...] = ()
    findings: list[Finding] | None = None
    _codeowners: CodeOwners = field(default_factory=lambda: CodeOwners([]))
    _prefix: str = ""
    _owners: dict[str, str | None] = field(default_factory=dict)

    @property
    def inventory(self) -> Inventory | None:
        return self.config.inventory

    def owner_of(self, item: Process | Sop) -> str | None:
        """The item's own `owner`, else the CODEOWNERS entry for its path (computed once per
        item asked about: a query about one tool asks about a few SOPs of thousands)."""
        if item.path not in self._owners:
            own = item.review.owner if isinstance(item, Sop) else item.owner
            self._owners[item.path] = own or self._codeowners.owner_of(self._prefix + item.path)
        return self._owners[item.path]

    def tools_of(self, sop: Sop) -> tuple[str, ...]:
        """The tools the SOP's `tool:` names, as the V rules read it (none for a placeholder)."""
        return tuple(name for name, _ in tools_in(sop.tool, self.config.placeholders, self.inventory)) if sop.tool else ()

    def contact(self, owner: str) -> str | None:
        """Where the inventory says reminders to `owner` go."""
        return contact_of(owner, self.inventory)


def survey(
    root: Path, *, config_file: Path | None, no_cache: bool, now: datetime, with_history: bool = True, with_findings: bool = False
) -> Survey:
    """`with_history` False: no freshness is needed, and none is read."""
    config = load_config(root, config_file, remember=None if no_cache else state_folder(root))
    options = RunOptions.for_root(root, no_cache=no_cache, now=now)
    notes: list[str] = []
    findings: list[Finding] | None = None
    if with_findings:
        result = lint(work_tree(root), config, select_rules(config, None, []), options)
        files, repository, findings = result.files_checked, result.repository, result.findings
        history_error = None if repository.history is not None else "git history cannot be read here"
    else:
        loaded = load_repository(work_tree(root), config, options, history=with_history)
        files, repository, history_error = len(loaded.files), loaded.repository, loaded.history_error
    if not files:
        raise nothing_found(root, config)
    if history_error is not None:
        notes.append(f"freshness is not shown: {history_error}")
    location = git_location(root)
    codeowners = read_codeowners(location.work_tree) if location is not None else CodeOwners([])
    notes += codeowners.notes
    return Survey(
        config, repository, now, tuple(notes), findings, codeowners,
        location.prefix_of(root) if location is not None else "",
    )
