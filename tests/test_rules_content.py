"""SOP content family: C001 missing-field, C002 placeholder-value, C003 empty-instructions."""

import pytest

from tests.conftest import findings, messages
from tests.repos import DRAFT_SOP, SCHEDULE_SOP, edit, valid_repo

D, S = "sops/draft-post-copy.md", "sops/schedule-post.yaml"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # C001 missing-field: missing (reported at the mapping), empty, not text; in Markdown the lines are the file's
        ({S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational\n", "")}, [(S, 1, 1, "C001")]),
        ({D: edit(DRAFT_SOP, "tone: Upbeat and conversational", "tone:")}, [(D, 8, 1, "C001")]),
        ({D: edit(DRAFT_SOP, "account: The shared Social drive", 'account: ""')}, [(D, 6, 1, "C001")]),
        ({S: edit(SCHEDULE_SOP, "format: Image 1200x675 PNG", "format: 1200")}, [(S, 6, 9, "C001")]),
        # C002 placeholder-value: alone, inside a value, punctuation only, in the title
        ({S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")}, [(S, 7, 7, "C002")]),
        ({D: edit(DRAFT_SOP, "account: The shared Social drive", "account: tbd - ask Sam")}, [(D, 6, 10, "C002")]),
        ({D: edit(DRAFT_SOP, "tool: Google Docs", "tool: '???'")}, [(D, 5, 7, "C002")]),
        ({S: edit(SCHEDULE_SOP, "title: Schedule the promotional post", "title: TODO")}, [(S, 3, 8, "C002")]),
        # C003 empty-instructions: Markdown with only a heading; YAML with an empty or missing list
        ({D: DRAFT_SOP.split("# Draft")[0] + "# Draft the social post copy\n\n"}, [(D, 9, 1, "C003")]),
        ({S: SCHEDULE_SOP.split("instructions:")[0] + "instructions: []\n"}, [(S, 8, 1, "C003")]),
        ({S: SCHEDULE_SOP.split("instructions:")[0]}, [(S, 1, 1, "C003")]),
    ],
)
def test_content_findings(repo, changes, expected):
    assert findings(repo(valid_repo(changes))) == expected


@pytest.mark.parametrize(
    "value",
    ["Company X account @acme", "Notion (Todoist for reminders)", "N/Any", "Image 1200xxx", "Buffer 2.0"],
)
def test_real_values_that_look_a_little_like_placeholders_pass(repo, value):
    assert findings(repo(valid_repo({S: edit(SCHEDULE_SOP, "account: Company X account @acme", f'account: "{value}"')}))) == []


def test_messages_name_the_sop_the_field_and_what_to_write(repo):
    files = valid_repo(
        {
            S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational\n", ""),
            D: edit(DRAFT_SOP, "tone: Upbeat and conversational", "tone: N/A"),
        }
    )
    assert messages(repo(files)) == [
        ("C002 SOP 'draft-post-copy' has a placeholder `tone` (`N/A`): if `tone` does not apply to this SOP, write "
        "`not_applicable: [tone]` instead of the field; else write how the writing should sound, like `Upbeat and conversational`"),
        "C001 SOP 'schedule-post' has no `tone`: add `tone:` (how the writing should sound, like `Upbeat and conversational`)",
    ]


def test_teams_can_require_more_fields_and_placeholders(repo):
    config = "extend-required-fields: [escalation]\nextend-placeholders: [ask Dana]\n"
    files = valid_repo(
        {
            "sop-lint.yaml": config,
            S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: ask dana\nescalation: Ping @ops in Slack"),
        }
    )
    assert findings(repo(files)) == [(D, 2, 1, "C001"), (S, 7, 7, "C002")]


def test_required_fields_can_be_replaced(repo):
    config = "required-fields: [tool, account]\n"
    files = valid_repo({"sop-lint.yaml": config, S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational\n", "")})
    assert findings(repo(files)) == []


@pytest.mark.parametrize("value", ["N/A", "NA", "none", "None", "n.a.", "not applicable"])
def test_every_spelling_of_not_applicable_is_reported_with_the_one_way_to_say_it(repo, value):
    """Issue 13, item 10: `N/A` was a placeholder error while `NA` and `none` passed."""
    sop = SCHEDULE_SOP.replace("tone: Upbeat and conversational", f"tone: {value}")
    assert messages(repo(valid_repo({"sops/schedule-post.yaml": sop})), "--select", "C") == [
        (f"C002 SOP 'schedule-post' has a placeholder `tone` (`{value}`): if `tone` does not apply to this SOP, write "
        "`not_applicable: [tone]` instead of the field; else write how the writing should sound, like `Upbeat and conversational`"),
    ]


def test_a_field_listed_as_not_applicable_is_neither_required_nor_checked(repo):
    without_tone = SCHEDULE_SOP.replace("tone: Upbeat and conversational\n", "not_applicable: [tone]\n")
    with_note = SCHEDULE_SOP.replace("tone: Upbeat and conversational", "tone: n/a (no writing)\nnot_applicable: [tone]")
    real_tone = SCHEDULE_SOP.replace("tone: Upbeat and conversational", "tone: Friendly, none of the jargon")
    for sop in (without_tone, with_note, real_tone):
        assert messages(repo(valid_repo({"sops/schedule-post.yaml": sop})), "--select", "C,S") == []
