"""Invalid YAML that the parsers accept is a syntax finding all the same, at its place;
the valid constructs next to each rule stay clean."""

import pytest

from sop_lint.findings import Position
from sop_lint.reading.documents import LoadProblemKind
from sop_lint.reading.loader import parse_document
from tests.conftest import SAMPLE_REPO, findings
from tests.repos import DRAFT_SOP, SCHEDULE_SOP, edit, valid_repo


def problems(text: str, path: str = "a.yaml") -> list[tuple[int, int, str]]:
    document = parse_document(path, text.encode())
    return [(p.position.line, p.position.column, p.message) for p in document.problems]


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        # a comment glued to a quote, bracket, comma, block scalar header or directive
        ('tone: "Calm"# a comment\n', (1, 13), "needs a space before it"),
        ("tags: [a, b]#all\n", (1, 13), "needs a space before it"),
        ("tags: [a,#first\n  b]\n", (1, 10), "needs a space before it"),
        ("notes: |#text\n  x\n", (1, 9), "needs a space before it"),
        ("notes: >-#text\n  x\n", (1, 10), "needs a space before it"),
        ("%YAML 1.2#x\n---\na: 1\n", (1, 10), "needs a space before it"),
        # a `-` alone inside brackets
        ("tags: [-]\n", (1, 8), "a `-` cannot start an item"),
        ("tags: {a: -}\n", (1, 11), "a `-` cannot start an item"),
        # a tag that runs into a comma
        ("- !!str, x\n", (1, 8), "a tag like `!!str` cannot contain `,`"),
        # lines of a bracketed list or a quoted value not indented under their key
        ("tags: [a,\nb]\n", (2, 1), "indent it by at least 1 space"),
        ("tags: [a,\n  b,\n]\n", (3, 1), "indent it by at least 1 space"),
        ('steps:\n  - name: "Draft\n    copy"\n', (3, 5), "indent it by at least 5 spaces"),
        ("title: 'Draft\ncopy'\n", (2, 1), "indent it by at least 1 space"),
        ('title: "Draft\n\tcopy"\n', (2, 1), "indent this continued line with spaces, not tabs"),
        # blank lines that set a block scalar deeper than its text
        ("notes: >\n\n   \n # later\n", (3, 2), "has more spaces than the value's first line of text"),
    ],
)
def test_invalid_yaml_the_parsers_accept(text, position, words):
    [(line, column, message)] = problems(text)
    assert (line, column) == position
    assert message.startswith("YAML syntax error: ") and words in message


@pytest.mark.parametrize(
    "text",
    [
        'tone: "Calm" # a comment\n',
        "tool: C# and F#\n",
        "link: https://example.com/page#section\n",
        "tags: [a, b] # all\n",
        "tags: [-a, a-b, '-', \"-\"]\n",
        "- !!str x\n- [!!str , a]\n",
        "tags: [a,\n b]\n",
        "tags: [a, # first\n# a comment may sit anywhere\n  b]\n",
        "tags: [\n  a,\n ]\n",
        '- name: "Draft\n   copy"\n',
        'title: "Draft\n \tcopy"\n',
        "title: 'Draft\n\n  copy'\n",
        "notes: |\n  text\n\n  more\n",
        "notes: >2\n\n    \n  text\n",
        "notes: >\n\n  text\n",
        "%YAML 1.2 # the version\n---\na: 1\n",
        "{\na: [b,\nc]\n}\n",
    ],
)
def test_valid_neighbours_stay_clean(text):
    assert problems(text) == []


def test_a_finding_replaces_what_the_parser_read(tmp_path):
    document = parse_document("a.yaml", b'id: x\nid: y\ntone: "Calm"#glued\n')
    assert document.data is None
    assert [(p.kind, p.position) for p in document.problems] == [(LoadProblemKind.INVALID_YAML, Position(3, 13))]


def test_front_matter_positions_count_the_whole_file(repo):
    root = repo(valid_repo({
        "sops/draft-post-copy.md": edit(DRAFT_SOP, "tone: Upbeat and conversational", 'tone: "Upbeat"# glued'),
        "sops/schedule-post.yaml": edit(SCHEDULE_SOP, "title: Schedule the promotional post", "title: 'Schedule\nthe post'"),
    }))
    assert findings(root) == [("sops/draft-post-copy.md", 8, 15, "Y001"), ("sops/schedule-post.yaml", 4, 1, "Y001")]


def test_ordinary_files_are_not_scanned(monkeypatch):
    """Scanning costs as much as parsing: the cheap tests must let ordinary files through."""
    import sop_lint.reading.yaml_conformance

    def fail(text):
        raise AssertionError(f"scanned:\n{text}")

    monkeypatch.setattr(sop_lint.reading.yaml_conformance, "scan", fail)
    for path in sorted(SAMPLE_REPO.glob("*/*/*.*")):
        parse_document(path.name, path.read_bytes())
    for path, text in valid_repo().items():
        parse_document(path, text.encode())
    parse_document(
        "a.yaml",
        b"tags: [a, b]\nsteps:\n  - name: A\n    sop: a-b\n  - name: 'B: c'\n    sop: '-'\nnotes: |\n  x\n"
        b"instructions:\n  - \"Post in '#clients' or \\\"#hiring\\\"\"  # a comment\n",
    )
