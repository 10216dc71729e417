"""Every case of the yaml-test-suite through the real `sop-lint check`, three ways: as a
process file, as a YAML SOP, and as the front matter of a Markdown SOP.

Each case gives findings or a clean result, never a traceback or exit code 2, and every
invalid case gives a syntax finding at a real line and column. All cases go into one
SOP root that one CLI call checks, and findings are mapped back to their files, so the
1,200 files take about a second.
"""

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import SHARED, assert_inside, history_note, run_cli

CORPUS = SHARED / "corpora" / "yaml-test-suite"
CASES: dict[str, dict] = json.loads((CORPUS / "index.json").read_text()) if CORPUS.is_dir() else {}
pytestmark = [
    pytest.mark.skipif(not CASES, reason="../shared/corpora/yaml-test-suite is not beside the project"),
    pytest.mark.slow,
]

# The findings that say a file is not valid YAML. Y004 (unknown kind) is left out: a
# valid case, which has no `kind`, gets it too.
SYNTAX = {"Y001", "Y002", "Y003", "Y005"}
EMBEDDINGS = {
    "process": lambda name: f"processes/{name}.yaml",
    "sop": lambda name: f"sops/{name}.yaml",
    "front matter": lambda name: f"sops/front-matter/{name}.md",
}
# A `---` or `...` line ends Markdown front matter: in a case that holds one (besides a
# first line, which the opening `---` of the front matter stands for) only the part
# before it is YAML, so its error may fall outside the front matter.
_MARKER_LINE = re.compile(rb"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def front_matter(case: bytes) -> bytes:
    body = case[case.index(b"\n") + 1 :] if _MARKER_LINE.match(case) else case
    return b"---\n" + body + (b"" if body.endswith(b"\n") else b"\n") + b"---\n# Body\n"


def cut_short(case: bytes) -> bool:
    body = case[case.index(b"\n") + 1 :] if _MARKER_LINE.match(case) else case
    return _MARKER_LINE.search(body) is not None


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    """Every case three ways, by the path it is written to in the SOP root."""
    written = {}
    for name in CASES:
        case = (CORPUS / f"{name}.yaml").read_bytes()
        for embedding, path_of in EMBEDDINGS.items():
            written[path_of(name)] = front_matter(case) if embedding == "front matter" else case
    return written


@pytest.fixture(scope="module")
def results(files, tmp_path_factory) -> dict[str, list[dict]]:
    """Findings by file, from one `sop-lint check` of a root holding every case three ways."""
    root = tmp_path_factory.mktemp("yaml-test-suite") / "ops"
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    code, out, err = run_cli("check", root, "--format", "json", "--no-cache")
    assert code in (0, 1), err
    assert err == history_note(root)  # no traceback, no warning
    report = json.loads(out)
    assert report["summary"]["files_checked"] == len(CASES) * len(EMBEDDINGS)
    by_path: dict[str, list[dict]] = defaultdict(list)
    for finding in report["findings"]:
        by_path[finding["path"]].append(finding)
    return by_path


def test_every_finding_has_a_real_position(files, results):
    for path, findings in results.items():
        for finding in findings:
            assert_inside(files[path], finding["line"], finding["column"], finding)


@pytest.mark.parametrize("embedding", EMBEDDINGS)
def test_every_invalid_case_is_a_syntax_finding(results, embedding):
    missed = []
    for name, case in sorted(CASES.items()):
        if not case["error"]:
            continue
        if embedding == "front matter" and cut_short((CORPUS / f"{name}.yaml").read_bytes()):
            continue
        codes = {finding["code"] for finding in results[EMBEDDINGS[embedding](name)]}
        if not codes & SYNTAX:
            missed.append(name)
    assert missed == []


def test_front_matter_findings_are_one_line_below_the_same_yaml(results):
    """The opening `---` of the front matter shifts every line by one, and nothing else."""
    compared = 0
    for name in CASES:
        case = (CORPUS / f"{name}.yaml").read_bytes()
        if _MARKER_LINE.search(case) or b"\r" in case or case.startswith(b"\xef\xbb\xbf"):
            continue
        as_yaml = [(f["code"], f["line"], f["column"]) for f in results[EMBEDDINGS["sop"](name)] if f["code"] == "Y001"]
        as_front_matter = [
            (f["code"], f["line"] - 1, f["column"]) for f in results[EMBEDDINGS["front matter"](name)] if f["code"] == "Y001"
        ]
        assert as_front_matter == as_yaml, name
        compared += bool(as_yaml)
    assert compared > 50


def test_the_cases_that_markdown_cuts_short_are_few():
    assert sum(cut_short((CORPUS / f"{name}.yaml").read_bytes()) for name, case in CASES.items() if case["error"]) < 20


def test_the_corpus_is_all_there():
    assert len(CASES) == 402 and all(Path(CORPUS / f"{name}.yaml").is_file() for name in CASES)
