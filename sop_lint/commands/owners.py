"""`sop-lint owners`: for each owner, its SOPs and processes, how many of its SOPs are stale
or due soon, and how many of its files fail the checks: who has work waiting.

An item's owner is its own `owner`, else the CODEOWNERS entry for its path, as `stale`
says; owners that differ only in case or a leading `@` are one. A file fails the checks
when it has a finding at or above the fail level (`fail-on`), as `check` counts it. Items
with no owner are listed last, under `(no owner)`, so that nothing goes unseen.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import NamedTuple

from sop_lint.commands.output import Output
from sop_lint.commands.survey import Survey, survey
from sop_lint.findings import Severity
from sop_lint.model.freshness import Freshness, parse_now
from sop_lint.model.queries import owned
from sop_lint.model.repository import Process, Sop
from sop_lint.reporters.tables import TABLE_REPORTERS, Table

HEADINGS = ("owner", "contact", "SOPs", "processes", "stale", "due soon", "failing checks")
FIELDS = ("owner", "contact", "sops", "processes", "stale", "due_soon", "failing", "sop_ids", "process_ids")
_NO_OWNER = "(no owner)"


class Owned(NamedTuple):
    """One owner's row (and its JSON record, in `FIELDS` order); `owner` None for the files with none."""

    owner: str | None
    contact: str | None
    sops: int
    processes: int
    stale: int
    due_soon: int
    failing: int
    sop_ids: list[str]
    process_ids: list[str]


def run_owners(*, root: Path, output_format: str, now: str | None, config_file: Path | None, no_cache: bool) -> Output:
    gc.disable()  # as in check: a short run that allocates a lot
    found = survey(root, config_file=config_file, no_cache=no_cache, now=parse_now(now), with_findings=True)
    level = found.config.fail_on
    failing = {finding.path for finding in found.findings or [] if finding.severity.rank >= level.rank}
    items: list[Process | Sop] = [*found.repository.processes, *found.repository.sops]
    groups = owned(items, {item.path: found.owner_of(item) for item in items})
    records = [_record(found, owner_items, failing) for _, owner_items in sorted(groups.items(), key=lambda group: (not group[0], group[0]))]
    table = Table(
        title="SOPs and processes by owner",
        sentence=_sentence(records, len(failing), level),
        headings=HEADINGS,
        rows=[[record.owner or _NO_OWNER, record.contact or "", *map(str, record[2:7])] for record in records],
        key="owners",
        fields=FIELDS,
        records=[record._asdict() for record in records],
        query={"now": found.now.isoformat().replace("+00:00", "Z"), "fail_on": level.value},
    )
    return Output(TABLE_REPORTERS[output_format](table), 0, tuple(f"sop-lint: note: {note}" for note in found.notes))


def _record(found: Survey, items: list[Process | Sop], failing: set[str]) -> Owned:
    owner = found.owner_of(items[0])
    sops = [item for item in items if isinstance(item, Sop)]
    processes = [item for item in items if isinstance(item, Process)]

    def counted(status: Freshness) -> int:
        return sum(sop.freshness is not None and sop.freshness.status is status for sop in sops)

    return Owned(
        owner, found.contact(owner) if owner else None, len(sops), len(processes), counted(Freshness.STALE),
        counted(Freshness.DUE_SOON), sum(item.path in failing for item in items),
        sorted(sop.id or sop.path for sop in sops), sorted(process.id or process.path for process in processes),
    )


def _sentence(records: list[Owned], failing: int, level: Severity) -> str:
    owners = sum(record.owner is not None for record in records)
    stale = sum(record.stale for record in records)
    return (
        f"{owners} owner{'s' if owners != 1 else ''}; {stale} stale SOP{'s' if stale != 1 else ''}, "
        f"{failing} file{'s' if failing != 1 else ''} with findings at or above {level.value}."
    )
