"""A run that reports on a few files skips the repository rules when the last whole run's
record vouches that they have nothing new to say of them (`engine.link_record`, issue 18).

Every case compares the findings with those of a run without the cache or the record, and
says whether the record vouched: a vouched run links no model (its result's repository
holds no process and no SOP), which is what makes the hook cost what the change costs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sop_lint.config.loading import load_config
from sop_lint.engine.link_record import links_key, read_links
from sop_lint.engine.linting import LintResult, lint
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.selection import select_rules
from sop_lint.engine.sources import GitTree, work_tree
from sop_lint.engine.state import cache_file
from sop_lint.git.trees import GitRepository
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo

JAN = "2026-01-05T09:00:00+00:00"
DRAFT, SCHEDULE, PROMOTE = "sops/draft-post-copy.md", "sops/schedule-post.yaml", "processes/promote-new-video.yaml"
ORPHAN = "sops/unused.md"
FILES = valid_repo({ORPHAN: DRAFT_SOP.replace("draft-post-copy", "unused")})


def run(root: Path, report_on: set[str] | None, *, cache: bool = True, now: datetime | None = None) -> LintResult:
    config = load_config(root, None, remember=None)
    options = RunOptions.for_root(root, no_cache=not cache, now=now)
    return lint(work_tree(root), config, select_rules(config, None, ["H"]), options, report_on=None if report_on is None else frozenset(report_on))


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
    assert quick.paths == (DRAFT,)


def test_the_index_is_vouched_for_as_the_work_tree_is(recorded):
    """The pre-commit hook's source: the files as staged, read from git objects."""
    recorded.write({SCHEDULE: SCHEDULE_SOP.replace("12:30", "12:45")})
    recorded.git("add", SCHEDULE)
    config = load_config(recorded.path, None, remember=None)
    git = GitRepository(recorded.path)
    result = lint(GitTree(git.index()), config, select_rules(config, None, ["H"]), RunOptions.for_root(recorded.path), report_on=frozenset({SCHEDULE}))
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
