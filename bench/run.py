"""Time ``sop-lint check`` on a generated ops repository against floors measured in the same run.

Usage: python bench/run.py [--repo DIR] [--runs 5] [--small] [--json OUT] [--only TEXT]...

Without ``--repo`` it uses ``bench/.data/repo`` (generated on first use: 2,000 processes,
10,000 SOPs, 50,000 commits, 2% defective files) or, with ``--small``, ``bench/.data/repo-small``.
Each case runs in its own child process, ``--runs`` times, interleaved (one run of every case,
then the next round) so that noise from other work on a shared machine hits all cases alike.
The figure that matters is the ratio to the floors, not the absolute seconds.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
DATA = BENCH / ".data"
FULL_REPO = (DATA / "repo", ("--bad-fraction", "0.02"))
SMALL_REPO = (
    DATA / "repo-small",
    ("--processes", "50", "--sops", "250", "--commits", "1000", "--bad-fraction", "0.02"),
)
FILE_GLOBS = (
    "processes/**/*.yaml",
    "processes/**/*.yml",
    "sops/**/*.md",
    "sops/**/*.yaml",
    "sops/**/*.yml",
)
FLOOR = "pyyaml-c-compose"
# The floor of sop-lint's fast path (issue 18): loading the same documents with yaml-rs.
PARSER_FLOOR = "yaml-rs-load"
COLD = "check cold"
WARM = "check warm"
PRE_COMMIT = "pre-commit case"
WARM_ALL = "check warm, all rules"
# `check --diff`: every fix the findings offer, made in memory and checked, then shown.
FIX_DIFF = "check --diff warm"
# Issue 3's cases time linting; the history rules (H) have their own case, because this
# generated history leaves most SOPs stale and emitting those findings is most of its cost.
LINT_ONLY = ("--ignore", "H")
PEERS = ("yamllint", "check-jsonschema")
# The pre-commit case's peer: what a team's YAML hook costs on the one file of a commit.
YAMLLINT_ONE = "yamllint, one file"
# The pre-commit case again on the small generated repository, measured in the same run: the
# hook's cost should not grow with the repository (issue 18).
PRE_COMMIT_SMALL = "pre-commit case, small repo"
GIT_LOG = "git log pass"
STALE_COLD = "stale cold"
STALE = "stale warm"
# A first `check` of every rule: no cache, no history snapshot, so the whole log is read
# while the files are checked (issue 18).
FIRST_HISTORY = "check cold, history"
DIFF = "diff 20 files"
# Issue 17: a query answers from the same cache as check (no file parsed when warm), with
# history for freshness; within 1.2x of a warm check.
FIND = "find --tool warm"
FIND_TOOL = "Notion"
DIFF_COLD = "diff 20 files, cold"


# Children may cache their compiled modules, as they do on a user's machine: with
# PYTHONDONTWRITEBYTECODE set (some CI and sandboxes set it), every sop-lint run compiled its
# own modules again while the peers' came compiled from site-packages.
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


class BenchError(Exception):
    """A case could not be measured; the message says why (with the child's stderr)."""


@dataclass(frozen=True)
class ChildResult:
    seconds: float
    peak_rss_bytes: int
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0


@dataclass(frozen=True)
class Sample:
    """One run of one case: its time, its child's peak resident memory, and the CPU time
    it took (user and system, with the worker processes it waited for)."""

    seconds: float
    peak_rss_bytes: int
    cpu_seconds: float = 0.0


@dataclass
class Case:
    """A named measurement; ``run`` performs one run. ``facts`` keeps what a run reported
    besides time (the number of findings), for the JSON output."""

    name: str
    run: Callable[[], Sample]
    samples: list[Sample] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)

    @property
    def seconds(self) -> list[float]:
        return [sample.seconds for sample in self.samples]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(sample.cpu_seconds for sample in self.samples)

    @property
    def peak_rss_mb(self) -> float:
        return max(sample.peak_rss_bytes for sample in self.samples) / 1e6


# --- the repository ---------------------------------------------------------------------------


def ensure_repo(repo: Path, generate_args: tuple[str, ...]) -> Path:
    """Generate one of the default repositories on first use (they live in the gitignored
    ``bench/.data``); a half-written one from an interrupted run is replaced."""
    if not (repo / ".git").is_dir():
        print(f"generating {repo} (first use) ...", file=sys.stderr, flush=True)
        command = [sys.executable, str(BENCH / "generate.py"), str(repo), "--force"]
        subprocess.run([*command, *generate_args], check=True)
    return repo


def discover_files(repo: Path) -> list[Path]:
    """The process and SOP files, found with the linter's default globs."""
    found = {path for pattern in FILE_GLOBS for path in repo.glob(pattern) if path.is_file()}
    return sorted(found)


@dataclass(frozen=True)
class RepoFacts:
    path: str
    files: int
    bytes: int
    commits: int | None

    def describe(self) -> str:
        return f"{self.path}: {self.files} files, {self.bytes / 1e6:.1f} MB, {self.commits} commits"


def count_commits(repo: Path) -> int | None:
    """Commits reachable from HEAD; None outside a git work tree."""
    result = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=repo, capture_output=True, text=True
    )
    return int(result.stdout) if result.returncode == 0 else None


def repo_facts(repo: Path, files: list[Path]) -> RepoFacts:
    size = sum(path.stat().st_size for path in files)
    return RepoFacts(str(repo), len(files), size, count_commits(repo))


def machine_facts() -> dict[str, object]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
    }


# --- running children -------------------------------------------------------------------------


def run_child(argv: list[str], cwd: Path = PROJECT) -> ChildResult:
    """Run a command to completion; its wall time and its own peak RSS (``wait4``).

    Output goes to temporary files rather than pipes: nothing has to read while the child
    runs, and ``wait4`` reaps exactly this child, with this child's resource usage.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, env=CHILD_ENV)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildResult(
            seconds=seconds,
            peak_rss_bytes=max_rss_bytes(usage.ru_maxrss),
            returncode=child.returncode,
            stdout=out.read().decode(errors="replace"),
            stderr=err.read().decode(errors="replace"),
            cpu_seconds=usage.ru_utime + usage.ru_stime,
        )


def max_rss_bytes(ru_maxrss: int) -> int:
    """``ru_maxrss`` is in kilobytes on Linux and in bytes on macOS."""
    return ru_maxrss if sys.platform == "darwin" else ru_maxrss * 1024


def floor_case(name: str, file_list: Path) -> Case:
    """A floor from ``floors.py``; the time is the child's own loop, not its start-up."""

    def run() -> Sample:
        result = run_child([sys.executable, str(BENCH / "floors.py"), name, str(file_list)])
        if result.returncode != 0:
            raise BenchError(f"floor {name} failed:\n{result.stderr}")
        reported = json.loads(result.stdout)
        return Sample(reported["seconds"], result.peak_rss_bytes, reported["cpu_seconds"])

    return Case(name, run)


def check_case(repo: Path, name: str, *options: str, before: Callable[[], None] | None = None) -> Case:
    """``sop-lint check`` as a user runs it: whole process wall time, start-up included.
    ``before`` runs ahead of each timed run (untimed), to set the scene."""
    facts: dict[str, object] = {}

    def run() -> Sample:
        if before is not None:
            before()
        argv = [sys.executable, "-m", "sop_lint", "check", str(repo), "--format", "json", *options]
        result = run_child(argv)
        if result.returncode not in (0, 1):
            raise BenchError(f"sop-lint check exited {result.returncode}:\n{result.stderr}")
        try:
            report = json.loads(result.stdout)
        except json.JSONDecodeError as error:
            raise BenchError(f"sop-lint check printed no JSON ({error}):\n{result.stderr}") from error
        facts["findings"] = len(report["findings"])
        return Sample(result.seconds, result.peak_rss_bytes, result.cpu_seconds)

    return Case(name, run, facts=facts)


def command_case(
    name: str, argv: list[str], cwd: Path = PROJECT, ok: tuple[int, ...] = (0,), before: Callable[[], None] | None = None
) -> Case:
    """A whole command, timed as a process; an exit code outside `ok` stops the benchmark.
    ``before`` runs ahead of each timed run (untimed)."""

    def run() -> Sample:
        if before is not None:
            before()
        result = run_child(argv, cwd=cwd)
        if result.returncode not in ok:
            raise BenchError(f"{name} exited {result.returncode}:\n{result.stderr[-2000:]}")
        return Sample(result.seconds, result.peak_rss_bytes, result.cpu_seconds)

    return Case(name, run)


def history_cases(repo: Path) -> list[Case]:
    """`sop-lint stale`, and a first `check` with the history rules, against their floor: one
    raw `git log --name-status -M` pass over the same history (the peak memory of both is
    mostly git's own). Cold: no cache and no history snapshot, the first run; warm: both
    present."""
    stale = [sys.executable, "-m", "sop_lint", "stale", str(repo), "--format", "json", "--now", "2026-11-24"]
    return [
        command_case(GIT_LOG, ["git", "log", "--name-status", "-M"], cwd=repo),
        check_case(repo, FIRST_HISTORY, "--no-cache"),
        command_case(STALE_COLD, [*stale, "--no-cache"]),
        command_case(STALE, stale),
    ]


class OneChangedSop:
    """The pre-commit case: before each run one SOP differs from what the cache has seen
    (a new comment line, different every run) and is staged, as in a commit about to be
    made. The hook runs ``sop-lint check --staged FILE`` at the repository root, like this
    case: the whole root is checked and compared with HEAD, the one file reported on."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.path = next(path for path in sorted((repo / "sops").rglob("*.md")))
        self.original = self.path.read_bytes()
        self.edits = 0

    def __call__(self) -> None:
        self.edits += 1
        self.path.write_bytes(self.original + f"\n<!-- edit {self.edits} -->\n".encode())
        subprocess.run(["git", "add", "--", str(self.path)], cwd=self.repo, check=True)

    def restore(self) -> None:
        self.path.write_bytes(self.original)
        subprocess.run(["git", "reset", "-q", "--", str(self.path)], cwd=self.repo, check=True)


CHANGE_REF = "refs/heads/bench-change"


def change_branch(repo: Path, count: int = 20) -> str:
    """A commit on top of HEAD that edits `count` SOPs (one of them with a new placeholder),
    made with git plumbing in a temporary index: HEAD, the index and the work tree stay as
    they are. What a pull request of that size gives `sop-lint diff` to review."""
    sops = sorted((repo / "sops").rglob("*.md"))[:: max(1, len(list((repo / "sops").rglob("*.md"))) // count)][:count]

    def git(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> str:
        return subprocess.run(["git", *args], cwd=repo, input=stdin, env=env, capture_output=True, check=True).stdout.decode().strip()

    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(scratch) / "index")}
        git("read-tree", "HEAD", env=env)
        for number, path in enumerate(sops):
            text = path.read_bytes() + f"\n<!-- reviewed in the bench change {number} -->\n".encode()
            if number == 0:
                text = text.replace(b"\ntone: ", b"\ntone: TBD ", 1)
            blob = git("hash-object", "-w", "--stdin", stdin=text)
            git("update-index", "--cacheinfo", f"100644,{blob},{path.relative_to(repo).as_posix()}", env=env)
        tree = git("write-tree", env=env)
    commit = git("commit-tree", tree, "-p", "HEAD", "-m", f"bench: edit {count} SOPs")
    git("update-ref", CHANGE_REF, commit)
    return commit


def diff_cases(repo: Path) -> list[Case]:
    """`sop-lint diff` of a 20-file change against HEAD. Warm: the cache knows both
    revisions but for the run's own state; cold: no cache at all, as in CI on a fresh clone
    (the base is parsed once, the head reuses every blob it shares)."""
    change_branch(repo)
    command = [sys.executable, "-m", "sop_lint", "diff", str(repo), "--base", "HEAD", "--head", CHANGE_REF, "--format", "json"]
    from sop_lint.engine.state import cache_file

    cold = command_case(DIFF_COLD, command, ok=(0, 1))
    timed = cold.run

    def run_without_cache() -> Sample:
        """With the repository's cache moved aside, and put back after: removing it made
        the next round's warm cases cold (a warm `check` took 1.2 s instead of 0.4)."""
        folder = cache_file(repo)
        assert folder is not None
        aside = folder.with_name(folder.name + ".bench-aside")
        shutil.rmtree(aside, ignore_errors=True)
        if folder.exists():
            folder.rename(aside)
        try:
            return timed()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            if aside.exists():
                aside.rename(folder)

    cold.run = run_without_cache
    return [command_case(DIFF, command, ok=(0, 1)), cold]


def peer_cases(repo: Path, files: list[Path]) -> list[Case]:
    """yamllint over every YAML file, check-jsonschema over the process files: what a
    team would run instead (neither reads Markdown front matter). Skipped when absent."""
    yaml_files = [str(path) for path in files if path.suffix in (".yaml", ".yml")]
    process_files = [str(path) for path in files if path.relative_to(repo).parts[0] == "processes"]
    commands = {
        "yamllint": [sys.executable, "-m", "yamllint", "-d", "relaxed", *yaml_files],
        "check-jsonschema": [
            sys.executable, "-m", "check_jsonschema", "--schemafile", str(PROJECT / "schemas" / "process.schema.json"),
            *process_files,
        ],
    }
    cases = []
    for name, argv in commands.items():
        if importlib.util.find_spec(argv[2].replace("-", "_")) is None:
            print(f"{name}: not installed, skipped (pip install -e '.[bench]')", file=sys.stderr)
            continue
        cases.append(command_case(name, argv, ok=(0, 1)))  # 1: they found problems, as they should here
    return cases


def yamllint_one_file(files: list[Path]) -> list[Case]:
    """`yamllint` on one YAML file (the first SOP written in YAML, else the first process):
    the pre-commit case's peer, since a commit usually stages one file."""
    if importlib.util.find_spec("yamllint") is None:
        print(f"{YAMLLINT_ONE}: yamllint not installed, skipped (pip install -e '.[bench]')", file=sys.stderr)
        return []
    yaml_files = [path for path in files if path.suffix in (".yaml", ".yml")]
    one = next((path for path in yaml_files if "sops" in path.parts), yaml_files[0] if yaml_files else None)
    if one is None:
        return []
    return [command_case(YAMLLINT_ONE, [sys.executable, "-m", "yamllint", "-d", "relaxed", str(one)], ok=(0, 1))]


def small_pre_commit(repo: Path | None) -> tuple[list[Case], Callable[[], None], OneChangedSop | None]:
    """The pre-commit case on `repo` (None: not measured), the run that fills its cache, and
    the edited SOP to restore at the end."""
    if repo is None:
        return [], lambda: None, None
    edited = OneChangedSop(repo)
    case = check_case(repo, PRE_COMMIT_SMALL, "--staged", str(edited.path), *LINT_ONLY, before=edited)

    def fill() -> None:
        check_case(repo, "fill the cache", *LINT_ONLY).run()

    return [case], fill, edited


def parser_floor(file_list: Path) -> list[Case]:
    """The fast path's floor, when yaml-rs is installed (its wheel is a dependency)."""
    if importlib.util.find_spec("yaml_rs") is None:
        print(f"{PARSER_FLOOR}: yaml-rs not installed, skipped", file=sys.stderr)
        return []
    return [floor_case(PARSER_FLOOR, file_list)]


def measure(cases: list[Case], runs: int) -> None:
    """Round-robin: every case once per round, so slow phases of a noisy machine are shared."""
    for _ in range(runs):
        for case in cases:
            case.samples.append(case.run())


# --- reporting --------------------------------------------------------------------------------


def ratio(case: Case, floor: Case) -> float:
    return case.median / floor.median


def table(cases: list[Case], floor: Case) -> str:
    header = (
        f"{'case':<28} {'median s':>9} {'min s':>8} {'max s':>8} {'peak RSS MB':>12} {'x floor':>8}"
    )
    lines = [header, "-" * len(header)]
    lines += [
        f"{case.name:<28} {case.median:>9.3f} {min(case.seconds):>8.3f} "
        f"{max(case.seconds):>8.3f} {case.peak_rss_mb:>12.1f} {ratio(case, floor):>7.1f}x"
        for case in cases
    ]
    return "\n".join(lines)


def headline_ratios(cases: list[Case], floor: Case) -> dict[str, float]:
    """The ratios the performance targets are stated in."""
    by_name = {case.name: case for case in cases}
    against_floor = (COLD, WARM, PRE_COMMIT, PRE_COMMIT_SMALL, WARM_ALL, FIX_DIFF, DIFF, DIFF_COLD)
    ratios = {f"{name} / {floor.name}": ratio(by_name[name], floor) for name in against_floor if name in by_name}
    for name in (FIRST_HISTORY, STALE_COLD, STALE):
        if name in by_name and GIT_LOG in by_name:
            ratios[f"{name} / {GIT_LOG}"] = ratio(by_name[name], by_name[GIT_LOG])
    for name in (PRE_COMMIT, PRE_COMMIT_SMALL):
        if name in by_name and YAMLLINT_ONE in by_name:
            ratios[f"{name} / {YAMLLINT_ONE}"] = ratio(by_name[name], by_name[YAMLLINT_ONE])
    for name in (WARM, WARM_ALL):
        if FIND in by_name and name in by_name:
            ratios[f"{FIND} / {name}"] = ratio(by_name[FIND], by_name[name])
    peers = [by_name[name] for name in PEERS if name in by_name]
    if len(peers) == len(PEERS):
        ratios[f"{COLD} / ({' + '.join(PEERS)})"] = by_name[COLD].median / sum(peer.median for peer in peers)
    return {**ratios, **cold_ratios(by_name, floor)}


def cold_ratios(by_name: dict[str, Case], floor: Case) -> dict[str, float]:
    """Cold check against the fast path's own floor, and its CPU time against the floor's
    (issue 18: at most 2x, so that the gain is not only the second core's)."""
    if COLD not in by_name:
        return {}
    cold = by_name[COLD]
    ratios = {f"{COLD} CPU / {floor.name} CPU": cold.cpu_median / floor.cpu_median}
    if PARSER_FLOOR in by_name:
        ratios[f"{COLD} / {PARSER_FLOOR}"] = ratio(cold, by_name[PARSER_FLOOR])
        ratios[f"{COLD} CPU / {PARSER_FLOOR} CPU"] = cold.cpu_median / by_name[PARSER_FLOOR].cpu_median
    return ratios


def results(cases: list[Case], floor: Case, repo: RepoFacts, runs: int) -> dict[str, object]:
    """Everything measured, in a shape meant to be compared across commits and machines."""
    return {
        "version": 1,
        "date": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "machine": machine_facts(),
        "repo": asdict(repo),
        "runs": runs,
        "floor": floor.name,
        "cases": {
            case.name: {
                "median_s": case.median,
                "min_s": min(case.seconds),
                "max_s": max(case.seconds),
                "seconds": case.seconds,
                "peak_rss_mb": case.peak_rss_mb,
                "cpu_median_s": case.cpu_median,
                "ratio_to_floor": ratio(case, floor),
                **case.facts,
            }
            for case in cases
        },
        "ratios": headline_ratios(cases, floor),
    }


# --- command line -----------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--repo", type=Path, help="ops repository to measure")
    where.add_argument("--small", action="store_true", help="use the small generated repository")
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median reported)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures here")
    parser.add_argument(
        "--small-hook-repo", type=Path, metavar="DIR",
        help="also time the pre-commit case on this repository (default at full size: the small generated one)",
    )
    parser.add_argument(
        "--only", action="append", metavar="TEXT", help="only the cases whose name holds TEXT (and the floors); repeatable"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.repo is not None and not args.repo.is_dir():
        parser.error(f"--repo {args.repo} is not a folder")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.repo is not None:
        repo = args.repo.resolve()
    else:
        repo = ensure_repo(*(SMALL_REPO if args.small else FULL_REPO))
    small = args.small_hook_repo.resolve() if args.small_hook_repo else None
    if small is None and args.repo is None and not args.small:
        small = ensure_repo(*SMALL_REPO)
    files = discover_files(repo)
    facts = repo_facts(repo, files)
    print(f"{facts.describe()}; {args.runs} runs per case", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        file_list = Path(scratch) / "files.json"
        file_list.write_text(json.dumps([str(path) for path in files]), encoding="utf-8")
        floor = floor_case(FLOOR, file_list)
        one_changed = OneChangedSop(repo)
        small_cases, fill_small, small_changed = small_pre_commit(small)
        warm, warm_all = check_case(repo, WARM, *LINT_ONLY), check_case(repo, WARM_ALL)
        cases = [
            floor_case("read", file_list),
            floor,
            check_case(repo, COLD, "--no-cache", *LINT_ONLY),
            warm,
            check_case(repo, PRE_COMMIT, "--staged", str(one_changed.path), *LINT_ONLY, before=one_changed),
            *small_cases,
            *yamllint_one_file(files),
            warm_all,
            command_case(FIX_DIFF, [sys.executable, "-m", "sop_lint", "check", str(repo), "--diff", *LINT_ONLY], ok=(0, 1)),
            *peer_cases(repo, files),
            command_case(FIND, [sys.executable, "-m", "sop_lint", "find", str(repo), "--tool", FIND_TOOL, "--format", "json"]),
            *(history_cases(repo) if facts.commits else []),
            *(diff_cases(repo) if facts.commits else []),
            *parser_floor(file_list),
        ]
        if args.only:
            cases = [case for case in cases if case.name in ("read", FLOOR) or any(text in case.name for text in args.only)]
        try:
            cases[0].run()  # warm the page cache once: the first measured case is not penalised
            warm.run()  # and fill sop-lint's cache, which the warm cases are about
            fill_small()
            if warm_all in cases:
                warm_all.run()  # and the history snapshot
            measure(cases, args.runs)
        except BenchError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        finally:
            one_changed.restore()
            if small_changed is not None:
                small_changed.restore()
    print(table(cases, floor))
    if "findings" in warm.facts:
        print(f"findings: {warm.facts['findings']}")
    for name, value in headline_ratios(cases, floor).items():
        print(f"{name}: {value:.2f}x")
    if args.json is not None:
        args.json.write_text(json.dumps(results(cases, floor, facts, args.runs), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
