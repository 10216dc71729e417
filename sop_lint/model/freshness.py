"""When each SOP was last reviewed, how often it should be, and whether it is overdue.

An SOP's review is not always an edit. It counts as reviewed at the latest of: its last
content change; its `last_reviewed` date (unless in the future, which a rule reports);
and the last commit carrying an `SOP-Reviewed: <id>` trailer. A file changed or added in
the work tree counts as changed now and is marked uncommitted. The interval is the SOP's
`review_every`, else the first `review-intervals` glob that matches its path, else
`review-every` (180 days by default). The owner is the SOP's `owner`, else the
CODEOWNERS entry for its path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from sop_lint.config.settings import Config
from sop_lint.errors import SopLintError
from sop_lint.git.history import Commit, History
from sop_lint.model.summary import ReviewFields
from sop_lint.reading.globs import matches_any

_DURATION = re.compile(r"^([1-9][0-9]*)([dwmy])$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


class Freshness(StrEnum):
    STALE = "stale"
    DUE_SOON = "due-soon"
    FRESH = "fresh"
    UNCOMMITTED = "uncommitted"


@dataclass(frozen=True)
class SopFreshness:
    """Where one SOP stands against its review interval (a row of `sop-lint stale`)."""

    id: str | None
    path: str
    owner: str | None
    status: Freshness
    last_change: Commit | None
    reviewed_at: datetime
    interval_days: int
    days_overdue: int


def duration_days(text: str | None) -> int | None:
    """`30d`, `6w`, `6m` (30 days each), `1y` (365 days) as days; None when not a duration.
    A number of more than nine digits counts as 999,999,999: it means "never" all the
    same, and one of thousands of digits is more than Python turns into a number."""
    match = _DURATION.match(text or "")
    if not match:
        return None
    number = int(match.group(1)) if len(match.group(1)) <= 9 else 999_999_999
    return number * _UNIT_DAYS[match.group(2)]


def parse_now(text: str | None) -> datetime:
    """`--now`: a date or an ISO date-time (UTC when it names no zone); this second when
    absent (reports a person reads print no microseconds)."""
    if text is None:
        return datetime.now(tz=UTC).replace(microsecond=0)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise SopLintError(f"--now {text!r} is not a date: write it like 2026-11-24 or 2026-11-24T09:00:00Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def freshness_of(path: str, identifier: str | None, fields: ReviewFields, history: History, config: Config, now: datetime) -> SopFreshness:
    """The SOP at `path` with id `identifier`. Its owner is the SOP's own `owner`; the
    staleness report falls back to CODEOWNERS, which the rules do not need."""
    interval = interval_days(path, fields, config)
    last_change = history.last_changes.get(path)
    uncommitted = path in history.uncommitted or last_change is None
    moments = [now] if uncommitted else [last_change.date]  # type: ignore[union-attr]
    reviewed = last_reviewed(fields)
    if reviewed is not None and reviewed <= now:
        moments.append(reviewed)
    trailer = history.reviews.get(identifier or "")
    if trailer is not None:
        moments.append(trailer.date)
    reviewed_at = max(moment.astimezone(UTC) for moment in moments)
    age = (now - reviewed_at) // timedelta(days=1)
    # Whole days, as reported: stale once a full day past the interval, due soon from the
    # first day of the window (due in 14 days is within a 14-day window).
    if uncommitted:
        status = Freshness.UNCOMMITTED
    elif age > interval:
        status = Freshness.STALE
    elif age >= interval - (duration_days(config.due_soon) or 0):
        status = Freshness.DUE_SOON
    else:
        status = Freshness.FRESH
    return SopFreshness(
        id=identifier,
        path=path,
        owner=fields.owner,
        status=status,
        last_change=None if uncommitted else last_change,
        reviewed_at=reviewed_at,
        interval_days=interval,
        days_overdue=age - interval,
    )


def interval_days(path: str, fields: ReviewFields, config: Config) -> int:
    own = duration_days(fields.review_every)
    if own is not None:
        return own
    for glob, duration in config.review_intervals:
        if matches_any(path, [glob]):
            return duration_days(duration) or 0
    return duration_days(config.review_every) or 180


def last_reviewed(fields: ReviewFields) -> datetime | None:
    """The SOP's `last_reviewed` as the start of that day in UTC, or None when it is not a date."""
    try:
        day = date.fromisoformat(fields.last_reviewed or "")
    except ValueError:
        return None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
