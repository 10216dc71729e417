"""`sop-lint stale`: review semantics on real repositories, every format, exit codes."""

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP

GOLDEN = Path(__file__).parent / "golden"
NOW = "2026-11-24"


def sop(identifier: str, extra: str = "") -> str:
    return SCHEDULE_SOP.replace("id: schedule-post", f"id: {identifier}").replace("tone:", f"{extra}tone:")


@pytest.fixture(scope="module")
def year_of_history(tmp_path_factory):
    """An ops repository with a year of history: each SOP tells one rule of SPEC §4."""
    repo = GitRepo(tmp_path_factory.mktemp("stale") / "ops")
    base = {
        "processes/promote-new-video.yaml": PROCESS,
        "sops/draft-post-copy.md": DRAFT_SOP.replace("title:", 'owner: "@social"\ntitle:'),
        "sops/schedule-post.yaml": SCHEDULE_SOP,
        "sops/old.yaml": sop("old", 'owner: "@finance"\n'),
        "sops/reviewed-by-date.yaml": sop("reviewed-by-date", "last_reviewed: 2026-10-01\n"),
        "sops/reviewed-in-future.yaml": sop("reviewed-in-future", "last_reviewed: 2027-01-01\n"),
        "sops/short-interval.yaml": sop("short-interval", "review_every: 30d\n"),
        "sops/finance/by-glob.yaml": sop("by-glob"),
        "sops/trailer.yaml": sop("trailer"),
        "sops/due-soon.yaml": sop("due-soon"),
        "sops/edited.yaml": sop("edited"),
        "sop-lint.yaml": "review-intervals:\n  'sops/finance/**': 60d\n",
    }
    repo.commit("2025-11-01T09:00:00+00:00", base, "Write the SOPs")
    repo.commit("2026-06-10T09:00:00+00:00", {"sops/due-soon.yaml": sop("due-soon", "x-note: revised\n")}, "Revise")
    repo.commit("2026-09-01T09:00:00+00:00", {"sops/finance/by-glob.yaml": sop("by-glob", "x-note: revised\n")}, "Revise")
    repo.commit("2026-11-01T09:00:00+00:00", {"sops/short-interval.yaml": sop("short-interval", "review_every: 30d\nx-n: 1\n")}, "Edit")
    repo.commit("2026-11-10T09:00:00+00:00", None, "Reviewed the trailer SOP", "SOP-Reviewed: trailer")
    repo.write({"sops/edited.yaml": sop("edited", "x-note: in progress\n"), "sops/brand-new.yaml": sop("brand-new")})
    return repo.path


@pytest.fixture
def history(year_of_history, tmp_path):
    """A copy of that repository, for one test to read and change: built once, copied in
    a fraction of the time six commits take."""
    return shutil.copytree(year_of_history, tmp_path / "ops", symlinks=True)


def stale(root, *args):
    return run_cli("stale", root, "--now", NOW, *args)


def test_json_follows_the_contract_and_the_rules_of_review(history):
    code, out, err = stale(history, "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert set(report) == {"version", "now", "sops"} and report["version"] == 1
    assert report["now"] == "2026-11-24T00:00:00Z"
    by_id = {entry["id"]: entry for entry in report["sops"]}
    assert all(set(entry) == {"id", "path", "owner", "status", "last_change", "commit", "author",
                              "reviewed_at", "interval_days", "days_overdue", "title", "reviewed_by"} for entry in report["sops"])
    expectations = {
        # id: (status, reviewed_at, interval_days, reviewed_by)
        "old": ("stale", "2025-11-01T09:00:00Z", 180, "edit"),
        "reviewed-by-date": ("fresh", "2026-10-01T00:00:00Z", 180, "last_reviewed"),
        "reviewed-in-future": ("stale", "2025-11-01T09:00:00Z", 180, "edit"),  # a future date does not count
        "short-interval": ("due-soon", "2026-11-01T09:00:00Z", 30, "edit"),  # 23 of 30 days, in the 14-day window
        "by-glob": ("stale", "2026-09-01T09:00:00Z", 60, "edit"),  # 84 days against the glob's 60
        "trailer": ("fresh", "2026-11-10T09:00:00Z", 180, "trailer"),
        "due-soon": ("due-soon", "2026-06-10T09:00:00Z", 180, "edit"),
        "edited": ("uncommitted", "2026-11-24T00:00:00Z", 180, "uncommitted change"),
        "brand-new": ("uncommitted", "2026-11-24T00:00:00Z", 180, "uncommitted change"),
    }
    for identifier, (status, reviewed_at, interval, by) in expectations.items():
        entry = by_id[identifier]
        assert (entry["status"], entry["reviewed_at"], entry["interval_days"], entry["reviewed_by"]) == (status, reviewed_at, interval, by), identifier
    assert by_id["old"]["title"] == "Schedule the promotional post"
    assert by_id["trailer"]["last_change"] == "2025-11-01T09:00:00Z"
    assert by_id["edited"]["last_change"] is None and by_id["edited"]["commit"] is None
    assert by_id["old"]["owner"] == "@finance" and by_id["old"]["author"] == "Ada Ops"
    assert by_id["old"]["days_overdue"] == 387 - 180  # 387 whole days since 2025-11-01 09:00
    overdue = [entry["days_overdue"] for entry in report["sops"]]
    assert overdue == sorted(overdue, reverse=True)


@pytest.mark.parametrize("output_format", ["text", "markdown", "json", "csv", "html"])
def test_every_format_is_reproducible_with_now(history, output_format):
    """Golden files; regenerate with SOP_LINT_UPDATE_GOLDEN=1 after a deliberate change."""
    import os

    code, out, _ = stale(history, "--format", output_format, "--group-by", "owner")
    assert code == 0
    golden = GOLDEN / f"stale.{output_format}"
    if os.environ.get("SOP_LINT_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out)
    assert out == golden.read_text()
    assert stale(history, "--format", output_format, "--group-by", "owner")[1] == out


def test_reports_people_read_say_when_each_sop_is_due_and_how_it_was_reviewed(history):
    """Issue 13, item 12: no negative "overdue", a "last reviewed" column and how, the
    title beside the id, the day (not a timestamp) in the heading, owners' headings in HTML."""
    text = stale(history)[1]
    assert not re.search(r"\s-\d", text) and "due in 167 days" in text and "207 days overdue" in text
    assert "trailer: Schedule the promotional post" in text and "last_reviewed" in text
    markdown = stale(history, "--format", "markdown")[1]
    assert markdown.startswith("## SOP review report, 2026-11-24\n")
    page = stale(history, "--format", "html", "--group-by", "owner")[1]
    assert list(re.findall(r"<h2>(.*?)</h2>", page)) == ["@finance", "@social", "(no owner)"]
    assert '<ul class="legend">' in page and "stale: past its review interval" in page


def test_the_chart_stacks_each_bar_by_status_in_the_tables_colours(history):
    """A 30-day SOP reviewed 33 days ago is stale, in the bar of 30-89 days: drawn red, as
    its row is, not in a colour of its age (a new user's report)."""
    page = run_cli("stale", history, "--now", "2026-12-04", "--format", "html")[1]
    bars = re.findall(r'<rect class="bar" data-bucket="([^"]*)" data-status="([^"]*)" data-count="(\d+)"[^>]*fill="([^"]*)"', page)
    by_status = {(bucket, status): (int(count), fill) for bucket, status, count, fill in bars}
    badge = re.search(r'<span class="status" style="background:([^"]*)">stale</span>', page).group(1)
    assert by_status[("30-89 days", "stale")] == (1, badge)
    assert sum(int(count) for _, _, count, _ in bars) == 11
    stale_rows = len(re.findall(r'<span class="status" style="background:[^"]*">stale</span>', page))
    assert sum(int(count) for _, status, count, _ in bars if status == "stale") == stale_rows


def test_csv_has_the_json_fields(history):
    rows = list(csv.DictReader(io.StringIO(stale(history, "--format", "csv")[1])))
    assert len(rows) == 11
    assert [(row["id"], row["status"]) for row in rows[:2]] == [("draft-post-copy", "stale"), ("old", "stale")]


def test_fail_exits_1_when_anything_is_stale(history):
    assert stale(history, "--fail")[0] == 1
    assert run_cli("stale", history, "--now", "2025-12-01", "--fail")[0] == 0


def test_a_bad_now_is_a_usage_error(history):
    code, _, err = run_cli("stale", history, "--now", "yesterday")
    assert (code, err) == (2, "sop-lint: error: --now 'yesterday' is not a date: write it like 2026-11-24 or 2026-11-24T09:00:00Z\n")


def test_outside_git_stale_exits_2_with_one_clear_line(tmp_path):
    (tmp_path / "sops").mkdir()
    assert run_cli("stale", tmp_path) == (2, "", f"sop-lint: error: {tmp_path} is not inside a git work tree, so history cannot be read\n")


def test_a_shallow_clone_exits_2_naming_the_fix_unless_allowed(history, tmp_path):
    import subprocess

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history}", str(clone)], check=True, capture_output=True)
    code, _, err = run_cli("stale", clone, "--now", NOW)
    assert code == 2
    assert err == (
        "sop-lint: error: this is a shallow clone, so every file would look last changed by its oldest commit: fetch the "
        "whole history (`git fetch --unshallow`, or `fetch-depth: 0` in GitHub Actions' checkout) or pass --allow-shallow\n"
    )
    assert run_cli("stale", clone, "--now", NOW, "--allow-shallow")[0] == 0


@pytest.mark.parametrize(
    ("codeowners", "expected"),
    [
        ("* @everyone\n", "@everyone"),
        ("* @everyone\n/sops/ @ops-team\n", "@ops-team"),
        ("*.yaml @yaml-people\nsops/short-interval.yaml @short @also # two owners\n", "@short @also"),
        ("# nobody\n", None),
        ("* @everyone\nsops/short-interval.yaml\n", None),  # a pattern with no owner clears it
    ],
)
def test_an_sop_without_owner_takes_the_codeowners_entry(history, codeowners, expected):
    (history / ".github").mkdir()
    (history / ".github" / "CODEOWNERS").write_text(codeowners)
    by_id = {entry["id"]: entry for entry in json.loads(stale(history, "--format", "json")[1])["sops"]}
    assert by_id["short-interval"]["owner"] == expected
    assert by_id["old"]["owner"] == "@finance"  # its own owner field wins


def chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(chromium() is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_the_html_page_renders_its_chart_and_rows_in_a_real_browser(history, tmp_path):
    """The page is loaded by headless Chromium with a measuring script added to a copy;
    the rendered sizes come back through the page title in the dumped DOM."""
    import re
    import subprocess

    code, page, _ = stale(history, "--format", "html")
    assert code == 0
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")  # no external asset
    probe = (
        "<script>document.title = JSON.stringify({"
        "bars: [...document.querySelectorAll('svg rect.bar')].map(r => [Number(r.dataset.count), r.getBoundingClientRect().height]),"
        "rows: [...document.querySelectorAll('tbody tr')].filter(r => r.getBoundingClientRect().height > 0).length,"
        "chart: document.querySelector('svg.chart').getBoundingClientRect().width,"
        "page: document.documentElement.scrollWidth, window: window.innerWidth});</script>"
    )
    copy = tmp_path / "report.html"
    copy.write_text(page.replace("</body>", probe + "</body>"))
    result = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", copy.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )
    measured = json.loads(re.search(r"<title>(.*?)</title>", result.stdout, re.S).group(1).replace("&quot;", '"'))
    assert measured["rows"] == 11
    assert measured["chart"] > 300
    assert sum(count for count, _ in measured["bars"]) == 11
    assert all((height > 0) == (count > 0) for count, height in measured["bars"])
    # A narrow window (headless Chromium makes it at least 500 pixels wide, under the
    # chart's 620): the chart shrinks to fit and the page does not scroll sideways.
    narrow = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--window-size=360,800",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
         copy.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )
    small = json.loads(re.search(r"<title>(.*?)</title>", narrow.stdout, re.S).group(1).replace("&quot;", '"'))
    assert small["window"] < 620 and small["chart"] <= small["window"] and small["page"] <= small["window"]


def test_a_codeowners_star_covers_only_its_own_folder(history):
    (history / "CODEOWNERS").write_text("sops/* @top\nsops/finance/ @money\n")
    by_id = {entry["id"]: entry for entry in json.loads(stale(history, "--format", "json")[1])["sops"]}
    assert by_id["short-interval"]["owner"] == "@top"
    assert by_id["by-glob"]["owner"] == "@money"  # in sops/finance/, not matched by sops/*


def test_commits_git_accepts_never_stop_the_report_in_any_format(history):
    """Issue 12, item 4: every field of a commit is read defensively; what cannot be is one note."""
    repo = GitRepo(history)  # initialising again keeps the history
    old = sop("old", 'owner: "@finance"\n')
    # 2025-11-24T16:00Z, written with an offset git prints as +25:00, by an author whose name is not UTF-8
    repo.craft(author="Ad\udcff\x1e\x1f <ada@example.com> 1764000000 +2500", files={"sops/old.yaml": old + "# seen\n"})
    beyond = repo.craft(author="Ada <ada@example.com> 253402300800 +0000", message="x\n\nSOP-Reviewed: old\x1f\n")
    repo.git("fsck", "--strict")
    note = (
        f"sop-lint: note: 1 commit in git history cannot be read ({beyond[:10]}: its date is after the year 9999), "
        "so it counts as neither a change nor a review\n"
    )
    for output_format in ("text", "markdown", "json", "csv", "html"):
        code, out, err = stale(history, "--format", output_format)
        assert (code, err) == (0, note), output_format
        assert "Ad\ufffd" in out, output_format
    by_id = {entry["id"]: entry for entry in json.loads(stale(history, "--format", "json")[1])["sops"]}
    assert (by_id["old"]["last_change"], by_id["old"]["reviewed_at"]) == ("2025-11-24T16:00:00Z", "2025-11-24T16:00:00Z")
    assert by_id["old"]["author"] == "Ad\ufffd\x1e\x1f"


def test_a_sha256_repository_has_the_same_history_as_a_sha1_one(tmp_path):
    """Issue 12, item 8: blob ids are hashed in the repository's object format, so a
    committed SOP is not "uncommitted", and H001 fires as in any repository."""
    results = []
    for object_format in ("sha1", "sha256"):
        repo = GitRepo(tmp_path / object_format, object_format=object_format)
        repo.commit("2025-11-01T09:00:00+00:00", {"processes/promote-new-video.yaml": PROCESS, "sops/old.yaml": sop("old")})
        repo.write({"sops/new.yaml": sop("new")})
        code, out, err = stale(repo.path, "--format", "json", "--no-cache")
        assert (code, err) == (0, ""), object_format
        statuses = {entry["id"]: (entry["status"], entry["last_change"]) for entry in json.loads(out)["sops"]}
        checked = run_cli("check", repo.path, "--now", NOW, "--select", "H", "--format", "json", "--no-cache")
        results.append((statuses, [(f["path"], f["code"]) for f in json.loads(checked[1])["findings"]]))
    assert results[1] == results[0] == (
        {"old": ("stale", "2025-11-01T09:00:00Z"), "new": ("uncommitted", None)},
        [("sops/old.yaml", "H001")],
    )


def test_an_sop_in_a_submodule_has_the_submodules_history(tmp_path):
    """Issue 12, item 10: a submodule is a repository of its own, with its own history: its
    SOPs are judged by it (the last change, SOP-Reviewed trailers), never "uncommitted"."""
    shared = GitRepo(tmp_path / "shared")
    shared.commit("2025-11-01T09:00:00+00:00", {"old.yaml": sop("old"), "reviewed.yaml": sop("reviewed")})
    shared.commit("2026-11-10T09:00:00+00:00", None, "Reviewed", "SOP-Reviewed: reviewed")
    repo = GitRepo(tmp_path / "ops")
    repo.write({"processes/promote-new-video.yaml": PROCESS, "sops/schedule-post.yaml": SCHEDULE_SOP})
    repo.add_submodule(shared, "sops/shared")
    repo.commit("2026-11-20T09:00:00+00:00", None, "Add the shared SOPs")
    repo.write({"sops/shared/edited.yaml": sop("edited")})
    code, out, err = stale(repo.path, "--format", "json")
    assert (code, err) == (0, "")
    statuses = {entry["id"]: (entry["status"], entry["last_change"], entry["path"]) for entry in json.loads(out)["sops"]}
    assert statuses == {
        "old": ("stale", "2025-11-01T09:00:00Z", "sops/shared/old.yaml"),
        "reviewed": ("fresh", "2025-11-01T09:00:00Z", "sops/shared/reviewed.yaml"),
        "edited": ("uncommitted", None, "sops/shared/edited.yaml"),
        "schedule-post": ("fresh", "2026-11-20T09:00:00Z", "sops/schedule-post.yaml"),
    }
    assert stale(repo.path, "--format", "json")[1] == out  # and again, from the stored snapshots


def test_a_nested_git_leading_nowhere_leaves_its_files_uncommitted(tmp_path):
    """A folder whose `.git` names a missing repository has no history of its own: its
    SOPs are uncommitted to the outer repository, and the rest of the run is unchanged
    (nothing is created where that `.git` points)."""
    repo = GitRepo(tmp_path / "ops")
    repo.commit("2026-11-20T09:00:00+00:00", {"processes/promote-new-video.yaml": PROCESS, "sops/schedule-post.yaml": SCHEDULE_SOP})
    repo.write({"sops/odd/.git": "gitdir: ../../../nowhere\n", "sops/odd/draft.yaml": sop("draft")})
    code, out, err = stale(repo.path, "--format", "json")
    assert (code, err) == (0, "")
    statuses = {entry["id"]: entry["status"] for entry in json.loads(out)["sops"]}
    assert statuses == {"draft": "uncommitted", "schedule-post": "fresh"}
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("/[z-a]", "the range `z-a` in `[z-a]` runs backwards: write `a-z`"),  # `[z-a]` alone is a GitLab section
        ("sops/[b-a]*.yaml", "the range `b-a` in `[b-a]` runs backwards: write `a-b`"),
    ],
)
def test_a_codeowners_line_that_cannot_be_read_is_skipped_with_a_note(history, pattern, why):
    """Issue 12, item 15: it crashed `stale`; GitHub skips such a line and so does sop-lint."""
    (history / ".github").mkdir()
    (history / ".github" / "CODEOWNERS").write_text(f"* @everyone\n# a comment\n{pattern} @nobody\nsops/old.yaml @old-owners\n")
    code, out, err = stale(history, "--format", "json")
    assert code == 0
    assert err == f"sop-lint: note: .github/CODEOWNERS line 3 is skipped: its pattern cannot be read ({why})\n"
    by_id = {entry["id"]: entry for entry in json.loads(out)["sops"]}
    assert by_id["short-interval"]["owner"] == "@everyone"  # the lines before and after still count


@pytest.mark.parametrize("pattern", ["[", "sops/[", "[]", "sops/[[]*", "[!]", "sops/[[:alpha:]]*", "**/[a-]*"])
def test_brackets_that_are_not_a_range_are_read_without_notes_or_warnings(history, pattern, recwarn):
    (history / "CODEOWNERS").write_text(f"* @everyone\n{pattern} @odd\n")
    code, _, err = stale(history, "--format", "json")
    assert (code, err) == (0, "")
    assert not [warning for warning in recwarn if issubclass(warning.category, FutureWarning)]


def test_the_markdown_report_shows_a_title_with_a_placeholder_as_written(tmp_path):
    """The action puts this report in an issue: GitHub reads `<vendor>` as an HTML tag and
    drops it, as it did in the PR comment (issue 14, item 1)."""
    from tests.test_diff_comment import shown

    repo = GitRepo(tmp_path / "ops")
    title = SCHEDULE_SOP.replace("title: Schedule the promotional post", "title: Pay <vendor> & file it")
    repo.commit("2025-11-01T09:00:00+00:00", {"processes/promote-new-video.yaml": PROCESS, "sops/draft-post-copy.md": DRAFT_SOP,
                                              "sops/schedule-post.yaml": title}, "Write the SOPs")
    assert "schedule-post: Pay <vendor> & file it" in shown(stale(repo.path, "--format", "markdown")[1])
