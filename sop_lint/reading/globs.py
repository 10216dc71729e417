"""Glob patterns relative to the SOP root, as users write them in configuration.

`*` and `?` stay within one folder, `**` spans any number of folders (including none),
as in .gitignore and pre-commit. `fnmatch` would let `*` cross folders.
"""

from __future__ import annotations

import functools
import re


@functools.cache
def compile_glob(pattern: str) -> re.Pattern[str]:
    regex = ""
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            regex += "(?:.*/)?"
            index += 3
        elif pattern.startswith("**", index):
            regex += ".*"
            index += 2
        elif pattern[index] == "*":
            regex += "[^/]*"
            index += 1
        elif pattern[index] == "?":
            regex += "[^/]"
            index += 1
        elif pattern[index] == "[" and "]" in pattern[index + 1 :]:
            end = pattern.index("]", index + 1)
            body = pattern[index + 1 : end]
            regex += "[" + ("^" + body[1:] if body.startswith("!") else body) + "]"
            index = end + 1
        else:
            regex += re.escape(pattern[index])
            index += 1
    return re.compile(regex + r"\Z")


def matches_any(path: str, patterns: tuple[str, ...] | list[str]) -> bool:
    return _any_of(tuple(patterns)).match(path) is not None


@functools.cache
def _any_of(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for a list of globs: discovery asks of every file in the tree."""
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile("|".join(f"(?:{compile_glob(pattern).pattern})" for pattern in patterns))


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
