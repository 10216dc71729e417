"""Build the initial records of the synthetic ops repository (no git yet).

Why the shape matters: the linter's reference checks are only exercised if the repository
looks like a real one, so every SOP is used by a step (no accidental orphans in a clean
repository), some SOPs are shared by two processes, a few steps delegate to another process
(always one with a higher index, so there are never cycles), and step names are unique
within a process.
"""

from __future__ import annotations

import random
from datetime import date

import vocab
from model import (
    FieldValue,
    Process,
    Repository,
    Sop,
    Step,
    intro_text,
    note_text,
    slugify,
    step_texts,
)
from vocab import Area, ProcessTemplate

MARKDOWN_SHARE = 0.75
SHARED_STEP_CHANCE = 0.15
DELEGATION_CHANCE = 0.2
MIN_STEPS = 3
MAX_STEPS = 8
TRIGGER_SUFFIXES = ("", " (or on request)", ", or when the owner asks", " during business hours")
OUTCOME_SUFFIXES = ("", " and logged in the tracker", ", checked by the owner")


def build_repository(
    rng: random.Random, n_processes: int, n_sops: int, first_day: date
) -> Repository:
    """Create all records; ``first_day`` seeds ``last_reviewed`` until the history sets it."""
    process_width = max(4, len(str(n_processes - 1)))
    sop_width = max(4, len(str(n_sops - 1)))
    own = own_counts(rng, n_processes, n_sops)
    processes: list[Process] = []
    sops: list[Sop] = []
    own_steps: list[list[Step]] = []
    step_names: list[str] = []
    for index in range(n_processes):
        area = rng.choice(vocab.AREAS)
        processes.append(make_process(rng, index, process_width, area))
        steps: list[Step] = []
        for verb, obj in topic_pairs(rng, area, own[index]):
            sop = make_sop(rng, len(sops), sop_width, area, verb, obj, first_day)
            sops.append(sop)
            name = f"{verb} {obj}"
            step_names.append(name)
            steps.append(Step(name=name, sop=sop.id))
        own_steps.append(steps)
    for index, process in enumerate(processes):
        process.steps = assemble_steps(rng, index, own_steps[index], processes, sops, step_names)
    repo = Repository(processes=processes, sops=sops)
    for process in processes:
        for step in process.steps:
            if step.sop is not None:
                repo.users.setdefault(step.sop, []).append(process)
    return repo


def own_counts(rng: random.Random, n_processes: int, n_sops: int) -> list[int]:
    """How many SOPs each process owns: even on average, varied by random transfers."""
    base, remainder = divmod(n_sops, n_processes)
    counts = [base + (1 if index < remainder else 0) for index in range(n_processes)]
    highest = max(7, base + 2)
    for _ in range(n_processes):
        giver, taker = rng.randrange(n_processes), rng.randrange(n_processes)
        if counts[giver] > 1 and counts[taker] < highest:
            counts[giver] -= 1
            counts[taker] += 1
    return counts


def topic_pairs(rng: random.Random, area: Area, count: int) -> list[tuple[str, str]]:
    """Distinct (verb, object) pairs, so a process never has two steps with the same name."""
    width = len(area.objects)
    picks = rng.sample(range(len(vocab.VERBS) * width), count)
    return [(vocab.VERBS[pick // width], area.objects[pick % width]) for pick in picks]


def make_process(rng: random.Random, index: int, width: int, area: Area) -> Process:
    template = rng.choice(area.processes)
    process_id = f"{template.slug}-{index:0{width}d}"
    fields: dict[str, FieldValue] = {
        "id": process_id,
        "title": template.title + rng.choice(vocab.SEGMENTS),
        "owner": area.team,
        "trigger": template.trigger,
        "outcome": template.outcome,
    }
    if rng.random() < 0.1:
        fields["review_every"] = rng.choice(vocab.REVIEW_INTERVALS)
    if rng.random() < 0.3:
        fields["description"] = rng.choice(vocab.DESCRIPTIONS).format(
            title_lower=template.title.lower()
        )
    if rng.random() < 0.25:
        fields["tags"] = sorted(rng.sample(vocab.TAGS, k=rng.randint(1, 3)))
    numbering = rng.choices(("none", "dot", "step", "order"), weights=(85, 6, 5, 4))[0]
    return Process(
        num=index,
        area=area,
        template=template,
        path=f"processes/{area.name}/{process_id}.yaml",
        fields=fields,
        steps=[],
        numbering=numbering,
    )


def make_sop(
    rng: random.Random,
    index: int,
    width: int,
    area: Area,
    verb: str,
    obj: str,
    first_day: date,
) -> Sop:
    sop_id = f"{slugify(f'{verb} {obj}')}-{index:0{width}d}"
    markdown = rng.random() < MARKDOWN_SHARE
    tool = rng.choice(area.tools)
    fields: dict[str, FieldValue] = {
        "id": sop_id,
        "title": f"{verb} the {obj}",
        "owner": area.team if rng.random() < 0.9 else rng.choice(vocab.PEOPLE),
        "tool": tool,
        "account": rng.choice(area.accounts_of(tool)),
        "format": rng.choice(area.formats),
        "tone": rng.choice(area.tones),
    }
    if rng.random() < 0.2:
        fields["review_every"] = rng.choice(vocab.REVIEW_INTERVALS)
    if rng.random() < 0.15:
        fields["last_reviewed"] = first_day
    extension = "md" if markdown else "yaml"
    sop = Sop(
        num=index,
        area=area,
        path=f"sops/{area.name}/{sop_id}.{extension}",
        markdown=markdown,
        obj=obj,
        fields=fields,
        intro="",
        steps=[],
    )
    intro = intro_text(rng, sop, verb)
    if markdown:
        sop.intro = intro
    else:
        fields["description"] = intro
    if rng.random() < 0.2:
        fields["tags"] = sorted(rng.sample(vocab.TAGS, k=rng.randint(1, 3)))
    sop.steps = step_texts(rng, sop, rng.randint(4, 10))
    if markdown and rng.random() < 0.4:
        sop.note = note_text(rng, sop)
    return sop


def assemble_steps(
    rng: random.Random,
    index: int,
    own: list[Step],
    processes: list[Process],
    sops: list[Sop],
    step_names: list[str],
) -> list[Step]:
    """Own SOP steps, plus sometimes a shared SOP and a delegation; 3 to 8 steps."""
    steps = list(own)
    if rng.random() < SHARED_STEP_CHANCE and len(steps) < MAX_STEPS:
        add_shared_step(rng, steps, sops, step_names)
    delegates = rng.random() < DELEGATION_CHANCE
    if delegates and index + 1 < len(processes) and len(steps) < MAX_STEPS:
        target = processes[rng.randrange(index + 1, len(processes))]
        name = str(target.fields["title"])
        if name not in {step.name for step in steps}:
            steps.insert(rng.randrange(len(steps) + 1), Step(name=name, process=target.id))
    while len(steps) < MIN_STEPS and add_shared_step(rng, steps, sops, step_names):
        pass
    return steps


def add_shared_step(
    rng: random.Random, steps: list[Step], sops: list[Sop], step_names: list[str]
) -> bool:
    """Append a step using another process's SOP; False when no fitting SOP was found."""
    used_ids = {step.sop for step in steps}
    used_names = {step.name for step in steps}
    for _ in range(20):
        pick = rng.randrange(len(sops))
        if sops[pick].id not in used_ids and step_names[pick] not in used_names:
            steps.insert(rng.randrange(len(steps) + 1), Step(step_names[pick], sop=sops[pick].id))
            return True
    return False


def trigger_variant(rng: random.Random, template: ProcessTemplate) -> str:
    return template.trigger + rng.choice(TRIGGER_SUFFIXES)


def outcome_variant(rng: random.Random, template: ProcessTemplate) -> str:
    return template.outcome + rng.choice(OUTCOME_SUFFIXES)
