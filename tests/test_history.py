"""Reading history in one pass from real repositories with controlled dates."""

import subprocess
from datetime import UTC, datetime

import pytest

from sop_lint.engine.cache import blob_id
from sop_lint.git import history as history_module
from sop_lint.git import runner as git_runner
from sop_lint.git.history import NoHistory, SnapshotLoader
from sop_lint.git.log import Commit, Unreadable, unreadable_note
from tests.gitrepo import GitRepo

JAN, FEB, MAR, APR = "2024-01-01T10:00:00+00:00", "2024-02-01T10:00:00+00:00", "2024-03-01T10:00:00+00:00", "2024-04-01T10:00:00+00:00"
SOP = "kind: sop\nid: a\ntool: Buffer\n"


def recall_history(root, blobs, *, store, allow_shallow=False):
    """History as check and stale get it: the snapshot at `store` (None: none kept)."""
    return SnapshotLoader(root, store=store, allow_shallow=allow_shallow).snapshot().history_of(blobs)


def read_history(root, paths, allow_shallow=False):
    """History as check and stale get it, without a stored snapshot."""
    return recall_history(root, blobs_of(root, paths), store=None, allow_shallow=allow_shallow)


def blobs_of(root, paths):
    """As check computes them: the blob id, and the LF-normalized one for CRLF content."""
    found = {}
    for path in paths:
        if (root / path).exists():
            raw = (root / path).read_bytes()
            found[path] = (blob_id(raw, "sha1"), blob_id(raw.replace(b"\r\n", b"\n"), "sha1"))
    return found


def date(text: str) -> datetime:
    return datetime.fromisoformat(text)


def last_change(history, path):
    change = history.last_changes.get(path)
    return change and change.date


def test_the_last_content_change_is_the_newest_commit_that_changed_the_file(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"sops/a.yaml": SOP, "sops/b.yaml": SOP})
    second = repo.commit(FEB, {"sops/a.yaml": SOP + "tone: Warm\n"}, "edit a")
    history = read_history(repo.path, ["sops/a.yaml", "sops/b.yaml"])
    assert last_change(history, "sops/a.yaml") == date(FEB)
    assert history.last_changes["sops/a.yaml"].id == second
    assert history.last_changes["sops/a.yaml"].author == "Ada Ops"
    assert last_change(history, "sops/b.yaml") == date(JAN)


def test_a_rename_alone_is_not_a_change_but_a_rename_with_an_edit_is(tmp_path):
    repo = GitRepo(tmp_path / "r")
    body = "kind: sop\nid: a\n" + "".join(f"line {n}: some instruction text\n" for n in range(20))
    repo.commit(JAN, {"sops/a.yaml": body, "sops/b.yaml": body.replace("id: a", "id: b")})
    repo.git("mv", "sops/a.yaml", "sops/renamed.yaml")
    repo.commit(FEB, message="rename only")
    repo.git("mv", "sops/b.yaml", "sops/moved.yaml")
    repo.commit(MAR, {"sops/moved.yaml": body.replace("id: a", "id: b") + "line 21: one more\n"}, "rename and edit")
    history = read_history(repo.path, ["sops/renamed.yaml", "sops/moved.yaml"])
    assert last_change(history, "sops/renamed.yaml") == date(JAN)
    assert last_change(history, "sops/moved.yaml") == date(MAR)


def test_commits_in_blame_ignore_revs_do_not_count(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"sops/a.yaml": SOP})
    reformat = repo.commit(FEB, {"sops/a.yaml": SOP.replace(": ", ":  ")}, "reformat everything")
    repo.commit(MAR, {".git-blame-ignore-revs": f"# mass reformat\n{reformat}\n"})
    history = read_history(repo.path, ["sops/a.yaml"])
    assert last_change(history, "sops/a.yaml") == date(JAN)


def test_review_trailers_count_even_on_empty_commits(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"sops/a.yaml": SOP})
    reviewed = repo.commit(MAR, None, "Review the SOP", "SOP-Reviewed: a", "SOP-Reviewed: b")
    history = read_history(repo.path, ["sops/a.yaml"])
    assert last_change(history, "sops/a.yaml") == date(JAN)
    assert {key: (c.date, c.id) for key, c in history.reviews.items()} == {"a": (date(MAR), reviewed), "b": (date(MAR), reviewed)}


def test_a_merged_branch_counts_the_commit_that_made_the_change(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"sops/a.yaml": SOP, "sops/b.yaml": SOP})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit(FEB, {"sops/a.yaml": SOP + "tone: Warm\n"})
    repo.git("checkout", "-q", "main")
    repo.commit(MAR, {"sops/b.yaml": SOP + "tone: Calm\n"})
    repo.git("merge", "-q", "--no-ff", "-m", "merge topic", "topic", date=APR)
    history = read_history(repo.path, ["sops/a.yaml", "sops/b.yaml"])
    assert last_change(history, "sops/a.yaml") == date(FEB)
    assert last_change(history, "sops/b.yaml") == date(MAR)


def test_uncommitted_and_untracked_files_are_marked(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"sops/a.yaml": SOP, "sops/b.yaml": SOP})
    repo.write({"sops/a.yaml": SOP + "tone: Warm\n", "sops/new.yaml": SOP})
    history = read_history(repo.path, ["sops/a.yaml", "sops/b.yaml", "sops/new.yaml"])
    assert history.uncommitted == {"sops/a.yaml", "sops/new.yaml"}
    assert last_change(history, "sops/new.yaml") is None


def test_an_sop_root_below_the_work_tree_root(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"ops/sops/a.yaml": SOP, "other/sops/a.yaml": SOP})
    repo.commit(FEB, {"other/sops/a.yaml": SOP + "tone: Warm\n"})
    repo.write({"ops/sops/b.yaml": SOP})
    history = read_history(repo.path / "ops", ["sops/a.yaml", "sops/b.yaml"])
    assert last_change(history, "sops/a.yaml") == date(JAN)
    assert history.uncommitted == {"sops/b.yaml"}
    assert history.work_tree == repo.path


def test_a_repository_without_commits_has_only_uncommitted_files(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.write({"sops/a.yaml": SOP})
    history = read_history(repo.path, ["sops/a.yaml"])
    assert (history.last_changes, history.uncommitted) == ({}, {"sops/a.yaml"})


def test_a_detached_head_and_an_orphan_branch_work(tmp_path):
    repo = GitRepo(tmp_path / "r")
    first = repo.commit(JAN, {"sops/a.yaml": SOP})
    repo.commit(FEB, {"sops/a.yaml": SOP + "tone: Warm\n"})
    repo.git("checkout", "-q", first)
    assert last_change(read_history(repo.path, ["sops/a.yaml"]), "sops/a.yaml") == date(JAN)
    repo.git("checkout", "-q", "--orphan", "fresh")
    repo.commit(MAR)
    assert last_change(read_history(repo.path, ["sops/a.yaml"]), "sops/a.yaml") == date(MAR)


def test_a_shallow_clone_stops_with_the_fix_unless_allowed(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"sops/a.yaml": SOP})
    repo.commit(FEB, {"sops/b.yaml": SOP})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True, env=repo.env())
    with pytest.raises(NoHistory, match="git fetch --unshallow"):
        read_history(clone, ["sops/a.yaml"])
    history = read_history(clone, ["sops/a.yaml"], allow_shallow=True)
    assert last_change(history, "sops/a.yaml") == date(FEB)


def test_outside_a_work_tree_history_says_so(tmp_path):
    (tmp_path / "plain").mkdir()
    with pytest.raises(NoHistory, match="not inside a git work tree"):
        read_history(tmp_path / "plain", [])


def test_hook_variables_do_not_leak_into_git(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"sops/a.yaml": SOP})
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "elsewhere.index"))
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "nowhere"))
    assert last_change(read_history(repo.path, ["sops/a.yaml"]), "sops/a.yaml") == date(JAN)
    import os

    assert os.environ["GIT_INDEX_FILE"] == str(tmp_path / "elsewhere.index")


# The snapshot: the same answers as a full read, with less or no git work.



def same_answers(root, paths, store):
    recalled = recall_history(root, blobs_of(root, paths), store=store)
    full = read_history(root, list(blobs_of(root, paths)))
    assert recalled.last_changes == full.last_changes
    assert recalled.reviews == full.reviews
    assert recalled.uncommitted == full.uncommitted
    return recalled


def test_the_snapshot_agrees_with_a_full_read_as_history_grows(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path / "r")
    body = "kind: sop\nid: a\n" + "".join(f"line {n}: some instruction text\n" for n in range(20))
    repo.commit(JAN, {"sops/a.yaml": body, "sops/b.yaml": SOP})
    store = tmp_path / "snapshot"
    paths = ["sops/a.yaml", "sops/b.yaml", "sops/c.yaml"]
    same_answers(repo.path, paths, store)

    # the same HEAD: no git process at all
    def no_git(*_args):
        raise AssertionError("git was run although HEAD did not move")

    monkeypatch.setattr(history_module, "git_at", no_git)
    repo.write({"sops/b.yaml": SOP + "tone: Warm\n"})
    recalled = recall_history(repo.path, blobs_of(repo.path, paths), store=store)
    assert recalled.uncommitted == {"sops/b.yaml"}
    monkeypatch.undo()

    # HEAD moves on: a rename with an edit, a review, a new file
    repo.git("mv", "sops/a.yaml", "sops/c.yaml")
    repo.commit(FEB, {"sops/c.yaml": body + "line 21: more\n"}, "rename and edit")
    repo.commit(MAR, None, "review", "SOP-Reviewed: b")
    paths = ["sops/b.yaml", "sops/c.yaml"]
    recalled = same_answers(repo.path, paths, store)
    assert last_change(recalled, "sops/c.yaml") == date(FEB)

    # history rewritten: the old HEAD is no ancestor any more
    repo.git("reset", "-q", "--hard", "HEAD~2")
    repo.commit(APR, {"sops/b.yaml": SOP + "tone: Calm\n"}, "another path")
    same_answers(repo.path, ["sops/a.yaml", "sops/b.yaml"], store)


def test_the_snapshot_answers_for_files_first_asked_about_later(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"sops/a.yaml": SOP, "processes/p.yaml": "kind: process\n"})
    store = tmp_path / "snapshot"
    same_answers(repo.path, ["sops/a.yaml"], store)
    assert last_change(same_answers(repo.path, ["sops/a.yaml", "processes/p.yaml"], store), "processes/p.yaml") == date(JAN)


def test_a_shallow_clone_is_refused_without_running_git(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"sops/a.yaml": SOP})
    repo.commit(FEB, {"sops/b.yaml": SOP})
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True, env=repo.env())
    with pytest.raises(NoHistory, match="fetch-depth: 0"):
        recall_history(clone, blobs_of(clone, ["sops/a.yaml"]), store=None)


# Found in review: branching histories, moves into the root, ignored-only changes, split characters.


def fresh_and_cached_agree(root, paths, store):
    cached = recall_history(root, blobs_of(root, paths), store=store)
    fresh = recall_history(root, blobs_of(root, paths), store=None)
    assert (cached.last_changes, cached.uncommitted, cached.reviews) == (fresh.last_changes, fresh.uncommitted, fresh.reviews)
    return fresh


def test_a_merge_after_a_snapshot_keeps_the_newer_change(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit("2026-01-01T09:00:00+00:00", {"sops/s.md": SOP})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("2026-03-01T09:00:00+00:00", {"sops/s.md": SOP + "x-side: 1\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("2026-06-01T09:00:00+00:00", {"sops/s.md": SOP + "x-main: 1\n", "other.txt": "x"})
    store = tmp_path / "snapshot"
    recall_history(repo.path, blobs_of(repo.path, ["sops/s.md"]), store=store)
    repo.write({"sops/s.md": SOP + "x-main: 1\nx-side: 1\n"})
    repo.git("merge", "-q", "-s", "ours", "--no-edit", "side", date="2026-07-02T09:00:00+00:00")
    repo.commit("2026-07-02T10:00:00+00:00", message="settle the merge")
    history = fresh_and_cached_agree(repo.path, ["sops/s.md"], store)
    assert last_change(history, "sops/s.md") == date("2026-07-02T10:00:00+00:00")


def test_an_edit_on_the_main_line_reaches_a_file_a_side_branch_renamed(tmp_path):
    repo = GitRepo(tmp_path / "r")
    body = "kind: sop\nid: a\n" + "".join(f"line {n}: some instruction text\n" for n in range(20))
    repo.commit("2026-01-01T09:00:00+00:00", {"sops/a.md": body})
    repo.git("checkout", "-q", "-b", "side")
    repo.git("mv", "sops/a.md", "sops/b.md")
    repo.commit("2026-02-01T09:00:00+00:00", message="rename")
    repo.git("checkout", "-q", "main")
    repo.commit("2026-07-01T09:00:00+00:00", {"sops/a.md": body + "line 21: more\n"}, "edit")
    repo.git("merge", "-q", "--no-edit", "side", date="2026-07-02T09:00:00+00:00")
    assert (repo.path / "sops/b.md").read_text().endswith("line 21: more\n")
    history = fresh_and_cached_agree(repo.path, ["sops/b.md"], tmp_path / "snapshot")
    assert last_change(history, "sops/b.md") == date("2026-07-01T09:00:00+00:00")


def test_a_file_moved_into_the_sop_root_keeps_its_history_after_a_snapshot(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit("2026-01-01T09:00:00+00:00", {"drafts/x.md": SOP, "ops/sops/y.md": SOP})
    store = tmp_path / "snapshot"
    recall_history(repo.path / "ops", blobs_of(repo.path / "ops", ["sops/y.md"]), store=store)
    repo.git("mv", "drafts/x.md", "ops/sops/x.md")
    repo.commit("2026-02-01T09:00:00+00:00", message="move in")
    history = fresh_and_cached_agree(repo.path / "ops", ["sops/x.md", "sops/y.md"], store)
    assert last_change(history, "sops/x.md") == date("2026-01-01T09:00:00+00:00")
    assert history.uncommitted == set()


def test_a_file_whose_every_change_is_ignored_is_still_committed(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit("2026-01-01T09:00:00+00:00", {"sops/a.md": SOP})
    added = repo.commit("2026-02-01T09:00:00+00:00", {"sops/new.md": SOP}, "mass reformat")
    repo.commit("2026-03-01T09:00:00+00:00", {".git-blame-ignore-revs": added + "\n"})
    history = fresh_and_cached_agree(repo.path, ["sops/new.md"], tmp_path / "snapshot")
    assert history.uncommitted == set()
    assert history.last_changes["sops/new.md"].id == added


def test_a_character_split_between_two_reads_stays_whole(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path / "r")
    repo.commit("2026-01-01T09:00:00+00:00", {"sops/café-é.md": SOP})
    monkeypatch.setattr(git_runner, "_READ_SIZE", 7)
    history = recall_history(repo.path, blobs_of(repo.path, ["sops/café-é.md"]), store=None)
    assert last_change(history, "sops/café-é.md") == date("2026-01-01T09:00:00+00:00")
    assert history.uncommitted == set()


def test_files_checked_out_with_crlf_line_ends_are_committed(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {".gitattributes": "sops/b.yaml text eol=crlf\n", "sops/a.yaml": SOP, "sops/b.yaml": SOP})
    (repo.path / "sops/b.yaml").unlink()
    repo.git("checkout", "--", "sops/b.yaml")
    assert b"\r\n" in (repo.path / "sops/b.yaml").read_bytes()
    repo.git("config", "core.autocrlf", "true")
    (repo.path / "sops/a.yaml").unlink()
    repo.git("checkout", "--", "sops/a.yaml")
    assert b"\r\n" in (repo.path / "sops/a.yaml").read_bytes()
    assert read_history(repo.path, ["sops/a.yaml", "sops/b.yaml"]).uncommitted == set()


# Issue 12, item 4: one commit git accepts must never stop the read. Such commits are
# crafted byte for byte; `git fsck --strict` passes each.

ADA = "Ada Ops <ada@example.com>"
FEB_SECONDS = 1706781600  # FEB as seconds since 1970


def every_way(root, paths, store):
    """History read afresh, into the snapshot at `store`, and back from that snapshot: one answer."""
    blobs = blobs_of(root, paths)
    answers = [recall_history(root, blobs, store=where) for where in (None, store, store)]
    assert SnapshotLoader(root, store=store).current
    views = [(h.last_changes, h.reviews, h.uncommitted, h.unreadable) for h in answers]
    assert views[0] == views[1] == views[2]
    return answers[0]


def test_separator_characters_in_names_trailers_and_file_names_are_plain_text(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"sops/a.yaml": SOP})
    odd = "sops/x\x1ey\x1fz\x1d.yaml"
    message = "odd\n\nSOP-Reviewed: a\x1eb\nSOP-Reviewed: c\x1f\nSOP-Reviewed: a\n"
    crafted = repo.craft(author=f"A\x1eda\x1f Ops <ada@example.com> {FEB_SECONDS} +0000", files={odd: SOP}, message=message)
    repo.git("fsck", "--strict")
    history = every_way(repo.path, ["sops/a.yaml", odd], tmp_path / "snapshot")
    assert history.last_changes[odd] == Commit(crafted, date(FEB), "A\x1eda\x1f Ops")
    assert last_change(history, "sops/a.yaml") == date(JAN)
    assert history.reviews.keys() == {"a\x1eb", "c", "a"}  # trailing control characters are blank space
    assert (history.uncommitted, history.unreadable) == (set(), [])


def test_names_and_trailers_that_are_not_utf8_read_with_replacement_characters(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"sops/a.yaml": SOP})
    repo.craft(author=f"Ad\udcff Ops <ada@example.com> {FEB_SECONDS} +0000", files={"sops/a.yaml": SOP + "tone: Warm\n"},
               message="review\n\nSOP-Reviewed: b\udcfe\n")
    history = every_way(repo.path, ["sops/a.yaml"], tmp_path / "snapshot")
    assert history.last_changes["sops/a.yaml"].author == "Ad\ufffd Ops"
    assert history.reviews.keys() == {"b\ufffd"}


def test_odd_offsets_and_dates_past_9999_never_stop_the_read(tmp_path):
    repo = GitRepo(tmp_path / "r")
    body = "kind: sop\nid: d\n" + "".join(f"line {n}: some instruction text\n" for n in range(20))
    repo.commit(JAN, {"sops/a.yaml": SOP, "sops/b.yaml": SOP, "sops/c.yaml": SOP, "sops/d.yaml": body})
    store = tmp_path / "snapshot"
    every_way(repo.path, ["sops/a.yaml"], store)
    offset = repo.craft(author=f"{ADA} {FEB_SECONDS} +2500", files={"sops/a.yaml": SOP + "tone: Warm\n"})  # git prints +25:00
    # 9999-12-31T23:00Z: a date in range, though where it was made it is already the year 10000
    repo.craft(author=f"{ADA} 253402297200 +0200", files={"sops/b.yaml": SOP + "tone: Warm\n"})
    (repo.path / "sops/d.yaml").rename(repo.path / "sops/e.yaml")
    beyond = repo.craft(author=f"{ADA} 253402300800 +0000", files={"sops/c.yaml": SOP + "tone: Warm\n"}, message="x\n\nSOP-Reviewed: a\n")
    repo.git("fsck", "--strict")
    paths = ["sops/a.yaml", "sops/b.yaml", "sops/c.yaml", "sops/e.yaml"]
    history = every_way(repo.path, paths, store)  # the snapshot of JAN, brought up to date
    assert (history.last_changes["sops/a.yaml"].id, last_change(history, "sops/a.yaml")) == (offset, date(FEB))
    assert last_change(history, "sops/b.yaml") == datetime(9999, 12, 31, 23, tzinfo=UTC)
    # the commit dated in the year 10000 is no change and no review, but its rename is followed
    assert (last_change(history, "sops/c.yaml"), last_change(history, "sops/e.yaml")) == (date(JAN), date(JAN))
    assert "a" not in history.reviews
    assert history.unreadable == [Unreadable(beyond, "its date is after the year 9999")]
    repo.commit(MAR, {"sops/a.yaml": SOP})
    history = every_way(repo.path, paths, store)  # what the snapshot knew is kept
    assert history.unreadable == [Unreadable(beyond, "its date is after the year 9999")]
    assert last_change(history, "sops/a.yaml") == date(MAR)


def test_unreadable_commits_make_one_note():
    first, second = Unreadable("1" * 40, "its date is after the year 9999"), Unreadable("2" * 40, "it has no date")
    assert unreadable_note([]) is None
    assert unreadable_note([first]) == (
        "1 commit in git history cannot be read (1111111111: its date is after the year 9999), "
        "so it counts as neither a change nor a review"
    )
    assert unreadable_note([first, second] * 3) == (
        "6 commits in git history cannot be read (1111111111: its date is after the year 9999; 2222222222: it has no date; "
        "and 4 more), so they count as neither a change nor a review"
    )


@pytest.mark.parametrize("record", [["not", "a", "record"], {"head": "--output=pwned"}, {"changes": {}}])
def test_a_stored_snapshot_of_the_wrong_shape_is_read_as_none(tmp_path, record):
    from sop_lint.plain_store import save_plain

    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"sops/a.yaml": SOP})
    store = tmp_path / "snapshot"
    save_plain(store, SnapshotLoader(repo.path, store=store).header, record)
    assert SnapshotLoader(repo.path, store=store).record is None
    assert last_change(every_way(repo.path, ["sops/a.yaml"], store), "sops/a.yaml") == date(JAN)


def test_paths_stay_relative_to_the_work_tree_whatever_diff_relative_says(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {"ops/sops/a.yaml": SOP})
    repo.git("config", "diff.relative", "true")
    history = read_history(repo.path / "ops", ["sops/a.yaml"])
    assert (last_change(history, "sops/a.yaml"), history.uncommitted) == (date(JAN), set())


@pytest.mark.parametrize(("setting", "value"), [("log.showRoot", "false"), ("i18n.logOutputEncoding", "ISO-8859-1")])
def test_settings_that_change_what_git_log_prints_change_nothing(tmp_path, setting, value):
    repo = GitRepo(tmp_path / "r")
    first = repo.craft(author=f"Zoë Ops <zoe@example.com> {FEB_SECONDS} +0100", files={"sops/a.yaml": SOP}, root=True)
    repo.git("config", setting, value)
    history = every_way(repo.path, ["sops/a.yaml"], tmp_path / "snapshot")
    assert history.last_changes["sops/a.yaml"] == Commit(first, date(FEB), "Zoë Ops")
