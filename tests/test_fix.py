"""`check --fix` and `check --diff`: fixes made by position, every other byte kept.

Each fix is shown before and after, byte for byte, in the layouts people's editors save:
LF and CR LF line ends, a UTF-8 byte order mark, UTF-16, comments and quotes.
"""

from __future__ import annotations

import codecs
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sop_lint.engine.fixing import _fixed
from sop_lint.findings import Edit, Fix, Position, Safety
from tests.conftest import NEEDS_UNSHARE, SAMPLE_REPO, run_cli, sop_lint_under_bind_mount, usage_error
from tests.gitrepo import GitRepo
from tests.repos import PROCESS, valid_repo

MISNUMBERED = PROCESS.replace("name: Draft", "name: 1. Draft").replace("name: Schedule", "name: 3. Schedule")
RENUMBERED = PROCESS.replace("name: Draft", "name: 1. Draft").replace("name: Schedule", "name: 2. Schedule")
PROCESS_PATH = "processes/promote-new-video.yaml"


def fixed(root: Path, raw: bytes, *args: str) -> tuple[bytes, int, str, str]:
    """The process file after `check --fix` on a repository holding `raw` as it."""
    (root / PROCESS_PATH).write_bytes(raw)
    code, out, err = run_cli("check", root, "--fix", *args)
    return (root / PROCESS_PATH).read_bytes(), code, out, err


@pytest.fixture
def sops(repo) -> Path:
    return repo(valid_repo())


def test_renumbering_keeps_every_other_byte(sops):
    after, code, out, err = fixed(sops, MISNUMBERED.encode())
    assert after == RENUMBERED.encode()
    assert (code, out) == (0, "All checks passed (3 files checked).\n")
    assert "sop-lint: Fixed 1 finding in 1 file." in err


@pytest.mark.parametrize(
    ("layout", "encode"),
    [
        ("crlf", lambda text: text.replace("\n", "\r\n").encode()),
        ("utf-8 byte order mark", lambda text: codecs.BOM_UTF8 + text.encode()),
        ("utf-16", lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
        ("no final newline", lambda text: text.rstrip("\n").encode()),
        ("cr alone", lambda text: text.replace("\n", "\r").encode()),
    ],
)
def test_line_ends_and_encodings_are_kept(sops, layout, encode):
    after, code, _, err = fixed(sops, encode(MISNUMBERED))
    assert after == encode(RENUMBERED), layout
    assert code == 0, err


def test_comments_quotes_and_every_numbering_style_are_kept(sops):
    before = PROCESS.replace(
        "  - name: Draft social post copy\n", '  - name: "1. Draft social post copy"   # keep me\n'
    ).replace("  - name: Schedule post\n", "  # between\n  - name: 'Step 5: Schedule post'\n")
    after, code, _, err = fixed(sops, before.encode())
    assert after == before.replace("Step 5:", "Step 2:").encode()
    assert code == 0, err


def test_order_values_are_renumbered(sops):
    before = PROCESS.replace("    sop: draft-post-copy\n", "    sop: draft-post-copy\n    order: 2\n").replace(
        "    sop: schedule-post\n", "    sop: schedule-post\n    order: 1 # was first\n"
    )
    after, code, _, err = fixed(sops, before.encode())
    assert after == before.replace("order: 2", "order: 1").replace("order: 1 #", "order: 2 #").encode()
    assert code == 0, err


def test_a_value_spelt_with_escapes_is_left_for_the_author(sops):
    """`"3. Sched\\u0075le"` is not written as its value: no edit is offered, nothing is guessed."""
    before = MISNUMBERED.replace("name: 3. Schedule post", 'name: "3. Sched\\u0075le post"')
    after, code, out, err = fixed(sops, before.encode())
    assert after == before.encode()
    assert code == 1 and "P004" in out
    assert "sop-lint: Nothing to fix." in err


def test_a_second_fix_changes_nothing(sops):
    fixed(sops, MISNUMBERED.encode())
    after, _code, _, err = fixed(sops, (sops / PROCESS_PATH).read_bytes())
    assert after == RENUMBERED.encode()
    assert "Nothing to fix." in err


def test_the_fix_is_offered_from_the_cache_too(sops):
    """A warm run does not parse the file again: the fix is kept in the cache with its finding."""
    (sops / PROCESS_PATH).write_text(MISNUMBERED)
    assert run_cli("check", sops)[0] == 1  # the cache now holds the finding
    code, out, _ = run_cli("check", sops, "--diff")
    assert code == 1
    assert "-  - name: 3. Schedule post\n+  - name: 2. Schedule post\n" in out


def test_fix_is_limited_to_the_files_given(sops):
    other = MISNUMBERED.replace("id: promote-new-video", "id: other")
    (sops / "processes/other.yaml").write_text(other)
    after, code, out, _ = fixed(sops, MISNUMBERED.encode(), str(sops / PROCESS_PATH))
    assert after == RENUMBERED.encode()
    assert (sops / "processes/other.yaml").read_text() == other
    assert code == 0 and "other.yaml" not in out


def test_diff_writes_nothing_and_git_apply_takes_it(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.commit("2026-01-05T09:00:00+00:00", valid_repo({PROCESS_PATH: MISNUMBERED.replace("\n", "\r\n")}), "start")
    # A real pipe: click's test runner reads CR LF back as LF.
    shown = subprocess.run([sys.executable, "-m", "sop_lint", "check", "--diff"], cwd=repo.path, capture_output=True)
    assert shown.returncode == 1, shown.stderr
    assert shown.stdout.startswith(f"--- a/{PROCESS_PATH}\n+++ b/{PROCESS_PATH}\n@@ ".encode())
    assert b"Would fix 1 finding in 1 file." in shown.stderr
    assert repo.git("status", "--porcelain") == ""
    subprocess.run(["git", "apply", "-"], input=shown.stdout, cwd=repo.path, check=True)
    assert (repo.path / PROCESS_PATH).read_bytes() == RENUMBERED.replace("\n", "\r\n").encode()


def test_diff_of_a_file_with_a_byte_order_mark_near_its_top_is_taken_by_git_apply(tmp_path):
    """The diff's first line keeps the file's UTF-8 byte order mark: without it, a hunk
    from line 1 does not match the file and `git apply` rejects the whole patch."""
    typo = PROCESS.replace("title:", "titel:")
    repo = GitRepo(tmp_path / "repo")
    repo.commit("2026-01-05T09:00:00+00:00", valid_repo({PROCESS_PATH: (codecs.BOM_UTF8 + typo.encode()).decode()}), "start")
    shown = subprocess.run([sys.executable, "-m", "sop_lint", "check", "--diff"], cwd=repo.path, capture_output=True)
    assert shown.returncode == 1, shown.stderr
    subprocess.run(["git", "apply", "-"], input=shown.stdout, cwd=repo.path, check=True)
    assert (repo.path / PROCESS_PATH).read_bytes() == codecs.BOM_UTF8 + PROCESS.encode()


def test_diff_with_nothing_to_fix_exits_0(sops):
    assert run_cli("check", sops, "--diff") == (0, "", "sop-lint: Nothing to fix.\n")


def test_fix_leaves_the_sample_repository_as_it_is(tmp_path):
    copy = tmp_path / "sample"
    shutil.copytree(SAMPLE_REPO, copy)
    before = {path: path.read_bytes() for path in copy.rglob("*") if path.is_file()}
    code, _, err = run_cli("check", copy, "--fix", "--unsafe-fixes")
    assert code == 0, err
    assert {path: path.read_bytes() for path in copy.rglob("*") if path.is_file()} == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fix", "--staged"], "--fix and --diff do not work with --staged: they would change the work tree behind the index"),
        (["--diff", "--staged"], "--fix and --diff do not work with --staged: they would change the work tree behind the index"),
        (["--unsafe-fixes"], "--unsafe-fixes goes with --fix or --diff"),
        (["--fix", "--baseline", "b.json", "--write-baseline"], "--fix and --diff do not work with --write-baseline: fix first, then write the baseline"),
    ],
)
def test_options_that_do_not_go_together_are_one_line(sops, args, message):
    code, out, err = run_cli("check", sops, *args)
    assert (code, out) == (2, "")
    assert usage_error(err) == message


def test_a_fix_that_would_change_other_data_is_not_made():
    """The guard: a fix whose edits do not give the data it promises is refused, whatever
    rule offers it (here one that claims to rename a step but edits its SOP reference)."""
    raw = PROCESS.encode()
    lying = Fix("rename the step", Safety.SAFE, (Edit(Position(9, 10), "draft", "drift"),), ((("steps", 0, "name"), "Drift"),))
    assert _fixed(PROCESS_PATH, raw, [lying]) is None
    honest = Fix("rename the step", Safety.SAFE, (Edit(Position(8, 11), "Draft", "Drift"),), ((("steps", 0, "name"), "Drift social post copy"),))
    assert _fixed(PROCESS_PATH, raw, [honest]) == (raw.replace(b"Draft social", b"Drift social"), [honest])


def test_an_edit_that_does_not_find_its_text_is_not_made():
    stale = Fix("renumber", Safety.SAFE, (Edit(Position(8, 11), "3", "2"),), ((("steps", 0, "name"), "2raft social post copy"),))
    assert _fixed(PROCESS_PATH, PROCESS.encode(), [stale]) is None


def test_a_file_saved_while_the_fixes_are_made_is_not_overwritten(sops, monkeypatch):
    """An editor saves the file after sop-lint read it and before it writes: the fix,
    made on the old text, would throw the user's edit away. Nothing is written."""
    import sop_lint.commands.fix

    saved = MISNUMBERED.replace("title: Promote", "title: Now promote")
    real = sop_lint.commands.fix.fix_files

    def fix_then_save(*args, **kwargs):
        run = real(*args, **kwargs)
        (sops / PROCESS_PATH).write_text(saved)
        return run

    monkeypatch.setattr(sop_lint.commands.fix, "fix_files", fix_then_save)
    after, code, out, err = fixed(sops, MISNUMBERED.encode())
    assert after == saved.encode()
    assert code == 2 and out == ""
    assert err.endswith(
        f"sop-lint: error: cannot write {PROCESS_PATH}: it changed while sop-lint was editing it (run the command again); no file was changed\n"
    )
    assert sorted(path.name for path in (sops / "processes").iterdir()) == ["promote-new-video.yaml"]


@NEEDS_UNSHARE
def test_a_file_that_cannot_be_written_changes_nothing(sops):
    """Every file or none: one fixable file sits on a read-only bind mount (in a mount
    namespace of its own: chmod would not stop root), the other does not."""
    other = MISNUMBERED.replace("id: promote-new-video", "id: other")
    (sops / "sops/more").mkdir()
    (sops / "sops/more/other.yaml").write_text(other)
    (sops / PROCESS_PATH).write_text(MISNUMBERED)
    locked = sops / "sops/more"  # written after processes/: its temporary file must go too
    result = sop_lint_under_bind_mount(locked, "check", sops, "--fix")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("sop-lint: error: cannot write ")
    assert result.stderr.endswith(": Read-only file system; no file was changed\n")
    assert (sops / PROCESS_PATH).read_text() == MISNUMBERED
    assert (sops / "sops/more/other.yaml").read_text() == other
    assert not list(sops.rglob(".sop-lint-*"))


SOP_PATH = "sops/schedule-post.yaml"
MD_PATH = "sops/draft-post-copy.md"
SOP = valid_repo()[SOP_PATH]
MD = valid_repo()[MD_PATH]

# (what, file, before, after): each safe fix, byte for byte.
SAFE_FIXES = [
    ("required key misspelt", SOP_PATH, SOP.replace("account:", "acount:"), SOP),
    ("optional key misspelt", SOP_PATH, SOP + "tgas: [social]  # ok\n", SOP + "tags: [social]  # ok\n"),
    ("slashed date", SOP_PATH, SOP + "last_reviewed: 2026/03/12\n", SOP + "last_reviewed: 2026-03-12\n"),
    ("spelt date, quoted", SOP_PATH, SOP + "last_reviewed: 'March 12, 2026' # spring\n", SOP + "last_reviewed: '2026-03-12' # spring\n"),
    ("day-first date", SOP_PATH, SOP + "last_reviewed: 25/12/2025\n", SOP + "last_reviewed: 2025-12-25\n"),
    ("spelt duration", SOP_PATH, SOP + "review_every: 3 months\n", SOP + "review_every: 3m\n"),
    (
        "value holding ': '",
        SOP_PATH,
        SOP.replace("format: Image 1200x675 PNG", "format: Size: 1200x675 PNG   # from the brand kit"),
        SOP.replace("format: Image 1200x675 PNG", 'format: "Size: 1200x675 PNG"   # from the brand kit'),
    ),
    (
        "list item value holding ': '",
        PROCESS_PATH,
        PROCESS.replace("name: Schedule post", "name: Schedule: the post"),
        PROCESS.replace("name: Schedule post", 'name: "Schedule: the post"'),
    ),
    (
        "tabs in indentation",
        PROCESS_PATH,
        PROCESS.replace("  - name: Draft social post copy\n    sop:", "\t- name: Draft social post copy\n\t  sop:"),
        PROCESS,
    ),
    ("repeated key, same value", SOP_PATH, SOP.replace("tone:", "tool: Buffer  # twice\ntone:"), SOP),
    (
        "repeated block list, same value",
        SOP_PATH,
        SOP + "tags:\n  - social\ntags: [social]\n",
        SOP + "tags:\n  - social\n",
    ),
    ("blank lines above the front matter", MD_PATH, "\n \n" + MD, MD),
]


@pytest.mark.parametrize(("what", "path", "before", "after"), SAFE_FIXES, ids=[case[0] for case in SAFE_FIXES])
@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_each_safe_fix_byte_for_byte(sops, what, path, before, after, line_end):
    (sops / path).write_bytes(codecs.BOM_UTF8 + before.replace("\n", line_end).encode())
    code, out, err = run_cli("check", sops, "--fix")
    assert (sops / path).read_bytes() == codecs.BOM_UTF8 + after.replace("\n", line_end).encode(), what
    assert (code, out) == (0, "All checks passed (3 files checked).\n"), err
    assert run_cli("check", sops, "--diff")[1] == ""  # a second --fix would change nothing


LEFT_ALONE = [
    ("misspelt key near two keys", SOP_PATH, SOP + "tole: x\n"),  # tool or tone?
    ("date that is two days", SOP_PATH, SOP + "last_reviewed: 03/04/2026\n"),
    ("no such day", SOP_PATH, SOP + "last_reviewed: Feb 30, 2026\n"),
    ("repeated key, other value", SOP_PATH, SOP.replace("tone:", "tool: Hootsuite\ntone:")),
    ("repeated key on a list item's line", PROCESS_PATH, PROCESS.replace("    sop: schedule-post\n", "    sop: schedule-post\n  - {name: a, name: a, sop: schedule-post}\n")),
    # At 2 columns a tab nests `x-c` in `x-b`; at 4 or 8 they are siblings.
    ("tabs that read two ways", SOP_PATH, SOP + "x-a:\n\tx-b:\n  \tx-c: 1\n"),
    # A tab no indentation fix reaches: trying one must not try again on its own result.
    ("a tab after a dash too", SOP_PATH, SOP + "x-a:\n\t- b\n\t-\tc: 1\n"),
    # `0m` breaks the schema too: the fix made it, then offered `0m` for `0m` and said it could not.
    ("no interval at all", SOP_PATH, SOP + "review_every: 0 months\n"),
]


@pytest.mark.parametrize(("what", "path", "before"), LEFT_ALONE, ids=[case[0] for case in LEFT_ALONE])
def test_what_is_not_certain_is_left_alone(sops, what, path, before):
    (sops / path).write_text(before)
    code, out, err = run_cli("check", sops, "--fix")
    assert (sops / path).read_text() == before, what
    assert code == 1 and out, err
    assert "Nothing to fix." in err
    assert "could not make its fix" not in out


def test_fixes_of_several_rules_in_one_file_are_made_together(sops):
    before = SOP.replace("account:", "acount:").replace("format: Image 1200x675 PNG", "format: Size: 1200x675 PNG")
    (sops / SOP_PATH).write_text(before + "review_every: 2 weeks\nlast_reviewed: 2026/01/02\n")
    code, _, err = run_cli("check", sops, "--fix")
    expected = SOP.replace("format: Image 1200x675 PNG", 'format: "Size: 1200x675 PNG"') + "review_every: 2w\nlast_reviewed: 2026-01-02\n"
    assert (sops / SOP_PATH).read_text() == expected
    assert code == 0 and "Fixed 4 findings in 1 file." in err


def test_pointing_a_step_at_the_near_id_is_unsafe(sops):
    before = PROCESS.replace("sop: schedule-post", "sop: schedul-post # typo").replace("sop: draft-post-copy", "sop: 'draft-post-cpy'")
    (sops / PROCESS_PATH).write_text(before)
    code, out, err = run_cli("check", sops, "--fix")
    assert (sops / PROCESS_PATH).read_text() == before
    assert code == 1 and out.count("R001") == 2
    assert "sop-lint: 2 more fixable with --unsafe-fixes (it may change what a file means: read the diff first)." in err
    code, out, err = run_cli("check", sops, "--fix", "--unsafe-fixes")
    assert (sops / PROCESS_PATH).read_text() == PROCESS.replace("sop: schedule-post", "sop: schedule-post # typo").replace(
        "sop: draft-post-copy", "sop: 'draft-post-copy'"
    )
    assert (code, out) == (0, "All checks passed (3 files checked).\n"), err


def test_quoting_a_value_that_a_hash_may_belong_to_is_unsafe(sops):
    """`Size: 1200x675 #2 of the kit`: YAML reads ` #2 of the kit` as a comment, but its
    author may have meant it as text. Quoting the rest keeps YAML's reading, so it is
    offered, as unsafe: a comment written as one (`  # ...`) keeps the fix safe."""
    before = SOP.replace("format: Image 1200x675 PNG", "format: Size: 1200x675 #2 of the kit")
    (sops / SOP_PATH).write_text(before)
    code, out, err = run_cli("check", sops, "--fix")
    assert (sops / SOP_PATH).read_text() == before
    assert code == 1 and "Y001" in out
    assert "1 more fixable with --unsafe-fixes" in err
    code, out, err = run_cli("check", sops, "--fix", "--unsafe-fixes")
    assert (sops / SOP_PATH).read_text() == SOP.replace("format: Image 1200x675 PNG", 'format: "Size: 1200x675" #2 of the kit')
    assert (code, out) == (0, "All checks passed (3 files checked).\n"), err


def test_a_step_near_two_ids_is_left_alone(sops):
    (sops / "sops/schedule-posts.yaml").write_text(SOP.replace("id: schedule-post", "id: schedule-posts"))
    before = PROCESS.replace("sop: schedule-post", "sop: schedule-postz")
    (sops / PROCESS_PATH).write_text(before)
    code, _, err = run_cli("check", sops, "--fix", "--unsafe-fixes")
    assert (sops / PROCESS_PATH).read_text() == before
    assert code == 1 and "Nothing to fix." in err


def test_an_id_no_step_uses_takes_its_file_name_unsafely(sops):
    (sops / "sops/brief-designer.yaml").write_text(SOP.replace("id: schedule-post", "id: designer-brief"))
    (sops / "sops/used.yaml").write_text(SOP.replace("id: schedule-post", "id: used-elsewhere"))
    (sops / PROCESS_PATH).write_text(PROCESS + "  - name: Use it\n    sop: used-elsewhere\n")
    _, out, err = run_cli("check", sops, "--fix", "--unsafe-fixes")
    assert (sops / "sops/brief-designer.yaml").read_text() == SOP.replace("id: schedule-post", "id: brief-designer")
    assert (sops / "sops/used.yaml").read_text() == SOP.replace("id: schedule-post", "id: used-elsewhere")  # steps use it: rename's job
    assert [line.split(": ")[1].split()[0] for line in out.splitlines()[:-1]] == ["R004", "R003"]  # brief-designer: unused, not mismatched
    assert "Fixed 1 finding in 1 file." in err


STEPS_AS_MAPPING = PROCESS.replace(
    "  - name: Draft social post copy\n    sop: draft-post-copy\n  - name: Schedule post\n    sop: schedule-post\n",
    "  Draft social post copy: draft-post-copy   # first\n  Schedule post: schedule-post\n",
)
STEPS_ON_ONE_LINE = PROCESS.replace("  - name: Draft social post copy\n    sop: draft-post-copy\n", "  - Draft social post copy: draft-post-copy\n")


@pytest.mark.parametrize(
    "process",
    [STEPS_AS_MAPPING, PROCESS.replace("  - name: Schedule post\n    sop: schedule-post\n", "  - Schedule post: schedule-post\n")],
    ids=["steps as a mapping", "a step on one line"],
)
def test_an_id_a_process_may_use_unseen_keeps_its_name(sops, process):
    """Steps written as a mapping, or a step on one line, name SOPs where no step use is
    seen: the id fix, made in the same run as the steps fix, left the step naming an SOP
    that no longer existed."""
    (sops / "sops/scheduling.yaml").write_bytes((sops / "sops/schedule-post.yaml").read_bytes())
    (sops / "sops/schedule-post.yaml").unlink()
    (sops / PROCESS_PATH).write_text(process)
    code, out, err = run_cli("check", sops, "--fix", "--unsafe-fixes")
    assert (sops / "sops/scheduling.yaml").read_text() == SOP
    assert code == 0 and "R001" not in out, out
    assert "Fixed 1 finding in 1 file." in err  # the steps, a list now


def test_an_id_a_step_nearly_names_keeps_its_name(sops):
    """R001's fix points the step at the id R003's fix changed, in the same run: the step
    then named nothing."""
    (sops / "sops/scheduling.yaml").write_bytes((sops / "sops/schedule-post.yaml").read_bytes())
    (sops / "sops/schedule-post.yaml").unlink()
    (sops / PROCESS_PATH).write_text(PROCESS.replace("sop: schedule-post", "sop: schedule-pots"))
    code, out, err = run_cli("check", sops, "--fix", "--unsafe-fixes")
    assert (sops / "sops/scheduling.yaml").read_text() == SOP
    assert (sops / PROCESS_PATH).read_text() == PROCESS
    assert code == 0 and "R001" not in out, out
    assert "Fixed 1 finding in 1 file." in err


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(
    ("before", "after"),
    [
        (STEPS_AS_MAPPING, PROCESS.replace("name: Draft social post copy\n", "name: Draft social post copy   # first\n")),
        (STEPS_ON_ONE_LINE, PROCESS),
    ],
    ids=["steps as a mapping", "a step on one line"],
)
def test_steps_not_written_as_name_and_sop_become_so_unsafely(sops, before, after, line_end):
    (sops / PROCESS_PATH).write_bytes(before.replace("\n", line_end).encode())
    assert run_cli("check", sops, "--fix")[0] == 1  # unsafe: `sop:` is a guess
    assert (sops / PROCESS_PATH).read_bytes() == before.replace("\n", line_end).encode()
    code, out, err = run_cli("check", sops, "--fix", "--unsafe-fixes")
    assert (sops / PROCESS_PATH).read_bytes() == after.replace("\n", line_end).encode()
    assert (code, out) == (0, "All checks passed (3 files checked).\n"), err


def test_a_syntax_fix_that_uncovers_another_is_followed_by_its_fix(sops):
    """Blank lines above the front matter hide an unquoted `: ` behind them: deleting them
    leaves a file that still does not parse, which is progress all the same (found by the
    property tests' long profile)."""
    broken = "\n" + MD.replace("account: The shared Social drive", "acount: The shared Social drive").replace(
        "format: One caption of at most 280 characters", "format: Caption: at most 280 characters"
    )
    (sops / MD_PATH).write_text(broken)
    code, out, err = run_cli("check", sops, "--fix")
    assert (sops / MD_PATH).read_text() == MD.replace(
        "format: One caption of at most 280 characters", 'format: "Caption: at most 280 characters"'
    )
    assert (code, out) == (0, "All checks passed (3 files checked).\n"), err
    assert "Fixed 3 findings in 1 file." in err


def test_a_linked_file_is_fixed_through_its_link(sops):
    """The link stays a link (discovery follows links that stay inside the SOP root)."""
    target = sops / "shared" / "process.yaml"
    target.parent.mkdir()
    target.write_text(MISNUMBERED)
    (sops / PROCESS_PATH).unlink()
    (sops / PROCESS_PATH).symlink_to(Path("../shared/process.yaml"))
    code, _, err = run_cli("check", sops, "--fix")
    assert code == 0, err
    assert (sops / PROCESS_PATH).is_symlink() and target.read_text() == RENUMBERED


def test_the_diff_of_a_linked_file_patches_its_target_and_git_apply_takes_it(tmp_path):
    """git stores a symbolic link as the path it points to and `git apply` will not patch
    the file through it: the diff names the file the link points to."""
    repo = GitRepo(tmp_path / "repo")
    repo.write(valid_repo({"shared/process.yaml": MISNUMBERED}))
    (repo.path / PROCESS_PATH).unlink()
    (repo.path / PROCESS_PATH).symlink_to(Path("../shared/process.yaml"))
    repo.commit("2026-01-05T09:00:00+00:00", None, "start")
    shown = subprocess.run([sys.executable, "-m", "sop_lint", "check", "--diff"], cwd=repo.path, capture_output=True)
    assert shown.returncode == 1, shown.stderr
    assert shown.stdout.startswith(b"--- a/shared/process.yaml\n+++ b/shared/process.yaml\n")
    subprocess.run(["git", "apply", "-"], input=shown.stdout, cwd=repo.path, check=True)
    assert (repo.path / PROCESS_PATH).is_symlink() and (repo.path / "shared/process.yaml").read_text() == RENUMBERED


def test_the_diff_of_a_utf_16_file_says_git_apply_cannot_take_it(sops):
    """git reads a UTF-16 file as binary: the diff is shown for a reader, and a note says
    that `--fix` makes it, not `git apply`."""
    (sops / PROCESS_PATH).write_bytes(codecs.BOM_UTF16_LE + MISNUMBERED.encode("utf-16-le"))
    code, out, err = run_cli("check", sops, "--diff")
    assert code == 1 and "+  - name: 2. Schedule post\n" in out
    assert err == (
        f"sop-lint: note: {PROCESS_PATH} is saved as UTF-16, which git apply cannot patch: "
        "make its fixes with `sop-lint check --fix`\n"
        "sop-lint: Would fix 1 finding in 1 file.\n"
    )
