"""Hostile input is bounded: each limit gives a finding (or, for the number of files, an
error) that names the limit and how to change it, in little time and memory."""

import time

import pytest

from tests.conftest import findings, messages, run_cli
from tests.repos import PROCESS, SCHEDULE_SOP, valid_repo

# Generous: each bound below takes a few milliseconds; a regression takes seconds.
CPU_SECONDS = 1.0


def cpu_time_of(action):
    start = time.process_time()
    result = action()
    return result, time.process_time() - start


def test_a_100_mb_file_is_refused_from_its_size_without_being_read(repo):
    root = repo(valid_repo())
    with (root / "sops" / "huge.yaml").open("wb") as handle:
        handle.truncate(100_000_000)  # sparse: costs no disk, reads as 100 MB of NUL bytes
    found, seconds = cpu_time_of(lambda: messages(root, "--no-cache"))
    assert found == [
        "Y005 the file is 100,000,000 bytes, over the limit of 1,000,000 (`max-file-size`), so sop-lint does not "
        "read it: split it into smaller files, or raise `max-file-size` in the configuration"
    ]
    assert seconds < CPU_SECONDS


def test_max_file_size_is_a_setting(repo):
    root = repo(valid_repo({"sop-lint.yaml": "max-file-size: 300\n"}))
    assert len(PROCESS) > 300 > len(SCHEDULE_SOP)
    assert findings(root) == [("processes/promote-new-video.yaml", 1, 1, "Y005"), ("sops/draft-post-copy.md", 1, 1, "Y005")]
    assert "over the limit of 300 (`max-file-size`)" in messages(root)[0]


@pytest.mark.parametrize("value", ["0", "1MB", "1.5"])
def test_a_limit_must_be_a_positive_whole_number(repo, value):
    code, _, err = run_cli("check", repo(valid_repo({"sop-lint.yaml": f"max-file-size: {value}\n"})))
    assert code == 2
    assert err.startswith("sop-lint: error: ") and "sop-lint.yaml:1:" in err


def test_more_files_than_max_files_stop_the_run_before_any_is_read(repo):
    root = repo(valid_repo({"sop-lint.yaml": "max-files: 2\n"}))
    code, out, err = run_cli("check", root)
    assert (code, out) == (2, "")
    assert err == (
        f"sop-lint: error: {root} holds more than 2 process and SOP files (`max-files`): check the right folder, "
        "narrow `processes`, `sops` or `exclude`, or raise `max-files` in the configuration\n"
    )
    assert run_cli("check", repo(valid_repo({"sop-lint.yaml": "max-files: 3\n"})))[0] == 0
