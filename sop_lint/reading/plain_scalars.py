"""What an unquoted YAML scalar means under YAML 1.2 core rules: null, a boolean, an
integer, a float, or text (a date or time as an ISO 8601 string).

Neither parser decides it (both tag every unquoted scalar as plain), so that both give
the same values; integers are bounded, so that none is too long to read or to print."""

from __future__ import annotations

import datetime
import math
import re

# An integer may have at most this many digits (hexadecimal and octal ones: as many as their
# value has in decimal). Python refuses to turn longer ones into text (its limit, 4,300 by
# default, can be set as low as 640), and every message and report would need to; no real
# file holds a number anywhere near this long.
MAX_DIGITS = 500

TOO_LONG_NUMBER = (
    f"a number here has more than {MAX_DIGITS} digits, so sop-lint stops reading the file (a fixed limit; "
    "processes and SOPs never need such a number): shorten it, or quote it to make it text"
)

_LARGEST = 10**MAX_DIGITS

# YAML 1.2 core schema, plus timestamps (which YAML users expect to be dates).
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCTAL = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?))?$"
)


class NumberTooLong(ValueError):
    """An unquoted integer with more than `MAX_DIGITS` digits."""


def resolve_plain_scalar(text: str) -> object:
    """The JSON value of an unquoted YAML scalar under YAML 1.2 core rules; raises
    `NumberTooLong` for an integer beyond `MAX_DIGITS`."""
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT.match(text):
        return _integer(text.lstrip("+-"), 10, text.startswith("-"))
    if _OCTAL.match(text):
        return _integer(text[2:], 8)
    if _HEX.match(text):
        return _integer(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return _timestamp(text)


def _integer(digits: str, base: int, negative: bool = False) -> int:
    """Converts only what has at most `MAX_DIGITS` digits in decimal: a decimal string is
    counted before converting (converting a long one is slow, and Python refuses it), any
    value checked after (hexadecimal and octal ones convert in linear time, and have more
    digits in decimal than as written)."""
    digits = digits.lstrip("0") or "0"
    if base == 10 and len(digits) > MAX_DIGITS:
        raise NumberTooLong(len(digits))
    value = int(digits, base)
    if value >= _LARGEST:
        raise NumberTooLong(len(digits))
    return -value if negative else value


def _timestamp(text: str) -> str:
    """Dates and times as ISO 8601 strings; anything that is not a real date stays as written."""
    match = _TIMESTAMP.match(text)
    if not match:
        return text
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        moment = datetime.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second),
            int((fraction or "0")[:6].ljust(6, "0")),
        )
    except ValueError:
        return text
    iso = moment.isoformat()
    if zone == "Z" or zone == "z":
        return iso + "Z"
    if zone:
        sign, digits = zone[0], zone[1:].replace(":", "")
        hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
        return f"{iso}{sign}{int(hours):02d}:{minutes}"
    return iso
