"""The hooks under the real `pre-commit` program, in real repositories, through `git commit`.

The project is snapshotted into a git repository of its own (so that uncommitted work is
what gets tested) and named in each test repository's `.pre-commit-config.yaml`, as a user
would name ours. pre-commit builds the hook's environment from it once per test run, in
the session fixture `hook_environment` (`pip install` of this project into a virtualenv,
in a shared PRE_COMMIT_HOME); every run of pre-commit here checks that it reused it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.gitrepo import GitRepo
from tests.repos import PROCESS, SCHEDULE_SOP, edit, valid_repo

JAN, FEB = "2026-01-05T09:00:00+00:00", "2026-02-05T09:00:00+00:00"
FINDING = re.compile(r"^\S.*:\d+:\d+: [A-Z]\d{3} .*$", re.M)
pytestmark = pytest.mark.slow  # real pre-commit, and its environment built once per run


def snapshot_of_this_project(folder: Path) -> tuple[Path, str]:
    """This project as it stands, committed in a repository of its own: (path, commit)."""
    source = folder / "sop-lint"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO_ROOT,
        capture_output=True, check=True,
    ).stdout.decode().split("\0")
    for relative in filter(None, listed):
        origin = REPO_ROOT / relative
        if not origin.exists() and not origin.is_symlink():  # deleted but not yet staged
            continue
        target = source / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_symlink():
            target.symlink_to(os.readlink(origin))
        else:
            shutil.copy2(origin, target)
    snapshot = GitRepo(source)
    return source, snapshot.commit(JAN, None, "snapshot")


@dataclass(frozen=True)
class HookEnvironment:
    """Our hooks as a user's `.pre-commit-config.yaml` names them (`repo`, `rev`), and the
    PRE_COMMIT_HOME that holds the environment pre-commit built for them."""

    repo: Path
    rev: str
    home: Path


# What pre-commit prints when it clones a hook repository or builds its environment.
BUILDING = ("[INFO] Initializing environment for", "[INFO] Installing environment for")


class HookedRepo(GitRepo):
    """A repository with our hooks installed by `pre-commit install`."""

    def __init__(self, path: Path, hooks_from: HookEnvironment, hooks: str = "sop-lint", args: str = "") -> None:
        self.home = hooks_from.home
        super().__init__(path)
        hook_lines = "".join(
            f"      - id: {hook}\n" + (f"        args: {args}\n" if args else "") for hook in hooks.split(",")
        )
        self.write({".pre-commit-config.yaml": f"repos:\n  - repo: {hooks_from.repo}\n    rev: {hooks_from.rev}\n    hooks:\n{hook_lines}"})
        self.run([sys.executable, "-m", "pre_commit", "install"], check=True)

    def env(self, date: str | None = None) -> dict[str, str]:
        return {**super().env(date), "PRE_COMMIT_HOME": str(self.home), "PRE_COMMIT_COLOR": "never"}

    def run(self, command: list[str], check: bool = False) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, cwd=self.path, env=self.env(FEB), capture_output=True, text=True, check=check)

    def try_commit(self, message: str = "change") -> subprocess.CompletedProcess[str]:
        """`git commit` of what is staged, running the installed hook (git sends a hook's
        output to standard error: here it is in `stdout`, as for `pre-commit run`)."""
        result = self.run(["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message])
        return reusing_the_environment(subprocess.CompletedProcess(result.args, result.returncode, result.stdout + result.stderr, ""))

    def pre_commit(self, *args: str) -> subprocess.CompletedProcess[str]:
        return reusing_the_environment(self.run([sys.executable, "-m", "pre_commit", "run", *args]))

    def commits(self) -> int:
        return int(self.git("rev-list", "--count", "HEAD"))


def reusing_the_environment(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    """`result`, once it is clear that pre-commit used the session's environment as built."""
    output = result.stdout + result.stderr
    assert not any(line in output for line in BUILDING), f"pre-commit built the hook environment again:\n{output}"
    return result


@pytest.fixture(scope="session")
def hook_environment(tmp_path_factory) -> HookEnvironment:
    """The hook environment, built once per test run (`pip install` of this project into a
    virtualenv, about ten seconds); every test that runs pre-commit shares it."""
    repo, rev = snapshot_of_this_project(tmp_path_factory.mktemp("sop-lint-hooks"))
    built = HookEnvironment(repo, rev, tmp_path_factory.mktemp("pre-commit-home"))
    installed = HookedRepo(tmp_path_factory.mktemp("install-hooks") / "repo", built).run(
        [sys.executable, "-m", "pre_commit", "install-hooks"], check=True
    )
    assert all(line in installed.stdout + installed.stderr for line in BUILDING), installed
    return built


@pytest.fixture
def hooked(tmp_path, hook_environment):
    """A repository holding the valid ops repository, committed, with the lint hook."""

    def make(files: dict[str, str] | None = None, **options: str) -> HookedRepo:
        repo = HookedRepo(tmp_path / "ops", hook_environment, **options)
        repo.write(files or valid_repo())
        repo.git("add", "-A")
        repo.git("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "start", date=JAN)
        return repo

    return make


def test_a_clean_sop_edit_is_committed(hooked):
    repo = hooked()
    repo.write({"sops/schedule-post.yaml": edit(SCHEDULE_SOP, "Schedule the post for 12:30.", "Schedule the post for 13:00.")})
    repo.git("add", "sops/schedule-post.yaml")
    result = repo.try_commit()
    assert result.returncode == 0, result.stdout + result.stderr
    assert repo.commits() == 2


def test_an_sop_with_a_placeholder_tone_is_refused(hooked):
    repo = hooked()
    repo.write({"sops/schedule-post.yaml": edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")})
    repo.git("add", "sops/schedule-post.yaml")
    result = repo.try_commit()
    assert result.returncode == 1
    assert FINDING.findall(result.stdout) == [
        ("sops/schedule-post.yaml:7:7: C002 SOP 'schedule-post' has a placeholder `tone` (`TBD`): "
        "write how the writing should sound, like `Upbeat and conversational`")
    ]
    assert repo.commits() == 1


def test_a_staged_deletion_of_a_used_sop_is_refused_naming_both_files(hooked):
    repo = hooked()
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    result = repo.try_commit()
    assert result.returncode == 1
    [finding] = FINDING.findall(result.stdout)
    assert finding.startswith("processes/promote-new-video.yaml:11:10: R001 step 2 'Schedule post' uses SOP `schedule-post`")
    assert finding.endswith("(broken by the staged deletion of sops/schedule-post.yaml)")
    assert repo.commits() == 1


def test_a_staged_rename_that_leaves_a_reference_behind_is_refused(hooked):
    repo = hooked()
    repo.git("mv", "sops/schedule-post.yaml", "sops/post-scheduling.yaml")
    repo.write({"sops/post-scheduling.yaml": SCHEDULE_SOP.replace("id: schedule-post", "id: post-scheduling")})
    repo.git("add", "sops/post-scheduling.yaml")
    result = repo.try_commit()
    assert result.returncode == 1
    broken, orphan = FINDING.findall(result.stdout)
    assert broken.startswith("processes/promote-new-video.yaml:11:10: R001 ")
    assert broken.endswith("(broken by the staged rename of sops/schedule-post.yaml to sops/post-scheduling.yaml)")
    assert orphan.startswith("sops/post-scheduling.yaml:2:5: R004 ")  # the staged file's own finding
    # with the reference updated in the same commit, it goes through
    repo.write({"processes/promote-new-video.yaml": PROCESS.replace("sop: schedule-post", "sop: post-scheduling")})
    repo.git("add", "processes/promote-new-video.yaml")
    result = repo.try_commit()
    assert result.returncode == 0, result.stdout


def test_unstaged_changes_are_stashed_so_only_what_is_committed_counts(hooked):
    repo = hooked()
    good = edit(SCHEDULE_SOP, "Schedule the post for 12:30.", "Schedule the post for 13:00.")
    bad = edit(good, "tone: Upbeat and conversational", "tone: TBD")
    repo.write({"sops/schedule-post.yaml": good})
    repo.git("add", "sops/schedule-post.yaml")
    repo.write({"sops/schedule-post.yaml": bad})  # not staged: pre-commit stashes it
    result = repo.try_commit()
    assert result.returncode == 0, result.stdout
    assert (repo.path / "sops/schedule-post.yaml").read_text() == bad  # and gives it back
    repo.git("add", "sops/schedule-post.yaml")
    repo.write({"sops/schedule-post.yaml": good})  # now the bad one is staged, the fix is not
    assert repo.try_commit().returncode == 1


def test_all_files_reports_every_file_like_check(hooked):
    placeholder = edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")
    repo = hooked(valid_repo({"sops/schedule-post.yaml": placeholder}))
    result = repo.pre_commit("--all-files")
    assert result.returncode == 1
    assert [line.split(": ")[0] for line in FINDING.findall(result.stdout)] == ["sops/schedule-post.yaml:7:7"]


def test_a_batch_split_gives_the_same_findings_as_one_batch(hooked):
    """pre-commit splits a long file list into several runs of the hook; findings are the
    same, and what a deletion breaks elsewhere is reported once. pre-commit splits by the
    length of the command line (128 KiB here): 600 files in a folder with a long name
    make two runs, as 1,600 files with short paths would, at a third of the cost."""
    from pre_commit.xargs import partition

    names = [f"{'a-long-name-for-a-batch-of-sops-' * 2}{index:04}" for index in range(600)]
    folder = "sops/batch/" + "a-folder-with-a-long-name-" * 9
    many = {f"{folder}/{name}.yaml": SCHEDULE_SOP.replace("id: schedule-post", f"id: {name}") for name in names}
    repo = hooked({**valid_repo(), "sop-lint.yaml": "ignore: [R004]\n"})
    many[min(many)] = edit(many[min(many)], "tone: Upbeat and conversational", "tone: TBD")
    many[max(many)] = edit(many[max(many)], "tone: Upbeat and conversational", "tone: ?")
    repo.write(many)
    repo.git("add", "-A")
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    batches = partition(("sop-lint", "check"), tuple(sorted(many)), 1)
    assert len(batches) >= 2
    result = repo.pre_commit()
    assert result.returncode == 1
    split = FINDING.findall(result.stdout)
    one_batch = repo.run([str(Path(sys.executable).parent / "sop-lint"), "check", "--staged", "--ignore", "H001,H002,H003,H005", *sorted(many)])
    assert split and sorted(split) == sorted(FINDING.findall(one_batch.stdout))
    assert len(split) == len(set(split)) == 3  # two placeholders and the broken reference, once each


def test_the_push_hook_blocks_only_a_push_that_touches_a_stale_sop(hooked, tmp_path):
    """Issue 13, item 13: the shipped `sop-lint-stale` hook blocked every push once any SOP
    was stale. Under real pre-commit and a real `git push`, it judges what is pushed: a
    push of other work goes through, one that changes a process with an overdue SOP is
    refused, listing that SOP and the command that records its review."""
    repo = hooked(hooks="sop-lint-stale")  # committed on 2026-01-05: every SOP is past 180 days
    repo.run([sys.executable, "-m", "pre_commit", "install", "--hook-type", "pre-push"], check=True)
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "remote.git")], check=True, capture_output=True)
    repo.git("remote", "add", "origin", str(tmp_path / "remote.git"))
    repo.git("-c", "core.hooksPath=/dev/null", "push", "-q", "-u", "origin", "main")

    repo.write({"notes.md": "Ideas for next quarter\n"})
    repo.git("add", "notes.md")
    repo.git("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "notes", date=FEB)
    pushed = repo.run(["git", "push", "-q", "origin", "main"])
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr

    repo.write({"processes/promote-new-video.yaml": PROCESS.replace("on the channel", "on YouTube")})
    repo.git("add", "-A")
    repo.git("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "process", date=FEB)
    refused = repo.run(["git", "push", "-q", "origin", "main"])
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "sops/schedule-post.yaml: SOP 'schedule-post' is" in output and "days past its review" in output
    assert "sops/draft-post-copy.md: SOP 'draft-post-copy' is" in output
    assert "record the review with `sop-lint review schedule-post draft-post-copy`" in output or \
        "record the review with `sop-lint review draft-post-copy schedule-post`" in output


def test_the_pre_commit_configuration_init_writes_runs_both_hooks_on_its_sop_root(tmp_path, hook_environment):
    """Issue 15, item 3: `sop-lint init ops` in a repository writes a `.pre-commit-config.yaml`
    at its root. Pointed at this project's snapshot instead of the release (no network
    here), it installs as written and runs each hook on `ops/`: the starter commits, a
    placeholder is refused, and a push of SOPs past their review is refused."""
    from tests.conftest import run_cli

    repo = HookedRepo(tmp_path / "company", hook_environment)
    (repo.path / ".pre-commit-config.yaml").unlink()
    assert run_cli("init", repo.path / "ops")[0] == 0
    written = (repo.path / ".pre-commit-config.yaml").read_text()
    assert "    rev: v0.1.0\n" in written and "        args: [\"ops\"]\n" in written
    repo.write({".pre-commit-config.yaml": written.replace("https://github.com/sop-lint/sop-lint", str(hook_environment.repo))
                .replace("v0.1.0", hook_environment.rev)})
    repo.run([sys.executable, "-m", "pre_commit", "install", "--hook-type", "pre-push"], check=True)
    repo.git("add", "-A")
    started = repo.try_commit("start")
    assert started.returncode == 0 and "sop-lint" in started.stdout and "Passed" in started.stdout, started.stdout

    repo.write({"ops/sops/schedule-post.yaml": (repo.path / "ops/sops/schedule-post.yaml").read_text().replace("tone: Upbeat and conversational", "tone: TBD")})
    repo.git("add", "-A")
    refused = repo.try_commit("placeholder")
    assert refused.returncode != 0 and "ops/sops/schedule-post.yaml:" in refused.stdout and " C002 " in refused.stdout, refused.stdout

    repo.git("reset", "-q", "--hard")
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "remote.git")], check=True, capture_output=True)
    repo.git("remote", "add", "origin", str(tmp_path / "remote.git"))
    pushed = repo.run(["git", "push", "-q", "-u", "origin", "main"])  # committed on 2026-02-05, reviewed never since
    output = pushed.stdout + pushed.stderr
    assert pushed.returncode != 0, output
    assert re.search(r"sop-lint stale\.+Failed", output) and "SOP 'draft-post-copy' is" in output and "days past its review" in output, output
