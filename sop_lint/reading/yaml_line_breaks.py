"""YAML 1.2 line breaks, for parsers that follow YAML 1.1.

YAML 1.2 breaks lines at CR and LF only: NEL, LS and PS are ordinary characters (in a
comment, say), but both parsers follow YAML 1.1 and break lines there too. Each is
swapped for a private-use character the text does not hold while the parsers read it,
and swapped back in every scalar: one character for one, so no position moves.
"""

from __future__ import annotations

import itertools
from typing import Any

_NOT_BREAKS = "\x85\u2028\u2029"


def swap_breaks(text: str) -> tuple[str, dict[int, str]]:
    """`text` with NEL, LS and PS swapped, and the table that swaps them back (empty when
    the text holds none, or, absurdly, every private-use character)."""
    present = [char for char in _NOT_BREAKS if char in text]
    if not present:
        return text, {}
    free = list(itertools.islice((chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text), len(present)))
    if len(free) < len(present):
        return text, {}
    return text.translate(dict(zip(map(ord, present), free, strict=True))), dict(zip(map(ord, free), present, strict=True))


def swap_back(root: Any, back: dict[int, str]) -> None:
    """Every scalar of the tree (iteratively: trees nest deep; once each: aliases share nodes)."""
    pending, seen = [root], set()
    while pending:
        node = pending.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if node.id == "scalar":
            node.value = node.value.translate(back)
        elif node.id == "sequence":
            pending.extend(node.value)
        else:
            pending.extend(part for pair in node.value for part in pair)
