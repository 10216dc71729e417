"""The pre-commit hook costs what the change costs (issue 18, item 1): a warm `check
--staged FILE` reports exactly what a run without the cache reports, while it works out
messages, suggestions and positions only for the findings it prints, and loads only what
it uses."""

import json
import os
import shutil

import pytest

from sop_lint import suggestions
from tests.conftest import run_cli
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo
from tests.test_startup import heavy, modules_loaded_by

JAN = "2026-01-05T09:00:00+00:00"
S = "sops/schedule-post.yaml"
# Findings in several files: a misspelt reference (R001, with its suggestion), one to nothing
# (R001 without), a placeholder (C002), an SOP nobody uses (R004), an id unlike its file's
# name (R003), one id in two files (R002), instructions naming another SOP's tool and never
# their own (I005), and instructions that never name their tool (I006).
FILES = valid_repo(
    {
        S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD"),
        "processes/promote-new-video.yaml": PROCESS.replace("sop: schedule-post", "sop: schedule-posts"),
        "processes/hire.yaml": PROCESS.replace("promote-new-video", "hire").replace("sop: draft-post-copy", "sop: nothing-like-it"),
        "sops/unused.md": "---\nkind: sop\nid: unused\ntitle: Unused\n---\n1. Do it.\n",
        "sops/misnamed.md": "---\nkind: sop\nid: well-named\ntitle: Misnamed\n---\n1. Do it.\n",
        "sops/copy.md": "---\nkind: sop\nid: unused\ntitle: A copy\n---\n1. Do it.\n",
        "sops/wrong-tool.md": DRAFT_SOP.replace("draft-post-copy", "wrong-tool").replace("In Google Docs, copy", "In Buffer, copy"),
        "sops/no-tool.md": DRAFT_SOP.replace("draft-post-copy", "no-tool").replace("In Google Docs, copy", "Copy"),
    }
)


def check_json(*args: str) -> dict:
    code, out, err = run_cli("check", *args, "--format", "json", "--ignore", "H")
    assert code in (0, 1), err
    return json.loads(out)


@pytest.fixture
def repo_with_findings(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, FILES)
    monkeypatch.chdir(repo.path)
    return repo


# A staged edit that leaves every summary as it was, and one that changes an id (so
# that the run compares with HEAD for what it breaks elsewhere).
EDITS = {
    "a comment in a file without findings": ("sops/draft-post-copy.md", lambda text: text + "<!-- edited -->\n"),
    "a comment": ("sops/unused.md", lambda text: text + "<!-- edited -->\n"),
    "an id changed": ("sops/misnamed.md", lambda text: text.replace("id: well-named", "id: misnamed")),
    "a reference fixed": ("processes/promote-new-video.yaml", lambda text: text.replace("schedule-posts", "schedule-post")),
}


@pytest.mark.parametrize("change", EDITS.values(), ids=EDITS.keys())
def test_a_warm_staged_run_reports_what_a_run_without_the_cache_does(repo_with_findings, change):
    path, edited = change
    everything = check_json()
    assert {finding["code"] for finding in everything["findings"]} >= {"R001", "R002", "R003", "R004", "C002", "I005", "I006"}
    assert len({finding["path"] for finding in everything["findings"]}) >= 5
    (repo_with_findings.path / path).write_text(edited(FILES[path]))
    repo_with_findings.git("add", path)
    for files in ([path, S, "processes/hire.yaml", "sops/wrong-tool.md", "sops/no-tool.md"], []):
        warm = check_json("--staged", *files)
        assert warm == check_json("--staged", *files, "--no-cache")
        assert warm["findings"] or not files  # something to compare
    files = [S, "processes/hire.yaml", "sops/wrong-tool.md", "sops/no-tool.md"]  # and without --staged
    assert check_json(*files) == check_json(*files, "--no-cache")


def test_a_staged_run_looks_for_suggestions_only_in_the_files_it_reports(repo_with_findings, monkeypatch):
    """The misspelt references are in the processes; a commit of an SOP edit reports on
    that SOP only, so nothing asks what they were meant to be."""
    check_json()  # the cache knows every file
    edited = "sops/draft-post-copy.md"
    (repo_with_findings.path / edited).write_text(FILES[edited] + "<!-- edited -->\n")
    repo_with_findings.git("add", edited)
    asked: list[str] = []
    for name in ("closest", "near"):
        real = getattr(suggestions.Suggester, name)
        monkeypatch.setattr(suggestions.Suggester, name, lambda self, word, real=real: asked.append(word) or real(self, word))
    assert check_json("--staged", edited)["findings"] == []
    assert asked == []
    check_json("--staged", "processes/promote-new-video.yaml")
    assert "schedule-posts" in asked


def test_the_hook_loads_no_git_library(repo_with_findings):
    """git is run directly: GitPython's import alone cost more than the commit's own work."""
    check_json()
    (repo_with_findings.path / "sops/unused.md").write_text(FILES["sops/unused.md"] + "<!-- edited -->\n")
    repo_with_findings.git("add", "sops/unused.md")
    loaded = modules_loaded_by("check", "--staged", "sops/unused.md", "--ignore", "H", cwd=repo_with_findings.path)
    assert "git" not in {name.split(".")[0] for name in heavy(loaded)}


@pytest.mark.skipif(os.name == "nt", reason="the noting script is a POSIX shell script")
def test_the_hook_runs_three_git_processes(repo_with_findings, tmp_path, monkeypatch):
    """Each costs the hook a few milliseconds: what the index changes, the two sides of the
    staged file, and the index's listing. HEAD is read from its files. The real git runs,
    through a script that notes each call."""
    check_json()
    (repo_with_findings.path / "sops/unused.md").write_text(FILES["sops/unused.md"] + "<!-- edited -->\n")
    repo_with_findings.git("add", "sops/unused.md")
    calls, noting = tmp_path / "calls.txt", tmp_path / "bin"
    noting.mkdir()
    (noting / "git").write_text(f'#!/bin/sh\necho "$1" >> {calls}\nexec {shutil.which("git")} "$@"\n')
    (noting / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{noting}{os.pathsep}{os.environ['PATH']}")
    assert {finding["path"] for finding in check_json("--staged", "sops/unused.md")["findings"]} == {"sops/unused.md"}
    assert calls.read_text().split() == ["diff", "cat-file", "ls-files"]


def test_the_index_lists_files_in_the_order_the_work_tree_is_walked(tmp_path):
    """`walk_order` (a text key, issue 18) sorts paths as `discover` walks folders: a
    folder's files before its subfolders, `ab` before `abc`, whatever the characters."""
    from sop_lint.config.loading import load_config
    from sop_lint.reading.discovery import discover, files_among

    names = ["a", "ab", "abc", "a b", "a-b", "A", "é", "a.b"]
    paths = [f"sops/{name}.md" for name in names]
    paths += [f"sops/{folder}/{name}.md" for folder in names for name in names[:3]]
    paths += [f"sops/{folder}/{inner}/x.md" for folder in names[:3] for inner in names[:3]]
    for path in paths:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("kind: sop\n")
    config = load_config(tmp_path, None, remember=None)
    walked = [file.path for file in discover(tmp_path, config)]
    assert len(walked) == len(paths)
    assert [file.path for file in files_among(sorted(paths), config)] == walked
