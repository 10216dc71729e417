"""The cache: reused when content is unchanged, dropped when it must be, never trusted blindly."""

import json
import os
import pickle
import subprocess
import sys

import pytest

from sop_lint.engine import file_checks
from sop_lint.engine.cache import blob_id
from sop_lint.engine.state import cache_file
from sop_lint.git.location import git_location
from sop_lint.git.location import object_format as format_of
from tests.conftest import run_cli
from tests.gitrepo import GitRepo
from tests.repos import SCHEDULE_SOP, edit, valid_repo

S = "sops/schedule-post.yaml"
BAD_TONE = {S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")}


@pytest.fixture
def parses(monkeypatch):
    """The paths parsed during a test (the cache should spare most of them)."""
    parsed: list[str] = []
    real = file_checks.parse_document

    def counting(path, *args, **kwargs):
        parsed.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(file_checks, "parse_document", counting)
    return parsed


def check(root, *args):
    code, out, err = run_cli("check", root, *args)
    assert code in (0, 1), err
    return code, out


@pytest.mark.parametrize("object_format", ["sha1", "sha256"])
def test_blob_ids_are_gits_in_the_repositorys_object_format(tmp_path, object_format):
    """Issue 12, item 8: a SHA-256 repository's ids are SHA-256, read from its configuration."""
    repo = GitRepo(tmp_path / "r", object_format=object_format)
    (repo.path / "f").write_bytes(b"kind: sop\n")
    location = git_location(repo.path)
    assert object_format == repo.git("rev-parse", "--show-object-format").strip() == format_of(location)
    assert blob_id(b"kind: sop\n", format_of(location)) == repo.git("hash-object", "f").strip()
    assert format_of(None) == "sha1"  # outside git, as `git hash-object` there


def test_an_unchanged_file_is_not_parsed_again_and_findings_stay_the_same(repo, parses):
    root = repo(valid_repo(BAD_TONE))
    first = check(root)
    assert sorted(parses) == sorted(["processes/promote-new-video.yaml", "sops/draft-post-copy.md", S])
    parses.clear()
    assert check(root) == first
    assert parses == []


def test_a_changed_file_is_parsed_again_alone(repo, parses):
    root = repo(valid_repo(BAD_TONE))
    check(root)
    parses.clear()
    (root / S).write_text(SCHEDULE_SOP)
    assert check(root)[0] == 0
    assert parses == [S]


def test_positions_of_cross_file_findings_are_found_from_a_cached_file(repo):
    root = repo(valid_repo({S: edit(SCHEDULE_SOP, "id: schedule-post", "id: schedule-post\nx-note: moved")}))
    (root / "sops" / "copy").mkdir()
    (root / "sops" / "copy" / "schedule-post.yaml").write_text(SCHEDULE_SOP)
    first = check(root, "--format", "json")
    [finding] = [f for f in json.loads(first[1])["findings"] if f["path"] == S]  # the copy is told too
    assert (finding["code"], finding["path"], finding["line"], finding["column"]) == ("R002", S, 2, 5)
    assert check(root, "--format", "json") == first


@pytest.mark.parametrize(
    "setting",
    ["extend-placeholders: [conversational]\n", "required-fields: [tool]\n", "extend-required-fields: [escalation]\n"],
)
def test_settings_that_change_a_files_findings_invalidate_the_cache(repo, setting):
    root = repo(valid_repo())
    assert check(root)[0] == 0
    (root / "sop-lint.yaml").write_text(setting)
    code, out = check(root, "--format", "json")
    assert (code, check(root, "--no-cache", "--format", "json")[1]) == (code, out)


def test_a_schema_change_invalidates_the_cache(repo, parses, monkeypatch):
    root = repo(valid_repo())
    check(root)
    parses.clear()
    real = file_checks.schema_text
    monkeypatch.setattr(file_checks, "schema_text", lambda name: real(name) + " ")
    check(root)
    assert len(parses) == 3


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a cache at all",
        b"sop-lint-store\n" + b"\0" * 32 + b"garbage",
        "truncate",
        "a pickle that would run a command",
    ],
)
def test_a_damaged_or_foreign_cache_is_ignored_and_rebuilt(repo, parses, damage, tmp_path):
    root = repo(valid_repo(BAD_TONE))
    expected = check(root)
    shards = sorted(cache_file(root).glob("*.pickle"))
    assert shards
    for path in shards:
        damage_file(path, damage, tmp_path)
    parses.clear()
    assert check(root) == expected
    assert len(parses) == 3
    assert not (tmp_path / "ran").exists()
    parses.clear()
    assert check(root) == expected and parses == []


def damage_file(path, damage, tmp_path):
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:-10])
    elif damage == "a pickle that would run a command":
        marker = tmp_path / "ran"

        class Evil:
            def __reduce__(self):
                return (os.system, (f"touch {marker}",))

        payload = pickle.dumps(((3, "x", (3, 11), "key"), Evil()))
        import hashlib

        path.write_bytes(b"sop-lint-store\n" + hashlib.sha256(payload).digest() + payload)
    else:
        path.write_bytes(damage)


def test_no_cache_reads_and_writes_none(repo, parses):
    root = repo(valid_repo(BAD_TONE))
    check(root, "--no-cache")
    assert not cache_file(root).exists()
    check(root)
    parses.clear()
    check(root, "--no-cache")
    assert len(parses) == 3


def git(root, *args):
    subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=root, check=True, capture_output=True)


def test_inside_git_the_cache_lives_in_dot_git_and_the_work_tree_is_untouched(repo):
    root = repo(valid_repo(BAD_TONE))
    git(root, "init", "-q")
    before = sorted(p.relative_to(root) for p in root.rglob("*") if ".git" not in p.parts)
    check(root)
    assert cache_file(root).parent == root / ".git" / "sop-lint"
    assert list(cache_file(root).glob("*.pickle"))
    assert sorted(p.relative_to(root) for p in root.rglob("*") if ".git" not in p.parts) == before


def test_a_worktree_keeps_its_cache_in_its_own_git_folder(repo, tmp_path):
    root = repo(valid_repo())
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init")
    git(root, "worktree", "add", "-q", str(tmp_path / "other"))
    assert cache_file(tmp_path / "other").parent == root / ".git" / "worktrees" / "other" / "sop-lint"


def test_outside_git_the_cache_lives_under_xdg_cache_home(repo):
    root = repo(valid_repo())
    check(root)
    assert cache_file(root).parent == type(cache_file(root))(os.environ["XDG_CACHE_HOME"]) / "sop-lint"


@pytest.mark.slow
def test_concurrent_runs_all_succeed_and_leave_a_valid_cache(repo):
    root = repo(valid_repo(BAD_TONE))
    command = [sys.executable, "-m", "sop_lint", "check", str(root), "--format", "json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ) for _ in range(6)]
    outputs = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [1] * 6
    assert len({out for out, _ in outputs}) == 1
    assert not [p for p in cache_file(root).iterdir() if p.name.startswith(".tmp-")]
    assert subprocess.run(command, capture_output=True).stdout == outputs[0][0]
