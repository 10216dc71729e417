"""Glob patterns relative to the SOP root, as users write them in configuration and CODEOWNERS.

`*` and `?` stay within one folder, `**` as a whole path segment spans any number of folders
(including none), as in .gitignore and pre-commit; `**` inside a segment (`**.md`) is `*`.
`fnmatch` would let `*` cross folders.

Patterns come from people and from files others commit, so matching must take time in
proportion to the path, whatever the pattern: a plain translation to a regular expression
backtracks through every way to share a path among the wildcards (minutes for
`*a*a*a*a*a*a*a*ab`). The translation here commits, segment by segment and chunk by chunk,
to the leftmost place each fixed part can match (atomic groups); for wildcards that match
anything, the leftmost place is always as good as any later one, so the answer is the same.
"""

from __future__ import annotations

import functools
import re

_SEGMENTS = r"(?:[^/]*+/)*?"  # any number of whole folders, fewest first


class GlobError(ValueError):
    """A pattern that cannot be read; the message says why in plain words."""


@functools.cache
def compile_glob(pattern: str) -> re.Pattern[str]:
    """The pattern as an expression for `.match` on a whole path; raises GlobError."""
    return re.compile(_glob_source(pattern))


def matches_any(path: str, patterns: tuple[str, ...] | list[str]) -> bool:
    return _any_of(tuple(patterns)).match(path) is not None


@functools.cache
def _any_of(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for a list of globs: discovery asks of every file in the tree."""
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile("|".join(f"(?:{_glob_source(pattern)})" for pattern in patterns))


def may_match_inside(folder: str, patterns: tuple[str, ...] | list[str]) -> bool:
    """Whether some path in `folder` (relative, without a trailing `/`) could match one of
    `patterns`, judged by the folders each pattern spells out before its first wildcard."""
    inside = folder + "/"
    for pattern in patterns:
        fixed = fixed_folder(pattern)
        fixed = fixed + "/" if fixed else ""
        if inside.startswith(fixed) or fixed.startswith(inside):
            return True
    return False


def fixed_folder(pattern: str) -> str:
    """The folders a pattern spells out before its first wildcard, without a trailing `/`:
    `sops/**/*.md` gives `sops`, `**/*.md` gives `""`."""
    fixed = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
    return fixed[: max(fixed.rfind("/"), 0)]


@functools.cache
def _glob_source(pattern: str) -> str:
    """The expression, ending in `\\Z`. Runs of whole folders (`**`) split the pattern into
    chunks of segments: the first is anchored at the start, the last at the end, and each
    one between is committed at its leftmost place."""
    chunks: list[list[str]] = [[]]
    for segment in _segments(pattern):
        if segment is None:
            chunks.append([])
        else:
            chunks[-1].append(segment)
    if len(chunks) == 1:
        return "(?s:" + "/".join(chunks[0]) + r")\Z"
    first, *middle, last = chunks
    regex = "/".join(first) + ("/" if first else "")
    regex += "".join(f"(?>{_SEGMENTS}{'/'.join(chunk)}/)" for chunk in middle)
    regex += _SEGMENTS + "/".join(last) if last else ".*"
    return "(?s:" + regex + r")\Z"


def _segments(pattern: str) -> list[str | None]:
    """Each `/`-separated segment as an expression for one folder or file name, None for `**`."""
    segments: list[str | None] = []
    for text in _split(pattern):
        if len(text) >= 2 and set(text) == {"*"}:
            if not segments or segments[-1] is not None:
                segments.append(None)
        else:
            segments.append(_segment(text))
    return segments


def _split(pattern: str) -> list[str]:
    """The pattern's segments; a `/` inside `[...]` does not split (it matches nothing there)."""
    segments, start, index = [], 0, 0
    while index < len(pattern):
        if pattern[index] == "[" and (end := _set_end(pattern, index)) is not None:
            index = end + 1
        elif pattern[index] == "/":
            segments.append(pattern[start:index])
            start = index = index + 1
        else:
            index += 1
    return [*segments, pattern[start:]]


def _segment(text: str) -> str:
    """One segment: fixed parts between `*`s. The last part must end the segment; every
    other is committed at its leftmost place, the classic linear wildcard match."""
    parts: list[str] = [""]
    index = 0
    while index < len(text):
        char = text[index]
        if char == "*":
            while index < len(text) and text[index] == "*":
                index += 1
            parts.append("")
            continue
        if char == "?":
            parts[-1] += "[^/]"
        elif char == "[" and (end := _set_end(text, index)) is not None:
            parts[-1] += _set(text, index, end)
            index = end
        else:
            parts[-1] += re.escape(char)
        index += 1
    if len(parts) == 1:
        return "(?>" + parts[0] + ")(?![^/])"
    middle = "".join(f"(?>[^/]*?{part})" for part in parts[1:-1] if part)
    return "(?>" + parts[0] + middle + "[^/]*" + parts[-1] + "(?![^/]))"


def _set_end(text: str, start: int) -> int | None:
    """Where the `[...]` opened at `start` closes (a `]` right after `[`, `[!` or `[^` is a
    member), None when it never does: then `[` is an ordinary character."""
    index = start + 1
    if index < len(text) and text[index] in "!^":
        index += 1
    if index < len(text) and text[index] == "]":
        index += 1
    end = text.find("]", index)
    return None if end < 0 else end


def _set(text: str, start: int, end: int) -> str:
    """`[...]` as an expression for one character, never `/`."""
    body = text[start + 1 : end]
    negated = body[:1] in ("!", "^")
    body = body[1:] if negated else body
    members, index = [], 0
    while index < len(body):
        if index + 2 < len(body) and body[index + 1] == "-":
            low, high = body[index], body[index + 2]
            if low > high:
                raise GlobError(f"the range `{low}-{high}` in `{text[start : end + 1]}` runs backwards: write `{high}-{low}`")
            members.append(re.escape(low) + "-" + re.escape(high))
            index += 3
        else:
            members.append(re.escape(body[index]))
            index += 1
    if negated:
        return "[^/" + "".join(members) + "]"
    return "(?!/)[" + "".join(members) + "]"
