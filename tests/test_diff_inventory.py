"""Issue 17, item 5: `diff` reports what a change did to the inventory (a tool retired, an
alias dropped, an account renamed or removed, an owner removed) with the SOPs it affects,
in text, JSON and the PR comment."""

import json

import pytest

from tests.conftest import run_cli
from tests.gitrepo import GitRepo
from tests.repos import PROCESS, SCHEDULE_SOP

BASE_INVENTORY = """\
inventory:
  tools:
    - name: Buffer
      aliases: [buffer.com, Buffer app]
    - name: Hootsuite
  accounts:
    - name: "@acme"
      tool: Buffer
    - name: "@old-login"
      tool: Hootsuite
  owners:
    - name: "@social-team"
    - name: "@finance"
"""
HEAD_INVENTORY = """\
inventory:
  tools:
    - name: Buffer
      aliases: [Buffer app]
    - name: Hootsuite
      replaced-by: Buffer
  accounts:
    - name: "@acme-social"
      tool: Buffer
  owners:
    - name: "@social-team"
"""


def sop(identifier: str, tool: str, account: str, owner: str) -> str:
    text = SCHEDULE_SOP.replace("id: schedule-post", f"id: {identifier}").replace("tool: Buffer", f"tool: {tool}")
    return text.replace("account: Company X account @acme", f"account: {account}").replace("tone:", f'owner: "{owner}"\ntone:')


@pytest.fixture(scope="module")
def change(tmp_path_factory):
    repo = GitRepo(tmp_path_factory.mktemp("diff-inventory") / "ops")
    repo.commit("2026-01-05T09:00:00+00:00", {
        "sop-lint.yaml": BASE_INVENTORY,
        "processes/promote-new-video.yaml": PROCESS.replace("    sop: draft-post-copy\n", "    sop: cross-post\n"),
        "sops/schedule-post.yaml": sop("schedule-post", "Buffer", "Company X account @acme", "@social-team"),
        "sops/cross-post.yaml": sop("cross-post", "Hootsuite", "Hootsuite login @old-login", "@finance"),
        "sops/alias-user.yaml": sop("alias-user", "buffer.com", "Company X account @acme", "@social-team").replace(
            "kind: sop\n", "kind: sop\nstandalone: true\n"
        ),
    }, "base")
    repo.git("checkout", "-q", "-b", "change")
    repo.commit("2026-02-05T09:00:00+00:00", {"sop-lint.yaml": HEAD_INVENTORY}, "Retire Hootsuite, rename the Buffer login")
    return repo.path


def diff(root, output_format):
    code, out, err = run_cli("diff", root, "--base", "main", "--format", output_format, "--config", root / "sop-lint.yaml")
    assert code in (0, 1), err
    return out


def test_inventory_changes_are_listed_with_the_sops_they_affect(change):
    report = json.loads(diff(change, "json"))
    assert report["impact"]["inventory"] == [
        {"kind": "tool", "name": "Buffer", "change": "alias-dropped", "detail": "buffer.com", "sops": ["alias-user"],
         "description": "alias `buffer.com` of tool `Buffer` dropped: used by SOP `alias-user`"},
        {"kind": "tool", "name": "Hootsuite", "change": "retired", "detail": "Buffer", "sops": ["cross-post"],
         "description": "tool `Hootsuite` retired, replaced by `Buffer`: used by SOP `cross-post`"},
        {"kind": "account", "name": "@acme", "change": "renamed", "detail": "@acme-social", "sops": ["alias-user", "schedule-post"],
         "description": "account `@acme` renamed to `@acme-social`: used by SOPs `alias-user`, `schedule-post`"},
        {"kind": "account", "name": "@old-login", "change": "removed", "detail": None, "sops": ["cross-post"],
         "description": "account `@old-login` removed from the inventory: used by SOP `cross-post`"},
        {"kind": "owner", "name": "@finance", "change": "removed", "detail": None, "sops": ["cross-post"],
         "description": "owner `@finance` removed from the inventory: used by SOP `cross-post`"},
    ]


def test_the_pr_comment_and_the_text_show_them(change):
    comment = diff(change, "markdown")
    assert "**Inventory changes**\n\n- alias `buffer.com` of tool `Buffer` dropped: used by SOP `alias-user`\n" in comment
    assert "- tool `Hootsuite` retired, replaced by `Buffer`: used by SOP `cross-post`\n" in comment
    assert "- account `@acme` renamed to `@acme-social`: used by SOPs `alias-user`, `schedule-post`\n" in comment
    assert "No process or SOP changed." in comment  # the SOPs themselves did not change
    text = diff(change, "text")
    assert "  inventory: owner `@finance` removed from the inventory: used by SOP `cross-post`\n" in text


def test_an_unchanged_inventory_reports_nothing(change):
    code, out, err = run_cli("diff", change, "--base", "change", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["impact"]["inventory"] == []
