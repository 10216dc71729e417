"""The action's script (action/run.sh, which action.yml runs once sop-lint is installed)
against a real git repository, with the environment variables GitHub sets for a pull
request: annotations on standard output, the outputs, the SARIF file, the job summary and
the comment it posts.

The one stand-in is `gh`, GitHub's CLI, the network step: a small script first on PATH
records each call and the body sent, and answers as GitHub's REST API would (the comments
already on the pull request, then the comment posted). Everything else is real: git,
jq, bash and sop-lint itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.gitrepo import GitRepo
from tests.repos import SCHEDULE_SOP, valid_repo

SCRIPT = REPO_ROOT / "action" / "run.sh"
SOP_LINT = Path(sys.executable).parent / "sop-lint"
FAKE_GH = """\
#!/usr/bin/env bash
# Stand-in for GitHub's CLI: records the call and the body it sends, answers as the API would.
set -eu
printf '%s\\n' "$*" >>"$GH_RECORD/calls"
previous=""
for argument in "$@"; do
  if [ "$previous" = --input ]; then cp "$argument" "$GH_RECORD/sent.json"; fi
  previous=$argument
done
case " $* " in
  *" --method "*) echo '{"id": 99, "html_url": "https://github.com/acme/ops/pull/7#issuecomment-99"}' ;;
  *) cat "$GH_RECORD/comments.json" ;;
esac
"""
pytestmark = [
    pytest.mark.slow,  # a repository, and sop-lint run three times as a program
    pytest.mark.skipif(not SOP_LINT.is_file(), reason=f"sop-lint is not installed beside {sys.executable}"),
]


class Run:
    """One run of the script: its exit code, standard output and what it left."""

    def __init__(self, result: subprocess.CompletedProcess[str], temp: Path, record: Path) -> None:
        self.code, self.out, self.err = result.returncode, result.stdout, result.stderr
        self.outputs = dict(line.split("=", 1) for line in (temp / "github_output").read_text().splitlines())
        summary = temp / "step_summary.md"
        self.summary = summary.read_text(encoding="utf-8") if summary.exists() else ""
        calls = record / "calls"
        self.gh_calls = calls.read_text().splitlines() if calls.exists() else []
        sent = record / "sent.json"
        self.comment = json.loads(sent.read_text())["body"] if sent.exists() else None


def run_action(workspace: Path, tmp_path: Path, comments: list[dict[str, object]] | None = None,
               **inputs: str) -> Run:
    """The script as the action's step runs it, in a pull request's job."""
    temp = tmp_path / "runner-temp"
    record = tmp_path / "gh-record"
    fake_bin = tmp_path / "fake-bin"
    for folder in (temp, record, fake_bin):
        folder.mkdir(exist_ok=True)
    (record / "comments.json").write_text(json.dumps(comments or []))
    (fake_bin / "gh").write_text(FAKE_GH)
    (fake_bin / "gh").chmod(0o755)
    (temp / "github_output").write_text("")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"ref": "main"}}}))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "GITHUB_", "INPUT_"))}
    env.update(
        PATH=f"{fake_bin}{os.pathsep}{env['PATH']}",
        PYTHONPATH=str(REPO_ROOT),  # this checkout's sop-lint, whatever the environment installed
        GH_RECORD=str(record),
        # What GitHub sets for a job of a pull request's workflow.
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_NAME="pull_request",
        GITHUB_EVENT_PATH=str(event),
        GITHUB_BASE_REF="main",
        GITHUB_HEAD_REF="feature",
        GITHUB_REF="refs/pull/7/merge",
        GITHUB_REPOSITORY="acme/ops",
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_OUTPUT=str(temp / "github_output"),
        GITHUB_STEP_SUMMARY=str(temp / "step_summary.md"),
        GITHUB_ACTION_PATH=str(REPO_ROOT),
        RUNNER_TEMP=str(temp),
        RUNNER_OS="Linux",
        # What action.yml gives the step.
        SOP_LINT=str(SOP_LINT),
        PR_NUMBER="7",
        GH_TOKEN="a-token-never-sent",
    )
    env.update({f"INPUT_{name.upper()}": value for name, value in inputs.items()})
    result = subprocess.run(["bash", str(SCRIPT)], cwd=workspace, env=env, capture_output=True, text=True, check=False)
    return Run(result, temp, record)


@pytest.fixture
def pull_request(tmp_path) -> GitRepo:
    """A clone as actions/checkout leaves it with fetch-depth 0: the base branch as
    origin/main, HEAD on the change, which deletes an SOP a process still uses."""
    git = GitRepo(tmp_path / "workspace")
    git.commit("2026-11-01T10:00:00", valid_repo())
    git.git("update-ref", "refs/remotes/origin/main", "HEAD")
    git.git("checkout", "-q", "-b", "feature")
    git.git("rm", "-q", "sops/schedule-post.yaml")
    git.commit("2026-11-02T10:00:00", message="Retire schedule-post")
    return git


def test_a_pull_request_gets_annotations_sarif_summary_and_one_new_comment(pull_request, tmp_path):
    run = run_action(pull_request.path, tmp_path, comments=[{"id": 5, "body": "Looks good to me"}])
    assert run.code == 1, run.err
    # The removed SOP's own annotation first (no file: it is gone), then the step it left dangling.
    caused, dangling = run.out.splitlines()
    assert caused.startswith("::error title=sop-lint%3A 1 finding in a file this change does not touch::sops/schedule-post.yaml was removed")
    assert dangling.startswith("::error file=processes/promote-new-video.yaml,line=11,col=10,title=R001 unknown-reference::")
    temp = tmp_path / "runner-temp"
    assert run.outputs.keys() == {"mode", "exit-code", "sarif-file", "sarif-category", "report", "comment-url"}
    assert (run.outputs["mode"], run.outputs["exit-code"], run.outputs["sarif-category"]) == ("diff", "1", "sop-lint")
    assert run.outputs["comment-url"] == "https://github.com/acme/ops/pull/7#issuecomment-99"
    sarif = json.loads(Path(run.outputs["sarif-file"]).read_text())
    assert Path(run.outputs["sarif-file"]).parent.parent == temp
    assert [result["ruleId"] for result in sarif["runs"][0]["results"]] == ["R001"]
    report = Path(run.outputs["report"]).read_text(encoding="utf-8")
    assert report.startswith("### sop-lint: ❌ 1 new finding (1 error)") and "sops/schedule-post.yaml" in report
    assert run.summary == report
    assert run.gh_calls == [
        "api --paginate repos/acme/ops/issues/7/comments",
        f"api --method POST repos/acme/ops/issues/7/comments --input {Path(run.outputs['report']).parent}/comment.json",
    ]
    assert run.comment == "<!-- sop-lint root=. -->\n" + report
    assert not (pull_request.path / "sop-lint.sarif").exists() and pull_request.git("status", "--porcelain") == ""


def test_the_next_run_edits_its_own_comment(pull_request, tmp_path):
    comments = [
        {"id": 3, "body": "<!-- sop-lint root=. -->\n### sop-lint: an older report"},
        {"id": 4, "body": "<!-- sop-lint root=ops -->\nanother root's report"},
        {"id": 5, "body": "Quoting <!-- sop-lint root=. --> is not the report"},
    ]
    run = run_action(pull_request.path, tmp_path, comments=comments)
    assert run.code == 1
    assert run.gh_calls[1].startswith("api --method PATCH repos/acme/ops/issues/comments/3 --input ")
    assert run.comment is not None and run.comment.startswith("<!-- sop-lint root=. -->\n### sop-lint: ❌ 1 new finding")


def test_the_root_written_another_way_still_edits_its_own_comment(pull_request, tmp_path):
    """`.`, `./` and `.//` are one SOP root: a workflow that writes it otherwise does not
    leave a second comment behind."""
    comments = [{"id": 3, "body": "<!-- sop-lint root=. -->\n### sop-lint: an older report"}]
    run = run_action(pull_request.path, tmp_path, comments=comments, root=".//")
    assert run.gh_calls[1].startswith("api --method PATCH repos/acme/ops/issues/comments/3 --input ")


@pytest.mark.parametrize("value", ["True", "TRUE", "false", "False"])
def test_boolean_inputs_are_read_as_githubs_toolkit_reads_them(pull_request, tmp_path, value):
    run = run_action(pull_request.path, tmp_path, comment=value, sarif="false")
    assert run.code == 1 and (run.comment is not None) == (value.lower() == "true")


def test_an_input_that_is_no_boolean_stops_the_step_before_any_work(pull_request, tmp_path):
    run = run_action(pull_request.path, tmp_path, comment="yes")
    assert run.code == 2 and run.out == "::error title=sop-lint::the input 'comment' is 'yes': write true or false\n"
    assert run.gh_calls == [] and run.outputs == {"exit-code": "2"}


def test_fail_on_and_neither_comment_nor_sarif(pull_request, tmp_path):
    """The SOP is back, and a new one no process uses: a warning, which fails only with fail-on warning."""
    extra = SCHEDULE_SOP.replace("id: schedule-post", "id: spare-sop")
    pull_request.commit("2026-11-03T10:00:00", {**valid_repo(), "sops/spare-sop.yaml": extra})
    run = run_action(pull_request.path, tmp_path, comment="false", sarif="false")
    assert run.code == 0 and run.out.startswith("::warning file=sops/spare-sop.yaml,")
    assert "sarif-file" not in run.outputs and run.gh_calls == [] and run.comment is None
    assert run.summary.startswith("### sop-lint: ⚠️ 1 new finding (1 warning)")
    failed = run_action(pull_request.path, tmp_path, comment="false", sarif="false", fail_on="warning")
    assert (failed.code, failed.outputs["exit-code"]) == (1, "1")


def test_more_than_ten_annotations_put_the_report_in_the_summary_once(pull_request, tmp_path):
    steps = "".join(f"  - name: Step {n}\n    sop: missing-{n}\n" for n in range(1, 13))
    pull_request.commit("2026-11-03T10:00:00", {"processes/more.yaml": (
        "kind: process\nid: more\ntitle: More\nowner: '@ops'\ntrigger: A\noutcome: B\nsteps:\n" + steps)})
    run = run_action(pull_request.path, tmp_path, comment="false")
    assert run.code == 1
    assert run.out.startswith("::notice title=sop-lint::4 of 14 annotations are not shown on the files")
    assert run.summary.count("### sop-lint:") == 1 and run.summary.count("uses SOP `missing-") == 12


def test_a_base_that_is_not_in_the_clone_is_one_clear_error(tmp_path):
    git = GitRepo(tmp_path / "workspace")
    git.commit("2026-11-01T10:00:00", valid_repo())
    git.git("branch", "-m", "main", "feature")  # a shallow checkout of the pull request: no main, no origin/main
    run = run_action(git.path, tmp_path)
    assert run.code == 2
    assert run.out == "::error title=sop-lint::the base main is not in this clone: check out with fetch-depth: 0 (actions/checkout)\n"
    assert run.outputs == {"mode": "diff", "exit-code": "2"} and run.gh_calls == []


def test_stale_mode_writes_the_report_and_fails_only_when_asked(tmp_path):
    git = GitRepo(tmp_path / "workspace")
    git.commit("2020-01-01T10:00:00", valid_repo())
    run = run_action(git.path, tmp_path, mode="stale")
    assert run.code == 0 and run.gh_calls == []
    report = Path(run.outputs["report"]).read_text(encoding="utf-8")
    assert "schedule-post" in report and run.summary == report
    assert run_action(git.path, tmp_path, mode="stale", fail_on="warning").code == 1
