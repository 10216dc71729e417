"""Running git: the only module that imports GitPython.

Git runs without the `GIT_*` variables a hook inherits (pre-commit sets
`GIT_INDEX_FILE`, for one), as pre-commit itself does, so it sees the repository and not
the caller's view of it; the one caller that wants the hook's index asks for it by name.
A repository named by `GIT_DIR` (see `git.location`) is named to git again explicitly.
git never downloads: in a partial clone it would fetch a missing object from its
promisor remote, writing packs into `.git`; `GIT_NO_LAZY_FETCH` (git 2.39.4 and later)
stops it, and an empty protocol allow-list makes the fetch fail in older versions.
Every failure becomes a `GitFailed` that carries git's own first line of complaint.
"""

from __future__ import annotations

import codecs
import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sop_lint.errors import SopLintError
from sop_lint.git.location import git_location

# Kept for git: where git itself is, and how it reaches remotes. Everything else of GIT_*
# describes the caller's repository view and is dropped.
_KEPT_GIT_VARIABLES = frozenset({"GIT_EXEC_PATH", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSL_CAINFO", "GIT_SSL_NO_VERIFY"})
_OFFLINE = {"GIT_NO_LAZY_FETCH": "1", "GIT_ALLOW_PROTOCOL": ""}
_READ_SIZE = 1 << 20
NO_GIT = "git is not installed (or not on PATH)"


class GitFailed(SopLintError):
    """git is missing, or a git command failed; the message says which and why."""


def git_at(root: Path) -> Any:
    """A GitPython command wrapper working in `root`."""
    # Without git on PATH, GitPython refuses to import with a long banner unless told to be
    # quiet; running a command then fails with GitCommandNotFound, which says it in one line.
    os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
    import git

    runner = git.Git(str(root))
    location = git_location(root)
    if location is not None and location.from_environment:
        runner.update_environment(GIT_DIR=str(location.git_dir), GIT_WORK_TREE=str(location.work_tree))
    return runner


@contextlib.contextmanager
def without_git_variables() -> Iterator[None]:
    """GitPython always starts from this process's environment, so the variables are
    taken out of it for the duration of the calls."""
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


def run(git: Any, *args: str, env: dict[str, str] | None = None) -> str:
    """git's standard output, as text; `env` adds variables for this call only."""
    from git.exc import GitCommandError, GitCommandNotFound

    try:
        return str(git.execute(["git", *args], strip_newline_in_stdout=False, env=env))
    except GitCommandNotFound:
        raise GitFailed(NO_GIT) from None
    except GitCommandError as error:
        raise GitFailed(f"git {args[0]} failed: {first_error_line(error)}") from None


def succeeds(git: Any, *args: str) -> bool:
    try:
        run(git, *args)
    except GitFailed:
        return False
    return True


def first_error_line(error: Any) -> str:
    """git's own first line of complaint (`fatal: detected dubious ownership ...`); a
    warning before it (`lazy fetching disabled`) says less."""
    text = str(error.stderr).strip().removeprefix("stderr:").strip().strip("'").strip()
    lines = [line for line in text.splitlines() if not line.startswith("warning:")] or text.splitlines()
    return lines[0] if lines else str(error).splitlines()[0]


def missing_objects(git: Any, ids: list[str]) -> set[str]:
    """Which of `ids` this repository does not hold, found without downloading any (a
    `cat-file` would stop at the first one missing)."""
    import subprocess

    from git.exc import GitCommandNotFound

    try:
        process = git.execute(
            ["git", "rev-list", "--objects", "--missing=print", "--ignore-missing", "--no-walk", "--stdin"],
            as_process=True, istream=subprocess.PIPE,
        )
    except GitCommandNotFound:
        raise GitFailed(NO_GIT) from None
    output, errors = process.proc.communicate("".join(f"{blob}\n" for blob in ids).encode())
    if process.proc.returncode != 0:
        raise GitFailed(f"git rev-list failed: {errors.decode(errors='replace').strip().splitlines()[0]}")
    return set(ids) - {line.split(" ")[0] for line in output.decode().splitlines()}


def rename_detection(git: Any) -> str:
    """git's rename option for `git`'s repository. Pairing an edited file with its old name
    compares contents that a partial clone lacks: there only exact renames are followed."""
    location = git_location(Path(git.working_dir))
    return "-M100%" if location is not None and location.is_partial else "-M"


def stream(git: Any, *args: str) -> Iterator[str]:
    """git's standard output as text, in pieces as it comes (for `git log` over a long
    history, which would not fit in memory at once)."""
    from git.exc import GitCommandError, GitCommandNotFound

    try:
        process = git.execute(["git", *args], as_process=True)
    except GitCommandNotFound:
        raise GitFailed(NO_GIT) from None
    # One decoder for the whole stream: a character split between two reads stays whole.
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    try:
        for chunk in iter(lambda: process.proc.stdout.read(_READ_SIZE), b""):
            yield decoder.decode(chunk)
    finally:
        process.proc.stdout.close()
        try:
            process.wait()
        except GitCommandError as error:
            raise GitFailed(f"git {args[0]} failed: {first_error_line(error)}") from None


def head(git: Any) -> str | None:
    """HEAD's commit id, None before the first commit."""
    return commit_of(git, "HEAD")


def commit_of(git: Any, name: str) -> str | None:
    """The commit `name` names, None when it names none. `--quiet` silences only that
    case: a real failure (no git, dubious ownership, a corrupt object) still says why."""
    from git.exc import GitCommandError, GitCommandNotFound

    try:
        return str(git.execute(["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"])).strip() or None
    except GitCommandNotFound:
        raise GitFailed(NO_GIT) from None
    except GitCommandError as error:
        if str(error.stderr).strip().removeprefix("stderr:").strip().strip("'").strip():
            raise GitFailed(f"git rev-parse failed: {first_error_line(error)}") from None
        return None


def read_blobs(git: Any, blobs: list[str], max_bytes: int, env: dict[str, str] | None = None) -> list[bytes | int]:
    """Many objects' contents through one `git cat-file --batch`: the ids are written from a
    thread while the contents are read here, so neither side waits on a full pipe. An
    object over `max_bytes` is read past and given as its size instead. `env` adds
    variables for this call only."""
    import subprocess
    import threading

    from git.exc import GitCommandError, GitCommandNotFound

    try:
        process = git.execute(["git", "cat-file", "--batch"], as_process=True, istream=subprocess.PIPE, env=env)
    except GitCommandNotFound:
        raise GitFailed(NO_GIT) from None
    ids = b"".join(blob.encode() + b"\n" for blob in blobs)

    def write() -> None:
        with contextlib.suppress(BrokenPipeError):
            process.proc.stdin.write(ids)
        with contextlib.suppress(BrokenPipeError):  # closing flushes what is left
            process.proc.stdin.close()

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    output = process.proc.stdout
    try:
        contents = [_read_object(output, blob, max_bytes) for blob in blobs]
    except BaseException:
        # Stopped early, git may be blocked on a full pipe, and the writer behind it:
        # closing the output ends git, which ends the writer. Then the first error stands.
        output.close()
        writer.join()
        with contextlib.suppress(GitCommandError):
            process.wait()
        raise
    writer.join()
    output.close()
    try:
        process.wait()
    except GitCommandError as error:
        raise GitFailed(f"git cat-file failed: {first_error_line(error)}") from None
    return contents


class BlobReader:
    """One object's content at a time, through a `git cat-file --batch` process kept open
    between reads (for a document that needs its positions later): many small reads cost
    one process, not one each. The process is sop-lint's own, not GitPython's
    (`Git.get_object_data`), which refuses ids that are not 40 hex digits (a SHA-256
    repository's are 64) and, on that refusal, leaves the object in the pipe, where the
    next read would take it for its own."""

    def __init__(self, git: Any) -> None:
        self._git = git
        self._process: Any = None
        self._env: dict[str, str] | None = None

    def read(self, blob: str, env: dict[str, str] | None = None) -> bytes:
        """`env` adds variables for the process; with others than the running one's, it is
        started anew."""
        import subprocess

        from git.exc import GitCommandNotFound

        if self._process is not None and env != self._env:
            self.close()
        if self._process is None:
            try:
                self._process = self._git.execute(["git", "cat-file", "--batch"], as_process=True, istream=subprocess.PIPE, env=env)
            except GitCommandNotFound:
                raise GitFailed(NO_GIT) from None
            self._env = env
        try:
            self._process.proc.stdin.write(blob.encode() + b"\n")
            self._process.proc.stdin.flush()
            content = _read_object(self._process.proc.stdout, blob, None)
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
                process.proc.stdin.close()
            process.proc.stdout.close()
            with contextlib.suppress(Exception):  # it has told us all we asked; how it ends does not matter
                process.wait()


def _read_object(output: Any, blob: str, max_bytes: int | None) -> bytes | int:
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


def _read_exactly(output: Any, count: int, *, keep: bool) -> bytes:
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
