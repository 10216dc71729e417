"""Issue 17: the inventory of tools, accounts and owners, its loading and its schema."""

import json
import shutil

import pytest

from sop_lint.config.inventory import Inventory, InventoryAccount, InventoryOwner, InventoryTool
from sop_lint.config.loading import load_config
from tests.conftest import REPO_ROOT, findings, messages, run_cli
from tests.gitrepo import GitRepo
from tests.repos import valid_repo

INVENTORY = """\
inventory:
  tools:
    - name: Buffer
      aliases: [buffer.com, Buffer app]
      owner: "@social-team"
      url: https://buffer.com
    - name: Hootsuite
      replaced-by: Buffer
    - name: Google Docs
    - name: Canva
  accounts:
    - name: "@acme"
      tool: Buffer
      owner: "@social-team"
    - name: The shared Social drive
      tool: Google Docs
    - name: ops@acme.example
  owners:
    - name: "@social-team"
      contact: "#social on Slack"
"""


def test_the_inventory_is_read_from_the_configuration(repo):
    inventory = load_config(repo({"sop-lint.yaml": INVENTORY})).inventory
    assert inventory is not None
    buffer = InventoryTool("Buffer", ("buffer.com", "Buffer app"), "@social-team", "https://buffer.com")
    assert inventory.tools[:2] == (buffer, InventoryTool("Hootsuite", replaced_by="Buffer"))
    assert inventory.accounts[0] == InventoryAccount("@acme", "Buffer", "@social-team")
    assert inventory.owners == (InventoryOwner("@social-team", "#social on Slack"),)
    # Names match ignoring case and spaces, through aliases; a retired tool leads to its replacement.
    assert inventory.tool("  BUFFER.com ") == inventory.tool("buffer app") == buffer
    assert inventory.tool("Bufer") is None
    hootsuite = inventory.tool("hootsuite")
    assert hootsuite is not None and hootsuite.retired and inventory.current(hootsuite) == buffer
    assert inventory.owner("@Social-Team ") == inventory.owners[0]
    # An account value holds an account when it contains its name as whole words.
    assert inventory.account("Company X account @ACME") == inventory.accounts[0]
    assert inventory.account("Company X account (@acme).") == inventory.accounts[0]
    assert [inventory.account(value) for value in ("@acme-eu", "billing@acme.com", "team@acme")] == [None, None, None]


def test_without_an_inventory_there_is_none(repo):
    assert load_config(repo({"sop-lint.yaml": "review-every: 90d\n"})).inventory is None
    assert load_config(repo({"sop-lint.yaml": "inventory: {}\n"})).inventory == Inventory()


@pytest.mark.parametrize(
    "table",
    [
        '[tool.sop-lint]\ninventory.tools = [{name = "Buffer", aliases = ["buffer.com"]}]\n',
        '[tool.sop-lint.inventory]\ntools = [{name = "Buffer", aliases = ["buffer.com"]}]\n',  # its own table, and none above it
    ],
)
def test_the_inventory_can_live_in_pyproject(repo, table):
    inventory = load_config(repo({"pyproject.toml": table})).inventory
    assert inventory is not None and inventory.tool("BUFFER.COM") == InventoryTool("Buffer", ("buffer.com",))


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (("    - name: Google Docs\n", "    - nam: Google Docs\n"), "sop-lint.yaml:9:7: unknown key `nam` in item 3 of `tools` of `inventory`: did you mean `name`?"),
        (("replaced-by: Buffer", "replaced-by: Bufer"), (
            "sop-lint.yaml:8:20: `replaced-by` of tool `Hootsuite` is `Bufer`, which is not one of the inventory's tools: "
            "add it to `inventory.tools` or correct the name"
        )),
        (("Buffer app]", "google docs]"), (
            "sop-lint.yaml:9:13: `Google Docs` is given for two tools of the inventory, `Buffer` and `Google Docs`: keep it for one"
        )),
        (("Buffer app]", "BUFFER]"), "sop-lint.yaml:4:29: `BUFFER` is the name of tool `Buffer` already: remove the alias"),
        (("tool: Google Docs", "tool: Slack"), (
            "sop-lint.yaml:16:13: `tool` of account `The shared Social drive` is `Slack`, which is not one of the inventory's tools: "
            "add it to `inventory.tools` or correct the name"
        )),
        (("      owner: \"@social-team\"\n      url", "      owner: \"@socials\"\n      url"), (
            "sop-lint.yaml:5:14: `owner` of tool `Buffer` is `@socials`, which is not one of the inventory's owners: "
            "add it to `inventory.owners` or correct the name"
        )),
        (("  owners:\n", "  owners:\n    - name: \"@SOCIAL-team\"\n"), "sop-lint.yaml:20:13: owner `@social-team` is listed twice in the inventory: keep one"),
        (("      contact: \"#social on Slack\"\n", "      contact: 5\n"), (
            "sop-lint.yaml:20:16: `contact` of item 1 of `owners` of `inventory` should be text, not the number `5` "
            "(where reminders for this owner go, like `#social on Slack` or an e-mail address)"
        )),
    ],
)
def test_a_bad_inventory_is_a_config_error(repo, change, error):
    root = repo(valid_repo({"sop-lint.yaml": INVENTORY.replace(*change)}))
    code, out, err = run_cli("check", root)
    assert (code, out) == (2, "")
    assert err == f"sop-lint: error: {root / error}\n"


def test_schema_inventory_prints_the_inventory_schema_which_the_config_schema_holds():
    code, out, _ = run_cli("schema", "inventory")
    assert code == 0
    assert out == (REPO_ROOT / "schemas" / "inventory.schema.json").read_text()
    inventory = json.loads(out)
    config = json.loads((REPO_ROOT / "schemas" / "config.schema.json").read_text())
    assert config["properties"]["inventory"]["$ref"] == "#/$defs/inventory"
    # One file for editors and any validator: the config schema holds the inventory's own definition.
    held = {key: value for key, value in config["$defs"]["inventory"].items() if key not in ("title", "description")}
    assert held == {key: value for key, value in inventory.items() if key not in ("$schema", "$id", "title", "description")}


SOP = """\
kind: sop
id: {id}
title: {id}
owner: "{owner}"
tool: {tool}
account: {account}
format: One post
tone: Plain
instructions:
  - Do it.
"""


def sop(identifier: str, tool: str, account: str = "Company X account @acme", owner: str = "@social-team") -> str:
    return SOP.format(id=identifier, tool=tool, account=account, owner=owner)


SOPS = {
    "a-alias": sop("a-alias", "buffer.com", owner="@Social-Team "),  # an alias, and names as people write them: no finding
    "b-typo": sop("b-typo", "Bufer"),  # V001, with a fix
    "c-retired": sop("c-retired", "Hootsuite"),  # V002; its Buffer account is not V004's
    "d-account": sop("d-account", "Buffer", account="Sam's own login"),  # V003
    "e-other-tool": sop("e-other-tool", "Canva"),  # V004
    "f-owner": sop("f-owner", "Google Docs (drafts)", account="The shared Social drive", owner="@socal-team"),  # V005, with a fix
    "g-several": sop("g-several", "Buffer and Slack", account="ops@acme.example, shared"),  # V001 for Slack only
    "h-placeholder": sop("h-placeholder", "TBD", account="TBD"),  # C002's, none of the V rules'
    "i-variant": sop("i-variant", "google docs", account="The shared Social drive"),  # V006 without an inventory
}


@pytest.fixture(scope="module")
def ops(tmp_path_factory):
    """One git repository for every rule: the SOPs in `ops/`, the inventory in its
    configuration, and other configurations beside it to pass with --config."""
    folder = tmp_path_factory.mktemp("inventory")
    repo = GitRepo(folder / "repo")
    files = {f"ops/sops/{name}.yaml": text for name, text in SOPS.items()}
    files |= {"ops/sop-lint.yaml": INVENTORY, ".github/CODEOWNERS": "ops/ @social-team @ops\n"}
    repo.commit("2026-11-01T09:00:00+00:00", files)
    (folder / "none.yaml").write_text("review-every: 180d\n")
    (folder / "no-owners.yaml").write_text(INVENTORY.split("  owners:")[0].replace('      owner: "@social-team"\n', ""))
    return folder


def test_with_an_inventory_each_rule_reports_its_sop(ops):
    root = ops / "repo" / "ops"
    assert messages(root, "--select", "V") == [
        "V001 SOP 'b-typo' names the tool `Bufer`, which is not in the inventory: did you mean `Buffer`?",
        ("V002 SOP 'c-retired' uses Hootsuite, which the inventory says is replaced by Buffer: "
        "move the SOP to Buffer (its `tool:`, account and steps), or retire the SOP"),
        ("V003 the account of SOP 'd-account' names none of the inventory's accounts: "
        "the inventory lists `@acme` for Buffer: name one of them, or add this one to `inventory.accounts`"),
        ("V004 the account `@acme` of SOP 'e-other-tool' belongs to Buffer in the inventory, not to Canva: "
        "name an account of Canva, or correct `tool:`"),
        "V005 the owner `@socal-team` of SOP 'f-owner' is not one of the inventory's owners: did you mean `@social-team`?",
        ("V001 SOP 'g-several' names the tool `Slack`, which is not in the inventory: "
        "add it to `inventory.tools` (or as an alias of a tool listed there), or name a tool the inventory lists"),
    ]
    # Each points at the value, or at the tool within it; a warm run (from the cache) says the same.
    expected = [
        ("sops/b-typo.yaml", 5, 7, "V001"),
        ("sops/c-retired.yaml", 5, 7, "V002"),
        ("sops/d-account.yaml", 6, 10, "V003"),
        ("sops/e-other-tool.yaml", 6, 10, "V004"),
        ("sops/f-owner.yaml", 4, 8, "V005"),
        ("sops/g-several.yaml", 5, 18, "V001"),
    ]
    assert findings(root, "--select", "V") == expected
    assert findings(root, "--select", "V") == expected


def test_near_typos_of_one_tool_or_owner_are_unsafe_fixes(ops):
    root = ops / "repo" / "ops"
    code, out, _ = run_cli("check", root, "--select", "V", "--diff", "--unsafe-fixes")
    assert code == 1
    changed = [line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == ["-tool: Bufer", "+tool: Buffer", '-owner: "@socal-team"', '+owner: "@social-team"']
    assert "Slack" not in out  # no tool is near: nothing to write
    code, out, _ = run_cli("check", root, "--select", "V", "--diff")
    assert "tool: Buffer" not in out  # unsafe: not made without --unsafe-fixes


def test_without_an_inventory_only_spellings_of_one_tool_are_reported(ops):
    root = ops / "repo" / "ops"
    assert messages(root, "--select", "V", "--config", ops / "none.yaml") == [
        ("V006 SOP 'a-alias' writes the tool `buffer.com`, which sops/d-account.yaml and sops/g-several.yaml write `Buffer`: "
        "write it one way, or list the tool in an inventory with its `aliases`"),
        ("V006 SOP 'i-variant' writes the tool `google docs`, which sops/f-owner.yaml writes `Google Docs`: "
        "write it one way, or list the tool in an inventory with its `aliases`"),
    ]
    assert findings(root, "--select", "V", "--config", ops / "none.yaml") == [
        ("sops/a-alias.yaml", 5, 7, "V006"),
        ("sops/i-variant.yaml", 5, 7, "V006"),
    ]


def test_an_inventory_without_owners_knows_the_owners_codeowners_names(ops):
    root = ops / "repo" / "ops"
    assert list(messages(root, "--select", "V005", "--config", ops / "no-owners.yaml")) == [
        "V005 the owner `@socal-team` of SOP 'f-owner' is not one of the owners CODEOWNERS names: did you mean `@social-team`?",
    ]


def test_an_inventory_with_neither_owners_nor_codeowners_checks_no_owner(ops, tmp_path):
    root = shutil.copytree(ops / "repo" / "ops", tmp_path / "ops")  # outside git: no CODEOWNERS
    assert findings(root, "--select", "V005", "--config", ops / "no-owners.yaml") == []


def test_a_token_written_as_a_tool_is_quoted_masked(repo):
    token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"  # built here, so that no scanner takes this file for a leak
    root = repo({"sop-lint.yaml": INVENTORY, "sops/leak.yaml": sop("leak", f"Buffer {token}", account=f"login {token}")})
    found = messages(root, "--select", "V")
    assert [message[:4] for message in found] == ["V001", "V003"]
    assert not any(token[4:16] in message for message in found)
