"""History family: H001 stale-sop, H002 due-soon, H003 process-drift, H004 future-review-date."""

import pytest

from tests.conftest import findings, messages, run_cli
from tests.gitrepo import GitRepo
from tests.repos import PROCESS, SCHEDULE_SOP, edit, valid_repo

P, S = "processes/promote-new-video.yaml", "sops/schedule-post.yaml"
NOW = ("--now", "2026-11-24")


def repository(tmp_path, changes=None, date="2026-11-01T09:00:00+00:00"):
    repo = GitRepo(tmp_path / "ops")
    repo.commit(date, valid_repo(changes), "Write the ops repository")
    return repo


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({S: edit(SCHEDULE_SOP, "tone:", "review_every: 7d\ntone:")}, [(S, 2, 5, "H001")]),
        ({S: edit(SCHEDULE_SOP, "tone:", "review_every: 30d\ntone:")}, [(S, 2, 5, "H002")]),
        ({S: edit(SCHEDULE_SOP, "tone:", "last_reviewed: 2027-03-01\ntone:")}, [(S, 7, 16, "H004")]),
        ({S: edit(SCHEDULE_SOP, "tone:", "review_every: 90d\nlast_reviewed: 2026-11-20\ntone:")}, []),
    ],
)
def test_review_intervals_and_dates(tmp_path, changes, expected):
    assert findings(repository(tmp_path, changes).path, *NOW) == expected


def test_an_sop_older_than_its_interval_is_stale_and_a_review_trailer_freshens_it(tmp_path):
    repo = repository(tmp_path, date="2026-01-02T09:00:00+00:00")
    assert findings(repo.path, *NOW) == [("sops/draft-post-copy.md", 3, 5, "H001"), (S, 2, 5, "H001")]
    repo.commit("2026-11-20T09:00:00+00:00", None, "Reviewed", "SOP-Reviewed: schedule-post", "SOP-Reviewed: draft-post-copy")
    assert findings(repo.path, *NOW) == []


def test_drift_when_a_process_changes_after_its_sops(tmp_path):
    repo = repository(tmp_path)
    repo.commit("2026-11-10T09:00:00+00:00", {P: edit(PROCESS, "title:", "x-note: now at 09:00\ntitle:")}, "Move the post")
    assert findings(repo.path, *NOW) == [("sops/draft-post-copy.md", 3, 5, "H003"), (S, 2, 5, "H003")]
    assert messages(repo.path, *NOW, "--select", "H003")[1] == (
        "H003 SOP 'schedule-post' has not changed since process 'promote-new-video' changed on 2026-11-10 "
        "(the SOP was last reviewed on 2026-11-01): check that it still matches the process"
    )
    repo.commit("2026-11-12T09:00:00+00:00", None, "Checked both", "SOP-Reviewed: schedule-post", "SOP-Reviewed: draft-post-copy")
    assert findings(repo.path, *NOW) == []


def test_an_uncommitted_sop_is_changed_now_and_never_stale(tmp_path):
    repo = repository(tmp_path, date="2025-01-01T09:00:00+00:00")
    repo.write({S: SCHEDULE_SOP + "# edited\n", "sops/draft-post-copy.md": (repo.path / "sops/draft-post-copy.md").read_text() + "\n3. More.\n"})
    assert findings(repo.path, *NOW) == []


def test_outside_git_the_history_rules_say_once_that_they_are_skipped(repo):
    root = repo(valid_repo({S: edit(SCHEDULE_SOP, "tone:", "last_reviewed: 2027-03-01\ntone:")}))
    code, out, err = run_cli("check", root, *NOW)
    assert code == 1 and "H004" in out  # needs no history
    assert err.count("history rules (H001, H002, H003) skipped") == 1


def test_no_history_is_read_when_no_history_rule_runs(tmp_path, monkeypatch):
    from sop_lint import linter

    def unwanted(*_args, **_kwargs):
        raise AssertionError("history was read")

    monkeypatch.setattr(linter, "SnapshotLoader", unwanted)
    assert run_cli("check", repository(tmp_path).path, "--ignore", "H")[0] == 0
