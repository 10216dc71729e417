"""`rename` parses only the files whose bytes may name OLD or NEW (issue 15: a rename of an
id used by 500 processes in well under a second): the model of those files answers what
the whole repository's does about both ids, however a file spells them, and the rename
it makes is the same (see `engine.mentions`)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from sop_lint.config.loading import load_config
from sop_lint.engine.loading import Loaded, RunOptions, load_repository
from sop_lint.engine.mentions import load_naming, may_name
from sop_lint.engine.sources import work_tree
from sop_lint.kinds import Kind
from tests.conftest import run_cli
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit
from tests.test_read_only import state_of
from tests.test_rename import JAN, all_files

# Files that name schedule-post (or post-scheduling) in every way YAML allows, or only
# seem to: in a comment, a title, a step's name, an SOP's instructions.
SPELLINGS = {
    "processes/escaped.yaml": edit(edit(PROCESS, "id: promote-new-video", "id: escaped"), "sop: schedule-post", 'sop: "schedule\\x2dpost"'),
    "processes/joined.yaml": edit(edit(PROCESS, "id: promote-new-video", "id: joined"), "sop: schedule-post", 'sop: "schedule-\\\n      post"'),
    "processes/aliased.yaml": edit(
        edit(PROCESS, "id: promote-new-video", "id: aliased"), "sop: schedule-post", "sop: &scheduler schedule-post\n  - name: Again\n    sop: *scheduler"
    ),
    "processes/flow.yaml": (
        "kind: process\nid: flow\ntitle: Flow\nowner: '@a'\ntrigger: t\noutcome: o\n"
        "steps: [{name: Only, sop: schedule-post}, {name: Draft, sop: draft-post-copy}]\n"
    ),
    "processes/mentions.yaml": (
        "# schedule-post comes later\nkind: process\nid: mentions\ntitle: Mentions schedule-post in its title\nowner: '@a'\n"
        "trigger: t\noutcome: o\nsteps:\n  - name: schedule-post\n    sop: draft-post-copy  # not schedule-post\n"
    ),
    "sops/talks.md": "---\nkind: sop\nid: talks\ntitle: Talks\ntool: Buffer\n---\n\n1. Run schedule-post first.\n2. Check `post-scheduling` later.\n",
}
WIDE = edit(edit(PROCESS, "id: promote-new-video", "id: wide"), "sop: draft-post-copy", 'sop: "schedule-post"')
TAKEN_ESCAPED = edit(SCHEDULE_SOP, "id: schedule-post", 'id: "post\\x2dscheduling"')
# Enough files that name neither id for the few that may to be under a tenth of all, and
# so parsed rather than taken from the cache.
FILLERS = {f"sops/filler/filler-{number:03}.yaml": edit(SCHEDULE_SOP, "id: schedule-post", f"id: filler-{number:03}") for number in range(150)}


def utf16(text: str) -> bytes:
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def committed(tmp_path: Path, files: dict[str, str | bytes]) -> GitRepo:
    repo = GitRepo(tmp_path / "ops")
    for path, content in files.items():
        (repo.path / path).parent.mkdir(parents=True, exist_ok=True)
        (repo.path / path).write_bytes(content if isinstance(content, bytes) else content.encode())
    repo.commit(JAN, None, "Write the processes and SOPs")
    return repo


def answers(loaded: Loaded, identifier: str) -> dict[Kind, tuple[list[str], list[tuple[str, int]]]]:
    """What a rename asks of the model about one id, of each kind: the files that have
    it, and the steps (file, index) that name it."""
    repository = loaded.repository
    return {
        kind: (
            [item.path for item in repository.ids_of(kind).get(identifier, [])],
            [(use.process.path, use.step.index) for use in repository.uses_of(kind).get(identifier, [])],
        )
        for kind in Kind
    }


def test_a_file_may_name_an_id_by_its_bytes_an_escape_or_its_encoding():
    ids = [b"schedule-post"]
    assert may_name(b"steps:\n  - sop: schedule-post\n", ids)
    assert may_name(b'sop: "schedule\\x2dpost"\n', ids)
    assert may_name(utf16("sop: schedule-post\n"), ids)
    assert may_name(codecs.BOM_UTF32_BE + "id: x\n".encode("utf-32-be"), ids)
    assert not may_name(codecs.BOM_UTF8 + b"sop: schedule_post\r\nid: post-schedule\r\n", ids)


@pytest.mark.parametrize("fillers", [{}, FILLERS], ids=["from-the-cache", "parsed"])
def test_the_files_that_may_name_the_ids_answer_as_the_whole_repository(tmp_path, fillers):
    files: dict[str, str | bytes] = {
        **all_files(), **SPELLINGS, **fillers, "processes/wide.yaml": utf16(WIDE), "sops/taken.yaml": TAKEN_ESCAPED,
        "sops/wide-sop.yaml": utf16(edit(DRAFT_SOP.replace("---\n", ""), "id: draft-post-copy", "id: wide-sop")),
    }
    repo = committed(tmp_path, files)
    assert run_cli("check", repo.path)[0] in (0, 1)  # the cache is filled, as a user's is
    source, config, options = work_tree(repo.path), load_config(repo.path, None), RunOptions.for_root(repo.path)
    whole = load_repository(source, config, options)
    for ids in [("schedule-post", "post-scheduling"), ("draft-post-copy", "wide-sop"), ("wide", "talks"), ("filler-007", "nowhere")]:
        naming = load_naming(source, config, ids, options)
        for identifier in ids:
            assert answers(naming, identifier) == answers(whole, identifier), identifier
    naming = load_naming(source, config, ("schedule-post", "post-scheduling"), options)
    assert (len(naming.files) * 10 > len(whole.files)) == (not fillers), "the cache is read when a tenth of the files or more may name the ids"
    assert sorted(file.document.path for file in naming.files) == sorted(
        [*SPELLINGS, "processes/launch-campaign.yaml", "processes/promote-new-video.yaml", "processes/weekly-post.yaml",
         "processes/wide.yaml", "sops/schedule-post.yaml", "sops/taken.yaml", "sops/wide-sop.yaml"]
    )


@pytest.mark.parametrize("fillers", [{}, FILLERS], ids=["from-the-cache", "parsed"])
def test_a_utf16_process_is_renamed_in_its_encoding_and_mentions_are_left_alone(tmp_path, fillers):
    spellings = {path: text for path, text in SPELLINGS.items() if path in ("processes/flow.yaml", "processes/mentions.yaml", "sops/talks.md")}
    repo = committed(tmp_path, {**all_files(), **spellings, **fillers, "processes/wide.yaml": utf16(WIDE)})
    before = state_of(repo.path)
    code, out, err = run_cli("rename", "schedule-post", "post-scheduling", repo.path)
    assert code == 0, err
    assert "1 file moved, 5 files edited, 7 references changed" in out
    assert (repo.path / "processes/wide.yaml").read_bytes() == utf16(WIDE.replace("schedule-post", "post-scheduling"))
    assert (repo.path / "processes/flow.yaml").read_text() == spellings["processes/flow.yaml"].replace(
        "sop: schedule-post", "sop: post-scheduling"
    )
    after = state_of(repo.path)
    unchanged = ["processes/mentions.yaml", "sops/talks.md", "sops/draft-post-copy.md", *fillers]
    assert all(after[path] == before[path] for path in unchanged)


@pytest.mark.parametrize(
    ("taken", "where"),
    [(TAKEN_ESCAPED, "sops/taken.yaml"), (utf16(edit(SCHEDULE_SOP, "id: schedule-post", "id: post-scheduling")), "sops/taken.yaml")],
    ids=["escaped", "utf16"],
)
def test_a_new_id_spelled_otherwise_than_its_bytes_is_still_in_use(tmp_path, taken, where):
    repo = committed(tmp_path, {**all_files(), **FILLERS, where: taken})
    before = state_of(repo.path)
    code, out, err = run_cli("rename", "schedule-post", "post-scheduling", repo.path)
    assert (code, out) == (2, "")
    assert err == f"sop-lint: error: `post-scheduling` is already the id of the SOP in {where}: choose another id; nothing was changed\n"
    assert state_of(repo.path) == before


def test_an_unknown_id_is_still_told_the_nearest_one_of_the_whole_repository(tmp_path):
    repo = committed(tmp_path, {**all_files(), **FILLERS})
    code, _, err = run_cli("rename", "filler-07", "other", repo.path)
    assert (code, err) == (2, "sop-lint: error: no process or SOP has the id `filler-07` (did you mean `filler-007`?): nothing was changed\n")


def test_a_new_id_outside_the_sparse_checkout_is_still_in_use(tmp_path):
    """A file the sparse checkout leaves out is not in the work tree to be scanned: it is
    taken as one that may name the ids, and read from git."""
    taken = {"extra/post-scheduling.yaml": edit(SCHEDULE_SOP, "id: schedule-post", "id: post-scheduling")}
    repo = committed(tmp_path, {**all_files(), **FILLERS, **taken, "sop-lint.yaml": "sops: ['sops/**/*.yaml', 'sops/**/*.md', 'extra/*.yaml']\n"})
    repo.git("sparse-checkout", "set", "--no-cone", "/*", "!/extra/")
    assert not (repo.path / "extra").exists()
    code, _, err = run_cli("rename", "schedule-post", "post-scheduling", repo.path)
    assert (code, err) == (
        2, "sop-lint: error: `post-scheduling` is already the id of the SOP in extra/post-scheduling.yaml: choose another id; nothing was changed\n"
    )
