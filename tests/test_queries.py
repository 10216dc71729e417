"""Issue 17, items 3 and 4: `find`, `inventory`, `owners` and the owner digest of `stale`,
on a real repository with history, CODEOWNERS and an inventory, in every format."""

import csv
import io
import json
import shutil

import pytest

from tests.conftest import run_cli, usage_error
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP

NOW = "2026-11-24"
FORMATS = ("text", "markdown", "json", "csv")
INVENTORY = """\
inventory:
  tools:
    - name: Buffer
      aliases: [buffer.com]
    - name: Hootsuite
      replaced-by: Buffer
    - name: Google Docs
    - name: Canva
  accounts:
    - name: "@acme"
      tool: Buffer
    - name: "@unused-login"
  owners:
    - name: "@social-team"
      contact: "#social on Slack"
    - name: "@finance"
"""


def sop(identifier: str, tool: str, account: str, owner: str | None = None) -> str:
    text = SCHEDULE_SOP.replace("id: schedule-post", f"id: {identifier}").replace("tool: Buffer", f"tool: {tool}")
    text = text.replace("account: Company X account @acme", f"account: {account}")
    return text.replace("tone:", f'owner: "{owner}"\ntone:') if owner else text


@pytest.fixture(scope="module")
def ops(tmp_path_factory):
    """Five SOPs of one process: Buffer under three spellings, a retired Hootsuite, an SOP
    owned through CODEOWNERS, one stale and one not used by any process."""
    repo = GitRepo(tmp_path_factory.mktemp("queries") / "ops")
    repo.commit("2025-11-01T09:00:00+00:00", {
        "sop-lint.yaml": INVENTORY,
        "CODEOWNERS": "sops/finance/ @finance\n",
        "processes/promote-new-video.yaml": PROCESS.replace(
            "    sop: schedule-post\n", "    sop: schedule-post\n  - name: Cross-post\n    sop: cross-post\n"
        ),
        "sops/draft-post-copy.md": DRAFT_SOP.replace("title:", 'owner: "@social-team"\ntitle:'),
        "sops/schedule-post.yaml": sop("schedule-post", "Buffer", "Company X account @acme", "@social-team"),
        "sops/finance/old-post.yaml": sop("old-post", "Hootsuite", "Company X account @acme-eu"),
    }, "Write the SOPs")
    repo.commit("2026-11-01T09:00:00+00:00", {
        "sops/cross-post.yaml": sop("cross-post", "buffer.com", "Company X account @ACME", "@social-team"),
        "sops/spare.yaml": sop("spare", " BUFFER ", "Company X account", "@social-team").replace("kind: sop\n", "kind: sop\nstandalone: true\n"),
    }, "More SOPs")
    return repo.path


@pytest.fixture
def ops_copy(ops, tmp_path):
    return shutil.copytree(ops, tmp_path / "ops", symlinks=True)


def answer(root, *args):
    code, out, err = run_cli(*args[:1], root, "--now", NOW, *args[1:]) if args[0] != "inventory" else run_cli(*args[:1], root, *args[1:])
    assert (code, err) == (0, ""), err
    return out


def test_find_a_tool_by_any_spelling_with_owner_freshness_and_processes(ops):
    report = json.loads(answer(ops, "find", "--tool", "  buffer.COM ", "--format", "json"))
    assert report["version"] == 1 and report["query"] == {"selector": "tool", "value": "  buffer.COM "}
    by_id = {sop["id"]: sop for sop in report["sops"]}
    assert set(by_id) == {"schedule-post", "cross-post", "spare"}  # Buffer, buffer.com (an alias), " BUFFER "
    assert by_id["schedule-post"]["used_by"] == ["promote-new-video"] and by_id["spare"]["used_by"] == []
    assert by_id["schedule-post"]["status"] == "stale" and by_id["schedule-post"]["days_overdue"] == 207
    assert by_id["cross-post"]["status"] == "fresh" and by_id["cross-post"]["due"] == "2027-04-30"
    # A retired tool: said so, with its replacement; the owner from CODEOWNERS.
    text = answer(ops, "find", "--tool", "hootsuite")
    assert "old-post" in text and "@finance" in text
    assert text.endswith("1 SOP using the tool `Hootsuite` (retired: replaced by `Buffer`), used by 0 processes: 1 stale, 0 due soon.\n")


def test_find_an_account_as_whole_words_an_owner_with_or_without_its_at_and_what_a_process_uses(ops):
    def ids(*args):
        return [sop["id"] for sop in json.loads(answer(ops, "find", *args, "--format", "json"))["sops"]]

    assert ids("--account", "@acme") == ["cross-post", "schedule-post"]  # not `@acme-eu`, any case
    assert ids("--owner", "social-team") == ids("--owner", "@Social-Team") == ["cross-post", "draft-post-copy", "schedule-post", "spare"]
    assert ids("--owner", "@finance") == ["old-post"]  # through CODEOWNERS
    assert ids("--uses", "promote-new-video") == ["cross-post", "draft-post-copy", "schedule-post"]
    assert ids("--uses", "spare") == ["spare"]


@pytest.mark.parametrize("output_format", FORMATS)
def test_find_in_every_format(ops, output_format):
    out = answer(ops, "find", "--tool", "Buffer", "--format", output_format)
    if output_format == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [row["id"] for row in rows] == ["cross-post", "schedule-post", "spare"]
        assert rows[1]["used_by"] == "promote-new-video" and rows[1]["owner"] == "@social-team"
    elif output_format == "json":
        assert len(json.loads(out)["sops"]) == 3
    elif output_format == "markdown":
        lines = out.splitlines()
        assert lines[0] == "## SOPs using the tool `Buffer`"
        assert "| status | due | SOP | owner | tool | account | used by | path |" in lines
        assert "| stale | 207 days overdue | schedule-post: Schedule the promotional post | @&#8203;social-team | Buffer " in out
    else:
        assert out.splitlines()[0].split() == ["STATUS", "DUE", "SOP", "OWNER", "TOOL", "ACCOUNT", "USED", "BY", "PATH"]
        assert out.endswith("\n3 SOPs using the tool `Buffer`, used by 1 process: 1 stale, 0 due soon.\n")


@pytest.mark.parametrize("output_format", FORMATS)
def test_finding_nothing_is_an_answer_with_the_nearest_name(ops, output_format):
    out = answer(ops, "find", "--tool", "Bufer", "--format", output_format)
    if output_format == "json":
        assert json.loads(out)["sops"] == []
    elif output_format == "csv":
        assert out.startswith("id,path,title,owner,") and out.count("\n") == 1
    else:
        assert "No SOPs using the tool `Bufer`. Did you mean `Buffer`?" in out


@pytest.mark.parametrize(("args", "said"), [
    ([], "find needs exactly one of --tool, --account, --owner, --uses: none was given"),
    (["--tool", "Buffer", "--owner", "@finance"], "find needs exactly one of --tool, --account, --owner, --uses: --tool and --owner were given"),
    (["--account", " "], "--account needs a value, like --account @acme"),
])
def test_find_needs_exactly_one_question(ops, args, said):
    code, out, err = run_cli("find", ops, *args)
    assert (code, out, usage_error(err)) == (2, "", said)


def test_find_uses_an_id_no_file_has_is_a_mistake(ops):
    code, out, err = run_cli("find", ops, "--uses", "promote-new-vdeo")
    assert (code, out) == (2, "")
    assert err == "sop-lint: error: no process or SOP has id `promote-new-vdeo`: did you mean `promote-new-video`?\n"


def test_inventory_counts_each_name_and_says_which_are_unknown_or_retired(ops):
    report = json.loads(answer(ops, "inventory", "--format", "json"))
    assert report["version"] == 1 and report["inventory"] is True
    rows = {(row["kind"], row["name"]): row for row in report["names"]}
    assert rows["tool", "Buffer"] == {
        "kind": "tool", "name": "Buffer", "sops": 3, "status": "known", "replaced_by": None, "spellings": ["BUFFER", "buffer.com"],
    }
    assert (rows["tool", "Hootsuite"]["status"], rows["tool", "Hootsuite"]["replaced_by"]) == ("retired", "Buffer")
    assert rows["tool", "Google Docs"]["status"] == "known" and rows["tool", "Canva"]["sops"] == 0  # in the inventory, unused
    assert rows["account", "@acme"]["sops"] == 2 and rows["account", "@unused-login"]["sops"] == 0
    assert rows["account", "Company X account @acme-eu"]["status"] == "unknown"
    assert (rows["owner", "@social-team"]["sops"], rows["owner", "@finance"]["sops"]) == (4, 1)
    assert [row["name"] for row in report["names"] if row["kind"] == "tool"][:2] == ["Buffer", "Google Docs"]  # most used first


@pytest.mark.parametrize("output_format", FORMATS)
def test_inventory_in_every_format(ops, output_format):
    out = answer(ops, "inventory", "--format", output_format)
    sentence = "4 tools, 5 accounts and 2 owners named in 5 SOPs: 3 not in the inventory, 1 retired tool still in use."
    if output_format == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {"kind": "tool", "name": "Buffer", "sops": "3", "status": "known", "replaced_by": "", "spellings": "BUFFER; buffer.com"} in rows
    elif output_format == "json":
        assert len(json.loads(out)["names"]) == 11
    elif output_format == "markdown":
        assert out.startswith(f"## Tools, accounts and owners the SOPs name\n\n{sentence}\n\n| kind | name | SOPs | status | also written |")
        assert "| tool | Hootsuite | 1 | retired |  |" in out
    else:
        assert out.endswith(f"\n\n{sentence}\n") and "Hootsuite" in out


def test_inventory_without_one_lists_names_as_written(ops, tmp_path):
    plain = tmp_path / "plain.yaml"
    plain.write_text("review-every: 180d\n")
    report = json.loads(answer(ops, "inventory", "--format", "json", "--config", plain))
    assert report["inventory"] is False and {row["status"] for row in report["names"]} == {""}
    tools = {row["name"].casefold(): row for row in report["names"] if row["kind"] == "tool"}
    assert tools["buffer"]["sops"] == 2 and tools["buffer.com"]["sops"] == 1  # buffer.com is no alias now
    assert {tools["buffer"]["name"], *tools["buffer"]["spellings"]} == {"Buffer", "BUFFER"}
    assert "No inventory in the configuration" in answer(ops, "inventory", "--config", plain)


def test_owners_sum_up_each_owner_with_its_contact(ops_copy):
    (ops_copy / "sops" / "spare.yaml").write_text(sop("spare", "Buffer", "x", "@social-team").replace("tone: Upbeat and conversational", "tone: TBD"))
    report = json.loads(answer(ops_copy, "owners", "--format", "json"))
    assert report["fail_on"] == "error"
    finance, social = report["owners"]
    assert social == {
        "owner": "@social-team", "contact": "#social on Slack", "sops": 4, "processes": 1, "stale": 2, "due_soon": 0, "failing": 1,
        "sop_ids": ["cross-post", "draft-post-copy", "schedule-post", "spare"], "process_ids": ["promote-new-video"],
    }
    assert (finance["owner"], finance["contact"], finance["sops"], finance["stale"]) == ("@finance", None, 1, 1)


@pytest.mark.parametrize("output_format", FORMATS)
def test_owners_in_every_format(ops, output_format):
    out = answer(ops, "owners", "--format", output_format)
    if output_format == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [row["owner"] for row in rows] == ["@finance", "@social-team"] and rows[1]["contact"] == "#social on Slack"
    elif output_format == "json":
        assert [owner["owner"] for owner in json.loads(out)["owners"]] == ["@finance", "@social-team"]
    elif output_format == "markdown":
        assert "| @&#8203;social-team | #social on Slack | 4 | 1 | 2 | 0 | 0 |" in out
    else:
        assert out.endswith("\n\n2 owners; 3 stale SOPs, 0 files with findings at or above error.\n")


def test_the_owner_digest_has_a_section_per_owner_with_its_contact_and_what_to_do(ops):
    out = answer(ops, "stale", "--group-by", "owner", "--format", "markdown")
    sections = out.split("\n### ")[1:]
    assert [section.splitlines()[0] for section in sections] == ["@&#8203;finance", "@&#8203;social-team"]
    social = sections[1]
    assert "\nContact: #social on Slack\n" in social and "Contact" not in sections[0]
    assert "Of 4 SOPs: 2 stale, 2 fresh (not listed). Once reviewed, record it: `sop-lint review draft-post-copy schedule-post`" in social
    assert "cross-post" not in social.split("|", 1)[1]  # fresh: counted, not listed
    assert "| status | due | SOP | last reviewed | by | every | path |" in social
    # Text and HTML show the contact beside the owner too.
    assert "@social-team (#social on Slack)\n" in answer(ops, "stale", "--group-by", "owner")


def test_the_queries_answer_from_the_cache(ops_copy, monkeypatch):
    """Issue 17's speed point: once `check` has run, no query parses a file again."""
    from sop_lint.engine import file_checks

    parsed: list[str] = []
    real = file_checks.parse_document
    monkeypatch.setattr(file_checks, "parse_document", lambda path, *args, **kwargs: parsed.append(path) or real(path, *args, **kwargs))
    run_cli("check", ops_copy)
    assert len(parsed) == 6
    parsed.clear()
    for query in (["find", "--tool", "Buffer"], ["find", "--uses", "promote-new-video"], ["inventory"], ["owners"]):
        assert run_cli(query[0], ops_copy, *query[1:])[0] == 0
    assert parsed == []
