"""`sop-lint new`: a file where the repository keeps its kind, and its step added to a
process with every other byte kept; each refusal leaves the tree as it was."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli, usage_error
from tests.gitrepo import GitRepo
from tests.repos import PROCESS, SCHEDULE_SOP, valid_repo

JAN = "2026-01-05T09:00:00+00:00"
PROCESS_PATH = "processes/promote-new-video.yaml"


def sop(identifier: str, owner: str | None = None, markdown: bool = True) -> str:
    """A complete SOP, Markdown or YAML, with an owner when given."""
    text = SCHEDULE_SOP.replace("id: schedule-post", f"id: {identifier}")
    if owner:
        text = text.replace("title:", f'owner: "{owner}"\ntitle:')
    if not markdown:
        return text
    head, _, steps = text.partition("instructions:\n")
    return f"---\n{head}---\n# {identifier}\n\n{steps.replace('  - ', '1. ')}"


def committed(tmp_path: Path, files: dict[str, str]) -> GitRepo:
    repo = GitRepo(tmp_path / "ops")
    repo.commit(JAN, files, "start")
    return repo


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` but git's own, byte for byte."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts}


def new(root: Path, *args: str) -> tuple[int, str, str]:
    return run_cli("new", *args[:2], root, *args[2:])


def created(out: str, root: Path) -> str:
    """The path `new` says it wrote, relative to the SOP root."""
    first = out.splitlines()[0]
    assert first.startswith(f"created {root}/"), out
    return first.removeprefix(f"created {root}/")


# Four SOPs of @social in sops/social, two of @finance in sops/finance, one unowned in
# sops/clients, used (with one of social's) by the process.
SPREAD = {
    **{f"sops/social/s{n}.md": sop(f"s{n}", "@social") for n in range(4)},
    **{f"sops/finance/f{n}.md": sop(f"f{n}", "@finance") for n in range(2)},
    "sops/clients/c0.md": sop("c0"),
    PROCESS_PATH: PROCESS.replace("draft-post-copy", "c0").replace("schedule-post", "s0").replace('owner: "@social-team"\n', ""),
}


@pytest.mark.parametrize(
    ("args", "folder"),
    [
        ((), "sops/social/"),  # where most SOPs are
        (("--owner", "@finance"), "sops/finance/"),  # where the owner's SOPs are
        (("--owner", "@nobody"), "sops/social/"),  # an owner with no SOP yet: where most are
        (("--process", "promote-new-video", "--step", "Boost it"), "sops/clients/"),  # the process's: c0 first on a tie
    ],
)
def test_the_folder_follows_the_owner_then_the_process_then_the_majority(tmp_path, args, folder):
    repo = committed(tmp_path, SPREAD)
    code, out, err = new(repo.path, "sop", "boost-post", *args)
    assert code == 0, err
    assert created(out, repo.path) == f"{folder}boost-post.md"


def test_the_owner_comes_from_the_process_and_leads_to_its_folder(tmp_path):
    files = {**SPREAD, PROCESS_PATH: SPREAD[PROCESS_PATH].replace("title:", 'owner: "@finance"\ntitle:')}
    repo = committed(tmp_path, files)
    code, out, err = new(repo.path, "sop", "boost-post", "--process", "promote-new-video", "--title", "Boost the post")
    assert code == 0, err
    assert created(out, repo.path) == "sops/finance/boost-post.md"
    assert 'owner: "@finance"\n' in (repo.path / "sops/finance/boost-post.md").read_text()


def test_codeowners_owners_count_as_owners_and_leave_the_owner_line_out(tmp_path):
    files = {**SPREAD, "CODEOWNERS": "/sops/clients/ @clients\n"}
    repo = committed(tmp_path, files)
    code, out, err = new(repo.path, "sop", "boost-post", "--owner", "@clients")
    assert code == 0, err
    assert created(out, repo.path) == "sops/clients/boost-post.md"
    assert 'owner: "@clients"' in (repo.path / "sops/clients/boost-post.md").read_text()
    code, out, err = new(repo.path, "sop", "other-post", "--process", "promote-new-video", "--step", "Other")
    assert "owner:" not in (repo.path / created(out, repo.path)).read_text()  # CODEOWNERS names it


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"sops/a.yaml": sop("a", markdown=False), "sops/b.yaml": sop("b", markdown=False), "sops/c.md": sop("c")}, "sops/new-one.yaml"),
        ({"sops/a.yml": sop("a", markdown=False), "sops/b.yml": sop("b", markdown=False), "sops/c.md": sop("c")}, "sops/new-one.yml"),
        ({"sops/a.yaml": sop("a", markdown=False), "sops/c.md": sop("c")}, "sops/new-one.md"),  # a tie: Markdown
        ({PROCESS_PATH: PROCESS}, "sops/new-one.md"),  # no SOP yet: the globs' folder
    ],
)
def test_markdown_or_yaml_as_most_sops_are(tmp_path, files, expected):
    repo = committed(tmp_path, files)
    code, out, err = new(repo.path, "sop", "new-one")
    assert code == 0, err
    assert created(out, repo.path) == expected


def test_a_process_is_yaml_beside_the_others(tmp_path):
    repo = committed(tmp_path, {**valid_repo(), "processes/ops/a.yml": PROCESS.replace("id: promote-new-video", "id: a")})
    (repo.path / PROCESS_PATH).rename(repo.path / "processes/ops/promote-new-video.yml")
    code, out, err = new(repo.path, "process", "month-end", "--title", "Close the month")
    assert code == 0, err
    assert created(out, repo.path) == "processes/ops/month-end.yml"


SOP_TEMPLATE = """\
---
kind: sop
id: send-invoice
title: Send the invoice
owner: "@finance"
# The tool to open to do the work, like `Buffer` or `Xero`.
tool:
# `escalation`: required by this repository's configuration.
escalation:
---
# Send the invoice

<!-- Write the steps here, one numbered line each (`1. Open Buffer and select the Company X account.`), in enough detail that a new teammate can follow them without asking. -->
"""


def test_the_required_fields_come_from_the_configuration_and_each_empty_one_is_a_finding(tmp_path):
    files = {**valid_repo(), "sop-lint.yaml": "required-fields: [tool]\nextend-required-fields: [escalation]\n"}
    repo = committed(tmp_path, files)
    args = ("--title", "Send the invoice", "--owner", "@finance", "--process", "promote-new-video")
    code, out, err = new(repo.path, "sop", "send-invoice", *args)
    assert code == 0, err
    assert (repo.path / "sops/send-invoice.md").read_text() == SOP_TEMPLATE
    code, out, _ = run_cli("check", repo.path, "--format", "json")
    assert code == 1
    found = [(f["path"], f["line"], f["code"], f["message"]) for f in json.loads(out)["findings"]]
    assert [finding for finding in found if finding[0] == "sops/send-invoice.md"] == [
        ("sops/send-invoice.md", 7, "C001", "SOP 'send-invoice' has an empty `tool`: write the tool to open to do the work, like `Buffer` or `Xero`"),
        ("sops/send-invoice.md", 9, "C001", "SOP 'send-invoice' has an empty `escalation`: write a value for `escalation`"),
        ("sops/send-invoice.md", 10, "C003", "SOP 'send-invoice' has no instructions: write the numbered steps below the front matter"),
    ]


def test_a_new_process_lists_what_is_left_to_write(tmp_path):
    repo = committed(tmp_path, valid_repo())
    code, out, err = new(repo.path, "process", "month-end")
    assert code == 0, err
    assert out == (
        f"created {repo.path}/processes/month-end.yaml\n\n"
        f"Next: fill in what `sop-lint check {repo.path} {repo.path}/processes/month-end.yaml` lists as empty.\n"
        f"Then record it with:\n  git add {repo.path}/processes/month-end.yaml\n"
    )
    code, out, _ = run_cli("check", repo.path, "--format", "json")
    found = [(f["line"], f["code"], f["message"]) for f in json.loads(out)["findings"] if f["path"] == "processes/month-end.yaml"]
    assert found == [
        (4, "S001", "`title` is empty: write the process name as people say it, like `Promote a new video on social media`"),
        (6, "S001", "`owner` is empty: write who keeps this process up to date: a team or person handle like `@social-team`"),
        (8, "P001", "process 'month-end' has an empty `trigger`: write the event that starts the process, like `A new video is published on the channel`"),
        (11, "P002", "process 'month-end' has an empty `outcome`: write the end result when the process is done, like `A published social media post promotes the video`"),
        (15, "P003", "process 'month-end' has an empty `steps` list: list the steps between trigger and outcome, in order, each with `name:` and `sop:`"),
    ]
    # Its first step comes with the SOP that does it, and the file then says only what is left.
    code, out, err = new(repo.path, "sop", "close-books", "--process", "month-end", "--step", "Close the books")
    assert code == 0, err
    assert (repo.path / "processes/month-end.yaml").read_text().endswith("steps:\n  - name: Close the books\n    sop: close-books\n")


def test_the_git_add_command_records_the_new_file_and_the_process(tmp_path):
    repo = committed(tmp_path, valid_repo())
    code, out, err = new(repo.path, "sop", "boost-post", "--process", "promote-new-video", "--title", "Boost the post")
    assert code == 0, err
    assert out.splitlines()[1] == f"added step 3 'Boost the post' to {repo.path}/{PROCESS_PATH}"
    command = out.splitlines()[-1].strip()
    assert command == f"git add {repo.path}/sops/boost-post.md {repo.path}/{PROCESS_PATH}"
    repo.git(*command.split()[1:])
    assert repo.git("status", "--short") == f"M  {PROCESS_PATH}\nA  sops/boost-post.md\n"


NUMBERED = """\
kind: process   # the weekly one
id: promote-new-video
title: Promote a new video on social media
trigger: A new video is published on the channel
outcome: A published social media post promotes the video
steps:
  - name: "1. Draft social post copy"   # keep me
    sop: draft-post-copy
    order: 1
  # Sam does this one
  - name: 'Step 2: Schedule post'
    sop: schedule-post
    order: 2

tags: [social]
"""


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (("--after", "Draft social post copy"), NUMBERED.replace(
            "  # Sam does this one\n  - name: 'Step 2:",
            "  - name: 2. Boost the post\n    sop: boost-post\n    order: 2\n  # Sam does this one\n  - name: 'Step 3:",
        ).replace("order: 2\n\n", "order: 3\n\n")),
        (("--first",), NUMBERED.replace(
            '  - name: "1. Draft', '  - name: 1. Boost the post\n    sop: boost-post\n    order: 1\n  - name: "2. Draft',
        ).replace("order: 1\n  #", "order: 2\n  #").replace("Step 2:", "Step 3:").replace("order: 2\n\n", "order: 3\n\n")),
        ((), NUMBERED.replace("order: 2\n\n", "order: 2\n  - name: \"Step 3: Boost the post\"\n    sop: boost-post\n    order: 3\n\n")),
    ],
)
@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode(),
        lambda text: text.replace("\n", "\r\n").encode(),
        lambda text: codecs.BOM_UTF8 + text.encode(),
        lambda text: codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le"),
        lambda text: text.replace("\n", "\r").encode(),
    ],
    ids=["lf", "crlf", "utf-8 bom", "utf-16 crlf", "cr"],
)
def test_the_step_is_inserted_and_numbered_byte_for_byte(repo, where, expected, encode):
    root = repo(valid_repo())
    (root / PROCESS_PATH).write_bytes(encode(NUMBERED))
    code, _, err = new(root, "sop", "boost-post", "--process", "promote-new-video", "--title", "Boost the post", *where)
    assert code == 0, err
    assert (root / PROCESS_PATH).read_bytes() == encode(expected)


@pytest.mark.parametrize("last_line", ["    sop: schedule-post", "    sop: schedule-post  # no line end"])
def test_a_step_added_after_a_last_line_without_line_end(repo, last_line):
    root = repo(valid_repo())
    before = PROCESS.replace("    sop: schedule-post\n", last_line)
    (root / PROCESS_PATH).write_text(before)
    code, _, err = new(root, "sop", "boost-post", "--process", "promote-new-video", "--step", "Boost")
    assert code == 0, err
    assert (root / PROCESS_PATH).read_text() == before + "\n  - name: Boost\n    sop: boost-post"  # and still no line end


def test_a_sub_process_is_added_as_a_process_step_with_an_indentless_list(repo):
    root = repo(valid_repo())
    before = PROCESS.replace("\n  - name", "\n- name").replace("\n    sop", "\n  sop")
    (root / PROCESS_PATH).write_text(before)
    code, out, err = new(root, "process", "boost-campaign", "--process", "promote-new-video", "--after", "Draft social post copy", "--step", "Run the boost campaign")
    assert code == 0, err
    assert (root / PROCESS_PATH).read_text() == before.replace(
        "- name: Schedule", "- name: Run the boost campaign\n  process: boost-campaign\n- name: Schedule"
    )
    assert created(out, root) == "processes/boost-campaign.yaml"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sop", "schedule-post"), "the SOP id `schedule-post` is taken by sops/schedule-post.yaml: choose another id; nothing was written"),
        (("sop", "Send_Invoice"), "`Send_Invoice` is not a valid SOP id: write lowercase letters and digits, words joined by `-` (like `send-invoice`), at most 120 characters; nothing was written"),
        (("sop", "a" * 121), f"`{'a' * 121}` is not a valid SOP id: write lowercase letters and digits, words joined by `-` (like `send-invoice`), at most 120 characters; nothing was written"),
        (("sop", "old-notes"), "sops/old-notes.md already exists: choose another id; nothing was written"),
        (("sop", "broken"), "an SOP file named `broken` exists but its id cannot be read: fix what `sop-lint check` reports there, or choose another id; nothing was written"),
        (("sop", "boost", "--process", "promote-new-vide", "--step", "Boost"), "no process with the id `promote-new-vide` (did you mean `promote-new-video`?): nothing was written"),
        (("sop", "boost", "--process", "promote-new-video", "--after", "Shedule post", "--step", "Boost"),
         "process 'promote-new-video' has no step named `Shedule post` (did you mean `Schedule post`?): nothing was written"),
        (("sop", "boost", "--process", "promote-new-video", "--after", "Publish", "--step", "Boost"),
         "process 'promote-new-video' has no step named `Publish`; its steps are `Draft social post copy`, `Schedule post`: nothing was written"),
        (("sop", "boost", "--process", "promote-new-video"), "give the step's name with --step (or the SOP's title with --title); nothing was written"),
        # Issue 15 review: a second step of one name is a P005 warning the command would have made.
        (("sop", "boost", "--process", "promote-new-video", "--step", "schedule  Post"),
         "process 'promote-new-video' already has a step named `Schedule post`: give the new step its own name with --step; nothing was written"),
        (("process", "flowing", "--process", "flow", "--step", "Run"),
         "processes/flow.yaml: the steps are not written one `- name:` per line: add the step by hand; nothing was written"),
    ],
)
def test_each_refusal_is_one_line_and_leaves_the_tree_byte_identical(tmp_path, args, message):
    flow = "kind: process\nid: flow\ntitle: F\ntrigger: T\noutcome: O\nsteps: [{name: A, sop: schedule-post}]\n"
    files = {**valid_repo(), "sops/old-notes.md": "# not an SOP yet\n", "processes/flow.yaml": flow, "sops/x/broken.md": "no front matter\n"}
    files["sop-lint.yaml"] = "exclude: [sops/old-notes.md]\n"
    files[PROCESS_PATH] = files[PROCESS_PATH].replace("\n", "\r\n")
    repo = committed(tmp_path, files)
    before = tree(repo.path)
    code, out, err = new(repo.path, *args)
    assert (code, out, err) == (2, "", f"sop-lint: error: {message}\n")
    assert tree(repo.path) == before
    assert repo.git("status", "--short") == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--after", "Schedule post"), "--after, --first and --step need --process: the process to add the step to"),
        (("--process", "promote-new-video", "--after", "Schedule post", "--first"), "give --after or --first, not both"),
    ],
)
def test_options_that_do_not_go_together_are_usage_errors(repo, args, message):
    root = repo(valid_repo())
    before = tree(root)
    code, _, err = new(root, "sop", "boost", *args)
    assert code == 2 and usage_error(err) == message
    assert tree(root) == before


def test_a_file_the_globs_would_not_take_is_refused(repo):
    root = repo({**valid_repo(), "sop-lint.yaml": "sops: ['**/*.sop.md']\n"})
    (root / "sops/draft-post-copy.md").rename(root / "sops/draft-post-copy.sop.md")
    before = tree(root)
    code, _, err = new(root, "sop", "boost")
    assert code == 2
    assert err == (
        "sop-lint: error: sops/boost.md would not be checked as an SOP: the configuration's `sops` globs (**/*.sop.md) "
        "do not take it; create the file by hand where they do; nothing was written\n"
    )
    assert tree(root) == before


def test_a_title_yaml_would_misread_is_quoted(repo):
    root = repo(valid_repo())
    code, _, err = new(root, "sop", "boost", "--title", " Step 1: boost # now ", "--owner", "@social")
    assert code == 0, err
    text = (root / "sops/boost.md").read_text()
    assert 'title: "Step 1: boost # now"\nowner: "@social"\n' in text
    assert "# Step 1: boost # now\n" in text


def test_markdown_and_yaml_templates_name_what_to_write(repo):
    root = repo({PROCESS_PATH: PROCESS, "sops/schedule-post.yaml": SCHEDULE_SOP, "sops/draft-post-copy.yaml": sop("draft-post-copy", markdown=False)})
    code, out, err = new(root, "sop", "boost")
    assert code == 0, err
    assert (root / "sops/boost.yaml").read_text() == (
        "kind: sop\nid: boost\n"
        "# What the SOP achieves, as people say it, like `Schedule the promotional post`.\ntitle:\n"
        "# Who keeps this SOP up to date: a team or person handle like `@social-team`. When\n"
        "# absent, the matching CODEOWNERS entry is used.\nowner:\n"
        "# The tool to open to do the work, like `Buffer` or `Xero`.\ntool:\n"
        "# The account to act from, like `Company X account @acme`. Name the account; never\n"
        "# write a password or token here.\naccount:\n"
        "# What the output looks like: sizes, file types, lengths, templates, like\n"
        "# `Image 1200x675 PNG; caption at most 280 characters`.\nformat:\n"
        "# How the writing should sound, like `Upbeat and conversational`.\ntone:\n"
        "# The exact steps to follow, one list item each. YAML SOPs use this key; Markdown SOPs\n"
        "# write their instructions in the body below the front matter.\ninstructions:\n"
    )
    assert "git add" not in out  # not inside git


def test_a_process_goes_where_its_owner_keeps_processes(tmp_path):
    def process(identifier: str, owner: str) -> str:
        return PROCESS.replace("id: promote-new-video", f"id: {identifier}").replace("@social-team", owner)

    files = {**valid_repo({PROCESS_PATH: None}), "processes/finance/a.yaml": process("a", "@finance")}
    files |= {f"processes/social/s{n}.yaml": process(f"s{n}", "@social") for n in range(3)}
    repo = committed(tmp_path, files)
    code, out, err = new(repo.path, "process", "month-end", "--owner", "@finance")
    assert code == 0, err
    assert created(out, repo.path) == "processes/finance/month-end.yaml"
    assert run_cli("new", "process", "weekly", repo.path)[1].startswith(f"created {repo.path}/processes/social/weekly.yaml")


def test_a_block_of_text_in_a_step_stays_whole(repo):
    """A line of a `|` block that starts with `#` is text, not a comment to step over."""
    root = repo(valid_repo())
    block = "    sop: draft-post-copy\n    description: |\n      Keep it short.\n\n      # not a comment\n"
    before = PROCESS.replace("    sop: draft-post-copy\n", block).replace("    sop: schedule-post\n", "    sop: schedule-post\n    description: |+\n      Kept.\n\n")
    (root / PROCESS_PATH).write_text(before)
    for args in (("--after", "Draft social post copy", "--step", "Check"), ("--step", "Last")):
        code, _, err = new(root, "sop", args[-1].lower(), "--process", "promote-new-video", *args)
        assert code == 0, err
    assert (root / PROCESS_PATH).read_text() == before.replace(
        "      # not a comment\n", "      # not a comment\n  - name: Check\n    sop: check\n"
    ) + "  - name: Last\n    sop: last\n"


def test_a_process_that_cannot_be_written_takes_the_new_file_and_its_folder_back(tmp_path, monkeypatch):
    """A full disk while the process is written (simulated: root may write anywhere)."""
    import errno

    import sop_lint.commands.new

    def full_disk(contents: dict) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(next(iter(contents))))

    repo = committed(tmp_path, {PROCESS_PATH: PROCESS})  # no SOP yet: `sops/` is made for the new one
    monkeypatch.setattr(sop_lint.commands.new, "replace_files", full_disk)
    before = tree(repo.path)
    code, _, err = new(repo.path, "sop", "boost", "--process", "promote-new-video", "--step", "Boost", "--owner", "@nobody")
    assert (code, err) == (2, f"sop-lint: error: cannot write {repo.path}/{PROCESS_PATH}: No space left on device; nothing was written\n")
    assert tree(repo.path) == before
    assert sorted(p.name for p in repo.path.iterdir()) == [".git", "processes"]
