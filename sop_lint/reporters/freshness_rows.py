"""One SOP as a row people read in the staleness reports (text, Markdown, HTML): when it is
due in words, never as a negative number; when and how it was last reviewed; its title
beside its id. JSON and CSV keep the plain fields (see `reporters.freshness`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC
from itertools import groupby

from sop_lint.model.freshness import CALENDAR_DAYS, Freshness, ReviewedBy, SopFreshness

HEADINGS = ("status", "due", "SOP", "owner", "last reviewed", "by", "every", "path")
# How each kind of review reads in the `by` column.
_BY = {ReviewedBy.EDIT: "edit", ReviewedBy.LAST_REVIEWED: "last_reviewed", ReviewedBy.TRAILER: "trailer", ReviewedBy.NOW: "edit (uncommitted)"}
_TITLE_AT_MOST = 48
_NO_OWNER = "(no owner)"


def due_words(sop: SopFreshness) -> str:
    """`96 days overdue`, `due today`, `due in 28 days`, `never due`; `not committed` for
    an SOP whose changes are not committed yet."""
    if sop.status is Freshness.UNCOMMITTED:
        return "not committed"
    if sop.interval_days >= CALENDAR_DAYS:
        return "never due"
    days = sop.days_overdue
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} overdue"
    if days == 0:
        return "due today"
    return f"due in {-days} day{'s' if days != -1 else ''}"


def sop_words(identifier: str | None, title: str | None, shorten: bool) -> str:
    """`schedule-post: Schedule the promotional post`, the title cut short for a terminal."""
    title = title or ""
    if shorten and len(title) > _TITLE_AT_MOST:
        title = title[: _TITLE_AT_MOST - 1].rstrip() + "…"
    return f"{identifier}: {title}" if identifier and title else identifier or title


def row(sop: SopFreshness, *, shorten: bool = False) -> list[str]:
    """The cells under `HEADINGS`, as plain text (each format escapes them its own way)."""
    every = "never" if sop.interval_days >= CALENDAR_DAYS else f"{sop.interval_days} days"
    return [
        sop.status.value,
        due_words(sop),
        sop_words(sop.id, sop.title, shorten),
        sop.owner or "",
        sop.reviewed_at.astimezone(UTC).date().isoformat(),
        f"{_BY[sop.reviewed_by]} by {sop.last_change.author}" if sop.reviewed_by is ReviewedBy.EDIT and sop.last_change else _BY[sop.reviewed_by],
        every,
        sop.path,
    ]


def groups(sops: list[SopFreshness], by_owner: bool) -> list[tuple[str, list[SopFreshness]]]:
    """The SOPs in one group, or by owner (those without one last), each most overdue first."""
    if not by_owner:
        return [("", sops)]
    ordered = sorted(sops, key=lambda sop: (sop.owner is None, sop.owner or "", -sop.days_overdue, sop.path))
    return [(owner or _NO_OWNER, list(group)) for owner, group in groupby(ordered, key=lambda sop: sop.owner)]


def with_contact(owner: str, contacts: Mapping[str, str] | None) -> str:
    """An owner's heading: `@social-team (#social on Slack)`, with the inventory's contact."""
    contact = (contacts or {}).get(owner)
    return f"{owner} ({contact})" if contact else owner
