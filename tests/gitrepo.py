"""Real git repositories with controlled dates, for history tests. Never a mock of git."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitRepo:
    """A repository in `path`; every commit takes an explicit ISO date for author and committer.
    `object_format` "sha256" makes a repository whose object ids are SHA-256 (64 hex digits)."""

    def __init__(self, path: Path, object_format: str = "sha1") -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main", f"--object-format={object_format}")

    def env(self, date: str | None = None) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
        env.update(
            GIT_CONFIG_GLOBAL=os.devnull,
            GIT_CONFIG_NOSYSTEM="1",
            GIT_TEMPLATE_DIR="",  # no sample hooks to copy: `git init` takes half the time
            GIT_AUTHOR_NAME="Ada Ops",
            GIT_AUTHOR_EMAIL="ada@example.com",
            GIT_COMMITTER_NAME="Ada Ops",
            GIT_COMMITTER_EMAIL="ada@example.com",
        )
        if date is not None:
            env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        return env

    def git(self, *args: str, date: str | None = None) -> str:
        result = subprocess.run(
            ["git", "-c", "commit.gpgsign=false", *args], cwd=self.path, env=self.env(date),
            capture_output=True, text=True, check=True,
        )
        return result.stdout

    def write(self, files: dict[str, str]) -> None:
        for relative, content in files.items():
            target = self.path / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")

    def add_submodule(self, other: GitRepo, path: str) -> None:
        """`other` cloned at `path` as a submodule, and staged (a local clone must be allowed)."""
        self.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(other.path), path)

    def commit(self, date: str, files: dict[str, str] | None = None, message: str = "change", *trailers: str) -> str:
        if files:
            self.write(files)
        self.git("add", "-A")
        arguments = ["commit", "-q", "--allow-empty", "-m", message]
        for trailer in trailers:
            arguments += ["--trailer", trailer]
        self.git(*arguments, date=date)
        return self.git("rev-parse", "HEAD").strip()

    def craft(self, *, author: str = "Ada Ops <ada@example.com> 1704067200 +0000", committer: str | None = None,
              message: str = "crafted\n", files: dict[str, str] | None = None, root: bool = False) -> str:
        """A commit object written byte for byte on HEAD (with `root`, a first commit), with the work tree as its tree:
        names, trailers, offsets and dates `git commit` would not make but `git fsck --strict`
        accepts. Text is encoded with surrogateescape, so a lone surrogate writes a raw byte."""
        if files:
            self.write(files)
        self.git("add", "-A")
        tree = self.git("write-tree").strip()
        parents = [] if root else [f"parent {self.git('rev-parse', 'HEAD').strip()}"]
        lines = [f"tree {tree}", *parents, f"author {author}", f"committer {committer or author}"]
        body = "\n".join(lines) + "\n\n" + message
        result = subprocess.run(
            ["git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"], cwd=self.path, env=self.env(),
            input=body.encode("utf-8", "surrogateescape"), capture_output=True, check=True,
        )
        commit = result.stdout.decode().strip()
        self.git("update-ref", "HEAD", commit)
        return commit
