"""The editor's lint kept in memory (`engine.incremental`): an edit re-checks only the
changed documents, and the findings are still exactly those of `check` on the same files
(history rules aside, which are kept until the editor starts again), in the changed file
and in every other file the change affects.
"""

from __future__ import annotations

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
