"""Glob patterns (configuration and CODEOWNERS share one matcher): what they match, and that
no pattern makes matching slow (issue 12, item 6) or prints warnings (item 21)."""

from __future__ import annotations

import fnmatch
import functools
import re
import subprocess
import sys
import time
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sop_lint.reading.globs import GlobError, compile_glob, matches_any
from tests.conftest import history_note, run_cli
from tests.repos import valid_repo


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("processes/**/*.yaml", "processes/a.yaml", True),
        ("processes/**/*.yaml", "processes/x/y/a.yaml", True),
        ("processes/**/*.yaml", "processes/a.yml", False),
        ("sops/*", "sops/a", True),
        ("sops/*", "sops/a/b", False),  # `*` stays in its folder
        ("sops/?", "sops//", False),  # and so does `?`
        ("docs/drafts/**", "docs/drafts/x/y.md", True),
        ("docs/drafts/**", "docs/drafts/", True),  # the folder itself, as discovery asks about it
        ("docs/drafts/**", "docs/drafts", False),
        ("**/x", "x", True),
        ("**/x", "a/b/x", True),
        ("**/x", "a/bx", False),
        ("**", "a/b", True),
        ("a/**/b/**/c", "a/b/c", True),
        ("a/**/**/c", "a/b/c", True),
        ("a/**/b/**/c", "a/x/b/y/b/z/c", True),
        ("a/**/b/**/c", "a/x/b/y/c/d", False),
        ("**.md", "b.md", True),  # `**` inside a name is `*`, as in .gitignore
        ("**.md", "a/b.md", False),
        ("*a*b", "xaxbxb", True),
        ("*a*b", "xaxbxc", False),
        ("[!a]b", "cb", True),
        ("[!a]b", "/b", False),  # a set never matches `/`
        ("[^a]b", "ab", False),
        ("[a-c]x", "bx", True),
        ("[[]x", "[x", True),
        ("[]]", "]", True),  # `]` first is a member
        ("a[", "a[", True),  # `[` that never closes is itself
        ("[]", "[]", True),
        ("*", "line\nbreak", True),  # a new line is a character of a name like any other
        ("**/*.md", "odd\nfolder/a.md", True),
    ],
)
def test_what_a_glob_matches(pattern, path, expected):
    assert matches_any(path, [pattern]) is expected
    assert (compile_glob(pattern).match(path) is not None) is expected


def _elapsed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


@pytest.mark.parametrize(
    ("pattern", "path"),
    [
        ("sops/*a*a*a*a*a*a*a*a*ab", "sops/" + "a" * 34 + ".md"),  # minutes before
        ("sops/*a*a*a*a*a*a*a*a*ab", "sops/" + "a" * 4000),
        ("**/" * 6 + "b", "a/" * 60 + "x"),  # seconds before
        ("**/" * 50 + "b", "a/" * 2000 + "x"),
        ("**/a/" * 50 + "**/b", "a/" * 2000 + "x"),
        ("*/" * 30 + "*a*a*a*a*a*ab", "a/" * 30 + "a" * 2000),
        ("**/*a*a*a*a*a*ab/**/*a*a*a*a*ab/x", ("a" * 50 + "/") * 200 + "y"),
    ],
    ids=["stars", "stars-4000", "globstars", "globstars-2000", "globstar-chunks", "folders-then-stars", "both"],
)
def test_no_glob_takes_long_whatever_the_path(pattern, path):
    assert _elapsed(matches_any, path, [pattern]) < 0.25
    assert _elapsed(lambda: compile_glob(pattern).match(path)) < 0.25
    assert not matches_any(path, [pattern])


def test_an_exclude_glob_does_not_slow_check(repo):
    """Issue 12's attack, end to end: 34 s for one file, then past 60 s."""
    name = "sops/" + "a" * 40 + ".md"
    root = repo(valid_repo({name: "not an SOP\n", "sop-lint.yaml": 'exclude: ["sops/*a*a*a*a*a*a*a*a*ab"]\n'}))
    start = time.perf_counter()
    code, out, _ = run_cli("check", root, "--ignore", "H")
    assert time.perf_counter() - start < 5
    assert code == 1 and name in out  # not excluded: the name does not end in `ab`


@pytest.mark.parametrize("pattern", ["[[a]", "[a[]", "[a&&b]", "[--0]", "[!--]", "[a||b]", "[a~~b]", "[[:alpha:]]"])
def test_no_glob_warns(pattern):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compile_glob(pattern)
        matches_any("a", [pattern, "x"])


def test_a_backwards_range_is_an_error_that_says_so():
    with pytest.raises(GlobError, match=r"the range `z-a` in `\[z-a\]` runs backwards: write `a-z`"):
        compile_glob("sops/[z-a]*")


# --- the same answers as a plain reference -------------------------------------------------------
# Segments are matched by fnmatch (a name has no `/`; `**` in a name is `*` there too), and
# whole-folder `**` by trying every number of folders.

_PIECES = ["a", "b", ".", "*", "**", "?", "/", "[ab]", "[!a]", "[a-b]", "[]a]", "["]


def _reference(pattern: str, path: str) -> bool:
    parts: list[str | None] = []
    for segment in pattern.split("/"):
        is_globstar = len(segment) >= 2 and set(segment) == {"*"}
        if not (is_globstar and parts and parts[-1] is None):
            parts.append(None if is_globstar else segment)
    names = path.split("/")

    @functools.cache
    def match(index: int, at: int) -> bool:
        if index == len(parts):
            return at == len(names)
        part = parts[index]
        if part is None:
            if index == len(parts) - 1:  # trailing: everything in the folder, at any depth
                return at < len(names)
            return any(match(index + 1, later) for later in range(at, len(names) + 1))
        return at < len(names) and fnmatch.fnmatchcase(names[at], part) and match(index + 1, at + 1)

    return match(0, 0)


@pytest.mark.slow
@settings(max_examples=400, derandomize=True, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=8).map("".join),
    st.lists(st.sampled_from(["a", "b", ".", "/", "[", "]"]), max_size=10).map("".join),
)
def test_globs_agree_with_a_plain_reference(pattern, path):
    if re.search(r"\[[^\]]*/", pattern):  # a `[` before a `/`: the reference would split its set
        return
    assert matches_any(path, [pattern]) is _reference(pattern, path)


def test_a_run_with_odd_brackets_writes_nothing_to_stderr(repo):
    """Issue 12, item 21: `[[` printed Python's FutureWarning blocks ("Possible nested set")."""
    root = repo(valid_repo({"sop-lint.yaml": 'exclude: ["sops/[[]draft*", "sops/[a&&b]*", "[[:alpha:]]*"]\n'}))
    result = subprocess.run([sys.executable, "-W", "default", "-m", "sop_lint", "check", str(root)], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, history_note(root))
