"""The tools a repository's SOPs name in `tool:`, for the rules that compare them with the instructions."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from sop_lint.model.repository import Repository, Sop
from sop_lint.model.tool_mentions import tool_names
from sop_lint.rules.support.placeholders import find_placeholder

_END = re.compile(r"(?:['’]s)?[.,:;!?)\"'’]*$")  # what ends a word in a sentence: `Buffer's,`


def own_tools(sop: Sop, placeholders: tuple[str, ...]) -> tuple[str, ...]:
    """The tools the SOP's `tool:` names; none when it is a placeholder (C002 reports that)."""
    return () if sop.tool_use is None else _named(sop.tool_use.tool, placeholders)


@functools.lru_cache(maxsize=1024)
def _named(tool: str, placeholders: tuple[str, ...]) -> tuple[str, ...]:
    return () if find_placeholder(tool, placeholders) is not None else tool_names(tool)


def repository_tools(repository: Repository) -> frozenset[str]:
    """Every tool named in a `tool:` of the repository."""
    placeholders = repository.config.placeholders
    return frozenset(name for sop in repository.sops for name in own_tools(sop, placeholders))


_last: tuple[Repository, dict[str, tuple[str, int, int]]] | None = None


def other_tools_named(repository: Repository) -> dict[str, tuple[str, int, int]]:
    """By SOP path, what `other_tool_named` finds (I005 and I006 both ask: it is worked out
    once for the last repository asked), for the SOPs the run reports on."""
    global _last
    if _last is not None and _last[0] is repository:
        return _last[1]
    tools: frozenset[str] | None = None  # gathered when first needed: most runs never need them
    placeholders = repository.config.placeholders
    found = {}
    for sop in repository.sops:
        use = sop.tool_use
        if use is None or use.mentioned or not use.runs or not repository.reports(sop.path):
            continue  # most SOPs: nothing to look for, told without a call
        tools = repository_tools(repository) if tools is None else tools
        named = other_tool_named(sop, tools, placeholders)
        if named is not None:
            found[sop.path] = named
    _last = (repository, found)
    return found


def other_tool_named(sop: Sop, tools: frozenset[str], placeholders: tuple[str, ...]) -> tuple[str, int, int] | None:
    """The first of the repository's `tools` that this SOP's instructions name, and where,
    when they never name its own; None otherwise."""
    use = sop.tool_use
    if use is None or use.mentioned or not use.runs:
        return None
    own = own_tools(sop, placeholders)
    if not own:
        return None
    first_words = _first_words(tools)
    if first_words is None or first_words.search("\n".join(str(part) for part in use.runs[::3])) is None:
        return None  # no run holds even the first word of a tool, which a match needs
    own_words = {word.lower() for name in own for word in name.split()}
    by_first_word = _by_first_word(tools)
    for text, line, column in _triples(use.runs):
        words = _words(text)
        for index, (start, word) in enumerate(words):
            for name in by_first_word.get(word, ()):
                parts = name.split()
                if name in own or name.lower() in own_words or [w for _, w in words[index : index + len(parts)]] != parts:
                    continue
                return name, line, column + start
    return None


@functools.lru_cache(maxsize=4)
def _first_words(tools: frozenset[str]) -> re.Pattern[str] | None:
    """The first words of the tools as plain substrings: a run in which none is written cannot name one."""
    words = sorted({name.split()[0] for name in tools}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


@functools.lru_cache(maxsize=4)
def _by_first_word(tools: frozenset[str]) -> dict[str, list[str]]:
    """The tools by their first word, longest name first: a run's words are looked up, not searched."""
    index: dict[str, list[str]] = {}
    for name in sorted(tools, key=len, reverse=True):
        index.setdefault(name.split()[0], []).append(name)
    return index


def _words(run: str) -> list[tuple[int, str]]:
    """The words of a run of capitalised words, each with where it starts, without the
    punctuation or possessive that ends it."""
    words, start = [], 0
    for token in run.split(" "):
        words.append((start, _END.sub("", token)))
        start += len(token) + 1
    return words


def _triples(runs: tuple[str | int, ...]) -> Iterator[tuple[str, int, int]]:
    for index in range(0, len(runs), 3):
        text, line, column = runs[index : index + 3]
        assert isinstance(text, str) and isinstance(line, int) and isinstance(column, int)
        yield text, line, column
