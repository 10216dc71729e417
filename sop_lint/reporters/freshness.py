"""The staleness report in each format `sop-lint stale` offers: one plain function each
(HTML, the longest, has its own module).

Dates print in ISO 8601, UTC. JSON and CSV are flat lists, most overdue first; text and
Markdown can be grouped by owner for people reading them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import groupby

from sop_lint.model.freshness import Freshness, SopFreshness
from sop_lint.reporters.freshness_html import render_html

STALE_JSON_VERSION = 1
_NO_OWNER = "(no owner)"
_COLUMNS = ("status", "overdue", "id", "owner", "last change", "commit", "author", "interval", "path")
# The fields of one SOP in JSON and CSV, in this order (the JSON contract, SPEC §6).
RECORD_FIELDS = ("id", "path", "owner", "status", "last_change", "commit", "author", "reviewed_at", "interval_days", "days_overdue")


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def as_record(review: SopFreshness) -> dict[str, object]:
    change = review.last_change
    return {
        "id": review.id,
        "path": review.path,
        "owner": review.owner,
        "status": review.status.value,
        "last_change": iso(change.date if change else None),
        "commit": change.id if change else None,
        "author": change.author if change else None,
        "reviewed_at": iso(review.reviewed_at),
        "interval_days": review.interval_days,
        "days_overdue": review.days_overdue,
    }


def render_json(reviews: list[SopFreshness], now: datetime, group_by_owner: bool) -> str:
    document = {"version": STALE_JSON_VERSION, "now": iso(now), "sops": [as_record(review) for review in reviews]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_csv(reviews: list[SopFreshness], now: datetime, group_by_owner: bool) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RECORD_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(as_record(review) for review in reviews)
    return out.getvalue()


def render_text(reviews: list[SopFreshness], now: datetime, group_by_owner: bool) -> str:
    sections = []
    for owner, group in _groups(reviews, group_by_owner):
        rows = [_cells(review) for review in group]
        widths = [max(len(row[i]) for row in [list(_COLUMNS), *rows]) for i in range(len(_COLUMNS))]
        lines = [_aligned([c.upper() for c in _COLUMNS], widths)] + [_aligned(row, widths) for row in rows]
        sections.append((f"{owner}\n" if owner else "") + "\n".join(lines))
    return "\n\n".join(sections) + "\n" + _summary(reviews, now) + "\n"


def render_markdown(reviews: list[SopFreshness], now: datetime, group_by_owner: bool) -> str:
    parts = [f"## SOP review report, {iso(now)}", "", _summary(reviews, now), ""]
    for owner, group in _groups(reviews, group_by_owner):
        if owner:
            parts += [f"### {owner}", ""]
        parts += ["| " + " | ".join(_COLUMNS) + " |", "|" + " --- |" * len(_COLUMNS)]
        parts += ["| " + " | ".join(cell.replace("|", "\\|") for cell in _cells(review)) + " |" for review in group]
        parts.append("")
    return "\n".join(parts)


def _groups(reviews: list[SopFreshness], by_owner: bool) -> list[tuple[str, list[SopFreshness]]]:
    if not by_owner:
        return [("", reviews)]
    ordered = sorted(reviews, key=lambda review: (review.owner is None, review.owner or "", -review.days_overdue, review.path))
    return [(owner or _NO_OWNER, list(group)) for owner, group in groupby(ordered, key=lambda review: review.owner)]


def _cells(review: SopFreshness) -> list[str]:
    change = review.last_change
    return [
        review.status.value,
        f"{review.days_overdue}d",
        review.id or "",
        review.owner or "",
        change.date.astimezone(UTC).date().isoformat() if change else "",
        change.id[:10] if change else "",
        change.author if change else "",
        f"{review.interval_days}d",
        review.path,
    ]


def _aligned(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _summary(reviews: list[SopFreshness], now: datetime) -> str:
    counts = {status: sum(review.status is status for review in reviews) for status in Freshness}
    parts = ", ".join(f"{counts[status]} {status.value}" for status in Freshness)
    return f"{len(reviews)} SOPs on {now.astimezone(UTC).date().isoformat()}: {parts}."


FreshnessReporter = Callable[[list[SopFreshness], datetime, bool], str]

FRESHNESS_REPORTERS: dict[str, FreshnessReporter] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "csv": render_csv,
    "html": render_html,
}
