"""The staleness report in each format `sop-lint stale` offers: one plain function each
(HTML, the longest, has its own module).

Dates print in ISO 8601, UTC. JSON and CSV are flat lists, most overdue first; text and
Markdown can be grouped by owner for people reading them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from sop_lint.findings import json_visible, visible
from sop_lint.model.freshness import Freshness, SopFreshness
from sop_lint.reporters.digest import render_digest
from sop_lint.reporters.freshness_html import render_html
from sop_lint.reporters.freshness_rows import HEADINGS, groups, row, with_contact
from sop_lint.reporters.markdown import table_cell

STALE_JSON_VERSION = 1
# The fields of one SOP in JSON and CSV, in this order (the JSON contract, SPEC §6; fields
# are only ever added, at the end).
RECORD_FIELDS = (
    "id", "path", "owner", "status", "last_change", "commit", "author", "reviewed_at", "interval_days", "days_overdue",
    "title", "reviewed_by",
)


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def as_record(sop: SopFreshness) -> dict[str, object]:
    change = sop.last_change
    return {
        "id": sop.id,
        "path": sop.path,
        "owner": sop.owner,
        "status": sop.status.value,
        "last_change": iso(change.date if change else None),
        "commit": change.id if change else None,
        "author": change.author if change else None,
        "reviewed_at": iso(sop.reviewed_at),
        "interval_days": sop.interval_days,
        "days_overdue": sop.days_overdue,
        "title": sop.title,
        "reviewed_by": sop.reviewed_by.value,
    }


def render_json(sops: list[SopFreshness], now: datetime, group_by_owner: bool, contacts: Mapping[str, str] | None = None) -> str:
    document = {"version": STALE_JSON_VERSION, "now": iso(now), "sops": [as_record(sop) for sop in sops]}
    return json_visible(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def render_csv(sops: list[SopFreshness], now: datetime, group_by_owner: bool, contacts: Mapping[str, str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RECORD_FIELDS, lineterminator="\n")
    writer.writeheader()
    # Text for a spreadsheet, which a person reads: shown as the text reports show it.
    writer.writerows({key: visible(value) if isinstance(value, str) else value for key, value in as_record(sop).items()} for sop in sops)
    return out.getvalue()


def render_text(sops: list[SopFreshness], now: datetime, group_by_owner: bool, contacts: Mapping[str, str] | None = None) -> str:
    sections = []
    for owner, group in groups(sops, group_by_owner):
        rows = [[visible(cell) for cell in row(sop, shorten=True)] for sop in group]
        widths = [max(len(cells[i]) for cells in [list(HEADINGS), *rows]) for i in range(len(HEADINGS))]
        lines = [aligned([heading.upper() for heading in HEADINGS], widths)] + [aligned(cells, widths) for cells in rows]
        sections.append((f"{visible(with_contact(owner, contacts))}\n" if owner else "") + "\n".join(lines))
    return "\n\n".join(sections) + "\n" + _summary(sops, now) + "\n"


def render_markdown(sops: list[SopFreshness], now: datetime, group_by_owner: bool, contacts: Mapping[str, str] | None = None) -> str:
    """Grouped by owner, the owner digest (see `reporters.digest`); else one table."""
    if group_by_owner:
        return render_digest(sops, now, _summary(sops, now), contacts or {})
    parts = [f"## SOP review report, {now.astimezone(UTC).date().isoformat()}", "", _summary(sops, now), ""]
    parts += ["| " + " | ".join(HEADINGS) + " |", "|" + " --- |" * len(HEADINGS)]
    parts += ["| " + " | ".join(map(table_cell, row(sop))) + " |" for sop in sops]
    return "\n".join([*parts, ""])


def aligned(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _summary(sops: list[SopFreshness], now: datetime) -> str:
    counts = {status: sum(sop.status is status for sop in sops) for status in Freshness}
    parts = ", ".join(f"{counts[status]} {status.value}" for status in Freshness)
    return f"{len(sops)} SOPs on {now.astimezone(UTC).date().isoformat()}: {parts}."


FreshnessReporter = Callable[[list[SopFreshness], datetime, bool, Mapping[str, str] | None], str]

FRESHNESS_REPORTERS: dict[str, FreshnessReporter] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "csv": render_csv,
    "html": render_html,
}
