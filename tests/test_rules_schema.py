"""Schema family: S001 schema-violation, for everything no dedicated rule explains."""

import pytest

from tests.conftest import findings, messages
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo

P, D, S = "processes/promote-new-video.yaml", "sops/draft-post-copy.md", "sops/schedule-post.yaml"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # an unknown key is reported at the key, in front matter at its line in the file
        ({D: edit(DRAFT_SOP, "tool: Google Docs", "tol: Google Docs")}, [(D, 5, 1, "C001")]),
        ({D: edit(DRAFT_SOP, "title: Draft", "titel: Draft")}, [(D, 4, 1, "S001")]),
        ({S: edit(SCHEDULE_SOP, "tone:", "toneh: x\ntone:")}, [(S, 7, 1, "S001")]),
        # wrong form of an id, a duration, a date
        ({S: edit(SCHEDULE_SOP, "title:", "review_every: 3 months\ntitle:")}, [(S, 3, 15, "S001")]),
        ({S: edit(SCHEDULE_SOP, "title:", "last_reviewed: 2026-13-01\ntitle:")}, [(S, 3, 16, "S001")]),
        ({P: edit(PROCESS, "title:", "tags: social\ntitle:")}, [(P, 3, 7, "S001")]),
        # inside a step: an unknown key
        ({P: edit(PROCESS, "sop: draft-post-copy", "sop: draft-post-copy\n    owner: me")}, [(P, 10, 5, "S001")]),
        # a missing title is a plain schema problem
        ({S: edit(SCHEDULE_SOP, "title: Schedule the promotional post\n", "")}, [(S, 1, 1, "S001")]),
    ],
)
def test_schema_findings(repo, changes, expected):
    assert findings(repo(valid_repo(changes))) == expected


def test_extension_keys_and_yaml_dates_pass(repo):
    files = valid_repo(
        {
            S: edit(SCHEDULE_SOP, "title:", "x-slack: '#social'\nlast_reviewed: 2026-10-01\nreview_every: 6w\ntitle:"),
            P: edit(PROCESS, "title:", "x-board: https://example.com\ntags: [social, video]\ntitle:"),
        }
    )
    assert findings(repo(files)) == []


def test_yaml_1_1_booleans_stay_text(repo):
    """`on`/`no` are not booleans in YAML 1.2, so an Norwegian-looking tone is still a tone."""
    assert findings(repo(valid_repo({S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: no")}))) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({D: edit(DRAFT_SOP, "tool: Google Docs", "tool: Google Docs\ntols: x")}, "S001 unknown key `tols`: did you mean `tool`?"),
        ({S: edit(SCHEDULE_SOP, "id: schedule-post", "id: Schedule Post")}, ("S001 `id` has a value that is not in the expected form: `Schedule Post` "
         "(a short name that process steps use to refer to this SOP: lowercase words joined by dashes, like `schedule-post`)")),
        ({P: edit(PROCESS, "title:", "tags: social\ntitle:")}, "S001 `tags` should be a list, not the text `social` (words to group and find processes by, like `social` or `finance`)"),
        ({S: edit(SCHEDULE_SOP, "title: Schedule the promotional post\n", "")}, ("S001 `title` is missing: add `title:` "
         "(what the SOP achieves, as people say it, like `Schedule the promotional post`)")),
    ],
)
def test_schema_messages_are_plain_words(repo, changes, message):
    assert messages(repo(valid_repo(changes)), "--select", "S") == [message]


def test_several_missing_keys_are_each_reported_once(repo):
    files = valid_repo({S: "kind: sop\ninstructions: [Do it.]\n"})
    assert sorted(messages(repo(files), "--select", "S001")) == [
        ("S001 `id` is missing: add `id:` (a short name that process steps use to refer to this SOP: "
        "lowercase words joined by dashes, like `schedule-post`)"),
        "S001 `title` is missing: add `title:` (what the SOP achieves, as people say it, like `Schedule the promotional post`)",
    ]
