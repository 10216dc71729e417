"""GitHub shows about 10 annotations of each type per step: with more, a notice says so
and the job summary (`$GITHUB_STEP_SUMMARY`) lists every finding (issue 14, item 8)."""

from __future__ import annotations

import pytest

from tests.conftest import history_note, run_cli
from tests.repos import PROCESS, valid_repo

MISSING = 12


def many_missing(count: int) -> dict[str, str]:
    """A repository of one process with `count` steps using SOPs that do not exist: `count` errors."""
    steps = "".join(f"  - name: Step {n}\n    sop: missing-{n}\n" for n in range(1, count + 1))
    process = PROCESS.split("steps:\n")[0] + "steps:\n" + steps
    return valid_repo({"processes/promote-new-video.yaml": process, "sops/draft-post-copy.md": None, "sops/schedule-post.yaml": None})


@pytest.fixture
def in_actions(monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return monkeypatch


def test_more_than_ten_errors_are_all_in_the_job_summary_appended_to_what_was_there(repo, tmp_path, in_actions):
    root = repo(many_missing(MISSING))
    summary = tmp_path / "step_summary.md"
    summary.write_text("## An earlier step's summary\n", encoding="utf-8")
    in_actions.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, err = run_cli("check", root, "--now", "2026-11-24")
    assert code == 1 and err == history_note(root)
    lines = out.splitlines()
    assert lines[0] == (
        "::notice title=sop-lint::2 of 12 annotations are not shown on the files (GitHub shows 10 of each type per step); "
        "the job summary lists all of them"
    )
    assert len(lines) == 1 + MISSING and all(line.startswith("::error ") for line in lines[1:])
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## An earlier step's summary\n> [!NOTE]\n> 2 of 12 annotations are not shown on the files")
    assert "### sop-lint: ❌ 12 findings (12 errors) in 1 file" in text
    for n in range(1, MISSING + 1):
        assert f"uses SOP `missing-{n}`, which does not exist" in text
    assert text.count("| ❌ error | `processes/promote-new-video.yaml:") == MISSING


def test_diff_says_so_too(tmp_path, in_actions):
    from tests.gitrepo import GitRepo

    git = GitRepo(tmp_path / "ops")
    git.commit("2026-11-01T10:00:00", many_missing(1))
    git.commit("2026-11-02T10:00:00", many_missing(12))
    summary = tmp_path / "summary.md"
    in_actions.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run_cli("diff", git.path, "--base", "HEAD~1")
    assert code == 1
    assert out.startswith("::notice title=sop-lint::1 of 11 annotations are not shown on the files")
    text = summary.read_text(encoding="utf-8")
    assert "### sop-lint: ❌ 11 new findings (11 errors)" in text and "#### Impact" in text


def test_ten_of_a_type_need_no_summary(repo, tmp_path, in_actions):
    """The job summary is written only when annotations would be hidden: sop-lint runs
    several times in one job (annotations, SARIF, the comment), and the action writes its
    own report there."""
    root = repo(many_missing(10))
    summary = tmp_path / "summary.md"
    in_actions.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run_cli("check", root, "--now", "2026-11-24")
    assert code == 1 and "::notice" not in out and len(out.splitlines()) == 10
    assert not summary.exists()


def test_without_a_summary_file_the_notice_points_at_the_log(repo, tmp_path, in_actions, monkeypatch):
    root = repo(many_missing(MISSING))
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    code, out, _ = run_cli("check", root, "--now", "2026-11-24")
    assert code == 1
    assert out.splitlines()[0].endswith("; this step's log lists all of them")
    assert sorted(tmp_path.rglob("*")) == before


def test_other_formats_write_no_summary(repo, tmp_path, in_actions):
    root = repo(many_missing(MISSING))
    summary = tmp_path / "summary.md"
    in_actions.setenv("GITHUB_STEP_SUMMARY", str(summary))
    for output_format in ("sarif", "markdown", "text"):
        run_cli("check", root, "--now", "2026-11-24", "--format", output_format)
    assert not summary.exists()


def test_a_summary_file_that_cannot_be_written_is_one_note(repo, tmp_path, in_actions):
    root = repo(many_missing(MISSING))
    folder = tmp_path / "not-a-file"
    folder.mkdir()
    in_actions.setenv("GITHUB_STEP_SUMMARY", str(folder))
    code, out, err = run_cli("check", root, "--now", "2026-11-24")
    assert code == 1
    assert len(out.splitlines()) == 1 + MISSING
    assert err == history_note(root) + (
        f"sop-lint: note: could not add the findings to the job summary {folder} (Is a directory): "
        "this step's log lists all of them\n"
    )


def test_the_notice_counts_itself_among_the_notices(in_actions):
    """With 11 errors and 10 notices, the notice sop-lint adds first pushes one more notice out."""
    from sop_lint.commands.step_summary import github_overflow
    from sop_lint.findings import Severity
    from sop_lint.reporters.context import ReportContext

    annotations = "::error file=a.yaml,line=1,col=1,title=R001 x::m\n" * 11 + "::notice file=b.md,line=1,col=1,title=C009 y::n\n" * 10
    text, summary = github_overflow([], ReportContext(files_checked=2, fail_on=Severity.ERROR, exit_code=1), annotations)
    assert text.splitlines()[0].startswith("::notice title=sop-lint::2 of 21 annotations are not shown on the files")
    assert text.endswith(annotations) and summary == ""


@pytest.mark.slow
def test_the_summary_lists_more_than_a_comment_holds(repo, tmp_path, in_actions):
    """A PR comment stops at 65,536 characters; a job summary may hold 1 MiB, and lists
    every finding of a run whose comment would leave some out."""
    count = 800
    root = repo(many_missing(count))
    summary = tmp_path / "step_summary.md"
    in_actions.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run_cli("check", root, "--now", "2026-11-24")[0] == 1
    text = summary.read_text(encoding="utf-8")
    assert 65_536 < len(text.encode()) < 1_048_576
    assert text.count("| ❌ error | `processes/promote-new-video.yaml:") == count
    assert "Left out to stay under" not in text
    _, comment, _ = run_cli("check", root, "--now", "2026-11-24", "--format", "markdown")
    assert "Left out to stay under GitHub's limit of 65,536 characters for a comment" in comment
