"""What a value or a step written in another form was meant to be, in words that say how
to write it: `12/03/2026` could be either of two days, `2026-13-01` is no day at all,
`3 months` is `3m`, `- Post the job ad: post-job-ad` is a step's name and SOP on one
line. A schema only knows that such a value is not in its form."""

from __future__ import annotations

import calendar
import datetime
import json
import re

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SLASHED_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YEAR_FIRST_DATE = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_MONTH_FIRST_DATE = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")
_DAY_FIRST_DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?,? (\d{4})")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
# How messages name the types a schema allows.
TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of `key: value` lines",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}
_STEP_KEYS = frozenset({"name", "sop", "process", "order", "description"})
_SPELLED_DURATION = re.compile(r"(\d+)\s*(d|days?|w|wks?|weeks?|m|mos?|months?|y|yrs?|years?)\.?", re.IGNORECASE)


def iso_date(value: str) -> str | None:
    """The one YYYY-MM-DD day a date written in another form means (`2026/03/12`, `March
    12, 2026`, `12 Mar 2026`, `25/12/2026`), or None when it is not one day for certain."""
    text = value.strip()
    if match := _YEAR_FIRST_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif (match := _MONTH_FIRST_DATE.fullmatch(text)) or (match := _DAY_FIRST_DATE.fullmatch(text)):
        name, day_text = (match[1], match[2]) if match.re is _MONTH_FIRST_DATE else (match[2], match[1])
        month = _month_number(name)
        year, day = int(match[3]), int(day_text)
    elif match := _SLASHED_DATE.fullmatch(text):
        first, second, year = (int(part) for part in match.groups())
        if first <= 12 and second <= 12 and first != second:
            return None  # 03/04: the third of April or the fourth of March
        month, day = (second, first) if first > 12 else (first, second)
    else:
        return None
    if not (1 <= month <= 12 and year >= 1 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return f"{year:04}-{month:02}-{day:02}"


def _month_number(name: str) -> int:
    """1 to 12 for a month's English name or its first three letters (`Sept` too), else 0."""
    folded = name.lower()
    for number, month in enumerate(_MONTHS, 1):
        if folded == month.lower() or (len(folded) >= 3 and month.lower().startswith(folded)):
            return number
    return 0


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
    if written := iso_date(text):
        return f"write it as YYYY-MM-DD: `{written}`"
    return None


def short_duration(value: str) -> str | None:
    """The short form of a spelled-out duration: `3 months` is `3m`. None for no time at
    all (`0 months`): `0m` is not an interval either."""
    match = _SPELLED_DURATION.fullmatch(value.strip())
    return None if match is None or int(match[1]) == 0 else f"{int(match[1])}{match[2][0].lower()}"


def duration_advice(value: str) -> str | None:
    short = short_duration(value)
    return None if short is None else f"write `{short}` (a number and d, w, m or y: days, weeks, months of 30 days, years)"


def form_replacement(keyword: str, expected: object, value: str) -> str | None:
    """What a date or duration in another form is, written in the schema's form, when that
    is certain: what a fix may write in its place."""
    if keyword == "format" and expected == "date":
        return iso_date(value)
    if keyword == "pattern" and "dwmy" in str(expected):
        return short_duration(value)
    return None


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


def plain_or_quoted(text: str) -> str:
    """`text` as the value of `name:` a reader can copy: in double quotes when, written
    plain, YAML would read it otherwise (`Post: schedule`, `# 1`, `"Draft"`), a name the
    file gave as a quoted key."""
    plain = text == text.strip() and ": " not in text and " #" not in text and not text.endswith(":")
    if plain and text and text[0] not in "-?:,[]{}#&*!|>'\"%@`":
        return text
    return json.dumps(text, ensure_ascii=False)


def type_words(value: object) -> str:
    """A value as a message names it: `true`, the text `x`, a list."""
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value is None:
        return "empty"
    if isinstance(value, str):
        return f"the text `{value}`"
    if isinstance(value, (int, float)):
        return f"the number `{value}`"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


# jsonschema's `date` format: this form, and a day the calendar has.
_SCHEMA_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def is_schema_date(value: str) -> bool:
    """Whether `value` passes jsonschema's `date` format check, for jsonschema-rs to use
    (its own takes `0000-01-01`, which Python's calendar has not)."""
    try:
        return bool(_SCHEMA_DATE.fullmatch(value) and datetime.date.fromisoformat(value))
    except ValueError:
        return False
