"""Property-based tests: random bytes, random text, truncated and mutated valid files and
random nesting never crash the loader or the CLI, and never hide the other files.

CI runs a fixed, modest number of examples in a fixed order (the `ci` profile). For a
longer hunt: `HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/test_properties.py`.
"""

import csv
import io
import json
import os
import re
import tempfile
from datetime import UTC
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sop_lint.reading.loader import parse_document
from sop_lint.reporters import FORMATS
from sop_lint.reporters.freshness import FRESHNESS_REPORTERS
from tests.conftest import SAMPLE_REPO, assert_inside, history_note, run_cli, write_files
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, valid_repo

pytestmark = pytest.mark.slow

# A CLI example checks a whole repository: fewer of them, in the same proportion.
CLI_EXAMPLES = max(10, settings.default.max_examples // 6)

VALID_FILES = [text.encode() for text in (PROCESS, DRAFT_SOP, SCHEDULE_SOP)] + [
    path.read_bytes() for path in sorted(SAMPLE_REPO.glob("*/*/*.*"))[:6]
]
# Characters that mean something to YAML, Markdown front matter or a text decoder.
_SIGNIFICANT = [
    b":", b"-", b"- ", b"? ", b"[", b"]", b"{", b"}", b",", b'"', b"'", b"#", b"\t", b"\n", b"\r\n", b"\r", b" ",
    b"&a", b"*a", b"!", b"!!str", b"|", b">", b"%YAML 1.2\n", b"@", b"`", b"\x00", b"\xef\xbb\xbf", b"\xe9",
    b"\xff\xfe", b"---\n", b"...\n", b"<<: ", b"\\", "\u2028".encode(), "\u0085".encode(),
]


@st.composite
def mutated(draw) -> bytes:
    content = bytearray(draw(st.sampled_from(VALID_FILES)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(content)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.sampled_from(_SIGNIFICANT) | st.binary(min_size=1, max_size=4))
        if action == "insert":
            content[at:at] = piece
        elif action == "delete":
            del content[at : at + draw(st.integers(1, 20))]
        else:
            content[at : at + len(piece)] = piece
    return bytes(content)


@st.composite
def truncated(draw) -> bytes:
    content = draw(st.sampled_from(VALID_FILES))
    return content[: draw(st.integers(0, len(content)))]


def _render(value: object, style: str, indent: int) -> str:
    """A nested value as YAML text, in flow or block style."""
    if isinstance(value, list):
        if style == "flow" or not value:
            return "[" + ", ".join(_render(item, "flow", 0) for item in value) + "]"
        return "".join(f"\n{' ' * indent}- {_render(item, style, indent + 2).lstrip()}" for item in value)
    if isinstance(value, dict):
        if style == "flow" or not value:
            return "{" + ", ".join(f"{key}: {_render(item, 'flow', 0)}" for key, item in value.items()) + "}"
        return "".join(f"\n{' ' * indent}{key}: {_render(item, style, indent + 2)}" for key, item in value.items())
    return json.dumps(value)


_KEYS = st.sampled_from(["kind", "id", "steps", "sop", "name", "tone", "a", "b"])
_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=8)


@st.composite
def nested(draw) -> bytes:
    value = draw(
        st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3), max_leaves=30)
    )
    if draw(st.booleans()):  # far deeper than the leaves allow: the depth limit's side
        opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ("- ", ""), ("? ", "")]))
        depth = draw(st.integers(150, 1_500))
        return (opener * depth + json.dumps(draw(_SCALARS)) + closer * depth + "\n").encode()
    return _render(value, draw(st.sampled_from(["flow", "block"])), 0).lstrip("\n").encode() + b"\n"


ANY_CONTENT = st.one_of(
    st.binary(max_size=2_000),
    st.text(max_size=2_000).map(str.encode),
    truncated(),
    mutated(),
    nested(),
)
PATHS = st.sampled_from(["sops/random.yaml", "sops/random.md", "processes/random.yaml"])


@given(content=ANY_CONTENT, path=PATHS)
def test_the_loader_turns_anything_into_values_or_located_problems(content, path):
    document = parse_document(path, content)
    for problem in document.problems:
        assert_inside(content, problem.position.line, problem.position.column, problem)
    assert _is_json(document.data)


def _is_json(value: object) -> bool:
    """Only what JSON holds: the schema validator and the rules see nothing else."""
    if isinstance(value, dict):
        return all(isinstance(key, str) and _is_json(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_is_json(item) for item in value)
    return value is None or isinstance(value, str | int | float)


@settings(max_examples=CLI_EXAMPLES)
@given(files=st.dictionaries(st.integers(0, 99), st.tuples(PATHS, ANY_CONTENT), min_size=1, max_size=4))
def test_the_cli_reports_every_broken_file_and_still_checks_the_others(files):
    with tempfile.TemporaryDirectory() as folder:
        root = write_files(Path(folder) / "ops", valid_repo())
        added: dict[str, bytes] = {}
        for number, (path, content) in files.items():
            stem, suffix = path.rsplit(".", 1)
            added[f"{stem}-{number}.{suffix}"] = content
            (root / f"{stem}-{number}.{suffix}").write_bytes(content)
        code, out, err = run_cli("check", root, "--format", "json", "--no-cache")
        assert code in (0, 1) and err == history_note(root), err
        report = json.loads(out)
    assert report["summary"]["files_checked"] == len(valid_repo()) + len(added)
    codes: dict[str, set[str]] = {}
    contents = {**{path: text.encode() for path, text in valid_repo().items()}, **added}
    for finding in report["findings"]:
        assert_inside(contents[finding["path"]], finding["line"], finding["column"], finding)
        codes.setdefault(finding["path"], set()).add(finding["code"])
    for path, content in added.items():
        document = parse_document(path, content)
        if document.problems or not isinstance(document.data, dict):
            assert any(code.startswith("Y") for code in codes.get(path, ())), path
        else:
            assert codes.get(path), path  # a random mapping is no valid process or SOP
    for path in valid_repo():  # their own findings do not change; references across files may
        assert {code for code in codes.get(path, ()) if code[0] in "YSPC"} == set(), path


# Issue 12, item 4: no commit git keeps stops the history read.
_IDENT_TEXT = st.text(
    st.characters(blacklist_characters="\0\n<>", blacklist_categories=("Cs",)) | st.sampled_from(["\x1d", "\x1e", "\x1f", "\udcff", "\r"]),
    min_size=1, max_size=12,
)
_TRAILER_TEXT = st.text(
    st.characters(blacklist_characters="\0\n", blacklist_categories=("Cs",)) | st.sampled_from(["\x1d", "\x1e", "\x1f", "\udcfe"]),
    max_size=12,
)
_LAST_SECOND = 253402300799  # 9999-12-31T23:59:59Z


@settings(max_examples=CLI_EXAMPLES)
@given(
    commits=st.lists(
        st.tuples(
            _IDENT_TEXT, _TRAILER_TEXT,
            st.integers(0, 2**40) | st.sampled_from([_LAST_SECOND, _LAST_SECOND + 1]),
            st.from_regex(r"[+-][0-9]{4}", fullmatch=True),
        ),
        min_size=1, max_size=3,
    )
)
def test_any_name_trailer_date_or_offset_reads_or_is_left_out_with_its_reason(commits):
    from datetime import datetime

    from sop_lint.git.history import SnapshotLoader
    from sop_lint.git.log import Unreadable
    from tests.gitrepo import GitRepo

    with tempfile.TemporaryDirectory() as folder:
        repo = GitRepo(Path(folder) / "ops")
        repo.commit("2026-01-01T09:00:00+00:00", {"sops/a.yaml": SCHEDULE_SOP})
        made = []
        for number, (name, trailer, seconds, offset) in enumerate(commits):
            files = {"sops/a.yaml": SCHEDULE_SOP + f"# {number}\n"}
            message = f"change\n\nSOP-Reviewed: {trailer}\n"
            made.append(repo.craft(author=f"{name} <a@example.com> {seconds} {offset}", files=files, message=message))
        history = SnapshotLoader(repo.path, store=None).snapshot().history_of({})
        readable = [(commit, seconds) for commit, (_, _, seconds, _) in zip(made, commits, strict=True) if seconds <= _LAST_SECOND]
        assert history.unreadable == [
            Unreadable(commit, "its date is after the year 9999")
            for commit, (_, _, seconds, _) in reversed(list(zip(made, commits, strict=True)))
            if seconds > _LAST_SECOND
        ]
        for commit in history.reviews.values():
            assert (commit.id, int(commit.date.timestamp())) in readable
            assert commit.date.tzinfo is UTC and isinstance(commit.author.encode("utf-8"), bytes)  # git may give "" for a blank name
        changed = SnapshotLoader(repo.path, store=None).snapshot().history_of({"sops/a.yaml": ("none",)}).last_changes["sops/a.yaml"]
        newest = max(readable, key=lambda pair: pair[1], default=None)
        expected = datetime.fromtimestamp(newest[1], tz=UTC) if newest and newest[1] > 1767258000 else datetime(2026, 1, 1, 9, tzinfo=UTC)
        assert changed.date == expected


# Issue 12, item 17: no date in range, no duration and no `--now` makes a date that cannot be computed.
_MOMENTS = st.datetimes(timezones=st.just(UTC))
_DURATIONS = st.builds(lambda number, unit: f"{number}{unit}", st.integers(1, 10**60), st.sampled_from("dwmy"))


@given(
    now=_MOMENTS, changed=_MOMENTS, trailer=st.none() | _MOMENTS, reviewed=st.none() | st.dates(),
    review_every=st.none() | _DURATIONS, due_soon=_DURATIONS, uncommitted=st.booleans(),
)
def test_freshness_and_every_stale_format_hold_at_the_ends_of_the_calendar(now, changed, trailer, reviewed, review_every, due_soon, uncommitted):
    import dataclasses

    from sop_lint.config.settings import default_config
    from sop_lint.git.history import History
    from sop_lint.git.log import Commit
    from sop_lint.model.freshness import CALENDAR_DAYS, due_date, freshness_of
    from sop_lint.model.summary import ReviewFields
    from sop_lint.reporters.freshness import FRESHNESS_REPORTERS

    history = History(Path("."), {"sops/a.yaml": Commit("a" * 40, changed, "Ada")}, {} if trailer is None else {"a": Commit("b" * 40, trailer, "Bo")})
    if uncommitted:
        history.uncommitted.add("sops/a.yaml")
    config = dataclasses.replace(default_config(), due_soon=due_soon)
    fields = ReviewFields("@ops", review_every, None if reviewed is None else reviewed.isoformat())
    sop = freshness_of("sops/a.yaml", "a", fields, history, config, now)
    assert 1 <= sop.interval_days <= CALENDAR_DAYS
    due = due_date(sop)
    assert due is None or due.year <= 9999
    for render in FRESHNESS_REPORTERS.values():
        assert render([sop], now, True)


# Values no output can hold as they are (issue 12, items 3, 13, 16, 21): YAML escapes for
# lone surrogates, NUL, terminal controls and line separators; numbers past every limit;
# tags sop-lint never constructs. Each output of every command must still parse.
_ESCAPES = [
    "\\ud800", "\\udce9", "\\ud83d\\ude00", "\\x00", "\\x1b[2K", "\\r", "\\x9b", "\\u202e", "\\u2028", "\\N", "\\_",
    "\\L", "\\P", "\\uffff", "\\t", "\\n", "\\e", "\\a", "\\\\", '\\"',
]
_NUMBERS = [
    "9" * 5_000, "-000" + "9" * 5_000, "1e99999", "-1e99999", "0." + "1" * 5_000, "0x" + "f" * 5_000, "0o" + "7" * 5_000,
    "1" * 500, "1" * 501, "0x" + "f" * 415, ".inf", "-.inf", ".nan", "0x1F", "0o17", "+12", "-0", "12345678901d", "9" * 600 + "d",
]
_TAGS = [
    "!!binary aGVsbG8=", "!!timestamp 2001-12-14t21:59:43.10-05:00", "!!set {a, b}", "!!omap [a: 1, b: 2]", "!custom x",
    "!!python/object:os.system x", "!!python/object/apply:os.system [echo hi]", "!!int '5'", "!!float x",
    "!<tag:yaml.org,2002:str> x", "!!map {a: 1}", "!!seq [1]", "!!null ''", "!!str 5", "!!bool yes", "!!pairs [a: 1]",
]
_FIELD = re.compile(r"^( *(?:- )?[a-z_]+: )(.+)$|^(  - )(.+)$")


@st.composite
def hostile_value(draw) -> str:
    kind = draw(st.sampled_from(["escapes", "number", "quoted number", "tag"]))
    if kind == "escapes":
        parts = draw(st.lists(st.sampled_from(_ESCAPES) | st.text(alphabet="ab -:#@/", max_size=3), min_size=1, max_size=5))
        return '"' + "".join(parts) + '"'
    if kind == "number":
        return draw(st.sampled_from(_NUMBERS))
    if kind == "quoted number":
        return f'"{draw(st.sampled_from(_NUMBERS))}. step"'
    return draw(st.sampled_from(_TAGS))


@st.composite
def hostile_document(draw, template: str) -> str:
    """`template` with some of its values, list items and keys made hostile."""
    lines = template.splitlines()
    for index, line in enumerate(lines):
        match = _FIELD.match(line)
        if match and draw(st.integers(0, 3)) == 0:
            lines[index] = (match[1] or match[3]) + draw(hostile_value())
    if draw(st.booleans()):
        first = 1 if lines[0] == "---" else 0
        lines.insert(draw(st.integers(first, first + 2)), f"{draw(hostile_value())}: {draw(hostile_value())}")
    return "\n".join(lines) + "\n"


_FORMAT_CHECKS = {"json": json.loads, "gitlab": json.loads, "sarif": json.loads, "csv": lambda text: list(csv.reader(io.StringIO(text)))}


def assert_parses(output_format: str, text: str) -> None:
    """JSON formats load, JUnit is well-formed XML, and every human format shows no
    character a terminal would act on (controls other than line ends, bidi overrides)."""
    text.encode("utf-8")  # strict: no surrogate reached the output
    if output_format in _FORMAT_CHECKS:
        _FORMAT_CHECKS[output_format](text)
    elif output_format == "junit":
        ElementTree.fromstring(text.split("\n", 1)[1])
    else:
        hidden = [char for char in text if (char < " " and char != "\n") or "\x7f" <= char <= "\x9f" or char in "\u202e\u2028\u2029"]
        assert hidden == [], (output_format, text)


def only_notes(err: str) -> bool:
    """Standard error holds notes only (an unreadable process file `graph` does not draw,
    say), each one line, with nothing a terminal would act on."""
    return all(line.startswith("sop-lint: note: ") for line in err.splitlines()) and not [
        char for char in err if (char < " " and char != "\n") or "\x7f" <= char <= "\x9f" or char in "\u202e\u2028\u2029"
    ]


@settings(max_examples=max(10, settings.default.max_examples // 30))
@given(
    process=hostile_document(PROCESS),
    markdown_sop=hostile_document(DRAFT_SOP),
    yaml_sop=hostile_document(SCHEDULE_SOP),
    name=st.sampled_from([b"extra.yaml", b"caf\xe9.yaml", b"\x1b[2K\r.yaml", b"a\nb.yaml"]),
)
def test_every_rule_and_every_output_format_hold_any_value(process, markdown_sop, yaml_sop, name):
    with tempfile.TemporaryDirectory() as folder:
        repo = GitRepo(Path(folder) / "ops")
        repo.commit("2025-12-01T09:00:00+00:00", valid_repo())
        repo.git("checkout", "-q", "-b", "change")
        repo.write({"processes/promote-new-video.yaml": process, "sops/draft-post-copy.md": markdown_sop})
        (Path(os.fsdecode(os.path.join(os.fsencode(repo.path), b"sops", name)))).write_text(yaml_sop, encoding="utf-8")
        repo.commit("2026-01-01T09:00:00+00:00")
        for output_format in FORMATS:
            code, out, err = run_cli("check", repo.path, "--format", output_format, "--now", "2026-11-24")
            assert code in (0, 1) and only_notes(err), (output_format, err)
            assert_parses(output_format, out)
        for output_format in FORMATS:  # what the change did, too: text, json and markdown show it
            code, out, err = run_cli("diff", repo.path, "--base", "main", "--format", output_format)
            assert code in (0, 1) and only_notes(err), (output_format, err)
            assert_parses(output_format, out)
        for output_format in FRESHNESS_REPORTERS:
            code, out, err = run_cli("stale", repo.path, "--format", output_format, "--now", "2026-11-24", "--group-by", "owner")
            assert code == 0 and only_notes(err), (output_format, err)
            assert_parses(output_format, out)
        for output_format, options in [(name, options) for name in ("mermaid", "dot") for options in ([], ["--detail"])]:
            code, out, err = run_cli("graph", repo.path, "--format", output_format, *options)
            assert code == 0 and only_notes(err), (output_format, err)
            assert_parses(output_format, out)
