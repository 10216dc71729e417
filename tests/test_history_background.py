"""A first run reads git history beside the file checks (issue 18, item 3): in a forked
child when this process runs nothing else (it may then fork workers for the files), in a
thread otherwise; both give what reading in this process gives, and keep the snapshot."""

import threading

import pytest

from sop_lint.git.background import PendingSnapshot
from sop_lint.git.history import SnapshotLoader
from sop_lint.git.runner import GitFailed
from tests.gitrepo import GitRepo
from tests.repos import SCHEDULE_SOP, valid_repo


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    repo = GitRepo(tmp_path_factory.mktemp("background") / "ops")
    repo.commit("2026-01-05T09:00:00+00:00", valid_repo(), "start")
    repo.commit("2026-02-05T09:00:00+00:00", {"sops/schedule-post.yaml": SCHEDULE_SOP + "review_every: 30d\n"}, "edit")
    repo.commit("2026-03-05T09:00:00+00:00", None, "reviewed", "SOP-Reviewed: draft-post-copy")
    return repo.path


def expected(root):
    return SnapshotLoader(root, store=None).snapshot().record


@pytest.mark.parametrize("another_thread", [False, True], ids=["in a child process", "in a thread"])
def test_the_background_read_gives_the_snapshot_and_keeps_it(repository, tmp_path, another_thread):
    store = tmp_path / "history"
    stop = threading.Event()
    if another_thread:  # a thread already runs (the editor's server): no fork
        threading.Thread(target=stop.wait, daemon=True).start()
    try:
        loader = SnapshotLoader(repository, store=store)
        pending = PendingSnapshot(loader)
        assert pending.in_child is (not another_thread and threading.active_count() == 1)
        snapshot = pending.result()
    finally:
        stop.set()
    assert snapshot.record == expected(repository) and snapshot.record["reviews"]
    assert loader.current and loader.snapshot().record == snapshot.record
    assert SnapshotLoader(repository, store=store).current  # kept for the next run


def test_git_failing_in_the_background_is_raised_with_its_words(repository, tmp_path):
    copy = tmp_path / "ops"
    head = GitRepo(copy).commit("2026-01-05T09:00:00+00:00", valid_repo(), "start")
    loader = SnapshotLoader(copy, store=None)
    loose = copy / ".git" / "objects" / head[:2] / head[2:]
    loose.chmod(0o644)
    loose.write_bytes(b"not a zlib stream")
    with pytest.raises(GitFailed, match=r"^git rev-parse failed: error: inflate"):
        PendingSnapshot(loader).result()
