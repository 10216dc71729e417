"""`sop-lint review`: one line changes, every other byte stays."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NEEDS_UNSHARE, run_cli, sop_lint_under_bind_mount, usage_error
from tests.repos import valid_repo

MARKDOWN = """\
---
# Owned by the social team.
kind: sop
id: draft-post-copy
title: 'Draft the social post copy'
owner: "@social"      # who answers questions
tool: Google Docs
account: The shared Social drive
format: >-
  One caption of at most
  280 characters
tone: Upbeat and conversational
---
# Draft the social post copy

1. Write it.
"""

YAML_WITH_DATE = """\
kind: sop
id: schedule-post
title: Schedule the promotional post
tool:    Buffer
account: Company X account @acme
format: Image 1200x675 PNG
tone: Upbeat and conversational
last_reviewed: "2025-01-05"   # by Dana
instructions:
  - Open Buffer.
  -   Schedule the post.
"""


def only_difference(before: str, after: str) -> list[tuple[str | None, str | None]]:
    """The lines that differ, as (before, after) pairs, with one insertion allowed."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    if len(new) == len(old) + 1:
        index = next(i for i, (a, b) in enumerate(zip([*old, None], new, strict=False)) if a != b)
        assert old[index:] == new[index + 1 :]
        assert old[:index] == new[:index]
        return [(None, new[index])]
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_an_existing_date_is_replaced_in_place_keeping_quotes_and_comment(repo, newline):
    root = repo(valid_repo({"sops/schedule-post.yaml": None}))
    (root / "sops" / "schedule-post.yaml").write_bytes(YAML_WITH_DATE.replace("\n", newline).encode())
    code, out, err = run_cli("review", root, "schedule-post", "--date", "2026-11-20")
    assert code == 0, err
    after = (root / "sops" / "schedule-post.yaml").read_bytes().decode()
    assert only_difference(YAML_WITH_DATE.replace("\n", newline), after) == [
        (f'last_reviewed: "2025-01-05"   # by Dana{newline}', f'last_reviewed: "2026-11-20"   # by Dana{newline}')
    ]
    assert "git commit --allow-empty -m 'Review schedule-post' --trailer 'SOP-Reviewed: schedule-post'" in out


def test_a_missing_date_is_one_new_line_in_the_front_matter_after_the_owner(repo):
    root = repo(valid_repo({"sops/draft-post-copy.md": MARKDOWN}))
    assert run_cli("review", root, "draft-post-copy", "--date", "2026-11-20")[0] == 0
    after = (root / "sops" / "draft-post-copy.md").read_text()
    assert only_difference(MARKDOWN, after) == [(None, "last_reviewed: 2026-11-20\n")]
    assert after.index("last_reviewed") > after.index("owner:") and after.index("last_reviewed") < after.index("tool:")
    assert run_cli("check", root)[0] == 0


def test_the_review_counts_in_stale_and_check_stays_clean(tmp_path):
    import json

    from tests.gitrepo import GitRepo

    repo = GitRepo(tmp_path / "ops")
    repo.commit("2025-01-01T09:00:00+00:00", valid_repo(), "Write the SOPs")

    def by_id() -> dict:
        report = json.loads(run_cli("stale", repo.path, "--format", "json", "--now", "2026-11-24")[1])
        return {entry["id"]: entry for entry in report["sops"]}

    assert by_id()["schedule-post"]["status"] == "stale"
    assert run_cli("review", repo.path, "schedule-post", "--date", "2026-11-20")[0] == 0
    repo.commit("2026-11-20T10:00:00+00:00", None, "Review schedule-post")
    assert by_id()["schedule-post"]["status"] == "fresh"
    assert by_id()["schedule-post"]["reviewed_at"] == "2026-11-20T10:00:00Z"
    assert run_cli("check", repo.path, "--now", "2026-11-24", "--select", "S,C,H004")[0] == 0


def test_an_unknown_id_changes_nothing_and_suggests(repo):
    root = repo(valid_repo())
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    code, _, err = run_cli("review", root, "schedule-post", "schedule-pots-x")
    assert (code, err) == (2, "sop-lint: error: no SOP with the id `schedule-pots-x` (did you mean `schedule-post`?): nothing was changed\n")
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_path_defaults_to_the_current_folder(repo, monkeypatch):
    root = repo(valid_repo())
    monkeypatch.chdir(root)
    assert run_cli("review", "schedule-post", "--date", "2026-01-02")[0] == 0
    assert "last_reviewed: 2026-01-02" in (root / "sops" / "schedule-post.yaml").read_text()


def test_a_bad_date_is_a_usage_error(repo):
    code, _, err = run_cli("review", repo(valid_repo()), "schedule-post", "--date", "soon")
    assert code == 2
    assert usage_error(err) == "Invalid value for --date: 'soon' is not a date like 2026-11-24"



@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("last_reviewed: 2026-01-01 # by ada\n", "last_reviewed: 2026-11-20 # by ada\n"),
        ("last_reviewed:\n", "last_reviewed: 2026-11-20\n"),
        ("last_reviewed: '2026-01-01'\n", "last_reviewed: '2026-11-20'\n"),
        ("last_reviewed:    2026-01-01    # spaced\n", "last_reviewed: 2026-11-20    # spaced\n"),
    ],
)
def test_every_form_of_an_existing_date_is_replaced_in_place(repo, line, expected):
    text = YAML_WITH_DATE.replace('last_reviewed: "2025-01-05"   # by Dana\n', line)
    root = repo(valid_repo({"sops/schedule-post.yaml": text}))
    assert run_cli("review", root, "schedule-post", "--date", "2026-11-20")[0] == 0
    assert only_difference(text, (root / "sops" / "schedule-post.yaml").read_text()) == [(line, expected)]


def test_a_last_line_without_newline_is_not_glued_to_the_new_line(repo):
    text = "kind: sop\ntitle: T\ntool: Buffer\naccount: A\nformat: F\ntone: T\ninstructions: [Do it.]\nid: schedule-post"
    root = repo(valid_repo({"sops/schedule-post.yaml": text}))
    assert run_cli("review", root, "schedule-post", "--date", "2026-11-20")[0] == 0
    assert (root / "sops" / "schedule-post.yaml").read_text().endswith("id: schedule-post\nlast_reviewed: 2026-11-20\n")
    assert run_cli("check", root)[0] == 0


def test_a_layout_the_line_edit_cannot_handle_is_refused_and_left_alone(repo):
    text = "---\n{kind: sop, id: draft-post-copy, title: T, tool: Docs, account: A, format: F, tone: T}\n---\n# T\n\n1. Do it.\n"
    root = repo(valid_repo({"sops/draft-post-copy.md": text}))
    code, _, err = run_cli("review", root, "draft-post-copy", "--date", "2026-11-20")
    assert code == 2
    assert err == (
        "sop-lint: error: sops/draft-post-copy.md: cannot set `last_reviewed` here without changing more than that line; "
        "add `last_reviewed: 2026-11-20` by hand\n"
    )
    assert (root / "sops" / "draft-post-copy.md").read_text() == text


def test_a_review_date_in_the_future_is_refused_and_nothing_is_written(repo):
    root = repo(valid_repo())
    before = (root / "sops" / "schedule-post.yaml").read_bytes()
    code, _, err = run_cli("review", root, "schedule-post", "--date", "2999-01-01")
    assert code == 2
    assert usage_error(err) == "Invalid value for --date: 2999-01-01 is in the future: a review is recorded on or after the day it happens"
    assert (root / "sops" / "schedule-post.yaml").read_bytes() == before


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-8"])
def test_an_sop_with_a_byte_order_mark_is_edited_in_its_own_encoding(repo, encoding):
    root = repo(valid_repo())
    path = root / "sops" / "schedule-post.yaml"
    path.write_bytes("\ufeff".encode(encoding) + YAML_WITH_DATE.encode(encoding))
    code, _, err = run_cli("review", root, "schedule-post", "--date", "2026-11-20")
    assert code == 0, err
    after = path.read_bytes()
    assert after.startswith("\ufeff".encode(encoding))
    assert only_difference(YAML_WITH_DATE, after.decode(encoding).removeprefix("\ufeff")) == [
        ('last_reviewed: "2025-01-05"   # by Dana\n', 'last_reviewed: "2026-11-20"   # by Dana\n')
    ]


def test_an_sop_that_does_not_decode_is_one_line_and_left_alone(repo):
    root = repo(valid_repo())
    path = root / "sops" / "schedule-post.yaml"
    path.write_bytes(b"\xff\xfe" + YAML_WITH_DATE.encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate at the end
    code, _, err = run_cli("review", root, "schedule-post", "--date", "2026-11-20")
    assert (code, err) == (2, "sop-lint: error: no SOP with the id `schedule-post`: nothing was changed\n")  # check says why


def sop_lint_process(*args: object, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sop_lint", *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env)


@NEEDS_UNSHARE
def test_a_read_only_file_system_is_one_line(repo):
    """A read-only bind mount, in a mount namespace of its own: chmod would not stop root."""
    root = repo(valid_repo())
    before = (root / "sops" / "schedule-post.yaml").read_bytes()
    result = sop_lint_under_bind_mount(root, "review", root, "schedule-post", "--date", "2026-11-20")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "sop-lint: error: cannot write sops/schedule-post.yaml: Read-only file system\n"
    assert (root / "sops" / "schedule-post.yaml").read_bytes() == before


def test_no_home_folder_outside_git_is_no_cache_not_an_error(repo, tmp_path):
    """A container may run with no HOME, an empty or relative one, or one that names
    nothing; outside git there is then no cache, and no folder is made for one."""
    root = repo(valid_repo())
    for home in ["", "relative-home", str(tmp_path / "nowhere")]:
        env = {key: value for key, value in os.environ.items() if key not in ("XDG_CACHE_HOME", "HOME")}
        result = sop_lint_process("review", root, "schedule-post", "--date", "2026-11-20", cwd=root, env={**env, "HOME": home})
        assert result.returncode == 0, result.stderr
        assert sorted(path.name for path in root.iterdir()) == ["processes", "sops"]
        assert not (tmp_path / "nowhere").exists() and not Path("/.cache/sop-lint").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["review", "{root}", "schedule-post", "draft-post-copy"], ["stale", "{root}"], ["check", "{root}"], ["graph", "{root}"],
        ["--help"], ["rules"], ["explain", "orphan-sop"],  # explain: issue 13, item 8
    ],
)
def test_a_closed_pipe_ends_the_run_quietly(tmp_path, command):
    """`sop-lint stale | head -1`: the reader left; no traceback, no internal error."""
    from tests.gitrepo import GitRepo

    repo = GitRepo(tmp_path / "ops")
    repo.commit("2025-01-01T09:00:00+00:00", valid_repo({"sops/schedule-post.yaml": YAML_WITH_DATE.replace("tone:", "tone: TBD\nx:")}))
    reader, writer = os.pipe()
    os.close(reader)
    with os.fdopen(writer, "w") as closed:
        result = subprocess.run(
            [sys.executable, "-m", "sop_lint", *[word.replace("{root}", str(repo.path)) for word in command]],
            stdout=closed, stderr=subprocess.PIPE, text=True,
        )
    assert (result.returncode, result.stderr) == (141, "")


def test_a_review_on_the_day_the_file_already_says_is_recordable_and_clears_drift(tmp_path):
    """Issue 13, item 5: the SOP already said today's date, `git commit` found nothing to
    commit, and H003 stayed. The printed command records the review with its trailer."""
    from tests.gitrepo import GitRepo
    from tests.repos import PROCESS, SCHEDULE_SOP

    sop = SCHEDULE_SOP.replace("tone:", "last_reviewed: 2026-12-02\ntone:")
    repo = GitRepo(tmp_path / "ops")
    repo.commit("2026-11-01T09:00:00+00:00", valid_repo({"sops/schedule-post.yaml": sop}))
    repo.commit("2026-12-02T09:00:00+00:00", {"processes/promote-new-video.yaml": PROCESS.replace("on the channel", "on YouTube")})
    repo.commit("2026-12-02T11:00:00+00:00", {"processes/promote-new-video.yaml": PROCESS.replace("on the channel", "on Vimeo")})
    before = (repo.path / "sops/schedule-post.yaml").read_bytes()
    code, out, _ = run_cli("review", repo.path, "schedule-post", "--date", "2026-12-02")
    assert code == 0 and (repo.path / "sops/schedule-post.yaml").read_bytes() == before
    command = out.split("Record the review with:\n  ")[1].strip()
    assert command == f"git add {repo.path}/sops/schedule-post.yaml && git commit --allow-empty -m 'Review schedule-post' --trailer 'SOP-Reviewed: schedule-post'"
    env = {**repo.env("2026-12-02T15:00:00+00:00"), "PATH": os.environ["PATH"]}
    subprocess.run(command, shell=True, cwd=repo.path, env=env, check=True, capture_output=True)
    report = run_cli("check", repo.path, "--now", "2026-12-03", "--select", "H003", "--format", "json")[1]
    assert [f["path"] for f in json.loads(report)["findings"]] == ["sops/draft-post-copy.md"]  # not schedule-post


def test_a_review_run_twice_prints_a_command_that_commits_the_first_runs_edit(tmp_path):
    """A new user ran `review` twice: the second run found the date already there and left
    `git add` out of its command, which then committed the trailer and not the edit."""
    from tests.gitrepo import GitRepo

    repo = GitRepo(tmp_path / "ops")
    repo.commit("2026-11-01T09:00:00+00:00", valid_repo())
    run_cli("review", repo.path, "schedule-post", "--date", "2026-12-02")
    code, out, _ = run_cli("review", repo.path, "schedule-post", "--date", "2026-12-02")
    assert code == 0 and "last_reviewed: 2026-12-02 (already)" in out
    command = out.split("Record the review with:\n  ")[1].strip()
    env = {**repo.env("2026-12-02T15:00:00+00:00"), "PATH": os.environ["PATH"]}
    subprocess.run(command, shell=True, cwd=repo.path, env=env, check=True, capture_output=True)
    assert repo.git("status", "--porcelain") == ""
    assert "last_reviewed: 2026-12-02" in repo.git("show", "HEAD:sops/schedule-post.yaml")
