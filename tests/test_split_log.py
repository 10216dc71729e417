"""A whole `git log` read by two git processes (`git.split_log`) gives the same records,
in the same order, as one: on generated histories with renames, deletions, review
trailers, side branches merged back and dates out of order, cut at every place the
module may cut them. And a snapshot read that way is the one read by a single log."""

from __future__ import annotations

import random
import subprocess
import threading
from pathlib import Path

import pytest

from sop_lint.git import split_log
from sop_lint.git.history import SnapshotLoader
from sop_lint.git.log import log_arguments, log_records
from sop_lint.git.runner import GitFailed, git_at, stream, without_git_variables
from tests.gitrepo import GitRepo

START = 1_700_000_000


def _fast_import_stream(seed: int, commits: int, merges: bool) -> str:
    """A history of `commits` commits on main, written for `git fast-import`: each adds,
    edits, renames or deletes an SOP, or records a review; with `merges`, side branches
    fork from main and are merged back. Some dates run backwards."""
    chance = random.Random(seed)
    lines: list[str] = []
    files: dict[str, int] = {}  # main's
    side_files: dict[str, int] = {}
    main_tip: int | None = None
    side: tuple[int, int] | None = None  # (fork mark, tip mark) of an open side branch
    for number in range(commits):
        mark = number + 1
        on_side = merges and side is not None and chance.random() < 0.4
        date = START + number * 600 - (chance.randrange(5_000) if chance.random() < 0.1 else 0)
        trailer = f"\n\nSOP-Reviewed: sop-{chance.randrange(8)}" if chance.random() < 0.15 else ""
        message = f"change {number}{trailer}\n"
        lines += [f"commit refs/heads/{'side' if on_side else 'main'}", f"mark :{mark}"]
        lines += [f"{who} Ada Ops <ada@example.com> {date} +0000" for who in ("author", "committer")]
        lines += [f"data {len(message.encode())}", message.rstrip("\n")]
        if on_side:
            assert side is not None
            lines.append(f"from :{side[1]}")
            side = (side[0], mark)
            lines += _changes(chance, side_files, number)
        else:
            if main_tip is not None:
                lines.append(f"from :{main_tip}")
            if side is not None and chance.random() < 0.3:  # merged as main has it (the tree is the first parent's)
                lines.append(f"merge :{side[1]}")
                side = None
            main_tip = mark
            lines += _changes(chance, files, number)
            if merges and side is None and chance.random() < 0.2:
                side, side_files = (mark, mark), dict(files)
                lines += ["", "reset refs/heads/side", f"from :{mark}"]
        lines.append("")
    return "\n".join(lines) + "\n"


def _changes(chance: random.Random, files: dict[str, int], number: int) -> list[str]:
    action = chance.choice(["add", "add", "edit", "edit", "rename", "delete", "none"]) if files else "add"
    name = chance.choice(sorted(files)) if files else ""
    if action == "add":
        name = f"sops/sop-{number}.md"
    if action in ("add", "edit"):
        content = f"# SOP {name}\n\nStep {number}.\n" + "Detail line.\n" * chance.randrange(1, 6)
        files[name] = number
        return [f"M 100644 inline {name}", f"data {len(content.encode())}", content]
    if action == "rename":
        new = f"sops/renamed-{number}.md"
        files[new] = files.pop(name)
        return [f"R {name} {new}"]
    if action == "delete":
        del files[name]
        return [f"D {name}"]
    return []


def _history(tmp_path: Path, seed: int, commits: int, merges: bool, object_format: str = "sha1") -> GitRepo:
    repo = GitRepo(tmp_path / f"history-{seed}", object_format)
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=repo.path, env=repo.env(), input=_fast_import_stream(seed, commits, merges).encode(),
        check=True, capture_output=True,
    )
    repo.git("reset", "-q", "--hard", "main")
    return repo


class _Paced:
    """`split_log` with its two git processes in a set order: the walk from HEAD begins once
    `git log <cut>` has started (as on a long history, where finding the cut takes a
    fraction of the walk), or, with `late`, the cut is found only after the walk ended."""

    def __init__(self, monkeypatch, late: bool = False) -> None:
        self.started: list[tuple[str, ...]] = []
        self.below_started, self.walk_ended = threading.Event(), threading.Event()
        real_stream, real_cut = split_log.stream, split_log._cut

        def paced_stream(git, *args):
            self.started.append(args)
            from_head = args == tuple(log_arguments(git))
            if from_head and not late:
                assert self.below_started.wait(10)
            elif not from_head:
                self.below_started.set()
            yield from real_stream(git, *args)
            if from_head:
                self.walk_ended.set()

        def paced_cut(git):
            if late:
                assert self.walk_ended.wait(10)
            cut = real_cut(git)
            if cut is None:  # no `git log <cut>` to wait for
                self.below_started.set()
            return cut

        monkeypatch.setattr(split_log, "stream", paced_stream)
        monkeypatch.setattr(split_log, "_cut", paced_cut)

    def processes(self) -> int:
        return len(self.started)


@pytest.mark.parametrize("split_from", [1, 3, 10])
@pytest.mark.parametrize(("seed", "merges"), [(1, False), (2, False), (3, True), (4, True), (5, True), (6, True)])
def test_the_log_read_in_two_is_the_log_read_in_one(tmp_path, monkeypatch, seed, merges, split_from):
    monkeypatch.setattr(split_log, "SPLIT_FROM", split_from)
    repo = _history(tmp_path, seed, 60, merges)
    git = git_at(repo.path)
    paced = _Paced(monkeypatch)
    with without_git_variables():
        whole = list(log_records(git))
        assert len(whole) == int(repo.git("rev-list", "--count", "HEAD"))
        assert list(split_log.whole_log(git)) == whole
        assert paced.processes() == (1 if split_log._cut(git) is None else 2)
        if not merges:  # a line of 60 commits is cut a little over halfway
            assert split_log._cut(git) == repo.git("rev-list", "--first-parent", "HEAD").split()[33]


def test_a_sha256_history_is_cut_as_a_sha1_one(tmp_path, monkeypatch):
    monkeypatch.setattr(split_log, "SPLIT_FROM", 3)
    repo = _history(tmp_path, 3, 40, merges=True, object_format="sha256")
    paced = _Paced(monkeypatch)
    git = git_at(repo.path)
    with without_git_variables():
        whole = list(log_records(git))
        assert list(split_log.whole_log(git)) == whole and len(whole[0].commit.id) == 64
        assert paced.processes() == 2


def test_a_merge_at_head_leaves_the_log_to_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr(split_log, "SPLIT_FROM", 1)
    repo = _history(tmp_path, 1, 20, merges=False)
    repo.git("checkout", "-q", "-b", "side", "HEAD~5")
    repo.commit("2026-01-01T00:00:00+00:00", {"sops/side.md": "# Side\n"})
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "merge", "side", date="2026-01-02T00:00:00+00:00")
    git = git_at(repo.path)
    with without_git_variables():
        assert split_log._cut(git) is None
        assert list(split_log.whole_log(git)) == list(log_records(git))


def test_a_snapshot_read_in_two_is_the_one_read_in_one(tmp_path, monkeypatch):
    monkeypatch.setattr(split_log, "SPLIT_FROM", 5)
    repo = _history(tmp_path, 7, 80, merges=False)
    one = SnapshotLoader(repo.path, store=None).snapshot().record
    two = SnapshotLoader(repo.path, store=None, split_log=True).snapshot().record
    assert two == one and one["changes"] and one["reviews"]


def test_a_stream_stopped_early_stops_git_and_raises_nothing(tmp_path):
    repo = _history(tmp_path, 1, 30, merges=False)
    pieces = stream(git_at(repo.path), *log_arguments(git_at(repo.path)))
    assert next(pieces)
    pieces.close()


def test_git_failing_on_the_older_half_fails_the_read_as_it_fails_one_log(tmp_path, monkeypatch):
    """An object git cannot read below the cut: both ways, the reader is told."""
    monkeypatch.setattr(split_log, "SPLIT_FROM", 3)
    repo = _history(tmp_path, 2, 20, merges=False)
    root = repo.git("rev-list", "--max-parents=0", "HEAD").strip()  # diffed with nothing: its tree is read
    tree = repo.git("rev-parse", f"{root}^{{tree}}").strip()
    (repo.path / ".git" / "objects" / tree[:2] / tree[2:]).unlink()
    git = git_at(repo.path)
    with without_git_variables():
        with pytest.raises(GitFailed):
            list(log_records(git))
        with pytest.raises(GitFailed):
            list(split_log.whole_log(git))


def test_a_cut_found_after_the_walk_from_head_ended_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setattr(split_log, "SPLIT_FROM", 1)
    repo = _history(tmp_path, 1, 30, merges=False)
    paced = _Paced(monkeypatch, late=True)
    git = git_at(repo.path)
    with without_git_variables():
        assert list(split_log.whole_log(git)) == list(log_records(git))
    assert paced.processes() == 1


def test_a_cut_that_cannot_be_found_leaves_the_log_to_the_walk_from_head(tmp_path, monkeypatch):
    """Finding the cut is only a way to go faster: when it fails, the one log is read."""

    def failing(git):
        raise GitFailed("git rev-list failed: fatal: bad object")

    monkeypatch.setattr(split_log, "_cut", failing)
    repo = _history(tmp_path, 2, 30, merges=False)
    git = git_at(repo.path)
    with without_git_variables():
        assert list(split_log.whole_log(git)) == list(log_records(git))
