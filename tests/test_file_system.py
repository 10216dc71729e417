"""The file system as hostile input: links out of the SOP root, files that cannot or must
not be read, and references that look like paths."""

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import check_json, findings, messages, run_cli
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo

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
        "follow it: move or copy what it points to into the SOP root, or `exclude` the link"
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


_OPENED: list[str] | None = None  # while a list, every path opened in this process is added


def _record_opens(event: str, args: tuple) -> None:
    if event == "open" and _OPENED is not None and isinstance(args[0], str | bytes):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_record_opens)


def test_an_id_that_looks_like_a_path_is_a_finding_and_never_opens_a_file(repo, tmp_path):
    global _OPENED
    (tmp_path / "secret.md").write_text(OUTSIDE_SOP)
    (tmp_path / "secret.yaml").write_text(OUTSIDE_SOP)
    process = edit(edit(PROCESS, "sop: draft-post-copy", "sop: ../../secret"), "sop: schedule-post", "process: ..\\..\\secret")
    root = repo(valid_repo({
        "processes/promote-new-video.yaml": process,
        "sops/schedule-post.yaml": edit(SCHEDULE_SOP, "id: schedule-post", "id: /etc/passwd"),
    }))
    _OPENED = []
    try:
        found = messages(root, "--no-cache")
    finally:
        opened, _OPENED = _OPENED, None
    assert found == [
        ("R001 step 1 'Draft social post copy' uses SOP `../../secret`, which does not exist: a step names an SOP by "
        "its id (lowercase words joined by dashes), never by a path"),
        ("R001 step 2 'Schedule post' uses process `..\\..\\secret`, which does not exist: a step names a process by "
        "its id (lowercase words joined by dashes), never by a path"),
        ("R004 SOP 'draft-post-copy' is not used by any process: add a step with `sop: draft-post-copy` to a process, "
        "write `standalone: true` if it is a chore of its own, or delete it"),
        ("S001 `id` has a value that is not in the expected form: `/etc/passwd` (a short name that process steps use "
        "to refer to this SOP: lowercase words joined by dashes, like `schedule-post`)"),
    ]
    assert any(path.endswith("promote-new-video.yaml") for path in opened)  # the hook sees sop-lint's reads
    # by file name: the folder sop-lint runs from may have such a word in its path
    assert not [path for path in opened if Path(path).stem in ("secret", "passwd")]


NAME = "sops/équipe sociale/café & co, 50% #1.yaml"


def _unescape_github(text: str) -> str:
    return text.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


READ_PATHS = {
    "text": lambda out: [line.split(".yaml:")[0] + ".yaml" for line in out.splitlines() if ".yaml:" in line],
    "json": lambda out: [finding["path"] for finding in json.loads(out)["findings"]],
    "gitlab": lambda out: [finding["location"]["path"] for finding in json.loads(out)],
    "sarif": lambda out: [
        urllib.parse.unquote(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
        for result in json.loads(out)["runs"][0]["results"]
    ],
    "github": lambda out: [_unescape_github(line.split("file=")[1].split(",line=")[0]) for line in out.splitlines()],
    # A failure per error, a line of system-out per finding below the fail level (the warning here).
    "junit": lambda out: [
        case.get("name") for case in ElementTree.fromstring(out).iter("testcase")
        for _ in [*case.iter("failure"), *(line for text in case.iter("system-out") for line in (text.text or "").splitlines())]
    ],
}


@pytest.mark.parametrize("output_format", READ_PATHS)
def test_a_path_with_spaces_and_accents_survives_every_output_format(repo, output_format, monkeypatch):
    root = repo(valid_repo({NAME: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD"), "sops/schedule-post.yaml": None}))
    monkeypatch.chdir(root)
    code, out, _ = run_cli("check", "--format", output_format)
    assert code == 1
    assert READ_PATHS[output_format](out) == [NAME, NAME]


def test_sarif_locations_are_valid_uris_and_a_name_that_is_no_id_is_only_worth_renaming(repo):
    root = repo(valid_repo({NAME: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD"), "sops/schedule-post.yaml": None}))
    _, out, _ = run_cli("check", root, "--format", "sarif")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]}
    assert uris == {"sops/%C3%A9quipe%20sociale/caf%C3%A9%20%26%20co%2C%2050%25%20%231.yaml"}
    assert messages(root)[0] == (
        "R003 SOP 'schedule-post' is in the file `café & co, 50% #1.yaml`: rename the file to `schedule-post.yaml`"
    )


def test_review_never_writes_through_a_link_out_of_the_root(repo, outside):
    root = repo(valid_repo())
    (root / "sops" / "outside.md").symlink_to(outside / "outside.md")
    code, _, err = run_cli("review", root, "outside", "--date", "2026-11-20")
    assert (code, err) == (2, "sop-lint: error: no SOP with the id `outside`: nothing was changed\n")
    assert (outside / "outside.md").read_text() == OUTSIDE_SOP


def test_graph_and_review_neither_wait_on_a_fifo_nor_follow_a_link_out(repo, outside):
    root = repo(valid_repo())
    os.mkfifo(root / "processes" / "pipe.yaml")
    (outside / "elsewhere.yaml").write_text(PROCESS.replace("id: promote-new-video", "id: elsewhere"))
    (root / "processes" / "elsewhere.yaml").symlink_to(outside / "elsewhere.yaml")
    for command in (["graph", str(root)], ["review", str(root), "schedule-post", "--date", "2026-11-20"]):
        result = subprocess.run([sys.executable, "-m", "sop_lint", *command], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert "elsewhere" not in result.stdout


def test_deeply_nested_folders_are_walked_without_recursion(tmp_path):
    """About 1,300 nested folders made Python 3.11's recursive `os.walk` die with a
    RecursionError; the walk is iterative, so `check`, `graph`, `review` and `stale` go on."""
    from tests.conftest import write_files

    root = write_files(tmp_path / "repo", valid_repo())
    deep = "sops/" + "/".join(["d"] * 1300) + "/draft-post-copy.md"
    folders = [root / "sops"]
    for _ in range(1300):  # one level at a time: mkdir(parents=True) itself recurses
        folders.append(folders[-1] / "d")
        folders[-1].mkdir()
    (root / deep).write_text(DRAFT_SOP)
    try:
        code, report = check_json(root, "--select", "R002")
        assert (code, report["summary"]["files_checked"]) == (1, 4)  # the deep copy is found, and clashes
        assert {finding["code"] for finding in report["findings"]} == {"R002"}
        assert run_cli("graph", root)[0] == 0
    finally:  # pytest's own clean-up (shutil.rmtree) recurses too, and would fail the run
        (root / deep).unlink()
        for folder in reversed(folders[1:]):
            folder.rmdir()
