"""The repository model: processes, SOPs and the references between them, built once per run.

Each file is first reduced to a `FileSummary` (see `summary`): its kind, id, titles and
steps, all that the repository rules and the commands need. Summaries are small and
cached with each file's own findings, so an unchanged file is neither parsed nor checked
again. Rules that look at one file get a `FileContext` with its full data instead.

The model reaches the rules complete: with history, each SOP's freshness is computed
here, once, and no rule adds to the model.

The model is forgiving: it takes whatever a file holds and never assumes the schema was
met, so a rule about references still works in a file with a schema error elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from sop_lint.config.settings import Config
from sop_lint.kinds import Kind
from sop_lint.model.elsewhere import Elsewhere
from sop_lint.model.freshness import SopFreshness, freshness_of
from sop_lint.model.summary import FileSummary, ReviewFields, Step
from sop_lint.model.tool_mentions import ToolUse
from sop_lint.reading.documents import Document
from sop_lint.suggestions import Suggester, still_closest

if TYPE_CHECKING:
    from sop_lint.git.history import History

# Ids changed in one edit, past which a suggester is made afresh.
_FEW_IDS = 8


@dataclass
class _Item:
    KIND: ClassVar[Kind]

    document: Document
    id: str | None
    title: str | None

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def label(self) -> str:
        """How messages name the item: by id when it has a usable one."""
        return f"{self.KIND.noun} '{self.id}'" if self.id else f"this {self.KIND.noun}"


@dataclass
class Process(_Item):
    KIND = Kind.PROCESS

    trigger: str | None = None
    outcome: str | None = None
    steps: list[Step] = field(default_factory=list)
    lists_steps: bool = True
    owner: str | None = None


@dataclass
class Sop(_Item):
    KIND = Kind.SOP

    review: ReviewFields = field(default_factory=ReviewFields)
    freshness: SopFreshness | None = None  # with history only
    tool_use: ToolUse | None = None
    standalone: bool = False
    account: str | None = None
    tool: str | None = None  # as written (`tool_use` is None for a stub)


class StepUse(NamedTuple):
    """A step that refers to something: where the reference is written."""

    process: Process
    step: Step


@dataclass
class Repository:
    """Processes, SOPs and the references between them: what the repository rules look at.

    `history` is None outside git (or in a shallow clone): history rules then stay quiet.
    `now` is the moment the run reports as of (`--now`).

    `elsewhere` holds, for a step's missing target, a file named like it that the run did
    not check (see `model.elsewhere`); the engine fills it before the rules run.

    `code_owners` holds the owners CODEOWNERS names, when V005 needs them (an inventory that
    lists no owners); the engine fills it before the rules run.

    `unnamed` holds, per kind, the file names (without suffix) of files that could not be
    read or carry no usable id, so that reference rules do not pile a second finding onto
    the one that already explains them.

    `reported` names the files whose findings the run reports (None: every file). A rule
    may skip the others, so that what it costs to word a finding (a suggestion, a
    position found by parsing the file again) is paid only for findings that are shown.
    """

    config: Config
    now: datetime = field(default_factory=lambda: datetime.now(tz=UTC))
    history: History | None = None
    processes: list[Process] = field(default_factory=list)
    sops: list[Sop] = field(default_factory=list)
    process_ids: dict[str, list[Process]] = field(default_factory=dict)
    sop_ids: dict[str, list[Sop]] = field(default_factory=dict)
    sop_uses: dict[str, list[StepUse]] = field(default_factory=dict)
    process_uses: dict[str, list[StepUse]] = field(default_factory=dict)
    unnamed: dict[Kind, set[str]] = field(default_factory=lambda: {kind: set() for kind in Kind})
    elsewhere: dict[tuple[Kind, str], Elsewhere] = field(default_factory=dict)
    code_owners: frozenset[str] | None = None
    reported: frozenset[str] | None = None
    misnamed: list[Process | Sop] = field(default_factory=list)  # with an id their file is not named after (R003 asks)
    _suggesters: dict[Kind, Suggester] = field(default_factory=dict)
    _suggestions: dict[tuple[Kind, str], str | None] = field(default_factory=dict)
    _missing: set[tuple[Kind, str]] | None = None

    def ids_of(self, kind: Kind) -> dict[str, list[Process]] | dict[str, list[Sop]]:
        return self.sop_ids if kind is Kind.SOP else self.process_ids

    def uses_of(self, kind: Kind) -> dict[str, list[StepUse]]:
        """The steps naming each id of `kind`."""
        return self.sop_uses if kind is Kind.SOP else self.process_uses

    def missing_targets(self) -> set[tuple[Kind, str]]:
        """The SOP and process ids steps name that no file of the run has (nor an unreadable
        one); worked out once per model (the engine and two rules ask)."""
        if self._missing is None:
            self._missing = {
                (kind, wanted)
                for kind in Kind
                for wanted in self.uses_of(kind)
                if wanted not in self.ids_of(kind) and wanted not in self.unnamed[kind]
            }
        return set(self._missing)

    def reports(self, path: str) -> bool:
        """Whether the run reports findings in the file at `path`."""
        return self.reported is None or path in self.reported

    def closest_id(self, kind: Kind, wanted: str) -> str | None:
        """The existing id of `kind` most like `wanted`, remembered: several rules ask."""
        key = (kind, wanted)
        if key not in self._suggestions:
            self._suggestions[key] = self._suggester(kind).closest(wanted)
        return self._suggestions[key]

    def only_near_id(self, kind: Kind, wanted: str) -> bool:
        """Whether exactly one id of `kind` is within a typo of `wanted` (see `suggestions.only_near`)."""
        return self._suggester(kind).only_near(wanted)

    def keep_suggestions(self, earlier: Repository) -> None:
        """Takes `earlier`'s suggester and answers for each kind whose ids are the same, in
        the same order: an editor's model is built again on every keystroke, its ids rarely
        changed. Where a few ids changed (a keystroke in an `id:`), the suggester is
        changed to suit (`Suggester.after`), and the answers it still gives are kept."""
        for kind in Kind:
            if kind not in earlier._suggesters:
                continue
            before, now = list(earlier.ids_of(kind)), list(self.ids_of(kind))
            if before == now:
                self._suggesters[kind] = earlier._suggesters[kind]
                self._suggestions.update({key: said for key, said in earlier._suggestions.items() if key[0] is kind})
                continue
            removed, added = set(before) - set(now), set(now) - set(before)
            if len(removed) + len(added) > _FEW_IDS or len(before) - len(removed) + len(added) != len(now):
                continue
            suggester = earlier._suggesters[kind].after(removed, added)
            if suggester is not None:
                self._suggesters[kind] = suggester
                self._suggestions.update(
                    {key: said for key, said in earlier._suggestions.items() if key[0] is kind and still_closest(key[1], said, removed, added)}
                )

    def _suggester(self, kind: Kind) -> Suggester:
        """One per kind and run: it sorts the ids by length and letter pairs when first asked."""
        if kind not in self._suggesters:
            self._suggesters[kind] = Suggester(self.ids_of(kind))
        return self._suggesters[kind]

    @property
    def every_process_lists_its_steps(self) -> bool:
        """False while a process cannot be read, lacks `steps` (perhaps misspelt) or holds something
        other than a list there: any SOP may be one of its steps."""
        return not self.unnamed[Kind.PROCESS] and all(process.lists_steps for process in self.processes)


def item_of(document: Document, summary: FileSummary) -> Process | Sop | None:
    if not summary.readable:
        return None
    if summary.kind is Kind.PROCESS:
        return Process(
            document, summary.id, summary.title, summary.trigger, summary.outcome, list(summary.steps), summary.lists_steps,
            summary.owner,
        )
    return Sop(
        document, summary.id, summary.title, summary.review or ReviewFields(), tool_use=summary.tool_use, standalone=summary.standalone,
        account=summary.account, tool=summary.tool,
    )


def build_repository(
    config: Config,
    files: list[tuple[Document, FileSummary]],
    history: History | None = None,
    now: datetime | None = None,
    *,
    items: Callable[[Document, FileSummary], Process | Sop | None] = item_of,
) -> Repository:
    """Link the files' summaries into one model of processes, SOPs and references.
    `items` makes each file's process or SOP (an editor's model, built again on every
    keystroke, keeps those of the files that did not change: without history, nothing
    changes them)."""
    repository = Repository(config=config, history=history, now=now or datetime.now(tz=UTC))
    for document, summary in files:
        if summary.id is None:
            repository.unnamed[summary.kind].add(PurePosixPath(document.path).stem)
        item = items(document, summary)
        if isinstance(item, Process):
            repository.processes.append(item)
            if item.id:
                repository.process_ids.setdefault(item.id, []).append(item)
        elif isinstance(item, Sop):
            if history is not None:
                item.freshness = freshness_of(item.path, item.id, item.review, history, config, repository.now)
            repository.sops.append(item)
            if item.id:
                repository.sop_ids.setdefault(item.id, []).append(item)
    linked: list[Process | Sop] = [*repository.processes, *repository.sops]
    repository.misnamed = [item for item in linked if not named_after_id(item)]
    for process in repository.processes:
        for step in process.steps:
            if step.sop:
                repository.sop_uses.setdefault(step.sop, []).append(StepUse(process, step))
            if step.process:
                repository.process_uses.setdefault(step.process, []).append(StepUse(process, step))
    return repository


def named_after_id(item: Process | Sop) -> bool:
    """Whether the file of a process or an SOP is named after its id, or it has none. Told
    without making a path of each file's name where it can: a model is built for every
    keystroke in an editor."""
    identifier = item.id
    if not identifier:
        return True
    name = item.path.rpartition("/")[2]
    rest = name[len(identifier) :]
    if name.startswith(identifier) and len(rest) > 1 and rest[0] == "." and "." not in rest[1:]:
        return True
    return PurePosixPath(item.path).stem == identifier
