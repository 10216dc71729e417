"""Every GitHub workflow in the README and docs/, and the action's own steps, pass the real
actionlint (with shellcheck on their `run:` scripts when Debian's shellcheck is there):
no deprecated action version, no unknown input, no shell mistake (issue 14, item 10 and
the action)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sop_lint import __version__
from tests.conftest import REPO_ROOT
from tests.test_docs import DOCS, code_blocks

ACTIONLINT = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
SHELLCHECK = shutil.which("shellcheck")
needs_actionlint = pytest.mark.skipif(
    ACTIONLINT is None, reason="actionlint is not installed (the test extra installs it: pip install -e '.[test]')"
)
ACTION = REPO_ROOT / "action.yml"
# How the docs name the action: this repository at the release's tag.
USES_ACTION = re.compile(r"sop-lint/sop-lint@v[\w.]+")


def workflows() -> dict[str, str]:
    """The GitHub workflows (YAML with `on` and `jobs`) in the README and docs/, by where they are."""
    found = {}
    for page in [REPO_ROOT / "README.md", *DOCS]:
        for number, block in enumerate(code_blocks(page.read_text(encoding="utf-8"), "yaml"), 1):
            try:
                loaded = yaml.safe_load(block)
            except yaml.YAMLError:
                continue  # the rules' "Bad" examples
            if isinstance(loaded, dict) and "jobs" in loaded and True in loaded:  # YAML 1.1 reads `on` as True
                found[f"{page.relative_to(REPO_ROOT)} block {number}"] = block
    return found


def actionlint(folder: Path, files: dict[str, str]) -> str:
    """actionlint's report on `files` written as workflows of a repository in `folder`
    holding this action at its root, so that `uses: ./` is checked against its inputs."""
    (folder / ".git").mkdir(parents=True)
    shutil.copy(ACTION, folder / "action.yml")
    flows = folder / ".github" / "workflows"
    flows.mkdir(parents=True)
    for number, text in enumerate(files.values()):
        (flows / f"workflow-{number}.yml").write_text(text, encoding="utf-8")
    shellcheck = ["-shellcheck", SHELLCHECK] if SHELLCHECK else ["-shellcheck", ""]
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", *shellcheck], cwd=folder, capture_output=True, text=True, check=False
    )
    assert result.returncode in (0, 1), result.stderr
    names = {f"workflow-{number}.yml": name for number, name in enumerate(files)}
    return re.sub(r"\.github/workflows/(workflow-\d+\.yml)", lambda m: names[m[1]], result.stdout)


def test_the_docs_hold_the_workflows_and_name_this_release():
    found = workflows()
    assert len(found) >= 3 and any(USES_ACTION.search(text) for text in found.values())
    versions = {match[0].split("@")[1] for text in found.values() for match in USES_ACTION.finditer(text)}
    assert versions == {f"v{__version__}"}


@needs_actionlint
def test_every_workflow_in_the_docs_passes_actionlint(tmp_path):
    """The action is used as `./`, so actionlint reads its action.yml and checks the inputs given."""
    found = {name: USES_ACTION.sub("./", text) for name, text in workflows().items()}
    assert actionlint(tmp_path, found) == ""


@needs_actionlint
def test_actionlint_catches_what_this_test_is_for(tmp_path):
    """The checks are real: an old action version, an input the action does not have, a shell mistake."""
    bad = (
        "on: pull_request\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - uses: ./\n        with: { folder: ops }\n"
        "      - run: echo $1\n"
    )
    report = actionlint(tmp_path, {"bad": bad})
    assert 'runtime "node20" is deprecated' in report
    assert 'input "folder" is not defined in action "sop-lint"' in report
    if SHELLCHECK:
        assert "SC2086" in report


@needs_actionlint
def test_the_actions_own_steps_pass_actionlint(tmp_path):
    """actionlint reads workflows, not an action's steps: they run here as a job of a
    workflow whose inputs are the action's."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    inputs = {name: {"type": "string", "required": False, "default": spec.get("default", "")}
              for name, spec in action["inputs"].items()}
    wrapper = {
        "name": "the action's steps",
        "on": {"workflow_dispatch": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    assert actionlint(tmp_path, {"action.yml": yaml.safe_dump(wrapper, sort_keys=False)}) == ""


@pytest.mark.skipif(SHELLCHECK is None, reason="Debian's shellcheck is not installed (.ci/run installs it)")
def test_the_actions_script_passes_shellcheck():
    result = subprocess.run(
        [str(SHELLCHECK), "--shell=bash", str(REPO_ROOT / "action" / "run.sh")], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, "")


def test_the_action_gives_its_script_every_input():
    """What action/run.sh reads (INPUT_ROOT, ...) is what action.yml's step sets, one per input."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    [step] = [step for step in action["runs"]["steps"] if step.get("id") == "run"]
    given = {name for name in step["env"] if name.startswith("INPUT_")}
    assert given == {f"INPUT_{name.upper().replace('-', '_')}" for name in action["inputs"]}
    for name in given:
        assert step["env"][name] == f"${{{{ inputs.{name.removeprefix('INPUT_').lower().replace('_', '-')} }}}}"
    script = (REPO_ROOT / "action" / "run.sh").read_text(encoding="utf-8")
    assert set(re.findall(r"\bINPUT_[A-Z_]+", script.split("set -uo pipefail")[1])) == given
    assert "action/run.sh" in step["run"]
