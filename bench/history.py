"""Plan and write the git history of the synthetic ops repository.

The history is what ``sop-lint stale`` and ``diff`` read, so it carries what they must
handle: files added in batches early on, then years of small edits, SOP renames (pure moves
and renames with an edit, with the processes that reference them fixed in the same commit),
mass reformat commits listed in ``.git-blame-ignore-revs``, and ``SOP-Reviewed:`` trailers
on edits and on empty commits. Defects are injected in the last tenth of the history, after
the last rename and reformat, so a defective file is never edited again.

Dates are fixed (2022-11-01 to 2026-11-01, strictly increasing), authors come from a fixed
list, and every random choice comes from the one seeded generator: same arguments, same
commit ids.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import vocab
from defects import Defect, assign_kinds, inject
from gitstream import FastImport, Identity
from model import Process, Repository, Sop, open_step_text, render, retool, slugify, step_text
from populate import outcome_variant, trigger_variant

Record = Process | Sop

START = int(datetime(2022, 11, 1, tzinfo=UTC).timestamp())
END = int(datetime(2026, 11, 1, tzinfo=UTC).timestamp())
PEOPLE = (
    Identity("Alex Morgan", "alex.morgan@example.com", "+0100"),
    Identity("Priya Shah", "priya.shah@example.com", "+0530"),
    Identity("Jordan Lee", "jordan.lee@example.com", "-0500"),
    Identity("Sam Carter", "sam.carter@example.com", "+0000"),
    Identity("Mia Novak", "mia.novak@example.com", "+0100"),
)
BOT = Identity("Ops Bot", "ops-bot@example.com", "+0000")
IGNORE_REVS = ".git-blame-ignore-revs"

ADD_SHARE = 0.02
DEFECT_WINDOW_START = 0.9
RENAME_CHANCE = 0.01
EMPTY_REVIEW_CHANCE = 0.015
TRAILER_EDIT_CHANCE = 0.015
PROCESS_EDIT_SHARE = 0.2


@dataclass
class Change:
    """Everything one commit does; files are rendered only when the commit is written."""

    subject: str
    author: Identity
    body: str = ""
    trailers: list[str] = field(default_factory=list)
    touched: list[Record] = field(default_factory=list)
    added: list[Record] = field(default_factory=list)
    renames: list[tuple[Record, str, str]] = field(default_factory=list)
    raw: list[tuple[str, str]] = field(default_factory=list)

    def message(self) -> str:
        paragraphs = [self.subject, self.body, "\n".join(self.trailers)]
        return "\n\n".join(part for part in paragraphs if part) + "\n"


def commit_times(rng: random.Random, count: int) -> list[int]:
    """Strictly increasing timestamps spread evenly over the four years, with jitter."""
    gap = (END - START) // count
    return [
        START + index * (END - START) // count + rng.randrange(gap // 2 + 1)
        for index in range(count)
    ]


def day_of(when: int) -> date:
    return datetime.fromtimestamp(when, tz=UTC).date()


class History:
    """Walks commit indexes 0..n-1, deciding and writing each commit in turn."""

    def __init__(
        self,
        rng: random.Random,
        repo: Repository,
        stream: FastImport,
        commits: int,
        bad_fraction: float,
    ) -> None:
        self.rng = rng
        self.repo = repo
        self.stream = stream
        self.count = commits
        self.times = commit_times(rng, commits)
        files = len(repo.processes) + len(repo.sops)
        self.add_batches = add_batches(
            repo, min(commits, files, max(1, round(commits * ADD_SHARE)))
        )
        self.window = min(
            max(len(self.add_batches), int(commits * DEFECT_WINDOW_START)), commits - 1
        )
        self.reformats = reformat_slots(len(self.add_batches), self.window, commits)
        self.defect_total = round(bad_fraction * files)
        self.defects_at: dict[int, list[tuple[Record, str]]] = {}
        self.defects: list[Defect] = []
        self.ignored: list[str] = []

    def run(self) -> list[Defect]:
        for index in range(self.count):
            change = self.plan(index)
            if index == self.window:
                self.plan_defects()
            for record, kind in self.defects_at.get(index, []):
                self.apply_defect(change, record, kind)
            self.write(change, self.times[index])
        return sorted(self.defects, key=lambda defect: defect.path)

    # --- choosing what a commit does --------------------------------------------------------

    def plan(self, index: int) -> Change:
        day = day_of(self.times[index])
        if index < len(self.add_batches):
            return self.add_commit(self.add_batches[index], day)
        if index in self.reformats:
            return self.reformat_commit()
        if index - 1 in self.reformats:
            return self.ignore_revs_commit(index)
        if index in self.defects_at:
            return Change(subject="", author=self.rng.choice(PEOPLE))
        roll = self.rng.random()
        if roll < RENAME_CHANCE and index < self.window:
            return self.rename_commit()
        roll -= RENAME_CHANCE
        if roll < EMPTY_REVIEW_CHANCE:
            return self.review_commit()
        roll -= EMPTY_REVIEW_CHANCE
        return self.edit_commit(day, reviewed=roll < TRAILER_EDIT_CHANCE)

    def add_commit(self, batch: list[Record], day: date) -> Change:
        processes = [record for record in batch if isinstance(record, Process)]
        sops = len(batch) - len(processes)
        if len(processes) == 1:
            subject = f"Add process {processes[0].fields['title']} and {sops} SOPs"
        else:
            subject = f"Add {len(processes)} processes and {sops} SOPs"
        for record in batch:
            if isinstance(record, Sop) and "last_reviewed" in record.fields:
                record.fields["last_reviewed"] = day
        return Change(
            subject=subject, author=self.rng.choice(PEOPLE), touched=list(batch), added=list(batch)
        )

    def reformat_commit(self) -> Change:
        """Toggle the layout of hundreds of files of one kind in a few areas."""
        what = self.rng.choice(("processes", "markdown", "yaml"))
        areas = sorted(
            area.name for area in self.rng.sample(vocab.AREAS, k=1 if what == "markdown" else 3)
        )
        records: list[Record]
        if what == "processes":
            records = [p for p in self.repo.processes if p.area.name in areas]
            subject = f"Reformat processes in {', '.join(areas)}: indentless step lists"
        else:
            markdown = what == "markdown"
            records = [s for s in self.repo.sops if s.markdown == markdown and s.area.name in areas]
            layout = "wrap Markdown at 80 columns" if markdown else "indentless instruction lists"
            subject = f"Reformat SOPs in {', '.join(areas)}: {layout}"
        records = [record for record in records if record.frozen is None]
        for record in records:
            record.style = 1 - record.style
        return Change(subject=subject, author=BOT, touched=records)

    def ignore_revs_commit(self, index: int) -> Change:
        """List the reformat commit just written, so blame and last-change dates skip it."""
        self.ignored.append(self.stream.sha(index))
        lines = ["# Mass reformatting commits: git blame and sop-lint ignore them."]
        lines.extend(self.ignored)
        return Change(
            subject="Ignore the reformat commit in blame",
            author=BOT,
            raw=[(IGNORE_REVS, "\n".join(lines) + "\n")],
        )

    def rename_commit(self) -> Change:
        """Move an SOP to another area folder (pure or with an edit), or rename its id and
        fix every process that references it."""
        sop = self.pick_sop()
        if sop is None:
            return self.review_commit()
        old_path, old_id = sop.path, sop.id
        if self.rng.random() < 0.5:
            folder = self.rng.choice(
                [area.name for area in vocab.AREAS if f"/{area.name}/" not in sop.path]
            )
            sop.path = f"sops/{folder}/{sop.id}.{sop.extension}"
            change = Change(subject=f"Move {sop.id} to {folder}", author=self.rng.choice(PEOPLE))
            change.renames.append((sop, old_path, sop.path))
            if self.rng.random() < 0.5:
                edit_sop_step(self.rng, sop)
                change.touched.append(sop)
            return change
        verb = self.rng.choice(
            [verb for verb in vocab.VERBS if not old_id.startswith(slugify(verb) + "-")]
        )
        new_id = f"{slugify(f'{verb} {sop.obj}')}-{old_id.rsplit('-', 1)[1]}"
        sop.fields["id"] = new_id
        sop.fields["title"] = f"{verb} the {sop.obj}"
        sop.path = f"{old_path.rsplit('/', 1)[0]}/{new_id}.{sop.extension}"
        change = Change(subject=f"Rename {old_id} to {new_id}", author=self.rng.choice(PEOPLE))
        change.renames.append((sop, old_path, sop.path))
        change.touched.append(sop)
        users = self.repo.users.pop(old_id, [])
        self.repo.users[new_id] = users
        for process in users:
            for step in process.steps:
                if step.sop == old_id:
                    step.sop = new_id
            change.touched.append(process)
        return change

    def review_commit(self) -> Change:
        """An empty commit that only records a review, through its trailer."""
        sop = self.rng.choice(self.repo.sops)
        return Change(
            subject=f"Review {sop.id}: still accurate",
            author=self.rng.choice(PEOPLE),
            trailers=[f"SOP-Reviewed: {sop.id}"],
        )

    def edit_commit(self, day: date, reviewed: bool) -> Change:
        """Edit one to three files (mostly SOPs); optionally mark the first SOP reviewed."""
        change = Change(subject="", author=self.rng.choice(PEOPLE))
        subjects: list[str] = []
        for _ in range(self.rng.choice((1, 1, 1, 2, 3))):
            if self.rng.random() < PROCESS_EDIT_SHARE:
                record: Record | None = self.pick(self.repo.processes)
            else:
                record = self.pick_sop()
            if record is None or any(record is seen for seen in change.touched):
                continue
            subjects.append(edit_record(self.rng, record, day))
            change.touched.append(record)
        if not change.touched:
            return self.review_commit()
        first = change.touched[0]
        if reviewed and isinstance(first, Sop):
            change.trailers.append(f"SOP-Reviewed: {first.id}")
        if len(subjects) == 1:
            change.subject = subjects[0]
        else:
            ids = [record.id for record in change.touched]
            change.subject = f"Update {', '.join(ids[:-1])} and {ids[-1]}"
        if self.rng.random() < 0.3:
            change.body = self.rng.choice(vocab.COMMIT_BODIES)
        return change

    def pick_sop(self) -> Sop | None:
        record = self.pick(self.repo.sops)
        return record if isinstance(record, Sop) else None

    def pick(self, records: Sequence[Record]) -> Record | None:
        """A random record that is not frozen by a defect (a few tries, then give up)."""
        for _ in range(5):
            record = self.rng.choice(records)
            if record.frozen is None:
                return record
        return None

    # --- defects ----------------------------------------------------------------------------

    def plan_defects(self) -> None:
        """Choose the defective files and spread them over the commits of the window."""
        candidates: list[Record] = [*self.repo.processes, *self.repo.sops]
        targets = self.rng.sample(candidates, self.defect_total)
        kinds = assign_kinds(self.rng, targets)
        slots = range(self.window, self.count)
        if len(targets) <= len(slots):
            chosen = sorted(self.rng.sample(slots, len(targets)))
        else:
            chosen = [slots[k * len(slots) // len(targets)] for k in range(len(targets))]
        for slot, target, kind in zip(chosen, targets, kinds, strict=True):
            self.defects_at.setdefault(slot, []).append((target, kind))

    def apply_defect(self, change: Change, record: Record, kind: str) -> None:
        injection = inject(self.rng, self.repo, record, kind)
        self.defects.append(injection.defect)
        change.touched.extend(injection.touched)
        if injection.rename is not None:
            change.renames.append(injection.rename)
        if not change.subject:
            change.subject = f"Update {record.id}"

    # --- writing ----------------------------------------------------------------------------

    def write(self, change: Change, when: int) -> None:
        """Renames first (except of files this very commit adds), then each file once."""
        added = {id(record) for record in change.added}
        renames = [(old, new) for record, old, new in change.renames if id(record) not in added]
        files: list[tuple[str, str]] = []
        seen: set[int] = set()
        for record in change.touched:
            if id(record) not in seen:
                seen.add(id(record))
                files.append((record.path, render(record)))
        files.extend(change.raw)
        self.stream.commit(change.author, when, change.message(), renames, files)


def add_batches(repo: Repository, count: int) -> list[list[Record]]:
    """Split the files into ``count`` batches; each process comes right after its SOPs."""
    order: list[Record] = []
    added: set[str] = set()
    by_id = {sop.id: sop for sop in repo.sops}
    for process in repo.processes:
        for step in process.steps:
            if step.sop is not None and step.sop not in added:
                added.add(step.sop)
                order.append(by_id[step.sop])
        order.append(process)
    return [order[k * len(order) // count : (k + 1) * len(order) // count] for k in range(count)]


def reformat_slots(first: int, window: int, commits: int) -> set[int]:
    """A few evenly spaced reformat commits, each followed by its ignore-revs commit,
    all before the defect window. None in histories too short to hold them."""
    wanted = max(1, commits // 10_000) if commits >= 100 else 0
    room = window - 1 - first
    if room < 2 * (wanted + 1):
        return set()
    return {first + (k + 1) * room // (wanted + 1) for k in range(wanted)}


def edit_record(rng: random.Random, record: Record, day: date) -> str:
    if isinstance(record, Process):
        return edit_process(rng, record)
    return edit_sop(rng, record, day)


def edit_sop(rng: random.Random, sop: Sop, day: date) -> str:
    """One small, realistic change; returns the commit subject that describes it."""
    roll = rng.random()
    if roll < 0.1 and "last_reviewed" in sop.fields:
        sop.fields["last_reviewed"] = day
        return f"Mark {sop.id} as reviewed"
    if roll < 0.3:
        key = rng.choice(("tool", "account", "format", "tone"))
        if key in ("tool", "account"):
            return retool_sop(rng, sop, key)
        options = sop.area.formats if key == "format" else sop.area.tones
        sop.fields[key] = rng.choice(options)
        return f"Update {key} in {sop.id}"
    if roll < 0.4 and len(sop.steps) < 10:
        sop.steps.insert(rng.randrange(1, len(sop.steps) + 1), step_text(rng, sop))
        return f"Add a step to {sop.id}"
    if roll < 0.5 and len(sop.steps) > 4:
        del sop.steps[rng.randrange(1, len(sop.steps))]
        return f"Remove an outdated step from {sop.id}"
    position = edit_sop_step(rng, sop)
    return rng.choice((f"Clarify step {position} of {sop.id}", f"Fix wording in {sop.id}"))


def retool_sop(rng: random.Random, sop: Sop, key: str) -> str:
    """Move the SOP to another tool of its area (with an account of that tool), or to another
    account of its tool; the instructions follow, so they keep naming the SOP's own tool."""
    tool = str(sop.fields["tool"])
    if key == "tool":
        tool = rng.choice([other for other in sop.area.tools if other != tool])
    retool(sop, tool, rng.choice(sop.area.accounts_of(tool)))
    return f"Update {key} in {sop.id}"


def edit_sop_step(rng: random.Random, sop: Sop) -> int:
    """Rewrite one instruction; returns its 1-based position. The first one stays the step
    that opens the SOP's tool."""
    position = rng.randrange(len(sop.steps))
    sop.steps[position] = open_step_text(rng, sop) if position == 0 else step_text(rng, sop)
    return position + 1


def edit_process(rng: random.Random, process: Process) -> str:
    """Reword the trigger, outcome or description, or retag the process."""
    what = rng.choice(("trigger", "outcome", "description", "tags"))
    if what == "trigger":
        process.fields["trigger"] = trigger_variant(rng, process.template)
    elif what == "outcome":
        process.fields["outcome"] = outcome_variant(rng, process.template)
    elif what == "description":
        process.fields["description"] = rng.choice(vocab.DESCRIPTIONS).format(
            title_lower=process.template.title.lower()
        )
    else:
        process.fields["tags"] = sorted(rng.sample(vocab.TAGS, k=rng.randint(1, 3)))
    return f"Clarify the {what} of {process.id}"
