"""Configuration: discovery of the file, validation with a clear error, and every setting."""

import pytest

from tests.conftest import findings, messages, run_cli
from tests.repos import DRAFT_SOP, PROCESS, SCHEDULE_SOP, edit, valid_repo

P, D, S = "processes/promote-new-video.yaml", "sops/draft-post-copy.md", "sops/schedule-post.yaml"
BAD_TONE = {S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")}


@pytest.mark.parametrize("name", ["sop-lint.yaml", ".sop-lint.yaml", "sop-lint.yml", ".sop-lint.yml"])
def test_yaml_config_files_are_found(repo, name):
    root = repo(valid_repo({**BAD_TONE, name: "ignore: [C002]\n"}))
    assert findings(root) == []


def test_pyproject_table_is_found(repo):
    root = repo(valid_repo({**BAD_TONE, "pyproject.toml": '[project]\nname = "ops"\n\n[tool.sop-lint]\nignore = ["C"]\n'}))
    assert findings(root) == []


@pytest.mark.parametrize("content", ['[project]\nname = "ops"\n', "[project\nbroken = \n"])
def test_a_pyproject_without_the_table_is_none_of_our_business(repo, content):
    root = repo(valid_repo({**BAD_TONE, "pyproject.toml": content}))
    assert findings(root) == [(S, 7, 7, "C002")]


# What follows `sop-lint: error: `; the configuration file is named by its full path.
@pytest.mark.parametrize(
    ("config", "error"),
    [
        ("ignor: [C002]\n", "sop-lint.yaml:1:1: unknown key `ignor`: did you mean `ignore`?"),
        ("fail-on: fatal\n", "sop-lint.yaml:1:10: `fail-on` must be one of `error`, `warning`, `info`, not `fatal`"),
        (
            "review-every: 6 months\n",
            (
                "sop-lint.yaml:1:15: `review-every` is `6 months`: write `6m` (a number and d, w, m or y: days, weeks, "
                "months of 30 days, years)"
            ),
        ),
        ("ignore: [Z999]\n", "unknown rule code `Z999` in sop-lint.yaml: `sop-lint rules` lists them"),
        ("severity: {Q001: error}\n", "unknown rule code `Q001` in sop-lint.yaml: `sop-lint rules` lists them"),
        (
            "ignore: [C002\n",
            (
                "sop-lint.yaml:2:1: YAML syntax error: expected ',' or ']', but got '<stream end>': a `[` or `{` is opened and "
                "never closed, or a value inside it needs quotes"
            ),
        ),
        ("select: []\n", "sop-lint.yaml:1:9: `select` is an empty list"),
        (
            "ignore: [c002]\n",
            (
                "sop-lint.yaml:1:10: item 1 of `ignore` has a value that is not in the expected form: `c002` (a rule code in "
                "capitals like `C002`, a prefix like `C`, or `ALL`)"
            ),
        ),
        (
            "review-every: 90\n",
            (
                "sop-lint.yaml:1:15: `review-every` should be text, not the number `90` (how often an SOP should be reviewed "
                "when it does not say itself: a number and a unit, like `90d`, `6w`, `6m` or `1y`)"
            ),
        ),
        (
            'exclude: ["[z-a]"]\n',
            "sop-lint.yaml:1:11: `exclude` has a glob pattern that is not valid: `[z-a]` (the range `z-a` in `[z-a]` runs backwards: write `a-z`)",
        ),
        (
            "per-file-ignores:\n  'sops/[z-a]*': [C002]\n",
            (
                "sop-lint.yaml:2:3: `per-file-ignores` has a glob pattern that is not valid: `sops/[z-a]*` "
                "(the range `z-a` in `[z-a]` runs backwards: write `a-z`)"
            ),
        ),
    ],
)
def test_a_bad_config_is_one_line_naming_the_problem_and_exit_2(repo, config, error):
    root = repo(valid_repo({"sop-lint.yaml": config}))
    code, out, err = run_cli("check", root)
    assert (code, out) == (2, "")
    assert err == f"sop-lint: error: {error.replace('sop-lint.yaml', str(root / 'sop-lint.yaml'), 1)}\n"


def test_two_config_files_are_an_error(repo):
    root = repo(valid_repo({"sop-lint.yaml": "", ".sop-lint.yaml": ""}))
    code, _, err = run_cli("check", root)
    assert (code, err) == (2, f"sop-lint: error: both sop-lint.yaml and .sop-lint.yaml exist in {root}: keep one configuration file\n")


def test_an_explicit_config_file_wins(repo, tmp_path):
    root = repo(valid_repo(BAD_TONE))
    other = tmp_path / "strict.yaml"
    other.write_text("ignore: [C]\n")
    assert findings(root, "--config", other) == []


def test_discovery_globs_and_exclude(repo):
    files = {
        "flows/promote-new-video.yml": PROCESS,
        "docs/draft-post-copy.md": DRAFT_SOP,
        "docs/schedule-post.yaml": SCHEDULE_SOP,
        "docs/drafts/half-done.md": "not an SOP yet\n",
        "sop-lint.yaml": "processes: ['flows/**/*.yml']\nsops: ['docs/**/*.md', 'docs/*.yaml']\nexclude: ['docs/drafts/**']\n",
    }
    code, out, _ = run_cli("check", repo(files))
    assert (code, out.strip()) == (0, "All checks passed (3 files checked).")


def test_select_ignore_severity_and_fail_on(repo):
    root = repo(valid_repo({**BAD_TONE, P: edit(PROCESS, "title:", "x-a: 1\ntitle:")}))
    assert [c for *_, c in findings(root, "--select", "R,C")] == ["C002"]
    assert findings(root, "--ignore", "C002") == []
    (root / "sop-lint.yaml").write_text("severity: {C002: warning}\n")
    assert run_cli("check", root)[0] == 0  # a warning is below the default fail level
    assert run_cli("check", root, "--fail-on", "warning")[0] == 1
    (root / "sop-lint.yaml").write_text("severity: {C002: warning}\nfail-on: warning\n")
    assert run_cli("check", root)[0] == 1


def test_command_line_select_replaces_and_ignore_adds_to_the_config(repo):
    root = repo(valid_repo({**BAD_TONE, "sop-lint.yaml": "ignore: [C002]\n", S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD\nid: again")}))
    assert [c for *_, c in findings(root)] == ["Y002"]
    assert [c for *_, c in findings(root, "--select", "C")] == ["C002"]
    assert findings(root, "--ignore", "Y") == []


def test_per_file_ignores(repo):
    root = repo(valid_repo({**BAD_TONE, "sop-lint.yaml": "per-file-ignores:\n  'sops/*.yaml': [C002]\n"}))
    assert findings(root) == []


def test_folder_links_inside_the_root_are_followed_once_and_links_out_are_not(repo, tmp_path):
    root = repo(valid_repo({"shared/draft-post-copy.md": DRAFT_SOP, "sops/draft-post-copy.md": None}))
    (root / "sops" / "shared").symlink_to(root / "shared", target_is_directory=True)
    (root / "sops" / "loop").symlink_to(root / "sops", target_is_directory=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "stray.md").write_text(DRAFT_SOP.replace("id: draft-post-copy", "id: stray"))
    (root / "sops" / "elsewhere").symlink_to(outside, target_is_directory=True)
    assert messages(root) == [
        (f"Y006 this is a link to `{outside}`, outside the SOP root, and sop-lint does not follow it: "
        "move or copy what it points to into the SOP root, or `exclude` the link")
    ]
    assert findings(root) == [("sops/elsewhere", 1, 1, "Y006")]


def test_a_config_edited_while_check_reads_it_is_judged_by_the_bytes_read(repo, monkeypatch):
    """Issue 12, item 12: the "valid" marker was keyed by one read of the file and the
    validation made on another; an edit in between marked the invalid content valid, and
    it was never validated again (an internal error on every later run)."""
    from sop_lint.config import loading

    root = repo(valid_repo({"sop-lint.yaml": "ignore: 5\n"}))
    real = loading.read_bounded

    def read_then_edit(path, max_bytes):
        content = real(path, max_bytes)
        if path.endswith("sop-lint.yaml"):
            (root / "sop-lint.yaml").write_text("ignore: [C002]\n")  # an editor saves while check reads
        return content

    error = f"sop-lint: error: {root / 'sop-lint.yaml'}:1:9: `ignore` should be a list, not the number `5`"
    monkeypatch.setattr(loading, "read_bounded", read_then_edit)
    code, _, err = run_cli("check", root)
    assert (code, err.split(" (")[0]) == (2, error)  # the bytes read were invalid, and are judged so
    monkeypatch.undo()
    assert run_cli("check", root)[0] == 0  # the edit, valid
    (root / "sop-lint.yaml").write_text("ignore: 5\n")
    code, _, err = run_cli("check", root)
    assert (code, err.split(" (")[0]) == (2, error)  # never remembered as valid
