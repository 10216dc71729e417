"""The README, docs/ and CI stay true to the code: the rule table, the test command, the
commands and links in the documentation, and the README's size."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sop_lint.commands.describe import rules_table
from sop_lint.config.settings import settings_table
from tests.conftest import REPO_ROOT, check_json
from tests.repos import SCHEDULE_SOP, edit, valid_repo

README = (REPO_ROOT / "README.md").read_text()
# The README is for teams using sop-lint and stays short; docs/ is for the rest (the rule
# table too, which grows with every rule: docs/rules.md).
README_LIMIT = 15_360
DOCS = sorted((REPO_ROOT / "docs").glob("*.md"))


def test_the_rule_table_is_generated_from_the_rules():
    """Regenerate with: sop-lint rules --format markdown, pasted between the markers of docs/rules.md."""
    page = (REPO_ROOT / "docs" / "rules.md").read_text()
    table = page.split("<!-- rules:start -->\n")[1].split("<!-- rules:end -->")[0]
    assert table == rules_table("markdown")


def test_the_settings_table_is_generated_from_the_config_schema():
    """Regenerate with: python -c 'from sop_lint.config.settings import settings_table; print(settings_table(), end="")',
    pasted between the markers of docs/configuration.md."""
    page = (REPO_ROOT / "docs" / "configuration.md").read_text()
    table = page.split("<!-- settings:start -->\n")[1].split("<!-- settings:end -->")[0]
    assert table == settings_table()


def test_readme_starts_with_the_two_commands_and_ci_runs_the_second():
    commands = re.findall(r"^python3 -m venv .*$", README, flags=re.MULTILINE)
    assert len(commands) == 2
    assert commands[0].endswith("sop-lint check sample-repo")
    ci = (REPO_ROOT / ".ci" / "run").read_text()
    assert commands[1] in ci.splitlines()


def test_readme_json_example_is_real_output(repo):
    example = README.split("## JSON output")[1].split("```json\n")[1].split("```")[0]
    root = repo(valid_repo({"sops/schedule-post.yaml": edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")}))
    _, report = check_json(root)
    assert json.loads(example) == report


def code_blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.S | re.M)


def readme_blocks(language: str) -> list[str]:
    return code_blocks(README, language)


def doc_blocks(language: str) -> list[str]:
    """The snippets in one language of the README and of every page in docs/."""
    return readme_blocks(language) + [block for page in DOCS for block in code_blocks(page.read_text(), language)]


def sop_lint_commands() -> list[list[str]]:
    """Every `sop-lint ...` command written in the shell and YAML snippets of the README and
    docs/, split as a shell would (GitHub's `${{ ... }}` and `$VARIABLES` stand for one word
    each)."""
    import shlex

    commands = []
    for block in doc_blocks("sh") + doc_blocks("yaml"):
        for line in block.splitlines():
            for match in re.finditer(r"(?:^|[\s:;|&(])(sop-lint (?:[^#>|&;]|&&)*)", line):
                text = match.group(1).split("&&")[0].split("||")[0]
                words = shlex.split(re.sub(r"\$\{\{[^}]*\}\}", "X", text))
                commands.append(words[1:])
    return commands


def test_every_sop_lint_command_in_the_docs_parses(tmp_path, monkeypatch):
    """The snippets work as they stand: each names a real command with real options
    (run where the folder they name, `ops`, exists)."""
    import click

    from sop_lint.cli import main

    (tmp_path / "ops").mkdir()
    monkeypatch.chdir(tmp_path)
    commands = sop_lint_commands()
    assert len(commands) > 15 and {"check", "diff", "stale", "review", "graph"} <= {words[0] for words in commands}
    for words in commands:
        command = main.get_command(click.Context(main), words[0])
        assert command is not None, words
        with click.Context(main) as parent:
            command.make_context(words[0], [word for word in words[1:] if word != "--version"], parent=parent, resilient_parsing=False)


def test_readme_yaml_snippets_load_and_name_the_real_hooks():
    import yaml

    snippets = [yaml.safe_load(block) for block in readme_blocks("yaml")]
    [config] = [snippet for snippet in snippets if isinstance(snippet, dict) and "repos" in snippet]
    hooks = {hook["id"] for hook in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert {hook["id"] for hook in config["repos"][0]["hooks"]} == hooks


def test_docs_yaml_snippets_load():
    """Except the rules' own examples (docs/rules.md, from their documentation), whose
    "Bad" ones are broken on purpose."""
    import yaml

    rules_page = code_blocks((REPO_ROOT / "docs" / "rules.md").read_text(), "yaml")
    for block in doc_blocks("yaml"):
        if block not in rules_page:
            yaml.safe_load(block)


def test_readme_stays_short():
    """What teams using sop-lint need fits in 16 KB; the rest belongs in docs/."""
    size = len(README.encode())
    assert size < README_LIMIT, f"README.md is {size} bytes, over {README_LIMIT}: move what developers need to docs/"


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown page."""
    headings = re.findall(r"^#+ (.+)$", without_code_blocks(text), flags=re.M)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in headings}


def without_code_blocks(text: str) -> str:
    return re.sub(r"^```.*?^```$", "", text, flags=re.S | re.M)


def test_relative_links_in_the_readme_and_docs_point_at_files_that_exist():
    pages = [REPO_ROOT / "README.md", *DOCS]
    assert REPO_ROOT / "docs" / "architecture.md" in pages
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)\s]+)\)", without_code_blocks(page.read_text())):
            if re.match(r"[a-z]+:", target):
                continue  # https:, mailto: and the like
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            if not linked.exists():
                broken.append(f"{page.relative_to(REPO_ROOT)}: {target}")
            elif anchor and linked.suffix == ".md" and anchor not in anchors(linked.read_text()):
                broken.append(f"{page.relative_to(REPO_ROOT)}: {target} (no such heading)")
    assert broken == []


@pytest.mark.slow
def test_the_readme_tour_runs_as_written_from_an_empty_folder(tmp_path):
    """A new user's first minutes: the tour's commands, in order, each succeeding, with
    git as installed (no default branch configured, so `git init` alone would name it
    `master` and the tour's `diff --base main` would fail). The one step the tour leaves
    to the reader, "edit an SOP and commit it", is done after `git switch`."""
    [tour] = [block for block in readme_blocks("sh") if block.startswith("mkdir acme-ops")]
    script = ["set -e"]
    for line in tour.splitlines():
        script.append(line.split("  #")[0].strip())
        if line.startswith("git switch"):
            script.append("sed -i.bak 's/^tone: .*/tone: Warm and friendly/' sops/schedule-post.yaml && rm sops/schedule-post.yaml.bak")
            script.append("git commit -qam 'Warmer tone'")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    environment.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}",  # where `pip install -e .` put sop-lint
        GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Ada Ops", GIT_AUTHOR_EMAIL="ada@example.com", GIT_COMMITTER_NAME="Ada Ops", GIT_COMMITTER_EMAIL="ada@example.com",
    )
    result = subprocess.run(["bash", "-c", "\n".join(script)], cwd=tmp_path, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "All checks passed" in result.stdout
