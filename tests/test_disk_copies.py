"""A revision's file is read from the work tree only where the file there holds exactly
the blob's bytes (`engine.disk_copies`); blob ids here are git's own (`git hash-object`)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from sop_lint.engine.disk_copies import DiskCopies

SOP = b"kind: sop\nid: schedule-post\ninstructions:\n  - Open Buffer.\n"


def git_blob(content: bytes) -> str:
    return subprocess.run(["git", "hash-object", "--stdin"], input=content, capture_output=True, check=True).stdout.decode().strip()


def copies(root: Path, max_bytes: int = 1_000_000) -> DiskCopies:
    return DiskCopies(os.fspath(root), "sha1", max_bytes)


def test_a_file_holding_the_blobs_bytes_is_read(tmp_path):
    (tmp_path / "sops").mkdir()
    (tmp_path / "sops/schedule-post.yaml").write_bytes(SOP)
    assert copies(tmp_path).read("sops/schedule-post.yaml", git_blob(SOP)) == SOP


def test_a_file_git_wrote_with_cr_lf_line_ends_gives_the_blobs_lf_bytes(tmp_path):
    (tmp_path / "sop.yaml").write_bytes(SOP.replace(b"\n", b"\r\n"))
    assert copies(tmp_path).read("sop.yaml", git_blob(SOP)) == SOP
    assert copies(tmp_path).read("sop.yaml", git_blob(SOP.replace(b"\n", b"\r\n"))) == SOP.replace(b"\n", b"\r\n")  # stored so


def test_any_other_file_is_not_read(tmp_path):
    blob = git_blob(SOP)
    (tmp_path / "edited.yaml").write_bytes(SOP + b"tone: TBD\n")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "large.yaml").write_bytes(SOP)
    for path in ("edited.yaml", "folder.yaml", "gone.yaml"):
        assert copies(tmp_path).read(path, blob) is None, path
    assert copies(tmp_path, max_bytes=len(SOP) - 1).read("large.yaml", blob) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "sop.yaml")
    assert copies(tmp_path).read("sop.yaml", git_blob(SOP)) is None
