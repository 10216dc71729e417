"""Syntax family: Y001 invalid-yaml, Y002 duplicate-key, Y003 front-matter, Y004 unknown-kind."""

import pytest

from tests.conftest import findings, messages
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo

P, D, S = "processes/promote-new-video.yaml", "sops/draft-post-copy.md", "sops/schedule-post.yaml"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # Y001: bad indentation, unclosed flow list, tab indentation, front matter that is not YAML
        ({S: edit(SCHEDULE_SOP, "tool: Buffer", "tool: Buffer\n  extra: x")}, [(S, 5, 8, "Y001")]),
        ({P: edit(PROCESS, "title: Promote", "title: [Promote")}, [(P, 4, 6, "Y001")]),
        ({S: edit(SCHEDULE_SOP, "tool: Buffer", "\ttool: Buffer")}, [(S, 4, 1, "Y001")]),
        ({D: edit(DRAFT_SOP, "tone: Upbeat", "tone: 'Upbeat")}, [(D, 8, 7, "Y001")]),  # at the quote that is never closed
        # Y002: the repeat is reported, the first value kept, the rest still checked
        ({S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: Upbeat\ntone: Formal")}, [(S, 8, 1, "Y002")]),
        ({D: edit(DRAFT_SOP, "tone: Upbeat and conversational", "tone: Upbeat\ntone: TBD")}, [(D, 9, 1, "Y002")]),
        # Y003: no front matter; front matter never closed
        ({D: "# Draft the social post copy\n\n1. Write it.\n"}, [(D, 1, 1, "Y003")]),
        ({D: DRAFT_SOP.replace("---\n# Draft", "# Draft")}, [(D, 9, 1, "Y003")]),  # where the `---` belongs
        # Y004: unknown kind, missing kind, empty file, a list instead of a mapping
        ({S: edit(SCHEDULE_SOP, "kind: sop", "kind: spo")}, [(S, 1, 7, "Y004")]),
        ({S: edit(SCHEDULE_SOP, "kind: sop\n", "")}, [(S, 1, 1, "Y004")]),
        ({S: ""}, [(S, 1, 1, "Y004")]),
        ({S: "- just\n- a list\n"}, [(S, 1, 1, "Y004")]),
    ],
)
def test_syntax_findings(repo, changes, expected):
    assert findings(repo(valid_repo(changes))) == expected


def test_passing_files_with_comments_quotes_and_anchors(repo):
    files = valid_repo(
        {
            S: "# a comment\n" + edit(SCHEDULE_SOP, "tone: Upbeat and conversational", 'tone: &t "Upbeat and conversational"\nx-tone: *t'),
            D: DRAFT_SOP.replace("\n", "\r\n"),
        }
    )
    assert findings(repo(files)) == []


def test_messages_say_what_to_do(repo):
    files = valid_repo(
        {
            S: edit(SCHEDULE_SOP, "kind: sop", "kind: procedure"),
            D: "# Draft\n\n1. Write it.\n",
        }
    )
    assert messages(repo(files), "--select", "Y") == [
        ("Y003 the SOP has no front matter: start the file with a `---` line, the SOP's fields "
        "(`kind: sop`, `id: ...`), and another `---` line"),
        "Y004 unknown kind `procedure`: did you mean `process`?",
    ]


def test_one_broken_file_never_hides_the_others(repo):
    """The acceptance case: a syntax error, a duplicate key, a Markdown SOP without front
    matter and a dangling reference, all reported in one run."""
    files = valid_repo(
        {
            "sops/broken.yaml": "kind: sop\nid: broken\n  title: x\n",
            S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: A\ntone: B"),
            D: "# Draft the social post copy\n\n1. Write it.\n",
            P: edit(PROCESS, "sop: schedule-post", "sop: schedule-pots"),
        }
    )
    assert findings(repo(files)) == [
        (P, 11, 10, "R001"),
        ("sops/broken.yaml", 3, 8, "Y001"),
        (D, 1, 1, "Y003"),
        (S, 8, 1, "Y002"),
    ]


def test_an_empty_front_matter_says_so(repo):
    files = valid_repo({D: "---\n# to do\n---\n# Draft\n\n1. Write it.\n"})
    assert messages(repo(files), "--select", "Y") == ["Y004 the front matter is empty: write an SOP, starting with `kind: sop`"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {S: SCHEDULE_SOP.replace("format: Image", "format: Bullet list: Image")},
            ("Y001 YAML syntax error: the value of `format` contains `: `: put the whole value in quotes, like "
            '`format: "Bullet list: Image 1200x675 PNG"`'),
        ),
        (
            {S: SCHEDULE_SOP.replace("tone: Upbeat and conversational", "tone: -")},
            "Y001 YAML syntax error: `-` starts a list in YAML: write the tone itself, or put it in quotes (`tone: \"-\"`)",
        ),
        ({D: "\n" + DRAFT_SOP}, "Y003 the front matter must start on line 1: delete the blank line above the `---` on line 2"),
    ],
)
def test_mistakes_with_a_known_fix_are_told_the_fix_not_the_parser_words(repo, changes, expected):
    """Issue 13, item 7: "mapping values are not allowed here" for a value with `: `."""
    assert messages(repo(valid_repo(changes)), "--select", "Y") == [expected]
