"""`diff` runs the file rules only on the files a change touched, and parses every other
file once for both revisions (issue 18): its findings must be those of linting both
revisions whole and comparing, cold, warm and without a cache."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from sop_lint.commands.diff import compare_revisions
from sop_lint.config.loading import load_config
from sop_lint.engine import summaries
from sop_lint.engine.compare import new_findings
from sop_lint.engine.linting import lint
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.selection import select_rules
from sop_lint.engine.sources import GitTree
from sop_lint.git.runner import GitFailed
from sop_lint.git.trees import GitRepository
from sop_lint.reading.discovery import may_hold
from tests.conftest import SAMPLE_REPO, run_cli
from tests.gitrepo import GitRepo
from tests.repos import edit

JAN, FEB = "2026-01-05T09:00:00+00:00", "2026-02-05T09:00:00+00:00"
DESIGN = "sops/video/design-thumbnail.yaml"
INVOICES = "sops/finance/chase-overdue-invoices.md"
NEWSLETTER = "sops/newsletter/write-newsletter.md"
SCHEDULE = "sops/social/schedule-post.md"
MEDIA = "sops/social/prepare-media.md"


def sample_files() -> dict[str, str]:
    return {path.relative_to(SAMPLE_REPO).as_posix(): path.read_text() for path in SAMPLE_REPO.rglob("*") if path.is_file()}


def changed_repository(tmp_path: Path) -> GitRepo:
    """The sample repository with defects that the change leaves alone (a placeholder in
    an SOP, a step naming no SOP), and a change that adds some (a placeholder, a removed
    SOP that an untouched process uses, a duplicate id of an untouched SOP, the tool of an
    SOP whose instructions an untouched SOP follows instead of its own), moves a file
    with a defect and fixes one."""
    files = sample_files()
    files[SCHEDULE] = files[SCHEDULE].replace("Buffer", "Hootsuite").replace("tool: Hootsuite", "tool: Buffer")
    files[NEWSLETTER] = edit(files[NEWSLETTER], "tone: Upbeat and conversational", "tone: TBD")
    files[DESIGN] = edit(files[DESIGN], "kind: sop\n", "kind: sop\nacount: x\n")
    process = "processes/publish-video.yaml"
    files[process] = files[process] + "  - name: Tell the team\n    sop: tell-the-team\n"
    repo = GitRepo(tmp_path / "repo")
    repo.commit(JAN, files, "base")
    repo.git("checkout", "-q", "-b", "change")
    repo.git("rm", "-q", "sops/newsletter/schedule-newsletter.md")
    repo.git("mv", DESIGN, "sops/video/thumbnail-design.yaml")
    repo.commit(
        FEB,
        {
            INVOICES: edit(files[INVOICES], "tone: ", "tone: TBD "),
            "sops/finance/invoices-again.md": files[INVOICES],
            "sops/social/hootsuite-media.md": edit(edit(files[MEDIA], "id: prepare-media", "id: hootsuite-media"), "tool: Canva", "tool: Hootsuite"),
            NEWSLETTER: edit(files[NEWSLETTER], "tone: TBD", "tone: Upbeat and conversational"),
        },
        "change",
    )
    return repo


def whole_lints(root: Path) -> list:
    """What `diff` reports, worked out the long way: both revisions linted whole, no cache."""
    config = load_config(root)
    rules = select_rules(config)
    git = GitRepository(root, lambda folder: may_hold(folder, config))
    try:
        head = git.commit("change")
        base = git.merge_base(git.commit("main"), head)
        base_result, head_result = (lint(GitTree(git.revision(commit)), config, rules, RunOptions(), recorded=False) for commit in (base, head))
        return new_findings(head_result.findings, base_result.findings, git.changes(base, head))
    finally:
        git.close()


def test_the_findings_are_those_of_both_revisions_linted_whole(tmp_path):
    repo = changed_repository(tmp_path)
    expected = whole_lints(repo.path)
    assert {finding.code for finding in expected} >= {"C002", "I005", "R001", "R002", "R003"}  # the case covers what it means to
    config = load_config(repo.path)
    for options in (RunOptions.for_root(repo.path), RunOptions.for_root(repo.path), RunOptions()):  # cold, warm, no cache
        result = compare_revisions(repo.path, config, select_rules(config), "main", "change", options)
        assert result.findings == expected


@pytest.mark.parametrize("warm_first", ["check", "diff"])
def test_the_report_is_the_same_cold_and_warm(tmp_path, warm_first):
    repo = changed_repository(tmp_path)
    args = ("diff", repo.path, "--base", "main", "--format", "json")
    cold = run_cli(*args, "--no-cache")
    run_cli(warm_first, repo.path)
    warm = run_cli(*args)
    assert cold[0] == 1 and warm == cold
    assert json.loads(cold[1])["findings"]


def test_a_file_the_change_left_alone_is_parsed_once_for_both_revisions(tmp_path, monkeypatch):
    repo = changed_repository(tmp_path)
    parsed: Counter[str] = Counter()
    parse = summaries.parse_document

    def counted(path: str, *args, **kwargs):
        parsed[path] += 1
        return parse(path, *args, **kwargs)

    monkeypatch.setattr(summaries, "parse_document", counted)
    config = load_config(repo.path)
    compare_revisions(repo.path, config, select_rules(config), "main", "change", RunOptions(workers=1))
    assert set(parsed) == set(sample_files()) - {"README.md", "sop-lint.yaml", DESIGN, INVOICES, NEWSLETTER, "sops/newsletter/schedule-newsletter.md"}
    assert set(parsed.values()) == {1}


def test_a_change_inside_a_submodule_that_git_diff_ignores_is_linted(tmp_path):
    """`ignore = all` in .gitmodules (or `diff.ignoreSubmodules`) hides a submodule's new
    commit from `git diff`, not its files from the revisions: the files it changed are
    touched all the same, and linted (found by an independent review)."""
    inner = GitRepo(tmp_path / "inner")
    sop = sample_files()[SCHEDULE].replace("id: schedule-post", "id: inner-post")
    inner.commit(JAN, {"sops/extra/inner-post.md": sop}, "inner")
    repo = GitRepo(tmp_path / "repo")
    repo.write(sample_files())
    repo.add_submodule(inner, "sops/shared")
    repo.git("config", "-f", ".gitmodules", "submodule.sops/shared.ignore", "all")
    repo.commit(JAN, None, "base")
    repo.git("checkout", "-q", "-b", "change")
    inner.commit(FEB, {"sops/extra/inner-post.md": sop.replace("tone: Upbeat and conversational", "tone: TBD")}, "TBD")
    repo.git("-C", "sops/shared", "-c", "protocol.file.allow=always", "pull", "-q", "origin", "main")
    repo.commit(FEB, None, "bump the submodule")
    expected = whole_lints(repo.path)
    assert [(finding.code, finding.path) for finding in expected] == [("C002", "sops/shared/sops/extra/inner-post.md")]
    config = load_config(repo.path)
    assert compare_revisions(repo.path, config, select_rules(config), "main", "change", RunOptions()).findings == expected


def dirtied(repo: GitRepo) -> None:
    """Every kind of work tree file that is not the committed one: edited, CR LF line ends
    on an edited file, gone, a folder, a FIFO (which must not block the run)."""
    files = sample_files()
    repo.write({
        "processes/publish-video.yaml": files["processes/publish-video.yaml"] + "  - name: Extra\n    sop: nowhere\n",
        MEDIA: files[MEDIA].replace("tool: Canva", "tool: TBD").replace("\n", "\r\n"),
    })
    (repo.path / SCHEDULE).unlink()
    (repo.path / "sops/finance/invoices-again.md").unlink()
    (repo.path / "sops/finance/invoices-again.md").mkdir()
    if hasattr(os, "mkfifo"):
        (repo.path / NEWSLETTER).unlink()
        os.mkfifo(repo.path / NEWSLETTER)


@pytest.mark.parametrize("workers", [1, 2])
def test_the_findings_are_the_commits_whatever_the_work_tree_holds(tmp_path, workers):
    """Unchanged files are read from the work tree where a file there holds the blob's
    bytes (`engine.disk_copies`): never where it holds anything else."""
    repo = changed_repository(tmp_path)
    expected = whole_lints(repo.path)  # read from git alone
    dirtied(repo)
    config = load_config(repo.path)
    result = compare_revisions(repo.path, config, select_rules(config), "main", "change", RunOptions(workers=workers))
    assert result.findings == expected


def test_a_file_the_work_tree_holds_is_not_read_from_git(tmp_path):
    """Its blob, gone from git's objects, is not missed: proof that the copy on disk is read."""
    repo = changed_repository(tmp_path)
    expected = whole_lints(repo.path)
    config = load_config(repo.path)
    git = GitRepository(repo.path)
    try:
        base, head = (git.revision(git.commit(ref)).blobs for ref in ("main", "change"))
    finally:
        git.close()
    with_findings = {finding.path for finding in expected}
    unchanged = sorted(path for path, blob in base.items() if head.get(path) == blob and path not in with_findings and path.startswith("sops/"))
    blob = base[unchanged[0]]
    (repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    assert compare_revisions(repo.path, config, select_rules(config), "main", "change", RunOptions()).findings == expected
    (repo.path / unchanged[0]).write_text("edited\n")  # now git's copy is needed, and missing
    with pytest.raises(GitFailed):
        compare_revisions(repo.path, config, select_rules(config), "main", "change", RunOptions())
