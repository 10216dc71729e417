"""SARIF as code scanning reads it: Microsoft's SARIF Multitool with GitHub's ingestion
rules (`validate --rule-kind "Sarif;Gh"`), and the OASIS schema (issue 14, acceptance).

The Multitool comes from the npm registry: `.ci/run` installs it beside Mermaid (see
`npm_tool`); without it the test is skipped, saying why. It exits 0 whatever it finds, so
the test reads its own SARIF log. It tries an HTTP GET on every URI of the file
(SARIF2006): the test points it at a closed local port as its proxy, so it never touches
the network and its answer does not depend on one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from sop_lint.reporters import sarif
from tests.conftest import SAMPLE_REPO, SAMPLE_REPO_NOW, SHARED, npm_tool, run_cli
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo
from tests.test_ci_formats import hostile_folder

pytestmark = pytest.mark.slow
MULTITOOL = npm_tool("@microsoft", f"sarif-multitool-{sys.platform}", "Sarif.Multitool")  # npm names its platforms as Python does
SARIF_SCHEMA = SHARED / "corpora" / "sarif" / "sarif-schema-2.1.0.json"
NOW = "2026-11-24"

# What the Multitool says of sop-lint's SARIF, each a note (a suggestion, not a defect),
# and why it is left as it is.
ACCEPTED_NOTES = {
    # "use message.id and arguments instead of text": GitHub requires message.text (the
    # Multitool's own GH1007 rejects a message without it), and sop-lint's messages are
    # whole sentences naming the value at fault.
    "SARIF2002",
    # "provide versionControlProvenance": its repositoryUri would be the remote's URL,
    # which may hold a token, and `check` reads the work tree, which need not be any
    # commit; upload-sarif sends the commit and ref itself.
    "SARIF2003",
    # "URI not reachable": the $schema and each rule's helpUri, offline by design here;
    # tests/test_ci_formats.py checks that each helpUri's anchor is in docs/rules.md.
    "SARIF2006",
    # "provide a snippet" and "a context region": the lines are in the repository
    # GitHub shows them from, and an X001 line holds the credential, which sop-lint never
    # copies into a report.
    "SARIF2010",
    "SARIF2011",
    # "the rule's name should be Pascal case": `placeholder-value` is the name users read
    # in every other output, in `sop-lint rules` and docs/rules.md.
    "SARIF2012",
}

# I001 to I004, H001 (a 90-day interval), R003 and R004, in a path with a space and an accented letter
MARKDOWN_SOP = """\
---
kind: sop
id: brief-the-designer
title: Brief the designer
tool: Figma
account: The Acme team
format: A one-page brief
tone: Plain
review_every: 90d
---
# Brief the designer

1. Ask Sarah which Figma file to use.
2. Update the brief as needed.
3. Which deadline do we give? TODO
"""
MARKDOWN_PATH = "sops/équipe sociale/brief the designer.md"
LEGACY = SCHEDULE_SOP.replace("id: schedule-post", "id: legacy").replace("format: Image 1200x675 PNG", "format: TBD")
CHANGE = {
    # P001, P004, P005, R001 (and H003 for the SOPs it uses)
    "processes/promote-new-video.yaml": edit(PROCESS, "trigger: A new video is published on the channel", "trigger: TBD")
    + "  - name: 1. Schedule post\n    sop: schedule-post\n  - name: 3. Schedule post\n    sop: send-report\n",
    # P003, P006, R005
    "processes/loop-a.yaml": "kind: process\nid: loop-a\ntitle: A\ntrigger: t\noutcome: o\nsteps:\n  - name: B\n    process: loop-b\n",
    "processes/loop-b.yaml": "kind: process\nid: loop-b\ntitle: B\ntrigger: t\noutcome: o\nsteps:\n  - name: A\n    process: loop-a\n  - name: Prepare\n",
    "processes/empty.yaml": "kind: process\nid: empty\ntitle: E\ntrigger: t\noutcome: o\nsteps: []\n",
    # C002, S001, Y002, X001; then R004 only, its `tone: TBD` suppressed on its line
    "sops/schedule-post.yaml": edit(SCHEDULE_SOP, "format: Image 1200x675 PNG", "format: TBD\ntols: x\nformat: again")
    + "  - Sign in as social@acme.example, password: Tr0ub4dor&3\n",
    "sops/quiet.yaml": SCHEDULE_SOP.replace("id: schedule-post", "id: quiet").replace("tone: Upbeat and conversational", "tone: TBD  # sop-lint: disable=C002"),
    # C001, R002 and H004; I006 and R004; C003
    "sops/copy.yaml": SCHEDULE_SOP.replace("tool: Buffer\n", "") + "last_reviewed: 2027-05-01\n",
    "sops/prose.md": DRAFT_SOP.replace("id: draft-post-copy", "id: prose").split("# Draft")[0] + "We open it and write.\n",
    "sops/bare.md": DRAFT_SOP.replace("id: draft-post-copy", "id: bare").split("# Draft")[0],
    # Y001, Y003, Y004
    "sops/broken.yaml": "kind: sop\nid: broken\n  title: [oops\n",
    "sops/no-front-matter.md": "# Schedule the post\n\n1. Open Buffer.\n",
    "sops/procedure.yaml": "kind: procedure\nid: procedure\n",
}


@pytest.fixture(scope="module")
def logs(tmp_path_factory) -> dict[str, Path]:
    """SARIF files of `check` and `diff` on a repository whose SOP root is `ops/` and where
    every rule family fires (errors, warnings and notes; a finding in a Markdown SOP whose
    path has a space and an accented letter; a suppressed and a baselined finding), of a
    capped run, of a clean run, and of a folder whose file name is not UTF-8."""
    folder = tmp_path_factory.mktemp("sarif")
    repo = GitRepo(folder / "work")
    root = repo.path / "ops"
    legacy_use = PROCESS.replace("id: promote-new-video", "id: legacy-use").replace("sop: schedule-post", "sop: legacy")
    repo.commit("2026-01-05T09:00:00+00:00", ops(valid_repo({"sops/legacy.yaml": LEGACY, "processes/legacy.yaml": legacy_use})))
    baseline = folder / "baseline.json"
    assert run_cli("check", root, "--baseline", baseline, "--write-baseline", "--now", NOW)[0] == 0
    repo.commit("2026-06-01T09:00:00+00:00", ops({MARKDOWN_PATH: MARKDOWN_SOP}), "Brief the designer", "SOP-Reviewed: draft-post-cpy")
    repo.git("checkout", "-q", "-b", "change")
    repo.commit("2026-11-02T09:00:00+00:00", ops(CHANGE))
    outputs = {
        "check": run_cli("check", root, "--format", "sarif", "--now", NOW, "--baseline", baseline),
        "diff": run_cli("diff", root, "--base", "main", "--format", "sarif", "--now", NOW),
        "clean": run_cli("check", SAMPLE_REPO, "--format", "sarif", "--now", SAMPLE_REPO_NOW),
        "hostile": run_cli("check", hostile_folder(folder / "hostile"), "--format", "sarif", "--no-cache"),
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sarif, "MAX_RESULTS", 3)  # GitHub's 25,000 cost the Multitool 67 s; the notice is the same
        outputs["capped"] = run_cli("check", root, "--format", "sarif", "--now", NOW)
    paths = {}
    for name, (code, out, err) in outputs.items():
        assert code == (0 if name == "clean" else 1), err
        paths[name] = folder / f"{name}.sarif"
        paths[name].write_text(out, encoding="utf-8")
    return paths


def ops(files: dict[str, str]) -> dict[str, str]:
    return {f"ops/{path}": text for path, text in files.items()}


def results(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["runs"][0]["results"]


def test_the_logs_hold_what_the_acceptance_asks_for(logs):
    check = results(logs["check"])
    codes = {result["ruleId"] for result in check}
    assert {code[0] for code in codes} == set("YSPRCIHX")
    assert {result["level"] for result in check} == {"error", "warning", "note"}
    located = {(result["ruleId"], result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for result in check}
    assert ("I002", "ops/sops/%C3%A9quipe%20sociale/brief%20the%20designer.md") in located
    assert ("C002", "ops/sops/quiet.yaml") not in located  # suppressed on its line
    assert "ops/sops/legacy.yaml" not in {uri for _, uri in located}  # its C002 is in the baseline
    assert 0 < len(results(logs["diff"])) < len(check)
    assert results(logs["clean"]) == []
    [notice] = json.loads(logs["capped"].read_text())["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    left_out = re.match(r"(\d+) of (\d+) findings are left out", notice["message"]["text"])
    assert left_out is not None and int(left_out[2]) - int(left_out[1]) == len(results(logs["capped"])) == 3, notice


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="../shared/corpora/sarif is not beside the project")
def test_every_log_is_valid_against_the_oasis_schema(logs):
    validator = Draft4Validator(json.loads(SARIF_SCHEMA.read_text()))
    for name, path in logs.items():
        assert sorted(map(str, validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))))) == [], name


def multitool(paths: list[Path], output: Path) -> list[tuple[str, str, str]]:
    """(file name, rule id, level) of everything the Multitool reports on `paths`, from its own SARIF log."""
    closed = "http://127.0.0.1:9"  # the discard port: nothing listens, every GET fails at once
    env = {key: value for key, value in os.environ.items() if key.lower() not in ("no_proxy", "all_proxy")}
    env.update(HTTP_PROXY=closed, HTTPS_PROXY=closed, http_proxy=closed, https_proxy=closed)
    done = subprocess.run(
        [MULTITOOL, "validate", "--rule-kind", "Sarif;Gh", "--level", "Error;Warning;Note", "--output", output, *paths],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert done.returncode == 0 and output.is_file(), done.stdout[-3000:] + done.stderr[-3000:]
    [run] = json.loads(output.read_text(encoding="utf-8"))["runs"]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"], invocation
    reported = [(n.get("level", "warning"), n["message"]["text"]) for n in invocation.get("toolExecutionNotifications", [])]
    assert [n for n in reported if n[0] != "note"] == []  # a file skipped (too large, unreadable) is an error here
    return [
        (Path(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).name, r["ruleId"], r.get("level", "warning"))
        for r in run.get("results", [])
    ]


@pytest.mark.skipif(not MULTITOOL.is_file(), reason=f"the SARIF Multitool is not installed at {MULTITOOL} (.ci/run installs it from npm)")
def test_the_multitool_with_githubs_rules_finds_nothing_but_accepted_notes(logs, tmp_path):
    # The log as it was before issue 14 (a rule without fullDescription) shows the Multitool
    # is heard: GitHub's GH2012 is an error.
    before = json.loads(logs["check"].read_text(encoding="utf-8"))
    before["runs"][0]["tool"]["driver"]["rules"][0].pop("fullDescription", None)
    (tmp_path / "before.sarif").write_text(json.dumps(before), encoding="utf-8")
    reported = multitool([*logs.values(), tmp_path / "before.sarif"], tmp_path / "multitool.sarif")
    assert [r for r in reported if r[2] != "note"] == [("before.sarif", "GH2012", "error")]
    ours = [r for r in reported if r[0] != "before.sarif"]
    assert {file for file, _, _ in ours} == {path.name for path in logs.values()}  # every file was read
    assert {rule for _, rule, _ in ours} == ACCEPTED_NOTES
