"""Repositories laid out unusually: a sparse checkout, a partial (blobless) clone, a git
folder named by `GIT_DIR`/`GIT_WORK_TREE`, a `.git` file pointing nowhere. sop-lint sees
what git sees, never downloads, and never writes outside `.git` or a valid cache home."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from tests.repos import valid_repo
from tests.test_git_failures import JAN, error_of, repository, sop_lint

BROKEN_STEP = "  - name: Publish\n    sop: no-such-sop\n"


def tree_state(folder: Path) -> dict[str, str]:
    """A digest of every file and folder under `folder`, sop-lint's state folder aside."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "/"
        for path in sorted(folder.rglob("*"))
        if "sop-lint" not in path.relative_to(folder).parts
    }


def clean_env(**changes: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", **changes)
    return env


@pytest.mark.parametrize("mode", ["--cone", "--no-cone"])
def test_sops_outside_a_sparse_checkout_are_read_from_the_index(tmp_path, mode):
    repo = repository(tmp_path)
    repo.commit(JAN, {"processes/promote-new-video.yaml": valid_repo()["processes/promote-new-video.yaml"] + BROKEN_STEP})
    repo.git("sparse-checkout", "set", mode, "processes")
    assert not (repo.path / "sops").exists()
    before = tree_state(repo.path)
    checked = sop_lint("check", repo.path, "--format", "json", "--ignore", "H")
    report = json.loads(checked.stdout)
    assert [(f["code"], f["message"].split("`")[1]) for f in report["findings"]] == [("R001", "no-such-sop")]
    stale = sop_lint("stale", repo.path, "--format", "json", "--now", "2026-03-01")
    assert stale.returncode == 0, stale.stderr
    assert sorted(sop["id"] for sop in json.loads(stale.stdout)["sops"]) == ["draft-post-copy", "schedule-post"]
    assert error_of(sop_lint("review", repo.path, "schedule-post")) == (
        "sop-lint: error: sops/schedule-post.yaml is outside the sparse checkout, so it cannot be edited: "
        "add its folder with `git sparse-checkout add sops` and run again\n"
    )
    assert tree_state(repo.path) == before


@pytest.fixture
def blobless_clone(tmp_path) -> tuple[GitRepo, GitRepo]:
    """A server with a `base` branch, a newer `main` and, last, an SOP renamed and edited in
    one commit; and a blobless clone of it, which lacks every blob `main` does not hold."""
    server = repository(tmp_path)
    server.git("mv", "sops/draft-post-copy.md", "sops/draft.md")
    server.commit("2026-02-06T09:00:00+00:00", {"sops/draft.md": valid_repo()["sops/draft-post-copy.md"] + "3. Post it.\n"})
    server.git("config", "uploadpack.allowFilter", "true")
    server.git("clone", "-q", "--filter=blob:none", f"file://{server.path}", str(tmp_path / "clone"))
    return server, GitRepo(tmp_path / "clone")


def test_a_partial_clone_is_never_fetched_from_and_the_missing_files_are_named(blobless_clone):
    server, clone = blobless_clone
    base = server.git("merge-base", "base", "main").strip()
    before = tree_state(clone.path)
    assert error_of(sop_lint("diff", clone.path, "--base", "origin/base", "--ignore", "H")) == (
        f"sop-lint: error: 2 files of commit {base[:12]} (sops/draft-post-copy.md, sops/schedule-post.yaml) "
        f"are not in this partial clone, and sop-lint never downloads: let git fetch them with "
        f"`git archive {base[:12]} -- . > /dev/null` and run again\n"
    )
    assert tree_state(clone.path) == before  # no pack fetched into .git, nothing else written
    clone.git("archive", base[:12], "--", ".")  # the advice works
    assert sop_lint("diff", clone.path, "--base", "origin/base", "--ignore", "H").returncode == 0


def test_git_itself_never_downloads_even_where_sop_lint_misses_the_partial_clone(blobless_clone):
    """Without its `.promisor` marks sop-lint does not know the clone is partial, and asks
    git for a blob it lacks: git still fetches nothing, and says so in one line."""
    _, clone = blobless_clone
    for mark in (clone.path / ".git" / "objects" / "pack").glob("*.promisor"):
        mark.unlink()
    before = tree_state(clone.path)
    error = error_of(sop_lint("diff", clone.path, "--base", "origin/base", "--ignore", "H"))
    # The first git command to need a missing blob says so: `diff` for its renames, or `cat-file`.
    assert error.startswith(("sop-lint: error: git diff failed: ", "sop-lint: error: git cat-file failed: ")), error
    assert error.count("\n") == 1, error
    assert tree_state(clone.path) == before


def test_a_partial_clone_history_with_an_edited_rename_is_read_without_fetching(blobless_clone):
    """Pairing an edited file with its old name needs both versions' contents, which a
    blobless clone lacks: only exact renames are followed there."""
    _, clone = blobless_clone
    before = tree_state(clone.path)
    stale = sop_lint("stale", clone.path, "--format", "json", "--now", "2026-03-01")
    assert stale.returncode == 0, stale.stderr
    changes = {sop["path"]: sop["last_change"][:10] for sop in json.loads(stale.stdout)["sops"]}
    assert changes == {"sops/draft.md": "2026-02-06", "sops/schedule-post.yaml": "2026-02-05"}
    checked = sop_lint("check", clone.path)
    assert (checked.returncode, checked.stderr) == (0, "")
    assert tree_state(clone.path) == before


def test_git_dir_and_work_tree_from_the_environment_are_honoured(tmp_path):
    """`GIT_DIR=/x/.git GIT_WORK_TREE=/y`: a work tree without a `.git` of its own, as git
    reads it; with GIT_DIR alone, the current folder is the work tree, as for git."""
    repo = repository(tmp_path)
    work_tree = tmp_path / "elsewhere"
    shutil.copytree(repo.path, work_tree, ignore=shutil.ignore_patterns(".git"))
    env = clean_env(GIT_DIR=str(repo.path / ".git"), GIT_WORK_TREE=str(work_tree))
    subprocess.run(["git", "rm", "-q", "sops/schedule-post.yaml"], cwd=work_tree, env=env, check=True)
    before = tree_state(work_tree)
    for variables in (env, clean_env(GIT_DIR=str(repo.path / ".git"))):
        staged = subprocess.run(
            [sys.executable, "-m", "sop_lint", "check", "--staged", "--ignore", "H", "."], cwd=work_tree, env=variables,
            capture_output=True, text=True,
        )
        assert staged.returncode == 1, staged.stderr
        assert "processes/promote-new-video.yaml:11:10: R001" in staged.stdout
        assert "(broken by the staged deletion of sops/schedule-post.yaml)" in staged.stdout
    stale = sop_lint("stale", work_tree, "--now", "2026-03-01", env=env)
    assert stale.returncode == 0, stale.stderr
    assert tree_state(work_tree) == before
    assert (repo.path / ".git" / "sop-lint").is_dir()


@pytest.mark.parametrize("target", ["gone/x", "elsewhere"])
def test_a_git_file_pointing_at_no_repository_creates_no_folder(tmp_path, target):
    """`gitdir:` naming a missing folder, or one that holds no repository: no folder is
    made there; the cache goes to the cache home, and git says what is wrong."""
    root = tmp_path / "repo"
    shutil.copytree(repository(tmp_path / "origin").path, root, ignore=shutil.ignore_patterns(".git"))
    (tmp_path / "elsewhere").mkdir()
    (root / ".git").write_text(f"gitdir: {tmp_path / target}\n")
    checked = sop_lint("check", root, env=clean_env(XDG_CACHE_HOME=str(tmp_path / "cache"), HOME=str(tmp_path)))
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == (
        "sop-lint: note: history rules (H001, H002, H003, H005) skipped: "
        f"git rev-parse failed: fatal: not a git repository: {tmp_path / target}\n"
    )
    assert not (tmp_path / "gone").exists() and list((tmp_path / "elsewhere").iterdir()) == []
    assert list((tmp_path / "cache").iterdir()) == [tmp_path / "cache" / "sop-lint"]
