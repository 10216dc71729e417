"""A plain Markdown body read line by line (`reading.plain_markdown`) gives what the
CommonMark reader gives: the same passages (kind, text, labels, list flags, and the file
position of every character), the same lists and numbers. Compared on generated bodies,
wild and tame, and on every SOP of the corpora; typical bodies must be read plainly, or
the shortcut would be dead code that these comparisons cannot see."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sop_lint.reading import instructions
from sop_lint.reading.loader import parse_document
from sop_lint.reading.passage_kinds import PassageKind
from sop_lint.reading.passages import Instructions, TextSource
from sop_lint.reading.plain_markdown import read_plain, read_plain_item

ROOT = Path(__file__).resolve().parent.parent


def _key(read: Instructions) -> tuple[object, ...]:
    passages = [
        (p.kind, p.text, p.labels, p.in_list, p.after_colon, [p.position(offset) for offset in range(len(p.text))]) for p in read.passages
    ]
    return passages, read.has_list, [(numbered.depth, numbered.numbers) for numbered in read.ordered_lists], read.markdown


def _both(body: str, first_line: int = 7) -> tuple[Instructions | None, Instructions]:
    plain = read_plain(body, TextSource(body.encode(), first_line))
    return plain, instructions._read_markdown(body, TextSource(body.encode(), first_line))


def _agree(body: str) -> bool:
    """Whether the body was read plainly (and then, asserted, as the reader reads it)."""
    plain, reader = _both(body)
    if plain is None:
        return False
    assert _key(plain) == _key(reader), body
    return True


# Words, and every character or run Markdown may read differently, in text.
_WILD_TOKENS = st.sampled_from(
    [
        "Open", "Buffer", "sign in", "the", "café", "Σ", "日本", "😀", " ", "  ", ".", ",", ":", ";", "!", "?", "(", ")", "'", '"',
        "“", "”", "‘", "’", "-", "/", "#", "#hiring", "@team", "1.", "2)", "`code`", "`", "``", "`a b`", "` x `", "**bold**",
        "*em*", "**", "*", "***", "_", "__x__", "_em_", "~", "~~x~~", "[", "]", "[a](b)", "![i](j)", "<", ">", "<b>", "&amp;",
        "&", "\\", "\\*", "|", "a|b", "=", "==", "---", "www.x.com", "http://a.b/c", "a@b.co", "\t", "\u00a0", "\u2028", "\x00",
        "\r", "\x0b", "\ufeff", "\u200b", "\u0301", "`a\rb`", "`make\r# Deploy`", "`\tx`", "`x\x00y`", "١", "３", "2026", "/",
    ]
)
_WILD_PREFIXES = st.sampled_from(
    ["", "", "", "# ", "## ", "###### ", "####### ", "#", "1. ", "2. ", "1) ", "10. ", "0. ", "1234567890. ", "1.  ", "١. ", "１) ", "- ", "* ",
     "+ ", "-", "> ", ">", "> > ", "> - ", " ", "  ", "   ", "    ", "\t", "=== ", "- - ", "```", "~~~", "<!-- "]
)
_WILD_LINES = st.one_of(
    st.sampled_from(["", "", "   ", "\t", "---", "***", "===", ">", "-", "1.", "```", "| a | b |", "| --- | --- |"]),
    st.tuples(_WILD_PREFIXES, st.lists(_WILD_TOKENS, min_size=1, max_size=8)).map(lambda line: line[0] + "".join(line[1])),
)


@settings(max_examples=3000, deadline=None)
@given(lines=st.lists(_WILD_LINES, min_size=1, max_size=10))
def test_any_body_read_plainly_is_read_as_the_reader_reads_it(lines):
    _agree("\n".join(lines))


# Bodies as SOPs are written: headings, steps, wrapped steps, notes, code and bold words,
# and what comes close to them (words run together, underscores, lines ending with ":").
_TAME_WORDS = st.sampled_from(
    ["Open", "Buffer", "and", "sign in", "with", "the", "account", "café", "#social", "@team", "`file.png`", "**Ops / Current**",
     "*Ready*", "the \"Post\" button", "(if asked)", "https://buffer.com", "today:", "now.", "Steps:", "_em_", "__strong__",
     "snake_case", "**bold**", "*it*", "a*b*", "`x`", ":", "**Ops /", "Archive**.", "*Ready", "now*", "`make", "x`", "2026", "/"]
)
_TAME_TEXTS = st.tuples(st.lists(_TAME_WORDS, min_size=1, max_size=6), st.sampled_from([" ", " ", ""])).map(lambda words: words[1].join(words[0]))
_TAME_PREFIXES = st.sampled_from(["", "", "# ", "## ", "1. ", "2. ", "3. ", "1) ", "- ", "* ", "> ", "   ", "   ", "   2026 ", "   12. "])
_TAME_LINES = st.one_of(st.just(""), st.tuples(_TAME_PREFIXES, _TAME_TEXTS).map("".join))

@settings(max_examples=1500, deadline=None)
@given(lines=st.lists(_TAME_LINES, min_size=1, max_size=12))
def test_tame_bodies_read_plainly_are_read_as_the_reader_reads_them(lines):
    _agree("\n".join(lines))


def _item_agrees(item: str) -> bool:
    """Whether a YAML item was read plainly (and then, asserted, as the reader reads it, as a list item)."""
    made = read_plain_item(item, TextSource(item.encode(), 1))
    if made is None:
        return False
    reader = instructions._read_markdown(item, TextSource(item.encode(), 1))
    expected = [(PassageKind.ITEM, text, labels, True, False, places) for _, text, labels, _, _, places in _key(reader)[0]]
    assert _key(Instructions(made, True, (), False))[0] == expected, item
    return True


@settings(max_examples=1000, deadline=None)
@given(text=_TAME_TEXTS, first=st.sampled_from(["Open ", "Café ", "**Ops** ", "`make` ", "1. ", "# ", ""]))
def test_an_item_read_plainly_is_read_as_the_reader_reads_it(text, first):
    _item_agrees(first + text)


def test_a_typical_item_with_code_and_bold_is_read_plainly():
    assert _item_agrees("Save the file as `YYYY-MM-DD-budget.pdf` in the folder **Ops / Current**.")


TYPICAL = [
    "",
    "\n# Schedule the post\n\nUse this SOP every week.\n",
    ("# Plan the email\n\nWho does this: anyone on @people-team.\n\n1. In BambooHR, open the email; sign in.\n2. Copy the link.\n"
    "3. Save the file as `YYYY-MM-DD-email.png` in the folder **Ops / Current**.\n4. Set the status to *Ready for review*.\n\n"
    "> Note: never share the credentials in chat; use the password manager.\n"),
    ("# Approve the score\n\nRead the whole list once.\n\n1. Open HubSpot and sign in.\n\n2. Find the score in HubSpot; if it is not there, "
    "create it from\n   the template.\n\n3. Check spelling and links.\n"),
    "Steps:\n- Open Buffer\n- Click **Publish**\n\nThen:\n\n1) Check the \"Queue\" tab\n1) Tell #social\n",
    "Read this first.\n\n> Note:\n\n1. Open Buffer\n2. Sign in\n",  # a quote does not introduce the list after it
    "Steps:\n\n> Keep the tab open\n\n- Open Buffer\n",  # nor does it end what the paragraph introduced
    "Run the x*daily* job and the **weekly** report\n",
    "## Café\n\nÖffne Buffer — und „prüfe“ die Liste.\nZweite Zeile mit `Code` und **Fett**.\n\n10. Zehn\n11. Elf\n",
    # bold across a wrapped line, and wrapped lines that start with a number or a slash
    ("1. Save the file as `x.pdf` in the folder **Ops /\n   Archive / 2026**.\n2. Ask in #ops by the\n   10th, then wait\n   3 days.\n\n"
    "Then *check\nthe* queue, and **Café /\n   Straße**\n"),
    "A **bold\n   word** across lines",
]


@pytest.mark.parametrize("body", TYPICAL)
def test_typical_bodies_are_read_plainly_and_as_the_reader_reads_them(body):
    assert _agree(body)


@pytest.mark.parametrize(
    "body",
    [
        "1. Open Buffer\nand sign in",  # a lazy line of the item
        "> Note\nmore",  # a lazy line of the quote
        "Intro\n2. Second",  # a 2 does not interrupt a paragraph: the line goes on with it
        "- a\n1. b",  # another kind of list, right after an item
        "Text\n===",  # an underline: a heading
        "Open [Buffer](https://buffer.com)",
        "Trailing space ",
        "<!-- a comment -->",
        "# Title #",  # a closing sequence, or text ending with #: not sure which
        "1. Step\n\n   More of the step",  # a second paragraph of the item
        "１. Open Buffer",  # a list number is ASCII digits: this is a paragraph
        "Intro\n١. Open Buffer",
        "Run `make\r# Deploy` now",  # a lone CR ends a line, inside a code span too (an item from YAML can hold one)
        "Run `make\x0bx` now",
        "Run `make\n   deploy` now",  # a code span across lines: the reader places its characters otherwise
        "1. Open Buffer\n   2. or Hootsuite",  # a number with its delimiter: not sure what it starts
    ],
)
def test_what_it_is_not_sure_of_is_left_to_the_reader(body):
    assert read_plain(body, TextSource(body.encode(), 1)) is None


def _sop_bodies() -> list[Path]:
    return sorted({*ROOT.glob("sample-repo/**/*.md"), *ROOT.glob("tests/corpora/**/*.md")})


def test_every_sop_of_the_corpora_read_plainly_is_read_as_the_reader_reads_it():
    plain = 0
    for path in _sop_bodies():
        document = parse_document(path.as_posix(), path.read_bytes(), positions=False)
        if isinstance(document.data, dict) and document.body is not None:
            plain += _agree(document.body)
    assert plain >= 10, "the corpora's SOPs are mostly plain"
