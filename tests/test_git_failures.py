"""When git fails: one clear line. `stale` and `diff` exit 2; `check` goes on without the
history rules and says so. Real repositories, broken for real."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sop_lint.git.runner import GitFailed
from sop_lint.git.trees import GitRepository
from tests.gitrepo import GitRepo
from tests.repos import SCHEDULE_SOP, valid_repo

JAN, FEB = "2026-01-05T09:00:00+00:00", "2026-02-05T09:00:00+00:00"


def sop_lint(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sop_lint", *map(str, args)], capture_output=True, text=True, env=env)


def error_of(result: subprocess.CompletedProcess[str]) -> str:
    """The standard error of a run that exits 2 and prints nothing on standard output."""
    assert (result.returncode, result.stdout) == (2, ""), result
    return result.stderr


def repository(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit(JAN, valid_repo(), "start")
    repo.git("branch", "base")
    repo.commit(FEB, {"sops/schedule-post.yaml": SCHEDULE_SOP + "review_every: 30d\n"}, "edit")
    return repo


def test_without_git_on_path_diff_says_so_in_one_line(tmp_path):
    repo = repository(tmp_path)
    env = {**os.environ, "PATH": str(tmp_path / "no-git-here")}
    no_git = "sop-lint: error: git is not installed (or not on PATH)\n"
    assert error_of(sop_lint("diff", repo.path, "--base", "base", env=env)) == no_git
    assert error_of(sop_lint("check", repo.path, "--staged", env=env)) == no_git


@pytest.mark.slow
def test_a_corrupt_object(tmp_path):
    repo = repository(tmp_path)
    head = repo.git("rev-parse", "HEAD").strip()
    loose = repo.path / ".git" / "objects" / head[:2] / head[2:]
    loose.chmod(0o644)
    loose.write_bytes(b"not a zlib stream")
    failed = "git rev-parse failed: error: inflate: data stream error (incorrect header check)"
    assert error_of(sop_lint("stale", repo.path, "--no-cache")) == f"sop-lint: error: {failed}\n"
    checked = sop_lint("check", repo.path, "--no-cache")
    assert (checked.returncode, checked.stderr) == (0, f"sop-lint: note: history rules (H001, H002, H003, H005) skipped: {failed}\n")
    assert error_of(sop_lint("diff", repo.path, "--base", "base", "--no-cache")) == f"sop-lint: error: {failed}\n"


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a repository to another user needs root")
def test_a_repository_owned_by_another_user(tmp_path):
    repo = repository(tmp_path)
    for path in [repo.path, *repo.path.rglob("*")]:
        os.lchown(path, 12345, 12345)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull}
    failed = f"git rev-parse failed: fatal: detected dubious ownership in repository at '{repo.path}'"
    assert error_of(sop_lint("stale", repo.path, "--no-cache", env=env)) == f"sop-lint: error: {failed}\n"
    checked = sop_lint("check", repo.path, "--no-cache", env=env)
    assert (checked.returncode, checked.stderr) == (0, f"sop-lint: note: history rules (H001, H002, H003, H005) skipped: {failed}\n")
    assert error_of(sop_lint("diff", repo.path, "--base", "base", "--no-cache", env=env)) == f"sop-lint: error: {failed}\n"


@pytest.mark.slow
def test_a_huge_single_commit(tmp_path):
    """One commit whose list of files (`git log --name-status`, 230 bytes a file in a
    folder with a long name) is several times what a pipe holds (64 KiB): git writes
    while sop-lint reads."""
    repo = GitRepo(tmp_path / "repo")
    folder = "sops/bulk/" + "a-folder-with-a-long-name-" * 8
    many = {f"{folder}/s{index:05}.yaml": SCHEDULE_SOP.replace("id: schedule-post", f"id: s{index:05}") for index in range(1000)}
    repo.commit(JAN, {**valid_repo(), **many}, "import everything at once")
    assert len(repo.git("log", "--name-status", "--format=")) > 3 * 64 * 1024
    result = sop_lint("stale", repo.path, "--format", "json", "--now", "2026-02-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('"status":"fresh"') + result.stdout.count('"status": "fresh"') == 1002


def test_malformed_review_trailers_are_ignored_not_fatal(tmp_path):
    repo = repository(tmp_path)
    for message in ["SOP-Reviewed:", "x\n\nSOP-Reviewed: ../../etc/passwd\nSOP-Reviewed:  ", "x\n\nSOP-Reviewed: schedule-post, draft-post-copy"]:
        repo.git("commit", "-q", "--allow-empty", "-m", message, date="2026-03-01T09:00:00+00:00")
    latin1 = tmp_path / "message.txt"
    latin1.write_bytes(b"caf\xe9\n\nSOP-Reviewed: schedul\xe9\n")
    repo.git("-c", "i18n.commitEncoding=latin-1", "commit", "-q", "--allow-empty", "-F", str(latin1), date="2026-03-02T09:00:00+00:00")
    result = sop_lint("stale", repo.path, "--format", "json", "--now", "2026-11-24", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert '"id":"schedule-post"' in result.stdout.replace(" ", "")


def test_a_missing_object_among_many_is_one_error_not_a_hang(tmp_path):
    """Reading stops at a missing object while git still has thousands of answers to
    write and ids to read: both pipes full. The run must end with the error (issue 12,
    item 5's class: `cat-file --batch` out of step), not wait on git forever."""
    repo = repository(tmp_path)
    blob = repo.git("rev-parse", "HEAD:sops/schedule-post.yaml").strip()
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from sop_lint.git.runner import GitFailed, git_at, read_blobs\n"
        f"try:\n    read_blobs(git_at(Path(sys.argv[1])), ['0' * 40] + ['{blob}'] * 5000, 10**6)\n"
        "except GitFailed as error:\n    print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(repo.path)], capture_output=True, text=True, timeout=60)
    assert (result.stdout, result.stderr) == (f"git cat-file failed: object {'0' * 40} is missing or unreadable\n", "")


def test_a_failed_single_read_leaves_the_next_one_right(tmp_path):
    """The `cat-file` process kept for single reads: after a missing object (one error
    line), the next read gets its own object, never what was left of another answer."""
    repo = repository(tmp_path)
    blob = repo.git("rev-parse", "HEAD:sops/schedule-post.yaml").strip()
    git = GitRepository(repo.path)
    try:
        with pytest.raises(GitFailed, match=f"object {'0' * 40} is missing or unreadable"):
            git.read("0" * 40)
        assert git.read(blob) == (repo.path / "sops/schedule-post.yaml").read_bytes()
        assert git.read(blob) == git.read_all([blob], 10**6)[0]
    finally:
        git.close()
