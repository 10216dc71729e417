"""What a change (a pull request, a branch) does to an ops repository, read from the models
of its two sides: which SOPs (and processes) were added, changed, removed or renamed,
which processes use each, which references a removal, rename or id change leaves
pointing at nothing, the flowcharts of the processes affected, and what the change did
to the inventory (see `inventory_changes`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sop_lint.git.changes import Change
from sop_lint.kinds import Kind
from sop_lint.model.flows import Flow, flow_of
from sop_lint.model.inventory_changes import InventoryChange
from sop_lint.model.repository import Process, Repository, Sop, StepUse

_STATUS = {"A": "added", "M": "changed", "D": "removed", "R": "renamed"}


@dataclass(frozen=True)
class FileChange:
    """A process or SOP the change touched. `used_by` are the ids of the head's processes
    with a step that uses it (for a removed file: those of the base)."""

    kind: Kind
    status: str
    path: str
    id: str | None
    old_path: str | None = None
    old_id: str | None = None
    used_by: tuple[str, ...] = ()

    def describe(self, prefix: str = "") -> str:
        """One line for people: `SOP `a` renamed: sops/a.md → sops/b.md, used by p, q`."""
        noun = self.kind.noun
        name = f"{noun} `{self.id}`" if self.id else f"{noun} {prefix}{self.path}"
        if self.status == "renamed":
            where = f": {prefix}{self.old_path} → {prefix}{self.path}"
        else:
            where = f" ({prefix}{self.path})" if self.id else ""
        renamed_id = f", id was `{self.old_id}`" if self.old_id else ""
        users = f", used by {', '.join(f'`{user}`' for user in self.used_by)}" if self.used_by else ""
        return f"{name} {self.status}{where}{renamed_id}{users}"


@dataclass(frozen=True)
class Cause:
    """What a change did, in words, with its files' paths kept apart: each output names
    them as it names every other path, from the SOP root (text, JSON) or from the git work
    tree root (the PR comment, annotations), else a cause names a file that is nowhere.
    `parts` are words and paths in turn, words first."""

    parts: tuple[str, ...]

    def said(self, prefix: str = "") -> str:
        return "".join(prefix + part if index % 2 else part for index, part in enumerate(self.parts))


@dataclass(frozen=True)
class DanglingReference:
    """A step of the head that names an id the change took away. `changed_path` is the
    file whose change did it, as the head names it (a renamed file's new name);
    `changed_line` the line of its id in the head, where a note on the change belongs,
    None when the change deleted it."""

    path: str
    line: int
    column: int
    step: str
    kind: Kind
    id: str
    cause: Cause
    changed_path: str
    changed_line: int | None

    def describe(self, prefix: str = "") -> str:
        noun = self.kind.noun
        return f"{self.step} uses {noun} `{self.id}`, which is gone: {self.cause.said(prefix)}"


@dataclass(frozen=True)
class Impact:
    base: str
    head: str
    sops: tuple[FileChange, ...]
    processes: tuple[FileChange, ...]
    dangling: tuple[DanglingReference, ...]
    flows: tuple[Flow, ...]
    inventory: tuple[InventoryChange, ...] = ()

    @property
    def highlighted(self) -> frozenset[str]:
        """SOP ids the flowcharts mark: those the change added, edited or renamed."""
        return frozenset(change.id for change in self.sops if change.id and change.status != "removed")

    @property
    def missing(self) -> frozenset[str]:
        return frozenset(reference.id for reference in self.dangling if reference.kind is Kind.SOP)

    def most_affected_first(self) -> list[Flow]:
        """The flows in the order a report with room for a few shows them: most steps left
        pointing at nothing, then the processes the change edits itself, then most steps
        using an SOP it edits, adds or renames; ties in id order."""
        gone = {(reference.kind, reference.id) for reference in self.dangling}
        edited = {change.id for change in self.processes if change.status != "removed"}
        changed = self.highlighted

        def rank(flow: Flow) -> tuple[int, bool, int, str]:
            dangling = sum((Kind.SOP, step.sop) in gone or (Kind.PROCESS, step.process) in gone for step in flow.steps)
            using = sum(step.sop in changed for step in flow.steps)
            return (-dangling, flow.id not in edited, -using, flow.id)

        return sorted(self.flows, key=rank)


def impact_of(base: Repository, head: Repository, changes: list[Change], base_commit: str, head_commit: str) -> Impact:
    base_items = _by_path(base)
    head_items = _by_path(head)
    touched: dict[Kind, list[FileChange]] = {kind: [] for kind in Kind}
    for change in changes:
        before = base_items.get(change.old_path or change.path) if change.status != "A" else None
        after = head_items.get(change.path) if change.status != "D" else None
        item = after or before
        if item is None:
            continue
        users = (base if change.status == "D" and before is not None else head).uses_of(item.KIND)
        identifier = item.id
        touched[item.KIND].append(
            FileChange(
                kind=item.KIND,
                status=_STATUS[change.status],
                path=change.path,
                id=identifier,
                old_path=change.old_path,
                old_id=before.id if before is not None and after is not None and before.id != after.id else None,
                used_by=_process_ids(users.get(identifier, []) if identifier else []),
            )
        )
    dangling = _dangling(base, head, head_items, touched)
    return Impact(
        base=base_commit,
        head=head_commit,
        sops=tuple(touched[Kind.SOP]),
        processes=tuple(touched[Kind.PROCESS]),
        dangling=dangling,
        flows=_affected_flows(head, touched, dangling),
    )


def _by_path(repository: Repository) -> dict[str, Process | Sop]:
    items: list[Process | Sop] = [*repository.processes, *repository.sops]
    return {item.path: item for item in items}


def _process_ids(uses: list[StepUse]) -> tuple[str, ...]:
    return tuple(sorted({use.process.id or use.process.path for use in uses}))


def _dangling(
    base: Repository, head: Repository, head_items: dict[str, Process | Sop], touched: dict[Kind, list[FileChange]]
) -> tuple[DanglingReference, ...]:
    """Steps of the head naming an id that the base had and the head lost."""
    found = []
    for kind in (Kind.SOP, Kind.PROCESS):
        base_ids, head_ids = base.ids_of(kind), head.ids_of(kind)
        for identifier in sorted(base_ids.keys() - head_ids.keys()):
            cause, changed_path = _cause(identifier, touched[kind], base_ids[identifier][0].path)
            changed = head_items.get(changed_path)
            changed_line = id_line(changed) if changed is not None else None
            for use in head.uses_of(kind).get(identifier, []):
                position = use.process.document.position(("steps", use.step.index, kind.value))
                found.append(DanglingReference(
                    use.process.path, position.line, position.column, use.step.label, kind, identifier, cause, changed_path, changed_line
                ))
    return tuple(sorted(found, key=lambda reference: (reference.path, reference.line)))


def _cause(identifier: str, changes: list[FileChange], base_path: str) -> tuple[Cause, str]:
    """What took `identifier` away, and the file whose change did it."""
    for change in changes:
        if change.status == "removed" and change.id == identifier:
            return Cause(("", change.path, " was removed")), change.path
        if change.status == "renamed" and change.old_path == base_path:
            new_id = f", id `{change.id}`" if change.id != identifier else ""
            return Cause(("", base_path, " was renamed to ", change.path, new_id)), change.path
        if change.old_id == identifier:
            return Cause(("the id in ", change.path, f" changed to `{change.id}`")), change.path
    return Cause(("", base_path, f" no longer has id `{identifier}`")), base_path


def id_line(item: Process | Sop) -> int:
    """The line of the item's id (its file's first line of content when it has none)."""
    return item.document.position(("id",)).line


def _affected_flows(head: Repository, touched: dict[Kind, list[FileChange]], dangling: tuple[DanglingReference, ...]) -> tuple[Flow, ...]:
    """The head's processes the change touched, directly or through an SOP they use."""
    paths = {change.path for change in touched[Kind.PROCESS] if change.status != "removed"}
    paths |= {reference.path for reference in dangling}
    sop_ids = {change.id for change in touched[Kind.SOP] if change.id and change.status != "removed"}
    paths |= {use.process.path for identifier in sop_ids for use in head.sop_uses.get(identifier, [])}
    affected = sorted((process for process in head.processes if process.path in paths), key=lambda process: process.path)
    return tuple(flow for process in affected if (flow := flow_of(process, head)) is not None)
