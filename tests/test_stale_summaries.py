"""`sop-lint stale` reads only each SOP's summary (issue 18, item 3): its report is the one a
fully checked model gives, on a repository with findings and files that do not parse."""

import json
import subprocess
import sys

import pytest

from sop_lint.commands.stale import freshness_report
from sop_lint.config.loading import load_config
from sop_lint.engine.loading import RunOptions
from sop_lint.model.freshness import parse_now
from sop_lint.reporters.freshness import FRESHNESS_REPORTERS
from tests.conftest import run_cli
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP

NOW = "2026-11-24"
TOKEN = "ghp_" + "Q7wErTy1UiOp2AsDfGh3JkLzXcVb4NmQwE5r"


def sop(identifier: str, extra: str = "") -> str:
    return SCHEDULE_SOP.replace("id: schedule-post", f"id: {identifier}").replace("tone:", f"{extra}tone:")


@pytest.fixture(scope="module")
def broken_repository(tmp_path_factory):
    """SOPs with findings of every sort: syntax errors, schema errors, odd values, a
    credential in a title, CRLF line ends, a CODEOWNERS owner, uncommitted work."""
    repo = GitRepo(tmp_path_factory.mktemp("stale-summaries") / "ops")
    repo.commit("2025-11-01T09:00:00+00:00", {
        "processes/promote-new-video.yaml": PROCESS,
        "processes/broken.yaml": "kind: process\nid: broken\nsteps: [\n",
        "sops/draft-post-copy.md": DRAFT_SOP.replace("title:", 'owner: "@social"\ntitle:'),
        "sops/schedule-post.yaml": SCHEDULE_SOP,
        "sops/syntax-error.yaml": sop("syntax-error", "bad: [unclosed\n"),
        "sops/tab-indent.yaml": sop("tab-indent").replace("  - Schedule", "\t- Schedule"),
        "sops/no-front-matter.md": "# Only a body\n\n1. Do it.\n",
        "sops/unterminated.md": "---\nkind: sop\nid: unterminated\ntitle: Never closed\n",
        "sops/a-list.yaml": "- kind: sop\n- id: a-list\n",
        "sops/empty.yaml": "",
        "sops/misspelt-key.yaml": sop("misspelt-key", "titel: Typo\n"),
        "sops/duplicate-key.yaml": sop("duplicate-key", "owner: '@a'\nowner: '@b'\n"),
        "sops/odd-values.yaml": sop("odd-values", "review_every: 30\nlast_reviewed: 2026-10-01\nowner: [a, b]\n"),
        "sops/bad-id.yaml": sop("Bad_Id"),
        "sops/declared-process.yaml": sop("declared-process").replace("kind: sop", "kind: process"),
        "sops/unknown-kind.yaml": sop("unknown-kind").replace("kind: sop", "kind: checklist"),
        "sops/secret.yaml": sop("secret", f"x-token: {TOKEN}\n").replace(
            "title: Schedule the promotional post", f"title: Rotate {TOKEN} monthly"
        ),
        "sops/crlf.yaml": sop("crlf", "last_reviewed: 2026-01-05\n").replace("\n", "\r\n"),
        "sops/placeholder.yaml": sop("placeholder", "owner: TBD\n"),
        ".github/CODEOWNERS": "sops/odd-values.yaml @ops-leads\n",
    }, "Write the SOPs")
    repo.commit("2026-06-10T09:00:00+00:00", {"sops/schedule-post.yaml": sop("schedule-post", "x-note: revised\n")}, "Revise")
    repo.commit("2026-11-10T09:00:00+00:00", None, "Reviewed", "SOP-Reviewed: crlf, misspelt-key", "SOP-Reviewed: shedule-post")
    repo.write({"sops/new-work.yaml": sop("new-work", "bad: [\n"), "sops/new-clean.yaml": sop("new-clean")})
    return repo.path


def full_report(root, output_format: str) -> tuple[str, list[str]]:
    """The report from fully checked files (the schema validated, every file rule run)."""
    config = load_config(root, None)
    options = RunOptions.for_root(root, no_cache=True, now=parse_now(NOW))
    sops, notes = freshness_report(root, config, options, summaries_only=False)
    return FRESHNESS_REPORTERS[output_format](sops, parse_now(NOW), False), [f"sop-lint: note: {note}" for note in notes]


@pytest.mark.parametrize("output_format", ["json", "text", "csv", "markdown"])
def test_the_summaries_give_the_report_a_full_check_gives(broken_repository, output_format):
    expected, notes = full_report(broken_repository, output_format)
    assert "secret" in expected and TOKEN not in expected  # the title's credential is masked in both
    for cache in (("--no-cache",), ()):  # parsed; then the same from the cache a check filled
        code, out, err = run_cli("stale", broken_repository, "--now", NOW, "--format", output_format, *cache)
        assert (code, out, err.splitlines()) == (0, expected, notes)
        if not cache:
            run_cli("check", broken_repository)


def test_stale_neither_validates_nor_reads_instructions(broken_repository):
    """Neither the schema validator nor the instructions' Markdown reader is even imported
    on the way to the report (the rules are, for the credentials scan that masks titles,
    but none runs)."""
    script = (
        "import sys\nfrom sop_lint.cli import main\n"
        f"try: main(['stale', {str(broken_repository)!r}, '--no-cache', '--now', {NOW!r}])\n"
        "except SystemExit: pass\n"
        "print(sorted(name for name in sys.modules if name.startswith(('jsonschema', 'markdown_it'))), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stderr.splitlines()[-1] == "[]"


def test_sops_outside_a_sparse_checkout_are_summarized_from_git(tmp_path):
    """Files outside a sparse checkout are read from the index's blobs, then summarized."""
    repo = GitRepo(tmp_path / "ops")
    repo.commit("2025-11-01T09:00:00+00:00", {
        "processes/promote-new-video.yaml": PROCESS,
        "sops/draft-post-copy.md": DRAFT_SOP.replace("title:", 'owner: "@social"\ntitle:'),
        "sops/schedule-post.yaml": sop("schedule-post", "review_every: 30d\n").replace("\n", "\r\n"),
        "sops/broken.yaml": sop("broken", "bad: [\n"),
    }, "Write the SOPs")
    repo.git("sparse-checkout", "set", "--no-cone", "processes")
    assert not (repo.path / "sops").exists()
    expected, notes = full_report(repo.path, "json")
    assert [sop["id"] for sop in json.loads(expected)["sops"]] == ["schedule-post", "draft-post-copy"]
    code, out, err = run_cli("stale", repo.path, "--now", NOW, "--format", "json", "--no-cache")
    assert (code, out, err.splitlines()) == (0, expected, notes)


def test_worker_processes_give_the_same_summaries(broken_repository):
    """A first `stale` of a large repository summarizes its files in worker processes."""
    from sop_lint.engine.sources import work_tree
    from sop_lint.engine.summaries import summarize_files

    config = load_config(broken_repository, None)
    source = work_tree(broken_repository)
    files = source.files(config)

    def summaries(workers):
        return [(file.document.path, file.summary, file.suppressions, file.blob, file.lf_blob)
                for file in summarize_files(source, files, config, workers=workers)]

    alone = summaries(1)
    assert alone == summaries(2) and any(summary.readable for _, summary, *_ in alone)
