"""No rule echoes a secret (SPEC §9): a token written into any field the schemas reject is
masked in every message, every output format, the baseline and everything kept between
runs, on a cold run and on a warm one, in a git work tree and outside one.

Tokens are built when the tests run, as in `tests/test_rules_security.py`.
"""

import json
import os
from pathlib import Path

import pytest

from sop_lint.findings import fingerprint
from sop_lint.json_schema import load_schema
from sop_lint.kinds import Kind
from sop_lint.reporters import FORMATS
from sop_lint.reporters.freshness import FRESHNESS_REPORTERS
from tests.conftest import run_cli, write_files
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP
from tests.test_rules_security import UPPER, fake

TOKENS = {
    "github": (fake("gh" + "p_", 36), "ghp_…"),
    "aws": (fake("AK" + "IA", 16, UPPER), "AKIA…"),
    "openai": (fake("s" + "k-proj-", 64), "sk-proj-…"),
}


def _lines(text: str) -> list[str]:
    return text.strip("-\n").split("\n---\n")[0].splitlines()


def _with(lines: list[str], key: str, value: str, name: str) -> list[str]:
    """`lines` (top-level YAML keys and their blocks) with `key` set to `value`, and the
    id made unique to `name` unless `key` is the id."""
    result, skipping = [], False
    for line in lines:
        if line.startswith(" ") and skipping:
            continue
        skipping = line.split(":")[0] == key
        if not skipping:
            result.append(f"id: {name}" if line.startswith("id:") else line)
    return [*result, f"{key}: {value}"]


def rejected_files(token: str) -> dict[str, str]:
    """A file per place the schemas reject a token: every property of both schemas, list
    items, step fields, unknown keys, a key that is the token, and alias names."""
    process, sop, markdown = _lines(PROCESS), _lines(SCHEDULE_SOP), _lines(DRAFT_SOP)
    body = DRAFT_SOP.split("\n---\n", 1)[1]
    files = {}
    for prop in load_schema(Kind.PROCESS)["properties"]:
        files[f"processes/p-{prop}.yaml"] = _with(process, prop, token, f"p-{prop}")
        files[f"processes/p-{prop}-item.yaml"] = _with(process, prop, f"\n  - {token}", f"p-{prop}-item")
    for prop in load_schema(Kind.SOP)["properties"]:
        files[f"sops/s-{prop}.yaml"] = _with(sop, prop, token, f"s-{prop}")
        files[f"sops/s-{prop}-item.yaml"] = _with(sop, prop, f"\n  - {token}", f"s-{prop}-item")
        files[f"sops/m-{prop}.md"] = ["---", *_with(markdown, prop, token, f"m-{prop}"), "---", body]
    for field in ("name", "sop", "process", "order", "tol"):
        target = "" if field in ("sop", "process") else "\n    sop: schedule-post"
        step = f"\n  - name: Draft social post copy\n    sop: draft-post-copy\n  - {field}: {token}{target}"
        files[f"processes/step-{field}.yaml"] = _with(process, "steps", step, f"step-{field}")
    files["processes/step-key.yaml"] = _with(process, "steps", f"\n  - {token}: draft-post-copy", "step-key")
    files["sops/unknown-key.yaml"] = _with(sop, "tol", token, "unknown-key")
    files["sops/key-is-token.yaml"] = _with(sop, token, "Buffer", "key-is-token")
    files["sops/duplicate-key.yaml"] = [*_with(sop, token, "a", "duplicate-key"), f"{token}: b"]
    files["sops/undefined-alias.yaml"] = _with(sop, "owner", f"*{token}", "undefined-alias")
    files["sops/alias.yaml"] = [*_with(sop, "x-anchor", f"&{token} 30 days", "alias"), f"review_every: *{token}"]
    files["sops/anchor-twice.yaml"] = [*_with(sop, "x-a", f"&{token} a", "anchor-twice"), f"x-b: &{token} b", f"tags: *{token}x"]
    files["sops/id-is-token.yaml"] = _with(sop, "id", token, "id-is-token")
    texts = {path: "\n".join(lines) + "\n" for path, lines in files.items()}
    return {**texts, "sops/draft-post-copy.md": DRAFT_SOP, "sops/schedule-post.yaml": SCHEDULE_SOP}


def outputs_and_kept_bytes(root: Path, state: Path, baseline: Path, base: str | None) -> list[bytes]:
    """Everything every command prints in every format, and every file it keeps; with
    `base` (a commit before the files), `diff` against it too."""
    code, out, err = run_cli("check", root, "--format", "json")  # cold: writes the cache
    assert code == 1, err
    outputs = [out, err]
    for output_format in sorted(FORMATS):  # warm: from the cache
        code, out, err = run_cli("check", root, "--format", output_format)
        assert code == 1, err
        outputs += [out, err]
    outputs += run_cli("check", root, "--baseline", baseline, "--write-baseline")[1:]
    for output_format in sorted(FRESHNESS_REPORTERS):
        outputs += run_cli("stale", root, "--format", output_format)[1:]
    for query in (["inventory"], ["owners"], ["find", "--tool", "Buffer"], ["find", "--owner", "@social-team"]):  # issue 17
        outputs += run_cli(query[0], root, *query[1:], "--format", "json")[1:]
    for output_format in ("mermaid", "dot"):  # the overview and every process step by step
        outputs += run_cli("graph", root, "--format", output_format)[1:] + run_cli("graph", root, "--format", output_format, "--detail")[1:]
    if base is not None:  # the flowcharts of `diff --format markdown` among them
        for output_format in sorted(FORMATS):
            code, out, err = run_cli("diff", root, "--base", base, "--format", output_format)
            assert code == 1, err
            outputs += [out, err]
    kept = [baseline, *state.rglob("*")]
    assert any(path.suffix == ".pickle" for path in kept), "the cache was written"
    return [*(text.encode() for text in outputs), *(path.read_bytes() for path in kept if path.is_file())]


@pytest.mark.parametrize("in_git", [False, True], ids=["outside-git", "in-git"])
@pytest.mark.parametrize("token_name", list(TOKENS))
def test_a_token_in_any_rejected_field_is_never_printed_nor_kept(tmp_path, token_name, in_git):
    token, masked = TOKENS[token_name]
    root = tmp_path / "repo"
    base = None
    if in_git:  # the files come in a commit of their own, for `diff` to review
        git = GitRepo(root)
        base = git.commit("2026-01-04T10:00:00Z", {"README.md": "Our operations\n"})
        git.commit("2026-01-05T10:00:00Z", rejected_files(token))
        state = root / ".git" / "sop-lint"
    else:
        write_files(root, rejected_files(token))
        state = Path(os.environ["XDG_CACHE_HOME"]) / "sop-lint"
    contents = outputs_and_kept_bytes(root, state, tmp_path / "baseline.json", base)
    assert state.is_dir()
    for piece in (token, token[-12:], token[4:16]):
        assert not any(piece.encode() in content for content in contents), f"{piece!r} was printed or kept"
    report = json.loads(run_cli("check", root, "--format", "json")[1])
    masked_messages = [f for f in report["findings"] if masked in f["message"] and f["code"] != "X001"]
    assert {f["code"] for f in masked_messages} >= {"S001", "Y001", "Y002"}, "other rules quote the masked form"


def test_a_file_rule_and_a_repository_rule_quote_the_masked_form(repo):
    token, masked = TOKENS["github"]
    process = PROCESS.replace("sop: schedule-post", f"sop: {token}").replace("name: Schedule post", f"name: Post {token}")
    sop = SCHEDULE_SOP + f"review_every: {token}\n"
    root = repo({"processes/promote-new-video.yaml": process, "sops/draft-post-copy.md": DRAFT_SOP, "sops/schedule-post.yaml": sop})
    report = json.loads(run_cli("check", root, "--format", "json")[1])
    messages = {f["code"]: f["message"] for f in report["findings"] if f["code"] != "X001"}
    assert messages["S001"].startswith(f"`review_every` has a value that is not in the expected form: `{masked}`")
    assert messages["R001"].startswith(f"step 2 'Post {masked}' uses SOP `{masked}`, which does not exist")


def test_the_fingerprint_is_made_of_the_masked_subject(repo):
    token, masked = TOKENS["aws"]
    root = repo({"sops/schedule-post.yaml": SCHEDULE_SOP + f"{token}: Buffer\n"})
    report = json.loads(run_cli("check", root, "--format", "json", "--select", "S001")[1])
    [finding] = report["findings"]
    subject = f"additionalProperties:{masked}"
    assert finding["fingerprint"] == fingerprint("S001", "sops/schedule-post.yaml", subject)
    assert finding["fingerprint"] != fingerprint("S001", "sops/schedule-post.yaml", subject.replace(masked, token))
