"""Property-based tests of `--fix`: a fix never makes a file worse.

Clean files are generated, broken by mistakes whose fix is certain (a misspelt key, a
date or duration in another form, an unquoted `: `, tabs, a repeated line, misnumbered
steps, blank lines above the front matter), in any combination, with LF or CR LF line
ends and with or without a byte order mark: `--fix` must give back the clean file byte
for byte. Files broken at random must come out unchanged or parsing with no new
problem, and a second `--fix` must change nothing.
"""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sop_lint.config.loading import load_config
from sop_lint.engine.fixing import FixRun, fix_files
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.selection import select_rules
from sop_lint.engine.sources import WorkTree
from sop_lint.reading.loader import parse_document
from tests.test_properties import mutated

pytestmark = pytest.mark.slow
# Each example lints a small repository a few times.
EXAMPLES = max(10, settings.default.max_examples // 6)

_WORDS = st.lists(st.sampled_from(["Open", "the", "shared", "Buffer", "account", "post", "client", "invoice", "Xero", "drive"]), min_size=1, max_size=5)
_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


def _text(words: list[str]) -> str:
    return " ".join(words)


@st.composite
def broken_sop(draw) -> tuple[str, str, str]:
    """(path, clean text, the same with mistakes), as YAML or Markdown."""
    markdown = draw(st.booleans())
    number, unit = draw(st.integers(1, 12)), draw(st.sampled_from(list(_UNITS)))
    year, month, day = draw(st.integers(2000, 2030)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    lines = [
        ("kind", "kind: sop"),
        ("id", "id: the-sop"),
        ("title", f"title: {_text(draw(_WORDS))}"),
        ("tool", "tool: Buffer"),
        ("account", f"account: {_text(draw(_WORDS))}"),
        ("format", f'format: "Size: {_text(draw(_WORDS))}"'),
        ("tone", f"tone: {_text(draw(_WORDS))}"),
        ("review_every", f"review_every: {number}{unit}"),
        ("last_reviewed", f"last_reviewed: {year}-{month:02}-{day:02}"),
        ("tags", "tags: [social, video]"),
    ]
    mistakes = {
        "account": lambda line: line.replace("account:", "acount:"),
        "tags": lambda line: line.replace("tags:", "tgas:"),
        "format": lambda line: line.replace('"', ""),
        "review_every": lambda line: f"review_every: {number} {_UNITS[unit]}",
        "last_reviewed": lambda line: f"last_reviewed: {year}/{month:02}/{day:02}",
        "tone": lambda line: f"{line}\n{line}",
    }
    chosen = draw(st.sets(st.sampled_from(sorted(mistakes))))
    clean = [line for _, line in lines]
    broken = [mistakes[key](line) if key in chosen else line for key, line in lines]
    body = "Open Buffer and schedule the post."
    if markdown:
        blank = "\n" * draw(st.integers(0, 2))
        return "sops/the-sop.md", "---\n" + "\n".join(clean) + f"\n---\n{body}\n", blank + "---\n" + "\n".join(broken) + f"\n---\n{body}\n"
    return "sops/the-sop.yaml", "\n".join([*clean, "instructions:", f"  - {body}"]) + "\n", "\n".join([*broken, "instructions:", f"  - {body}"]) + "\n"


@st.composite
def broken_process(draw) -> tuple[str, str, str]:
    names = draw(st.lists(st.sampled_from(["Draft", "Review", "Schedule", "Publish", "Report"]), min_size=2, max_size=5, unique=True))
    head = "kind: process\nid: the-process\ntitle: The process\nowner: '@ops'\ntrigger: A video is out\noutcome: It is promoted\nsteps:\n"
    numbers = draw(st.permutations(range(1, len(names) + 1))) if draw(st.booleans()) else list(range(1, len(names) + 1))
    tabs = draw(st.booleans())
    clean = head + "".join(f"  - name: {n}. {name}\n    sop: the-sop\n" for n, name in enumerate(names, 1))
    indent, deeper = ("\t", "\t  ") if tabs else ("  ", "    ")
    broken = head + "".join(f"{indent}- name: {n}. {name}\n{deeper}sop: the-sop\n" for n, name in zip(numbers, names, strict=True))
    return "processes/the-process.yaml", clean, broken


def _encoded(text: str, crlf: bool, mark: bool) -> bytes:
    return (codecs.BOM_UTF8 if mark else b"") + (text.replace("\n", "\r\n") if crlf else text).encode()


def _fixed(files: dict[str, bytes]) -> tuple[dict[str, bytes], FixRun]:
    """The files after the fixes `check --fix` makes, in a fresh folder (no cache)."""
    root = Path(tempfile.mkdtemp())
    for path, content in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(content)
    config = load_config(root, None)
    run = fix_files(WorkTree(root), config, select_rules(config, None, []), RunOptions(workers=1), unsafe=False, only=None)
    return {path: run.fixed.get(path, content) for path, content in files.items()}, run


@settings(max_examples=EXAMPLES)
@given(sop=broken_sop(), process=broken_process(), crlf=st.booleans(), mark=st.booleans())
def test_certain_mistakes_are_fixed_back_to_the_clean_file_byte_for_byte(sop, process, crlf, mark):
    files = {path: _encoded(broken, crlf, mark) for path, _, broken in (sop, process)}
    fixed, _ = _fixed(files)
    assert fixed == {path: _encoded(clean, crlf, mark) for path, clean, _ in (sop, process)}


@settings(max_examples=EXAMPLES)
@given(content=mutated(), path=st.sampled_from(["processes/p.yaml", "sops/s.yaml", "sops/s.md"]))
def test_a_fix_never_makes_a_file_worse_and_a_second_changes_nothing(content, path):
    fixed, run = _fixed({path: content})
    after = fixed[path]
    if after != content:
        before_problems = parse_document(path, content).problems
        assert after == run.fixed[path]
        assert len(parse_document(path, after).problems) <= len(before_problems)
    again, _ = _fixed({path: after})
    assert again[path] == after
