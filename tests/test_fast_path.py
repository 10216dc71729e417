"""The fast cold path (issue 18, item 2): yaml-rs reads plain documents and jsonschema-rs
screens them, and everything `check` prints is what the composers and jsonschema alone
give: values, problems, positions, messages. Without either wheel, the same results."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sop_lint import json_schema
from sop_lint.findings import Position
from sop_lint.reading import loader, yaml_values
from sop_lint.reading.yaml_parsers import compose_fast
from tests.conftest import REPO_ROOT, SHARED, run_cli
from tests.test_bench_smoke import isolated_env

CORPUS = SHARED / "corpora" / "yaml-test-suite"
CASES = json.loads((CORPUS / "index.json").read_text()) if CORPUS.is_dir() else {}
PLACED = {(key,) for key in loader.PLACED_KEYS}
PLAIN = 'kind: sop\nid: post-reel\ntitle: Post a reel\nowner: "@social"\ntags: [video, weekly]\nlast_reviewed: 2026-03-12\n'


def read(raw: bytes, compose=None, path: str = "a.yaml") -> tuple:
    """What the loader makes of `raw` without positions (as `check` parses), by the fast
    path (`compose` None) or the composers; the positions it knows without a second parse."""
    document = loader.parse_document(path, raw, compose, positions=False)
    problems = [(p.kind, p.position, p.message, p.subject, p.fix) for p in document.problems]
    placed = {path: position for path, position in document.value_positions.items() if path in PLACED}
    keys = {path: position for path, position in document.key_positions.items() if path == ("instructions",)}
    return repr(document.data), problems, placed, keys  # repr: key types and order count


def taken(text: str) -> bool:
    try:
        yaml_values.fast_values(text)
    except yaml_values.NotFast:
        return False
    return True


@pytest.fixture
def without_wheels(monkeypatch):
    """As where neither yaml-rs nor jsonschema-rs has a wheel: importing them fails."""
    monkeypatch.setitem(sys.modules, "yaml_rs", None)
    monkeypatch.setitem(sys.modules, "jsonschema_rs", None)
    yaml_values._loads.cache_clear()
    json_schema._fast_validator.cache_clear()
    yield
    yaml_values._loads.cache_clear()
    json_schema._fast_validator.cache_clear()


def test_a_plain_document_takes_the_fast_path_and_reads_as_the_composers_read_it():
    assert taken(PLAIN)
    assert read(PLAIN.encode()) == read(PLAIN.encode(), compose_fast)
    data, problems, placed, _ = read(PLAIN.encode())
    assert "'last_reviewed': '2026-03-12'" in data and problems == []
    assert set(placed) == {("id",), ("last_reviewed",), ("owner",)}  # a summary keeps these (see model.summary)
    yaml_sop = PLAIN + "instructions:\n  - Open Buffer.\n"
    for text in (yaml_sop, yaml_sop.replace("\n", "\r\n")):  # Windows line ends too
        assert taken(text) and read(text.encode()) == read(text.encode(), compose_fast)
        assert read(text.encode())[3] == {("instructions",): Position(7, 1)}  # where the instruction reader starts


def test_the_keys_placed_by_the_fast_path_are_those_a_summary_keeps():
    from sop_lint.model import summary

    assert set(loader.PLACED_KEYS) == set(summary._ANCHORED)


# What yaml-rs reads otherwise than the composers and `json_values` (or accepts where they
# refuse it), found by comparing them: each must take the composers' path.
ODD = {
    "underscored number": "a: 1_000\n",
    "signed hexadecimal": "a: -0x1\n",
    "binary": "a: 0b101\n",
    "mixed-case infinity": "a: .iNF\n",
    "number key": "1: a\n",
    "boolean key": "- true: b\n",
    "boolean key, Windows line ends": "True:\r\n  a: 1\r\n",
    "null key": "null: c\n",
    "tilde key": "~: c\n",
    "list key": "[a]: d\n",
    "mapping key": "{a: b}: c\n",
    "hexadecimal key": "x:\n  0x1F: y\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "too long a number": "a: " + "9" * 600 + "\n",
    "date with a time": "a: 2026-01-01 10:00:00\n",
    "control character": "a: x\x01y\n",
    "C1 control character": "a: x\x85y\n",
    "non-character": "a: x\ufffey\n",
    "plain scalar starting with ?": "a: [?x]\n",
    "last line of spaces": "- |+\n   ",
    "non-specific tag": "- ! 12\n",
    "duplicate key": "a:\n  b: 1\n  b: 2\n",
    "anchor and alias": "a: &x 1\nb: *x\n",
    "merge key": "<<: {a: 1}\n",
    "double quotes over lines": 'a: "x\n  y"\n',
    "single quotes over lines": "a: 'x''\n  y'\n",
    "flow sequence over lines": "a: [b,\n  c]\n",
    "lone surrogate escape": 'a: "\\ud800"\n',
    "tab": "a:\tb\n",
    "deep dash chain": "- " * 20 + "x\n",
    "deep indentation": "a:\n" + "".join(" " * (2 * n) + f"k{n}:\n" for n in range(1, 25)) + " " * 50 + "v: 1\n",
    # Found by a differential test of both paths (2026-12-03): a key of several characters
    # that reads as a number crashed `check`; underscores anywhere in a number; a block
    # scalar that ends the text, empty or with no line break after its last line.
    "number key of two digits": "2024: x\n",
    "decimal key": "1.5: x\n",
    "exponent key in a list": "steps:\n  - 1e3: x\n",
    "zero-padded key": "00: x\n",
    "leading underscore": "a: _1\n",
    "trailing underscore": "a: 1_\n",
    "doubled underscore": "a: 1__2\n",
    "underscore after a point": "a: 1._5\n",
    "underscore before a point": "a: _.5\n",
    "empty block scalar at the end": "a: |\n",
    "empty folded scalar at the end, with a comment": "a: > # later\n\n",
    "empty block scalar in a list at the end": "a:\n- |\n\n",
    "block scalar with no line break at the end": "a: |\n  x",
    "document of one block scalar, a line at the margin": ">\n#(.\n",
}


@pytest.mark.parametrize("text", ODD.values(), ids=ODD.keys())
def test_what_yaml_rs_reads_otherwise_takes_the_composers_path(text):
    assert not taken(text)
    assert read(text.encode("utf-8", "surrogatepass")) == read(text.encode("utf-8", "surrogatepass"), compose_fast)


@pytest.mark.parametrize("text", ["id: |\n  x\n", "  id: x\n", '"id": x\n', "id:\n  x\n", '"instructions":\n- x\n'])
def test_a_document_whose_id_the_fast_path_cannot_place_takes_the_composers_path(text):
    """yaml-rs reads it, but where its value starts is the composers' to say."""
    assert taken(text)
    assert read(text.encode()) == read(text.encode(), compose_fast)
    assert read(text.encode())[2] or read(text.encode())[3]


def test_without_the_wheels_every_document_takes_the_composers_path(without_wheels):
    with pytest.raises(yaml_values.NotFast):
        yaml_values.fast_values(PLAIN)
    assert read(PLAIN.encode()) == read(PLAIN.encode(), compose_fast)
    assert json_schema._valid("sop", None, {"kind": "sop"}) is False


def test_a_schema_screen_error_leaves_the_verdict_to_jsonschema():
    """A lone surrogate cannot go to Rust: jsonschema judges it, as before."""
    data = {"kind": "process", "id": "\ud800"}
    assert json_schema._valid("process", None, data) is False
    assert json_schema.validate("process", data, ()) == json_schema.violations(json_schema.validator_for("process"), data)


def test_the_schema_screen_checks_dates_as_jsonschema_does():
    """jsonschema-rs alone finds `0000-01-01` a date; Python's calendar has no year 0."""
    sop = {"kind": "sop", "id": "post-reel", "title": "Post a reel", "tool": "Buffer", "account": "Social seat",
           "format": "Reel", "tone": "Friendly", "last_reviewed": "2026-03-12"}
    assert json_schema._valid("sop", None, sop) and json_schema.validate("sop", sop, ()) == []
    sop["last_reviewed"] = "0000-01-01"
    assert not json_schema._valid("sop", None, sop)
    assert [(v.path, v.keyword) for v in json_schema.validate("sop", sop, ())] == [(("last_reviewed",), "format")]


def test_the_date_check_given_to_jsonschema_rs_is_jsonschemas_and_the_only_format_the_schemas_use():
    from jsonschema import FormatChecker

    from sop_lint.schema_advice import is_schema_date

    checker = FormatChecker()
    for value in ["2026-03-12", "2024-02-29", "2026-02-29", "0000-01-01", "2026-13-01", "2026-3-12", "2026-03-12\n",
                  "20260312", "2026-03-12T10:00:00", "\uff12026-03-12", " 2026-03-12", "9999-12-31", ""]:
        assert is_schema_date(value) == checker.conforms(value, "date"), value
    formats = set(re.findall(r'"format": *"([^"]+)"', "".join(json_schema.schema_text(name) for name in json_schema.SCHEMA_NAMES)))
    assert formats == {"date"}  # another would be checked by jsonschema-rs's own rules: check them against jsonschema's first


def test_validating_a_valid_document_does_not_load_jsonschema():
    """The hook checks one changed file: jsonschema's import costs more than the check."""
    sop = {"kind": "sop", "id": "post-reel", "title": "Post a reel", "tool": "Buffer", "account": "Social seat", "format": "Reel", "tone": "Friendly"}
    code = f"import sys; from sop_lint.json_schema import validate; assert validate('sop', {sop!r}, ()) == []; print('jsonschema' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.slow
@pytest.mark.skipif(not CASES, reason="../shared/corpora/yaml-test-suite is not beside the project")
def test_the_fast_path_agrees_with_the_composers_on_the_yaml_test_suite():
    """Same values, problems (so the same accept or reject) and known positions on every
    case; the few plain cases take the fast path (most of the suite is what it refuses)."""
    fast = 0
    for name in sorted(CASES):
        raw = (CORPUS / f"{name}.yaml").read_bytes()
        assert read(raw) == read(raw, compose_fast), name
        fast += taken(raw.decode("utf-8", "replace"))
    assert fast >= 50


def check_output(root: Path, *args: str) -> tuple[int, dict]:
    code, out, err = run_cli("check", root, "--format", "json", "--no-cache", *args)
    assert code in (0, 1), err
    return code, json.loads(out)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A generated repository with a third of its files broken, every kind of defect."""
    path = tmp_path_factory.mktemp("generated") / "ops"
    command = [sys.executable, str(REPO_ROOT / "bench" / "generate.py"), str(path),
               "--processes", "60", "--sops", "300", "--commits", "300", "--bad-fraction", "0.3"]
    subprocess.run(command, env=isolated_env(), check=True, capture_output=True)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("root", ["generated", "sample-repo", "tests/corpora/instructions/planted", "tests/corpora/instructions/clean"])
def test_check_prints_the_same_with_and_without_the_fast_path(root, generated, monkeypatch):
    path = generated if root == "generated" else REPO_ROOT / root
    fast = check_output(path, "--ignore", "H")
    with monkeypatch.context() as patch:
        patch.setitem(sys.modules, "yaml_rs", None)
        patch.setitem(sys.modules, "jsonschema_rs", None)
        yaml_values._loads.cache_clear()
        json_schema._fast_validator.cache_clear()
        slow = check_output(path, "--ignore", "H")
    yaml_values._loads.cache_clear()
    json_schema._fast_validator.cache_clear()
    assert fast == slow
    if root == "generated":
        codes = {finding["code"] for finding in fast[1]["findings"]}
        assert len(fast[1]["findings"]) > 100 and len(codes) >= 12, sorted(codes)


def test_documents_parsed_in_threads_that_come_and_go_take_the_composers_path():
    """yaml-rs 0.1.6 crashes the process (a segmentation fault) when a thread calls it after
    the first thread that called it has ended, as the language server's work threads do.
    The fast path is the main thread's only; a thread gets the same values the composers' way."""
    script = (
        "import threading\n"
        "from sop_lint.reading import loader\n"
        "seen = []\n"
        "def parse():\n"
        f"    for _ in range(100):\n"
        f"        seen.append(repr(loader.parse_document('a.yaml', {PLAIN.encode()!r}, positions=False).data))\n"
        "for _ in range(6):\n"
        "    thread = threading.Thread(target=parse)\n"
        "    thread.start()\n"
        "    thread.join()\n"
        "parse()\n"
        "assert len(set(seen)) == 1 and len(seen) == 700, seen\n"
        "print('same values in every thread')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    assert (result.returncode, result.stdout) == (0, "same values in every thread\n"), result.stderr
