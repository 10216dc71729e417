"""The cache: reused when content is unchanged, dropped when it must be, never trusted blindly."""

import json
import os
import pickle
import subprocess
import sys

import pytest

from sop_lint.engine import file_checks
from sop_lint.engine.cache import blob_id
from sop_lint.engine.state import cache_file, history_file
from sop_lint.git.location import git_location
from sop_lint.git.location import object_format as format_of
from tests.conftest import run_cli
from tests.gitrepo import GitRepo
from tests.repos import DRAFT_SOP, SCHEDULE_SOP, edit, valid_repo

S = "sops/schedule-post.yaml"
BAD_TONE = {S: edit(SCHEDULE_SOP, "tone: Upbeat and conversational", "tone: TBD")}


@pytest.fixture
def parses(monkeypatch):
    """The paths parsed during a test (the cache should spare most of them)."""
    parsed: list[str] = []
    real = file_checks.parse_document

    def counting(path, *args, **kwargs):
        parsed.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(file_checks, "parse_document", counting)
    return parsed


def check(root, *args):
    code, out, err = run_cli("check", root, *args)
    assert code in (0, 1), err
    return code, out


@pytest.mark.parametrize("object_format", ["sha1", "sha256"])
def test_blob_ids_are_gits_in_the_repositorys_object_format(tmp_path, object_format):
    """Issue 12, item 8: a SHA-256 repository's ids are SHA-256, read from its configuration."""
    repo = GitRepo(tmp_path / "r", object_format=object_format)
    (repo.path / "f").write_bytes(b"kind: sop\n")
    location = git_location(repo.path)
    assert object_format == repo.git("rev-parse", "--show-object-format").strip() == format_of(location)
    assert blob_id(b"kind: sop\n", format_of(location)) == repo.git("hash-object", "f").strip()
    assert format_of(None) == "sha1"  # outside git, as `git hash-object` there


def test_an_unchanged_file_is_not_parsed_again_and_findings_stay_the_same(repo, parses):
    root = repo(valid_repo(BAD_TONE))
    first = check(root)
    assert sorted(parses) == sorted(["processes/promote-new-video.yaml", "sops/draft-post-copy.md", S])
    parses.clear()
    assert check(root) == first
    assert parses == []


def test_a_changed_file_is_parsed_again_alone(repo, parses):
    root = repo(valid_repo(BAD_TONE))
    check(root)
    parses.clear()
    (root / S).write_text(SCHEDULE_SOP)
    assert check(root)[0] == 0
    assert parses == [S]


def test_positions_of_cross_file_findings_are_found_from_a_cached_file(repo):
    root = repo(valid_repo({S: edit(SCHEDULE_SOP, "id: schedule-post", "id: schedule-post\nx-note: moved")}))
    (root / "sops" / "copy").mkdir()
    (root / "sops" / "copy" / "schedule-post.yaml").write_text(SCHEDULE_SOP)
    first = check(root, "--format", "json")
    [finding] = [f for f in json.loads(first[1])["findings"] if f["path"] == S]  # the copy is told too
    assert (finding["code"], finding["path"], finding["line"], finding["column"]) == ("R002", S, 2, 5)
    assert check(root, "--format", "json") == first


@pytest.mark.parametrize(
    "setting",
    ["extend-placeholders: [conversational]\n", "required-fields: [tool]\n", "extend-required-fields: [escalation]\n"],
)
def test_settings_that_change_a_files_findings_invalidate_the_cache(repo, setting):
    root = repo(valid_repo())
    assert check(root)[0] == 0
    (root / "sop-lint.yaml").write_text(setting)
    code, out = check(root, "--format", "json")
    assert (code, check(root, "--no-cache", "--format", "json")[1]) == (code, out)


def test_a_schema_change_invalidates_the_cache(repo, parses, monkeypatch):
    root = repo(valid_repo())
    check(root)
    parses.clear()
    real = file_checks.schema_text
    monkeypatch.setattr(file_checks, "schema_text", lambda name: real(name) + " ")
    check(root)
    assert len(parses) == 3


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a cache at all",
        b"sop-lint-store\n" + b"\0" * 32 + b"garbage",
        "truncate",
        "a pickle that would run a command",
    ],
)
def test_a_damaged_or_foreign_cache_is_ignored_and_rebuilt(repo, parses, damage, tmp_path):
    root = repo(valid_repo(BAD_TONE))
    expected = check(root)
    shards = sorted(cache_file(root).glob("*.pickle"))
    assert shards
    for path in shards:
        damage_file(path, damage, tmp_path)
    parses.clear()
    assert check(root) == expected
    assert len(parses) == 3
    assert not (tmp_path / "ran").exists()
    parses.clear()
    assert check(root) == expected and parses == []


def damage_file(path, damage, tmp_path):
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:-10])
    elif damage == "a pickle that would run a command":
        marker = tmp_path / "ran"

        class Evil:
            def __reduce__(self):
                return (os.system, (f"touch {marker}",))

        payload = pickle.dumps(((3, "x", (3, 11), "key"), Evil()))
        import hashlib

        path.write_bytes(b"sop-lint-store\n" + hashlib.sha256(payload).digest() + payload)
    else:
        path.write_bytes(damage)


def test_no_cache_reads_and_writes_none(repo, parses):
    root = repo(valid_repo(BAD_TONE))
    check(root, "--no-cache")
    assert not cache_file(root).exists()
    check(root)
    parses.clear()
    check(root, "--no-cache")
    assert len(parses) == 3


def git(root, *args):
    subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=root, check=True, capture_output=True)


def test_inside_git_the_cache_lives_in_dot_git_and_the_work_tree_is_untouched(repo):
    root = repo(valid_repo(BAD_TONE))
    git(root, "init", "-q")
    before = sorted(p.relative_to(root) for p in root.rglob("*") if ".git" not in p.parts)
    check(root)
    assert cache_file(root).parent == root / ".git" / "sop-lint"
    assert list(cache_file(root).glob("*.pickle"))
    assert sorted(p.relative_to(root) for p in root.rglob("*") if ".git" not in p.parts) == before


def test_a_worktree_keeps_its_cache_in_its_own_git_folder(repo, tmp_path):
    root = repo(valid_repo())
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init")
    git(root, "worktree", "add", "-q", str(tmp_path / "other"))
    assert cache_file(tmp_path / "other").parent == root / ".git" / "worktrees" / "other" / "sop-lint"


def test_outside_git_the_cache_lives_under_xdg_cache_home(repo):
    root = repo(valid_repo())
    check(root)
    assert cache_file(root).parent == type(cache_file(root))(os.environ["XDG_CACHE_HOME"]) / "sop-lint"


@pytest.mark.slow
def test_concurrent_runs_all_succeed_and_leave_a_valid_cache(repo):
    root = repo(valid_repo(BAD_TONE))
    command = [sys.executable, "-m", "sop_lint", "check", str(root), "--format", "json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ) for _ in range(6)]
    outputs = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [1] * 6
    assert len({out for out, _ in outputs}) == 1
    assert not [p for p in cache_file(root).iterdir() if p.name.startswith(".tmp-")]
    assert subprocess.run(command, capture_output=True).stdout == outputs[0][0]


# --- forged files: a correct checksum, any content (issue 12, item 9) ---------------------------
# The checksum proves only that a file was written whole. A forged one must read as no
# cache: the run's output is that of a run without one, and the next run writes a good one.


def rewrite(path, change):
    """Writes `change(value bytes)` in place of the stored value, keeping the file's magic
    line and header and giving it a correct checksum."""
    import hashlib

    raw = path.read_bytes()
    magic = raw[: raw.index(b"\n") + 1]
    header, _, value = raw[len(magic) + 32 :].partition(b"\n")
    payload = header + b"\n" + change(value)
    path.write_bytes(magic + hashlib.sha256(payload).digest() + payload)


def each_entry(change):
    """A change to every stored cache entry: (key, entry) → entry."""

    def forged(value):
        shard = json.loads(value)
        return json.dumps({key: change(key, entry) for key, entry in shard.items()}).encode()

    return forged


def at(where, replacement):
    """Sets entry[where[0]][where[1]]... to `replacement`."""

    def change(_key, entry):
        target = entry
        for index in where[:-1]:
            target = target[index]
        target[where[-1]] = replacement
        return entry

    return each_entry(change)


DEEP = 1_000_000
FORGED_CACHES = {
    "nested a million deep": lambda value: b"[" * DEEP + b"]" * DEEP,
    "an entry nested a million deep": lambda value: b'{"a": ' + b"[" * DEEP + b"]" * DEEP + b"}",
    "not a mapping": lambda value: b'[["sops/schedule-post.yaml", 1]]',
    "keys that are not the files'": lambda value: b'{"": 1, "z": [], "\\u0000": null}',
    "blob ids that are not hexadecimal": lambda value: json.dumps({"z" + key[1:]: entry for key, entry in json.loads(value).items()}).encode(),
    "invalid UTF-8": lambda value: value[:20] + b"\xff\xfe" + value[20:],
    "NaN": lambda value: value.replace(b"true", b"NaN", 1),
    "a number of 5,000 digits": lambda value: value.replace(b"true", b"1" * 5000, 1),
    "an entry that is text": each_entry(lambda key, entry: "text"),
    "an entry that is null": each_entry(lambda key, entry: None),
    "an entry too short": each_entry(lambda key, entry: entry[:3]),
    "a summary too short": at([0], ["sop", "x"]),
    "an unknown kind": at([0, 0], "no-such-kind"),
    "a kind that is a list": at([0, 0], ["sop"]),
    "an id that is a number": at([0, 1], 5),
    "readable as text": at([0, 2], "yes"),
    "a title that is a mapping": at([0, 3], {"a": 1}),
    "steps as a mapping": at([0, 6], {"a": 1}),
    "a step with a negative index": at([0, 6], [[-1, "x", None, None]]),
    "a step too short": at([0, 6], [[0, "x"]]),
    "a step named by a number": at([0, 6], [[0, 7, None, None]]),
    "review fields as a number": at([0, 8], 3),
    "review fields too short": at([0, 8], ["@x"]),
    "an anchor at line 10**1000": at([0, 9], [["id", 10**1000, 1]]),
    "an anchor at a fractional line": at([0, 9], [["id", 1.5, 1]]),
    "tool use that is text": at([0, 10], "Canva"),
    "tool runs not in threes": at([0, 10], ["Canva", True, ["Canva", 1]]),
    "tool runs with a line as text": at([0, 10], ["Canva", True, ["Canva", "1", 1]]),
    "problems as a mapping": at([1], {"C002": 1}),
    "a problem without its subject": at([1], [["C002", 1, 1, "message"]]),
    "a problem whose message is a list": at([1], [["C002", 1, 1, ["message"], ""]]),
    "a problem on line -1": at([1], [["C002", -1, 1, "message", ""]]),
    "a suppression code that is null": at([2], [[1, [None]]]),
    "suppressions as a mapping": at([2], {"1": ["C002"]}),
    "a whole-file suppression that is a number": at([3], [1]),
}


@pytest.mark.parametrize("forgery", FORGED_CACHES.values(), ids=FORGED_CACHES.keys())
def test_a_forged_cache_reads_as_no_cache(repo, parses, forgery):
    root = repo(valid_repo(BAD_TONE))
    expected = check(root, "--format", "json")
    for path in cache_file(root).glob("*.pickle"):
        rewrite(path, forgery)
    parses.clear()
    assert check(root, "--format", "json") == expected
    assert len(parses) == 3  # every file read again
    parses.clear()
    assert check(root, "--format", "json") == expected and parses == []  # and the cache written anew


def test_a_cache_shard_that_is_no_regular_file_is_not_read(repo, parses):
    root = repo(valid_repo(BAD_TONE))
    expected = check(root)
    shards = sorted(cache_file(root).glob("*.pickle"))
    shards[0].unlink()
    os.mkfifo(shards[0])  # opened for reading, a FIFO would wait for a writer for ever
    shards[1].unlink()
    shards[1].symlink_to("/dev/zero")  # and this would never end
    parses.clear()
    assert check(root) == expected


def old_store(payload: bytes) -> bytes:
    """A file in the former format: a pickle behind the same kind of checksum."""
    import hashlib

    return b"sop-lint-store\n" + hashlib.sha256(payload).digest() + payload


def pickled(value: bytes) -> bytes:
    """`(header, value)` as the former store pickled it, `value` given as pickle opcodes."""
    return b"\x80\x02" + pickle.dumps((13, "x", (3, 11), "key"), protocol=2)[2:-1] + value + b"\x86."


OLD_ATTACKS = {
    # A dict keyed by a tuple nested a million deep: hashing the key overflowed the C stack.
    "a million-deep tuple key": pickled(b"})" + b"\x85" * DEEP + b"Ns"),
    # A key whose every level holds the one below twice (DUP): hashing it never ended.
    "a tuple DAG key": pickled(b"})" + b"2\x86" * 200 + b"Ns"),
    "APPENDS on a dict": pickled(b"}(K\x01e"),
    "BUILD on a dict": pickled(b"}}b"),
    "2**62 bytes announced": pickled(b"\x8e" + (1 << 62).to_bytes(8, "little") + b"x"),  # MemoryError
}


@pytest.mark.parametrize("forgery", OLD_ATTACKS.values(), ids=OLD_ATTACKS.keys())
def test_a_forged_pickle_with_a_correct_checksum_is_ignored(repo, parses, forgery):
    root = repo(valid_repo(BAD_TONE))
    expected = check(root)
    for path in cache_file(root).glob("*.pickle"):
        path.write_bytes(old_store(forgery))
    parses.clear()
    assert check(root) == expected
    assert len(parses) == 3


def each_record(change):
    """A change to every commit record of a history snapshot (`changes`, `reviews`, `created`)."""

    def forged(value):
        snapshot = json.loads(value)
        for records in (snapshot["changes"], snapshot["reviews"], snapshot["created"]):
            for name in records:
                records[name] = change(records[name])
        return json.dumps(snapshot).encode()

    return forged


def in_snapshot(key, replacement):
    def forged(value):
        snapshot = json.loads(value)
        if replacement is KeyError:
            del snapshot[key]
        else:
            snapshot[key] = replacement
        return json.dumps(snapshot).encode()

    return forged


FORGED_SNAPSHOTS = {
    "nested a million deep": lambda value: b"[" * DEEP + b"]" * DEEP,
    "not a mapping": lambda value: b"[1, 2]",
    "no tree": in_snapshot("tree", KeyError),
    "one key more": in_snapshot("more", 1),
    "a head that is a number": in_snapshot("head", 5),
    "a head that is an option of git": in_snapshot("head", "--output=forged"),
    "changes as a list": in_snapshot("changes", []),
    "a tree that is text": in_snapshot("tree", "x"),
    "a blob id that is a number": lambda value: in_snapshot("tree", dict.fromkeys(json.loads(value)["tree"], 1))(value),
    "a commit dated 'soon'": each_record(lambda record: [record[0], "soon", record[2]]),
    "a commit date without its offset": each_record(lambda record: [record[0], record[1][:19], record[2]]),
    "a commit date of 10**1000": each_record(lambda record: [record[0], 10**1000, record[2]]),
    "a commit id that is not one": each_record(lambda record: ["--all", record[1], record[2]]),
    "an author that is a list": each_record(lambda record: [record[0], record[1], [record[2]]]),
    "a commit record too short": each_record(lambda record: record[:2]),
    "a commit record that is a mapping": each_record(lambda record: {"id": record[0]}),
    "an unreadable commit without its reason": in_snapshot("unreadable", [["0" * 40]]),
    "an unreadable commit whose reason is a number": in_snapshot("unreadable", [["0" * 40, 7]]),
    "a creation that is null": lambda value: in_snapshot("created", dict.fromkeys(json.loads(value)["created"]))(value),
}


@pytest.mark.parametrize("forgery", FORGED_SNAPSHOTS.values(), ids=FORGED_SNAPSHOTS.keys())
def test_a_forged_history_snapshot_reads_as_none(tmp_path, forgery):
    repo = GitRepo(tmp_path / "ops")
    repo.commit("2026-01-05T09:00:00+01:00", valid_repo(), "Write the SOPs")
    repo.commit("2026-03-01T09:00:00+00:00", None, "Reviewed", "SOP-Reviewed: schedule-post")
    expected = run_cli("stale", repo.path, "--now", "2026-11-24", "--format", "json")
    assert expected[0] == 0 and expected[2] == ""
    genuine = history_file(repo.path).read_bytes()
    rewrite(history_file(repo.path), forgery)
    assert run_cli("stale", repo.path, "--now", "2026-11-24", "--format", "json") == expected
    assert history_file(repo.path).read_bytes() == genuine  # written anew
    assert json.loads(expected[1])["sops"][0]["commit"]  # history was read


def test_a_standalone_sop_stays_standalone_when_read_from_the_cache(repo):
    """The cache stores every field of the summary: `standalone` was lost on warm runs."""
    chore = DRAFT_SOP.replace("id: draft-post-copy", "id: check-backups\nstandalone: true")
    root = repo(valid_repo({"sops/check-backups.md": chore}))
    first = check(root, "--format", "json")
    assert first[0] == 0
    assert check(root, "--format", "json") == first  # warm: R004 if `standalone` were lost


def test_the_shards_of_the_earlier_layout_are_removed_by_a_whole_run(repo):
    """The cache was 16 shards named by one hex digit (`0.pickle`), now 64 named by two:
    the old files would stay in the state folder for ever."""
    root = repo(valid_repo(BAD_TONE))
    expected = check(root)
    folder = cache_file(root)
    (folder / "a.pickle").write_bytes(b"sop-lint-store 2\n" + b"\0" * 32 + b"an old shard")
    shards = sorted(path.name for path in folder.glob("*.pickle"))
    assert check(root, "--no-cache") == expected  # a run without the cache leaves it alone
    assert (folder / "a.pickle").exists()
    (root / "sops" / "schedule-post.yaml").write_text(valid_repo(BAD_TONE)["sops/schedule-post.yaml"] + "# changed\n")
    check(root)  # a whole run
    assert not (folder / "a.pickle").exists()
    assert all(len(name) == len("00.pickle") and name < "40" for name in shards if name != "a.pickle")
