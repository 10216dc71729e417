"""The hook's index (`git.staged_index`) knows the files the staged changes touch without
listing the index, and tells what differs from an older commit with a diff of two
commits: both must be exactly what listing the index and that commit says (issue 18)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sop_lint.git.staged_index import StagedIndex
from sop_lint.git.trees import GitRepository
from tests.gitrepo import GitRepo

JAN, FEB, MAR = "2026-01-05T09:00:00+00:00", "2026-02-05T09:00:00+00:00", "2026-03-05T09:00:00+00:00"
FIRST = {
    "sops/a.md": "a\n",
    "sops/b.md": "b\n",
    "sops/c.md": "c\n",
    "sops/d.md": "d\n",
    "sops/e.md": "e\n",
    "sops/f.md": "f\n",
    "notes/g.txt": "g\n",
}


def staged_index(repo: GitRepo) -> tuple[GitRepository, StagedIndex]:
    git = GitRepository(repo.path)
    head, staged = git.head_and_staged()
    return git, StagedIndex(git, head, staged)


def truth(git: GitRepository, base: str) -> dict[str, tuple[str | None, str | None]]:
    """What listing the index and the commit `base` says differs: (old, new) by path."""
    before, after = git.revision(base).blobs, git.index().blobs
    return {path: (before.get(path), after.get(path)) for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


@pytest.fixture
def history(tmp_path: Path) -> tuple[GitRepo, str]:
    """A commit `base`, a commit after it, and staged changes after that: every kind of
    change on each side, and changes that undo each other."""
    repo = GitRepo(tmp_path / "r")
    base = repo.commit(JAN, FIRST)
    repo.write({"sops/a.md": "a2\n", "sops/h.md": "h\n", "sops/e.md": "e2\n"})
    (repo.path / "sops/b.md").unlink()
    repo.git("mv", "sops/c.md", "sops/c2.md")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "second", date=FEB)
    repo.write({"sops/a.md": "a3\n", "sops/b.md": "b\n", "sops/d.md": "d2\n", "sops/e.md": "e\n", "notes/g.txt": "g2\n"})
    os.symlink("a.md", repo.path / "sops/link.md")
    repo.git("mv", "sops/f.md", "sops/f2.md")
    repo.git("add", "-A")
    return repo, base


def test_what_the_index_changes_since_an_older_commit_is_what_listing_both_says(history):
    repo, base = history
    git, index = staged_index(repo)
    since = index.since(base)
    assert since is not None
    expected = truth(git, base)
    regular = {change.path: (change.old_blob, change.new_blob) for change in since if change.regular}
    # The link is no file: listing the index leaves it out, and the diff marks it as not regular.
    assert {change.path for change in since if not change.regular} == {"sops/link.md"}
    assert regular == expected
    # Changed and changed back, or deleted and added back as it was: no change.
    assert "sops/e.md" not in regular and "sops/b.md" not in regular
    statuses = {change.path: change.status for change in since}
    assert {path: statuses[path] for path in ("sops/a.md", "sops/c.md", "sops/c2.md", "sops/f.md", "sops/f2.md", "sops/h.md")} == {
        "sops/a.md": "M", "sops/c.md": "D", "sops/c2.md": "A", "sops/f.md": "D", "sops/f2.md": "A", "sops/h.md": "A",
    }
    git.close()


def test_the_known_blob_ids_are_the_listed_ones(history):
    repo, base = history
    git, index = staged_index(repo)
    assert index.since(base) is not None
    listed = git.index().blobs
    known = dict(index._known)
    assert known and all(listed[path] == blob for path, blob in known.items())
    assert "_listed" not in vars(index)  # nothing listed yet
    assert dict(index) == listed and len(index) == len(listed)
    git.close()


def test_the_same_commit_needs_no_diff_of_commits(history):
    repo, _ = history
    git, index = staged_index(repo)
    since = index.since(repo.git("rev-parse", "HEAD").strip())
    assert since is not None
    assert {change.path: (change.old_blob, change.new_blob) for change in since if change.regular} == truth(git, "HEAD")
    git.close()


def test_a_commit_git_cannot_find_says_nothing(history):
    repo, _ = history
    git, index = staged_index(repo)
    assert index.since("0123456789abcdef0123456789abcdef01234567") is None
    git.close()


def test_before_the_first_commit_nothing_is_said(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.write({"sops/a.md": "a\n"})
    repo.git("add", "-A")
    git, index = staged_index(repo)
    assert index.head is None and index.since("HEAD") is None
    assert dict(index) == git.index().blobs
    git.close()
