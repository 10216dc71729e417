"""`check FILE... [--staged]` without pre-commit: what the hook's command does on its own."""

from tests.conftest import run_cli, usage_error
from tests.gitrepo import GitRepo
from tests.repos import PROCESS, SCHEDULE_SOP, edit, valid_repo

JAN, FEB = "2026-01-05T09:00:00+00:00", "2026-02-05T09:00:00+00:00"
PLACEHOLDER = edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")
NO_TRIGGER = edit(PROCESS, "trigger: A new video is published on the channel", "trigger: ''")


def reported(out: str) -> list[str]:
    return [line.split(" ")[0] + " " + line.split(" ")[1] for line in out.splitlines() if ": " in line and line[0] != " "]


def test_files_narrow_the_report_but_references_see_the_whole_root(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo({"sops/schedule-post.yaml": PLACEHOLDER, "processes/promote-new-video.yaml": NO_TRIGGER}))
    monkeypatch.chdir(repo.path)
    code, out, _ = run_cli("check", "sops/schedule-post.yaml", "sops/draft-post-copy.md", "--ignore", "H")
    assert code == 1
    assert reported(out) == ["sops/schedule-post.yaml:7:7: C002"]  # not the process's P001
    assert out.splitlines()[-1] == "Found 1 finding (1 error) in 2 files."


def test_a_file_outside_the_root_or_of_no_kind_is_not_reported_on(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, {**{f"ops/{path}": text for path, text in valid_repo({"sops/schedule-post.yaml": PLACEHOLDER}).items()}, "notes.yaml": "a: 1\n", "ops/README.md": "# Ops\n"})
    code, out, _ = run_cli("check", repo.path / "ops", repo.path / "notes.yaml", repo.path / "ops/README.md", "--ignore", "H")
    assert (code, out) == (0, "All checks passed (0 files checked).\n")


def test_staged_without_files_reports_the_staged_files_and_what_they_break(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo())
    repo.write({"sops/draft-post-copy.md": "---\nkind: sop\nid: draft-post-copy\n---\n"})  # unstaged: not reported
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    monkeypatch.chdir(repo.path)
    code, out, _ = run_cli("check", "--staged", "--ignore", "H")
    assert code == 1
    assert reported(out) == ["processes/promote-new-video.yaml:11:10: R001"]
    assert "(broken by the staged deletion of sops/schedule-post.yaml)" in out
    assert out.splitlines()[-1] == "Found 1 finding (1 error) in 1 file."  # said "in 0 files" (issue 13, item 9)


def test_staged_in_a_repository_without_commits(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path / "r")
    repo.write(valid_repo({"sops/schedule-post.yaml": PLACEHOLDER}))
    repo.git("add", "-A")
    monkeypatch.chdir(repo.path)
    code, out, _ = run_cli("check", "--staged", "--ignore", "H", "sops/schedule-post.yaml")
    assert code == 1 and reported(out) == ["sops/schedule-post.yaml:7:7: C002"]


def test_nothing_staged_nothing_reported(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo({"sops/schedule-post.yaml": PLACEHOLDER}))
    monkeypatch.chdir(repo.path)
    assert run_cli("check", "--staged", "--ignore", "H") == (0, "All checks passed (0 files checked).\n", "")


def test_two_root_folders_are_a_usage_error(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    code, _, err = run_cli("check", tmp_path / "a", tmp_path / "b")
    assert code == 2
    assert usage_error(err) == f"one SOP root folder at a time, not 2 ({tmp_path / 'a'}, {tmp_path / 'b'})"


def test_an_id_changed_in_place_breaks_the_steps_that_used_it(tmp_path, monkeypatch):
    """An edit that keeps every file's summary cannot break another file, so HEAD is not
    checked; one that changes an id can, and is."""
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo())
    monkeypatch.chdir(repo.path)
    repo.write({"sops/schedule-post.yaml": SCHEDULE_SOP.replace("Schedule the post for 12:30.", "Schedule it for 13:00.")})
    repo.git("add", "-A")
    assert run_cli("check", "--staged", "--ignore", "H")[0] == 0
    repo.write({"sops/schedule-post.yaml": SCHEDULE_SOP.replace("id: schedule-post", "id: post-scheduling")})
    repo.git("add", "-A")
    code, out, _ = run_cli("check", "--staged", "--ignore", "H")
    assert code == 1
    assert "processes/promote-new-video.yaml:11:10: R001" in reported(out)
    assert "(broken by the staged changes)" in out


def test_a_commit_of_other_files_does_not_check_the_repository(tmp_path, monkeypatch):
    """The hook runs on every commit (always_run); one that stages no process or SOP and
    removes none has nothing to report, and must not pay for checking the whole root."""
    from sop_lint.commands import staged

    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo())
    repo.write({"src/app.py": "print('hi')\n"})
    repo.git("add", "-A")
    monkeypatch.chdir(repo.path)

    def unwanted(*_args, **_kwargs):
        raise AssertionError("the index was linted for a commit of other files")

    monkeypatch.setattr(staged, "lint", unwanted)
    assert run_cli("check", "--staged", "--ignore", "H", "src/app.py") == (0, "All checks passed (0 files checked).\n", "")


def test_a_step_naming_an_sop_left_unstaged_says_to_stage_it(tmp_path, monkeypatch):
    """The process is staged, its new SOP is written but not `git add`ed: not "create the
    SOP" (issue 13, item 4)."""
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo({"sops/schedule-post.yaml": None, "processes/promote-new-video.yaml": None}))
    repo.write({"processes/promote-new-video.yaml": PROCESS, "sops/schedule-post.yaml": SCHEDULE_SOP})
    repo.git("add", "processes/promote-new-video.yaml")
    monkeypatch.chdir(repo.path)
    code, out, _ = run_cli("check", "--staged", "--ignore", "H", "processes/promote-new-video.yaml")
    assert code == 1
    assert out.splitlines()[0] == (
        "processes/promote-new-video.yaml:11:10: R001 step 2 'Schedule post' uses SOP `schedule-post`, which does not exist: "
        "`sops/schedule-post.yaml` exists but is not staged: `git add sops/schedule-post.yaml`"
    )


def test_an_oversize_staged_sop_is_a_finding_and_the_files_after_it_are_read(tmp_path, monkeypatch):
    """Issue 12, item 5: the oversize blob is skipped exactly, so `cat-file` stays in step."""
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo())
    repo.write({"sops/huge.yaml": "kind: sop\nid: huge\n# " + "x" * 1_500_000 + "\n", "sops/schedule-post.yaml": PLACEHOLDER})
    repo.git("add", "-A")
    monkeypatch.chdir(repo.path)
    code, out, err = run_cli("check", "--staged", "--ignore", "H", "--no-cache")
    assert (code, err) == (1, "")
    assert reported(out) == ["sops/huge.yaml:1:1: Y005", "sops/schedule-post.yaml:7:7: C002"]


def test_staged_in_a_sha256_repository(tmp_path, monkeypatch):
    """Issue 12, item 8: the index and HEAD of a SHA-256 repository are read, and a
    finding's position read again from its blob, as in any other."""
    repo = GitRepo(tmp_path / "r", object_format="sha256")
    repo.commit(JAN, valid_repo())
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    repo.write({"sops/draft-post-copy.md": "---\nkind: sop\nid: draft-post-copy\n---\n"})
    repo.git("add", "-A")
    monkeypatch.chdir(repo.path)
    for _ in ("cold", "warm"):  # warm: the process's blob is not read until its positions are asked for
        code, out, err = run_cli("check", "--staged", "--ignore", "H", "--select", "R,Y")
        assert (code, err) == (1, "")
        assert reported(out) == ["processes/promote-new-video.yaml:11:10: R001"]


def test_staged_in_a_sha256_repository_without_commits(tmp_path, monkeypatch):
    """Issue 12, item 8: before the first commit the index is compared with the empty tree
    of the repository's own object format."""
    repo = GitRepo(tmp_path / "r", object_format="sha256")
    repo.write(valid_repo({"sops/schedule-post.yaml": PLACEHOLDER}))
    repo.git("add", "-A")
    monkeypatch.chdir(repo.path)
    code, out, err = run_cli("check", "--staged", "--ignore", "H")
    assert (code, err) == (1, "") and reported(out) == ["sops/schedule-post.yaml:7:7: C002"]


def test_an_intent_to_add_entry_is_not_staged(tmp_path, monkeypatch):
    """Issue 12, item 11: `git add -N` records an empty blob with the intent-to-add flag; the
    commit will not hold the file, so neither does the staged check (no Y003/Y004 for an
    "empty file"), and the real R001 of the staged deletion is what is reported."""
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo())
    repo.write({"sops/new.yaml": SCHEDULE_SOP.replace("id: schedule-post", "id: new"), "sops/notes.md": "# notes\n"})
    repo.git("add", "-N", "sops/new.yaml", "sops/notes.md")
    monkeypatch.chdir(repo.path)
    assert run_cli("check", "--staged", "--ignore", "H") == (0, "All checks passed (0 files checked).\n", "")
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    code, out, err = run_cli("check", "--staged", "--ignore", "H")
    assert (code, err) == (1, "")
    assert reported(out) == ["processes/promote-new-video.yaml:11:10: R001"]
    code, out, _ = run_cli("check", "--staged", "--ignore", "H", "sops/new.yaml", "sops/notes.md")  # named, still not staged
    assert (code, reported(out)) == (0, [])
    repo.git("checkout", "HEAD", "--", "sops/schedule-post.yaml")
    repo.git("rm", "-q", "--cached", "sops/schedule-post.yaml")
    repo.git("add", "-N", "sops/schedule-post.yaml")  # the commit deletes it: an intent to add is no content
    code, out, _ = run_cli("check", "--staged", "--ignore", "H")
    assert (code, reported(out)) == (1, ["processes/promote-new-video.yaml:11:10: R001"])


def test_an_empty_file_really_staged_is_still_checked(tmp_path, monkeypatch):
    """The other side of item 11: an empty file that is staged, or committed and unchanged,
    is in the commit, and is checked as the empty file it is."""
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo({"sops/committed-empty.yaml": ""}))
    repo.write({"sops/staged-empty.yaml": ""})
    repo.git("add", "sops/staged-empty.yaml")
    monkeypatch.chdir(repo.path)
    code, out, _ = run_cli("check", "--staged", "--ignore", "H", "--select", "Y", "sops/committed-empty.yaml", "sops/staged-empty.yaml")
    assert code == 1
    assert reported(out) == ["sops/committed-empty.yaml:1:1: Y004", "sops/staged-empty.yaml:1:1: Y004"]


def test_an_sop_in_a_submodule_is_read_from_the_submodule(tmp_path, monkeypatch):
    """Issue 12, item 10: the index records a submodule as one gitlink; the SOPs it holds
    are read from the submodule's repository at that commit, as the work tree shows them,
    so a step using one is no false R001, and what the staged bump removes is a real one."""
    shared = GitRepo(tmp_path / "shared")
    shared.commit(JAN, {"schedule-post.yaml": SCHEDULE_SOP})
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo({"sops/schedule-post.yaml": None}))
    repo.add_submodule(shared, "sops/shared")
    monkeypatch.chdir(repo.path)
    code, out, _ = run_cli("check", "--staged", "--ignore", "H")
    assert (code, out) == (0, "All checks passed (1 file checked).\n")  # the submodule's SOP is staged with it
    repo.commit(FEB)
    repo.write({"processes/promote-new-video.yaml": PROCESS.replace("title: Promote", "title: Now promote")})
    repo.git("add", "-A")
    assert run_cli("check", "--staged", "--ignore", "H") == (0, "All checks passed (1 file checked).\n", "")
    assert run_cli("check", "--ignore", "H")[0] == 0  # the work tree agrees
    shared.git("rm", "-q", "schedule-post.yaml")
    shared.commit(FEB)
    (repo.path / "processes/promote-new-video.yaml").write_text(PROCESS)
    repo.git("-C", "sops/shared", "pull", "-q", "origin", "main")
    repo.git("add", "-A")
    code, out, _ = run_cli("check", "--staged", "--ignore", "H")
    assert code == 1 and reported(out) == ["processes/promote-new-video.yaml:11:10: R001"]
    assert "(broken by the staged deletion of sops/shared/schedule-post.yaml)" in out


def test_a_submodule_not_checked_out_holds_no_files_and_the_run_says_so(tmp_path, monkeypatch):
    """Issue 12, item 10: without `git submodule update --init` the work tree has no SOPs
    there, and neither has the index: the R001 is the work tree's too, and a note says why."""
    shared = GitRepo(tmp_path / "shared")
    shared.commit(JAN, {"schedule-post.yaml": SCHEDULE_SOP})
    origin = GitRepo(tmp_path / "origin")
    origin.write(valid_repo({"sops/schedule-post.yaml": None}))
    origin.add_submodule(shared, "sops/shared")
    origin.add_submodule(shared, "vendor/library")  # where no process or SOP can be: never read, never named
    origin.commit(JAN)
    clone = GitRepo(tmp_path / "clone")
    clone.git("pull", "-q", str(origin.path), "main")
    clone.write({"processes/promote-new-video.yaml": PROCESS.replace("title: Promote", "title: Now promote")})
    clone.git("add", "-A")
    monkeypatch.chdir(clone.path)
    code, out, err = run_cli("check", "--staged", "--ignore", "H")
    assert code == 1 and reported(out) == ["processes/promote-new-video.yaml:11:10: R001"]
    assert err == (
        "sop-lint: note: sops/shared is a submodule that is not checked out, so the files in it are not checked: "
        "run `git submodule update --init`\n"
    )
    assert run_cli("check", "--ignore", "H")[1].startswith("processes/promote-new-video.yaml:11:10: R001")  # as the work tree


def test_an_empty_file_in_a_submodule_is_not_taken_for_an_intent_to_add(tmp_path, monkeypatch):
    """Items 10 and 11 together: only the index's own entries can be `git add -N` ones."""
    shared = GitRepo(tmp_path / "shared")
    shared.commit(JAN, {"schedule-post.yaml": SCHEDULE_SOP, "empty.yaml": ""})
    repo = GitRepo(tmp_path / "r")
    repo.write(valid_repo({"sops/schedule-post.yaml": None}))
    repo.add_submodule(shared, "sops/shared")
    repo.git("add", "-A")
    monkeypatch.chdir(repo.path)
    code, out, _ = run_cli("check", "--staged", "--ignore", "H", "--select", "Y,R")
    assert (code, reported(out)) == (1, ["sops/shared/empty.yaml:1:1: Y004"])
