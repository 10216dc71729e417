"""A run that reports on a few files skips the repository rules when the last whole run's
record vouches that they have nothing new to say of them (`engine.link_record`, issue 18).

Every case compares the findings with those of a run without the cache or the record, and
says whether the record vouched: a vouched run links no model (its result's repository
holds no process and no SOP), which is what makes the hook cost what the change costs.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sop_lint.config.loading import load_config
from sop_lint.engine.link_record import links_key, read_links
from sop_lint.engine.linting import LintResult, lint
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.selection import select_rules
from sop_lint.engine.sources import GitTree, WorkTree, work_tree
from sop_lint.engine.state import cache_file
from sop_lint.git.trees import GitRepository
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo

JAN = "2026-01-05T09:00:00+00:00"
DRAFT, SCHEDULE, PROMOTE = "sops/draft-post-copy.md", "sops/schedule-post.yaml", "processes/promote-new-video.yaml"
ORPHAN = "sops/unused.md"
FILES = valid_repo({ORPHAN: DRAFT_SOP.replace("draft-post-copy", "unused")})


def run(root: Path, report_on: set[str] | None, *, cache: bool = True, now: datetime | None = None, ignore: str = "H") -> LintResult:
    config = load_config(root, None, remember=None)
    options = RunOptions.for_root(root, no_cache=not cache, now=now)
    rules = select_rules(config, None, ignore.split(","))
    return lint(work_tree(root), config, rules, options, report_on=None if report_on is None else frozenset(report_on), findings_only=True)


def vouched(result: LintResult) -> bool:
    return not result.repository.sops and not result.repository.processes


def as_reported(result: LintResult) -> list[tuple[str, str, int, int, str]]:
    return [(f.code, f.path, f.line, f.column, f.message) for f in result.findings]


@pytest.fixture
def recorded(tmp_path: Path) -> GitRepo:
    """A repository with an SOP nobody uses (R004), after a whole run that recorded it."""
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, FILES)
    whole = run(repo.path, None)
    assert {(f.code, f.path) for f in whole.findings} == {("R004", ORPHAN)}
    return repo


def test_a_whole_run_records_every_file_and_those_the_repository_rules_judged(recorded):
    config = load_config(recorded.path, None, remember=None)
    record = read_links(cache_file(recorded.path) / "links", links_key(config, None))
    assert record is not None
    assert set(record.blobs) == set(FILES)
    assert record.blobs[DRAFT] == recorded.git("rev-parse", f"HEAD:{DRAFT}").strip()
    assert record.judged == {ORPHAN}
    assert {"R001", "R002", "R004"} <= record.codes and not any(code.startswith(("H", "S", "C")) for code in record.codes)


def test_an_edit_the_repository_rules_cannot_see_is_vouched_for(recorded):
    """A placeholder typed into an SOP's tone: its own finding (C002), and no model."""
    recorded.write({DRAFT: edit(DRAFT_SOP, "tone: Upbeat and conversational", "tone: TBD") + "More words.\n"})
    quick = run(recorded.path, {DRAFT})
    assert vouched(quick)
    assert [f.code for f in quick.findings] == ["C002"]
    assert as_reported(quick) == as_reported(run(recorded.path, {DRAFT}, cache=False))
    assert set(quick.paths) == set(FILES)


def test_the_index_is_vouched_for_as_the_work_tree_is(recorded):
    """The pre-commit hook's source: the files as staged, read from git objects."""
    recorded.write({SCHEDULE: SCHEDULE_SOP.replace("12:30", "12:45")})
    recorded.git("add", SCHEDULE)
    config = load_config(recorded.path, None, remember=None)
    git = GitRepository(recorded.path)
    rules, options = select_rules(config, None, ["H"]), RunOptions.for_root(recorded.path)
    result = lint(GitTree(git.index()), config, rules, options, report_on=frozenset({SCHEDULE}), findings_only=True)
    git.close()
    assert vouched(result) and result.findings == []


# Each change leaves a reported file's findings to the whole run: what it reports must be
# what a run without the record reports.
NOT_VOUCHED = {
    "the file was judged": ({ORPHAN: FILES[ORPHAN] + "More words.\n"}, {ORPHAN}),
    "an id changed": ({DRAFT: edit(DRAFT_SOP, "id: draft-post-copy", "id: draft-the-copy")}, {DRAFT}),
    # The process is unchanged: the SOP it uses, which the run does not report on, lost its id.
    "another file's id changed": ({SCHEDULE: edit(SCHEDULE_SOP, "id: schedule-post", "id: schedule-posts")}, {PROMOTE}),
    "a step added": ({PROMOTE: PROCESS + "  - name: Reply\n    sop: unused\n"}, {PROMOTE}),
    "a file added": ({"sops/new.md": DRAFT_SOP.replace("draft-post-copy", "new")}, {DRAFT}),
    "a file removed": ({ORPHAN: None}, {DRAFT}),
    "the settings changed": ({"sop-lint.yaml": "required-fields: [format]\n"}, {DRAFT}),
}


@pytest.mark.parametrize("change, reported", NOT_VOUCHED.values(), ids=NOT_VOUCHED.keys())
def test_a_change_the_repository_rules_may_see_runs_them(recorded, change, reported):
    for path, text in change.items():
        if text is None:
            (recorded.path / path).unlink()
        else:
            (recorded.path / path).parent.mkdir(parents=True, exist_ok=True)
            (recorded.path / path).write_text(text)
    result = run(recorded.path, reported)
    assert not vouched(result)
    assert as_reported(result) == as_reported(run(recorded.path, reported, cache=False))


def test_another_files_lost_id_is_reported_on_the_process_that_uses_it(recorded):
    """The case the record must never vouch for: nothing in the process changed."""
    recorded.write({SCHEDULE: edit(SCHEDULE_SOP, "id: schedule-post", "id: schedule-posts")})
    assert [f.code for f in run(recorded.path, {PROMOTE}).findings] == ["R001"]


def test_a_moment_before_the_record_runs_the_rules(recorded):
    """A date that was not in the future when recorded may be at an earlier `--now`."""
    recorded.write({DRAFT: DRAFT_SOP + "More words.\n"})
    assert not vouched(run(recorded.path, {DRAFT}, now=datetime(2020, 1, 1, tzinfo=UTC)))
    assert vouched(run(recorded.path, {DRAFT}))


def test_a_damaged_or_forged_record_is_no_record(recorded):
    store = cache_file(recorded.path) / "links"
    for damaged in (b"", b"sop-lint-store 2\n" + bytes(32) + b"garbage", store.read_bytes()[:-7]):
        store.write_bytes(damaged)
        recorded.write({DRAFT: DRAFT_SOP + f"{len(damaged)} more words.\n"})
        result = run(recorded.path, {DRAFT})
        assert not vouched(result) and result.findings == []
        store.write_bytes(damaged)  # the whole run recorded again: damage it again


def test_a_run_that_needs_the_model_links_it(recorded):
    """`diff` and `survey` read the model: only callers that read findings alone skip it."""
    config = load_config(recorded.path, None, remember=None)
    result = lint(work_tree(recorded.path), config, select_rules(config, None, ["H"]), RunOptions.for_root(recorded.path), report_on=frozenset({DRAFT}))
    assert not vouched(result)


# A whole run (every file reported on) is vouched for by a record of a whole run, which
# keeps every file's problems: it then reads neither the cache nor the rules.
def test_a_whole_run_with_nothing_changed_is_the_record(recorded):
    again = run(recorded.path, None)
    assert vouched(again)
    assert as_reported(again) == as_reported(run(recorded.path, None, cache=False)) == [("R004", ORPHAN, 3, 5, as_reported(again)[0][4])]
    assert again.paths == run(recorded.path, None, cache=False).paths


def test_a_whole_run_takes_the_changed_files_problems_afresh(recorded):
    recorded.write({DRAFT: edit(DRAFT_SOP, "tone: Upbeat and conversational", "tone: TBD"), ORPHAN: FILES[ORPHAN]})
    quick = run(recorded.path, None)
    assert vouched(quick)
    assert {f.code for f in quick.findings} == {"C002", "R004"}
    assert as_reported(quick) == as_reported(run(recorded.path, None, cache=False))


@pytest.mark.parametrize("change", [
    {ORPHAN: FILES[ORPHAN] + "More words.\n"},  # judged
    {SCHEDULE: edit(SCHEDULE_SOP, "id: schedule-post", "id: schedule-posts")},  # links changed
    {"sops/new.md": DRAFT_SOP.replace("draft-post-copy", "new")},  # a file added
], ids=["a judged file", "an id changed", "a file added"])
def test_a_whole_run_the_record_cannot_vouch_for_runs_every_rule(recorded, change):
    recorded.write(change)
    result = run(recorded.path, None)
    assert not vouched(result)
    assert as_reported(result) == as_reported(run(recorded.path, None, cache=False))


def test_a_date_in_the_future_is_vouched_for_on_its_day_only(tmp_path):
    """H004 reads no history (the hook runs it): its problem holds while the date does."""
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo({DRAFT: edit(DRAFT_SOP, "tone:", "last_reviewed: 2030-01-02\ntone:")}))
    no_history = "H001,H002,H003,H005"
    day = datetime(2029, 12, 31, 10, tzinfo=UTC)
    assert [f.code for f in run(repo.path, None, now=day, ignore=no_history).findings] == ["H004"]
    assert vouched(same_day := run(repo.path, None, now=day.replace(hour=20), ignore=no_history))
    assert [f.code for f in same_day.findings] == ["H004"]
    next_day = run(repo.path, None, now=datetime(2030, 1, 3, tzinfo=UTC), ignore=no_history)
    assert not vouched(next_day) and next_day.findings == []


def test_a_file_named_like_a_missing_sop_changes_the_advice_and_is_not_vouched_for(tmp_path):
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo({PROMOTE: PROCESS.replace("sop: schedule-post", "sop: post-it")}))
    first = run(repo.path, None)
    assert [f.code for f in first.findings] == ["R001", "R004"]
    (repo.path / "notes").mkdir()
    (repo.path / "notes" / "post-it.md").write_text("# Post it\n")
    second = run(repo.path, None)
    assert not vouched(second)
    assert as_reported(second) == as_reported(run(repo.path, None, cache=False)) != as_reported(first)


def age(root: Path, seconds: int = 3600) -> None:
    """Every file as if written an hour ago: a record trusts the signatures of files that
    did not change close to its run (see `LinkRecord.read_from`)."""
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            info = path.stat()
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - seconds * 10**9))


def test_a_file_on_disk_is_known_by_its_signature_until_it_changes(recorded, monkeypatch):
    read: list[str] = []
    real = WorkTree.read
    monkeypatch.setattr(WorkTree, "read", lambda self, file, config: read.append(file.path) or real(self, file, config))
    age(recorded.path)
    assert vouched(run(recorded.path, None))  # the times changed: every file is read, the same
    assert sorted(read) == sorted(FILES)
    read.clear()
    assert vouched(run(recorded.path, None)) and read == []  # recorded again, with the new times
    recorded.write({DRAFT: edit(DRAFT_SOP, "tone: Upbeat and conversational", "tone: TBD")})
    quick = run(recorded.path, None)
    assert vouched(quick) and {f.code for f in quick.findings} == {"C002", "R004"}
    assert read == [DRAFT, DRAFT]  # to know its blob id, then to check it


def test_an_edit_that_keeps_the_size_and_sets_the_time_back_is_still_seen(recorded):
    age(recorded.path)
    run(recorded.path, None)
    path = recorded.path / DRAFT
    before = path.stat()
    placeholder = edit(DRAFT_SOP, "tone: Upbeat and conversational", "tone: TBD                      ")
    assert len(placeholder) == len(DRAFT_SOP)
    path.write_text(placeholder)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert "C002" in {f.code for f in run(recorded.path, None).findings}


def test_a_file_changed_just_before_the_record_is_read_again(recorded):
    """Within the clock's resolution of the run that recorded it, a file's signature
    proves nothing: it may have changed again after it was read."""
    run(recorded.path, None)  # every file was written less than a second before
    path = recorded.path / DRAFT
    before = path.stat()
    path.write_text(edit(DRAFT_SOP, "tone: Upbeat and conversational", "tone: TBD                      "))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert "C002" in {f.code for f in run(recorded.path, None).findings}


def test_a_file_that_cannot_be_read_is_recorded_as_such(recorded, tmp_path):
    """A link out of the root is never read (Y006): it has no blob id, and no signature."""
    (tmp_path / "outside.md").write_text(DRAFT_SOP)
    (recorded.path / "sops" / "linked.md").symlink_to(tmp_path / "outside.md")
    age(recorded.path)
    first = run(recorded.path, None)
    assert "Y006" in {f.code for f in first.findings}
    for _ in range(2):  # read afresh, then known by the record
        again = run(recorded.path, None)
        assert vouched(again) and as_reported(again) == as_reported(first) == as_reported(run(recorded.path, None, cache=False))


def test_after_a_commit_that_adds_a_file_the_next_commit_is_vouched_for(recorded):
    """The hook compares a staged addition with HEAD; that comparison must not leave the
    record HEAD's, or every later commit would see the added file as new again."""
    from sop_lint.commands.staged import staged_report

    config = load_config(recorded.path, None, remember=None)
    rules, options = select_rules(config, None, ["H"]), RunOptions.for_root(recorded.path)
    recorded.write({"sops/new.md": DRAFT_SOP.replace("draft-post-copy", "new")})
    recorded.git("add", "sops/new.md")
    added = staged_report(recorded.path, config, rules, None, options)
    assert not vouched(added) and {f.code for f in added.findings} == {"R004"}
    recorded.git("commit", "-q", "-m", "new SOP", date=JAN)
    recorded.write({DRAFT: DRAFT_SOP + "More words.\n"})
    recorded.git("add", DRAFT)
    assert vouched(staged_report(recorded.path, config, rules, None, options))


def test_check_diff_leaves_the_record_of_the_files_as_they_are(recorded):
    """`check --diff` lints the files as its fixes would leave them, and writes nothing:
    the record stays that of the files on disk, and the next `check` is vouched for."""
    from tests.conftest import run_cli

    numbered = PROCESS.replace("- name: Draft social post copy", "- name: 1. Draft social post copy").replace(
        "- name: Schedule post", "- name: 3. Schedule post"
    )
    recorded.write({PROMOTE: numbered})
    assert "P004" in {f.code for f in run(recorded.path, None).findings}  # recorded; its fix renumbers the steps
    code, out, _ = run_cli("check", str(recorded.path), "--diff", "--ignore", "H")
    assert code == 1 and "+  - name: 2. Schedule post" in out
    assert vouched(run(recorded.path, None))


def test_a_file_declaring_another_kind_than_its_place_is_vouched_for_too(tmp_path):
    """The cache knows a file by the kind its place calls for, not the kind it declares:
    the record's version of a process kept among the SOPs is found there."""
    repo = GitRepo(tmp_path / "r")
    repo.commit(JAN, valid_repo({PROMOTE: None, "sops/promote-new-video.yaml": PROCESS}))
    whole = run(repo.path, None)
    repo.write({"sops/promote-new-video.yaml": PROCESS + "# reworded\n"})
    quick = run(repo.path, {"sops/promote-new-video.yaml"})
    assert vouched(quick)
    assert as_reported(quick) == as_reported(run(repo.path, {"sops/promote-new-video.yaml"}, cache=False))
    assert "sops/promote-new-video.yaml" not in {f.path for f in whole.findings if f.code.startswith("R")}


def test_a_record_whose_advice_names_an_unstaged_file_keeps_no_problems(recorded):
    """R001 says where a missing SOP exists unstaged: a later run could not tell whether
    that file is still there, so such a record vouches only for runs of a few files."""
    from sop_lint.engine.sources import WorkTree

    recorded.write({"sops/draft-the-copy.md": DRAFT_SOP.replace("draft-post-copy", "draft-the-copy")})
    recorded.write({PROMOTE: PROCESS.replace("sop: draft-post-copy", "sop: draft-the-copy")})
    recorded.git("add", PROMOTE)
    config = load_config(recorded.path, None, remember=None)
    git = GitRepository(recorded.path)
    rules, options = select_rules(config, None, ["H"]), RunOptions.for_root(recorded.path)
    result = lint(GitTree(git.index()), config, rules, options, work_tree=WorkTree(recorded.path), findings_only=True)
    git.close()
    assert any("is not staged" in f.message for f in result.findings)
    record = read_links(cache_file(recorded.path) / "links", links_key(config, None))
    assert record is not None and not record.complete


def hook(repo: GitRepo, *, cache: bool = True) -> LintResult:
    """The pre-commit hook's run on what is staged."""
    from sop_lint.commands.staged import staged_report

    config = load_config(repo.path, None, remember=None)
    rules, options = select_rules(config, None, ["H"]), RunOptions.for_root(repo.path, no_cache=not cache)
    return staged_report(repo.path, config, rules, None, options)


def links_of(repo: GitRepo, name: str = "links-index"):
    """The hook's record (`links-index`), or `check`'s on the work tree (`links`)."""
    return read_links(cache_file(repo.path) / name, links_key(load_config(repo.path, None, remember=None), None))


def stage(repo: GitRepo, files: dict[str, str]) -> None:
    repo.write(files)
    repo.git("add", *files)


def test_the_hooks_record_follows_its_commits_and_keeps_only_what_differs(recorded):
    """The hook's record is HEAD and the staged changes: it is read and written at the cost
    of the change, however many files the repository holds, and the next commit's run,
    after one or several commits, is vouched for by a diff of two commits."""
    stage(recorded, {DRAFT: edit(DRAFT_SOP, "tone: Upbeat and conversational", "tone: TBD")})
    first = hook(recorded)
    assert vouched(first) and [f.code for f in first.findings] == ["C002"]
    head = recorded.git("rev-parse", "HEAD").strip()
    record = links_of(recorded)
    assert record is not None and record.base == head
    assert record.blobs == {DRAFT: recorded.git("rev-parse", f":{DRAFT}").strip()}
    recorded.git("commit", "-q", "-m", "a placeholder", date=JAN)
    recorded.commit(JAN, {SCHEDULE: SCHEDULE_SOP + "# a commit the hook did not see\n"})
    stage(recorded, {SCHEDULE: SCHEDULE_SOP.replace("12:30", "12:45"), DRAFT: DRAFT_SOP + "More words.\n"})
    again = hook(recorded)
    assert vouched(again) and as_reported(again) == as_reported(hook(recorded, cache=False))
    record = links_of(recorded)
    assert record is not None and record.base == recorded.git("rev-parse", "HEAD").strip() != head
    assert set(record.blobs) == {SCHEDULE, DRAFT}


def undo_a_departure(repo: GitRepo) -> None:
    """The file the record differs in is unstaged, another staged: the record's blob id of
    it is not in the diff, which tells only what differs from the commit."""
    repo.git("reset", "-q", "--", DRAFT)
    stage(repo, {SCHEDULE: SCHEDULE_SOP.replace("12:30", "12:45")})


def add_a_file_in_a_commit(repo: GitRepo) -> None:
    repo.commit(JAN, {"sops/new.md": DRAFT_SOP.replace("draft-post-copy", "new")})
    stage(repo, {SCHEDULE: SCHEDULE_SOP.replace("12:30", "12:45")})


def forget_the_base(repo: GitRepo) -> None:
    """The commit the record was made on is gone (amended, and the old one pruned)."""
    repo.git("commit", "-q", "--amend", "-m", "amended", date=JAN)
    repo.git("reflog", "expire", "--expire=now", "--all")
    repo.git("gc", "-q", "--prune=now")
    stage(repo, {SCHEDULE: SCHEDULE_SOP.replace("12:30", "12:45")})


@pytest.mark.parametrize("change", [undo_a_departure, add_a_file_in_a_commit, forget_the_base])
def test_a_record_on_a_commit_that_cannot_tell_what_differs_leaves_the_hook_a_whole_run(recorded, change):
    stage(recorded, {DRAFT: DRAFT_SOP + "More words.\n"})
    assert vouched(hook(recorded)) and links_of(recorded).base is not None
    (cache_file(recorded.path) / "links").unlink()  # `check`'s record, which the hook falls back to
    change(recorded)
    result = hook(recorded)
    assert not vouched(result)
    assert as_reported(result) == as_reported(hook(recorded, cache=False))


def test_the_hook_and_check_keep_a_record_each(recorded):
    """`check FILE` reads the work tree, which the record of the hook's index does not
    list: each keeps its own, and neither run in turn undoes the other's."""
    stage(recorded, {DRAFT: DRAFT_SOP + "More words.\n"})
    for _ in range(2):
        assert vouched(hook(recorded)) and links_of(recorded).base is not None
        recorded.write({SCHEDULE: SCHEDULE_SOP.replace("12:30", "12:45")})
        result = run(recorded.path, {SCHEDULE})
        assert vouched(result) and as_reported(result) == as_reported(run(recorded.path, {SCHEDULE}, cache=False))
        assert links_of(recorded, "links").base is None and set(links_of(recorded, "links").blobs) == set(FILES)


def test_a_whole_run_of_the_index_is_recorded_as_head_and_its_changes(recorded):
    """The commit of a new id links differently: the hook judges every file, and records
    them as HEAD and the staged file, so that the next commit's run is vouched for."""
    stage(recorded, {DRAFT: edit(DRAFT_SOP, "id: draft-post-copy", "id: draft-the-copy")})
    whole = hook(recorded)
    assert not vouched(whole) and as_reported(whole) == as_reported(hook(recorded, cache=False))
    record = links_of(recorded)
    assert record is not None and record.base == recorded.git("rev-parse", "HEAD").strip() and set(record.blobs) == {DRAFT}
    recorded.git("commit", "-q", "-m", "a new id", date=JAN)
    stage(recorded, {SCHEDULE: SCHEDULE_SOP.replace("12:30", "12:45")})
    assert vouched(hook(recorded))


def staged_twice(repo: GitRepo) -> None:
    """Two commits' worth of hook runs on an edit: the second is recorded as HEAD and its changes."""
    for words in ("One.\n", "Two.\n"):
        stage(repo, {DRAFT: DRAFT_SOP + words})
        hook(repo)


def test_a_submodule_checked_out_after_the_record_is_seen(tmp_path):
    """`git submodule update` brings a submodule's files with no change git shows: a
    repository with a submodule is listed on every run, and never recorded as a commit."""
    other = GitRepo(tmp_path / "other")
    other.commit(JAN, {"draft-post-copy.md": DRAFT_SOP})  # the main repository's id again: R002
    repo = GitRepo(tmp_path / "r")
    repo.write(valid_repo())
    repo.add_submodule(other, "sops/extra")
    repo.commit(JAN)
    repo.git("submodule", "deinit", "-q", "-f", "sops/extra")
    staged_twice(repo)
    assert links_of(repo).base is None
    repo.git("-c", "protocol.file.allow=always", "submodule", "update", "-q", "--init")
    stage(repo, {DRAFT: DRAFT_SOP + "Three.\n"})
    result = hook(repo)
    assert "R002" in {f.code for f in result.findings}
    assert as_reported(result) == as_reported(hook(repo, cache=False))


DUPLICATE = "kind: sop\nid: draft-post-copy\ntitle: Another SOP with the same id\n"


@pytest.mark.skipif(os.name == "nt", reason="links need privileges on Windows")
@pytest.mark.parametrize("committed", [True, False], ids=["committed", "staged"])
def test_a_link_made_a_file_of_the_same_bytes_is_a_new_file(tmp_path, committed):
    """git keeps the blob id and changes only the mode (120000 to 100644): the file is new
    to sop-lint, which reads no link, and here it repeats an SOP's id."""
    repo = GitRepo(tmp_path / "r")
    repo.write(valid_repo())
    (repo.path / "sops/more").mkdir()
    os.symlink(DUPLICATE, repo.path / "sops/more/draft-post-copy.yaml")
    repo.commit(JAN)
    staged_twice(repo)
    (repo.path / "sops/more/draft-post-copy.yaml").unlink()
    repo.write({"sops/more/draft-post-copy.yaml": DUPLICATE})
    repo.git("add", "-A")
    if committed:
        repo.git("commit", "-q", "-m", "the link is a file", date=JAN)
    stage(repo, {DRAFT: DRAFT_SOP + "Three.\n"})
    result = hook(repo)
    assert "R002" in {f.code for f in result.findings}
    assert as_reported(result) == as_reported(hook(repo, cache=False))


def test_a_forged_commit_in_the_record_is_never_given_to_git(recorded, tmp_path):
    import dataclasses

    from sop_lint.engine.link_record import record_links

    staged_twice(recorded)
    written = tmp_path / "written-by-git"
    forged = dataclasses.replace(links_of(recorded), base=f"--output={written}")
    record_links(cache_file(recorded.path) / "links-index", links_key(load_config(recorded.path, None, remember=None), None), forged)
    stage(recorded, {DRAFT: DRAFT_SOP + "Three.\n"})
    assert as_reported(hook(recorded)) == as_reported(hook(recorded, cache=False))
    assert not written.exists()
