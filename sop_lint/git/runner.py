"""Running git: the only module that starts it.

git runs as a child process, never through a shell, with `LC_ALL=C` so that its messages
are the ones this module reads. It runs without the `GIT_*` variables a hook inherits
(pre-commit sets `GIT_INDEX_FILE`, for one), as pre-commit itself does, so it sees the
repository and not the caller's view of it; the one caller that wants the hook's index
asks for it by name. A repository named by `GIT_DIR` (see `git.location`) is named to git
again explicitly. git never downloads: in a partial clone it would fetch a missing object
from its promisor remote, writing packs into `.git`; `GIT_NO_LAZY_FETCH` (git 2.39.4 and
later) stops it, and an empty protocol allow-list makes the fetch fail in older versions.
Every failure becomes a `GitFailed` that carries git's own first line of complaint.

sop-lint used GitPython for this; importing it cost a pre-commit run more than the
commit's own work, and only its way of starting a process was used (issue 18).
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import subprocess
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sop_lint.errors import SopLintError
from sop_lint.git.location import git_location

# Kept for git: where git itself is, and how it reaches remotes. Everything else of GIT_*
# describes the caller's repository view and is dropped.
_KEPT_GIT_VARIABLES = frozenset({"GIT_EXEC_PATH", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSL_CAINFO", "GIT_SSL_NO_VERIFY"})
_OFFLINE = {"GIT_NO_LAZY_FETCH": "1", "GIT_ALLOW_PROTOCOL": ""}
_READ_SIZE = 1 << 20
_STREAM_PIECE = 1 << 16
NO_GIT = "git is not installed (or not on PATH)"


class GitFailed(SopLintError):
    """git is missing, or a git command failed; the message says which and why."""


@dataclass(frozen=True)
class Git:
    """git working in `working_dir`, with `environment` added to every call's."""

    working_dir: Path
    environment: dict[str, str] = field(default_factory=dict)

    def start(self, args: tuple[str, ...], env: dict[str, str] | None = None, *, stdin: bool = False) -> subprocess.Popen[bytes]:
        """`git args...` running, its output and errors piped; `env` adds variables for
        this call only. Windows would look for `git.exe` in the current folder (the
        repository) before PATH, unless told not to."""
        environment = {**os.environ, "LANGUAGE": "C", "LC_ALL": "C", **self.environment, **(env or {})}
        if os.name == "nt":
            os.environ["NODEFAULTCURRENTDIRECTORYINEXEPATH"] = "1"  # Windows names are not case-sensitive
        try:
            return subprocess.Popen(
                ["git", *args], cwd=self.working_dir, env=environment, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError:
            raise GitFailed(NO_GIT) from None

    def output(self, args: tuple[str, ...], env: dict[str, str] | None = None) -> tuple[int, str, str]:
        """git's exit code, standard output and standard error, as text."""
        process = self.start(args, env)
        out, err = process.communicate()
        return process.returncode, out.decode(errors="surrogateescape"), err.decode(errors="replace")


def git_at(root: Path) -> Git:
    """git working in `root`."""
    location = git_location(root)
    if location is not None and location.from_environment:
        return Git(root, {"GIT_DIR": str(location.git_dir), "GIT_WORK_TREE": str(location.work_tree)})
    return Git(root)


@contextlib.contextmanager
def without_git_variables() -> Iterator[None]:
    """git starts from this process's environment, so the variables are taken out of it
    for the duration of the calls."""
    saved = {key: value for key, value in os.environ.items() if key.startswith("GIT_") and key not in _KEPT_GIT_VARIABLES}
    for key in saved:
        del os.environ[key]
    os.environ.update(_OFFLINE)
    try:
        yield
    finally:
        for key in _OFFLINE:
            os.environ.pop(key, None)
        os.environ.update(saved)


def run(git: Git, *args: str, env: dict[str, str] | None = None) -> str:
    """git's standard output, as text; `env` adds variables for this call only."""
    code, out, err = git.output(args, env)
    if code != 0:
        raise GitFailed(f"git {args[0]} failed: {first_error_line(err)}")
    return out


def succeeds(git: Git, *args: str) -> bool:
    try:
        run(git, *args)
    except GitFailed:
        return False
    return True


def first_error_line(stderr: str) -> str:
    """git's own first line of complaint (`fatal: detected dubious ownership ...`); a
    warning before it (`lazy fetching disabled`) says less."""
    text = stderr.strip()
    lines = [line for line in text.splitlines() if not line.startswith("warning:")] or text.splitlines()
    return lines[0] if lines else "it ended without saying why"


def _finish(process: subprocess.Popen[bytes], name: str) -> None:
    """Waits for git, whose output has been read; its failure, with its first line of complaint."""
    assert process.stderr is not None
    err = process.stderr.read()
    process.stderr.close()
    if process.wait() != 0:
        raise GitFailed(f"git {name} failed: {first_error_line(err.decode(errors='replace'))}")


def missing_objects(git: Git, ids: list[str]) -> set[str]:
    """Which of `ids` this repository does not hold, found without downloading any (a
    `cat-file` would stop at the first one missing)."""
    process = git.start(("rev-list", "--objects", "--missing=print", "--ignore-missing", "--no-walk", "--stdin"), stdin=True)
    output, errors = process.communicate("".join(f"{blob}\n" for blob in ids).encode())
    if process.returncode != 0:
        raise GitFailed(f"git rev-list failed: {first_error_line(errors.decode(errors='replace'))}")
    return set(ids) - {line.split(" ")[0] for line in output.decode().splitlines()}


def rename_detection(git: Git) -> str:
    """git's rename option for `git`'s repository. Pairing an edited file with its old name
    compares contents that a partial clone lacks: there only exact renames are followed."""
    location = git_location(git.working_dir)
    return "-M100%" if location is not None and location.is_partial else "-M"


def stream(git: Git, *args: str) -> Generator[str, None, None]:
    """git's standard output as text, in pieces as it comes (for `git log` over a long
    history, which would not fit in memory at once)."""
    process = git.start(args)
    output = process.stdout
    assert isinstance(output, io.BufferedReader)
    # One decoder for the whole stream: a character split between two reads stays whole.
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    read_all = False
    try:
        # A pipe's worth at a time: parsing it takes less time than git needs to fill the
        # pipe again, so git never waits (a megabyte at a time, it waited for every parse).
        for chunk in iter(lambda: output.read(_STREAM_PIECE), b""):
            yield decoder.decode(chunk)
        read_all = True
    finally:
        output.close()
        if read_all:
            _finish(process, args[0])
        else:  # the reader stopped early (it has what it needs, or failed): git is stopped, not judged
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.kill()
    process.wait()
    assert process.stderr is not None
    process.stderr.close()


def head(git: Git) -> str | None:
    """HEAD's commit id, None before the first commit."""
    return commit_of(git, "HEAD")


def commit_of(git: Git, name: str) -> str | None:
    """The commit `name` names, None when it names none. `--quiet` silences only that
    case: a real failure (no git, dubious ownership, a corrupt object) still says why."""
    code, out, err = git.output(("rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"))
    if code != 0 and err.strip():
        raise GitFailed(f"git rev-parse failed: {first_error_line(err)}")
    return out.strip() or None if code == 0 else None


def read_blobs(git: Git, blobs: list[str], max_bytes: int, env: dict[str, str] | None = None) -> list[bytes | int]:
    """Many objects' contents through one `git cat-file --batch`: the ids are written from a
    thread while the contents are read here, so neither side waits on a full pipe. An
    object over `max_bytes` is read past and given as its size instead. `env` adds
    variables for this call only."""
    import threading

    process = git.start(("cat-file", "--batch"), env, stdin=True)
    assert process.stdin is not None and process.stdout is not None
    ids = b"".join(blob.encode() + b"\n" for blob in blobs)
    into = process.stdin

    def write() -> None:
        with contextlib.suppress(BrokenPipeError):
            into.write(ids)
        with contextlib.suppress(BrokenPipeError):  # closing flushes what is left
            into.close()

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    output = process.stdout
    try:
        contents = [_read_object(output, blob, max_bytes) for blob in blobs]
    except BaseException:
        # Stopped early, git may be blocked on a full pipe, and the writer behind it:
        # closing the output ends git, which ends the writer. Then the first error stands.
        output.close()
        writer.join()
        with contextlib.suppress(GitFailed):
            _finish(process, "cat-file")
        raise
    writer.join()
    output.close()
    _finish(process, "cat-file")
    return contents


class BlobReader:
    """One object's content at a time, through a `git cat-file --batch` process kept open
    between reads (for a document that needs its positions later): many small reads cost
    one process, not one each."""

    def __init__(self, git: Git) -> None:
        self._git = git
        self._process: subprocess.Popen[bytes] | None = None
        self._env: dict[str, str] | None = None

    def read(self, blob: str, env: dict[str, str] | None = None) -> bytes:
        """`env` adds variables for the process; with others than the running one's, it is
        started anew."""
        if self._process is not None and env != self._env:
            self.close()
        if self._process is None:
            self._process = self._git.start(("cat-file", "--batch"), env, stdin=True)
            self._env = env
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None
        try:
            stdin.write(blob.encode() + b"\n")
            stdin.flush()
            content = _read_object(stdout, blob, None)
        except OSError as error:  # the process is gone: the next read starts another
            self.close()
            raise GitFailed(f"git cat-file failed: {error}") from None
        except GitFailed:  # the process may be out of step: the next read starts another
            self.close()
            raise
        assert isinstance(content, bytes)  # no limit, so never a size
        return content

    def close(self) -> None:
        if self._process is not None:
            process, self._process = self._process, None
            with contextlib.suppress(OSError):  # a process that died leaves a broken pipe
                process.stdin.close()  # type: ignore[union-attr]
            process.stdout.close()  # type: ignore[union-attr]
            process.stderr.close()  # type: ignore[union-attr]
            process.wait()  # it has told us all we asked; how it ends does not matter


def _read_object(output: IO[bytes], blob: str, max_bytes: int | None) -> bytes | int:
    """One answer of `git cat-file --batch`: `<id> <type> <size>`, the content, a newline.
    An object over `max_bytes` is read past to exactly its end, in pieces (it may not fit in
    memory), and given as its size: a byte more or less and every later answer would be
    read from the wrong place. The header must name the object asked for, so an answer out
    of step is an error, never another file's content."""
    header = output.readline().split()
    if len(header) != 3 or header[0] != blob.encode() or not header[2].isdigit():
        raise GitFailed(f"git cat-file failed: object {blob} is missing or unreadable")
    size = int(header[2])
    if max_bytes is not None and size > max_bytes:
        _read_exactly(output, size + 1, keep=False)  # the content and the newline after it
        return size
    return _read_exactly(output, size + 1, keep=True)[:-1]


def _read_exactly(output: IO[bytes], count: int, *, keep: bool) -> bytes:
    """`count` bytes of `output`, kept or (with `keep` False) only read past."""
    pieces = []
    while count:
        piece = output.read(min(_READ_SIZE, count))
        if not piece:
            raise GitFailed("git cat-file failed: its output ended in the middle of an object")
        count -= len(piece)
        if keep:
            pieces.append(piece)
    return b"".join(pieces)
