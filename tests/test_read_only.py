"""Read-only guarantee: no command but `review`, `init`, `new` and `check --fix` writes into the repository it
reads. Only sop-lint's own state folder inside `.git/` may change (its cache and history
snapshot, written atomically)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sop_lint.reporters import FORMATS
from tests.conftest import run_cli
from tests.gitrepo import GitRepo
from tests.repos import PROCESS, SCHEDULE_SOP, edit, valid_repo

STALE_FORMATS = ["text", "markdown", "json", "csv", "html"]


def state_of(repo: Path) -> dict[str, str]:
    """A digest of every file in the work tree and in `.git` (index, HEAD, refs, objects,
    config, logs), sop-lint's state folder aside."""
    files = {}
    for path in sorted(repo.rglob("*")):
        relative = path.relative_to(repo).as_posix()
        if relative.startswith(".git/sop-lint"):
            continue
        if path.is_file():
            files[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            files[relative + "/"] = ""
    return files


@pytest.fixture(scope="module")
def busy_repo(tmp_path_factory) -> GitRepo:
    """History, a branch to diff, a staged change, an unstaged edit and an untracked file."""
    repo = GitRepo(tmp_path_factory.mktemp("read-only") / "repo")
    repo.commit("2025-01-05T09:00:00+00:00", valid_repo(), "start")
    repo.git("checkout", "-q", "-b", "change")
    repo.commit("2025-03-05T09:00:00+00:00", {"sops/schedule-post.yaml": edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")})
    repo.write({"processes/promote-new-video.yaml": edit(PROCESS, "outcome: A published social media post promotes the video", "outcome: ''")})
    repo.git("add", "processes/promote-new-video.yaml")
    repo.write({"sops/draft-post-copy.md": "---\nkind: sop\n---\nunstaged\n", "sops/untracked.md": "not front matter\n"})
    numbered = edit(edit(PROCESS, "name: Draft", "name: 1. Draft"), "name: Schedule", "name: 3. Schedule")  # --diff has a fix to show
    repo.write({"processes/numbered.yaml": numbered.replace("id: promote-new-video", "id: numbered")})
    return repo


COMMANDS = [
    *[["check", "{root}", "--format", name, "--now", "2026-11-24"] for name in sorted(FORMATS)],
    ["check", "{root}", "--staged"],
    ["check", "{root}", "{root}/sops/schedule-post.yaml", "--format", "json"],
    ["check", "{root}", "--no-cache"],
    ["check", "{root}", "--diff"],
    ["check", "{root}", "--diff", "--unsafe-fixes"],
    ["rename", "schedule-post", "post-scheduling", "{root}", "--dry-run"],  # issue 15, item 2
    *[["diff", "{root}", "--base", "main", "--format", name] for name in sorted(FORMATS)],
    *[["stale", "{root}", "--format", name, "--now", "2026-11-24"] for name in STALE_FORMATS],
    ["graph", "{root}"],
    ["graph", "{root}", "--format", "dot"],
    ["graph", "{root}", "--detail"],
    ["rules"],
    ["explain", "C002"],
    ["schema", "sop"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command).replace("{root}", "ROOT"))
def test_command_leaves_the_repository_as_it_was(busy_repo, command):
    before = state_of(busy_repo.path)
    code, _, err = run_cli(*[word.replace("{root}", str(busy_repo.path)) for word in command])
    assert code in (0, 1), err
    assert state_of(busy_repo.path) == before


def test_the_state_folder_is_inside_git_and_holds_only_sop_lint_files(busy_repo):
    run_cli("check", busy_repo.path)
    folder = busy_repo.path / ".git" / "sop-lint"
    assert folder.is_dir()
    assert not list(busy_repo.path.glob("*.pickle")) and not (busy_repo.path / ".sop-lint-cache").exists()
    assert busy_repo.git("status", "--porcelain", "--ignored").count("sop-lint") == 0


def test_the_digest_sees_a_write(tmp_path):
    """`review` is a writer: the digest above must notice what it changes."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("2025-01-05T09:00:00+00:00", valid_repo())
    before = state_of(repo.path)
    code, _, err = run_cli("review", repo.path, "schedule-post", "--date", "2026-11-24")
    assert code == 0, err
    changed = {path for path in before.keys() | state_of(repo.path).keys() if before.get(path) != state_of(repo.path).get(path)}
    assert changed == {"sops/schedule-post.yaml"}


def test_a_relative_cache_home_is_ignored_as_the_xdg_spec_says(repo, tmp_path, monkeypatch):
    """Outside git the cache goes to `$XDG_CACHE_HOME`, only when absolute; a relative one
    would put it in whatever folder sop-lint runs in, the checked one included."""
    root = repo(valid_repo())
    monkeypatch.chdir(root)
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    assert run_cli("check", ".", "--ignore", "H")[0] == 0
    assert run_cli("graph", ".")[0] == 0
    assert sorted(path.name for path in root.iterdir()) == ["processes", "sops"]
    assert [path.name for path in (tmp_path / "home" / ".cache").iterdir()] == ["sop-lint"]
