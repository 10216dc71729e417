"""A syntax error late in a large file costs about what reading the file does (issue 12,
item 14: a late error in a 1 MB file took 10 to 17 s). ruamel.yaml re-reads at most
`REREAD_BUDGET` characters of a file libyaml rejects; past that libyaml's verdict stands,
at the same place and with the same advice."""

import functools
import time

import pytest

from sop_lint.engine.file_checks import _chunks, worker_count
from sop_lint.kinds import Kind
from sop_lint.reading import yaml_parsers
from sop_lint.reading.loader import parse_document
from tests.conftest import assert_inside, check_json
from tests.repos import valid_repo

HEAD = "kind: process\nid: big\ntitle: Big process\nowner: '@ops'\ntrigger: A thing happens\noutcome: It is done\nsteps:\n"
# A step of three lines holding many values: what ruamel.yaml reads slowest, per character
# (yet far from the limit of 100,000 values a file).
STEP = "  - name: Step {0}, with a few words\n    sop: sop-{1}\n    x-note: {{a: 1, b: x}}\n"
ONE_MB = 12_550  # steps: 990 KB, just under the default `max-file-size`


def process(steps: int, tail: str = "") -> str:
    return HEAD + "".join(STEP.format(number, number % 50) for number in range(steps)) + tail


def front_matter(steps: int, tail: str = "") -> str:
    return "---\n" + process(steps, tail) + "---\n# Big\n\n1. Do it.\n"


EMBEDDINGS = {"yaml": ("big.yaml", process, 0), "markdown": ("big.md", front_matter, 1)}

# (what is appended, line and column of the finding after it, the finding's message)
LATE_ERRORS = {
    "tab": ("\textra: x\n", 1, 1, "YAML syntax error: a tab where YAML allows only spaces: indent with spaces, not tabs"),
    # Met at the end of the text; reported where the quote opens.
    "unclosed quote": ("  - name: 'Last step\n", 1, 11, "YAML syntax error: the `'` here opens a quote that is never closed: end the quoted text with another `'`"),
    "bad indentation": (
        "tags: [a]\n   extra: x\n", 2, 4,
        'YAML syntax error: did not find expected key: text follows a closing quote or bracket: quote the whole value, like `title: "[Draft] copy"`',
    ),
    "unclosed bracket": (
        "tags: [a, b\nreview_every: 90d\n", 2, 13,
        "YAML syntax error: did not find expected ',' or ']': a `[` or `{` is opened and never closed, or a value inside it needs quotes",
    ),
    "control character": (
        "tags: [a\x01b]\n", 1, 9,
        ("YAML syntax error: unacceptable character #x0001: control characters are not allowed: the file holds an invisible "
        "control character here, often pasted in from another program: delete it"),
    ),
    "duplicate key": ("title: Again\n", 1, 1, "the key `title` appears twice in the same mapping; only the first one counts, so merge or remove the other"),
}


def cpu_seconds(action) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


@functools.cache
def floor(embedding: str, steps: int) -> float:
    """What parsing the same file without the error costs, here and now."""
    path, build, _ = EMBEDDINGS[embedding]
    return cpu_seconds(lambda: parse_document(path, build(steps).encode(), positions=False))


@pytest.mark.slow
@pytest.mark.parametrize("embedding", EMBEDDINGS)
@pytest.mark.parametrize("error", LATE_ERRORS)
def test_a_late_error_costs_about_what_reading_the_file_does(embedding, error):
    steps = ONE_MB if (embedding, error) == ("yaml", "tab") else ONE_MB // 4
    path, build, shift = EMBEDDINGS[embedding]
    tail, line, column, message = LATE_ERRORS[error]
    text = build(steps, tail)
    documents = []
    seconds = cpu_seconds(lambda: documents.append(parse_document(path, text.encode(), positions=False)))
    [problem] = documents[0].problems
    assert (problem.position.line, problem.position.column, problem.message) == (len(HEAD.splitlines()) + 3 * steps + line + shift, column, message)
    assert_inside(text, problem.position.line, problem.position.column)
    # Generous on a shared machine: ruamel.yaml took 10 times the floor over a 1 MB file.
    assert seconds < 2 * floor(embedding, steps) + 0.5


@pytest.mark.slow
def test_a_late_error_in_a_file_just_under_the_size_limit_through_the_cli(repo):
    text = process(ONE_MB, "  - name: 'Last step\n")
    assert 990_000 < len(text) < 1_000_000
    root = repo(valid_repo({"processes/big.yaml": text}))
    start = time.process_time()
    _, report = check_json(root, "--no-cache", "--select", "Y")
    seconds = time.process_time() - start
    last_line = len(HEAD.splitlines()) + 3 * ONE_MB + 1
    assert [(f["path"], f["line"], f["column"], f["code"], f["message"]) for f in report["findings"]] == [
        ("processes/big.yaml", last_line, 11, "Y001", LATE_ERRORS["unclosed quote"][3])
    ]
    assert seconds < 2 * floor("yaml", ONE_MB) + 1


# Small files are re-read by ruamel.yaml as before; libyaml's verdict on each (as past the
# budget) is at the same place and gives the same advice, in libyaml's words.
SMALL_ERRORS = {
    "tab indentation": ("kind: sop\n\ttool: x\n", "a tab where YAML allows only spaces"),
    "unclosed quote": ('kind: sop\ntone: "Upbeat\nid: x\n', "opens a quote that is never closed"),
    "bad indentation": ("kind: sop\ntool: Buffer\n  extra: x\n", "a value containing ': ' must be quoted"),
    "bad indentation of an item": ("steps:\n  - a\n - b\n", "quote the whole value"),
    "unclosed bracket": ("title: [Promote\nid: x\n", "a `[` or `{` is opened and never closed"),
    "unquoted @": ("owner: @ops\n", 'like `owner: "@social-team"`'),
    "colon in a value": ("title: a: b\n", 'put the whole value in quotes, like `title: "a: b"`'),
    "text after a quote": ('title: "Draft" copy\n', "quote the whole value"),
    "an item after a value": ("title: x\n- y\n", "quote the whole value"),
    "a second document": ("kind: sop\n---\nkind: sop\n", "remove the extra `---` line"),
    "undefined alias": ("kind: sop\ntone: *t\n", "names an `&anchor` that does not exist"),
    "control character": ("kind: sop\ntone: a\x01b\n", "an invisible control character"),
    "missing colon": ("kind: sop\ntool Buffer\nid: x\n", "needs a `key: value` form"),
}


def problems_of(text: str) -> list[tuple[int, int, str]]:
    return [(p.position.line, p.position.column, p.message) for p in parse_document("a.yaml", text.encode()).problems]


@pytest.mark.parametrize(("text", "advice"), SMALL_ERRORS.values(), ids=SMALL_ERRORS.keys())
def test_libyaml_verdict_is_at_the_same_place_with_the_same_advice(monkeypatch, text, advice):
    [(line, column, message)] = problems_of(text)
    monkeypatch.setattr(yaml_parsers, "REREAD_BUDGET", 0)
    [(fast_line, fast_column, fast_message)] = problems_of(text)
    assert (fast_line, fast_column) == (line, column)
    assert advice in message and advice in fast_message


LONG_HEAD = "".join(f"key{number}: value\n" for number in range(2_000))  # past the budget


def test_an_error_within_the_budget_keeps_ruamel_yaml_words_however_long_the_file():
    assert problems_of("owner: @ops\n" + "x" * 100_000 + ": y\n") == [
        (1, 8, ("YAML syntax error: found character '@' that cannot start any token: a value that starts with `@`, `` ` ``, `%` or a "
        'similar character must be quoted, like `owner: "@social-team"`; if a line above opens a quote, close it'))
    ]
    [(_, _, late)] = problems_of(LONG_HEAD + "owner: @ops\n")
    assert late.startswith("YAML syntax error: found character that cannot start any token: a value that starts with `@`")


# Valid YAML that libyaml alone rejects: an anchor defined again, a tab starting a line of
# a `|` block. ruamel.yaml reads it within the budget; past the budget libyaml's verdict
# stands (as PyYAML, and so yamllint, would read it), in bounded time.
LIBYAML_GAPS = {"anchor defined again": "a: &x 1\nb: &x 2\n", "tab starting a block": "a: |\n  \tx\n"}


@pytest.mark.parametrize("gap", LIBYAML_GAPS.values(), ids=LIBYAML_GAPS.keys())
def test_what_only_libyaml_rejects_is_read_within_the_budget_and_judged_by_libyaml_past_it(gap):
    assert problems_of(gap) == []
    assert [message[:18] for _, _, message in problems_of(LONG_HEAD + gap)] == ["YAML syntax error:"]
    # Early in a long file: ruamel.yaml would read on to the end; it stops at the budget.
    long_tail = "".join(f"k{number}: {{a: [1, 2]}}\n" for number in range(20_000))
    found = []
    seconds = cpu_seconds(lambda: found.extend(problems_of(gap + long_tail)))
    assert [(line, message[:18]) for line, _, message in found] == [(2, "YAML syntax error:")]
    assert seconds < 2


def test_large_files_go_to_worker_processes_even_when_few():
    assert worker_count([990_000] * 20, cores=2) == 2
    assert worker_count([990_000] * 2, cores=2) == 2
    assert worker_count([990_000], cores=2) == 1  # one file: nothing to share
    assert worker_count([990_000] + [1_000] * 50, cores=2) == 1  # the large file would keep one worker busy alone
    assert worker_count([1_000] * 20, cores=2) == 1  # a pre-commit run: starting workers costs more
    assert worker_count([1_000] * 400, cores=2) == 2
    assert worker_count([990_000] * 20, cores=1) == 1


def test_large_files_are_shared_out_one_by_one_and_small_ones_in_chunks():
    tasks = [("big.yaml", Kind.PROCESS, b"x" * 990_000)] * 3 + [("small.yaml", Kind.SOP, b"x" * 1_000)] * 300
    chunks = [[len(raw) for _, _, raw in chunk] for chunk in _chunks(tasks)]
    assert chunks[:3] == [[990_000]] * 3
    assert [len(chunk) for chunk in chunks[3:]] == [64, 64, 64, 64, 44]
