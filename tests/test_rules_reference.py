"""Reference family: R001–R005."""

import pytest

from tests.conftest import findings, messages
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo

P, D, S = "processes/promote-new-video.yaml", "sops/draft-post-copy.md", "sops/schedule-post.yaml"

SUB = """\
kind: process
id: publish-video
title: Publish a video
trigger: The edit is approved
outcome: The video is live and promoted
steps:
  - name: Promote it
    process: promote-new-video
"""


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # R001 unknown-reference: misspelt SOP, unknown sub-process, an SOP id used as a process
        ({P: edit(PROCESS, "sop: schedule-post", "sop: schedule-posts")}, [(P, 11, 10, "R001")]),
        ({P: edit(PROCESS, "sop: schedule-post", "sop: publish-video")}, [(P, 11, 10, "R001"), (S, 2, 5, "R004")]),
        ({"processes/publish-video.yaml": SUB.replace("process: promote-new-video", "process: promote-video")}, [("processes/publish-video.yaml", 8, 14, "R001")]),
        # R002 duplicate-id: reported on the second file in path order
        ({"sops/social/schedule-post.yaml": SCHEDULE_SOP}, [("sops/social/schedule-post.yaml", 2, 5, "R002")]),
        # R003 id-file-mismatch
        ({S: None, "sops/scheduling.yaml": SCHEDULE_SOP}, [("sops/scheduling.yaml", 2, 5, "R003")]),
        # R004 orphan-sop
        ({"sops/old-sop.md": DRAFT_SOP.replace("id: draft-post-copy", "id: old-sop")}, [("sops/old-sop.md", 3, 5, "R004")]),
        # R005 process-cycle: through a sub-process, reported once at the first process by id
        (
            {"processes/publish-video.yaml": SUB, P: PROCESS + "  - name: Publish the next one\n    process: publish-video\n"},
            [(P, 13, 14, "R005")],
        ),
    ],
)
def test_reference_findings(repo, changes, expected):
    assert findings(repo(valid_repo(changes))) == expected


def test_a_sub_process_without_a_cycle_passes(repo):
    assert findings(repo(valid_repo({"processes/publish-video.yaml": SUB}))) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {P: edit(PROCESS, "sop: schedule-post", "sop: schedule-posts")},
            "R001 step 2 'Schedule post' uses SOP `schedule-posts`, which does not exist: did you mean `schedule-post`?",
        ),
        (
            {"processes/publish-video.yaml": SUB.replace("process: promote-new-video", "process: schedule-post")},
            ("R001 step 1 'Promote it' uses process `schedule-post`, which does not exist: "
            "`schedule-post` is an SOP, so write `sop: schedule-post`"),
        ),
        (
            {"processes/publish-video.yaml": SUB.replace("process: promote-new-video", "process: hire-an-editor")},
            "R001 step 1 'Promote it' uses process `hire-an-editor`, which does not exist: create the process or correct the id",
        ),
        (
            {"processes/publish-video.yaml": SUB, P: PROCESS + "  - name: Publish the next one\n    process: publish-video\n"},
            ("R005 process 'promote-new-video' runs itself through its sub-processes "
            "(promote-new-video → publish-video → promote-new-video): a process cannot contain itself"),
        ),
    ],
)
def test_reference_messages(repo, changes, message):
    assert messages(repo(valid_repo(changes)), "--select", "R001,R005") == [message]
