"""What a value or a step written in another form was meant to be, in words that say how
to write it: `12/03/2026` could be either of two days, `2026-13-01` is no day at all,
`3 months` is `3m`, `- Post the job ad: post-job-ad` is a step's name and SOP on one
line. A schema only knows that such a value is not in its form."""

from __future__ import annotations

import calendar
import re

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SLASHED_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_STEP_KEYS = frozenset({"name", "sop", "process", "order", "description"})
_SPELLED_DURATION = re.compile(r"(\d+)\s*(d|days?|w|wks?|weeks?|m|mos?|months?|y|yrs?|years?)\.?", re.IGNORECASE)


def date_advice(value: str) -> str | None:
    """How to write `value` as YYYY-MM-DD, when it is recognisably a date."""
    text = value.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        if not 1 <= month <= 12:
            return f"there is no month {month}: write a real date, as YYYY-MM-DD"
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return f"{_MONTHS[month - 1]} {year} has no day {day}: write a real date, as YYYY-MM-DD"
        return None
    if match := _SLASHED_DATE.fullmatch(text):
        first, second, year = (int(part) for part in match.groups())
        if first <= 12 and second <= 12 and first != second:
            return (
                f"write it as YYYY-MM-DD: {text} could be {first} {_MONTHS[second - 1]} ({year}-{second:02}-{first:02}) "
                f"or {second} {_MONTHS[first - 1]} ({year}-{first:02}-{second:02})"
            )
        month, day = (second, first) if first > 12 or first == second else (first, second)
        if 1 <= month <= 12:
            return f"write it as YYYY-MM-DD: `{year}-{month:02}-{day:02}`"
    return None


def duration_advice(value: str) -> str | None:
    """The short form of a spelled-out duration: `3 months` is `3m`."""
    match = _SPELLED_DURATION.fullmatch(value.strip())
    if match is None:
        return None
    number, unit = match.groups()
    return f"write `{int(number)}{unit[0].lower()}` (a number and d, w, m or y: days, weeks, months of 30 days, years)"


def form_advice(keyword: str, expected: object, value: str) -> str | None:
    """Words for a date (`format: date`) or a duration (the `[dwmy]` pattern) in another form."""
    if keyword == "format" and expected == "date":
        return date_advice(value)
    if keyword == "pattern" and "dwmy" in str(expected):
        return duration_advice(value)
    return None


def looks_like_id(value: str) -> bool:
    return _ID.fullmatch(value) is not None


def one_line_step(step: object) -> tuple[str, str] | None:
    """`- Post the job ad: post-job-ad`, a step's name and SOP written as one key and its
    value: (name, id), else None."""
    if isinstance(step, dict) and len(step) == 1:
        [(key, value)] = step.items()
        if isinstance(key, str) and key not in _STEP_KEYS and not key.startswith("x-") and isinstance(value, str) and looks_like_id(value):
            return key, value
    return None
