"""I002's first tests of a passage (`_may_send`, `_CUES`) let through every passage one of
its patterns matches: they only spare the patterns the passages that cannot match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sop_lint.reading.passage_kinds import PassageKind
from sop_lint.reading.passages import Instructions, TextSource, passage_of
from sop_lint.rules import person_held_knowledge as rule
from sop_lint.rules.support.prose import lower_cased

_VERBS = ["ask", "Ask", "check with", "talk to", "Speak with", "ping", "consult", "confirm with", "reach out to",
          "get in touch with", "run it by", "DM", "get", "Grab", "obtain", "request", "only", "Only", ""]
_BETWEEN = [" ", "  ", "\n", " the login ", " the access code ", " an answer ", " the "]
_WHO = ["Sarah", "Tom Hale", "@dana", "the account manager", "our finance lead", "someone", "Whoever", "the team"]
_AFTER = ["", " knows", " knows how", " has it", " can tell", " from ", " knows the", ".", " for the caption", " in #finance"]
# A sentence as the patterns read them: words before, a verb, what it asks for, a person, what follows.
_SENTENCES = st.tuples(
    st.sampled_from(["", "Then ", "1. ", "Before posting, "]), st.sampled_from(_VERBS), st.sampled_from(_BETWEEN),
    st.sampled_from(["", "from ", "From "]), st.sampled_from(_WHO), st.sampled_from(_AFTER),
).map("".join)


def _gate(text: str) -> list[bool]:
    """Which patterns the cues let run on `text`, as `check_file` decides."""
    cued = rule._cued(text) if rule._ANY_CUE.search(text.lower()) is not None else []
    return [pattern in cued for pattern in rule._patterns()]


@settings(max_examples=1500, deadline=None)
@given(text=_SENTENCES)
def test_a_passage_a_pattern_matches_passes_that_patterns_cues(text):
    for pattern, let_through in zip(rule._patterns(), _gate(text), strict=True):
        if pattern.search(text) is not None:
            assert let_through, (pattern.pattern[:40], text)


def test_the_cues_spare_the_patterns_a_passage_without_their_words():
    assert _gate("Copy the link from the brief.") == [False, False, False, False]
    assert _gate("Request the login from Priya.") == [False, True, False, False]
    assert _gate("Only Sam knows the password.") == [False, False, True, True]


def _instructions(texts: list[tuple[str, str]]) -> Instructions:
    """Passages of `texts`, each a label (bold words, say) and the words after it."""
    source = TextSource(b"", 1)
    passages = []
    for label, text in texts:
        labels = [(0, len(label))] if label else []
        passages += passage_of(label + text, labels, ((0, 0),), source, PassageKind.PARAGRAPH, in_list=False, after_colon=False)
    return Instructions(tuple(passages), has_list=False, ordered_lists=(), markdown=True)


# Passages as the patterns read them, with what makes the first test unsure: a label just before
# the verb, letters whose case is ignored otherwise than lower-casing says (`ı`, `ſ`, `İ`).
_PASSAGES = st.lists(
    st.tuples(
        st.sampled_from(["", "", "Note", "x"]),
        st.tuples(st.sampled_from(["", "task ", "İ "]), _SENTENCES, st.sampled_from(["", " aſk Sarah", " pıng Tom", " pİng Sam"])).map("".join),
    ),
    max_size=4,
)


@settings(max_examples=1500, deadline=None)
@given(texts=_PASSAGES)
def test_every_passage_a_pattern_matches_is_one_the_first_test_keeps(texts):
    instructions = _instructions(texts)
    kept = rule._may_send(lower_cased(instructions))
    for passage in instructions.passages:
        if any(pattern.search(passage.prose) for pattern in rule._patterns()):
            assert passage in kept, passage.text


def test_the_first_test_keeps_only_passages_a_pattern_may_match():
    instructions = _instructions([("", "Open the task list."), ("", "Ask Sarah for the tags."), ("", "Copy it from the brief.")])
    assert [passage.text for passage in rule._may_send(lower_cased(instructions))] == ["Ask Sarah for the tags."]


def test_each_verb_starts_with_a_word_the_first_test_searches_for():
    """`_STARTS` are made from the patterns' verbs: each must begin with a plain word (its
    other words after `\\s+`), or a new verb's passages would never reach the patterns."""
    assert all(start.isalpha() for start in rule._STARTS)
    for verb in (*rule._VERBS, *rule._ASKING):
        assert verb.split("\\")[0] in rule._STARTS and (verb.isalpha() or verb.split("\\")[1].startswith("s+")), verb
