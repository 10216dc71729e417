"""`LowerCased`, the one text the instruction rules search for their words: each passage's
part of it is that passage's text lower-cased (`folded`: at its own length, `İ`, `ı` and `ſ`
as the ASCII letters case-ignoring expressions match them with), and every place of a word is found."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sop_lint.reading.passage_kinds import PassageKind
from sop_lint.reading.passages import Instructions, TextSource, passage_of
from sop_lint.rules.support.prose import LowerCased, folded

_TEXTS = st.lists(st.text(alphabet=st.sampled_from([*"aAsk ?\x00\n", "İ", "ı", "ſ", "\u0307", "Σ", "ß", "ﬁ", "\ue000"]), max_size=12), max_size=5)
_WORDS = ("a", "ask", "s", "?", "iα", "i̇", "σ", "ς", "i")


def _passages(texts: list[str]) -> Instructions:
    source = TextSource(b"", 1)
    passages = [
        passage for text in texts for passage in passage_of(text, (), ((0, 0),), source, PassageKind.PARAGRAPH, in_list=False, after_colon=False)
    ]
    return Instructions(tuple(passages), has_list=False, ordered_lists=(), markdown=True)


@settings(max_examples=500, deadline=None)
@given(texts=_TEXTS)
def test_each_word_is_found_where_it_is_in_a_passage_lower_cased(texts):
    instructions = _passages(texts)
    lower = LowerCased(instructions)
    expected = set()
    for index, passage in enumerate(instructions.passages):
        lowered = folded(passage.text)
        assert len(lowered) == len(passage.text)
        assert lower.text[lower._ends[index] + 1 : lower._ends[index + 1]] == lowered
        for word in _WORDS:
            expected |= {(index, offset) for offset in range(len(lowered)) if lowered.startswith(word, offset)}
    found = list(lower.places(_WORDS))
    assert set(found) == expected
    assert lower.passages(index for index, _ in found) == [instructions.passages[index] for index in sorted({index for index, _ in found})]
    # A word with a NUL is found where it is, and perhaps across two passages, or at their ends.
    nul = {
        (index, offset) for index, passage in enumerate(instructions.passages) for offset, char in enumerate(folded(passage.text)) if char == "\x00"
    }
    assert nul <= set(lower.places(["\x00"]))


def test_a_word_holding_a_nul_may_span_two_passages():
    lower = LowerCased(_passages(["Ask", "sam"]))
    assert list(lower.places(["k\x00s"])) == [(0, 2)]


def test_folded_text_holds_an_ascii_word_wherever_ignoring_case_finds_it():
    """`İ`, `ı` and `ſ` are the only characters a case-ignoring expression matches with an
    ASCII letter that lower-casing does not turn into it (checked over every code point)."""
    import re

    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x110000):
        char = chr(code)
        if ascii_letter.fullmatch(char):
            assert re.fullmatch("[a-z]", folded(char)) and re.fullmatch(folded(char), char, re.IGNORECASE), hex(code)
    assert folded("FİXME, lorem ıpsum, aſap") == "fixme, lorem ipsum, asap"
