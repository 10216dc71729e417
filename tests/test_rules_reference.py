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
        # R002 duplicate-id: on the copy, not on the original named after the id (the copy gets no R003)
        ({"sops/a-copy.yaml": SCHEDULE_SOP}, [("sops/a-copy.yaml", 2, 5, "R002")]),
        # ... and on both when both are named after it
        ({"sops/social/schedule-post.yaml": SCHEDULE_SOP}, [(S, 2, 5, "R002"), ("sops/social/schedule-post.yaml", 2, 5, "R002")]),
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
            "R001 step 1 'Promote it' uses process `hire-an-editor`, which does not exist: correct the id, or create `processes/hire-an-editor.yaml` with `id: hire-an-editor`",
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


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # A copy whose id was not changed: the copy is told, with the id its name suggests;
        # the original, which processes use, is left alone, and no rename onto it is offered.
        (
            {"sops/boost-post.yaml": SCHEDULE_SOP},
            ["R002 SOP id `schedule-post` is already used by sops/schedule-post.yaml: change this SOP's id to `boost-post`"],
        ),
        # The same file name in two folders: nothing tells the original, so both are told.
        (
            {"sops/social/schedule-post.yaml": SCHEDULE_SOP},
            [
                ("R002 SOP id `schedule-post` is also used by sops/social/schedule-post.yaml: "
                "give this SOP an id of its own, and name its file after it"),
                ("R002 SOP id `schedule-post` is also used by sops/schedule-post.yaml: "
                "give this SOP an id of its own, and name its file after it"),
            ],
        ),
        # Neither is named after the id: each is told the id its own name suggests.
        (
            {S: None, "sops/post-a.yaml": SCHEDULE_SOP, "sops/post-b.yaml": SCHEDULE_SOP},
            [
                "R002 SOP id `schedule-post` is also used by sops/post-b.yaml: change this SOP's id to `post-a`",
                "R002 SOP id `schedule-post` is also used by sops/post-a.yaml: change this SOP's id to `post-b`",
            ],
        ),
        # R003 never offers a name that another SOP's id already holds.
        (
            {"sops/draft-post-copy.yaml": SCHEDULE_SOP, S: None},
            ["R003 SOP 'schedule-post' is in the file `draft-post-copy.yaml`: rename the file to `schedule-post.yaml`"],
        ),
    ],
)
def test_a_shared_id_is_reported_on_the_copy_with_the_fix(repo, changes, expected):
    assert messages(repo(valid_repo(changes)), "--select", "R002,R003") == expected


def test_r003_never_offers_a_rename_onto_an_existing_file(repo):
    """Renaming `schedule-post.yaml` to its id would overwrite `draft-post-copy.yaml`: only
    the id change is offered."""
    changes = {
        S: SCHEDULE_SOP.replace("id: schedule-post", "id: draft-post-copy"),
        "sops/draft-post-copy.md": None,
        "sops/draft-post-copy.yaml": SCHEDULE_SOP.replace("id: schedule-post", "id: other-sop"),
    }
    assert messages(repo(valid_repo(changes)), "--select", "R003") == [
        "R003 SOP 'other-sop' is in the file `draft-post-copy.yaml`: rename the file to `other-sop.yaml`",
        "R003 SOP 'draft-post-copy' is in the file `schedule-post.yaml`: change the id to `schedule-post`",
    ]


@pytest.mark.parametrize(
    ("moved_to", "advice"),
    [
        ("sops/Schedule-Post.MD", "`sops/Schedule-Post.MD` is named like it but is not checked: rename it to `sops/schedule-post.md`"),
        ("sops/schedule-post.markdown", "`sops/schedule-post.markdown` is named like it but is not checked: rename it to `sops/schedule-post.md`"),
        ("SOPs/social/schedule-post.md", "`SOPs/social/schedule-post.md` is named like it but is not checked: rename it to `sops/social/schedule-post.md`"),
        ("notes/schedule-post.txt", ("`notes/schedule-post.txt` is named like it but is not checked: "
         "an SOP is a file matching sops/**/*.md, sops/**/*.yaml, sops/**/*.yml")),
    ],
)
def test_an_sop_the_patterns_miss_is_not_called_missing(repo, moved_to, advice):
    """The file is there, only not picked up: "create the SOP" would have it written twice
    (issue 13, item 4)."""
    root = repo(valid_repo({S: None, moved_to: SCHEDULE_SOP}))
    assert messages(root, "--select", "R001") == [
        f"R001 step 2 'Schedule post' uses SOP `schedule-post`, which does not exist: {advice}",
    ]


def test_a_checked_file_named_like_a_missing_id_is_not_taken_for_it(repo):
    """Its id changed, not its name: the advice says so, and never to create the file
    that is there (`sop-lint check` after a hurried rename of an id)."""
    root = repo(valid_repo({S: SCHEDULE_SOP.replace("id: schedule-post", "id: post-schedule-x")}))
    [message] = messages(root, "--select", "R001")
    assert "is named like it" not in message and "create" not in message
    assert message.endswith(
        f"`{S}` is named after it but has `id: post-schedule-x`: point the step at `post-schedule-x`, or change that id back"
    )


def test_a_standalone_sop_is_not_reported_as_unused(repo):
    """A recurring chore no process uses says so in its front matter (issue 13, item 11)."""
    chore = DRAFT_SOP.replace("id: draft-post-copy", "id: check-backups")
    standalone = chore.replace("id: check-backups", "id: check-backups\nstandalone: true")
    assert findings(repo(valid_repo({"sops/check-backups.md": chore}))) == [("sops/check-backups.md", 3, 5, "R004")]
    assert findings(repo(valid_repo({"sops/check-backups.md": standalone}))) == []
