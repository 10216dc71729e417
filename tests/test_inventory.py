"""Issue 17: the inventory of tools, accounts and owners, its loading and its schema."""

import json

import pytest

from sop_lint.config.inventory import Inventory, InventoryAccount, InventoryOwner, InventoryTool
from sop_lint.config.loading import load_config
from tests.conftest import REPO_ROOT, run_cli
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
  accounts:
    - name: "@acme"
      tool: Buffer
      owner: "@social-team"
    - name: The shared Social drive
      tool: Google Docs
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


def test_the_inventory_can_live_in_pyproject(repo):
    root = repo({"pyproject.toml": '[tool.sop-lint]\ninventory.tools = [{name = "Buffer", aliases = ["buffer.com"]}]\n'})
    inventory = load_config(root).inventory
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
            "sop-lint.yaml:15:13: `tool` of account `The shared Social drive` is `Slack`, which is not one of the inventory's tools: "
            "add it to `inventory.tools` or correct the name"
        )),
        (("      owner: \"@social-team\"\n      url", "      owner: \"@socials\"\n      url"), (
            "sop-lint.yaml:5:14: `owner` of tool `Buffer` is `@socials`, which is not one of the inventory's owners: "
            "add it to `inventory.owners` or correct the name"
        )),
        (("  owners:\n", "  owners:\n    - name: \"@SOCIAL-team\"\n"), "sop-lint.yaml:18:13: owner `@social-team` is listed twice in the inventory: keep one"),
        (("      contact: \"#social on Slack\"\n", "      contact: 5\n"), (
            "sop-lint.yaml:18:16: `contact` of item 1 of `owners` of `inventory` should be text, not the number `5` "
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
