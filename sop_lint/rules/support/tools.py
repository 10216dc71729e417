"""The tools a repository's SOPs name in `tool:`, for the rules that compare them with the instructions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sop_lint.model.repository import Repository, Sop
from sop_lint.model.tool_mentions import tool_names
from sop_lint.rules.support.placeholders import find_placeholder


def own_tools(sop: Sop, placeholders: tuple[str, ...]) -> tuple[str, ...]:
    """The tools the SOP's `tool:` names; none when it is a placeholder (C002 reports that)."""
    use = sop.tool_use
    if use is None or find_placeholder(use.tool, placeholders) is not None:
        return ()
    return tool_names(use.tool)


def repository_tools(repository: Repository) -> frozenset[str]:
    """Every tool named in a `tool:` of the repository."""
    placeholders = repository.config.placeholders
    return frozenset(name for sop in repository.sops for name in own_tools(sop, placeholders))


def other_tool_named(sop: Sop, tools: frozenset[str], placeholders: tuple[str, ...]) -> tuple[str, int, int] | None:
    """The first of the repository's `tools` that this SOP's instructions name, and where,
    when they never name its own; None otherwise."""
    use = sop.tool_use
    own = own_tools(sop, placeholders)
    if use is None or use.mentioned or not own:
        return None
    own_words = {word.lower() for name in own for word in name.split()}
    others = [name for name in tools if name not in own and name.lower() not in own_words]
    if not others:
        return None
    pattern = re.compile(rf"(?<![\w])(?:{'|'.join(map(re.escape, sorted(others, key=len, reverse=True)))})(?![\w])")
    for text, line, column in _triples(use.runs):
        match = pattern.search(text)
        if match is not None:
            return match.group(0), line, column + match.start()
    return None


def _triples(runs: tuple[str | int, ...]) -> Iterator[tuple[str, int, int]]:
    for index in range(0, len(runs), 3):
        text, line, column = runs[index : index + 3]
        assert isinstance(text, str) and isinstance(line, int) and isinstance(column, int)
        yield text, line, column
