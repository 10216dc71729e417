"""The file system as hostile input: links out of the SOP root, files that cannot or must
not be read, and references that look like paths."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import findings, messages
from tests.repos import DRAFT_SOP, PROCESS, edit, valid_repo

OUTSIDE_SOP = DRAFT_SOP.replace("id: draft-post-copy", "id: outside")


@pytest.fixture
def outside(tmp_path):
    """A folder beside the SOP root holding a valid SOP that must never be read."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "outside.md").write_text(OUTSIDE_SOP)
    return folder


def test_a_file_link_out_of_the_root_is_reported_and_not_followed(repo, outside):
    root = repo(valid_repo())
    (root / "sops" / "outside.md").symlink_to(outside / "outside.md")
    (root / "sops" / "relative.md").symlink_to(os.path.relpath(outside / "outside.md", root / "sops"))
    assert findings(root) == [("sops/outside.md", 1, 1, "Y006"), ("sops/relative.md", 1, 1, "Y006")]
    assert messages(root)[1] == (
        "Y006 this is a link to `../../outside/outside.md`, outside the SOP root, and sop-lint does not "
        "follow it: move or copy the file into the SOP root, or exclude the link"
    )


def test_a_link_out_of_the_root_is_not_followed_even_through_a_link_inside(repo, outside):
    root = repo(valid_repo())
    (root / "hop.md").symlink_to(outside / "outside.md")
    (root / "sops" / "via-hop.md").symlink_to(root / "hop.md")
    assert findings(root) == [("sops/via-hop.md", 1, 1, "Y006")]


def test_links_that_stay_inside_the_root_are_followed(repo):
    root = repo(valid_repo({"shared/draft-post-copy.md": DRAFT_SOP, "sops/draft-post-copy.md": None}))
    (root / "sops" / "draft-post-copy.md").symlink_to(root / "shared" / "draft-post-copy.md")
    assert findings(root) == []


def test_a_folder_link_out_of_the_root_is_reported_only_where_files_could_be_checked(repo, outside):
    root = repo(valid_repo())
    (root / "sops" / "elsewhere").symlink_to(outside, target_is_directory=True)
    (root / "docs").mkdir()
    (root / "docs" / "elsewhere").symlink_to(outside, target_is_directory=True)
    assert findings(root) == [("sops/elsewhere", 1, 1, "Y006")]
    excluded = repo({"sop-lint.yaml": "exclude: ['sops/elsewhere/**']\n"})
    assert findings(excluded) == []


def test_a_fifo_is_reported_without_waiting_for_a_writer(repo):
    """Works as root too, unlike a file without read permission: opening a FIFO blocks
    until someone writes to it, so a real process with a timeout guards the test."""
    root = repo(valid_repo())
    os.mkfifo(root / "sops" / "pipe.md")
    command = [sys.executable, "-m", "sop_lint", "check", str(root), "--format", "json", "--no-cache"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["path"], finding["code"], finding["message"]) == (
        "sops/pipe.md", "Y006", "this is a FIFO (named pipe), not a regular file, so sop-lint does not read it"
    )


def test_a_dangling_link_is_reported(repo):
    """Also works as root: nothing can read a file that does not exist."""
    root = repo(valid_repo())
    (root / "sops" / "gone.md").symlink_to(root / "sops" / "nowhere.md")
    assert messages(root) == ["Y006 cannot read the file: No such file or directory"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files without permission")
def test_a_file_without_read_permission_is_reported(repo):
    root = repo(valid_repo())
    (root / "sops" / "draft-post-copy.md").chmod(0)
    assert messages(root) == ["Y006 cannot read the file: Permission denied"]


def test_a_broken_file_never_stops_the_others(repo, outside):
    root = repo(valid_repo({"processes/promote-new-video.yaml": edit(PROCESS, "sop: schedule-post", "sop: schedule-pots")}))
    (root / "sops" / "outside.md").symlink_to(outside / "outside.md")
    os.mkfifo(root / "sops" / "pipe.md")
    assert [code for *_, code in findings(root)] == ["R001", "Y006", "Y006"]
