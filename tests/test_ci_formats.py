"""SARIF and GitHub annotations: what code review services read."""

import json
import os
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from jsonschema import Draft4Validator

from sop_lint.reporters import FORMATS
from sop_lint.rules.registry import RULES
from tests.conftest import REPO_ROOT, SHARED, history_note, run_cli, write_files
from tests.gitrepo import GitRepo
from tests.repos import PROCESS, SCHEDULE_SOP, edit, valid_repo

SARIF_SCHEMA = SHARED / "corpora" / "sarif" / "sarif-schema-2.1.0.json"
BROKEN = {
    "sops/schedule-post.yaml": edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD\ntols: x"),
    "processes/extra.yaml": "kind: process\nid: extra\ntitle: T\ntrigger: t\noutcome: o\nsteps:\n  - name: A\n    sop: nope\n",
}


@pytest.fixture
def nested(tmp_path):
    """A git work tree whose SOP root is the `ops/` folder in it."""
    repo = GitRepo(tmp_path / "work")
    repo.commit("2026-11-01T09:00:00+00:00", {f"ops/{path}": text for path, text in valid_repo(BROKEN).items()})
    return repo.path / "ops"


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="../shared/corpora/sarif is not beside the project")
def test_sarif_is_valid_against_the_official_schema_and_relative_to_the_work_tree(nested):
    code, out, _ = run_cli("check", nested, "--format", "sarif", "--now", "2026-11-24")
    assert code == 1
    log = json.loads(out)
    errors = sorted(Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).iter_errors(log), key=str)
    assert errors == []
    run = log["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == list(RULES)
    assert all("## What it does" in rule["help"]["markdown"] for rule in run["tool"]["driver"]["rules"])
    located = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         r["locations"][0]["physicalLocation"]["region"]["startLine"], r["level"])
        for r in run["results"]
    }
    assert located == {
        ("C002", "ops/sops/schedule-post.yaml", 7, "error"),
        ("S001", "ops/sops/schedule-post.yaml", 8, "error"),
        ("R001", "ops/processes/extra.yaml", 8, "error"),
    }
    assert all(r["partialFingerprints"]["sopLint/v1"] for r in run["results"])


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="../shared/corpora/sarif is not beside the project")
def test_sarif_meets_githubs_contract(nested):
    """Issue 14, item 6: GitHub requires each rule's `fullDescription`, reads the driver's
    `informationUri` and a rule's `helpUri` (here, its own section of docs/rules.md), and
    keeps at most 25,000 results a run."""
    from sop_lint.findings import Finding, Severity
    from sop_lint.reporters.context import ReportContext
    from sop_lint.reporters.sarif import MAX_RESULTS, render
    from tests.test_docs import anchors

    run = json.loads(run_cli("check", nested, "--format", "sarif", "--now", "2026-11-24")[1])["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    rules_page = anchors((REPO_ROOT / "docs" / "rules.md").read_text())
    for rule in driver["rules"]:
        assert rule["fullDescription"]["text"] and "## Why" not in rule["fullDescription"]["text"]  # the first section only
        assert rule["helpUri"].split("#")[1] in rules_page, rule["helpUri"]
    many = [
        Finding("C002", "placeholder-value", Severity.WARNING if n % 2 else Severity.ERROR, f"sops/s{n}.yaml", 1, 1, "m", f"{n:020}")
        for n in range(MAX_RESULTS + 2)
    ]
    log = json.loads(render(many, ReportContext(files_checked=len(many), fail_on=Severity.ERROR, exit_code=1)))
    # Every result has the same shape: the schema is checked on the first hundred, and on
    # the notification (all 25,000 took the validator most of this test's 15 s).
    sample = {**log, "runs": [{**log["runs"][0], "results": log["runs"][0]["results"][:100]}]}
    assert sorted(Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).iter_errors(sample), key=str) == []
    [capped] = log["runs"]
    assert len(capped["results"]) == MAX_RESULTS and {r["level"] for r in capped["results"][:MAX_RESULTS // 2]} == {"error"}
    [notice] = capped["invocations"][0]["toolExecutionNotifications"]
    assert notice["message"]["text"].startswith(f"2 of {MAX_RESULTS + 2} findings are left out")


def test_github_annotations_point_at_the_file_from_the_work_tree_root(nested):
    code, out, _ = run_cli("check", nested, "--format", "github", "--now", "2026-11-24")
    assert code == 1
    assert out.splitlines() == [
        ("::error file=ops/processes/extra.yaml,line=8,col=10,title=R001 unknown-reference::step 1 'A' uses SOP `nope`, "
        "which does not exist: correct the id, or create `sops/nope.md` with `id: nope`"),
        ("::error file=ops/sops/schedule-post.yaml,line=7,col=7,title=C002 placeholder-value::SOP 'schedule-post' has a "
        "placeholder `tone` (`TBD`): write how the writing should sound, like `Upbeat and conversational`"),
        "::error file=ops/sops/schedule-post.yaml,line=8,col=1,title=S001 schema-violation::unknown key `tols`: did you mean `tool`?",
    ]


def test_github_is_the_default_format_inside_github_actions(repo, monkeypatch):
    root = repo(valid_repo(BROKEN))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = run_cli("check", root)[1]
    assert out.startswith("::error file=processes/extra.yaml,line=8,col=10,")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    first = run_cli("check", root)[1].splitlines()[0]
    assert first.endswith("processes/extra.yaml:8:10: R001 step 1 'A' uses SOP `nope`, which does not exist: correct the id, or create `sops/nope.md` with `id: nope`")


def test_annotation_properties_and_messages_are_escaped():
    from sop_lint.reporters.github import _message, _property

    assert _property("a,b:c%d") == "a%2Cb%3Ac%25d"
    assert _message("50%\nnext") == "50%25%0Anext"


def test_junit_has_a_test_case_per_file_and_a_failure_per_finding(nested):
    from xml.etree import ElementTree

    code, out, _ = run_cli("check", nested, "--format", "junit", "--now", "2026-11-24")
    assert code == 1
    suite = ElementTree.fromstring(out.split("\n", 1)[1]).find("testsuite")
    cases = {case.get("name"): [f.get("type") for f in case.findall("failure")] for case in suite.findall("testcase")}
    assert cases == {  # paths from the git work tree's root, as the README says
        "ops/processes/extra.yaml": ["R001"],
        "ops/processes/promote-new-video.yaml": [],
        "ops/sops/draft-post-copy.md": [],
        "ops/sops/schedule-post.yaml": ["C002", "S001"],
    }
    assert (suite.get("tests"), suite.get("failures")) == ("4", "2")


def test_junit_fails_only_at_the_fail_level_and_stays_well_formed(repo):
    """Issue 14, item 7: a `\\v` in a step name made the XML unparseable, and warnings were
    failures, so a run that exits 0 showed failed tests in Jenkins and GitLab."""
    from xml.etree import ElementTree

    twice = '  - name: "Post\\vnow"\n    sop: schedule-post\n'
    root = repo(valid_repo({"processes/promote-new-video.yaml": PROCESS + twice + twice}))
    code, out, _ = run_cli("check", root, "--format", "junit", "--select", "P005")
    assert code == 0
    suite = ElementTree.fromstring(out.split("\n", 1)[1]).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("3", "0")
    [case] = [case for case in suite.findall("testcase") if case.find("system-out") is not None]
    assert case.findall("failure") == [] and "P005 (warning)" in case.find("system-out").text and "\\x0b" in case.find("system-out").text
    code, out, _ = run_cli("check", root, "--format", "junit", "--select", "P005", "--fail-on", "warning")
    assert code == 1 and ElementTree.fromstring(out.split("\n", 1)[1]).find("testsuite").get("failures") == "1"


def test_gitlab_code_quality_json(nested):
    code, out, _ = run_cli("check", nested, "--format", "gitlab", "--now", "2026-11-24")
    assert code == 1
    issues = json.loads(out)
    assert {(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"], i["severity"]) for i in issues} == {
        ("R001 unknown-reference", "ops/processes/extra.yaml", 8, "major"),
        ("C002 placeholder-value", "ops/sops/schedule-post.yaml", 7, "major"),
        ("S001 schema-violation", "ops/sops/schedule-post.yaml", 8, "major"),
    }
    assert all(len(i["fingerprint"]) == 20 and i["description"] for i in issues)


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="../shared/corpora/sarif is not beside the project")
def test_diff_sarif_holds_only_the_new_findings_and_is_valid(tmp_path):
    repo = GitRepo(tmp_path / "work")
    repo.commit("2026-11-01T09:00:00+00:00", {f"ops/{path}": text for path, text in valid_repo({"processes/extra.yaml": BROKEN["processes/extra.yaml"]}).items()})
    repo.git("checkout", "-q", "-b", "change")
    repo.commit("2026-11-02T09:00:00+00:00", {"ops/sops/schedule-post.yaml": BROKEN["sops/schedule-post.yaml"]})
    code, out, _ = run_cli("diff", repo.path / "ops", "--base", "main", "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    assert sorted(Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).iter_errors(log), key=str) == []
    assert {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in log["runs"][0]["results"]} == {
        ("C002", "ops/sops/schedule-post.yaml"),
        ("S001", "ops/sops/schedule-post.yaml"),
    }


# Every output format encodes every value and path it can meet (issue 12, items 3, 13
# and 16): a file name that is not UTF-8, values with lone surrogates, terminal escapes,
# carriage returns, C1 controls, bidirectional overrides, NUL and U+FFFF.
HOSTILE_VALUE = r"Bad\ud800 \x1b[2K\rAll checks passed \x9b2K \u202e \0 \uffff \t \u2028"
NOT_UTF8 = b"sops/caf\xe9.yaml"


def hostile_folder(root):
    """A repository (not in git) whose SOP has a name that is not UTF-8 and an id quoted by S001."""
    write_files(root, valid_repo())
    sop = edit(SCHEDULE_SOP, "id: schedule-post", f'id: "{HOSTILE_VALUE}"').replace("schedule-post", "x")
    with open(os.path.join(os.fsencode(root), NOT_UTF8), "wb") as file:
        file.write(sop.encode())
    return root


def run_strict(*args) -> tuple[int, bytes, bytes]:
    """The real program, writing to a pipe that accepts nothing but UTF-8."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    result = subprocess.run([sys.executable, "-m", "sop_lint", *map(str, args)], capture_output=True, env=env, cwd=REPO_ROOT, timeout=60)
    return result.returncode, result.stdout, result.stderr


def assert_no_hidden_characters(text: str) -> None:
    """Nothing a terminal acts on: no control but line ends, no bidirectional override."""
    hidden = [char for char in text if (char < " " and char != "\n") or "\x7f" <= char <= "\x9f" or char in "\u202e\u2028\ud800\uffff"]
    assert hidden == [], text


@pytest.mark.parametrize("output_format", list(FORMATS))
def test_every_format_writes_strict_utf8_and_parses_whatever_the_files_hold(tmp_path, output_format):
    root = hostile_folder(tmp_path / "repo")
    code, out, err = run_strict("check", root, "--format", output_format, "--no-cache")
    assert code == 1, err
    text, _ = out.decode("utf-8"), err.decode("utf-8")  # strict: raises on anything but UTF-8
    if output_format in ("json", "gitlab", "sarif"):
        document = json.loads(text)
        assert "Bad\\\\ud800" in text  # the escape's backslash, escaped for JSON
        if output_format == "json":
            assert "sops/caf\\xe9.yaml" in {finding["path"] for finding in document["findings"]}
    if output_format == "sarif" and SARIF_SCHEMA.is_file():
        assert sorted(Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).iter_errors(document), key=str) == []
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in document["runs"][0]["results"]}
        assert "sops/caf%E9.yaml" in uris
    if output_format == "junit":
        suite = ElementTree.fromstring(out.split(b"\n", 1)[1]).find("testsuite")
        assert "sops/caf\\xe9.yaml" in {case.get("name") for case in suite.findall("testcase")}
    if output_format in ("text", "github", "markdown"):
        assert_no_hidden_characters(text)
        assert "caf\\xe9.yaml" in text and "Bad\\ud800 \\x1b[2K\\rAll checks passed \\x9b2K \\u202e \\x00 \\uffff \\t \\u2028" in text
    if output_format == "text":
        assert sum(line.startswith("All checks passed") for line in text.splitlines()) == 0


def test_a_baseline_holds_every_path_and_message_as_strict_utf8(tmp_path):
    root = hostile_folder(tmp_path / "repo")
    baseline = tmp_path / "baseline.json"
    code, _, err = run_strict("check", root, "--write-baseline", "--baseline", baseline, "--no-cache")
    assert code == 0, err
    entries = json.loads(baseline.read_bytes().decode("utf-8"))["findings"]
    assert "sops/caf\\xe9.yaml" in {entry["path"] for entry in entries}
    code, out, err = run_strict("check", root, "--baseline", baseline, "--no-cache")
    assert code == 0, err
    assert out.decode("utf-8") == "All checks passed (4 files checked). 1 known finding hidden by the baseline.\n"


def test_the_cache_keeps_what_it_cannot_print(tmp_path):
    root = hostile_folder(tmp_path / "repo")
    cold = run_strict("check", root, "--format", "json")
    warm = run_strict("check", root, "--format", "json")
    assert cold[0] == warm[0] == 1 and cold[1] == warm[1]


@pytest.mark.parametrize("output_format", ["text", "markdown", "json", "csv", "html"])
def test_stale_writes_strict_utf8_and_shows_every_value_as_text(tmp_path, output_format):
    repo = GitRepo(tmp_path / "work")
    hostile_folder(repo.path)
    repo.write({"sops/schedule-post.yaml": edit(SCHEDULE_SOP, "tone:", f'owner: "{HOSTILE_VALUE}"\ntone:')})
    repo.commit("2026-01-01T09:00:00+00:00")
    code, out, err = run_strict("stale", repo.path, "--format", output_format, "--group-by", "owner", "--now", "2026-11-24")
    assert (code, err) == (0, b"")
    text = out.decode("utf-8")
    if output_format == "json":
        assert {"sops/caf\\xe9.yaml", "sops/schedule-post.yaml"} <= {sop["path"] for sop in json.loads(text)["sops"]}
    else:
        assert_no_hidden_characters(text)
        assert "caf\\xe9.yaml" in text and "Bad\\ud800 \\x1b[2K\\rAll checks passed" in text


def test_errors_and_notes_on_stderr_show_control_characters_as_escapes(tmp_path):
    root = write_files(tmp_path / "r\x1b[2K\rx", valid_repo())
    code, _, err = run_cli("check", root)
    assert code == 0 and err == history_note(root).replace("\x1b[2K\r", "\\x1b[2K\\r")
    write_files(root, {"sop-lint.yaml": 'review-every: "\\x1b[2K\\r9d"\n'})
    code, _, err = run_cli("check", root)
    assert code == 2 and "r\\x1b[2K\\rx/sop-lint.yaml:1:15: `review-every` has a value" in err and "`\\x1b[2K\\r9d`" in err
    assert_no_hidden_characters(err)
    (root / "sop-lint.yaml").unlink()
    code, _, err = run_cli("check", root, "--select", "X\x9b2K\u202e")
    assert (code, err) == (2, "sop-lint: error: unknown rule code `X\\x9b2K\\u202e` in --select: `sop-lint rules` lists them\n")
