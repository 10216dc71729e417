"""Text that is not plain UTF-8 with LF line ends: each encoding YAML allows is read, each
other gets a finding that names the problem, and positions count characters on the
lines an editor shows."""

import json

import pytest

from sop_lint.findings import Position
from sop_lint.reading.documents import LoadProblemKind
from sop_lint.reading.loader import parse_document
from sop_lint.reading.plain_scalars import TOO_LONG_NUMBER
from sop_lint.reading.yaml_parsers import compose_fast, compose_libyaml, compose_ruamel
from tests.conftest import check_json, findings, messages, run_cli
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo

S, D = "sops/schedule-post.yaml", "sops/draft-post-copy.md"
LATIN_1 = (
    "Y001 the file is not UTF-8 text: byte 0xe9 here is not valid UTF-8 (in the Windows-1252 or Latin-1 "
    "encoding it would be `é`): save the file with UTF-8 encoding"
)
BINARY = (
    "Y001 the file holds a NUL byte here, so it is binary data, not YAML or Markdown text: if it belongs in the "
    "repository, move it out of the SOP folders or `exclude` it"
)


def write(root, path, content: bytes):
    (root / path).write_bytes(content)
    return root


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32", "utf-32-be-bom"]
)
def test_every_encoding_yaml_allows_is_read_when_it_says_which_it_is(repo, encoding):
    text = edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: Upbeat, café-style")
    if encoding.endswith("-bom"):
        codec = encoding.removesuffix("-bom")
        content = "\ufeff".encode(codec) + text.encode(codec)
    else:
        content = text.encode(encoding)
    assert findings(write(repo(valid_repo()), S, content)) == []


@pytest.mark.parametrize(
    ("content", "position", "message"),
    [
        # Latin-1 after two-byte UTF-8 characters: the column counts characters
        ("tone: Ça va, ".encode() + b"caf\xe9\n", (7, 17), LATIN_1),
        (b"kind: sop\nid: caf\xe9\n", (2, 8), LATIN_1),
        # binary data, and NUL bytes in text
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", (3, 1), BINARY),
        (b"kind: sop\nid: x\x00y\n", (2, 6), BINARY),
        # UTF-16 saved without its byte order mark
        ("kind: sop\n".encode("utf-16-le"), (1, 1), "Y001 the file looks like UTF-16 text without a byte order mark: save it as UTF-8"),
        # a byte order mark, then bytes that are not that encoding
        (b"\xff\xfek\x00\x00\xd8", (1, 2), "Y001 the file starts as UTF-16 text but is not valid UTF-16: save it as UTF-8"),
    ],
)
def test_text_in_another_encoding_is_a_located_finding(repo, content, position, message):
    base = SCHEDULE_SOP.encode()
    if content.startswith(b"tone:"):
        content = base.replace(b"tone: Upbeat and conversational\n", content)
    root = write(repo(valid_repo()), S, content)
    assert findings(root) == [(S, *position, "Y001")]
    assert messages(root) == [message]


@pytest.mark.parametrize(
    ("content", "position"),
    [
        (b"kind: sop\rid: caf\xe9\r", (2, 8)),
        (b"kind: sop\rid: x\x00y\r", (2, 6)),
        (b"kind: sop\rtool: Buf\x01fer\r", (2, 10)),
    ],
    ids=["not UTF-8", "NUL byte", "control character"],
)
def test_a_lone_carriage_return_ends_a_line_as_it_does_for_the_parser(repo, content, position):
    """Classic Mac line ends: YAML and editors take a CR alone for a line end."""
    root = write(repo(valid_repo()), S, content)
    assert findings(root) == [(S, *position, "Y001")]


def test_a_byte_order_mark_does_not_shift_columns(repo):
    root = write(repo(valid_repo()), S, b"\xef\xbb\xbf" + edit(SCHEDULE_SOP, "kind: sop", "kind: sop: x").encode())
    assert findings(root) == [(S, 1, 10, "Y001")]
    root = write(repo(valid_repo()), S, b"\xef\xbb\xbf" + edit(SCHEDULE_SOP, "kind: sop", "kind: spo").encode())
    assert findings(root) == [(S, 1, 7, "Y004")]


def test_crlf_line_ends_keep_positions(repo):
    crlf = {
        S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD").replace("\n", "\r\n"),
        D: edit(DRAFT_SOP, "tool: Google Docs", "tool: Google Docs\n  oops: x").replace("\n", "\r\n"),
    }
    assert findings(repo(valid_repo(crlf))) == [(D, 6, 7, "Y001"), (S, 7, 7, "C002")]


def test_a_tab_used_for_indentation_says_so(repo):
    root = repo(valid_repo({S: edit(SCHEDULE_SOP, "  - Schedule the post", "\t- Schedule the post")}))
    assert findings(root) == [(S, 10, 1, "Y001")]
    assert messages(root) == ["Y001 YAML syntax error: a tab where YAML allows only spaces: indent with spaces, not tabs"]


def test_an_invisible_control_character_says_so(repo):
    root = repo(valid_repo({S: edit(SCHEDULE_SOP, "tool: Buffer", "tool: Buf\x01fer")}))
    assert findings(root) == [(S, 4, 10, "Y001")]
    assert "invisible control character here" in messages(root)[0]


def test_classic_mac_line_ends_read_like_any_other(repo):
    """A Markdown SOP whose lines end in a CR alone has its front matter found, and a
    suppression comment covers its own line."""
    mac = {
        D: DRAFT_SOP.replace("\n", "\r"),
        S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD  # sop-lint: disable=C002").replace("\n", "\r"),
    }
    root = repo(valid_repo())
    for path, content in mac.items():
        write(root, path, content.encode())
    assert findings(root, "--ignore", "H") == []
    write(root, D, edit(DRAFT_SOP, "tool: Google Docs", "tool: TBD").replace("\n", "\r").encode())
    assert findings(root, "--ignore", "H") == [(D, 5, 7, "C002")]


# Values that no output can hold as they are: numbers beyond Python's int-string limit,
# and lone surrogates, which no UTF-8 output can encode (issue 12, item 3).
DIGITS = "9" * 5_000
HUGE_NUMBERS = {
    "decimal": f"x-count: {DIGITS}",
    "negative, leading zeros": f"x-count: -000{DIGITS}",
    "hexadecimal": f"x-count: 0x{'f' * 5_000}",
    "octal": f"x-count: 0o{'7' * 5_000}",
    "in a list": f"x-counts: [1, {DIGITS}]",
    "nested": f"x-nested:\n  count: {DIGITS}",
}


@pytest.mark.parametrize("line", HUGE_NUMBERS.values(), ids=HUGE_NUMBERS.keys())
def test_a_number_too_long_to_print_is_a_limit_finding_and_the_run_goes_on(repo, line):
    root = repo(valid_repo({S: SCHEDULE_SOP + line + "\n", D: edit(DRAFT_SOP, "tone: Upbeat", f"{line}\ntone: Upbeat")}))
    assert [(path, code) for path, _, _, code in findings(root, "--ignore", "H")] == [(D, "Y005"), (S, "Y005")]
    assert messages(root, "--ignore", "H")[0] == f"Y005 {TOO_LONG_NUMBER}"
    assert "500 digits" in TOO_LONG_NUMBER and "quote it" in TOO_LONG_NUMBER


@pytest.mark.parametrize(
    "change",
    [
        ("tone: Upbeat and conversational", f"tone: Upbeat\nreview_every: {DIGITS}d"),
        ("tone: Upbeat and conversational", "tone: Upbeat\nx-big: 1e999999\nx-small: -1e999999\nx-long: 0." + DIGITS),
        ("tone: Upbeat and conversational", f"tone: Upbeat\n{DIGITS[:1_000]}: key"),
        ("  - Schedule the post for 12:30.", f'  - "{DIGITS}. Schedule the post"'),
    ],
    ids=["review_every of 5,000 digits", "floats beyond range", "a key", "an instruction"],
)
def test_huge_numbers_that_are_text_or_floats_are_read(repo, change):
    root = repo(valid_repo({S: edit(SCHEDULE_SOP, *change)}))
    code, report = check_json(root, "--ignore", "H")
    assert code in (0, 1) and all(f["code"] != "Y005" for f in report["findings"])


def test_a_step_name_that_starts_with_a_huge_number_is_read(repo):
    process = edit(PROCESS, "  - name: Schedule post", f'  - name: "{DIGITS}. Schedule post"')
    root = repo(valid_repo({"processes/promote-new-video.yaml": process}))
    assert findings(root, "--ignore", "H") == []


def test_a_review_interval_of_5000_digits_is_read_by_stale(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    sop = edit(SCHEDULE_SOP, "tone: Upbeat and conversational", f"tone: Upbeat\nreview_every: {DIGITS}d")
    repo.commit("2026-11-01T09:00:00+00:00", valid_repo({S: sop}))
    code, out, err = run_cli("stale", repo.path, "--format", "json", "--now", "2026-11-24")
    assert (code, err) == (0, "")
    assert {sop["path"]: sop["status"] for sop in json.loads(out)["sops"]}[S] == "fresh"


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_a_line_or_paragraph_separator_is_an_ordinary_character_as_in_yaml_1_2(repo, char):
    """Only CR and LF end a line in YAML 1.2 (issue 12, item 21): the parsers, made for
    YAML 1.1, broke lines at these too and rejected them in a comment."""
    sop = edit(SCHEDULE_SOP, "tool: Buffer", f"tool: Buffer  # the {char} scheduler\nx-note: a {char} b\nx-quoted: 'a {char}b'")
    root = repo(valid_repo({S: sop}))
    assert findings(root, "--ignore", "H") == []
    sop = edit(sop, "tone: Upbeat and conversational", f"# {char}\ntone: TBD")
    root = repo(valid_repo({S: sop}))
    assert findings(root, "--ignore", "H") == [(S, 10, 7, "C002")]  # the line of `tone`, counted by CR and LF alone


@pytest.mark.parametrize("compose", [compose_libyaml, compose_ruamel], ids=["libyaml", "ruamel.yaml"])
@pytest.mark.parametrize(
    ("number", "refused"),
    [("9" * 500, False), ("1" + "0" * 500, True), ("-" + "0" * 600 + "9" * 500, False), ("0x" + "f" * 415, False),
     ("0x" + "f" * 416, True), ("0o" + "7" * 553, False), ("0o" + "7" * 554, True)],
    ids=["500 digits", "501 digits", "leading zeros", "hex of 500 decimal digits", "hex of 501", "octal of 500", "octal of 501"],
)
def test_the_number_limit_counts_decimal_digits_with_either_parser(compose, number, refused):
    document = parse_document("sops/a.yaml", f"x-a: 1\nx-b: {number}\n".encode(), compose)
    assert [(p.kind, p.position) for p in document.problems] == ([(LoadProblemKind.LIMIT, Position(2, 6))] if refused else [])
    assert refused or len(str(document.data["x-b"]).lstrip("-")) <= 500


@pytest.mark.parametrize("compose", [compose_fast, compose_ruamel], ids=["libyaml, then ruamel.yaml", "ruamel.yaml"])
def test_a_utf16_pair_of_escapes_is_one_character_and_a_lone_half_stays_as_written(compose):
    document = parse_document("sops/a.yaml", b'x-pair: "\\ud83d\\ude00"\nx-lone: "a\\ud800b"\n"\\ud83d\\ude00": key\n', compose)
    assert document.data == {"x-pair": "\U0001f600", "x-lone": "a\ud800b", "\U0001f600": "key"}
