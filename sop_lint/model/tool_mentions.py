"""Which tools an SOP's instructions name: what I005 and I006 need, kept in the summary.

The instructions are not read again on a warm run, so what the tool rules need of them is
taken when the file is parsed and kept small: the SOP's `tool:`, whether the instructions
mention it, and, only when they do not (I005 looks no further otherwise), each distinct
run of capitalised words (`Open Hootsuite`, `Google Drive`) with its position: the only
places another tool of the repository can be named, since no list of products is built in.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from sop_lint.reading.documents import Document, Syntax
from sop_lint.reading.lazy_instructions import instructions_reader
from sop_lint.reading.passage_kinds import MASK, PLAIN_LINE, PassageKind, has_plain_paragraph

if TYPE_CHECKING:
    from sop_lint.reading.passages import Passage

# A word with a capital in it (Buffer, iMovie, HubSpot, 1Password), and runs of them.
_RUN = re.compile(r"(?<![\w@#/.-])(?:[\w&+'.-]*[A-Z][\w&+'.-]*)(?:[ ](?:[\w&+'.-]*[A-Z][\w&+'.-]*))*")
_SEPARATORS = re.compile(r"\s*(?:[,;/+&()]|\band\b|\bor\b|\bwith\b|\bfor\b|\bvia\b)\s*", re.IGNORECASE)
_TOKEN = re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{12,}")  # long, letters and digits: a key
_FEWEST_WORDS = 5
_LONGEST_RUNS = 60  # of a long SOP, the first ones are enough to place a mention


class ToolUse(NamedTuple):
    """An SOP's `tool:` as written, whether its instructions mention it, and the distinct runs
    of capitalised words of its instructions, flat: (text, line, column, text, line, column, ...)."""

    tool: str
    mentioned: bool
    runs: tuple[str | int, ...]


@functools.cache
def tool_names(tool: str) -> tuple[str, ...]:
    """The tools a `tool:` value names: `Canva, Buffer` or `Google Docs (drafts)` name two."""
    return tuple(name for part in _SEPARATORS.split(tool) if len(name := part.strip(" .-'\"")) >= 2)


def _enough_words(passages: Sequence[Passage]) -> bool:
    """Whether the passages other than headings hold `_FEWEST_WORDS` words; counting stops there."""
    count = 0
    for passage in passages:
        if passage.kind is not PassageKind.HEADING:
            count += len(passage.text.split())
            if count >= _FEWEST_WORDS:
                return True
    return False


def _plainly_enough_words(document: Document, items: object) -> bool:
    """Whether the instructions hold `_FEWEST_WORDS` words outside headings for certain,
    told without the reader: a plain paragraph of them in a Markdown body, or a plain item
    of them (`PLAIN_LINE`: the reader makes it a passage of its own text). False says nothing."""
    if document.syntax is Syntax.MARKDOWN:
        return has_plain_paragraph(document.body, _FEWEST_WORDS)
    return isinstance(items, list) and any(
        isinstance(item, str) and PLAIN_LINE.match(item) is not None and len(item.split()) >= _FEWEST_WORDS for item in items
    )


@functools.lru_cache(maxsize=1024)  # bounded: the language server sees every `tool:` value typed
def _spellings(tool: str) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """Each name of `tool` to look for: as written, lower-cased, and the expression that finds
    it as whole words, ignoring case. Built once per tool, not once per SOP (half of
    `_mentioned`'s cost)."""
    names = tool_names(tool)
    # `Google Docs` is mentioned as `Docs` too: the last word of a name, when it is not a short one.
    short = {name.split()[-1] for name in names if len(name.split()[-1]) >= 4}
    return tuple((name, name.lower(), re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])", re.IGNORECASE)) for name in {*names, *short})


def _mentioned(raw: str, tool: str) -> bool:
    """Whether `raw` names any tool of `tool` as whole words, ignoring case (the text is lower-cased
    once for a first test of each name, and most names fail it)."""
    lowered = raw.lower()
    return any(lower in lowered and _found(raw, name, spelling) for name, lower, spelling in _spellings(tool))


def _found(raw: str, name: str, spelling: re.Pattern[str]) -> bool:
    """Whether `spelling` finds `name` in `raw`: tried first where `name` is written as is, which
    `str.find` reaches at C speed (the expression, which ignores case, tries every position:
    most of `_mentioned`'s cost), then anywhere."""
    at = raw.find(name)
    return (at >= 0 and spelling.match(raw, at) is not None) or spelling.search(raw) is not None


def tool_use_of(document: Document) -> ToolUse | None:
    """None when the SOP names no tool or its instructions are (almost) empty: other rules report those."""
    tool = document.get("tool")
    if not isinstance(tool, str) or not tool.strip():
        return None
    items = document.get("instructions")
    raw = document.body if document.syntax is Syntax.MARKDOWN else "\n".join(str(item) for item in (items if isinstance(items, list) else ()))
    mentioned = _mentioned(raw, tool)
    if mentioned and _plainly_enough_words(document, items):
        # Enough words for certain, and no run is kept: the reader is not needed (what a
        # diff's untouched SOPs would cost: a third of summarizing them all).
        return ToolUse(tool.strip(), True, ())
    instructions = instructions_reader()(document)  # not loaded on a warm run: see `lazy_instructions`
    if not _enough_words(instructions.passages):
        return None  # a stub (`TBD`) says nothing yet: I001 and C003 speak for it
    runs: list[str | int] = []
    seen: set[str] = set()
    for passage in () if mentioned else instructions.passages:  # I005 looks only where the SOP's own tool is missing
        for match in _RUN.finditer(passage.text.replace(MASK, " ")):
            text = match.group(0).rstrip(".'-")
            if _TOKEN.search(text):
                continue  # what looks like a key or token is never kept (the cache would hold a secret)
            if text not in seen and len(seen) < _LONGEST_RUNS:
                seen.add(text)
                where = passage.position(match.start())
                runs += (text, where.line, where.column)
    return ToolUse(tool.strip(), mentioned, tuple(runs))
