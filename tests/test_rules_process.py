"""Process family: P001–P006."""

import pytest

from tests.conftest import findings, messages
from tests.repos import PROCESS, edit, valid_repo

P = "processes/promote-new-video.yaml"

TWO_STEPS = """\
steps:
  - name: Draft social post copy
    sop: draft-post-copy
  - name: Schedule post
    sop: schedule-post
"""


def steps(text: str) -> dict[str, str]:
    return {P: edit(PROCESS, TWO_STEPS, text)}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # P001 missing-trigger: missing, empty, placeholder, not text
        ({P: edit(PROCESS, "trigger: A new video is published on the channel\n", "")}, [(P, 1, 1, "P001")]),
        ({P: edit(PROCESS, "trigger: A new video is published on the channel", "trigger:")}, [(P, 5, 1, "P001")]),
        ({P: edit(PROCESS, "trigger: A new video is published on the channel", "trigger: TBD")}, [(P, 5, 10, "P001")]),
        ({P: edit(PROCESS, "trigger: A new video is published on the channel", "trigger: [a, b]")}, [(P, 5, 10, "P001")]),
        # P002 missing-outcome
        ({P: edit(PROCESS, "outcome: A published social media post promotes the video\n", "")}, [(P, 1, 1, "P002")]),
        ({P: edit(PROCESS, "outcome: A published social media post promotes the video", 'outcome: "  "')}, [(P, 6, 1, "P002")]),
        # P003 missing-steps: missing, empty list, null (the SOPs are then unused)
        # (while a process has no readable `steps`, no SOP is called an orphan: they may be its)
        (steps(""), [(P, 1, 1, "P003")]),
        (steps("steps: []\n"), [(P, 7, 1, "P003"), ("sops/draft-post-copy.md", 3, 5, "R004"), ("sops/schedule-post.yaml", 2, 5, "R004")]),
        (steps("Steps:\n  - name: Draft social post copy\n    sop: draft-post-copy\n"), [(P, 7, 1, "P003")]),
        # P004 step-order: a mapping is not a list; numbers out of order; a missing number; explicit order
        (
            steps("steps:\n  first: draft-post-copy\n  second: schedule-post\n"),
            [(P, 8, 3, "P004")],
        ),
        (steps(TWO_STEPS.replace("- name: Draft", "- name: 1. Draft").replace("- name: Schedule", "- name: 3. Schedule")), [(P, 10, 11, "P004")]),
        (steps(TWO_STEPS.replace("- name: Schedule post", '- name: "Step 2: Schedule post"')), [(P, 8, 11, "P004")]),
        (steps(TWO_STEPS.replace("sop: draft-post-copy", "sop: draft-post-copy\n    order: 2")), [(P, 10, 12, "P004")]),
        # P005 duplicate-step-name: case and numbering do not make names different
        (steps(TWO_STEPS.replace("name: Schedule post", "name: draft SOCIAL post copy")), [(P, 10, 11, "P005")]),
        # P006 step-without-target: neither, or both
        (steps(TWO_STEPS.replace("    sop: schedule-post\n", "")), [(P, 10, 5, "P006"), ("sops/schedule-post.yaml", 2, 5, "R004")]),
        (steps(TWO_STEPS.replace("sop: schedule-post", "sop: schedule-post\n    process: promote-new-video")), [(P, 10, 5, "P006"), (P, 12, 14, "R005")]),
    ],
)
def test_process_findings(repo, changes, expected):
    assert findings(repo(valid_repo(changes))) == expected


@pytest.mark.parametrize(
    "steps_text",
    [
        TWO_STEPS.replace("- name: Draft", "- name: 1. Draft").replace("- name: Schedule", "- name: 2) Schedule"),
        TWO_STEPS.replace("sop: draft-post-copy", "sop: draft-post-copy\n    order: 1").replace("sop: schedule-post", "sop: schedule-post\n    order: 2"),
        TWO_STEPS.replace("- name: Schedule post", "- name: Schedule post for 12:30"),
    ],
)
def test_well_ordered_steps_pass(repo, steps_text):
    assert findings(repo(valid_repo(steps(steps_text)))) == []


def test_the_specs_message_for_a_missing_outcome(repo):
    files = valid_repo({P: edit(PROCESS, "outcome: A published social media post promotes the video\n", "")})
    assert messages(repo(files)) == [
        ("P002 process 'promote-new-video' has no `outcome`: add `outcome:` (the end result when the "
        "process is done, like `A published social media post promotes the video`)")
    ]


def test_a_missing_trigger_is_reported_once_not_also_by_the_schema(repo):
    files = valid_repo({P: edit(PROCESS, "trigger: A new video is published on the channel\n", "")})
    assert [code for *_, code in findings(repo(files))] == ["P001"]
