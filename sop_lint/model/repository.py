"""The repository model: processes, SOPs and the references between them, built once per run.

Each file is first reduced to a `FileSummary`: its kind, id and steps, all that the
repository rules need. Summaries are small and cached with each file's own findings,
so an unchanged file is neither parsed nor checked again. Rules that look at one file
get a `FileContext` with its full data instead.

The model is forgiving: it takes whatever a file holds and never assumes the schema was
met, so a rule about references still works in a file with a schema error elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any, ClassVar

from sop_lint.config.settings import Config
from sop_lint.git.history import History
from sop_lint.model.summary import KINDS, FileSummary, Review, Step
from sop_lint.reading.documents import Document
from sop_lint.suggestions import Suggester


@dataclass
class _Item:
    KIND: ClassVar[str]
    NOUN: ClassVar[str]

    document: Document
    id: str | None

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def label(self) -> str:
        """How messages name the item: by id when it has a usable one."""
        return f"{self.NOUN} '{self.id}'" if self.id else f"this {self.NOUN}"


@dataclass
class Process(_Item):
    KIND = "process"
    NOUN = "process"

    steps: list[Step] = field(default_factory=list)
    lists_steps: bool = True


@dataclass
class Sop(_Item):
    KIND = "sop"
    NOUN = "SOP"

    review: Review = field(default_factory=lambda: Review())


@dataclass(frozen=True)
class StepUse:
    """A step that refers to something: where the reference is written."""

    process: Process
    step: Step


@dataclass
class Repository:
    """Processes, SOPs and the references between them: what the repository rules look at.

    `history` is None outside git (or in a shallow clone): history rules then stay quiet.
    `now` is the moment the run reports as of (`--now`). `derived` keeps what several
    rules compute from the model (each SOP's review status), so it is computed once.

    `unnamed` holds, per kind, the file names (without suffix) of files that could not be
    read or carry no usable id, so that reference rules do not pile a second finding onto
    the one that already explains them.
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
    unnamed: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in KINDS})
    derived: dict[str, Any] = field(default_factory=dict)
    _suggesters: dict[str, Suggester] = field(default_factory=dict)
    _suggestions: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def closest_id(self, kind: str, wanted: str) -> str | None:
        """The existing id of `kind` most like `wanted`, remembered: several rules ask."""
        key = (kind, wanted)
        if key not in self._suggestions:
            if kind not in self._suggesters:
                self._suggesters[kind] = Suggester(self.sop_ids if kind == "sop" else self.process_ids)
            self._suggestions[key] = self._suggesters[kind].closest(wanted)
        return self._suggestions[key]

    @property
    def every_process_lists_its_steps(self) -> bool:
        """False while a process cannot be read, lacks `steps` (perhaps misspelt) or holds something
        other than a list there: any SOP may be one of its steps."""
        return not self.unnamed["process"] and all(process.lists_steps for process in self.processes)


def item_of(document: Document, summary: FileSummary) -> Process | Sop | None:
    if not summary.readable:
        return None
    if summary.kind == "process":
        return Process(document, summary.id, list(summary.steps), summary.lists_steps)
    return Sop(document, summary.id, summary.review or Review())


def build_repository(
    config: Config,
    files: list[tuple[Document, FileSummary]],
    history: History | None = None,
    now: datetime | None = None,
) -> Repository:
    """Link the files' summaries into one model of processes, SOPs and references."""
    repository = Repository(config=config, history=history, now=now or datetime.now(tz=UTC))
    for document, summary in files:
        if summary.id is None:
            repository.unnamed[summary.kind].add(PurePosixPath(document.path).stem)
        item = item_of(document, summary)
        if isinstance(item, Process):
            repository.processes.append(item)
            if item.id:
                repository.process_ids.setdefault(item.id, []).append(item)
        elif isinstance(item, Sop):
            repository.sops.append(item)
            if item.id:
                repository.sop_ids.setdefault(item.id, []).append(item)
    for process in repository.processes:
        for step in process.steps:
            if step.sop:
                repository.sop_uses.setdefault(step.sop, []).append(StepUse(process, step))
            if step.process:
                repository.process_uses.setdefault(step.process, []).append(StepUse(process, step))
    return repository


