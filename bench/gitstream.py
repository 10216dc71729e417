"""Write git history through one ``git fast-import`` process.

Fifty thousand commits made with ``git commit`` would take many minutes; one fast-import
stream takes seconds. Every git call here runs isolated from the user's and the system's git
configuration, so identities, line endings and hooks cannot change the commit ids.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

GIT_ENV_OVERRIDES = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
    "LC_ALL": "C",
}
GIT_OPTIONS = ("-c", "core.autocrlf=false", "-c", "gc.auto=0", "-c", "commit.gpgSign=false")


@dataclass(frozen=True)
class Identity:
    """A commit author; the time zone is the author's, shown next to the (UTC) timestamp."""

    name: str
    email: str
    tz: str


def git_env() -> dict[str, str]:
    return {**os.environ, **GIT_ENV_OVERRIDES}


def git(repo: Path, *args: str) -> str:
    """Run one git command in ``repo`` and return its standard output."""
    result = subprocess.run(
        ["git", *GIT_OPTIONS, *args],
        cwd=repo,
        env=git_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


class FastImport:
    """A running ``git fast-import`` fed commit by commit on branch ``main``.

    Commits get marks ``:1``, ``:2``... in order; ``sha`` asks fast-import for a commit id
    mid-stream (``get-mark``), which a later commit can write into a file.
    """

    def __init__(self, repo: Path) -> None:
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in __exit__, with the process)
        self._process = subprocess.Popen(
            ["git", *GIT_OPTIONS, "fast-import", "--quiet", "--done"],
            cwd=repo,
            env=git_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        self._stdin = self._process.stdin
        self._stdout = self._process.stdout
        self.marks = 0

    def __enter__(self) -> FastImport:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self._process.kill()
            self._process.wait()
            self._stderr.close()

    def commit(
        self,
        author: Identity,
        when: int,
        message: str,
        renames: list[tuple[str, str]],
        files: list[tuple[str, str]],
    ) -> int:
        """Append a commit (renames first, then file contents); return its mark."""
        self.marks += 1
        ident = f"{author.name} <{author.email}> {when} {author.tz}".encode()
        text = message.encode()
        parts = [
            b"commit refs/heads/main\nmark :%d\nauthor %s\ncommitter %s\ndata %d\n"
            % (self.marks, ident, ident, len(text)),
            text,
            b"\n",
        ]
        parts.extend(b"R %s %s\n" % (old.encode(), new.encode()) for old, new in renames)
        for path, content in files:
            data = content.encode()
            parts.append(b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(data)))
            parts.append(data)
            parts.append(b"\n")
        parts.append(b"\n")
        self._stdin.write(b"".join(parts))
        return self.marks

    def sha(self, mark: int) -> str:
        """The commit id of ``mark``; fast-import answers on its standard output."""
        self._stdin.write(b"get-mark :%d\n" % mark)
        self._stdin.flush()
        return self._stdout.readline().decode().strip()

    def close(self) -> None:
        self._stdin.write(b"done\n")
        self._stdin.close()
        returncode = self._process.wait()
        self._stdout.close()
        self._stderr.seek(0)
        errors = self._stderr.read().decode(errors="replace")
        self._stderr.close()
        if returncode != 0:
            raise RuntimeError(f"git fast-import failed ({returncode}): {errors}")
