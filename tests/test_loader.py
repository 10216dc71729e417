"""The loader: JSON values under YAML 1.2, exact positions, and problems instead of exceptions."""

import json
from pathlib import Path

import pytest

from sop_lint.findings import Position
from sop_lint.reading.documents import LoadProblemKind
from sop_lint.reading.loader import load_document
from tests.repos import billion_laughs


def load(tmp_path: Path, name: str, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return load_document(tmp_path, name)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("on", "on"),
        ("no", "no"),
        ("yes", "yes"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("", None),
        ("42", 42),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("0755", 755),
        ("1:30", "1:30"),
        ("2026-10-01", "2026-10-01"),
        ("2026-13-01", "2026-13-01"),
        ("2026-10-01 09:30:00", "2026-10-01T09:30:00"),
        ("2026-10-01T09:30:00Z", "2026-10-01T09:30:00Z"),
        ("2026-10-01t09:30:00.5+2", "2026-10-01T09:30:00.500000+02:00"),
        ("'42'", "42"),
        ("!!str 42", "42"),
        ("!custom x", "x"),
    ],
)
def test_scalars_become_json_values_under_yaml_1_2(tmp_path, text, value):
    document = load(tmp_path, "a.yaml", f"key: {text}\n")
    assert document.problems == []
    assert document.data == {"key": value}
    json.dumps(document.data)


def test_positions_of_keys_and_values_are_exact_and_1_based(tmp_path):
    document = load(tmp_path, "a.yaml", "id: x\nsteps:\n  - name: A\n    sop: b\n  - {name: C, sop: d}\n")
    assert document.position(("id",), key=True) == Position(1, 1)
    assert document.position(("id",)) == Position(1, 5)
    assert document.position(("steps", 0, "sop")) == Position(4, 10)
    assert document.position(("steps", 1, "sop"), key=True) == Position(5, 15)
    assert document.position(("steps", 1)) == Position(5, 5)
    assert document.position(("steps", 7, "name")) == Position(3, 3)  # nearest written ancestor: the list


def test_front_matter_positions_count_the_lines_of_the_whole_file(tmp_path):
    document = load(tmp_path, "a.md", "---\nkind: sop\nid: x\n---\n# Title\n\nBody\n")
    assert document.data == {"kind": "sop", "id": "x"}
    assert document.position(("id",)) == Position(3, 5)
    assert document.body_line == 5
    assert document.body.startswith("# Title")


def test_crlf_and_bom_keep_positions(tmp_path):
    document = load(tmp_path, "a.md", b"\xef\xbb\xbf---\r\nkind: sop\r\nid: x\r\n---\r\nBody\r\n")
    assert document.problems == []
    assert document.data == {"kind": "sop", "id": "x"}
    assert document.position(("id",)) == Position(3, 5)


def test_utf16_with_bom_is_read(tmp_path):
    document = load(tmp_path, "a.yaml", "id: café\n".encode("utf-16"))
    assert document.data == {"id": "café"}


@pytest.mark.parametrize(
    ("content", "kind", "position", "words"),
    [
        (b"id: caf\xe9\n", LoadProblemKind.INVALID_YAML, Position(1, 8), "not UTF-8"),
        ("a: 1\n  b: 2\n", LoadProblemKind.INVALID_YAML, Position(2, 4), "mapping values are not allowed"),
        ("a: 1\n\tb: 2\n", LoadProblemKind.INVALID_YAML, Position(2, 1), "spaces, not tabs"),
        ("a: 1\n---\nb: 2\n", LoadProblemKind.INVALID_YAML, Position(2, 1), "one document"),
        ("a: *nowhere\n", LoadProblemKind.INVALID_YAML, Position(1, 4), "alias"),
        ("a: &x [1, *x]\n", LoadProblemKind.INVALID_YAML, Position(1, 4), "contains it"),
        ("a: b\x00\n", LoadProblemKind.INVALID_YAML, Position(1, 5), "NUL byte"),
        ("a: 1\nb: 2\na: 3\n", LoadProblemKind.DUPLICATE_KEY, Position(3, 1), "`a` appears twice"),
        ("'1': a\n1: b\n", LoadProblemKind.DUPLICATE_KEY, Position(2, 1), "`1` appears twice"),
    ],
)
def test_bad_input_becomes_a_problem_at_its_place(tmp_path, content, kind, position, words):
    document = load(tmp_path, "a.yaml", content)
    [problem] = document.problems
    assert (problem.kind, problem.position) == (kind, position)
    assert words in problem.message


def test_duplicate_keys_keep_the_first_value_and_every_repeat_is_reported(tmp_path):
    document = load(tmp_path, "a.yaml", "a: 1\na: 2\nb: [x]\na: 3\n")
    assert document.data == {"a": 1, "b": ["x"]}
    assert [p.position.line for p in document.problems] == [2, 4]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("# Title\n", "no front matter"),
        ("---\nkind: sop\n# Title\n", "never closed"),
    ],
)
def test_front_matter_problems(tmp_path, content, words):
    document = load(tmp_path, "a.md", content)
    [problem] = document.problems
    assert problem.kind is LoadProblemKind.FRONT_MATTER
    assert words in problem.message


def test_an_alias_bomb_is_refused_before_anything_walks_it(tmp_path):
    document = load(tmp_path, "a.yaml", billion_laughs())
    [problem] = document.problems
    assert problem.kind is LoadProblemKind.LIMIT
    assert "more than 100,000 values" in problem.message
    assert document.data is None


def test_merge_keys_are_applied(tmp_path):
    document = load(tmp_path, "a.yaml", "base: &b {tool: Buffer, tone: Calm}\nsop:\n  <<: *b\n  tone: Warm\n")
    assert document.data["sop"] == {"tone": "Warm", "tool": "Buffer"}


def test_suppression_comments_are_read_from_the_text(tmp_path):
    document = load(
        tmp_path,
        "a.md",
        "---\n# sop-lint: disable-file=R004\ntone: TBD  # sop-lint: disable=C002\n"
        "# sop-lint: disable=c001, S001\nid: x\n---\n<!-- sop-lint: disable=C003 -->\n",
    )
    suppressions = document.suppressions
    assert suppressions.covers("R004", 99)
    assert suppressions.covers("C002", 3) and not suppressions.covers("C002", 4)
    assert suppressions.covers("C001", 5) and suppressions.covers("S001", 5)
    assert suppressions.covers("C003", 8)


@pytest.mark.parametrize(
    ("content", "position", "words"),
    [
        ("owner: @social-team\n", Position(1, 8), 'must be quoted, like `owner: "@social-team"`'),
        ("title: [Draft] copy\n", Position(1, 16), "quote the whole value"),
        ("tone: ?\n", Position(1, 7), "must be quoted"),
        ("title: 'Schedule\n", Position(1, 8), "the `'` here opens a quote that is never closed"),
    ],
)
def test_syntax_errors_carry_a_hint_in_plain_words(tmp_path, content, position, words):
    [problem] = load(tmp_path, "a.yaml", content).problems
    assert problem.position == position
    assert words in problem.message
    assert "while scanning" not in problem.message


@pytest.mark.parametrize(
    ("name", "content", "position"),
    [
        ("a.yaml", "kind: sop\ntone: 'Upbeat\ninstructions:\n  - Open Buffer.\n", Position(2, 7)),
        ("a.yaml", 'kind: sop\r\ntone: "Upbeat\r\nid: x\r\n', Position(2, 7)),
        # Not at the closing `---`, where the front matter's text ends.
        ("a.md", "---\nkind: sop\ntone: 'Upbeat\nid: x\n---\n\n1. Open Buffer.\n", Position(3, 7)),
    ],
)
@pytest.mark.parametrize("budget", [None, 0], ids=["ruamel.yaml", "libyaml"])
def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path, monkeypatch, name, content, position, budget):
    if budget is not None:  # past the budget, libyaml's own error stands
        monkeypatch.setattr("sop_lint.reading.yaml_parsers.REREAD_BUDGET", budget)
    [problem] = load(tmp_path, name, content).problems
    quote = content.splitlines()[position.line - 1][position.column - 1]
    assert problem.position == position
    assert problem.message == f"YAML syntax error: the `{quote}` here opens a quote that is never closed: end the quoted text with another `{quote}`"


def test_an_empty_value_is_placed_at_its_key_not_the_next_line(tmp_path):
    document = load(tmp_path, "a.yaml", "kind: sop\ntitle:\nowner: x\n")
    assert document.position(("title",)) == Position(2, 1)


def test_a_front_matter_that_runs_into_the_body_says_so(tmp_path):
    content = "---\nkind: sop\nid: x\n\n# Title\n\n1. Open Buffer.\n2. Post.\n\n---\n\nMore\n"
    [problem] = load(tmp_path, "a.md", content).problems
    assert problem.message == (
        "the front matter is not closed before the instructions: add a `---` line above this one "
        "(as it is, it runs on to the `---` on line 10)"
    )
    assert problem.position == Position(5, 1)  # `# Title`: where the `---` is missing (issue 13, item 7)
