"""I002's first test of a passage (`_CUES`) lets through every passage one of its
patterns matches: the cues only spare the patterns the passages that cannot match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sop_lint.rules import person_held_knowledge as rule

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
