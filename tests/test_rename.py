"""`sop-lint rename OLD NEW`: the id, the file name and every reference, byte for byte,
all files or none, on real git repositories (issue 15, item 2)."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NEEDS_UNSHARE, run_cli, sop_lint_under_bind_mount
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo
from tests.test_read_only import state_of

JAN = "2026-01-05T09:00:00+00:00"

# Two more processes that use schedule-post: quoted both ways, with comments, in flow style.
LAUNCH = """\
# The launch checklist.
kind: process
id: launch-campaign
title: Launch a campaign
owner: "@social-team"
trigger: A campaign is approved
outcome: The campaign is live
steps:
  - name: Promote the video
    process: promote-new-video   # the whole promotion
  - name: Schedule the teaser
    sop: "schedule-post"    # double-quoted
  - {name: Schedule the follow-up, sop: 'schedule-post'}
"""
WEEKLY = """\
kind: process
id: weekly-post
title: Post every week
owner: "@social-team"
trigger: Monday morning
outcome: The week's post is scheduled
steps:
  - name: Draft
    sop: draft-post-copy
  - name: Schedule
    sop:   schedule-post
"""


def encoded(text: str, newline: str, bom: bool) -> bytes:
    return (codecs.BOM_UTF8 if bom else b"") + text.replace("\n", newline).encode()


def committed(tmp_path: Path, files: dict[str, str], newline: str = "\n", bom: bool = False) -> GitRepo:
    repo = GitRepo(tmp_path / "ops")
    for path, text in files.items():
        (repo.path / path).parent.mkdir(parents=True, exist_ok=True)
        (repo.path / path).write_bytes(encoded(text, newline, bom))
    repo.commit(JAN, None, "Write the processes and SOPs")
    return repo


def all_files() -> dict[str, str]:
    return valid_repo({"processes/launch-campaign.yaml": LAUNCH, "processes/weekly-post.yaml": WEEKLY})


def status(repo: GitRepo) -> list[str]:
    return sorted(repo.git("status", "--porcelain").splitlines())


@pytest.mark.parametrize(("newline", "bom"), [("\n", False), ("\r\n", False), ("\r\n", True)], ids=["lf", "crlf", "crlf-bom"])
def test_an_sop_used_by_several_processes_is_renamed_byte_for_byte(tmp_path, newline, bom):
    repo = committed(tmp_path, all_files(), newline, bom)
    code, out, err = run_cli("rename", "schedule-post", "post-scheduling", repo.path)
    assert code == 0, err
    files = repo.path / "processes"
    assert (files / "launch-campaign.yaml").read_bytes() == encoded(
        LAUNCH.replace('sop: "schedule-post"', 'sop: "post-scheduling"').replace("sop: 'schedule-post'", "sop: 'post-scheduling'"),
        newline, bom,
    )
    assert (files / "weekly-post.yaml").read_bytes() == encoded(edit(WEEKLY, "sop:   schedule-post", "sop:   post-scheduling"), newline, bom)
    assert (files / "promote-new-video.yaml").read_bytes() == encoded(edit(PROCESS, "sop: schedule-post", "sop: post-scheduling"), newline, bom)
    assert not (repo.path / "sops" / "schedule-post.yaml").exists()
    assert (repo.path / "sops" / "post-scheduling.yaml").read_bytes() == encoded(
        edit(SCHEDULE_SOP, "id: schedule-post", "id: post-scheduling"), newline, bom
    )
    assert (repo.path / "sops" / "draft-post-copy.md").read_bytes() == encoded(DRAFT_SOP, newline, bom)
    # As `git mv` leaves it: the move staged, the edits (the moved file's too) not.
    assert status(repo) == [
        " M processes/launch-campaign.yaml", " M processes/promote-new-video.yaml", " M processes/weekly-post.yaml",
        "RM sops/schedule-post.yaml -> sops/post-scheduling.yaml",
    ]
    repo.git("add", "-A")
    assert "R  sops/schedule-post.yaml -> sops/post-scheduling.yaml" in status(repo)
    root = str(repo.path)
    assert out == (
        f"{root}/sops/schedule-post.yaml -> {root}/sops/post-scheduling.yaml (moved in the index, as git mv does)\n"
        f"{root}/processes/launch-campaign.yaml: 2 references\n"
        f"{root}/processes/promote-new-video.yaml: 1 reference\n"
        f"{root}/processes/weekly-post.yaml: 1 reference\n"
        "\nRenamed SOP `schedule-post` to `post-scheduling`: 1 file moved, 3 files edited, 4 references changed.\n"
        "\nRecord the rename with:\n"
        f"  git add -- {root}/processes/launch-campaign.yaml {root}/processes/promote-new-video.yaml "
        f"{root}/processes/weekly-post.yaml {root}/sops/post-scheduling.yaml "
        "&& git commit -m 'Rename SOP schedule-post to post-scheduling' --trailer 'SOP-Renamed: schedule-post -> post-scheduling'\n"
    )
    assert run_cli("check", repo.path, "--ignore", "H")[0] == 0


def test_the_printed_command_records_the_rename_which_reviews_nothing(tmp_path):
    """A rename made later is no review of the SOP, whose `id:` it edits, nor a change of
    the processes whose steps it edits (a new user saw an SOP 462 days overdue turn fresh)."""
    repo = committed(tmp_path, all_files())
    out = run_cli("rename", "draft-post-copy", "write-post-copy", repo.path)[1]
    command = out.split("Record the rename with:\n  ")[1]
    later = "2026-11-01T09:00:00+00:00"
    subprocess.run(command, shell=True, cwd=repo.path, env=repo.env(later), check=True, capture_output=True)
    assert status(repo) == []
    shown = repo.git("show", "--stat", "--format=%s%n%(trailers)", "-M", "HEAD")
    assert shown.startswith("Rename SOP draft-post-copy to write-post-copy\nSOP-Renamed: draft-post-copy -> write-post-copy\n")
    assert "sops/{draft-post-copy.md => write-post-copy.md}" in shown
    report = json.loads(run_cli("stale", repo.path, "--now", "2026-11-24", "--format", "json")[1])
    renamed = next(entry for entry in report["sops"] if entry["id"] == "write-post-copy")
    assert (renamed["status"], renamed["reviewed_at"][:10]) == ("stale", JAN[:10])
    assert run_cli("check", repo.path, "--select", "H003", "--now", "2026-11-24") == (0, "All checks passed (5 files checked).\n", "")
    # The same edits committed without the trailer are a change, as any edit is.
    repo.git("commit", "--amend", "-q", "-m", "Rename", date=later)
    report = json.loads(run_cli("stale", repo.path, "--now", "2026-11-24", "--format", "json")[1])
    assert next(entry for entry in report["sops"] if entry["id"] == "write-post-copy")["status"] == "fresh"
    assert " H003 SOP 'schedule-post' has not changed since process 'promote-new-video' changed" in run_cli(
        "check", repo.path, "--select", "H003", "--now", "2026-11-24"
    )[1]


def test_what_was_staged_moves_with_the_file_as_git_mv_moves_it(tmp_path):
    repo = committed(tmp_path, all_files())
    staged = edit(SCHEDULE_SOP, "Schedule the post for 12:30.", "Schedule the post for 13:00.")
    (repo.path / "sops" / "schedule-post.yaml").write_text(staged)
    repo.git("add", "sops/schedule-post.yaml")
    assert run_cli("rename", "schedule-post", "post-scheduling", repo.path)[0] == 0
    assert repo.git("show", ":sops/post-scheduling.yaml") == staged
    assert (repo.path / "sops" / "post-scheduling.yaml").read_text() == edit(staged, "id: schedule-post", "id: post-scheduling")


def test_a_file_not_named_after_its_id_is_edited_in_place(tmp_path):
    files = all_files()
    files["sops/scheduling.yaml"] = files.pop("sops/schedule-post.yaml")
    repo = committed(tmp_path, files)
    code, out, err = run_cli("rename", "schedule-post", "post-scheduling", repo.path)
    assert code == 0, err
    assert (repo.path / "sops" / "scheduling.yaml").read_text() == edit(SCHEDULE_SOP, "id: schedule-post", "id: post-scheduling")
    assert " M sops/scheduling.yaml" in status(repo)
    assert f"{repo.path}/sops/scheduling.yaml: id\n" in out
    assert "1 file moved" not in out


def test_a_process_is_renamed_with_its_process_references(tmp_path):
    repo = committed(tmp_path, all_files())
    code, out, err = run_cli("rename", "promote-new-video", "promote-video", repo.path)
    assert code == 0, err
    assert (repo.path / "processes" / "promote-video.yaml").read_text() == edit(PROCESS, "id: promote-new-video", "id: promote-video")
    assert (repo.path / "processes" / "launch-campaign.yaml").read_text() == edit(
        LAUNCH, "process: promote-new-video   #", "process: promote-video   #"
    )
    assert "RM processes/promote-new-video.yaml -> processes/promote-video.yaml" in status(repo)
    assert "Renamed process `promote-new-video` to `promote-video`: 1 file moved, 1 file edited, 1 reference changed." in out


def test_outside_git_the_file_is_renamed_and_no_git_command_is_printed(repo):
    root = repo(all_files())
    code, out, err = run_cli("rename", "schedule-post", "post-scheduling", root)
    assert code == 0, err
    assert sorted(path.name for path in (root / "sops").iterdir()) == ["draft-post-copy.md", "post-scheduling.yaml"]
    assert f"{root}/sops/schedule-post.yaml -> {root}/sops/post-scheduling.yaml\n" in out
    assert "Record the rename" not in out and "git add" not in out


def test_the_dry_run_diff_is_what_the_rename_does_and_git_apply_takes_it(tmp_path):
    shown = committed(tmp_path / "shown", all_files(), "\r\n")
    done = committed(tmp_path / "done", all_files(), "\r\n")
    before = state_of(shown.path)
    # A subprocess: click's test runner would show CR LF as LF.
    result = subprocess.run([sys.executable, "-m", "sop_lint", "rename", "schedule-post", "post-scheduling", shown.path, "--dry-run"],
                            capture_output=True)
    code, diff, err = result.returncode, result.stdout.decode(), result.stderr.decode()
    assert code == 0, err
    assert err == "sop-lint: Would rename SOP `schedule-post` to `post-scheduling`: 1 file moved, 3 files edited, 4 references changed; nothing was written.\n"
    assert state_of(shown.path) == before
    assert "diff --git a/sops/schedule-post.yaml b/sops/post-scheduling.yaml\nrename from sops/schedule-post.yaml\n" in diff
    assert "-id: schedule-post\r\n+id: post-scheduling\r\n" in diff
    subprocess.run(["git", "apply", "-"], input=diff.encode(), cwd=shown.path, check=True, env=shown.env())
    assert run_cli("rename", "schedule-post", "post-scheduling", done.path)[0] == 0
    worked = {path: digest for path, digest in state_of(done.path).items() if not path.startswith(".git")}
    assert {path: digest for path, digest in state_of(shown.path).items() if not path.startswith(".git")} == worked


def test_the_dry_run_diff_of_a_linked_process_patches_the_file_it_points_to(tmp_path):
    """git keeps a symbolic link as a link and will not patch through it."""
    repo = GitRepo(tmp_path / "ops")
    repo.write({**all_files(), "shared/weekly-post.yaml": WEEKLY})
    (repo.path / "processes/weekly-post.yaml").unlink()
    (repo.path / "processes/weekly-post.yaml").symlink_to(Path("../shared/weekly-post.yaml"))
    repo.commit(JAN, None, "start")
    result = subprocess.run([sys.executable, "-m", "sop_lint", "rename", "schedule-post", "post-scheduling", "--dry-run"],
                            cwd=repo.path, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert b"--- a/shared/weekly-post.yaml\n+++ b/shared/weekly-post.yaml\n" in result.stdout
    subprocess.run(["git", "apply", "-"], input=result.stdout, cwd=repo.path, check=True)
    assert (repo.path / "shared/weekly-post.yaml").read_text() == edit(WEEKLY, "schedule-post", "post-scheduling")
    assert (repo.path / "processes/weekly-post.yaml").is_symlink()


def broken(files: dict[str, str]) -> dict[str, str]:
    return {**files, "processes/broken.yaml": "kind: process\nid: broken\nsteps:\n  - sop: schedule-post\n  - [unclosed\n"}


REFUSALS = [
    (["schedule-post", "draft-post-copy"], all_files(),
     "`draft-post-copy` is already the id of the SOP in sops/draft-post-copy.md: choose another id; nothing was changed"),
    (["schedule-post", "weekly-post"], all_files(),
     "`weekly-post` is already the id of the process in processes/weekly-post.yaml: choose another id; nothing was changed"),
    (["schedule-post", "schedule-post"], all_files(), "`schedule-post` is already the SOP's id: nothing was changed"),
    (["schedule-post", "Schedule Post"], all_files(),
     ("`Schedule Post` is not a valid id: use lowercase letters and digits, words joined by `-` or `_` (like `schedule-post`); "
     "nothing was changed")),
    (["schedule-pots", "post-scheduling"], all_files(),
     "no process or SOP has the id `schedule-pots` (did you mean `schedule-post`?): nothing was changed"),
    (["schedule-post", "post-scheduling"], {**all_files(), "sops/post-scheduling.yaml": edit(SCHEDULE_SOP, "id: schedule-post", "id: other")},
     "sops/post-scheduling.yaml already exists, so sops/schedule-post.yaml cannot take that name: nothing was changed"),
    (["schedule-post", "post-scheduling"], {**all_files(), "processes/weekly-post.yaml": edit(WEEKLY, "sop:   schedule-post", 'sop: "schedule\\x2dpost"')},
     ("processes/weekly-post.yaml:11: `schedule-post` is written in a way sop-lint does not edit (escapes, an alias or several lines): "
     "write it plainly, then rename; nothing was changed")),
    (["schedule-post", "post-scheduling"], broken(all_files()),
     ("processes/broken.yaml does not parse, and it may refer to an SOP `schedule-post`: fix it first (`sop-lint check` says how), "
     "then rename; nothing was changed")),
    (["launch-campaign", "launch"], {**all_files(), "sops/launch-campaign.md": edit(DRAFT_SOP, "id: draft-post-copy", "id: launch-campaign")},
     "`launch-campaign` is the id of a process and of an SOP: say which to rename with --kind process or --kind sop; nothing was changed"),
    (["schedule-post", "post-scheduling"], {**all_files(), "sops/copy.yaml": SCHEDULE_SOP},
     "`schedule-post` is the id of 2 SOPs (sops/copy.yaml, sops/schedule-post.yaml): give each its own id first; nothing was changed"),
]


@pytest.mark.parametrize(("args", "files", "message"), REFUSALS, ids=lambda value: "" if not isinstance(value, str) else value[:40])
def test_a_refusal_is_one_line_and_leaves_the_tree_byte_identical(tmp_path, args, files, message):
    repo = committed(tmp_path, files)
    before = state_of(repo.path)
    code, out, err = run_cli("rename", *args, repo.path)
    assert (code, out, err) == (2, "", f"sop-lint: error: {message}\n")
    assert state_of(repo.path) == before


def test_kind_says_which_of_a_process_and_an_sop_to_rename(tmp_path):
    repo = committed(tmp_path, {**all_files(), "sops/launch-campaign.md": edit(DRAFT_SOP, "id: draft-post-copy", "id: launch-campaign")})
    code, _, err = run_cli("rename", "launch-campaign", "launch", repo.path, "--kind", "sop")
    assert code == 0, err
    assert (repo.path / "sops" / "launch.md").is_file() and (repo.path / "processes" / "launch-campaign.yaml").is_file()


def test_a_broken_process_that_does_not_name_the_id_does_not_stop_the_rename(tmp_path):
    repo = committed(tmp_path, broken(all_files()))
    assert run_cli("rename", "draft-post-copy", "write-post-copy", repo.path)[0] == 0


def test_a_process_outside_the_sparse_checkout_is_refused_with_the_command_that_brings_it_in(tmp_path):
    files = all_files()
    files["extra/weekly-post.yaml"] = files.pop("processes/weekly-post.yaml")
    repo = committed(tmp_path, {**files, "sop-lint.yaml": "processes: ['processes/**/*.yaml', 'extra/**/*.yaml']\n"})
    repo.git("sparse-checkout", "set", "--no-cone", "/*", "!/extra/")
    assert not (repo.path / "extra").exists()
    before = state_of(repo.path)
    code, _, err = run_cli("rename", "schedule-post", "post-scheduling", repo.path)
    assert (code, err) == (
        2,
        ("sop-lint: error: extra/weekly-post.yaml is outside the sparse checkout, so it cannot be edited: "
        "add its folder with `git sparse-checkout add extra` and run again; nothing was changed\n"),
    )
    assert state_of(repo.path) == before


@NEEDS_UNSHARE
def test_a_file_that_cannot_be_written_leaves_every_file_as_it_was(tmp_path):
    """The last of the files to write is on a read-only bind mount, in a mount namespace
    of its own (chmod would not stop root): nothing is written, no temporary file is left."""
    repo = committed(tmp_path, all_files())
    target = repo.path / "processes" / "weekly-post.yaml"
    before = state_of(repo.path)
    result = sop_lint_under_bind_mount(target, "rename", "schedule-post", "post-scheduling", repo.path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "sop-lint: error: cannot write processes/weekly-post.yaml: Read-only file system; nothing was changed\n"
    assert state_of(repo.path) == before
    assert not list(repo.path.rglob(".sop-lint-*"))


@NEEDS_UNSHARE
def test_a_file_that_cannot_be_replaced_gives_the_files_already_replaced_their_old_content_back(tmp_path):
    """A file that is a mount point of its own opens for writing but cannot be replaced:
    the files replaced before it are written back, the moved file's new name removed."""
    repo = committed(tmp_path, all_files())
    target = repo.path / "processes" / "weekly-post.yaml"
    before = state_of(repo.path)
    result = sop_lint_under_bind_mount(target, "rename", "schedule-post", "post-scheduling", repo.path, read_only=False)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "sop-lint: error: cannot write processes/weekly-post.yaml: Device or resource busy; nothing was changed\n"
    assert state_of(repo.path) == before
    assert not list(repo.path.rglob(".sop-lint-*"))


def test_a_file_saved_while_the_rename_is_planned_is_not_overwritten(tmp_path, monkeypatch):
    """The rename's edits were made on the text read before an editor saved the file:
    written, they would throw the user's edit away. Nothing is written."""
    import sop_lint.commands.rename

    repo = committed(tmp_path, all_files())
    saved = edit(WEEKLY, "title:", "title: Now")
    real = sop_lint.commands.rename.plan_rename

    def plan_then_save(*args, **kwargs):
        plan = real(*args, **kwargs)
        (repo.path / "processes/weekly-post.yaml").write_text(saved)
        return plan

    monkeypatch.setattr(sop_lint.commands.rename, "plan_rename", plan_then_save)
    before = state_of(repo.path)
    code, out, err = run_cli("rename", "schedule-post", "post-scheduling", repo.path)
    assert (code, out) == (2, "")
    assert err == ("sop-lint: error: cannot write processes/weekly-post.yaml: it changed while sop-lint was editing it "
                   "(run the command again); nothing was changed\n")
    assert (repo.path / "processes/weekly-post.yaml").read_text() == saved
    others = "processes/weekly-post.yaml"
    assert {k: v for k, v in state_of(repo.path).items() if k != others} == {k: v for k, v in before.items() if k != others}


def test_a_busy_index_stops_the_rename_before_any_file_changes(tmp_path):
    repo = committed(tmp_path, all_files())
    (repo.path / ".git" / "index.lock").write_bytes(b"")
    before = state_of(repo.path)
    code, _, err = run_cli("rename", "schedule-post", "post-scheduling", repo.path)
    assert (code, err) == (
        2,
        (f"sop-lint: error: another git command is using this repository ({repo.path}/.git/index.lock exists): "
        "run again when it is done (if none is running, delete that file); nothing was changed\n"),
    )
    assert state_of(repo.path) == before


def test_a_markdown_sop_with_a_byte_order_mark_and_cr_lf_changes_in_its_front_matter_only(tmp_path):
    repo = committed(tmp_path, all_files(), "\r\n", bom=True)
    assert run_cli("rename", "draft-post-copy", "write-post-copy", repo.path)[0] == 0
    assert (repo.path / "sops" / "write-post-copy.md").read_bytes() == encoded(
        edit(DRAFT_SOP, "id: draft-post-copy", "id: write-post-copy"), "\r\n", bom=True
    )
    assert (repo.path / "processes" / "weekly-post.yaml").read_bytes() == encoded(
        edit(WEEKLY, "sop: draft-post-copy", "sop: write-post-copy"), "\r\n", bom=True
    )


def test_an_sop_root_below_the_work_tree_root_is_moved_in_the_index_with_its_folder(tmp_path):
    repo = GitRepo(tmp_path / "company")
    repo.commit(JAN, {f"ops/{path}": text for path, text in all_files().items()}, "Write the ops folder")
    diff = run_cli("rename", "schedule-post", "post-scheduling", repo.path / "ops", "--dry-run")[1]
    assert "rename from ops/sops/schedule-post.yaml\nrename to ops/sops/post-scheduling.yaml\n" in diff
    assert run_cli("rename", "schedule-post", "post-scheduling", repo.path / "ops")[0] == 0
    assert "RM ops/sops/schedule-post.yaml -> ops/sops/post-scheduling.yaml" in status(repo)


def test_a_file_to_move_that_is_a_symbolic_link_is_left_to_the_user(tmp_path):
    files = all_files()
    files["library/schedule-post.yaml"] = files.pop("sops/schedule-post.yaml")
    repo = committed(tmp_path, files)
    (repo.path / "sops" / "schedule-post.yaml").symlink_to("../library/schedule-post.yaml")
    repo.commit(JAN, None, "Link the SOP")
    before = state_of(repo.path)
    code, _, err = run_cli("rename", "schedule-post", "post-scheduling", repo.path)
    assert (code, err) == (2, "sop-lint: error: sops/schedule-post.yaml is a symbolic link: rename it and change its id by hand; nothing was changed\n")
    assert state_of(repo.path) == before


# Spellings of a reference: the plain ones are edited by their text (no parse for
# positions), the others by positions; both ways give the same bytes, and each spelling
# has its expected way.
SPELLINGS = {
    "plain": ("  - name: Post\n    sop: schedule-post\n", True),
    "plain, sop first": ("  - sop: schedule-post\n    name: Post\n", True),
    "with a comment": ("  - name: Post\n    sop: schedule-post   # the Buffer one\n", True),
    "CR LF": ("  - name: Post\r\n    sop: schedule-post\r\n", True),
    "quoted": ('  - name: Post\n    sop: "schedule-post"\n', False),
    "flow": ("  - {name: Post, sop: schedule-post}\n", False),
    "a comment naming it too": ("  # sop: schedule-post was the old one\n  - name: Post\n    sop: schedule-post\n", True),
    "glued comment": ("  - name: Post\n    sop: schedule-post#x\n", False),
}


@pytest.mark.parametrize("name", sorted(SPELLINGS))
def test_a_plain_reference_is_edited_by_its_text_as_by_its_position(tmp_path, name):
    from sop_lint.commands import rename
    from sop_lint.config.loading import load_config
    from sop_lint.engine.mentions import load_naming
    from sop_lint.engine.sources import WorkTree
    from sop_lint.kinds import Kind

    steps, plain = SPELLINGS[name]
    newline = "\r\n" if "\r\n" in steps else "\n"
    process = PROCESS.split("steps:")[0].replace("\n", newline) + "steps:" + newline + steps
    root = tmp_path / "ops"
    (root / "processes").mkdir(parents=True)
    (root / "processes/p.yaml").write_bytes(process.encode())
    config = load_config(root)
    args = (WorkTree(root), config, "processes/p.yaml", Kind.PROCESS, [("steps", 0, "sop")], "schedule-post", "post-it")
    careful = rename._edited_carefully(*args)
    assert careful[1] != careful[0]
    assert rename._edited_plainly(*args) == (careful if plain else None)
    assert rename._edited(*args) == careful
    naming = load_naming(WorkTree(root), config, ("schedule-post", "post-it"))  # the bytes and parse the model was made of
    assert set(naming.parsed) == {"processes/p.yaml"}
    assert rename._edited_plainly(*args, naming) == (careful if plain else None)
    assert rename._edited(*args, naming) == careful


def test_a_markdown_sop_is_edited_by_its_text_in_its_front_matter_only(tmp_path):
    """Its instructions are not data: the guard could not see an edit there."""
    from sop_lint.commands import rename
    from sop_lint.config.loading import load_config
    from sop_lint.engine.sources import WorkTree
    from sop_lint.kinds import Kind

    root = tmp_path / "ops"
    (root / "sops").mkdir(parents=True)
    (root / "sops/draft-post-copy.md").write_text(DRAFT_SOP + "\nid: draft-post-copy\n")
    args = (WorkTree(root), load_config(root), "sops/draft-post-copy.md", Kind.SOP, [("id",)], "draft-post-copy", "write-copy")
    before, after = rename._edited_plainly(*args) or (b"", b"")
    assert (before, after) == rename._edited_carefully(*args)
    assert after.decode().count("id: write-copy") == 1 and after.decode().endswith("\nid: draft-post-copy\n")


def test_a_process_in_a_linked_folder_is_edited_through_the_link(tmp_path):
    """The folder is a symbolic link to another inside the repository: the file it leads
    to is written, and the folder stays a link (each folder is resolved once)."""
    files = all_files()
    shared = WEEKLY.replace("id: weekly-post", "id: weekly-shared")
    files["shared/weekly/weekly-shared.yaml"] = shared
    repo = committed(tmp_path, files)
    (repo.path / "processes" / "weekly").symlink_to(Path("../shared/weekly"), target_is_directory=True)
    repo.commit(JAN, None, "Link the weekly folder")
    code, out, err = run_cli("rename", "schedule-post", "post-scheduling", repo.path)
    assert code == 0, err
    assert "processes/weekly/weekly-shared.yaml: 1 reference" in out
    assert (repo.path / "processes" / "weekly").is_symlink()
    assert (repo.path / "shared/weekly/weekly-shared.yaml").read_text() == edit(shared, "schedule-post", "post-scheduling")
    assert not list((repo.path / "shared/weekly").glob(".sop-lint-*"))


def test_a_root_spelled_through_a_link_and_dot_dot_is_the_folder_the_system_reads(tmp_path):
    """`link/../ops` is the folder beside the one `link` points to, as the system reads it;
    collapsing the `..` first would edit, and delete from, the `ops` beside `link` instead."""
    decoy = committed(tmp_path, all_files())
    repo = committed(tmp_path / "real", all_files())
    (tmp_path / "real" / "inner").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real" / "inner", target_is_directory=True)
    untouched = state_of(decoy.path)
    code, out, err = run_cli("rename", "schedule-post", "post-scheduling", f"{tmp_path}/link/../ops")
    assert code == 0, err
    assert "processes/weekly-post.yaml: 1 reference" in out
    assert state_of(decoy.path) == untouched
    assert (repo.path / "sops/post-scheduling.yaml").is_file() and not (repo.path / "sops/schedule-post.yaml").exists()
    assert "sop:   post-scheduling" in (repo.path / "processes/weekly-post.yaml").read_text()
