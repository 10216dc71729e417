"""Start-up: each command loads only what it needs; a warm check loads no parser or validator."""

import json
import subprocess
import sys

from tests.conftest import run_cli
from tests.gitrepo import GitRepo
from tests.repos import valid_repo

HEAVY = ("jsonschema", "yaml", "ruamel", "git", "multiprocessing", "concurrent.futures", "pygls", "lsprotocol", "cattrs")


def modules_loaded_by(*args: str, cwd=None) -> set[str]:
    """The modules a real `sop-lint` process has imported when the command ends."""
    script = (
        "import json, sys\n"
        "from sop_lint.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=cwd)
    return set(json.loads(result.stdout.splitlines()[-1]))


def heavy(modules: set[str]) -> set[str]:
    return {name for name in modules if name.split(".")[0] in HEAVY or name in HEAVY}


def test_rules_and_explain_load_neither_the_linter_nor_any_heavy_library():
    for command in (["rules"], ["explain", "P001"]):
        loaded = modules_loaded_by(*command)
        assert heavy(loaded) == set()
        assert "sop_lint.engine.linting" not in loaded


def test_a_warm_check_with_a_config_loads_no_validator_and_no_parser_but_for_the_config(repo):
    root = repo(valid_repo({"sop-lint.yaml": "review-every: 90d\n"}))
    assert run_cli("check", root)[0] == 0
    assert {name.split(".")[0] for name in heavy(modules_loaded_by("check", str(root)))} <= {"yaml"}  # for the config file


def test_a_remembered_config_that_changes_is_validated_again(repo):
    root = repo(valid_repo({"sop-lint.yaml": "review-every: 90d\n"}))
    assert run_cli("check", root)[0] == 0
    (root / "sop-lint.yaml").write_text("review-evry: 90d\n")
    code, _, err = run_cli("check", root)
    assert (code, err) == (2, f"sop-lint: error: {root / 'sop-lint.yaml'}:1:1: unknown key `review-evry`: did you mean `review-every`?\n")


def test_commands_that_run_no_rule_import_none(repo):
    """`rename` and `stale` summarize files and link them, and run no rule: importing the
    registry would compile every rule's expressions for nothing (a fifth of the imports)."""
    root = repo(valid_repo())
    sop = next((root / "sops").glob("*.md")).stem
    for command in (["rename", sop, f"{sop}-2", str(root), "--dry-run"], ["stale", str(root)]):
        loaded = modules_loaded_by(*command)
        rules = {name for name in loaded if name.startswith("sop_lint.rules.") and not name.startswith("sop_lint.rules.support")}
        assert rules <= {"sop_lint.rules.base"}, (command[0], sorted(rules))  # the contract, not a rule


# What the pre-commit hook never uses: another output format's reporter (the JUnit one
# brings an XML library), package resources (the schemas are read through `pkgutil`),
# tracebacks (--debug only), git history (its rules judge the work tree), a TOML reader
# (the settings are YAML), GitHub's job summary.
NOT_FOR_THE_HOOK = (
    "xml", "importlib.resources", "traceback", "sop_lint.reporters.junit", "sop_lint.reporters.sarif",
    "sop_lint.git.history", "sop_lint.git.background", "tomllib", "sop_lint.commands.step_summary", "sop_lint.reporters.markdown",
)


def test_the_pre_commit_hook_imports_only_what_it_uses(tmp_path):
    repo = GitRepo(tmp_path / "ops")
    repo.write(valid_repo())
    repo.commit("2026-01-05T09:00:00+00:00")
    sop = next((repo.path / "sops").glob("*.md"))
    sop.write_text(sop.read_text() + "\nOne more line.\n")
    repo.git("add", str(sop.relative_to(repo.path)))
    loaded = modules_loaded_by("check", "--staged", "--ignore", "H001,H002,H003,H005", str(sop.relative_to(repo.path)), cwd=repo.path)
    assert "sop_lint.engine.linting" in loaded  # the hook did lint
    assert {name for name in loaded if name.split(".")[0] in NOT_FOR_THE_HOOK or name in NOT_FOR_THE_HOOK} == set()
    assert heavy(loaded) == set()
