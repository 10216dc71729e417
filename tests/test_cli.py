"""The command line: output contracts, exit codes, and every command."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sop_lint.findings import Safety
from sop_lint.rules.base import fix_safety
from sop_lint.rules.registry import RULES
from tests.conftest import (
    REPO_ROOT,
    SAMPLE_REPO,
    SAMPLE_REPO_NOW,
    history_note,
    run_cli,
    usage_error,
)
from tests.gitrepo import GitRepo
from tests.repos import SCHEDULE_SOP, edit, valid_repo

PLACEHOLDER = edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")

S = "sops/schedule-post.yaml"
ONE_FINDING = {S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")}


def test_json_output_contract_version_1(repo):
    code, out, _ = run_cli("check", repo(valid_repo(ONE_FINDING)), "--format", "json")
    assert code == 1
    assert json.loads(out) == {
        "version": 1,
        "findings": [
            {
                "code": "C002",
                "name": "placeholder-value",
                "severity": "error",
                "path": "sops/schedule-post.yaml",
                "line": 7,
                "column": 7,
                "message": "SOP 'schedule-post' has a placeholder `tone` (`TBD`): write how the writing "
                "should sound, like `Upbeat and conversational`",
                "fingerprint": "f154922de34f87ef430b",  # sha256("C002\\0sops/schedule-post.yaml\\0tone"): never changes
            }
        ],
        "summary": {
            "files_checked": 3,
            "findings": 1,
            "by_severity": {"error": 1, "warning": 0, "info": 0},
            "fail_on": "error",
            "exit_code": 1,
        },
    }


def test_text_output_is_path_line_col_code_message(repo, monkeypatch):
    root = repo(valid_repo(ONE_FINDING))
    monkeypatch.chdir(root.parent)
    code, out, _ = run_cli("check", "repo")
    assert code == 1
    assert out.splitlines() == [
        ("repo/sops/schedule-post.yaml:7:7: C002 SOP 'schedule-post' has a placeholder `tone` (`TBD`): "
        "write how the writing should sound, like `Upbeat and conversational`"),
        "Found 1 finding (1 error) in 3 files.",
    ]


def test_check_defaults_to_the_current_folder(repo, monkeypatch):
    monkeypatch.chdir(repo(valid_repo()))
    assert run_cli("check") == (0, "All checks passed (3 files checked).\n", history_note(Path(".")))


def test_a_missing_path_is_a_usage_error():
    code, _, err = run_cli("check", "/no/such/folder")
    assert code == 2
    assert usage_error(err) == "Invalid value for '[PATH] [FILE]...': Path '/no/such/folder' does not exist."


def test_an_internal_error_is_one_line_and_the_traceback_comes_with_debug(repo, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("sop_lint.engine.sources.discover", broken)
    root = repo(valid_repo())
    one_line = "sop-lint: internal error: RuntimeError: disk on fire (run again with --debug for the traceback)\n"
    assert run_cli("check", root) == (2, "", one_line)
    code, out, err = run_cli("check", root, "--debug")
    assert (code, out) == (2, "")
    assert err.startswith("Traceback (most recent call last):\n")
    # With the traceback shown, the line asks for a report instead of for --debug again.
    assert err.endswith("\nRuntimeError: disk on fire\nsop-lint: internal error: RuntimeError: disk on fire (please report it with the traceback above)\n")


def test_rules_lists_every_rule_with_code_name_severity_and_fix():
    code, out, _ = run_cli("rules")
    assert code == 0
    header, *lines = out.splitlines()
    assert header.split() == ["code", "name", "severity", "fix", "summary"]
    assert len(lines) == len(RULES)
    for line, rule in zip(lines, RULES.values(), strict=True):
        assert line.split()[:3] == [rule.CODE, rule.NAME, rule.SEVERITY.value]
    fix_at = header.index("fix")
    fixes = {line.split()[0]: line[fix_at : header.index("summary")].strip() for line in lines}
    assert (fixes["Y002"], fixes["P004"], fixes["R001"], fixes["R004"]) == ("safe", "safe, unsafe", "unsafe", "-")


@pytest.mark.parametrize("code", list(RULES))
def test_explain_prints_the_rules_documentation(code):
    rule = RULES[code]
    exit_code, out, _ = run_cli("explain", code.lower())
    assert exit_code == 0
    fix = {
        (): "", (Safety.SAFE,): "; fix: safe, made by `check --fix`", (Safety.UNSAFE,): "; fix: unsafe, made by `check --fix --unsafe-fixes`",
        (Safety.SAFE, Safety.UNSAFE): "; fixes: safe and unsafe (see Fix)",
    }[fix_safety(rule)]
    assert out.startswith(f"{code} {rule.NAME} (default severity: {rule.SEVERITY.value}{fix})")
    for section in ("## What it does", "## Why", "## Bad", "## Good"):
        assert section in out
    assert run_cli("explain", rule.NAME)[1] == out


def test_explain_an_unknown_code_is_a_usage_error():
    code, _, err = run_cli("explain", "Z123")
    assert code == 2
    assert usage_error(err) == "Invalid value for CODE: no rule `Z123`: `sop-lint rules` lists them"


@pytest.mark.parametrize(
    ("word", "hint"),
    [
        ("placeholder", "did you mean `placeholder-value` (C002) or `placeholder-instructions` (I001)?"),
        ("orphan", "did you mean `orphan-sop` (R004)?"),
        ("orphan-sops", "did you mean `orphan-sop` (R004)?"),
    ],
)
def test_explain_a_word_of_a_rule_name_names_the_rules(word, hint):
    """Issue 13, item 8: `explain placeholder` said only that no such rule exists."""
    code, _, err = run_cli("explain", word)
    assert (code, usage_error(err)) == (2, f"Invalid value for CODE: no rule `{word}`: {hint}")


@pytest.mark.parametrize("name", ["process", "sop", "config"])
def test_schema_prints_the_bundled_schema(name):
    code, out, _ = run_cli("schema", name)
    assert code == 0
    assert out == (REPO_ROOT / "schemas" / f"{name}.schema.json").read_text()
    assert json.loads(out)["$id"] == f"https://sop-lint.dev/schemas/v1/{name}.schema.json"


def test_init_writes_a_repository_that_passes(tmp_path):
    code, out, _ = run_cli("init", tmp_path / "ops")
    assert code == 0 and "created" in out
    code, out, _ = run_cli("check", tmp_path / "ops")
    assert (code, out) == (0, "All checks passed (3 files checked).\n")  # not even an info finding
    created = sorted(p.relative_to(tmp_path / "ops").as_posix() for p in (tmp_path / "ops").rglob("*") if p.is_file())
    assert created == [
        ".pre-commit-config.yaml",
        "CODEOWNERS",
        "processes/promote-new-video.yaml",
        "sop-lint.yaml",
        "sops/draft-post-copy.md",
        "sops/schedule-post.yaml",
    ]


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path):
    (tmp_path / "sops").mkdir()
    (tmp_path / "sops" / "schedule-post.yaml").write_text("mine\n")
    code, _, err = run_cli("init", tmp_path)
    assert (code, err) == (2, f"sop-lint: error: not overwriting existing files: {tmp_path / 'sops' / 'schedule-post.yaml'}\n")
    assert (tmp_path / "sops" / "schedule-post.yaml").read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["schedule-post.yaml", "sops"]


def test_the_installed_command_checks_the_sample_repo():
    result = subprocess.run(
        [sys.executable, "-m", "sop_lint", "check", str(SAMPLE_REPO), "--now", SAMPLE_REPO_NOW], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("All checks passed (")


def test_help_has_examples():
    for command in ("check", "rules", "explain", "schema", "init", "new", "stale", "review", "graph"):
        code, out, _ = run_cli(command, "--help")
        assert code == 0 and "Example" in out


@pytest.mark.parametrize("command", [("check",), ("graph",), ("stale",)])
def test_a_folder_without_processes_or_sops_is_an_error_not_a_pass(tmp_path, command):
    """Checking nothing is never a pass: exit 2, with where it looked (issue 13, item 2)."""
    GitRepo(tmp_path).commit("2026-01-05T10:00:00Z", {"README.md": "# Notes\n"})
    code, out, err = run_cli(*command, tmp_path)
    assert (code, out) == (2, "")
    assert err == (
        f"sop-lint: error: no process or SOP files in {tmp_path} (looked for processes/**/*.yaml, processes/**/*.yml, "
        "sops/**/*.md, sops/**/*.yaml, sops/**/*.yml): run sop-lint in the folder that holds them, or give that folder, "
        "like `sop-lint check path/to/ops`\n"
    )


@pytest.mark.parametrize("config", [None, "sop-lint.yaml", "pyproject.toml"])
@pytest.mark.parametrize("where", ["sops", "sops/social", "processes"])
def test_a_run_from_a_subfolder_finds_the_sop_root(tmp_path, monkeypatch, where, config):
    """As ruff and pre-commit do: up to the nearest folder with a configuration, else the
    one holding `processes/` or `sops/` (issue 13, item 2)."""
    files = valid_repo({"sops/social/schedule-post.yaml": PLACEHOLDER, "sops/schedule-post.yaml": None})
    if config == "sop-lint.yaml":
        files["sop-lint.yaml"] = "ignore: [H]\n"
    elif config == "pyproject.toml":
        files["pyproject.toml"] = "[tool.sop-lint]\nignore = ['H']\n"
    GitRepo(tmp_path / "repo").commit("2026-01-05T10:00:00Z", files)
    monkeypatch.chdir(tmp_path / "repo" / where)
    code, out, _ = run_cli("check", "--ignore", "H")
    assert code == 1
    back = "../" * len(where.split("/"))  # paths open from where the run started
    assert out.splitlines() == [
        (f"{back}sops/social/schedule-post.yaml:7:7: C002 SOP 'schedule-post' has a placeholder `tone` (`TBD`): "
        "write how the writing should sound, like `Upbeat and conversational`"),
        "Found 1 finding (1 error) in 3 files.",
    ]
    assert run_cli("graph")[0] == 0


def test_a_file_given_from_its_own_folder_is_checked(tmp_path, monkeypatch):
    """`sop-lint check schedule-post.yaml` from `sops/social/` checked nothing and passed."""
    files = valid_repo({"sops/social/schedule-post.yaml": PLACEHOLDER, "sops/schedule-post.yaml": None})
    GitRepo(tmp_path / "repo").commit("2026-01-05T10:00:00Z", files)
    monkeypatch.chdir(tmp_path / "repo" / "sops" / "social")
    code, out, _ = run_cli("check", "schedule-post.yaml", "--ignore", "H")
    assert (code, out.splitlines()[-1]) == (1, "Found 1 finding (1 error) in 1 file.")
    assert out.startswith("../../sops/social/schedule-post.yaml:7:7: C002")


def test_the_walk_up_stops_at_the_git_work_tree(tmp_path, monkeypatch):
    """A configuration above the repository is not the repository's."""
    (tmp_path / "sop-lint.yaml").write_text("ignore: [H]\n")
    GitRepo(tmp_path / "repo").commit("2026-01-05T10:00:00Z", {"notes/a.txt": "a\n"})
    monkeypatch.chdir(tmp_path / "repo" / "notes")
    code, _, err = run_cli("check")
    assert code == 2 and f"no process or SOP files in {tmp_path / 'repo' / 'notes'} " in err


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_empty_code_list_is_a_usage_error(repo, option):
    code, _, err = run_cli("check", repo(valid_repo()), option, " , ")
    assert code == 2
    assert usage_error(err) == "--select and --ignore need at least one rule code"


def test_an_unknown_rule_code_on_the_command_line_is_one_line(repo):
    code, out, err = run_cli("check", repo(valid_repo()), "--select", "Z999")
    assert (code, out) == (2, "")
    assert err == "sop-lint: error: unknown rule code `Z999` in --select: `sop-lint rules` lists them\n"


def test_init_refuses_when_another_configuration_file_exists(tmp_path):
    (tmp_path / ".sop-lint.yaml").write_text("review-every: 90d\n")
    code, _, err = run_cli("init", tmp_path)
    assert (code, err) == (2, f"sop-lint: error: not overwriting existing files: {tmp_path / '.sop-lint.yaml'}\n")
    assert [p.name for p in tmp_path.iterdir()] == [".sop-lint.yaml"]


class _Terminal:
    """A stderr that says it is a terminal and keeps what is written to it."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_the_progress_bar_shows_on_a_terminal_once_work_takes_a_while(monkeypatch):
    from sop_lint.cli.options import progress_bar

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert list(progress_bar(list(range(50)), delay=0)) == list(range(50))
    assert "Checking" in terminal.text and "100%" in terminal.text
    terminal.text = ""
    assert list(progress_bar(list(range(50)), delay=60)) == list(range(50))
    assert terminal.text == ""


def test_no_progress_bar_when_stderr_is_not_a_terminal(repo):
    root = repo(valid_repo())
    code, out, err = run_cli("check", root, "--format", "json")
    assert code == 0 and err == history_note(root) and out.startswith("{")


@pytest.mark.slow
def test_suggestions_over_many_ids_are_as_close_as_the_best_that_shares_an_end():
    """'Did you mean' shortlists ids sharing the first or last three letters of the word;
    when the best id of all shares one, the suggestion is just as close."""
    import difflib
    import random

    from sop_lint.suggestions import Suggester

    rng = random.Random(7)
    words = ["draft", "post", "copy", "schedule", "invoice", "client", "review", "media", "send", "chase"]
    ids = sorted({"-".join(rng.sample(words, 3)) + f"-{rng.randrange(10_000):04d}" for _ in range(800)})
    suggester = Suggester(ids)

    def ratio(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, a, b).ratio()

    for _ in range(60):
        typo = list(rng.choice(ids))
        for _ in range(rng.randint(1, 2)):
            typo[rng.randrange(len(typo))] = rng.choice("abcdefghij-")
        word = "".join(typo)
        best = difflib.get_close_matches(word, ids, n=1, cutoff=0.6)
        if best and (best[0][:3] == word[:3] or best[0][-3:] == word[-3:]):
            suggestion = suggester.closest(word)
            assert suggestion is not None and ratio(word, suggestion) == ratio(word, best[0]), word


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["frobnicate"], "No such command 'frobnicate'. (see `sop-lint --help`)"),
        (["schema"], "Missing argument '{process|sop|config|inventory}'. Choose from: process, sop, config, inventory (see `sop-lint schema --help`)"),
        (["check", "--fial-on", "error"], "No such option '--fial-on'. Did you mean '--fail-on'? (see `sop-lint check --help`)"),
        (["graph", "--format", "svg"], "Invalid value for '--format': 'svg' is not one of 'mermaid', 'dot'. (see `sop-lint graph --help`)"),
    ],
)
def test_a_usage_error_is_one_line_naming_where_help_is(args, message):
    code, out, err = run_cli(*args)
    assert (code, out, err) == (2, "", f"sop-lint: error: {message}\n")


def test_no_command_prints_the_help_as_help_does():
    code, out, err = run_cli()
    assert (code, err) == (2, "")
    assert out == run_cli("--help")[1]


def test_help_and_version_still_exit_0():
    assert run_cli("--version") == (0, "sop-lint, version 0.1.0\n", "")
    code, out, _ = run_cli("check", "--help")
    assert code == 0 and out.startswith("Usage: sop-lint check [OPTIONS] [PATH] [FILE]...")
