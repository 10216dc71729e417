"""Inline suppressions in YAML and Markdown, and the baseline of accepted findings."""

import json

import pytest

from tests.conftest import findings, run_cli, usage_error
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo

P, D, S = "processes/promote-new-video.yaml", "sops/draft-post-copy.md", "sops/schedule-post.yaml"


def test_a_comment_on_the_line_or_the_line_before_disables_a_code(repo):
    files = valid_repo(
        {
            S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD  # sop-lint: disable=C002"),
            D: edit(DRAFT_SOP, "tone: Upbeat and conversational", "# sop-lint: disable=C002\ntone: TBD"),
        }
    )
    assert findings(repo(files)) == []


def test_a_comment_for_another_code_or_line_does_not_hide_a_finding(repo):
    files = valid_repo({S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "# sop-lint: disable=C001\n\ntone: TBD")})
    assert findings(repo(files)) == [(S, 9, 7, "C002")]


def test_disable_file_and_markdown_comments(repo):
    files = valid_repo(
        {
            S: "# sop-lint: disable-file=C002\n" + edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD"),
            D: DRAFT_SOP.split("# Draft")[0] + "<!-- sop-lint: disable-file=C003 -->\n",
            "sops/spare.md": DRAFT_SOP.replace("id: draft-post-copy", "id: spare") + "<!-- sop-lint: disable-file=R004 -->\n",
        }
    )
    assert findings(repo(files)) == []


def test_baseline_hides_known_findings_and_fails_on_new_ones(repo, tmp_path):
    root = repo(valid_repo({S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")}))
    baseline = tmp_path / "baseline.json"
    code, _, err = run_cli("check", root, "--baseline", baseline, "--write-baseline")
    assert code == 0 and "Wrote 1 finding to" in err
    entry = json.loads(baseline.read_text())["findings"][0]
    assert set(entry) == {"fingerprint", "code", "path", "message"}

    # moving the finding to another line does not make it new
    (root / S).write_text("# moved down\n\n" + (root / S).read_text())
    code, out, _ = run_cli("check", root, "--baseline", baseline)
    assert code == 0 and "1 known finding hidden by the baseline" in out

    # a new problem fails the run; the known one stays hidden
    (root / P).write_text(edit(PROCESS, "trigger: A new video is published on the channel", "trigger: TODO"))
    code, out, _ = run_cli("check", root, "--baseline", baseline, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert [f["code"] for f in report["findings"]] == ["P001"]
    assert report["summary"]["baseline"] == {"matched": 1, "unmatched": 0}


def test_baseline_entries_that_match_nothing_are_reported(repo, tmp_path):
    root = repo(valid_repo({S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")}))
    baseline = tmp_path / "baseline.json"
    run_cli("check", root, "--baseline", baseline, "--write-baseline")
    (root / S).write_text(SCHEDULE_SOP)
    code, out, _ = run_cli("check", root, "--baseline", baseline)
    assert code == 0
    assert "1 baseline entry no longer matches anything" in out


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("nope.json", None, "baseline file not found: {path} (create it with --write-baseline)"),
        ("bad.json", "[1, 2]", "{path}: not a sop-lint baseline (expected version 1 and a findings list)"),
    ],
    ids=["missing", "broken"],
)
def test_a_missing_or_broken_baseline_is_one_line_and_exit_2(repo, tmp_path, monkeypatch, name, content, error):
    """Said before anything is linted: no file is parsed, no note comes first."""
    from sop_lint.reading import loader

    parsed = []
    real = loader._parse_into
    monkeypatch.setattr(loader, "_parse_into", lambda document, *args: parsed.append(document.path) or real(document, *args))
    root = repo(valid_repo())
    if content is not None:
        (tmp_path / name).write_text(content)
    code, out, err = run_cli("check", root, "--baseline", tmp_path / name)
    assert (code, out) == (2, "")
    assert err == f"sop-lint: error: {error.format(path=tmp_path / name)}\n"
    assert parsed == []


def test_write_baseline_without_a_baseline_is_a_usage_error(repo):
    code, _, err = run_cli("check", repo(valid_repo()), "--write-baseline")
    assert code == 2
    assert usage_error(err) == "--write-baseline needs --baseline FILE"


def test_each_of_repeated_findings_has_its_own_fingerprint_and_an_old_baseline_still_matches(repo, tmp_path):
    """Issue 14, item 5: four steps using one missing SOP shared one fingerprint (GitLab
    showed one of them). Each occurrence is numbered; the first keeps the fingerprint it
    had, and a baseline written before (the first's fingerprint four times) matches all."""
    import json

    from tests.repos import PROCESS, valid_repo

    step = "  - name: Post again {n}\n    sop: nowhere\n"
    process = PROCESS + "".join(step.format(n=n) for n in range(4))
    root = repo(valid_repo({"processes/promote-new-video.yaml": process}))
    report = json.loads(run_cli("check", root, "--format", "json", "--select", "R001")[1])
    prints = [finding["fingerprint"] for finding in report["findings"]]
    assert len(prints) == len(set(prints)) == 4
    gitlab = json.loads(run_cli("check", root, "--format", "gitlab", "--select", "R001")[1])
    assert len({item["fingerprint"] for item in gitlab}) == 4
    old = tmp_path / "old-baseline.json"
    entries = [{"fingerprint": prints[0], "code": "R001", "path": "processes/promote-new-video.yaml", "message": "m"}] * 4
    old.write_text(json.dumps({"version": 1, "findings": entries}))
    assert run_cli("check", root, "--select", "R001", "--baseline", old)[0] == 0
