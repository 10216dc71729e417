"""Inject one realistic defect into a file of the synthetic repository.

The benchmark must make the linter do its error paths too (a clean repository only measures
the happy path), and the smoke test needs to know what was injected, so every injection
returns a ``Defect`` for the manifest written next to the repository. Each kind is what a
person plausibly does by hand: a typo in a key, a merge that leaves a key twice, a file
renamed without updating its id, a placeholder left in a field.

A defect freezes the file (``record.frozen`` holds its final text): later commits never touch
it again, so the final tree holds exactly the injected defect and nothing else on that file.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

import vocab
from model import (
    FieldValue,
    Process,
    Repository,
    Sop,
    render,
    render_fields,
    render_process,
    scalar,
)

PROCESS_KINDS = (
    "yaml-syntax",
    "duplicate-key",
    "missing-kind",
    "unknown-kind",
    "unknown-key",
    "missing-trigger",
    "missing-outcome",
    "empty-steps",
    "step-without-target",
    "steps-out-of-order",
    "duplicate-step-name",
    "dangling-reference",
    "duplicate-id",
    "id-mismatch",
)
SOP_KINDS = (
    "yaml-syntax",
    "duplicate-key",
    "missing-kind",
    "unknown-kind",
    "unknown-key",
    "duplicate-id",
    "id-mismatch",
    "missing-required-field",
    "placeholder",
    "empty-instructions",
    "person-held-knowledge",
    "vague-wording",
    "open-question",
    "other-tool",
)
MARKDOWN_ONLY_KINDS = ("no-front-matter", "unterminated-front-matter")

TYPOS = {
    "tool": "tol",
    "account": "acount",
    "format": "fromat",
    "tone": "tome",
    "review_every": "review-every",
    "last_reviewed": "last_review",
    "title": "titel",
    "trigger": "triger",
    "outcome": "outcom",
    "description": "descripton",
    "owner": "ownr",
    "tags": "tag",
}
UNKNOWN_KINDS = ("procedure", "runbook", "proces", "sop-doc")
REQUIRED_SOP_FIELDS = ("tool", "account", "format", "tone")

Record = Process | Sop


@dataclass(frozen=True)
class Defect:
    """One manifest entry: the file the linter should complain about, and why. ``related``
    is the other file involved, when there is one (a duplicate id is in two files, and a
    linter may report either)."""

    path: str
    kind: str
    detail: str
    related: str | None = None


@dataclass
class Injection:
    """What the commit must do: report the defect, write ``touched``, apply ``rename``."""

    defect: Defect
    touched: list[Record]
    rename: tuple[Record, str, str] | None = None


def kinds_for(record: Record) -> tuple[str, ...]:
    if isinstance(record, Process):
        return PROCESS_KINDS
    return SOP_KINDS + MARKDOWN_ONLY_KINDS if record.markdown else SOP_KINDS


def assign_kinds(rng: random.Random, targets: list[Record]) -> list[str]:
    """Spread defect kinds evenly: per file type, cycle through a shuffled list of its kinds."""
    cycles: dict[tuple[str, ...], list[str]] = {}
    counters: dict[tuple[str, ...], int] = {}
    kinds: list[str] = []
    for record in targets:
        applicable = kinds_for(record)
        if applicable not in cycles:
            cycles[applicable] = rng.sample(applicable, len(applicable))
            counters[applicable] = 0
        kinds.append(cycles[applicable][counters[applicable] % len(applicable)])
        counters[applicable] += 1
    return kinds


def inject(rng: random.Random, repo: Repository, record: Record, kind: str) -> Injection:
    """Apply ``kind`` to ``record`` and freeze it."""
    if kind == "duplicate-id":
        return duplicate_file(rng, record)
    if kind == "id-mismatch":
        return rename_without_id(record)
    if isinstance(record, Process) and kind in PROCESS_EDITS:
        detail = PROCESS_EDITS[kind](rng, repo, record)
        text = render(record)
    elif isinstance(record, Sop) and kind in SOP_EDITS:
        detail = SOP_EDITS[kind](rng, record)
        text = render(record)
    else:
        text, detail = TEXT_EDITS[kind](rng, record, render(record))
    record.frozen = text
    return Injection(Defect(record.path, kind, detail), [record])


# --- defects that change the file's place -------------------------------------------------


def duplicate_file(rng: random.Random, record: Record) -> Injection:
    """Copy the file into another area's folder, as if someone duplicated it to start a new one."""
    folders = [area.name for area in vocab.AREAS if f"/{area.name}/" not in record.path]
    top, _, name = record.path.split("/")
    text = render(record)
    record.frozen = text
    copy = replace(record, path=f"{top}/{rng.choice(folders)}/{name}", frozen=text)
    defect = Defect(copy.path, "duplicate-id", f"same id as {record.path}", related=record.path)
    return Injection(defect, [copy])


def rename_without_id(record: Record) -> Injection:
    """Rename the file but not the id inside (a shortened name), keeping references valid."""
    folder, name = record.path.rsplit("/", 1)
    stem, extension = name.rsplit(".", 1)
    words = stem.split("-")
    shorter = words[1:] if len(words) > 2 else [*words[:-1], "v2", words[-1]]
    old_path = record.path
    record.path = f"{folder}/{'-'.join(shorter)}.{extension}"
    record.frozen = render(record)
    detail = f"file renamed from {old_path}, id still {record.id}"
    return Injection(
        Defect(record.path, "id-mismatch", detail), [record], (record, old_path, record.path)
    )


# --- defects made on the record, then rendered --------------------------------------------


def drop_or_blank(rng: random.Random, fields: dict[str, FieldValue], key: str) -> str:
    if rng.random() < 0.6:
        del fields[key]
        return f"no {key}"
    fields[key] = ""
    return f"empty {key}"


def missing_trigger(rng: random.Random, repo: Repository, process: Process) -> str:
    return drop_or_blank(rng, process.fields, "trigger")


def missing_outcome(rng: random.Random, repo: Repository, process: Process) -> str:
    return drop_or_blank(rng, process.fields, "outcome")


def empty_steps(rng: random.Random, repo: Repository, process: Process) -> str:
    process.steps = []
    return "steps: []"


def step_without_target(rng: random.Random, repo: Repository, process: Process) -> str:
    step = process.steps[pick_step(rng, repo, process)]
    step.sop = None
    step.process = None
    return f"step {step.name!r} has neither sop nor process"


def dangling_reference(rng: random.Random, repo: Repository, process: Process) -> str:
    step = process.steps[pick_step(rng, repo, process)]
    if step.sop is not None:
        original, step.sop = step.sop, misspell(rng, step.sop)
        return f"sop {original} misspelt as {step.sop}"
    target = str(step.process)
    step.process = misspell(rng, target)
    return f"process {target} misspelt as {step.process}"


def steps_out_of_order(rng: random.Random, repo: Repository, process: Process) -> str:
    """Number the step names with a gap or a swap, ("1. x", "3. y")."""
    if process.numbering == "none":
        process.numbering = "dot"
    count = len(process.steps)
    numbers = list(range(1, count + 1))
    spot = rng.randrange(count - 1)
    if rng.random() < 0.5:
        numbers[spot + 1 :] = [number + 1 for number in numbers[spot + 1 :]]
        detail = f"numbering skips {spot + 2}"
    else:
        numbers[spot], numbers[spot + 1] = numbers[spot + 1], numbers[spot]
        detail = f"steps {spot + 1} and {spot + 2} swapped"
    process.frozen = render_process(process, numbers)
    return detail


def duplicate_step_name(rng: random.Random, repo: Repository, process: Process) -> str:
    first, second = sorted(rng.sample(range(len(process.steps)), 2))
    process.steps[second].name = process.steps[first].name
    return f"steps {first + 1} and {second + 1} both named {process.steps[first].name!r}"


def missing_required(rng: random.Random, sop: Sop) -> str:
    return drop_or_blank(rng, sop.fields, rng.choice(REQUIRED_SOP_FIELDS))


def placeholder(rng: random.Random, sop: Sop) -> str:
    key = rng.choice(REQUIRED_SOP_FIELDS)
    sop.fields[key] = rng.choice(vocab.PLACEHOLDERS)
    return f"{key}: {sop.fields[key]}"


def empty_instructions(rng: random.Random, sop: Sop) -> str:
    sop.steps = []
    if sop.markdown:
        sop.frozen = "---\n" + front_matter(sop) + "---\n"
        return "front matter only, no body"
    return "instructions: []"


def person_held_knowledge(rng: random.Random, sop: Sop) -> str:
    """A step that sends the reader to a colleague by name, as a hurried author writes it."""
    person = rng.choice(vocab.COLLEAGUES)
    position = rng.randrange(1, len(sop.steps) + 1)
    sop.steps.insert(position, f"Ask {person} for the login if you do not have it.")
    return f"step {position + 1}: ask {person}"


def vague_wording(rng: random.Random, sop: Sop) -> str:
    phrase = rng.choice(vocab.VAGUE_PHRASES)
    position = rng.randrange(1, len(sop.steps))
    sop.steps[position] = sop.steps[position].rstrip(".") + f", {phrase}."
    return f"step {position + 1} says {phrase!r}"


def open_question(rng: random.Random, sop: Sop) -> str:
    question = rng.choice(vocab.OPEN_QUESTIONS)
    position = rng.randrange(1, len(sop.steps))
    sop.steps[position] += " " + question
    return f"step {position + 1} asks {question!r}"


def other_tool(rng: random.Random, sop: Sop) -> str:
    """Instructions copied from an SOP of another tool of the area: `tool:` is not updated."""
    own, account = str(sop.fields["tool"]), str(sop.fields["account"])
    # A name with a lower-case word (`Stripe dashboard`) is not one I005 can tell in prose.
    others = [tool for tool in sop.area.tools if tool != own and not any(word.islower() for word in tool.split())]
    other = rng.choice(others)
    other_account = rng.choice(sop.area.accounts_of(other))
    sop.steps = [step.replace(account, other_account).replace(own, other) for step in sop.steps]
    sop.note = sop.note.replace(account, other_account).replace(own, other)
    return f"instructions name {other}, tool: {own}"


PROCESS_EDITS: dict[str, Callable[[random.Random, Repository, Process], str]] = {
    "missing-trigger": missing_trigger,
    "missing-outcome": missing_outcome,
    "empty-steps": empty_steps,
    "step-without-target": step_without_target,
    "dangling-reference": dangling_reference,
    "steps-out-of-order": steps_out_of_order,
    "duplicate-step-name": duplicate_step_name,
}
SOP_EDITS: dict[str, Callable[[random.Random, Sop], str]] = {
    "missing-required-field": missing_required,
    "placeholder": placeholder,
    "empty-instructions": empty_instructions,
    "person-held-knowledge": person_held_knowledge,
    "vague-wording": vague_wording,
    "open-question": open_question,
    "other-tool": other_tool,
}


def pick_step(rng: random.Random, repo: Repository, process: Process) -> int:
    """Prefer a step whose SOP another process also uses, so the defect orphans nothing."""
    shared = [
        index
        for index, step in enumerate(process.steps)
        if step.sop is not None and len(repo.users.get(step.sop, [])) > 1
    ]
    return rng.choice(shared) if shared else rng.randrange(len(process.steps))


def misspell(rng: random.Random, identifier: str) -> str:
    """Drop a letter or swap two neighbours inside one word; the numeric suffix stays."""
    words = identifier.split("-")
    candidates = [index for index, word in enumerate(words) if word.isalpha() and len(word) >= 4]
    if not candidates:
        return identifier.replace("-", "s-", 1)
    index = rng.choice(candidates)
    word = words[index]
    spot = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5 and word[spot] != word[spot + 1]:
        word = word[:spot] + word[spot + 1] + word[spot] + word[spot + 2 :]
    else:
        word = word[:spot] + word[spot + 1 :]
    words[index] = word
    return "-".join(words)


def front_matter(sop: Sop) -> str:
    return "\n".join(["kind: sop", *render_fields(sop.fields, sop.style)]) + "\n"


# --- defects made on the text -------------------------------------------------------------


def header_bounds(record: Record, lines: list[str]) -> tuple[int, int]:
    """Line range of the YAML mapping: the front matter of a Markdown SOP, else the file."""
    if isinstance(record, Sop) and record.markdown:
        return 1, lines.index("---", 1)
    return 0, len(lines)


def key_line(lines: list[str], bounds: tuple[int, int], key: str) -> int | None:
    for index in range(*bounds):
        if lines[index].startswith(f"{key}:"):
            return index
    return None


def required_key_line(lines: list[str], bounds: tuple[int, int], key: str) -> int:
    """The line of a key every rendered file has (``kind``, ``title``...)."""
    index = key_line(lines, bounds, key)
    if index is None:
        raise ValueError(f"no `{key}:` line to inject a defect into")
    return index


def yaml_syntax(rng: random.Random, record: Record, text: str) -> tuple[str, str]:
    """An unclosed quote on ``owner`` (always quoted: it starts with ``@``) or a line indented
    too far, which YAML reads as a continuation and rejects ("mapping values not allowed")."""
    lines = text.split("\n")
    bounds = header_bounds(record, lines)
    if rng.random() < 0.5:
        index = key_line(lines, bounds, "owner")
        if index is not None and lines[index].endswith('"'):
            lines[index] = lines[index][:-1]
            return "\n".join(lines), f"unclosed quote on line {index + 1}"
    if isinstance(record, Process):
        index = next(
            i for i, line in enumerate(lines) if line.lstrip().startswith(("sop:", "process:"))
        )
    else:
        index = required_key_line(lines, bounds, "title") + 1
    lines[index] = "  " + lines[index]
    return "\n".join(lines), f"bad indentation on line {index + 1}"


def duplicate_key(rng: random.Random, record: Record, text: str) -> tuple[str, str]:
    """A key written twice with different values, as a sloppy merge leaves it."""
    lines = text.split("\n")
    bounds = header_bounds(record, lines)
    if isinstance(record, Process):
        key = rng.choice(("title", "owner", "trigger"))
        value = {
            "title": f"{record.template.title} (new)",
            "owner": rng.choice([area.team for area in vocab.AREAS if area is not record.area]),
            "trigger": record.template.trigger + " (or on request)",
        }[key]
    else:
        key = rng.choice(("tool", "account", "tone"))
        choices = {
            "tool": record.area.tools,
            "account": record.area.accounts,
            "tone": record.area.tones,
        }
        value = rng.choice([choice for choice in choices[key] if choice != record.fields.get(key)])
    index = required_key_line(lines, bounds, key)
    lines.insert(index + 1, f"{key}: {scalar(value)}")
    return "\n".join(lines), f"{key} twice (line {index + 1} and {index + 2})"


def missing_kind(rng: random.Random, record: Record, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    del lines[required_key_line(lines, header_bounds(record, lines), "kind")]
    return "\n".join(lines), "no kind"


def unknown_kind(rng: random.Random, record: Record, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    kind = rng.choice(UNKNOWN_KINDS)
    lines[required_key_line(lines, header_bounds(record, lines), "kind")] = f"kind: {kind}"
    return "\n".join(lines), f"kind: {kind}"


def unknown_key(rng: random.Random, record: Record, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    bounds = header_bounds(record, lines)
    present = [key for key in TYPOS if key_line(lines, bounds, key) is not None]
    key = rng.choice(present)
    index = required_key_line(lines, bounds, key)
    lines[index] = TYPOS[key] + lines[index][len(key) :]
    return "\n".join(lines), f"{TYPOS[key]} instead of {key}"


def no_front_matter(rng: random.Random, record: Record, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    return "\n".join(lines[lines.index("---", 1) + 1 :]), "front matter removed"


def unterminated_front_matter(rng: random.Random, record: Record, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    del lines[lines.index("---", 1)]
    return "\n".join(lines), "closing --- removed"


TEXT_EDITS = {
    "yaml-syntax": yaml_syntax,
    "duplicate-key": duplicate_key,
    "missing-kind": missing_kind,
    "unknown-kind": unknown_kind,
    "unknown-key": unknown_key,
    "no-front-matter": no_front_matter,
    "unterminated-front-matter": unterminated_front_matter,
}
