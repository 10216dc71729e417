"""The fast path for plain documents: yaml-rs (Rust) turns YAML text straight into Python
values, about 14 times faster than libyaml composes it, with no node tree to walk.

It is taken only where it gives exactly what the composers and `json_values` give (the
yaml-test-suite differential test and the benchmark repository hold it to that), so a
cheap screen of the text sends everything else to them: anchors, aliases, tags and merge
keys; keys that would not be text; numbers, dates and escapes that yaml-rs reads
otherwise; a block scalar that ends the text; quoted values and flow collections over
several lines (which the conformance check looks at); several documents; unusual
characters; very long or deeply nested files (the limits of `json_values`). yaml-rs
refuses duplicate keys, and whatever it refuses goes to the composers too, so every
problem keeps today's words and position.
Without the yaml-rs wheel, every document takes the composers' path.

Only the main thread takes this path. yaml-rs 0.1.6 crashes the process (a segmentation
fault, no exception) when threads call it one after another and end, as the language
server's work threads do; a worker process runs on its own main thread. Other threads
read the composers' way: the same values, a little slower.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable

# Longer texts take the composers' path: it counts values against `json_values.MAX_VALUES`,
# which no text this short can reach without aliases.
MAX_FAST_CHARACTERS = 100_000

# The screen costs about what yaml-rs does: one pass in C drops every ordinary byte
# (`bytes.translate`), so that what is left (a few quotes and brackets, and any unusual
# character) is looked at instead of the text; each expression that must read the text
# starts with a literal character, which the engine skips to at C speed. (One expression
# with every case as an alternative cost three times as much.)
_SPECIAL = b"&*!?{}[]<>%\\\"'_#\t"
_ORDINARY = bytes(byte for byte in range(0x20, 0x7F) if byte not in _SPECIAL) + b"\n"
# Refused outright: merge keys, flow mappings (their keys may be numbers), escapes, tabs,
# directives, document markers, deep indentation (with at most 50 brackets and no long
# dash chain, nesting stays under `json_values.MAX_DEPTH`).
_REFUSED_STARTS = ("---", "...")
# An anchor, alias, tag or explicit key, where it starts a value or key (see `_indicator`).
_INDICATOR = re.compile(r"[&*!?]")
# A line's first word that, as a key, may read as a number, null, true or false, or a list.
# (The word's group may grow to the colon: `10:` and `1.5:` are numbers too.)
_KEY = r"[ ]*+(?:-[ ]++)*+(?:[+.~0-9\[][^\n]*?|-[^\s][^\n]*?|[nN]ull|NULL|[tT]rue|TRUE|[fF]alse|FALSE)?[ ]*:(?:[ \r]|$)"
_TYPED_KEY = re.compile(r"\n" + _KEY, re.MULTILINE)
_TYPED_FIRST_KEY = re.compile(_KEY, re.MULTILINE)
# Numbers yaml-rs reads otherwise: `0x1F` with a sign, `0b1`, `.iNf`, `1_000`.
_RADIX = re.compile(r"0(?<![\w.]0)[xXoObB]")
_INFINITY = re.compile(r"\.[iInN][nNaA][fFnN]")
# yaml-rs drops an underscore beside a digit or a point anywhere in a number (`_1`, `1__2`, `._5`).
_UNDERSCORED = re.compile(r"_(?:(?<=[0-9.]_)|(?=[0-9.]))")
# A number too long for the loader (see `plain_scalars.MAX_DIGITS`), in the text with every
# digit made `0` and every other byte `1`.
_DIGIT_RUN = b"0" * 400
_DIGITS_AS_ZERO = bytes(ord("0") if ord("0") <= byte <= ord("9") else ord("1") for byte in range(256))
# A date with a time, which the loader writes in ISO form (the time found first: it is rarer).
_TIME = re.compile(r":[0-9]{2}:[0-9]{2}")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ ]+)[0-9]")
# A dash chain that nests deep (`- - - ...`), or a last line of spaces with no line break.
_DEEP_DASHES = re.compile(r"-(?:[ ]+-){14}")
_SPACES_AT_END = re.compile(r"\n +\Z")
# A quoted value that runs over lines: read pair by pair from a quote that may open a value,
# one that reaches its line's end unclosed (the closing quote's group is empty).
_DOUBLE_QUOTED = re.compile(r'"(?<![^ \[,\n]")[^"\n]*+(")?')
_SINGLE_QUOTED = re.compile(r"'(?<![^ \[,\n]')(?:[^'\n]|'')*+(')?")
# A block scalar (`|`, `>`) that ends the text, which yaml-rs reads with a line break YAML
# has not: an empty one (its header the last line that is not blank), or one whose last line
# has no line break after it.
_LAST_BLOCK_HEADER = re.compile(r"(?:^|[ ])[|>][-+0-9]*[ ]*(?:#[^\n]*)?\Z", re.MULTILINE)
# A document that is one block scalar: a `#` line at the margin is its text to yaml-rs, a
# comment to the composers.
_BLOCK_DOCUMENT = re.compile(r"(?:[ ]*(?:#[^\n]*)?\n)*[ ]*[|>]")
# Characters yaml-rs reads where YAML forbids them, or that break lines for YAML 1.2 only.
_UNUSUAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]|\r(?!\n)")
# The first `[` of each line that holds one, and the rest of its line (starting with the
# bracket, so the engine skips to each at C speed: one that tried every line from its
# start cost seven times as much).
_FIRST_BRACKET = re.compile(r"\[([^\n]*)")
_MAX_BRACKETS = 50
# What may come before a flow collection on its line: indentation, `- `, or a key.
_VALUE_START = re.compile(r"[ \t]*(?:-[ \t]+)*(?:[^\n]*:[ \t]+)?")
_FLOW_AFTER_KEY = re.compile(r":[ \t]+\[")
# The rest of a line after a flow sequence's `[`: words, and nested sequences, to a last `]`.
_PLAIN_ITEMS = re.compile(r"[\w .,/@+\-\[\]]*\][ \t]*\r?")


class NotFast(Exception):
    """The text must go the composers' way."""


def fast_values(text: str) -> object:
    """What `text` holds, as the composers and `json_values` read it; raises `NotFast`
    for what this path does not take."""
    if threading.current_thread() is not threading.main_thread():
        raise NotFast  # yaml-rs 0.1.6 crashes a process whose threads call it and end (see below)
    loads = _loads()
    if loads is None or len(text) > MAX_FAST_CHARACTERS or not _plain(text):
        raise NotFast
    try:
        return loads(text)
    except Exception:  # a syntax error or duplicate key: the composers word it
        raise NotFast from None


def _plain(text: str) -> bool:
    """Whether nothing in `text` needs the composers' path."""
    encoded = text.encode("utf-8", "surrogatepass")
    rare = encoded.translate(None, _ORDINARY)
    if (
        b"<<" in rare or b"{" in rare or b"\\" in rare or b"\t" in rare or b"%" in rare
        or rare.count(b"[") > _MAX_BRACKETS
        or (rare.translate(None, _SPECIAL) and _UNUSUAL.search(text))
        or "\n---" in text or "\n..." in text or text.startswith(_REFUSED_STARTS) or " " * 40 in text
        or (text.endswith(" ") and _SPACES_AT_END.search(text))
        or _DIGIT_RUN in encoded.translate(_DIGITS_AS_ZERO)
    ):
        return False
    if (b"&" in rare or b"*" in rare or b"!" in rare or b"?" in rare) and any(_indicator(text, m.start()) for m in _INDICATOR.finditer(text)):
        return False
    if _TYPED_FIRST_KEY.match(text) or _TYPED_KEY.search(text) or _RADIX.search(text) or _INFINITY.search(text):
        return False
    if (b"_" in rare and _UNDERSCORED.search(text)) or (_TIME.search(text) and _TIMESTAMP.search(text)) or _DEEP_DASHES.search(text):
        return False
    if (b'"' in rare and _unclosed(_DOUBLE_QUOTED, text)) or (b"'" in rare and _unclosed(_SINGLE_QUOTED, text)):
        return False
    if ("|" in text or b">" in rare) and _block_scalar_read_otherwise(text):
        return False
    return b"[" not in rare or all(_one_line_sequence(text, bracket) for bracket in _FIRST_BRACKET.finditer(text))


def _block_scalar_read_otherwise(text: str) -> bool:
    """Whether a block scalar may end the text (see `_LAST_BLOCK_HEADER`) or be the document
    with a `#` line at the margin (`_BLOCK_DOCUMENT`)."""
    if not text.endswith("\n") or ("\n#" in text and _BLOCK_DOCUMENT.match(text)):
        return True
    last = text.rstrip()
    return _LAST_BLOCK_HEADER.search(last, last.rfind("\n") + 1) is not None


def _unclosed(quoted: re.Pattern[str], text: str) -> bool:
    return "" in quoted.findall(text)  # the closing quote's group, empty where none closes


def _indicator(text: str, index: int) -> bool:
    """Whether the `&`, `*`, `!` or `?` at `index` may start a value or key: only spaces
    before it on its line, or one of `:-?,[` before those spaces."""
    before = text[text.rfind("\n", 0, index) + 1 : index].rstrip(" ")
    return not before or before[-1] in ":-?,["


def _one_line_sequence(text: str, bracket: re.Match[str]) -> bool:
    """Whether a line's first `[` is in plain text (no flow sequence follows it on the line)
    or starts a flow sequence that closes on the line, its items words (no quotes, colons,
    comments or indicators, which could hide a bracket, type a key or read otherwise);
    anything else may run over lines."""
    start = bracket.start()
    before, rest = text[text.rfind("\n", 0, start) + 1 : start], bracket.group(1)
    if not _VALUE_START.fullmatch(before):
        return _FLOW_AFTER_KEY.search(rest) is None
    return _PLAIN_ITEMS.fullmatch(rest) is not None and rest.count("[") + 1 == rest.count("]")


@functools.cache
def _loads() -> Callable[[str], object] | None:
    try:
        import yaml_rs
    except ImportError:
        return None
    return functools.partial(yaml_rs.loads, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
