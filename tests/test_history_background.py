"""A first run reads git history beside the file checks (issue 18, item 3): in a forked
child when this process runs nothing else (it may then fork workers for the files), in a
thread otherwise; both give what reading in this process gives, and keep the snapshot."""

import json
import os
import subprocess
import sys
import threading

import pytest

from sop_lint.git.background import PendingSnapshot
from sop_lint.git.history import SnapshotLoader
from sop_lint.git.runner import GitFailed
from tests.conftest import run_cli
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


WIDENED = """
import json, sys, time
from sop_lint.cli import main
from sop_lint.engine import file_checks
file_checks.PARALLEL_FROM, file_checks._WIDEN_EVERY = 2, 1  # a handful of files is enough to share
checked = file_checks._check_one
file_checks._check_one = lambda *task: time.sleep(0.02) or checked(*task)  # as a large file would: git is done first
shared = []
real = file_checks._in_workers
file_checks._in_workers = lambda tasks, *rest: shared.append(len(tasks)) or real(tasks, *rest)
try:
    main(["check", sys.argv[1], "--no-cache", "--format", "json", "--now", "2026-11-24"])
except SystemExit:
    pass
print(json.dumps(shared))
"""


def test_the_files_left_when_git_is_done_go_to_a_worker_per_core(tmp_path):
    """A first `check` checks files in this process while `git log` holds a core; once git
    is done (here at once: three commits), the files left go to workers. The report is
    the one a run with the history already read gives."""
    repo = GitRepo(tmp_path / "ops")
    sops = {f"sops/step-{number}.yaml": SCHEDULE_SOP.replace("id: schedule-post", f"id: step-{number}") for number in range(12)}
    repo.commit("2026-01-05T09:00:00+00:00", valid_repo(sops), "start")
    repo.commit("2026-03-05T09:00:00+00:00", None, "reviewed", "SOP-Reviewed: draft-post-copy")
    run = subprocess.run([sys.executable, "-c", WIDENED, str(repo.path)], capture_output=True, text=True, check=True)
    report, shared = run.stdout[: run.stdout.rindex("\n", 0, -1)], json.loads(run.stdout.splitlines()[-1])
    assert os.cpu_count() == 1 or (shared and 0 < shared[0] < 15)
    code, warm, err = run_cli("check", repo.path, "--format", "json", "--now", "2026-11-24")  # history now read, files cached
    assert code in (0, 1), err
    assert json.loads(report) == json.loads(warm) and json.loads(warm)["findings"]
