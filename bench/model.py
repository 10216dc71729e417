"""In-memory model of the synthetic ops repository and its rendering to file text.

The generator edits these records commit after commit and renders the touched files into the
``git fast-import`` stream, so the model is the single source of every file version: the final
tree is simply the last rendering of each record. Rendering is pure (same record, same text),
which is what makes the generated repository byte-for-byte reproducible.
"""

from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass, field
from datetime import date

import vocab
from vocab import Area, ProcessTemplate

FieldValue = str | list[str] | date

_RESERVED_WORDS = frozenset(["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"])
_NUMBER_LIKE = re.compile(r"[-+]?[0-9_.:,eE+-]+|\d{4}-\d\d?-\d\d?([Tt ].*)?")


@dataclass
class Step:
    """A process step; exactly one of ``sop`` and ``process`` is set in a clean repository."""

    name: str
    sop: str | None = None
    process: str | None = None


@dataclass
class Process:
    """A process file. ``numbering`` is how step order is spelt: none, "dot" ("1. x"),
    "step" ("Step 1: x") or "order" (an ``order:`` key), so the linter sees every form."""

    num: int
    area: Area
    template: ProcessTemplate
    path: str
    fields: dict[str, FieldValue]
    steps: list[Step]
    numbering: str = "none"
    style: int = 0
    frozen: str | None = None

    @property
    def id(self) -> str:
        return str(self.fields["id"])


@dataclass
class Sop:
    """An SOP, Markdown (body from ``steps``) or YAML (``instructions`` from ``steps``).

    ``obj`` is the noun the SOP is about; content generation needs it to stay on topic.
    ``frozen`` holds the final text once a defect has been injected: nothing edits it later.
    """

    num: int
    area: Area
    path: str
    markdown: bool
    obj: str
    fields: dict[str, FieldValue]
    intro: str
    steps: list[str]
    note: str = ""
    style: int = 0
    frozen: str | None = None

    @property
    def id(self) -> str:
        return str(self.fields["id"])

    @property
    def extension(self) -> str:
        return "md" if self.markdown else "yaml"


@dataclass
class Repository:
    """Every record plus the reverse index that id renames need to fix references."""

    processes: list[Process]
    sops: list[Sop]
    users: dict[str, list[Process]] = field(default_factory=dict)


def slugify(text: str) -> str:
    """Lowercase words joined by single dashes: the id alphabet of the spec."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def scalar(value: str) -> str:
    """Render a string as a YAML scalar, plain when that is safe and double-quoted otherwise.

    Plain is what people write by hand, so it is preferred; quoting is needed for values that
    start with an indicator (``@``, ``?``...), contain ``: `` or `` #``, or that YAML 1.1 would
    read as something else than a string (numbers, times, dates, ``yes``/``no``).
    """
    plain = (
        value != ""
        and value[0].isalnum()
        and value == value.strip()
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and value.lower() not in _RESERVED_WORDS
        and not _NUMBER_LIKE.fullmatch(value)
    )
    if plain:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_fields(fields: dict[str, FieldValue], style: int) -> list[str]:
    """Top-level ``key: value`` lines; style 1 writes lists in block form instead of flow."""
    lines: list[str] = []
    for key, value in fields.items():
        if isinstance(value, date):
            lines.append(f"{key}: {value.isoformat()}")
        elif isinstance(value, list) and style == 1 and value:
            lines.append(f"{key}:")
            lines.extend(f"- {scalar(item)}" for item in value)
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(scalar(item) for item in value)}]")
        else:
            lines.append(f"{key}: {scalar(value)}")
    return lines


def step_label(numbering: str, position: int, name: str) -> str:
    """The step name as written in the file, with its number prefix if the process uses one."""
    if numbering == "dot":
        return f"{position}. {name}"
    if numbering == "step":
        return f"Step {position}: {name}"
    return name


def render_process(process: Process, numbers: list[int] | None = None) -> str:
    """Process YAML; ``numbers`` overrides step positions (to inject out-of-order numbering)."""
    if process.frozen is not None:
        return process.frozen
    positions = numbers or list(range(1, len(process.steps) + 1))
    lines = ["kind: process", *render_fields(process.fields, process.style)]
    if not process.steps:
        lines.append("steps: []")
        return "\n".join(lines) + "\n"
    lines.append("steps:")
    dash, indent = ("- ", "  ") if process.style == 1 else ("  - ", "    ")
    for step, position in zip(process.steps, positions, strict=True):
        lines.append(f"{dash}name: {scalar(step_label(process.numbering, position, step.name))}")
        if process.numbering == "order":
            lines.append(f"{indent}order: {position}")
        if step.sop is not None:
            lines.append(f"{indent}sop: {step.sop}")
        if step.process is not None:
            lines.append(f"{indent}process: {step.process}")
    return "\n".join(lines) + "\n"


def render_markdown_body(sop: Sop) -> str:
    """Heading, intro, numbered steps and an optional note; style 1 wraps at 80 columns."""
    title = str(sop.fields.get("title", sop.id))
    items: list[str] = []
    for position, text in enumerate(sop.steps, start=1):
        item = f"{position}. {text}"
        if sop.style == 1:
            item = "\n".join(textwrap.wrap(item, width=80, subsequent_indent="   "))
        items.append(item)
    separator = "\n\n" if sop.style == 1 else "\n"
    parts = [f"# {title}", sop.intro, separator.join(items)]
    if sop.note:
        parts.append(sop.note)
    return "\n\n".join(parts) + "\n"


def render_sop(sop: Sop) -> str:
    """Markdown with front matter, or YAML with an ``instructions`` list."""
    if sop.frozen is not None:
        return sop.frozen
    header = ["kind: sop", *render_fields(sop.fields, sop.style)]
    if sop.markdown:
        return "---\n" + "\n".join(header) + "\n---\n" + render_markdown_body(sop)
    if not sop.steps:
        return "\n".join([*header, "instructions: []"]) + "\n"
    dash = "- " if sop.style == 1 else "  - "
    lines = [*header, "instructions:", *(dash + scalar(text) for text in sop.steps)]
    return "\n".join(lines) + "\n"


def render(record: Process | Sop) -> str:
    return render_process(record) if isinstance(record, Process) else render_sop(record)


def step_text(rng: random.Random, sop: Sop, template: str | None = None) -> str:
    """One instruction sentence, on topic for the SOP's tool, account, object and area."""
    area = sop.area
    template = template or rng.choice(vocab.STEP_TEMPLATES)
    return template.format(
        tool=sop.fields.get("tool", area.tools[0]),
        account=sop.fields.get("account", area.accounts[0]),
        object=sop.obj,
        check=rng.choice(vocab.CHECK_ITEMS),
        reviewer=rng.choice(area.reviewers),
        deadline=rng.choice(vocab.DEADLINES),
        channel=area.channel,
        file=f"YYYY-MM-DD-{slugify(sop.obj)}.{rng.choice(('pdf', 'docx', 'png', 'csv'))}",
        folder=rng.choice(vocab.FOLDERS).format(
            year=rng.randint(2022, 2026), area=area.name.capitalize()
        ),
        status=rng.choice(vocab.STATUSES),
        time=rng.choice(vocab.TIMES),
        tone_lower=str(sop.fields.get("tone", area.tones[0])).lower(),
        format_lower=str(sop.fields.get("format", area.formats[0])).lower(),
    )


def open_step_text(rng: random.Random, sop: Sop) -> str:
    """The first instruction: open the SOP's own tool with its account."""
    return step_text(rng, sop, rng.choice(vocab.OPEN_TEMPLATES))


def step_texts(rng: random.Random, sop: Sop, count: int) -> list[str]:
    """The opening step, then ``count - 1`` instructions from distinct templates, so no SOP
    repeats a sentence."""
    body = rng.sample(vocab.STEP_TEMPLATES, count - 1)
    return [open_step_text(rng, sop), *(step_text(rng, sop, template) for template in body)]


def retool(sop: Sop, tool: str, account: str) -> None:
    """Move the SOP to another tool or account: its fields and every instruction that names
    the old ones, as a person updating the SOP would."""
    old_tool, old_account = str(sop.fields["tool"]), str(sop.fields["account"])
    sop.fields["tool"], sop.fields["account"] = tool, account
    sop.steps = [step.replace(old_account, account).replace(old_tool, tool) for step in sop.steps]


def intro_text(rng: random.Random, sop: Sop, verb: str) -> str:
    """An opening sentence or two, so bodies are not just numbered lists."""
    sentences = rng.sample(vocab.INTROS, k=rng.randint(1, 2))
    return " ".join(
        sentence.format(
            verb_lower=verb.lower(),
            object=sop.obj,
            minutes=rng.choice((5, 10, 15, 20, 30, 45)),
            team=sop.area.team,
        )
        for sentence in sentences
    )


def note_text(rng: random.Random, sop: Sop) -> str:
    return rng.choice(vocab.NOTES).format(
        account=sop.fields.get("account", ""),
        object=sop.obj,
        reviewer=rng.choice(sop.area.reviewers),
        channel=sop.area.channel,
    )
