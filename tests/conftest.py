"""Shared test helpers: repositories written inline, and the CLI run for real."""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from sop_lint.cli import main

# Property-based tests: CI runs a fixed, modest number of examples in a fixed order (the
# `ci` profile); `HYPOTHESIS_PROFILE=long` hunts longer.
_COMMON = {"deadline": None, "database": None, "print_blob": True, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=150, derandomize=True, **_COMMON)
settings.register_profile("long", max_examples=20_000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The files that take longest, longest first (CPU seconds in one process, measured on
# 2026-12-02): xdist hands whole files to its workers (`--dist loadfile`) in collection
# order (`--no-loadscope-reorder`; its default order is by number of tests, which put
# these few-test files last, one worker running the pre-commit tests alone while the
# other idled). Longest first, the short files fill in at the end and the workers finish
# together. The other files keep their order, after these.
LONGEST_FIRST = (
    "test_pre_commit.py",  # 30: pre-commit builds its hook environment, then git commits
    "test_bench_smoke.py",  # 19: the benchmark scripts, end to end
    "test_action.py",  # 10: the action's script, sop-lint three times a test
    "test_diff_comment.py",  # 9
    "test_ci_formats.py",  # 9
    "test_properties.py",  # 9: Hypothesis
    "test_cache.py",  # 7
    "test_rules_security.py",  # 6
    "test_repository_shapes.py",  # 5
    "test_stale.py",  # 5: Chromium
    "test_secrets_never_echoed.py",  # 4
    "test_late_syntax_errors.py",  # 4
    "test_git_failures.py",  # 4
    "test_review.py",  # 4
    "test_parsers_agree.py",  # 4
    "test_lsp.py",  # 4
    "test_lsp_background.py",  # 4
    "test_diff.py",  # 4
    "test_yaml_test_suite.py",  # 3
    "test_rules_history.py",  # 3
    "test_file_system.py",  # 3
    "test_fix.py",  # 3
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files of LONGEST_FIRST first, in its order; a stable sort keeps the order of the
    tests in each file, and of the other files."""
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_REPO = REPO_ROOT / "sample-repo"
# The sample repository ages with this project's history: tests judge it as of this day.
SAMPLE_REPO_NOW = "2026-11-24"
SHARED = REPO_ROOT.parent / "shared"


def npm_tool(*parts: str) -> Path:
    """A file of a package `.ci/run` installs from npm (Mermaid, the SARIF Multitool): all of
    them in one cache home, MERMAID_HOME, by default `~/.cache/sop-lint-ci`."""
    home = Path(os.environ.get("MERMAID_HOME", Path.home() / ".cache" / "sop-lint-ci"))
    return home.joinpath("node_modules", *parts)


def history_note(root: Path) -> str:
    """What check says once on stderr about a folder outside git."""
    return (
        f"sop-lint: note: history rules (H001, H002, H003, H005) skipped: {root} is not inside a git work tree, "
        "so history cannot be read\n"
    )


# Line ends as an editor and the Language Server Protocol count them: CRLF, CR or LF.
_LINE_END = re.compile(r"\r\n|\r|\n")
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's, which begins the same
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def editor_lines(content: str | bytes) -> list[str]:
    """A file's lines as an editor shows them: UTF-8, or the UTF-16 or UTF-32 its byte
    order mark names, with U+FFFD for bytes that do not decode, and a last line after
    the last line end (empty when the file ends with one)."""
    if isinstance(content, bytes):
        encoding = next((name for mark, name in _BYTE_ORDER_MARKS if content.startswith(mark)), "utf-8-sig")
        content = content.decode(encoding, errors="replace")
    return _LINE_END.split(content.removeprefix("\ufeff"))


def assert_inside(content: str | bytes, line: int, column: int, finding: object = None) -> None:
    """A 1-based position points into the file: at one of its lines, at a character of
    that line or just after its last one (where an editor puts the cursor at its end)."""
    lines = editor_lines(content)
    assert 1 <= line <= len(lines), f"line {line} of a file of {len(lines)} lines: {finding}"
    width = len(lines[line - 1])
    assert 1 <= column <= width + 1, f"column {column} of line {line}, which has {width} characters: {finding}"


def write_files(root: Path, files: dict[str, str]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


def usage_error(err: str, command: str = "sop-lint") -> str:
    """The message of a usage error, once `err` is checked to be that one line and nothing
    more (no traceback), naming where help is: `sop-lint: error: MESSAGE (see `COMMAND --help`)`."""
    match = re.fullmatch(r"sop-lint: error: (.*) \(see `(.*) --help`\)\n", err)
    assert match is not None, err
    assert match[2].startswith("sop-lint"), err
    return match[1]


def run_cli(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def check_json(root: Path, *args: str | Path) -> tuple[int, dict]:
    code, out, err = run_cli("check", root, "--format", "json", *args)
    assert code in (0, 1), err
    return code, json.loads(out)


def findings(root: Path, *args: str | Path) -> list[tuple[str, int, int, str]]:
    """(path, line, column, code) of every finding, in output order."""
    _, report = check_json(root, *args)
    return [(f["path"], f["line"], f["column"], f["code"]) for f in report["findings"]]


def messages(root: Path, *args: str | Path) -> list[str]:
    _, report = check_json(root, *args)
    return [f"{f['code']} {f['message']}" for f in report["findings"]]


@pytest.fixture
def repo(tmp_path: Path):
    """Writes a repository from a dict of files and returns its root."""

    def make(files: dict[str, str]) -> Path:
        return write_files(tmp_path / "repo", files)

    return make


@pytest.fixture(scope="session")
def _cache_homes(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def _cache_outside_home(_cache_homes, monkeypatch):
    """Runs outside git keep their cache under XDG_CACHE_HOME: a temporary one per test.
    (Made with mkdtemp: tmp_path_factory.mktemp lists every folder made before, so its
    cost grows with each test.)"""
    monkeypatch.setenv("XDG_CACHE_HOME", tempfile.mkdtemp(dir=_cache_homes))


NEEDS_UNSHARE = pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare(1) for a bind mount")


def sop_lint_under_bind_mount(target: Path, *args: str | Path, read_only: bool = True) -> subprocess.CompletedProcess[str]:
    """`sop-lint ARGS` with `target` bind-mounted on itself (read-only unless asked), in a
    mount namespace of its own: chmod would not stop root, a read-only mount does. Skips
    the test where the machine allows no such mount."""
    remount = f' && mount -o remount,bind,ro "{target}"' if read_only else ""
    command = " ".join(f'"{arg}"' for arg in (sys.executable, "-m", "sop_lint", *map(str, args)))
    script = f'mount --bind "{target}" "{target}"{remount} && exec {command}'
    try:
        result = subprocess.run(["unshare", "--mount", "--map-root-user", "sh", "-c", script], capture_output=True, text=True)
    except OSError as error:
        pytest.skip(f"unshare cannot run here: {error}")
    if "mount:" in result.stderr or "unshare:" in result.stderr:
        pytest.skip(f"no bind mount here: {result.stderr.strip()}")
    return result
