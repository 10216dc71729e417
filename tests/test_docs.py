"""The README and CI stay true to the code: the rule table and the test command."""

import json
import re

from sop_lint.cli import rules_table
from sop_lint.config import settings_table
from tests.conftest import REPO_ROOT, check_json
from tests.repos import SCHEDULE_SOP, edit, valid_repo

README = (REPO_ROOT / "README.md").read_text()


def test_readme_rule_table_is_generated_from_the_rules():
    """Regenerate with: sop-lint rules --format markdown, pasted between the markers."""
    table = README.split("<!-- rules:start -->\n")[1].split("<!-- rules:end -->")[0]
    assert table == rules_table("markdown")


def test_readme_settings_table_is_generated_from_the_config_schema():
    """Regenerate with: python -c 'from sop_lint.config import settings_table; print(settings_table(), end="")',
    pasted between the markers."""
    table = README.split("<!-- settings:start -->\n")[1].split("<!-- settings:end -->")[0]
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
