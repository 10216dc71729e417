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
    assert err.count("history rules (H001, H002, H003, H005) skipped") == 1


def test_no_history_is_read_when_no_history_rule_runs(tmp_path, monkeypatch):
    from sop_lint.git import history

    def unwanted(*_args, **_kwargs):
        raise AssertionError("history was read")

    monkeypatch.setattr(history, "SnapshotLoader", unwanted)
    assert run_cli("check", repository(tmp_path).path, "--ignore", "H")[0] == 0


@pytest.mark.slow
def test_without_git_on_path_check_goes_on_and_stale_says_so_in_one_line(tmp_path):
    import os
    import subprocess
    import sys

    repo = repository(tmp_path)
    env = {**os.environ, "PATH": str(tmp_path / "no-git-here")}
    checked = subprocess.run([sys.executable, "-m", "sop_lint", "check", str(repo.path)], capture_output=True, text=True, env=env)
    assert checked.returncode == 0, checked.stderr
    assert "history rules (H001, H002, H003, H005) skipped: git is not installed" in checked.stderr
    stale = subprocess.run([sys.executable, "-m", "sop_lint", "stale", str(repo.path)], capture_output=True, text=True, env=env)
    assert (stale.returncode, stale.stdout, stale.stderr) == (2, "", "sop-lint: error: git is not installed (or not on PATH)\n")


def test_check_accepts_allow_shallow(tmp_path):
    import subprocess

    repo = repository(tmp_path)
    repo.commit("2026-11-02T09:00:00+00:00", {"x.txt": "x"})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True, capture_output=True)
    code, _, err = run_cli("check", clone, *NOW)
    assert code == 0 and "--allow-shallow" in err
    code, _, err = run_cli("check", clone, *NOW, "--allow-shallow")
    assert (code, err) == (0, "")


def test_stale_means_at_least_a_whole_day_overdue(tmp_path):
    repo = repository(tmp_path, {S: edit(SCHEDULE_SOP, "tone:", "review_every: 180d\ntone:")}, date="2026-01-01T12:00:00+00:00")
    assert [code for *_, code in findings(repo.path, "--now", "2026-06-30T13:00:00Z", "--select", "H001")] == []
    assert [code for *_, code in findings(repo.path, "--now", "2026-07-01T13:00:00Z", "--select", "H001")] == ["H001", "H001"]



def unreadable_note(commit: str) -> str:
    return (
        f"sop-lint: note: 1 commit in git history cannot be read ({commit[:10]}: its date is after the year 9999), "
        "so it counts as neither a change nor a review\n"
    )


def test_a_commit_git_accepts_but_sop_lint_cannot_date_is_one_note_and_the_rules_still_run(tmp_path):
    """Issue 12, item 4: separators in a name and a trailer, an offset of +25:00, a date in
    the year 10000 (`git fsck --strict` accepts them all) once stopped every run."""
    repo = repository(tmp_path)
    weekly = edit(SCHEDULE_SOP, "tone:", "review_every: 7d\ntone:")
    repo.craft(author="A\x1eda\x1f <ada@example.com> 1794301200 +2500", files={S: weekly})  # 2026-11-10T09:00Z
    repo.craft(author="Ada <ada@example.com> 1795165200 +0000", message="x\n\nSOP-Reviewed: draft-post-copy\x1e\n")
    beyond = repo.craft(author="Ada <ada@example.com> 253402300800 +0000", message="y\n\nSOP-Reviewed: schedule-post\n")
    repo.git("fsck", "--strict")
    code, out, err = run_cli("check", repo.path, *NOW)
    assert (code, err) == (0, unreadable_note(beyond))  # H001 is a warning
    assert "H001" in out and "last reviewed on 2026-11-10" in out  # the year-10000 review does not count
    assert findings(repo.path, *NOW) == [(S, 2, 5, "H001")]
    assert run_cli("check", repo.path, *NOW, "--ignore", "H") == (0, "All checks passed (3 files checked).\n", "")


# Issue 12, item 17: a date that cannot be computed never stops a command.

FORMATS = ("text", "markdown", "json", "csv", "html")


def every_command_runs(root, *now):
    """check, stale in every format, graph and review end as usual, saying nothing on stderr."""
    code, _, err = run_cli("check", root, *now)
    assert (code in (0, 1), err) == (True, ""), err
    for output_format in FORMATS:
        assert run_cli("stale", root, *now, "--format", output_format)[::2] == (0, ""), output_format
    assert run_cli("graph", root)[::2] == (0, "")
    assert run_cli("review", root, "schedule-post", "--date", "2026-11-20")[::2] == (0, "")


@pytest.mark.parametrize("review_every", ["999999999d", "99999999999999999999y", "9" * 5000 + "d"])
def test_a_review_interval_longer_than_the_calendar_is_never_due(tmp_path, review_every):
    """With a `due-soon` window as long, every SOP is due soon; none is due before 9999-12-31."""
    changes = {
        S: edit(SCHEDULE_SOP, "tone:", f"review_every: {review_every}\nlast_reviewed: 9999-12-30\ntone:"),
        "sop-lint.yaml": f"due-soon: {review_every}\n",
    }
    repo = repository(tmp_path, changes)
    now = ("--now", "9999-12-31")
    # an interval longer than the calendar counts as the whole calendar: 3,652,059 days
    assert messages(repo.path, *now, "--select", "H002") == [
        "H002 SOP 'schedule-post' is due for review in 3652058 days (every 3652059 days; last reviewed on 9999-12-30)",
    ]
    every_command_runs(repo.path, *now)


def test_a_due_date_after_9999_is_given_in_days(tmp_path):
    repo = repository(tmp_path, {S: edit(SCHEDULE_SOP, "tone:", "review_every: 30d\ntone:"), "sop-lint.yaml": "due-soon: 60d\n"})
    repo.craft(author="Ada <ada@example.com> 253402297200 +0000", files={S: edit(SCHEDULE_SOP, "tone:", "review_every: 30d\nx: 1\ntone:")})
    now = ("--now", "9999-12-31T23:30:00Z")  # the commit: 9999-12-31T23:00Z
    assert messages(repo.path, *now, "--select", "H002") == [
        "H002 SOP 'schedule-post' is due for review in 30 days (every 30 days; last reviewed on 9999-12-31)",
    ]
    every_command_runs(repo.path, *now)


@pytest.mark.parametrize("now", ["9999-12-31T23:00:00-23:59", "0001-01-01T00:00:00+01:00"])
def test_a_now_outside_the_calendar_in_utc_is_one_line(tmp_path, now):
    repo = repository(tmp_path)
    expected = f"sop-lint: error: --now {now!r} is out of range: in UTC it must fall between 0001-01-01 and 9999-12-31\n"
    for command in ("check", "stale"):
        assert run_cli(command, repo.path, "--now", now) == (2, "", expected), command


def test_a_same_day_last_reviewed_counts_as_after_the_change_and_equal_days_give_times(tmp_path):
    """Issue 13, item 5: "changed on 2026-12-02 ... last reviewed on 2026-12-02" read as a
    contradiction; a `last_reviewed` of that day now counts as after, and a review by an
    earlier commit that day is told with both times."""
    repo = repository(tmp_path)
    changed = {P: PROCESS.replace("on the channel", "on YouTube")}
    repo.commit("2026-11-10T09:30:00+00:00", None, "Reviewed", "SOP-Reviewed: schedule-post")
    repo.commit("2026-11-10T14:05:00+00:00", changed, "Change the process")
    assert messages(repo.path, *NOW, "--select", "H003")[1] == (
        "H003 SOP 'schedule-post' has not changed since process 'promote-new-video' changed on 2026-11-10 at 14:05 UTC "
        "(the SOP was last reviewed on 2026-11-10 at 09:30 UTC): check that it still matches the process"
    )
    repo.commit("2026-11-10T15:00:00+00:00", {S: SCHEDULE_SOP.replace("tone:", "last_reviewed: 2026-11-10\ntone:")})
    assert [m for m in messages(repo.path, *NOW, "--select", "H003") if "schedule-post" in m] == []


def test_a_new_process_built_on_existing_sops_does_not_make_them_drift(tmp_path):
    """Issue 13, item 5: adding a process that reuses SOPs is no change to those SOPs'
    process, committed or not; its first edit after that is."""
    repo = repository(tmp_path)
    reuse = PROCESS.replace("id: promote-new-video", "id: promote-new-short")
    repo.write({"processes/promote-new-short.yaml": reuse})
    assert findings(repo.path, *NOW, "--select", "H003") == []
    repo.commit("2026-11-10T09:00:00+00:00", None, "Add a process")
    assert findings(repo.path, *NOW, "--select", "H003") == []
    repo.commit("2026-11-12T09:00:00+00:00", {"processes/promote-new-short.yaml": reuse.replace("on the channel", "as a Short")})
    assert findings(repo.path, *NOW, "--select", "H003") == [("sops/draft-post-copy.md", 3, 5, "H003"), (S, 2, 5, "H003")]


def test_a_trailer_may_list_several_sops(tmp_path):
    """Issue 13, item 6: `SOP-Reviewed: a, b` (or `a b`) reviews both."""
    repo = repository(tmp_path, date="2026-01-02T09:00:00+00:00")
    repo.commit("2026-11-20T09:00:00+00:00", None, "Reviewed", "SOP-Reviewed: schedule-post, draft-post-copy")
    assert findings(repo.path, *NOW, "--select", "H001") == []


def test_a_misspelt_trailer_is_a_finding_on_the_sop_it_meant_until_that_sop_is_reviewed(tmp_path):
    """Issue 13, item 6: `SOP-Reviewed: schedule-pst` did nothing, in silence."""
    repo = repository(tmp_path, date="2026-01-02T09:00:00+00:00")
    commit = repo.commit("2026-11-20T09:00:00+00:00", None, "Reviewed", "SOP-Reviewed: schedule-pst")
    assert messages(repo.path, *NOW, "--select", "H005") == [
        (f"H005 commit {commit[:7]} of 2026-11-20 has `SOP-Reviewed: schedule-pst`, which names no SOP: if it meant "
        "SOP 'schedule-post', record the review again: "
        "`git commit --allow-empty -m 'Review schedule-post' --trailer 'SOP-Reviewed: schedule-post'`"),
    ]
    _, _, err = run_cli("stale", repo.path, *NOW)
    assert f"sop-lint: note: commit {commit[:7]} of 2026-11-20 has `SOP-Reviewed: schedule-pst` (did you mean `schedule-post`?)" in err
    repo.commit("2026-11-21T09:00:00+00:00", None, "Reviewed", "SOP-Reviewed: schedule-post")
    assert messages(repo.path, *NOW, "--select", "H005") == []


def test_a_trailer_naming_nothing_like_an_sop_is_a_note(tmp_path):
    repo = repository(tmp_path)
    commit = repo.commit("2026-11-20T09:00:00+00:00", None, "Reviewed", "SOP-Reviewed: the-whole-repo")
    code, _, err = run_cli("check", repo.path, *NOW, "--select", "H")
    assert code == 0
    assert err == (
        f"sop-lint: note: commit {commit[:7]} of 2026-11-20 has `SOP-Reviewed: the-whole-repo`, which names no SOP: "
        "record the review again with the SOP's id (`sop-lint review ID` prints how)\n"
    )
