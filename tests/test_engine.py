"""One engine, many sources: every command reads files through it, and only through it.

An overlay of in-memory contents (an editor's unsaved buffer, a file an edit is about to
write) gives exactly the findings of writing those contents and checking; a warm `graph`
or `review` parses no file it does not change; a file rule can read no setting that the
cache key does not hash.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from sop_lint.config.loading import load_config
from sop_lint.config.settings import FileSettings, default_config
from sop_lint.engine.file_checks import results_key
from sop_lint.engine.linting import lint
from sop_lint.engine.loading import RunOptions, load_repository
from sop_lint.engine.selection import select_rules
from sop_lint.engine.sources import GitTree, Overlay, WorkTree
from sop_lint.git.trees import GitRepository
from sop_lint.reading import loader
from sop_lint.rules.base import FileContext
from tests.conftest import run_cli, write_files
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, edit, valid_repo


def as_reported(root: Path, source_of=WorkTree, **options) -> list[tuple[str, int, int, str, str]]:
    config = load_config(root)
    result = lint(source_of(root), config, select_rules(config, ignore=["H"]), RunOptions(**options))
    return [(f.path, f.line, f.column, f.code, f.message) for f in result.findings]


EDITS = {
    "a placeholder tone": ("sops/schedule-post.yaml", lambda text: edit(text, "tone: Upbeat and conversational", "tone: TBD")),
    "a misspelt reference": ("processes/promote-new-video.yaml", lambda text: edit(text, "sop: schedule-post", "sop: schedule-pots")),
    "a broken file": ("sops/draft-post-copy.md", lambda text: edit(text, "tool: Google Docs", "tool: [Google Docs")),
    "a renamed id": ("sops/draft-post-copy.md", lambda text: edit(text, "id: draft-post-copy", "id: write-post-copy")),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_overlay_gives_the_findings_of_writing_the_file_and_checking(tmp_path, name):
    path, change = EDITS[name]
    on_disk = write_files(tmp_path / "disk", valid_repo())
    edited = change((on_disk / path).read_text())
    buffers = {path: edited.encode()}
    through_overlay = as_reported(on_disk, lambda root: Overlay(WorkTree(root), buffers))
    written = write_files(tmp_path / "written", {**valid_repo(), path: edited})
    assert through_overlay == as_reported(written) != as_reported(on_disk)
    assert (on_disk / path).read_text() != edited  # the overlay wrote nothing


def test_an_overlay_adds_and_takes_away_files(tmp_path):
    root = write_files(tmp_path / "disk", valid_repo())
    buffers = {"sops/boost-post.md": DRAFT_SOP.replace("draft-post-copy", "boost-post").encode(), "sops/schedule-post.yaml": None}
    through_overlay = as_reported(root, lambda root: Overlay(WorkTree(root), buffers))
    written = write_files(tmp_path / "written", {**valid_repo({"sops/schedule-post.yaml": None}), "sops/boost-post.md": buffers["sops/boost-post.md"].decode()})
    assert through_overlay == as_reported(written)
    assert {finding[3] for finding in through_overlay} == {"R001", "R004"}  # schedule-post gone; boost-post unused


def test_an_overlay_on_a_revision_reads_git_objects_for_the_rest(tmp_path):
    repository = GitRepo(tmp_path / "repo")
    repository.commit("2026-01-05T10:00:00+00:00", valid_repo())
    (repository.path / "sops/schedule-post.yaml").write_text("unstaged: change\n")  # the work tree is not read
    edited = edit(PROCESS, "sop: schedule-post", "sop: schedule-pots")
    git = GitRepository(repository.path)
    try:
        head = GitTree(git.revision(git.commit("HEAD")))
        overlaid = as_reported(repository.path, lambda root: Overlay(head, {"processes/promote-new-video.yaml": edited.encode()}))
    finally:
        git.close()
    written = write_files(tmp_path / "written", valid_repo({"processes/promote-new-video.yaml": edited}))
    assert overlaid == as_reported(written)


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Every file parsed during a test, whatever asks (checks, positions, edits): every
    parse goes through `loader._parse_into`."""
    paths: list[str] = []
    real = loader._parse_into

    def counting(document, *args, **kwargs):
        paths.append(document.path)
        return real(document, *args, **kwargs)

    monkeypatch.setattr(loader, "_parse_into", counting)
    return paths


@pytest.fixture
def warm_repository(tmp_path) -> Path:
    repository = GitRepo(tmp_path / "repo")
    repository.commit("2026-01-05T10:00:00+00:00", valid_repo())
    assert run_cli("check", repository.path, "--ignore", "H")[0] == 0
    return repository.path


def test_a_warm_graph_parses_no_file(warm_repository, parsed):
    code, out, _ = run_cli("graph", warm_repository)
    assert code == 0 and "Promote a new video on social media" in out and "A new video is published" in out
    assert parsed == []


def test_a_warm_review_parses_only_the_file_it_edits(warm_repository, parsed):
    code, _, err = run_cli("review", warm_repository, "draft-post-copy", "--date", "2026-11-20")
    assert code == 0, err
    assert set(parsed) == {"sops/draft-post-copy.md"}  # read to edit, and parsed again to verify the edit
    assert "last_reviewed: 2026-11-20\n" in (warm_repository / "sops/draft-post-copy.md").read_text()


def test_a_warm_stale_and_diff_parse_no_unchanged_file(warm_repository, parsed):
    assert run_cli("stale", warm_repository, "--now", "2026-06-01")[0] == 0
    assert run_cli("diff", warm_repository, "--base", "HEAD")[0] == 0
    assert parsed == []


def test_a_cold_graph_fills_the_cache_that_check_uses(tmp_path, parsed):
    root = write_files(tmp_path / "repo", valid_repo())
    assert run_cli("graph", root)[0] == 0
    assert sorted(parsed) == ["processes/promote-new-video.yaml", "sops/draft-post-copy.md", "sops/schedule-post.yaml"]
    parsed.clear()
    assert run_cli("check", root, "--ignore", "H")[0] == 0
    assert parsed == []


def test_graph_and_load_repository_see_the_same_processes_as_check(tmp_path):
    root = write_files(tmp_path / "repo", valid_repo())
    loaded = load_repository(WorkTree(root), load_config(root))
    (process,) = loaded.repository.processes
    assert (process.id, process.title, process.trigger, process.outcome) == (
        "promote-new-video", "Promote a new video on social media",
        "A new video is published on the channel", "A published social media post promotes the video",
    )
    assert [step.sop for step in process.steps] == ["draft-post-copy", "schedule-post"]


def test_a_file_rule_sees_no_setting_the_cache_key_leaves_out():
    """File rules get `FileSettings`, never the whole configuration, and the cache key
    changes with every field of it: a rule that reads a new setting must add it there."""
    fields = {field.name: field.type for field in dataclasses.fields(FileContext)}
    assert "config" not in fields and fields["settings"] == "FileSettings"

    base = default_config()
    key = results_key(base)
    for name in FileSettings._fields:
        changed = dataclasses.replace(base, **{name: (*getattr(base, name), "x-changed")})
        assert results_key(changed) != key, name


def test_the_sample_repository_reads_the_same_through_every_source(tmp_path):
    """The work tree, a commit of it, and the work tree under an empty overlay agree."""
    from tests.conftest import SAMPLE_REPO

    copy = tmp_path / "sample"
    shutil.copytree(SAMPLE_REPO, copy)
    repository = GitRepo(copy)
    repository.commit("2026-01-05T10:00:00+00:00")
    git = GitRepository(copy)
    try:
        commit = as_reported(copy, lambda root: GitTree(git.revision(git.commit("HEAD"))))
    finally:
        git.close()
    assert as_reported(copy) == commit == as_reported(copy, lambda root: Overlay(WorkTree(root), {}))
