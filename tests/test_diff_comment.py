"""The PR comment (`diff --format markdown`) and the annotations of `diff --format github`
on real repositories: findings a change causes in files it does not touch lead the
comment and reach the changed file (issue 14, item 9), and the comment stays under
GitHub's size limit whatever the change (issue 14, item 4)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it_pyrs import MarkdownIt

from sop_lint.engine.compare import CausedElsewhere
from sop_lint.findings import Finding, Severity
from sop_lint.kinds import Kind
from sop_lint.model.flows import Flow
from sop_lint.model.impact import Cause, DanglingReference, FileChange, Impact
from sop_lint.model.summary import Step
from sop_lint.reporters import markdown
from sop_lint.reporters.context import ReportContext
from tests.conftest import run_cli
from tests.gitrepo import GitRepo
from tests.repos import PROCESS, SCHEDULE_SOP, edit, valid_repo
from tests.test_diff import FEB, JAN, branch, mermaid_blocks, parse_mermaid

LEAD = "#### Caused by this change in files it does not touch"


def comment(repo: GitRepo, *args: str, root: str = "") -> str:
    code, out, err = run_cli("diff", repo.path / root, "--base", "main", "--format", "markdown", *args)
    assert code in (0, 1) and err == "", err
    return out


def annotations(repo: GitRepo, root: str = "") -> list[str]:
    code, out, err = run_cli("diff", repo.path / root, "--base", "main", "--format", "github")
    assert code in (0, 1) and err == "", err
    return out.splitlines()


def test_only_findings_in_untouched_files_lead_and_each_names_its_cause(tmp_path):
    other = PROCESS.replace("id: promote-new-video", "id: other-process")
    repo = branch(tmp_path, valid_repo({"processes/other-process.yaml": other}))
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    repo.commit(FEB, {"processes/promote-new-video.yaml": edit(PROCESS, "trigger: A new video is published on the channel", "trigger: ''")})
    out = comment(repo)
    assert [line for line in out.splitlines() if line.startswith("#### ")] == [LEAD, "#### In the changed files", "#### Impact"]
    lead, rest = out.split(LEAD)[1].split("#### In the changed files")
    [row] = [line for line in lead.splitlines() if line.startswith("| ❌")]
    assert row.startswith("| ❌ error | `processes/other-process.yaml:11:10` | `R001` unknown-reference | step 2 'Schedule post' uses SOP")
    assert row.endswith("| sops/schedule-post.yaml was removed |")
    table = [line for line in rest.split("#### Impact")[0].splitlines() if line.startswith("| ❌")]
    assert [line.split(" | ")[1] for line in table] == ["`processes/promote-new-video.yaml:5:1`", "`processes/promote-new-video.yaml:11:10`"]


def test_a_removed_sop_is_said_in_a_file_less_annotation_first(tmp_path):
    """A deleted file has no line in the head: GitHub cannot place an annotation in its
    diff entry, so the note on it goes first (GitHub shows ten of a kind per step), with
    no file."""
    other = PROCESS.replace("id: promote-new-video", "id: other-process")
    repo = branch(tmp_path, valid_repo({"processes/other-process.yaml": other}))
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    repo.commit(FEB, None, "remove")
    lines = annotations(repo)
    assert len(lines) == 3
    assert lines[0].startswith(
        "::error title=sop-lint%3A 2 findings in files this change does not touch::sops/schedule-post.yaml was removed, "
        "which leaves 2 findings in files this change does not touch:%0Aprocesses/other-process.yaml:11:10: R001 step 2 'Schedule post'"
    )
    assert "%0Aprocesses/promote-new-video.yaml:11:10: R001 " in lines[0]
    assert [line.split(",")[0] for line in lines[1:]] == ["::error file=processes/other-process.yaml", "::error file=processes/promote-new-video.yaml"]


def test_a_renamed_sop_carries_the_annotation_on_its_id_line(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.commit(JAN, {f"ops/{path}": text for path, text in valid_repo().items()}, "base")
    repo.git("checkout", "-q", "-b", "change")
    repo.git("mv", "ops/sops/schedule-post.yaml", "ops/sops/post-scheduling.yaml")
    repo.commit(FEB, {"ops/sops/post-scheduling.yaml": SCHEDULE_SOP.replace("id: schedule-post", "id: post-scheduling")}, "rename")
    lines = annotations(repo, "ops")
    assert lines[0].startswith(
        "::error file=ops/sops/post-scheduling.yaml,line=2,title=sop-lint%3A 1 finding in a file this change does not touch::"
        "ops/sops/schedule-post.yaml was renamed to ops/sops/post-scheduling.yaml, id `post-scheduling`, which leaves 1 finding in a file "
        "this change does not touch:%0Aops/processes/promote-new-video.yaml:11:10: R001 "
    )
    assert lines[1].startswith("::error file=ops/processes/promote-new-video.yaml,line=11,col=10,title=R001 unknown-reference::")
    out = comment(repo, "--select", "R", root="ops")
    [row] = [line for line in out.split(LEAD)[1].splitlines() if line.startswith("| ❌")]
    assert row.startswith("| ❌ error | `ops/processes/promote-new-video.yaml:11:10` |")
    assert row.endswith("| ops/sops/schedule-post.yaml was renamed to ops/sops/post-scheduling.yaml, id `post-scheduling` |")



def test_a_cause_names_its_files_as_the_output_names_every_other_path(tmp_path, monkeypatch):
    """With the SOP root in a folder `ops`, the comment and the annotations name files
    from the git root (`ops/processes/...`), and text from where it was asked: the cause
    beside them named the removed SOP from the SOP root, a path that is nowhere."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit(JAN, {f"ops/{path}": text for path, text in valid_repo().items()}, "base")
    repo.git("checkout", "-q", "-b", "change")
    repo.git("rm", "-q", "ops/sops/schedule-post.yaml")
    repo.commit(FEB, None, "remove")
    out = comment(repo, "--select", "R001", root="ops")
    [row] = [line for line in out.split(LEAD)[1].splitlines() if line.startswith("| ❌")]
    assert row.startswith("| ❌ error | `ops/processes/promote-new-video.yaml:11:10` |")
    assert row.endswith("| ops/sops/schedule-post.yaml was removed |")
    assert annotations(repo, "ops")[0].startswith("::error title=sop-lint%3A 1 finding in a file this change does not touch::ops/sops/schedule-post.yaml was removed,")
    monkeypatch.chdir(repo.path)
    text = run_cli("diff", "ops", "--base", "main", "--select", "R001")[1]
    assert "  ops/processes/promote-new-video.yaml:11:10: step 2 'Schedule post' uses SOP `schedule-post`, which is gone: ops/sops/schedule-post.yaml was removed\n" in text
    text = run_cli("diff", "ops", "--base", "main", "--format", "json")[1]
    assert [ref["cause"] for ref in json.loads(text)["impact"]["dangling"]] == ["sops/schedule-post.yaml was removed"]  # JSON paths are the SOP root's


def test_an_sop_left_unused_by_a_removed_process_names_the_removal(tmp_path):
    repo = branch(tmp_path)
    repo.git("rm", "-q", "processes/promote-new-video.yaml")
    repo.commit(FEB, None, "remove the process")
    out = comment(repo, "--select", "R004")
    rows = [line for line in out.split(LEAD)[1].splitlines() if line.startswith("| ⚠️")]
    assert [row.split(" | ")[1] for row in rows] == ["`sops/draft-post-copy.md:3:5`", "`sops/schedule-post.yaml:2:5`"]
    assert all(row.endswith("| processes/promote-new-video.yaml was removed |") for row in rows)
    assert annotations(repo)[0].startswith("::warning title=sop-lint%3A 2 findings in files this change does not touch::")


def test_findings_in_the_changed_files_only_keep_the_comment_as_it_was(tmp_path):
    repo = branch(tmp_path)
    repo.commit(FEB, {"processes/promote-new-video.yaml": edit(PROCESS, "trigger: A new video is published on the channel", "trigger: ''")})
    out = comment(repo)
    assert LEAD not in out and "#### In the changed files" not in out
    assert "| ❌ error | `processes/promote-new-video.yaml:5:1` | `P001` missing-trigger |" in out
    assert annotations(repo)[0].startswith("::error file=processes/promote-new-video.yaml,line=5,col=1,title=P001")



class _Shown(HTMLParser):
    """The text of HTML a reader sees: tags (GitHub's sanitiser drops those it does not
    know, `<client name>` with them) are not text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def shown(text: str) -> str:
    """What a reader sees of Markdown as GitHub renders a comment: CommonMark with tables,
    raw HTML passed through as HTML, and only the text of the result."""
    parser = _Shown()
    parser.feed(MarkdownIt("commonmark").enable("table").render(text))
    return " ".join("".join(parser.text).split())


def test_the_comment_shows_placeholders_as_written_outside_its_charts(tmp_path):
    """Issue 14, item 1 in the PR comment's text: `<client name>`, how SOP authors write a
    blank, is an HTML tag to Markdown, so GitHub dropped it from the findings, the causes
    and the impact (`step 1 'Email the contract'`) while the chart kept it. Code spans
    show what they hold, so their `<` stays as it is."""
    process = PROCESS.replace("name: Schedule post", "name: Email <client name> & <year> the contract")
    repo = branch(tmp_path, valid_repo({"processes/promote-new-video.yaml": process}))
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    repo.commit(FEB, {"processes/other.yaml": edit(PROCESS, "id: promote-new-video", "id: other").replace("sop: schedule-post", "sop: <x>")})
    out = comment(repo, "--select", "R001")
    seen = shown(out)
    assert seen.count("step 2 'Email <client name> & <year> the contract' uses SOP schedule-post") == 1, seen
    assert "step 2 'Schedule post' uses SOP <x>, which does not exist" in seen  # a code span shows its `<` as written
    assert "Email <client name> & <year> the contract" in shown(run_cli("check", repo.path, "--format", "markdown")[1])


# Issue 14, item 4: GitHub refuses a comment body over 65,536 characters.

BUDGET = 65_536 - 1_024  # what sop-lint leaves for a marker a workflow adds


def assert_fits(text: str) -> None:
    """Under GitHub's limit however it counts: characters, UTF-16 code units, UTF-8 bytes
    (sop-lint keeps 1,024 bytes free for a workflow's own marker)."""
    assert len(text) <= len(text.encode("utf-16-le")) // 2 <= len(text.encode()) <= BUDGET


def left_out(text: str, noun: str) -> int:
    """The number a note says was left out of a part, 0 without a note."""
    match = re.search(rf"^_… and (\d+) more {noun}s?, left out for size \(see the end of this comment\)\._$", text, re.M)
    return int(match[1]) if match else 0


@pytest.mark.slow
def test_removing_an_sop_that_120_processes_use_keeps_the_comment_under_githubs_limit(tmp_path):
    """The issue's case gave 208,734 characters. The processes with the most steps left
    pointing at nothing are drawn first, and the comment says what it left out and how to
    see it."""
    files = valid_repo()
    for n in range(120):  # p003, p007, … have four steps using the SOP, p000, p004, … one
        extra = "".join(f"  - name: Post again {k}\n    sop: schedule-post\n" for k in range(n % 4))
        files[f"processes/p{n:03}.yaml"] = PROCESS.replace("id: promote-new-video", f"id: p{n:03}").replace(
            "title: Promote a new video on social media", f"title: Promotion number {n}") + extra
    repo = branch(tmp_path, files)
    repo.git("rm", "-q", "sops/schedule-post.yaml")
    repo.commit(FEB, None, "remove")
    out = comment(repo)
    assert_fits(out)
    assert out.startswith("### sop-lint: ❌ 301 new findings (301 errors) in 122 files\n\nCompared `")
    charts = re.findall(r"^<details open><summary>Process <code>(.*?)</code>: (.*?)</summary>$", out, re.M)
    assert charts == [(f"p{n:03}", f"Promotion number {n}") for n in range(3, 40, 4)]  # four dangling steps each
    assert all(parse_mermaid(block)["classes"]["missing"] for block in mermaid_blocks(out))
    assert left_out(out, "flowchart") == 111
    rows = [line for line in out.split(LEAD)[1].splitlines() if line.startswith("| ❌ error | `processes/")]
    assert len(rows) + left_out(out, "finding") == 301 and len(rows) > 100
    assert "\n- `R001` unknown-reference: 301 findings in 121 files\n" in out
    head, base = repo.git("rev-parse", "HEAD").strip()[:12], repo.git("merge-base", "main", "HEAD").strip()[:12]
    assert out.endswith(
        f"\n---\n_Left out to stay under GitHub's limit of 65,536 characters for a comment: {301 - len(rows)} of 301 findings, "
        f"111 of 121 flowcharts. Everything, in a clone of the repository: `sop-lint diff --base {base} --head {head} --format text`._\n"
    )
    code, everything, _ = run_cli("diff", repo.path, "--base", base, "--head", head, "--format", "text")
    assert code == 1 and everything.endswith("Found 301 new findings (301 errors) in 122 files.\n")


@pytest.mark.slow
def test_thousands_of_long_findings_and_a_huge_title_still_fit(tmp_path):
    """2,000 steps naming a missing SOP by a long id, and a process with a 100,000-character
    title (each file under the 1 MB `max-file-size`): the comment shows what fits, with
    the title cut, leaves out the chart too large to show, and counts what it left out."""
    wanted = "gone-" + "é" * 120 + "-🙂"
    steps = "".join(f"  - name: Step {n} {'ünïcode' * 10}\n    sop: {wanted}\n" for n in range(2_000))
    huge = PROCESS.replace("id: promote-new-video", "id: huge-title").replace("title: Promote a new video on social media", "title: " + "Ω" * 100_000)
    repo = branch(tmp_path)
    repo.commit(FEB, {"processes/promote-new-video.yaml": PROCESS + steps, "processes/huge-title.yaml": huge})
    code, out, err = run_cli("check", repo.path, "--format", "markdown", "--select", "R001")
    assert (code, err) == (1, "")
    assert_fits(out)
    rows = [line for line in out.splitlines() if line.startswith("| ❌ error |")]
    assert len(rows) > 20 and len(rows) + left_out(out, "finding") == 2_000
    assert out.endswith("of 2000 findings. Everything, in a clone of the repository: `sop-lint check --format text`._\n")
    out = comment(repo, "--select", "R001")
    assert_fits(out)
    assert re.findall(r"^<details open><summary>Process <code>(.*)</code>: (.*)</summary>$", out, re.M) == [("huge-title", "Ω" * 199 + "…")]
    assert left_out(out, "flowchart") == 1 and ", 1 of 2 flowcharts. Everything" in out


_TEXT = st.text(st.sampled_from("a |`<>&#*_\n\t\u202e🙂é"), max_size=30).map(lambda text: text * 40)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(
    findings=st.integers(0, 3_000), message=_TEXT, title=_TEXT, flows=st.integers(0, 40), steps=st.integers(0, 60),
    elsewhere=st.integers(0, 3), changes=st.integers(0, 2_000),
)
def test_the_comment_fits_and_counts_what_it_leaves_out_whatever_it_holds(findings, message, title, flows, steps, elsewhere, changes):
    """Any number of findings, changes and flowcharts, with any text in them (markup,
    four-byte characters, line breaks): the comment fits, and every part shows or counts
    each of its entries."""
    found = [
        Finding("R001", "unknown-reference", [Severity.ERROR, Severity.WARNING, Severity.INFO][n % 3], f"processes/p{n}.yaml",
                n + 1, 3, f"{n}: {message}", f"f{n}")
        for n in range(findings)
    ]
    caused = tuple(CausedElsewhere(finding, Cause(("", title, " was removed")), None, None) for finding in found[: findings * elsewhere // 4])
    flow_steps = tuple(Step(n, f"{n}. {title}", "gone", None) for n in range(steps))
    impact = Impact(
        base="b" * 40, head="h" * 40,
        sops=tuple(FileChange(Kind.SOP, "removed", f"sops/{n}-{title}.md", "gone", used_by=("p",) * 50) for n in range(changes)),
        processes=(),
        dangling=tuple(DanglingReference(f"processes/p{n}.yaml", 2, 5, "step 1", Kind.SOP, "gone", Cause((message,)), "sops/gone.md", None) for n in range(changes)),
        flows=tuple(Flow(f"p{n}", title, message, title, flow_steps, (("gone", None),)) for n in range(flows)),
    )
    context = ReportContext(files_checked=findings, fail_on=Severity.ERROR, exit_code=1, impact=impact, caused_elsewhere=caused)
    out = markdown.render(found, context)
    assert_fits(out)
    rows = [line for line in out.splitlines() if re.match(r"\| (❌|⚠️|ℹ️) ", line)]
    assert len(rows) + sum(int(n) for n in re.findall(r"^_… and (\d+) more findings?, left out", out, re.M)) == findings
    fences = [line for line in out.splitlines() if line.startswith("```")]  # no text of a file can open one
    assert fences == ["```mermaid", "```"] * (len(fences) // 2)
    assert len(fences) // 2 + left_out(out, "flowchart") == flows and len(fences) // 2 <= 10
    listed = [line for line in out.split("#### Impact")[1].splitlines() if line.startswith("- SOP `gone` removed")]
    assert len(listed) + left_out(out, "change") == changes
    if any(left_out(out, noun) for noun in ("finding", "change", "dangling reference", "flowchart")):
        assert out.endswith("--format text`._\n")


def test_names_in_the_comment_notify_no_one(tmp_path):
    """`tag @finance` in a step's name would notify the team when the comment is posted:
    outside code spans the `@` is followed by a zero-width space; a code span keeps it."""
    from sop_lint.reporters.markdown import literal

    assert literal("Post in #general; tag @finance and `@ops`") == "Post in #general; tag @&#8203;finance and `@ops`"
    assert literal("mail me at a@b.example") == "mail me at a@&#8203;b.example"  # no mention either way, and shown alike
