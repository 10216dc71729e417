"""The editor's lint kept in memory (`engine.incremental`): an edit re-checks only the
changed documents, and the findings are still exactly those of `check` on the same files
(history rules aside, which are kept until the editor starts again), in the changed file
and in every other file the change affects.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sop_lint.config.loading import load_config
from sop_lint.engine.incremental import Live
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.selection import select_rules
from sop_lint.engine.sources import WorkTree
from sop_lint.reading import loader
from tests.conftest import write_files
from tests.repos import DRAFT_SOP, valid_repo
from tests.test_engine import EDITS, as_reported


def live_of(root: Path, buffers: dict[str, bytes] | None = None) -> Live:
    config = load_config(root)
    return Live.start(WorkTree(root), buffers or {}, config, select_rules(config, ignore=["H"]), RunOptions())


def reported(live: Live) -> list[tuple[str, int, int, str, str]]:
    return [(f.path, f.line, f.column, f.code, f.message) for path in sorted(live.findings) for f in live.findings[path]]


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_gives_the_findings_of_check_on_the_edited_files(tmp_path, name):
    path, change = EDITS[name]
    on_disk = write_files(tmp_path / "disk", valid_repo())
    live = live_of(on_disk)
    assert reported(live) == as_reported(on_disk)
    edited = change((on_disk / path).read_text())
    changed = live.update({path: edited.encode()})
    written = write_files(tmp_path / "written", {**valid_repo(), path: edited})
    assert reported(live) == as_reported(written)
    assert changed == {path} | {finding[0] for finding in as_reported(written) if finding[0] != path} ^ {
        finding[0] for finding in as_reported(on_disk) if finding[0] != path
    } | ({"processes/promote-new-video.yaml"} if name == "a renamed id" else set())
    assert live.update({path: None}) is not None  # closed: the file on disk again
    assert reported(live) == as_reported(on_disk)


def test_an_edit_parses_only_the_changed_document(tmp_path, monkeypatch):
    root = write_files(tmp_path / "ops", valid_repo())
    live = live_of(root)
    parsed: list[str] = []
    real = loader.parse_document
    monkeypatch.setattr("sop_lint.engine.incremental.parse_document", lambda path, raw, *a, **k: parsed.append(path) or real(path, raw, *a, **k))
    live.update({"sops/schedule-post.yaml": (root / "sops/schedule-post.yaml").read_bytes() + b"\n"})
    assert parsed == ["sops/schedule-post.yaml"]
    assert live.files["sops/schedule-post.yaml"].document.value_positions  # positions for the editor's requests


def test_new_files_and_files_taken_away_count_and_a_superseded_edit_changes_nothing(tmp_path):
    root = write_files(tmp_path / "ops", valid_repo())
    live = live_of(root)
    new = DRAFT_SOP.replace("draft-post-copy", "boost-post")
    assert live.update({"sops/boost-post.md": new.encode()}, superseded=lambda: True) is None
    assert reported(live) == as_reported(root)  # what the editor shows is still that of the last run
    (root / "sops/schedule-post.yaml").unlink()
    changed = live.update({"sops/boost-post.md": new.encode(), "sops/schedule-post.yaml": None})
    assert {finding[3] for finding in reported(live)} == {"R001", "R004"}  # schedule-post gone; boost-post unused
    assert changed == {"sops/boost-post.md", "sops/schedule-post.yaml", "processes/promote-new-video.yaml"}


def test_a_word_typed_in_the_instructions_or_a_title_runs_no_repository_rule_and_the_findings_are_check_s(tmp_path, monkeypatch):
    """Most keystrokes change nothing the repository rules read: they are not run, and
    the findings are those of `check` all the same (a file rule's new finding included)."""
    root = write_files(tmp_path / "ops", valid_repo())
    live = live_of(root)
    built: list[int] = []
    monkeypatch.setattr("sop_lint.engine.incremental.build_repository", lambda *a, **k: built.append(1))
    path = "sops/draft-post-copy.md"
    retitled = DRAFT_SOP.replace("title: Draft the social post copy", "title: Draft the post copy")
    for number, edited in enumerate((DRAFT_SOP + "\nKeep it short.\n", DRAFT_SOP + "\n\nKeep it short, and ask someone if unsure.\n", retitled)):
        assert live.update({path: edited.encode()}) == {path}
        assert reported(live) == as_reported(write_files(tmp_path / f"written{number}", {**valid_repo(), path: edited}))
        assert any(finding[3].startswith("I") for finding in reported(live)) is (number == 1)  # the vague wording is found
    assert live.repository.sop_ids["draft-post-copy"][0].title == "Draft the post copy"  # what hover and completion show
    assert built == []


def test_an_edit_near_a_switched_off_repository_finding_runs_the_rules(tmp_path):
    """An SOP no process uses, its R004 switched off by the comment above its id: a line
    put between them brings the finding back, as in `check`."""
    unused = DRAFT_SOP.replace("id: draft-post-copy", "# sop-lint: disable=R004\nid: boost-post")
    files = {**valid_repo(), "sops/boost-post.md": unused}
    root = write_files(tmp_path / "ops", files)
    live = live_of(root)
    assert reported(live) == as_reported(root)
    edited = unused.replace("id: boost-post", "\nid: boost-post")
    live.update({"sops/boost-post.md": edited.encode()})
    written = write_files(tmp_path / "written", {**files, "sops/boost-post.md": edited})
    assert reported(live) == as_reported(written)
    assert "R004" in {finding[3] for finding in reported(live)}


def test_no_repository_rule_reads_a_title_a_trigger_or_an_outcome():
    """What lets a title typed in run no repository rule (`incremental._unplaced`): a rule
    that comes to read one of them must take it out of that list."""
    rules = Path(__file__).parent.parent / "sop_lint" / "rules"
    for module in [*rules.glob("*.py"), *rules.glob("support/*.py")]:
        for line in module.read_text().splitlines():
            assert not re.search(r"\.(title|trigger|outcome)\b", line.replace("fix.title", "")), f"{module.name}: {line.strip()}"


# Edits that keep every process, SOP, id and step, and change what some repository rules
# read: the model is relinked, not built, and only those rules run again.
FIELD_EDITS = {
    "a tool": ("sops/schedule-post.yaml", "tool: Buffer", "tool: Hootsuite"),
    "an account": ("sops/schedule-post.yaml", "account: Company X account @acme", "account: Nobody's"),
    "an owner": ("processes/promote-new-video.yaml", 'owner: "@social-team"', 'owner: "@video-team"'),
    "a review date": ("sops/draft-post-copy.md", "tone:", "last_reviewed: 2999-01-01\ntone:"),
    "standalone": ("sops/draft-post-copy.md", "tone:", "standalone: true\ntone:"),
}


@pytest.mark.parametrize("name", sorted(FIELD_EDITS))
def test_an_edit_of_what_some_rules_read_runs_those_on_the_same_links(tmp_path, monkeypatch, name):
    path, old, new = FIELD_EDITS[name]
    files = {**valid_repo(), "sops/unused.md": DRAFT_SOP.replace("draft-post-copy", "unused").replace("Google Docs", "Buffer")}
    root = write_files(tmp_path / "ops", files)
    live = live_of(root)
    assert reported(live) == as_reported(root)
    built: list[int] = []
    monkeypatch.setattr("sop_lint.engine.incremental.build_repository", lambda *a, **k: built.append(1))
    ran: list[str] = []
    from sop_lint.rules.registry import REPOSITORY_RULES

    for rule in REPOSITORY_RULES:
        monkeypatch.setattr(rule, "check", lambda repository, rule=rule, real=rule.check: ran.append(rule.CODE) or real(repository))
    edited = files[path].replace(old, new, 1)
    assert edited != files[path]
    live.update({path: edited.encode()})
    ran_by_edit = set(ran)
    assert built == []
    assert reported(live) == as_reported(write_files(tmp_path / "written", {**files, path: edited}))
    assert ran_by_edit and ran_by_edit != {rule.CODE for rule in REPOSITORY_RULES if rule.CODE in live.selected}  # some, not all
    assert {"R002", "R005"}.isdisjoint(ran_by_edit)  # ids and steps: nothing these read changed


def test_what_each_repository_rule_reads_is_declared(tmp_path, monkeypatch):
    """`READS`, which lets an edit run only the rules it concerns, is checked against what
    each rule reads of processes and SOPs, on repositories where each rule has something
    to say (the sample repository, with its inventory, and one with findings in six files)."""
    from sop_lint.engine.loading import load_repository
    from sop_lint.engine.sources import work_tree
    from sop_lint.model.repository import Process, Sop
    from sop_lint.rules.registry import HISTORY_RULES, REPOSITORY_RULES
    from tests.conftest import SAMPLE_REPO
    from tests.test_hook_cost import FILES as WITH_FINDINGS

    tracked = {"steps", "lists_steps", "review", "tool_use", "standalone", "account", "tool", "owner", "freshness"}
    # What the model links from the processes' steps: reading it is reading `steps`.
    from_steps = {"sop_uses": "steps", "process_uses": "steps", "uses_of": "steps", "missing_targets": "steps"}
    reads: dict[str, set[str]] = {}
    current: list[str] = []
    for item in (Process, Sop):
        real = item.__getattribute__

        def spy(self, name, real=real):
            if current and name in tracked:
                reads.setdefault(current[0], set()).add(name)
            return real(self, name)

        monkeypatch.setattr(item, "__getattribute__", spy)
    from sop_lint.model.repository import Repository

    real_repository = Repository.__getattribute__

    def spy_links(self, name, real=real_repository):
        if current and name in from_steps:
            reads.setdefault(current[0], set()).add(from_steps[name])
        return real(self, name)

    monkeypatch.setattr(Repository, "__getattribute__", spy_links)
    for root in (SAMPLE_REPO, write_files(tmp_path / "findings", WITH_FINDINGS)):
        config = load_config(root)
        repository = load_repository(work_tree(root), config, RunOptions()).repository
        for rule in (*REPOSITORY_RULES, *HISTORY_RULES):
            current[:] = [rule.CODE]
            list(rule.check(repository))
            current.clear()
    assert {"R001", "R003", "R004", "I005", "V001"} <= set(reads)  # the rules had something to read
    for rule in (*REPOSITORY_RULES, *HISTORY_RULES):
        declared = rule.READS | ({"steps"} if "sub-processes" in rule.READS else set())  # the part of them it reads
        assert reads.get(rule.CODE, set()) - {"freshness"} <= declared, rule.CODE


ID_EDITS = {
    "an id used by a process": ("sops/schedule-post.yaml", "id: schedule-post", "id: schedule-posts"),
    "an id made a duplicate": ("sops/unused.md", "id: unused", "id: draft-post-copy"),
    "an id of a process": ("processes/promote-new-video.yaml", "id: promote-new-video", "id: promote-the-video"),
    # I006 names the SOP by its id and reads no other file's: it runs again for its problem there
    "an id in a rule's own message": ("sops/no-tool.md", "id: no-tool", "id: no-tool-at-all"),
    # A process's steps: what they use is taken out of the links and put in again.
    "a step's target misspelt": ("processes/promote-new-video.yaml", "sop: schedule-post", "sop: schedule-pots"),
    "a step's name": ("processes/promote-new-video.yaml", "name: Schedule post", "name: Schedule the post"),
    "a step added": ("processes/promote-new-video.yaml", "    sop: schedule-post\n", "    sop: schedule-post\n  - name: Reply\n    sop: unused\n"),
    "a step removed": ("processes/promote-new-video.yaml", "  - name: Schedule post\n    sop: schedule-post\n", ""),
    "a step that runs the process itself": (
        "processes/promote-new-video.yaml", "    sop: schedule-post\n", "    sop: schedule-post\n  - name: Again\n    process: promote-new-video\n"
    ),
}


@pytest.mark.parametrize("name", sorted(ID_EDITS))
def test_an_id_or_steps_edit_relinks_the_model_and_gives_the_findings_of_check(tmp_path, monkeypatch, name):
    """A keystroke in an `id:` or a process's steps keeps every file: the model is
    relinked (the item moved to its new id, its steps' uses taken out and put in again),
    and the rules that read ids or steps run on it."""
    path, old, new = ID_EDITS[name]
    files = {
        **valid_repo(),
        "sops/unused.md": DRAFT_SOP.replace("draft-post-copy", "unused"),
        "sops/no-tool.md": DRAFT_SOP.replace("draft-post-copy", "no-tool").replace("In Google Docs, copy", "Copy"),
        "notes/schedule-post.md": "# Notes on scheduling\n",  # R001's advice names it when the id is gone
    }
    root = write_files(tmp_path / "ops", files)
    live = live_of(root)
    assert "I006" in {finding[3] for finding in reported(live)}
    built: list[int] = []
    monkeypatch.setattr("sop_lint.engine.incremental.build_repository", lambda *a, **k: built.append(1))
    for step, text in enumerate((files[path].replace(old, new, 1), files[path])):  # the edit, then undone
        live.update({path: text.encode()})
        assert reported(live) == as_reported(write_files(tmp_path / f"written{step}", {**files, path: text})), step
    assert built == []
