"""The owner digest: `stale --group-by owner --format markdown`, laid out to be sent as a
weekly reminder. One section per owner (those without one last), each with the owner's
contact from the inventory, what needs doing in one sentence, the command that records
the reviews, and a table of only the SOPs that need a review (stale, due soon, or changed
and not yet committed); the fresh ones are counted, not listed.

Mentions stay escaped, as in every report: posting the digest notifies no one by itself.
A scheduled workflow that means to notify an owner writes the mention itself (see
docs/ci.md), so that a report pasted anywhere else never pings a whole team.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sop_lint.findings import visible
from sop_lint.model.freshness import Freshness, SopFreshness
from sop_lint.reporters.freshness_rows import HEADINGS, groups, row
from sop_lint.reporters.markdown import literal, table_cell

# The owner column says what the section's heading says: left out.
_COLUMNS = [index for index, heading in enumerate(HEADINGS) if heading != "owner"]


def render_digest(sops: list[SopFreshness], now: datetime, summary: str, contacts: Mapping[str, str]) -> str:
    parts = [f"## SOP review report, {now.astimezone(UTC).date().isoformat()}", "", summary, ""]
    for owner, group in groups(sops, True):
        parts += [f"### {literal(visible(owner))}", ""]
        if contact := contacts.get(owner):
            parts += [f"Contact: {literal(visible(contact))}", ""]
        due = [sop for sop in group if sop.status is not Freshness.FRESH]
        parts += [_to_do(group, due), ""]
        if due:
            parts += ["| " + " | ".join(HEADINGS[index] for index in _COLUMNS) + " |", "|" + " --- |" * len(_COLUMNS)]
            parts += ["| " + " | ".join(table_cell(row(sop)[index]) for index in _COLUMNS) + " |" for sop in due]
            parts.append("")
    return "\n".join(parts)


def _to_do(group: list[SopFreshness], due: list[SopFreshness]) -> str:
    """What the owner has to do, in a sentence: how many of each, and how to record it."""
    counts = {status: sum(sop.status is status for sop in group) for status in Freshness}
    total = f"{len(group)} SOP{'s' if len(group) != 1 else ''}"
    if not due:
        return f"Nothing to review: all {total} are fresh." if len(group) != 1 else "Nothing to review: the SOP is fresh."
    said = ", ".join(
        f"{counts[status]} {words}"
        for status, words in ((Freshness.STALE, "stale"), (Freshness.DUE_SOON, "due soon"), (Freshness.UNCOMMITTED, "not committed"))
        if counts[status]
    ) + (f", {counts[Freshness.FRESH]} fresh (not listed)" if counts[Freshness.FRESH] else "")
    reviewable = [sop.id for sop in due if sop.status is not Freshness.UNCOMMITTED and sop.id]
    record = f" Once reviewed, record it: `sop-lint review {' '.join(reviewable)}`, then commit." if reviewable else ""
    return f"Of {total}: {said}.{record}"
