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


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("last_reviewed: 12/03/2026", ("`last_reviewed` is `12/03/2026`: write it as YYYY-MM-DD: 12/03/2026 could be "
         "12 March (2026-03-12) or 3 December (2026-12-03)")),
        ("last_reviewed: 25/03/2026", "`last_reviewed` is `25/03/2026`: write it as YYYY-MM-DD: `2026-03-25`"),
        ("last_reviewed: 2026-13-01", "`last_reviewed` is `2026-13-01`: there is no month 13: write a real date, as YYYY-MM-DD"),
        ("last_reviewed: 2026-02-30", "`last_reviewed` is `2026-02-30`: February 2026 has no day 30: write a real date, as YYYY-MM-DD"),
        ("review_every: 3 months", ("`review_every` is `3 months`: write `3m` (a number and d, w, m or y: days, weeks, "
         "months of 30 days, years)")),
        ("review_every: 2 Weeks", ("`review_every` is `2 Weeks`: write `2w` (a number and d, w, m or y: days, weeks, "
         "months of 30 days, years)")),
    ],
)
def test_dates_and_durations_in_another_form_say_how_to_write_them(repo, line, message):
    """Issue 13, item 7: "not in the expected form" for a date that is in the expected form
    but no real day, and no word on how to write `3 months`."""
    sop = SCHEDULE_SOP.replace("tone: Upbeat and conversational", f"tone: Upbeat and conversational\n{line}")
    assert messages(repo(valid_repo({"sops/schedule-post.yaml": sop})), "--select", "S") == [f"S001 {message}"]


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("  - schedule-post", [("S001 step 2 should be a mapping of `key: value` lines, not the text `schedule-post`: write it as "
                               "`name:` (what the step does) and `sop: schedule-post` on the next line")]),
        ("  - Schedule post: schedule-post", [("S001 step 2 is written `Schedule post: schedule-post` on one line: write it as "
                                              "`- name: Schedule post` with `sop: schedule-post` on the next line")]),
        # Issue 15 review: `- name: Post: schedule` (the name as it was) does not parse; the advice quotes it.
        ('  - "Post: schedule": schedule-post', [("S001 step 2 is written `Post: schedule: schedule-post` on one line: write it as "
                                                '`- name: "Post: schedule"` with `sop: schedule-post` on the next line')]),
    ],
)
def test_a_step_written_as_an_id_or_on_one_line_is_one_finding_with_the_fix(repo, step, expected):
    """Issue 13, item 7: `- Post the job ad: post-job-ad` gave three findings in parser words."""
    process = PROCESS.replace("  - name: Schedule post\n    sop: schedule-post", step)
    assert messages(repo(valid_repo({"processes/promote-new-video.yaml": process})), "--select", "S,P,R001") == expected
