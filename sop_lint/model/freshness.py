"""When each SOP was last reviewed, how often it should be, and whether it is overdue.

An SOP's review is not always an edit. It counts as reviewed at the latest of: its last
content change; its `last_reviewed` date (unless in the future, which a rule reports);
and the last commit carrying an `SOP-Reviewed: <id>` trailer. A file changed or added in
the work tree counts as changed now and is marked uncommitted. The interval is the SOP's
`review_every`, else the first `review-intervals` glob that matches its path, else
`review-every` (180 days by default). The owner is the SOP's `owner`, else the
CODEOWNERS entry for its path.

Dates are computed within Python's calendar, 0001-01-01 to 9999-12-31 in UTC: a `--now`
outside it is refused, a duration longer than it counts as all of it (never due), and a
due date after it is given in days.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from sop_lint.config.settings import Config
from sop_lint.errors import SopLintError
from sop_lint.git.log import Commit
from sop_lint.model.summary import ReviewFields
from sop_lint.reading.globs import matches_any

if TYPE_CHECKING:
    from sop_lint.git.history import History

_DURATION = re.compile(r"^([1-9][0-9]*)([dwmy])$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
CALENDAR_DAYS = (date.max - date.min).days + 1  # 3,652,059: no date is this far from another


class ReviewedBy(StrEnum):
    """What the SOP's latest review is: a content change, its `last_reviewed` date (a day,
    with no time), or a commit with an `SOP-Reviewed` trailer; `now` for an uncommitted change."""

    EDIT = "edit"
    LAST_REVIEWED = "last_reviewed"
    TRAILER = "trailer"
    NOW = "uncommitted change"


class Freshness(StrEnum):
    STALE = "stale"
    DUE_SOON = "due-soon"
    FRESH = "fresh"
    UNCOMMITTED = "uncommitted"


class SopFreshness(NamedTuple):
    """Where one SOP stands against its review interval (a row of `sop-lint stale`)."""

    id: str | None
    path: str
    owner: str | None
    status: Freshness
    last_change: Commit | None
    reviewed_at: datetime
    interval_days: int
    days_overdue: int
    reviewed_by: ReviewedBy = ReviewedBy.EDIT
    title: str | None = None


def duration_days(text: str | None) -> int | None:
    """`30d`, `6w`, `6m` (30 days each), `1y` (365 days) as days, at most `CALENDAR_DAYS`;
    None when not a duration. The digits are counted before they are read: a number of
    thousands of digits is beyond what Python converts."""
    match = _DURATION.match(text or "")
    if match is None:
        return None
    number, unit = match.groups()
    if len(number) > len(str(CALENDAR_DAYS)):
        return CALENDAR_DAYS
    return min(int(number) * _UNIT_DAYS[unit], CALENDAR_DAYS)


def parse_now(text: str | None) -> datetime:
    """`--now`: a date or an ISO date-time (UTC when it names no zone), as UTC; this second
    when absent (reports a person reads print no microseconds)."""
    if text is None:
        return datetime.now(tz=UTC).replace(microsecond=0)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise SopLintError(f"--now {text!r} is not a date: write it like 2026-11-24 or 2026-11-24T09:00:00Z") from None
    try:
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    except OverflowError:
        raise SopLintError(f"--now {text!r} is out of range: in UTC it must fall between 0001-01-01 and 9999-12-31") from None


def freshness_of(path: str, identifier: str | None, fields: ReviewFields, history: History, config: Config, now: datetime) -> SopFreshness:
    """The SOP at `path` with id `identifier`. Its owner is the SOP's own `owner`; the
    staleness report falls back to CODEOWNERS, which the rules do not need."""
    interval = interval_days(path, fields, config)
    last_change = history.last_changes.get(path)
    uncommitted = path in history.uncommitted or last_change is None
    moments = [(now, ReviewedBy.NOW) if uncommitted else (last_change.date, ReviewedBy.EDIT)]  # type: ignore[union-attr]
    reviewed = last_reviewed(fields)
    if reviewed is not None and reviewed <= now:
        moments.append((reviewed, ReviewedBy.LAST_REVIEWED))
    trailer = history.reviews.get(identifier or "")
    if trailer is not None:
        moments.append((trailer.date, ReviewedBy.TRAILER))
    # The latest wins; on a tie, the first listed (an edit is also the review it records).
    reviewed_at, reviewed_by = max(((moment.astimezone(UTC), by) for moment, by in moments), key=lambda item: item[0])
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
        reviewed_by=reviewed_by,
    )


def due_date(freshness: SopFreshness) -> date | None:
    """The day the SOP falls due; None when that is after 9999-12-31."""
    try:
        return (freshness.reviewed_at + timedelta(days=freshness.interval_days)).date()
    except OverflowError:
        return None


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
