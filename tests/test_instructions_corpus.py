"""The instructions corpus (tests/corpora/instructions/): 72 well-written SOPs that must
give no finding at all, and 72 that each carry one planted defect, with its position in
`planted/expected.yaml`. Written apart from the rules, to measure them: precision first."""

from __future__ import annotations

import runpy

import pytest
import yaml

from tests.conftest import REPO_ROOT, check_json

CORPUS = REPO_ROOT / "tests" / "corpora" / "instructions"
EXPECTED = yaml.safe_load((CORPUS / "planted" / "expected.yaml").read_text(encoding="utf-8"))


def test_the_answer_key_points_at_each_defect():
    """Every entry's `defect` starts at its line and column, one entry per planted file."""
    assert runpy.run_path(str(CORPUS / "verify_positions.py"))["main"]() == 0


def test_the_clean_corpus_gives_no_finding():
    code, report = check_json(CORPUS / "clean", "--no-cache")
    assert (code, report["findings"]) == (0, [])
    assert report["summary"]["files_checked"] == 72


@pytest.fixture(scope="module")
def planted_findings() -> set[tuple[str, int, int, str]]:
    _, report = check_json(CORPUS / "planted", "--no-cache")
    return {(finding["path"], finding["line"], finding["column"], finding["code"]) for finding in report["findings"]}


@pytest.mark.parametrize("entry", EXPECTED, ids=lambda entry: f"{entry['code']}-{entry['file']}")
def test_each_planted_defect_is_found_where_it_is(planted_findings, entry):
    """Recall: every planted defect, at the line and column of its words."""
    assert (entry["file"], entry["line"], entry["column"], entry["code"]) in planted_findings


def test_nothing_but_the_planted_defects_is_found(planted_findings):
    """Precision: every finding on the planted corpus is one of its planted defects."""
    planted = {(entry["file"], entry["line"], entry["column"], entry["code"]) for entry in EXPECTED}
    assert planted_findings <= planted
