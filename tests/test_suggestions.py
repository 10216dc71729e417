"""'Did you mean …?' suggests the id a step meant, or nothing (issue 13, item 3).

A wrong suggestion sends someone to an unrelated SOP, so the set below holds both real
typos (each must find its id) and real-looking misses, SOPs that were never written or
were deliberately deleted (each must find nothing, however alike the words look).
"""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sop_lint.suggestions import Suggester, closest, edit_distance
from tests.conftest import messages
from tests.repos import PROCESS, edit, valid_repo

IDS = [
    "schedule-post", "draft-post-copy", "prepare-media", "chase-overdue-invoices", "create-invoices",
    "create-xero-invoice", "send-client-report", "send-client-contract", "send-welcome-pack", "prepare-kickoff-call",
    "setup-client-workspace", "export-billable-time", "reconcile-stripe-payouts", "build-mailchimp-campaign",
    "schedule-newsletter", "test-send-newsletter", "write-newsletter", "design-thumbnail", "publish-video-listing",
    "upload-youtube-video", "post-job-ad", "screen-cvs", "send-offer-letter", "reference-checks", "book-interviews",
]

TYPOS = {
    "schedule-posts": "schedule-post", "shedule-post": "schedule-post", "scheduel-post": "schedule-post",
    "Schedule-Post": "schedule-post", "post-schedule": "schedule-post", "draft-post-cpy": "draft-post-copy",
    "prepare-medias": "prepare-media", "chase-overdue-invoice": "chase-overdue-invoices",
    "create-invoice": "create-invoices", "create-xero-invoices": "create-xero-invoice",
    "send-client-reports": "send-client-report", "send-welcom-pack": "send-welcome-pack",
    "prepare-kick-off-call": "prepare-kickoff-call", "set-up-client-workspace": "setup-client-workspace",
    "export-billable-times": "export-billable-time", "reconcile-stripe-payout": "reconcile-stripe-payouts",
    "build-mailchimp-campagin": "build-mailchimp-campaign", "write-newsleter": "write-newsletter",
    "design-thumbnails": "design-thumbnail", "publsh-video-listing": "publish-video-listing",
    "upload-youtube-videos": "upload-youtube-video", "post-job-add": "post-job-ad", "scren-cvs": "screen-cvs",
    "send-offer-leter": "send-offer-letter", "reference-check": "reference-checks", "book-interview": "book-interviews",
}
MISSES = [
    "schedule-interviews", "send-invoice", "send-contract", "send-offer", "send-newsletter", "draft-contract",
    "chase-payments", "create-quote", "client-report", "publish-post", "upload-invoice", "prepare-offer",
    "export-contacts", "write-job-ad", "archive-media", "review-contract", "onboard-freelancer", "post-to-threads",
]


@pytest.mark.parametrize(("typo", "meant"), sorted(TYPOS.items()))
def test_a_typo_finds_the_id_it_meant(typo, meant):
    assert closest(typo, IDS) == meant


@pytest.mark.parametrize("miss", MISSES)
def test_a_missing_sop_is_never_taken_for_another(miss):
    assert closest(miss, IDS) is None


@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [("schedule-post", "schedule-post", 0), ("scheduel-post", "schedule-post", 1), ("tols", "tool", 2),
     ("post-job-add", "post-job-ad", 1), ("send-invoice", "create-invoices", 6)],
)
def test_edit_distance_counts_each_typo_once_and_stops_past_its_limit(first, second, distance):
    assert edit_distance(first, second, 10) == distance
    assert edit_distance(first, second, 3) == min(distance, 4)


def _full_distance(first: str, second: str) -> int:
    """Optimal string alignment over the whole table, as the textbook writes it."""
    table = [[i + j if i * j == 0 else 0 for j in range(len(second) + 1)] for i in range(len(first) + 1)]
    for i in range(1, len(first) + 1):
        for j in range(1, len(second) + 1):
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (first[i - 1] != second[j - 1]))
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


@given(st.text("abc-", max_size=10), st.text("abc-", max_size=10), st.integers(0, 4))
def test_the_banded_distance_is_the_full_one_within_its_limit(first, second, limit):
    assert edit_distance(first, second, limit) == min(_full_distance(first, second), limit + 1)


def test_keys_are_suggested_as_before():
    assert [closest(key, ["tool", "tone", "owner", "review_every", "account"]) for key in ("tols", "reveiw_every", "acount", "Tool")] == [
        "tool", "review_every", "account", "tool",
    ]


def test_thousands_of_ids_are_searched_quickly():
    """Each misspelt step searches every id; in a repository of 10,000 SOPs that stays in
    milliseconds (the set difference of letter pairs sets almost all of them aside)."""
    ids = [f"{verb}-{thing}-{n}" for n in range(400) for verb in ("send", "file", "check", "post", "book")
           for thing in ("invoice", "report", "media", "letter", "call")]
    suggester = Suggester(ids)
    start = time.perf_counter()
    found = [suggester.closest(word) for word in ("send-invoice-17x", "zzz-nothing-like-it", "chek-report-399")]
    assert found == ["send-invoice-17", None, "check-report-399"]
    assert time.perf_counter() - start < 2.0


def test_an_unknown_sop_with_no_near_id_says_where_to_create_it(repo):
    root = repo(valid_repo({"processes/promote-new-video.yaml": edit(PROCESS, "sop: schedule-post", "sop: send-invoice")}))
    assert messages(root, "--select", "R001") == [
        ("R001 step 2 'Schedule post' uses SOP `send-invoice`, which does not exist: "
        "correct the id, or create `sops/send-invoice.md` with `id: send-invoice`"),
    ]


def test_a_suggester_changed_by_a_few_ids_answers_as_a_fresh_one():
    """`Suggester.after` (an editor's keystroke in an id): every answer, `closest` and
    `near`, remembered or not, is that of a suggester made afresh from the new ids, and
    `still_closest` keeps only answers that hold."""
    import random

    from sop_lint.suggestions import Suggester, still_closest

    chance = random.Random(7)
    words = ["post", "schedule", "draft", "copy", "invoice", "send", "review", "client", "score", "media"]
    ids = sorted({"-".join(chance.sample(words, chance.randint(1, 4))) for _ in range(600)})
    asked = [*ids[:40], "schedul-post", "draft-cpy", "copy-draft", "invoice-sned", "x", "review-client-scor"]
    for _ in range(60):
        before = chance.sample(ids, len(ids) * 2 // 3)
        old = Suggester(before)
        said = {word: old.closest(word) for word in asked}
        near_before = {word: old.near(word) for word in asked[::2]}
        removed = set(chance.sample(before, chance.randint(0, 2)))
        added = {"-".join(chance.sample(words, 2)) + chance.choice(["", "s", "x"]) for _ in range(chance.randint(0, 2))} - set(before)
        after = [candidate for candidate in before if candidate not in removed] + sorted(added)
        changed = old.after(removed, added)
        if changed is None:  # a changed id folds, or has its words, like another: made afresh
            continue
        fresh = Suggester(after)
        for word in asked:
            assert changed.closest(word) == fresh.closest(word), word
            assert changed.near(word) == fresh.near(word), word
            if still_closest(word, said[word], removed, added):
                assert said[word] == fresh.closest(word), word
        assert all(changed.asked_near[word] == fresh.near(word) for word in near_before)


@st.composite
def _word_and_ids(draw):
    """A word, and ids of which several are a few typos away from it."""
    word = draw(st.text("abcdef-1", min_size=3, max_size=18))
    ids = draw(st.lists(st.text("abcdef-1", min_size=1, max_size=18), max_size=15))
    for _ in range(draw(st.integers(1, 10))):
        letters = list(word)
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(letters)))
            edit = draw(st.sampled_from(["change", "drop", "add", "swap"]))
            if edit == "add" or not letters:
                letters.insert(at, draw(st.sampled_from("abcdef-1")))
            elif edit == "drop":
                del letters[min(at, len(letters) - 1)]
            elif edit == "change":
                letters[min(at, len(letters) - 1)] = draw(st.sampled_from("abcdef-1"))
            elif at + 1 < len(letters):
                letters[at], letters[at + 1] = letters[at + 1], letters[at]
        ids.append("".join(letters) or "a")
    return word, ids


@settings(max_examples=400, derandomize=True, deadline=None)
@given(_word_and_ids())
def test_near_finds_every_candidate_within_the_typos_allowed(word_and_ids):
    """Only candidates with one of a word's rarest letter pairs are compared letter by
    letter: none within its typos is left out (a scan of every candidate is the reference)."""
    from sop_lint.suggestions import _folded, typos_allowed

    word, ids = word_and_ids
    suggester = Suggester(ids)
    folded = _folded(word)
    limit = typos_allowed(folded)
    expected = sorted({suggester.by_folded[other] for other in suggester.by_folded if other == folded or edit_distance(folded, other, limit) <= limit})
    assert suggester.near(word) == expected
    assert Suggester(ids).closest(word) in (None, *expected)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text("abcdef-1é", max_size=14), st.text("abcdef-1é", max_size=14))
def test_the_pairs_one_word_lacks_are_counted_as_a_set_difference_would(first, second):
    """The filter before the letter-by-letter comparison counts pairs as bits of an integer."""
    from sop_lint.suggestions import _pair_bits

    def pairs(word: str) -> set[str]:
        return {word[i : i + 2] for i in range(len(word) - 1)}

    assert (_pair_bits(first) & ~_pair_bits(second)).bit_count() == len(pairs(first) - pairs(second))
