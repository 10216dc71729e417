"""`sop-lint init`'s set-up files: the pre-commit configuration, a CODEOWNERS example and
a configuration that shows every setting; none ever overwrites a file."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from sop_lint.commands.init import HOOKS
from sop_lint.config.loading import load_config
from sop_lint.config.settings import default_config
from sop_lint.git.codeowners import read_codeowners
from sop_lint.json_schema import load_schema
from tests.conftest import REPO_ROOT, run_cli
from tests.gitrepo import GitRepo

JAN = "2026-01-05T09:00:00+00:00"


def test_in_a_subfolder_of_a_git_repository_the_set_up_files_go_to_its_root(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path / "company")
    repo.commit(JAN, {"README.md": "# Company\n"})
    monkeypatch.chdir(repo.path)
    code, out, err = run_cli("init", "ops")
    assert code == 0, err
    assert out == (
        "created ops/sop-lint.yaml\ncreated ops/processes/promote-new-video.yaml\ncreated ops/sops/draft-post-copy.md\n"
        "created ops/sops/schedule-post.yaml\ncreated .pre-commit-config.yaml\ncreated CODEOWNERS\n"
        "Next: edit the files, then run `sop-lint check ops`.\n"
        "Then, once per clone: `pre-commit install && pre-commit install --hook-type pre-push`.\n"
    )
    hooks = yaml.safe_load((repo.path / ".pre-commit-config.yaml").read_text())["repos"]
    assert hooks == [{
        "repo": "https://github.com/sop-lint/sop-lint", "rev": "v0.1.0",
        "hooks": [{"id": "sop-lint", "args": ["ops"]}, {"id": "sop-lint-stale", "args": ["ops"]}],
    }]
    assert run_cli("check", "ops")[:2] == (0, "All checks passed (3 files checked).\n")


def test_the_hooks_are_those_this_project_ships_at_this_version():
    shipped = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    assert list(HOOKS) == [hook["id"] for hook in shipped]
    version = re.search(r'^version = "(.*)"$', (REPO_ROOT / "pyproject.toml").read_text(), re.M)
    assert version is not None
    assert f"rev: v{version[1]}" in (REPO_ROOT / "README.md").read_text()  # as the README's pre-commit section says


def test_existing_set_up_files_are_left_alone_byte_for_byte(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path / "company")
    mine = {".pre-commit-config.yaml": "repos: []\r\n", ".github/CODEOWNERS": "* @owners\n"}
    repo.commit(JAN, mine)
    monkeypatch.chdir(repo.path)
    code, out, err = run_cli("init")
    assert code == 0, err
    assert out.splitlines()[4:6] == ["left .pre-commit-config.yaml alone: it exists", "left .github/CODEOWNERS alone: it exists"]
    assert {name: (repo.path / name).read_bytes().decode() for name in mine} == mine
    assert not (repo.path / "CODEOWNERS").exists()  # GitHub reads the first one only: a second would mislead
    assert repo.git("status", "--short", "--", ".pre-commit-config.yaml", ".github") == ""


def test_the_commented_configuration_sets_nothing_and_each_value_shown_is_the_default(tmp_path):
    code, _, err = run_cli("init", tmp_path)
    assert code == 0, err
    written = (tmp_path / "sop-lint.yaml").read_text()
    default = default_config()
    assert load_config(tmp_path) == type(default)(**{**default.__dict__, "source": str(tmp_path / "sop-lint.yaml")})
    names = "|".join(load_schema("config")["properties"])
    settings = re.findall(rf"^# ({names}): (.*)$", written, re.M)
    # No default, a vocabulary, and no default (without one, there is no inventory).
    assert {name for name, _ in settings} == set(load_schema("config")["properties"]) - {"select", "vague-words", "inventory"}
    uncommented = tmp_path / "uncommented" / "sop-lint.yaml"
    uncommented.parent.mkdir()
    uncommented.write_text("".join(f"{name}: {value}\n" for name, value in settings))
    assert load_config(uncommented.parent) == type(default)(**{**default.__dict__, "source": str(uncommented)})
    assert all(len(line) <= 88 for line in written.splitlines() if not line.startswith("# placeholders:"))


def test_the_codeowners_example_uncommented_names_the_owner_of_the_starter_files(tmp_path):
    repo = GitRepo(tmp_path / "company")
    code, _, err = run_cli("init", repo.path / "ops")
    assert code == 0, err
    example = (repo.path / "CODEOWNERS").read_text()
    (repo.path / "CODEOWNERS").write_text(example.replace("# /", "/"))
    owners = read_codeowners(repo.path)
    assert owners.notes == ()
    assert owners.owner_of("ops/sops/schedule-post.yaml") == owners.owner_of("ops/processes/promote-new-video.yaml") == "@your-team"
    assert owners.owner_of("README.md") is None


def test_init_refusing_the_starter_files_writes_no_set_up_file_either(tmp_path):
    (tmp_path / "sop-lint.yaml").write_text("review-every: 90d\n")
    code, _, err = run_cli("init", tmp_path)
    assert (code, err) == (2, f"sop-lint: error: not overwriting existing files: {tmp_path / 'sop-lint.yaml'}\n")
    assert [path.name for path in tmp_path.iterdir()] == ["sop-lint.yaml"]
    assert Path(tmp_path / "sop-lint.yaml").read_text() == "review-every: 90d\n"
