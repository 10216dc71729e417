"""The hooks pre-commit reads from this repository: their entries run as they stand."""

import os
import shlex
import subprocess
import sys

import yaml

from tests.conftest import REPO_ROOT, SAMPLE_REPO, SAMPLE_REPO_NOW


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())}


def test_the_lint_hook_gets_file_names_runs_on_deletions_and_leaves_staleness_to_its_own_hook():
    found = hooks()
    assert set(found) == {"sop-lint", "sop-lint-stale"}
    lint = found["sop-lint"]
    assert lint.get("pass_filenames", True) is True and lint["always_run"] is True and lint["require_serial"] is True
    assert "--staged" in lint["entry"]
    assert set(found["sop-lint-stale"]["stages"]) == {"pre-push", "manual"}


def test_each_entry_runs_on_the_sample_repository():
    for hook in hooks().values():
        program, *arguments = shlex.split(hook["entry"])
        assert program == "sop-lint"
        # As pre-commit runs the push hook: the range pushed (here, no commit at all).
        pushed = {"PRE_COMMIT_FROM_REF": "HEAD", "PRE_COMMIT_TO_REF": "HEAD"}
        result = subprocess.run(
            [sys.executable, "-m", "sop_lint", *arguments, str(SAMPLE_REPO), "--now", SAMPLE_REPO_NOW],
            capture_output=True, text=True, check=False, env={**os.environ, **pushed},
        )
        assert result.returncode == 0, (hook["id"], result.stdout, result.stderr)


def test_the_lint_hook_asks_for_no_rule_it_would_skip(tmp_path):
    """History rules do not apply to the index: asked for, each commit would print a note
    that they were skipped. H004 (a review date in the future) reads no history, and stays."""
    from sop_lint.rules.registry import NEEDS_HISTORY

    _, *arguments = shlex.split(hooks()["sop-lint"]["entry"])
    ignored = set(arguments[arguments.index("--ignore") + 1].split(","))
    assert ignored == NEEDS_HISTORY
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["cp", "-r", f"{SAMPLE_REPO}/.", str(tmp_path)], check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    result = subprocess.run(
        [sys.executable, "-m", "sop_lint", *arguments, "sops/social/draft-post-copy.md"],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
