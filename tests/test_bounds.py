"""Hostile input is bounded: each limit gives a finding (or, for the number of files, an
error) that names the limit and how to change it, in little time and memory."""

import time
import tracemalloc

import pytest

from sop_lint.reading.documents import LoadProblemKind
from sop_lint.reading.json_values import TOO_DEEP, TOO_MANY
from sop_lint.reading.loader import parse_document
from tests.conftest import assert_inside, findings, messages, run_cli
from tests.repos import PROCESS, SCHEDULE_SOP, billion_laughs, valid_repo

# Generous: each bound below takes a few milliseconds; a regression takes seconds.
CPU_SECONDS = 1.0


def cpu_time_of(action):
    start = time.process_time()
    result = action()
    return result, time.process_time() - start


def test_a_100_mb_file_is_refused_from_its_size_without_being_read(repo):
    root = repo(valid_repo())
    with (root / "sops" / "huge.yaml").open("wb") as handle:
        handle.truncate(100_000_000)  # sparse: costs no disk, reads as 100 MB of NUL bytes
    found, seconds = cpu_time_of(lambda: messages(root, "--no-cache"))
    assert found == [
        ("Y005 the file is 100,000,000 bytes, over the limit of 1,000,000 (`max-file-size`), so sop-lint does not "
        "read it: split it into smaller files, or raise `max-file-size` in the configuration")
    ]
    assert seconds < CPU_SECONDS


def test_max_file_size_is_a_setting(repo):
    root = repo(valid_repo({"sop-lint.yaml": "max-file-size: 300\n"}))
    assert len(PROCESS) > 300 > len(SCHEDULE_SOP)
    assert findings(root) == [("processes/promote-new-video.yaml", 1, 1, "Y005"), ("sops/draft-post-copy.md", 1, 1, "Y005")]
    assert "over the limit of 300 (`max-file-size`)" in messages(root)[0]


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("0", "is out of range: 0 is less than the minimum of 1"),
        ("1MB", "should be a whole number, not the text `1MB` (the largest process or SOP file sop-lint reads, in bytes (default 1 MB))"),
        ("1.5", "should be a whole number, not the number `1.5` (the largest process or SOP file sop-lint reads, in bytes (default 1 MB))"),
    ],
)
def test_a_limit_must_be_a_positive_whole_number(repo, value, error):
    root = repo(valid_repo({"sop-lint.yaml": f"max-file-size: {value}\n"}))
    code, _, err = run_cli("check", root)
    assert (code, err) == (2, f"sop-lint: error: {root / 'sop-lint.yaml'}:1:16: `max-file-size` {error}\n")


def test_more_files_than_max_files_stop_the_run_before_any_is_read(repo):
    root = repo(valid_repo({"sop-lint.yaml": "max-files: 2\n"}))
    code, out, err = run_cli("check", root)
    assert (code, out) == (2, "")
    assert err == (
        f"sop-lint: error: {root} holds more than 2 process and SOP files (`max-files`): check the right folder, "
        "narrow `processes`, `sops` or `exclude`, or raise `max-files` in the configuration\n"
    )
    assert run_cli("check", repo(valid_repo({"sop-lint.yaml": "max-files: 3\n"})))[0] == 0


BOMBS = {
    "flow sequences, 10,000 deep": "[" * 10_000 + "]" * 10_000 + "\n",
    "flow sequences, 300,000 deep and never closed": "[" * 300_000,
    "flow mappings, 10,000 deep": "{a: " * 10_000 + "}" * 10_000 + "\n",
    "block sequences, 10,000 deep on one line": "- " * 10_000 + "x\n",
    "explicit keys, 10,000 deep": "? " * 10_000 + "x\n",
    "block mappings, 1,000 deep": "".join(" " * level + "a:\n" for level in range(1_000)),
    "flow sequences, 900 deep, then a syntax error": "[" * 900 + "]" * 900 + "\nkey: value\n",
    "billion laughs": billion_laughs(),
    "billion laughs, 20 levels": billion_laughs(20),
}


@pytest.mark.parametrize("text", BOMBS.values(), ids=BOMBS.keys())
def test_a_bomb_is_a_limit_finding_in_little_time_and_memory(text):
    tracemalloc.start()
    try:
        document, seconds = cpu_time_of(lambda: parse_document("bomb.yaml", text.encode(), positions=False))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    [problem] = document.problems
    assert problem.kind is LoadProblemKind.LIMIT
    assert problem.message in (TOO_DEEP, TOO_MANY)
    assert_inside(text, problem.position.line, problem.position.column, problem)
    assert seconds < CPU_SECONDS
    assert peak < 50_000_000 + 2 * len(text)  # the text itself, decoded, and little more


def test_the_limits_say_what_was_hit_and_what_to_do():
    assert "more than 200 levels deep" in TOO_DEEP and "flatten" in TOO_DEEP
    assert "more than 100,000 values" in TOO_MANY and "split the file" in TOO_MANY


def test_bombs_beside_good_files_through_the_cli(repo):
    files = {f"sops/bomb-{index}.yaml": text for index, text in enumerate(BOMBS.values())}
    root = repo(valid_repo(files))
    found, seconds = cpu_time_of(lambda: findings(root, "--no-cache"))
    assert [(path, code) for path, _, _, code in found] == [(path, "Y005") for path in sorted(files)]
    assert seconds < CPU_SECONDS * len(files)


# Valid YAML that feeds each cheap pre-test of yaml_conformance the input that would make a
# careless regular expression backtrack quadratically: a megabyte of it must stay fast.
PATHOLOGICAL = {
    "tags": "a: '" + "!" * 1_000_000 + "'\n",
    "brackets before a dash": "a: '" + "[" * 500_000 + ": - '\n",
    "commas and spaces": "a: '" + ", " * 500_000 + "'\n",
    "hashes after quotes": "a: \"" + "x'#" * 300_000 + "\"\n",
    "block headers": "a: '" + "| " * 500_000 + "'\n",
    "blank lines after a header": "a: |\n" + "\n" * 500_000 + "  x\n",
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_a_megabyte_built_to_slow_the_pre_tests_stays_fast(text):
    _, seconds = cpu_time_of(lambda: parse_document("slow.yaml", text.encode(), positions=False))
    assert seconds < CPU_SECONDS
