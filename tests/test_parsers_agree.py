"""The fast YAML path (libyaml, with ruamel.yaml for what libyaml rejects) against the
reference (ruamel.yaml alone): same JSON values, same problems, same positions."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sop_lint.config.loading import load_config
from sop_lint.engine.linting import lint
from sop_lint.engine.loading import RunOptions
from sop_lint.engine.selection import select_rules
from sop_lint.engine.sources import WorkTree
from sop_lint.model.freshness import parse_now
from sop_lint.reading.documents import LoadProblemKind
from sop_lint.reading.loader import load_document
from sop_lint.reading.yaml_parsers import compose_fast, compose_ruamel
from tests.conftest import REPO_ROOT, SAMPLE_REPO_NOW, SHARED, assert_inside
from tests.test_bench_smoke import isolated_env

CORPUS = SHARED / "corpora" / "yaml-test-suite"
CASES = json.loads((CORPUS / "index.json").read_text()) if CORPUS.is_dir() else {}

# Where the parsers differ on the corpus. None of these constructs occurs in the
# benchmark repository or the sample repository; each is a conformance gap of one parser.
KNOWN_DIFFERENCES = {
    # valid YAML that ruamel.yaml rejects and libyaml reads correctly
    **dict.fromkeys(
        ["4QFQ", "DC7X", "DK95-05", "DK95-07", "DWX9", "HS5T", "J3BT", "K54U", "MUS6-03", "NB6Z", "T26H", "UV7Q", "WZ62"],
        "ruamel.yaml rejects valid YAML",
    ),
    # invalid YAML that libyaml accepts: a directive typo, a comment right after a block
    # scalar indicator, and an over-indented empty block scalar
    # (sop-lint's own check finds them, in other words and places than ruamel.yaml)
    **dict.fromkeys(["MUS6-00", "S98Z", "X4QW"], "libyaml accepts invalid YAML"),
    # a tag or anchor before a value: libyaml marks the tag, ruamel.yaml the value
    **dict.fromkeys(["CUP7", "F2C7", "HMQ5"], "position of a tagged or anchored value"),
    "DFF7": "position of an empty explicit `?` key in a flow mapping",
    "9MMW": "a flow mapping as a key inside a flow sequence",
    "UKK6-02": "a lone `!` tag: libyaml reads '', ruamel.yaml null",
    "Y2GN": "a `:` inside an anchor name (allowed by YAML 1.2, not by libyaml)",
}


def signature(path: Path, compose) -> tuple:
    document = load_document(path.parent, path.name, compose)
    problems = [(p.kind, p.position, p.message) for p in document.problems]
    return json.dumps(document.data, sort_keys=True, allow_nan=True), problems, document.value_positions, document.key_positions


@pytest.mark.slow
@pytest.mark.skipif(not CASES, reason="../shared/corpora/yaml-test-suite is not beside the project")
def test_both_paths_agree_on_the_yaml_test_suite_but_for_known_gaps():
    differing = {
        name for name in CASES if signature(CORPUS / f"{name}.yaml", compose_fast) != signature(CORPUS / f"{name}.yaml", compose_ruamel)
    }
    assert differing == set(KNOWN_DIFFERENCES)


@pytest.mark.slow
@pytest.mark.skipif(not CASES, reason="../shared/corpora/yaml-test-suite is not beside the project")
@pytest.mark.parametrize("compose", [compose_fast, compose_ruamel], ids=["fast", "ruamel"])
def test_every_invalid_corpus_case_is_a_located_syntax_problem(compose):
    """Both parsers accept a few invalid cases (9C9N 9JBA CVW2 DK95-01 G5U8 MUS6-00 QB6E
    S98Z SU5Z U99R X4QW Y79Y-003 YJV2 through libyaml); sop_lint.reading.yaml_conformance finds
    them. No case raises, valid or not."""
    accepted_invalid = []
    for name, case in sorted(CASES.items()):
        document = load_document(CORPUS, f"{name}.yaml", compose)
        for problem in document.problems:
            assert_inside((CORPUS / f"{name}.yaml").read_bytes(), problem.position.line, problem.position.column, (name, problem))
        if case["error"] and LoadProblemKind.INVALID_YAML not in {problem.kind for problem in document.problems}:
            accepted_invalid.append(name)
    assert accepted_invalid == []


def findings_with(root: Path, compose, workers: int = 1) -> list[tuple]:
    config = load_config(root)
    options = RunOptions(compose=compose, workers=workers, now=parse_now(SAMPLE_REPO_NOW))
    result = lint(WorkTree(root), config, select_rules(config), options)
    return [(f.path, f.line, f.column, f.code, f.message) for f in result.findings]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("generated") / "ops"
    command = [sys.executable, str(REPO_ROOT / "bench" / "generate.py"), str(path),
               "--processes", "60", "--sops", "300", "--commits", "300", "--bad-fraction", "0.3"]
    subprocess.run(command, env=isolated_env(), check=True, capture_output=True)
    return path


def test_both_paths_give_the_same_findings_on_the_sample_repository():
    path = REPO_ROOT / "sample-repo"
    assert findings_with(path, compose_fast) == findings_with(path, compose_ruamel) == []


@pytest.mark.slow
def test_both_paths_and_worker_processes_give_the_same_findings_on_a_generated_repository(generated):
    serial = findings_with(generated, compose_fast)
    assert len(serial) > 50
    assert findings_with(generated, compose_ruamel) == serial
    assert findings_with(generated, compose_fast, workers=2) == serial
