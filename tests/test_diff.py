"""`sop-lint diff`: new findings and impact of a change, on real repositories."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.gitrepo import GitRepo
from tests.repos import PROCESS, SCHEDULE_SOP, edit, valid_repo

JAN, FEB, MAR = "2026-01-05T09:00:00+00:00", "2026-02-05T09:00:00+00:00", "2026-03-05T09:00:00+00:00"


def branch(tmp_path: Path, base_files: dict[str, str] | None = None) -> GitRepo:
    """A repository whose `main` holds the valid repository (or `base_files`), with the
    branch `change` checked out on top of it."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit(JAN, base_files or valid_repo(), "base")
    repo.git("checkout", "-q", "-b", "change")
    return repo


def diff_json(repo: GitRepo, *args: str) -> tuple[int, dict]:
    code, out, err = run_cli("diff", repo.path, "--base", "main", "--format", "json", *args)
    assert code in (0, 1), err
    return code, json.loads(out)


def codes(report: dict) -> list[tuple[str, str]]:
    return [(finding["path"], finding["code"]) for finding in report["findings"]]


def test_an_existing_defect_is_not_reported_and_a_new_one_is(tmp_path):
    placeholder = edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")
    repo = branch(tmp_path, valid_repo({"sops/schedule-post.yaml": placeholder}))
    repo.commit(FEB, {"processes/promote-new-video.yaml": edit(PROCESS, "trigger: A new video is published on the channel", "trigger: ''")})
    code, report = diff_json(repo)
    assert code == 1
    assert codes(report) == [("processes/promote-new-video.yaml", "P001")]
    assert report["version"] == 1 and report["summary"]["findings"] == 1


def test_no_change_means_no_new_findings_and_exit_0(tmp_path):
    placeholder = edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")
    repo = branch(tmp_path, valid_repo({"sops/schedule-post.yaml": placeholder}))
    code, report = diff_json(repo)
    assert (code, report["findings"], report["impact"]["sops"]) == (0, [], [])


def test_uncommitted_changes_are_said_to_be_left_out(tmp_path):
    """Issue 13, item 9: `diff` on uncommitted work said "No new findings" as if it had
    compared it; it says what it compared, and what it left out."""
    repo = branch(tmp_path)
    repo.write({"sops/schedule-post.yaml": edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD"), "sops/new.md": "x"})
    code, out, err = run_cli("diff", repo.path, "--base", "main")
    head = repo.git("rev-parse", "HEAD").strip()[:12]
    assert (code, out.splitlines()[-1]) == (0, "No new findings (3 files checked).")
    assert err == (
        f"sop-lint: note: diff compares commits: HEAD ({head}) with its merge base with main ({head}); 2 uncommitted changes "
        "to processes or SOPs (sops/new.md, sops/schedule-post.yaml) are not part of it: commit them, or run `sop-lint check`\n"
    )


def test_one_uncommitted_change_is_said_in_the_singular(tmp_path):
    repo = branch(tmp_path)
    repo.write({"sops/new.md": "x"})
    _, _, err = run_cli("diff", repo.path, "--base", "main")
    assert "; 1 uncommitted change to processes or SOPs (sops/new.md) is not part of it: commit it, or run `sop-lint check`\n" in err


def test_a_moved_block_is_not_new(tmp_path):
    placeholder = edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")
    repo = branch(tmp_path, valid_repo({"sops/schedule-post.yaml": placeholder}))
    lines = placeholder.splitlines(keepends=True)
    tone = next(line for line in lines if line.startswith("tone:"))
    moved = "".join([lines[0], tone, *[line for line in lines[1:] if line is not tone]])
    repo.commit(FEB, {"sops/schedule-post.yaml": moved}, "move tone to the top")
    code, report = diff_json(repo)
    assert (code, report["findings"]) == (0, [])
    assert [(c["status"], c["id"]) for c in report["impact"]["sops"]] == [("changed", "schedule-post")]


def test_a_renamed_sop_with_its_references_updated_is_clean(tmp_path):
    repo = branch(tmp_path)
    repo.git("mv", "sops/schedule-post.yaml", "sops/post-scheduling.yaml")
    repo.commit(
        FEB,
        {
            "sops/post-scheduling.yaml": SCHEDULE_SOP.replace("id: schedule-post", "id: post-scheduling"),
            "processes/promote-new-video.yaml": PROCESS.replace("sop: schedule-post", "sop: post-scheduling"),
        },
        "rename",
    )
    code, report = diff_json(repo)
    assert (code, report["findings"], report["impact"]["dangling"]) == (0, [], [])
    [renamed] = report["impact"]["sops"]
    assert renamed == {
        "status": "renamed", "id": "post-scheduling", "path": "sops/post-scheduling.yaml",
        "old_path": "sops/schedule-post.yaml", "old_id": "schedule-post", "used_by": ["promote-new-video"],
    }


def test_a_defect_in_a_moved_file_stays_known(tmp_path):
    placeholder = edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")
    repo = branch(tmp_path, valid_repo({"sops/schedule-post.yaml": placeholder}))
    (repo.path / "sops" / "social").mkdir()
    repo.git("mv", "sops/schedule-post.yaml", "sops/social/schedule-post.yaml")
    repo.commit(FEB, None, "move into a folder")
    code, report = diff_json(repo)
    assert (code, report["findings"]) == (0, [])


def test_a_removed_sop_leaves_a_dangling_reference_with_its_cause(tmp_path):
    repo = branch(tmp_path)
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    repo.commit(FEB, None, "remove")
    code, report = diff_json(repo)
    assert code == 1
    assert codes(report) == [("processes/promote-new-video.yaml", "R001")]
    assert report["impact"]["sops"] == [
        {"status": "removed", "id": "schedule-post", "path": "sops/schedule-post.yaml", "old_path": None, "old_id": None, "used_by": ["promote-new-video"]}
    ]
    assert report["impact"]["dangling"] == [
        {
            "path": "processes/promote-new-video.yaml", "line": 11, "column": 10, "step": "step 2 'Schedule post'",
            "kind": "sop", "id": "schedule-post", "cause": "sops/schedule-post.yaml was removed",
        }
    ]
    assert report["impact"]["affected_processes"] == ["promote-new-video"]


def test_a_rename_without_updating_references_names_the_rename(tmp_path):
    repo = branch(tmp_path)
    repo.git("mv", "sops/schedule-post.yaml", "sops/post-scheduling.yaml")
    repo.commit(FEB, {"sops/post-scheduling.yaml": SCHEDULE_SOP.replace("id: schedule-post", "id: post-scheduling")}, "rename")
    _, report = diff_json(repo)
    [dangling] = report["impact"]["dangling"]
    assert dangling["cause"] == "sops/schedule-post.yaml was renamed to sops/post-scheduling.yaml, id `post-scheduling`"


def test_the_change_is_counted_from_the_merge_base(tmp_path):
    """A defect main gained after the branch started is not the branch's."""
    repo = branch(tmp_path)
    repo.commit(FEB, {"sops/extra.md": "---\nkind: sop\nid: extra\n---\n"}, "branch work")
    repo.git("checkout", "-q", "main")
    repo.commit(MAR, {"processes/promote-new-video.yaml": edit(PROCESS, "outcome: A published social media post promotes the video", "outcome: ''")})
    repo.git("checkout", "-q", "change")
    _, report = diff_json(repo, "--select", "P")
    assert report["findings"] == []
    _, report = diff_json(repo)
    assert {code for _, code in codes(report)} >= {"C001"}  # the branch's own new SOP lacks fields


def repository_state(repo: GitRepo) -> str:
    """A hash of the work tree, the index, HEAD and every ref: what diff must not touch."""
    digest = hashlib.sha256()
    git_dir = repo.path / ".git"
    for path in sorted(repo.path.rglob("*")):
        inside_git = git_dir in path.parents
        if path.is_file() and (not inside_git or path.name in ("index", "HEAD") or "refs" in path.parts or path.name == "packed-refs"):
            digest.update(str(path.relative_to(repo.path)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("output_format", ["text", "json", "markdown", "sarif", "github", "junit", "gitlab"])
def test_diff_leaves_work_tree_index_and_head_byte_for_byte_unchanged(tmp_path, output_format):
    repo = branch(tmp_path)
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    repo.commit(FEB, None, "remove")
    repo.write({"sops/draft-post-copy.md": "unstaged edit\n", "sops/untracked.md": "---\nkind: sop\n---\n"})
    repo.write({"processes/staged.yaml": "kind: process\n"})
    repo.git("add", "processes/staged.yaml")
    before = repository_state(repo)
    code, _, err = run_cli("diff", repo.path, "--base", "main", "--format", output_format)
    assert code == 1, err
    assert repository_state(repo) == before
    assert repo.git("status", "--porcelain") == "A  processes/staged.yaml\n M sops/draft-post-copy.md\n?? sops/untracked.md\n"


def test_an_unknown_base_is_one_clear_line_and_exit_2(tmp_path):
    repo = branch(tmp_path)
    code, out, err = run_cli("diff", repo.path, "--base", "no-such-branch")
    assert code == 2 and out == ""
    assert err == (
        f"sop-lint: error: `no-such-branch` names no commit in {repo.path.resolve()}: fetch it, or check the spelling "
        "(branches here: `change`, `main`)\n"
    )


def test_a_repository_with_no_commit_says_to_commit_first(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.write(valid_repo())
    code, out, err = run_cli("diff", repo.path, "--base", "main")
    assert (code, out) == (2, "")
    assert err == f"sop-lint: error: {repo.path.resolve()} has no commit yet: commit the files first (`git add -A && git commit`)\n"


def test_a_base_with_no_shared_history_says_what_to_do(tmp_path):
    """A CI job's clone is shallow unless told otherwise (actions/checkout fetches one
    commit): the base fetched alone shares no history with HEAD. The message says so and
    how to fetch it, rather than asking the user whether the clone is shallow; a base from
    unrelated history (an orphan branch) is said as such."""
    repo = branch(tmp_path)
    repo.commit(FEB, {"sops/schedule-post.yaml": SCHEDULE_SOP.replace("tone: Upbeat", "tone: Warm")}, "change")
    clone = tmp_path / "clone"
    git = ["git", "-c", "protocol.file.allow=always"]
    subprocess.run([*git, "clone", "-q", "--depth", "1", "--branch", "change", repo.path.as_uri(), clone], check=True)
    subprocess.run([*git, "-C", clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main"], check=True)
    code, out, err = run_cli("diff", clone, "--base", "origin/main")
    assert (code, out) == (2, "")
    assert err.endswith(
        " share no history in this shallow clone: fetch the whole history (`git fetch --unshallow`, "
        "or `fetch-depth: 0` in GitHub Actions' checkout)\n"
    ), err
    repo.git("checkout", "-q", "--orphan", "elsewhere")
    repo.commit(MAR, valid_repo(), "unrelated")
    code, out, err = run_cli("diff", repo.path, "--base", "change")
    assert code == 2 and err.endswith(" share no history: compare with a commit of this branch's history, like the branch it will merge into\n"), err


def test_diff_of_a_folder_with_no_process_or_sop_in_either_commit_is_an_error_not_a_pass(tmp_path):
    """Run at the git root when the SOPs live in `ops/` (the action's default root is
    `.`), diff passed with "No new findings (0 files checked)" on every pull request; check
    says where it looked. A change that adds the first SOPs has files in its head."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit(JAN, {f"ops/{path}": text for path, text in valid_repo().items()}, "base")
    repo.git("checkout", "-q", "-b", "change")
    repo.git("rm", "-q", "ops/sops/schedule-post.yaml")
    repo.commit(FEB, None, "remove")
    code, out, err = run_cli("diff", repo.path, "--base", "main")
    assert (code, out) == (2, "")
    assert err.startswith(f"sop-lint: error: no process or SOP files in {repo.path.resolve()} at either commit (looked for processes/**/*.yaml, ")
    assert err.endswith("give the folder that holds them, like `sop-lint diff path/to/ops --base main`\n"), err
    assert run_cli("diff", repo.path / "ops", "--base", "main")[0] == 1
    first = GitRepo(tmp_path / "first")
    first.commit(JAN, {"README.md": "Our ops\n"}, "base")
    first.git("checkout", "-q", "-b", "change")
    first.commit(FEB, valid_repo(), "the first SOPs")
    assert run_cli("diff", first.path, "--base", "main")[0] == 0


def test_outside_git_diff_says_so(tmp_path):
    code, _, err = run_cli("diff", tmp_path, "--base", "main")
    assert (code, err) == (2, f"sop-lint: error: {tmp_path} is not inside a git work tree, so there are no revisions to compare\n")


def test_github_annotations_of_a_subfolder_root_point_at_the_work_tree_path(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.commit(JAN, {f"ops/{path}": text for path, text in valid_repo().items()}, "base")
    repo.git("checkout", "-q", "-b", "change")
    repo.commit(FEB, {"ops/processes/promote-new-video.yaml": edit(PROCESS, "trigger: A new video is published on the channel", "trigger: ''")})
    code, out, _ = run_cli("diff", repo.path / "ops", "--base", "main", "--format", "github")
    assert code == 1
    assert out.startswith("::error file=ops/processes/promote-new-video.yaml,line=5,col=1,title=P001 missing-trigger::")


# The Markdown comment: a valid Mermaid flowchart of each affected process.

NODE = r"[A-Za-z_][A-Za-z0-9_]*"
SHAPES = [r'\["(?P<a>[^"]*)"\]', r'\(\["(?P<b>[^"]*)"\]\)', r'\[/"(?P<c>[^"]*)"/\]']


def parse_mermaid(block: str) -> dict:
    """Checks a Mermaid flowchart line by line against the grammar we emit, and returns its
    nodes, edges, subgraphs and classes: an unknown line, an unbalanced subgraph or an edge
    to an undeclared node fails."""
    lines = block.splitlines()
    assert lines[0] == "flowchart TD"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    classes: dict[str, list[str]] = {}
    defined_classes: set[str] = set()
    depth, subgraphs = 0, []
    for line in lines[1:]:
        text = line.strip()
        if match := re.fullmatch(rf'subgraph ({NODE})\["[^"]*"\]', text):
            depth += 1
            subgraphs.append(match.group(1))
        elif text == "end":
            depth -= 1
            assert depth >= 0
        elif match := re.fullmatch(rf"({NODE})(?:{'|'.join(SHAPES)})", text):
            label = next(value for value in match.groups()[1:] if value is not None)
            nodes[match.group(1)] = label
        elif re.fullmatch(rf"{NODE}( (-->|-\.->|==>) {NODE})+", text):
            parts = text.split(" ")
            edges += [(parts[index], parts[index + 1], parts[index + 2]) for index in range(0, len(parts) - 2, 2)]
        elif match := re.fullmatch(rf"classDef ({NODE}) [a-z-]+:[^,]+(,[a-z-]+:[^,]+)*", text):
            defined_classes.add(match.group(1))
        elif match := re.fullmatch(rf"class ({NODE}(?:,{NODE})*) ({NODE})", text):
            classes[match.group(2)] = match.group(1).split(",")
        else:
            raise AssertionError(f"not a line of our Mermaid grammar: {line!r}")
    assert depth == 0
    for source, _, target in edges:
        assert source in nodes and (target in nodes or target in subgraphs), (source, target)
    for name, members in classes.items():
        assert name in defined_classes and all(member in nodes for member in members)
    return {"nodes": nodes, "edges": edges, "classes": classes, "subgraphs": subgraphs}


def mermaid_blocks(markdown: str) -> list[str]:
    blocks = re.findall(r"^```mermaid\n(.*?)^```$", markdown, flags=re.S | re.M)
    assert markdown.count("```") == 2 * len(blocks)
    return blocks


def test_the_markdown_comment_draws_affected_processes_with_changed_sops_highlighted(tmp_path):
    repo = branch(tmp_path)
    repo.commit(FEB, {"sops/schedule-post.yaml": SCHEDULE_SOP.replace("Schedule the post for 12:30.", "Schedule the post for 13:00.")})
    code, out, _ = run_cli("diff", repo.path, "--base", "main", "--format", "markdown")
    assert code == 0
    assert out.startswith("### sop-lint: ✅ no new findings (3 files checked)\n")
    assert "- SOP `schedule-post` changed (sops/schedule-post.yaml), used by `promote-new-video`" in out
    [block] = mermaid_blocks(out)
    chart = parse_mermaid(block)
    labels = [chart["nodes"][source] for source, arrow, _ in chart["edges"] if arrow == "-->"]
    assert labels[0] == "A new video is published on the channel"
    assert [chart["nodes"][node] for node in chart["classes"]["changed"]] == ["SOP schedule-post: Schedule the promotional post"]
    steps = [target for source, arrow, target in chart["edges"] if arrow == "-->"]
    assert [chart["nodes"][node] for node in steps] == ["1. Draft social post copy", "2. Schedule post", "A published social media post promotes the video"]


def test_the_markdown_comment_marks_a_missing_sop_and_lists_the_new_finding(tmp_path):
    repo = branch(tmp_path)
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    repo.commit(FEB, None, "remove")
    code, out, _ = run_cli("diff", repo.path, "--base", "main", "--format", "markdown")
    assert code == 1
    assert "| ❌ error | `processes/promote-new-video.yaml:11:10` | `R001` unknown-reference |" in out
    assert out.split("\n")[4] == "#### Caused by this change in files it does not touch"  # the process is not in the diff
    assert "**References left dangling**" not in out  # the row above says it, with its cause
    [block] = mermaid_blocks(out)
    chart = parse_mermaid(block)
    assert [chart["nodes"][node] for node in chart["classes"]["missing"]] == ["SOP schedule-post (does not exist)"]


def test_check_has_a_markdown_format_too(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.commit(JAN, valid_repo({"processes/promote-new-video.yaml": edit(PROCESS, "trigger: A new video is published on the channel", "trigger: 'a | b'")}))
    code, out, _ = run_cli("check", repo.path, "--format", "markdown", "--ignore", "H")
    assert code == 0 and out == "### sop-lint: ✅ no findings (3 files checked)\n"


def test_a_file_over_the_size_limit_in_a_revision_is_a_finding_not_a_read(tmp_path):
    repo = branch(tmp_path)
    repo.commit(FEB, {"sops/huge.yaml": "kind: sop\nid: huge\n# " + "x" * 2_000_000 + "\n"}, "a huge SOP")
    code, report = diff_json(repo, "--select", "Y")
    assert code == 1
    [finding] = report["findings"]
    assert (finding["path"], finding["code"], finding["line"]) == ("sops/huge.yaml", "Y005", 1)
    assert "`max-file-size`" in finding["message"]


def test_oversize_files_among_others_are_skipped_exactly_on_a_cold_run(tmp_path):
    """Issue 12, item 5: an oversize blob is read past to its last byte and no further, so
    the blobs after it (in `git cat-file --batch` order) are still read, whatever its size."""
    repo, size = branch(tmp_path), (1 << 20) + 1  # more than one read of 1 MiB, not a multiple of it
    huge = {f"sops/{name}.yaml": f"kind: sop\nid: {name}\n# ".ljust(size - 1, "x") + "\n" for name in ("big-a", "big-b")}
    repo.commit(FEB, huge, "two huge SOPs")
    assert {len(text) for text in huge.values()} == {size}
    code, report = diff_json(repo, "--select", "Y", "--no-cache")
    assert code == 1
    assert codes(report) == [("sops/big-a.yaml", "Y005"), ("sops/big-b.yaml", "Y005")]
    assert run_cli("diff", repo.path, "--base", "main", "--no-cache", "--select", "R")[0] == 0  # every SOP after them was read


def test_a_sha256_repository_is_compared_like_any_other(tmp_path):
    """Issue 12, item 8: object ids of 64 hex digits are read and compared as git gives them."""
    repo = GitRepo(tmp_path / "repo", object_format="sha256")
    repo.commit(JAN, valid_repo(), "base")
    repo.git("checkout", "-q", "-b", "change")
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    repo.commit(FEB, None, "remove")
    code, report = diff_json(repo)  # with the cache: the unchanged process is read again, from git, for positions
    assert code == 1
    assert codes(report) == [("processes/promote-new-video.yaml", "R001")]
    assert (report["findings"][0]["line"], report["impact"]["dangling"][0]["column"]) == (11, 10)


def test_an_sop_in_a_submodule_is_read_from_the_submodule(tmp_path):
    """Issue 12, item 10: a step that starts using an SOP held in a submodule is no new
    R001, and a change inside the submodule is the change of the files it holds."""
    shared = GitRepo(tmp_path / "shared")
    shared.commit(JAN, {"schedule-post.yaml": SCHEDULE_SOP})
    one_step = PROCESS.removesuffix("  - name: Schedule post\n    sop: schedule-post\n")
    repo = GitRepo(tmp_path / "repo")
    repo.write(valid_repo({"sops/schedule-post.yaml": None, "processes/promote-new-video.yaml": one_step}))
    repo.add_submodule(shared, "sops/shared")
    repo.commit(JAN, None, "base")
    repo.git("checkout", "-q", "-b", "change")
    repo.commit(FEB, {"processes/promote-new-video.yaml": PROCESS}, "use the shared SOP")
    code, report = diff_json(repo)
    assert (code, codes(report)) == (0, [])
    shared.commit(FEB, {"schedule-post.yaml": SCHEDULE_SOP.replace("id: schedule-post", "id: post-scheduling")})
    repo.git("-C", "sops/shared", "pull", "-q", "origin", "main")
    repo.commit(MAR, None, "bump the submodule")
    code, report = diff_json(repo, "--select", "R001")
    assert (code, codes(report)) == (1, [("processes/promote-new-video.yaml", "R001")])
    [changed] = report["impact"]["sops"]
    assert (changed["path"], changed["status"], changed["old_id"]) == ("sops/shared/schedule-post.yaml", "changed", "schedule-post")


def test_a_submodule_commit_missing_from_its_clone_is_named_in_a_note(tmp_path):
    """Issue 12, item 10: a gitlink whose commit the submodule's clone lacks (a shallow
    submodule in CI) holds no files that can be read, and the run says so."""
    shared = GitRepo(tmp_path / "shared")
    shared.commit(JAN, {"schedule-post.yaml": SCHEDULE_SOP})
    repo = GitRepo(tmp_path / "repo")
    repo.write(valid_repo({"sops/schedule-post.yaml": None}))
    repo.add_submodule(shared, "sops/shared")
    repo.commit(JAN, None, "base")
    repo.git("checkout", "-q", "-b", "change")
    unfetched = shared.commit(FEB, {"schedule-post.yaml": SCHEDULE_SOP + "review_every: 30d\n"})
    repo.git("update-index", "--cacheinfo", f"160000,{unfetched},sops/shared")
    repo.git("commit", "-q", "-m", "bump the submodule to a commit not fetched", date=FEB)  # not `add -A`: it would undo that
    code, out, err = run_cli("diff", repo.path, "--base", "main", "--select", "R001")
    assert code == 1 and "processes/promote-new-video.yaml:11:10: R001" in out
    assert err == (
        f"sop-lint: note: the submodule sops/shared lacks its commit {unfetched[:12]}, so its files in that revision are not "
        "checked: fetch it with `git submodule update` (in CI, check out submodules with their history)\n"
    )


def test_repeated_findings_are_counted_one_by_one(tmp_path):
    """Issue 14, item 5: with each occurrence fingerprinted, a third step using a missing
    SOP is one new finding, and removing the first of three is none."""
    step = "  - name: Post again {n}\n    sop: nowhere\n"
    repo = branch(tmp_path, valid_repo({"processes/promote-new-video.yaml": PROCESS + step.format(n=1) + step.format(n=2)}))
    repo.commit(FEB, {"processes/promote-new-video.yaml": PROCESS + "".join(step.format(n=n) for n in (1, 2, 3))})
    code, report = diff_json(repo)
    assert (code, codes(report)) == (1, [("processes/promote-new-video.yaml", "R001")])
    repo.commit(MAR, {"processes/promote-new-video.yaml": PROCESS + step.format(n=2) + step.format(n=3)})
    code, report = diff_json(repo)
    assert (code, report["findings"]) == (0, [])
