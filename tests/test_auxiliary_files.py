"""Files read beside the processes and SOPs (CODEOWNERS, `pyproject.toml`,
`.git-blame-ignore-revs`, a configuration file found in the root) follow the same rules as
process and SOP files: regular files only, size-capped, and never through a link out of
their folder or into git's own data."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sop_lint.git.codeowners import read_codeowners
from tests.conftest import REPO_ROOT, run_cli
from tests.gitrepo import GitRepo
from tests.repos import valid_repo

TOKEN = "ghp_" + "Q7wErTy1UiOp2AsDfGh3JkLzXcVb4NmQwE5r"
JAN = "2026-01-05T10:00:00+00:00"


def test_a_codeowners_link_into_git_data_leaks_no_token(tmp_path):
    """`CODEOWNERS -> .git/config`: what actions/checkout stores there (an extraheader with
    the CI token) would become an SOP's owner in `stale`, and so in the weekly issue."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit(JAN, valid_repo())
    with (repo.path / ".git" / "config").open("a") as config:
        config.write(f'[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic {TOKEN}\n')
    (repo.path / "CODEOWNERS").symlink_to(".git/config")
    assert read_codeowners(repo.path).rules == []  # followed, its `extraheader = ...` line would be a rule
    repo.git("add", "CODEOWNERS")
    repo.commit("2026-01-06T10:00:00+00:00")
    for output_format in ("text", "json", "csv", "markdown", "html"):
        code, out, err = run_cli("stale", repo.path, "--now", "2026-02-01", "--format", output_format)
        assert code == 0, err
        assert TOKEN not in out + err
    _, out, _ = run_cli("stale", repo.path, "--now", "2026-02-01", "--format", "json")
    assert {sop["owner"] for sop in json.loads(out)["sops"]} == {None}


def test_a_codeowners_link_to_an_endless_device_is_not_read(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.commit(JAN, valid_repo())
    (repo.path / "CODEOWNERS").symlink_to("/dev/zero")
    code, _, err = run_cli("stale", repo.path, "--now", "2026-02-01")
    assert code == 0, err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
@pytest.mark.parametrize("name", ["pyproject.toml", ".git-blame-ignore-revs", "CODEOWNERS"])
def test_a_fifo_in_place_of_an_auxiliary_file_does_not_hang_the_run(tmp_path, name):
    """Run as a real process with a time limit: a read that waits for a writer would hang."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit(JAN, valid_repo())
    os.mkfifo(repo.path / name)
    for command in (["check", str(repo.path)], ["stale", str(repo.path), "--now", "2026-02-01"]):
        result = subprocess.run(
            [sys.executable, "-m", "sop_lint", *command], capture_output=True, text=True, timeout=30, cwd=REPO_ROOT
        )
        assert result.returncode == 0, result.stderr


def test_a_configuration_link_out_of_the_root_is_refused_in_one_line(tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("review-every: 90d\n")
    root = tmp_path / "ops"
    root.mkdir()
    for path, content in valid_repo().items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(content)
    (root / "sop-lint.yaml").symlink_to(outside)
    code, out, err = run_cli("check", root)
    assert (code, out) == (2, "")
    assert err == (
        f"sop-lint: error: {root / 'sop-lint.yaml'}: sop-lint.yaml is a link to `{outside}`, outside {root} "
        "or into git's data: sop-lint does not follow it\n"
    )
