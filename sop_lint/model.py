"""The repository model: processes, SOPs and the references between them, built once per run.

The model is forgiving: it takes whatever a file holds and never assumes the schema was
met, so a rule about references still works in a file with a schema error elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sop_lint.config import Config
from sop_lint.documents import Document

KINDS = ("process", "sop")


@dataclass(frozen=True)
class Step:
    """One entry of a process's `steps` list that is a mapping."""

    index: int
    name: str | None
    sop: str | None
    process: str | None
    order: object


@dataclass
class Process:
    document: Document
    id: str | None
    steps: list[Step]

    @property
    def path(self) -> str:
        return self.document.path


@dataclass
class Sop:
    document: Document
    id: str | None

    @property
    def path(self) -> str:
        return self.document.path


@dataclass(frozen=True)
class StepUse:
    """A step that refers to something: where the reference is written."""

    process: Process
    step: Step


@dataclass
class Repository:
    """Everything rules look at. `documents` holds every discovered file, parsed or not.

    `unreadable` holds, per kind, the file names (without suffix) of files that could not
    be read as a mapping, so that reference rules do not pile a second finding onto the
    syntax finding that already explains them.
    """

    root: Path
    config: Config
    documents: list[Document] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    processes: list[Process] = field(default_factory=list)
    sops: list[Sop] = field(default_factory=list)
    process_ids: dict[str, list[Process]] = field(default_factory=dict)
    sop_ids: dict[str, list[Sop]] = field(default_factory=dict)
    sop_uses: dict[str, list[StepUse]] = field(default_factory=dict)
    process_uses: dict[str, list[StepUse]] = field(default_factory=dict)
    unreadable: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in KINDS})

    def kind_of(self, document: Document) -> str:
        """The declared kind when it is a known one, else what the file's location says."""
        return self.kinds[document.path]


def build_repository(root: Path, config: Config, documents: list[tuple[Document, str]]) -> Repository:
    """Link parsed documents, each with the kind its location suggests, into one model."""
    repository = Repository(root=root, config=config)
    for document, expected_kind in documents:
        path = document.path
        repository.documents.append(document)
        declared = document.get("kind")
        kind = declared if declared in KINDS else expected_kind
        repository.kinds[path] = str(kind)
        if not isinstance(document.data, dict):
            repository.unreadable[str(kind)].add(PurePosixPath(path).stem)
            continue
        if kind == "process":
            process = Process(document=document, id=_text(document.get("id")), steps=_steps(document.get("steps")))
            repository.processes.append(process)
            if process.id:
                repository.process_ids.setdefault(process.id, []).append(process)
        else:
            sop = Sop(document=document, id=_text(document.get("id")))
            repository.sops.append(sop)
            if sop.id:
                repository.sop_ids.setdefault(sop.id, []).append(sop)
    for process in repository.processes:
        for step in process.steps:
            if step.sop:
                repository.sop_uses.setdefault(step.sop, []).append(StepUse(process, step))
            if step.process:
                repository.process_uses.setdefault(step.process, []).append(StepUse(process, step))
    return repository


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _steps(value: object) -> list[Step]:
    if not isinstance(value, list):
        return []
    return [
        Step(
            index=index,
            name=_text(item.get("name")),
            sop=_text(item.get("sop")),
            process=_text(item.get("process")),
            order=item.get("order"),
        )
        for index, item in enumerate(value)
        if isinstance(item, dict)
    ]
