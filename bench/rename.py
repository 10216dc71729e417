"""Time ``sop-lint rename`` of an SOP used by 500 processes, against ``check`` warm on the same repository.

Usage: python bench/rename.py [--runs 5] [--processes 2000] [--sops 10000] [--users 500] [--repo DIR] [--json OUT]

Issue 15 asks that a rename of an id used by 500 processes completes "in well under a
second" on the benchmark repository. A clean repository of the benchmark's size is
generated in a temporary folder (``generate.py --bad-fraction 0``, with a short history:
``rename`` reads none), and ``--users`` processes get one more step that uses the same
SOP. ``--repo DIR`` generates it in DIR instead, keeps it, and uses it as it is when it is
there: to time another checkout of sop-lint on the same files, or to profile a rename.
Each timed run renames the SOP (``sop-lint rename OLD NEW REPO``), the next run back, so
every run moves one file and edits ``--users`` processes; an untimed ``check`` ahead of
each run brings the cache up to date, as a user who checks before renaming has it. The
floor is ``check warm`` (``--ignore H``) on the same repository, measured in the same
run, round-robin: every command reads the repository's files, a warm ``check`` through
its cache, so the ratio is what a rename costs against the check a user runs most.
``rename --dry-run`` is timed too. CPU time (user and system) is shown beside wall time:
on a machine shared with other work it varies less.

A second reference, on a machine with GNU grep and sed: the same rename as a text
substitution, ``grep -rlF OLD | xargs sed -i s/OLD/NEW/g`` then ``git mv`` of the file.
It reads every file and rewrites the same files through temporary files, as a rename
does, but parses nothing, checks nothing and is not atomic: the floor of the work a
rename cannot avoid on this machine's file system, whose cost of creating and renaming
files varies widely (docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from run import BENCH, BenchError, Case, Sample, check_case, machine_facts, measure, run_child

STEP_NUMBERS = re.compile(r"name: (?:Step )?\d|order:")


def generate(repo: Path, processes: int, sops: int) -> None:
    command = [sys.executable, str(BENCH / "generate.py"), str(repo), "--processes", str(processes), "--sops", str(sops)]
    subprocess.run([*command, "--commits", str(max(200, (processes + sops) // 5)), "--bad-fraction", "0"], check=True, capture_output=True)


def share_one_sop(repo: Path, users: int) -> tuple[str, int]:
    """Makes the first SOP used by `users` processes: those that do not use it yet (and do
    not number their steps, which an unnumbered step would break) get one more step that
    does. Commits, and returns its id and how many steps then name it."""
    target = sorted((repo / "sops").rglob("*.*"))[0].stem
    processes = {path: path.read_text() for path in sorted((repo / "processes").rglob("*.yaml"))}
    using = [path for path, text in processes.items() if f"sop: {target}\n" in text]
    chosen = [path for path, text in processes.items() if path not in using and not STEP_NUMBERS.search(text)][: users - len(using)]
    if len(chosen) < users - len(using):
        raise BenchError(f"only {len(chosen)} processes without numbered steps; generate more with --processes")
    for path in chosen:
        text = path.read_text()
        dash = "- " if "\n- name:" in text else "  - "
        path.write_text(f"{text}{dash}name: Schedule the shared post\n{' ' * len(dash)}sop: {target}\n")
    if chosen:  # none in a kept repository (`--repo`), whose SOP is shared already
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
        subprocess.run(
            ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", f"Use {target} in {users} processes"],
            cwd=repo, check=True,
        )
    return target, sum(path.read_text().count(f"sop: {target}\n") for path in processes)


class Renames:
    """Renames the SOP one way a run (`names`: its current id and the other, shared by the
    cases), after an untimed `check`; with `--dry-run` among `options`, writes nothing."""

    def __init__(self, repo: Path, names: list[str], references: int, *options: str) -> None:
        self.repo, self.names, self.references, self.options = repo, names, references, options
        self.facts: dict[str, object] = {}

    def __call__(self) -> Sample:
        run_child([sys.executable, "-m", "sop_lint", "check", str(self.repo), "--format", "json", "--ignore", "H"])
        old, new = self.names
        result = run_child([sys.executable, "-m", "sop_lint", "rename", old, new, str(self.repo), *self.options])
        if result.returncode != 0:
            raise BenchError(f"sop-lint rename exited {result.returncode}:\n{result.stderr[-2000:]}")
        said = result.stderr if self.options else result.stdout
        if f"{self.references} references changed" not in said:
            raise BenchError(f"sop-lint rename did not change {self.references} references:\n{said[-2000:]}")
        self.facts["references"] = self.references
        if not self.options:
            self.names.reverse()
        return Sample(result.seconds, result.peak_rss_bytes, result.cpu_seconds)


class Substitution:
    """The rename as a text substitution (grep, sed, `git mv`), in turn with `Renames` on
    the same `names`: it leaves the repository as a rename does, and an untimed `check`
    after it brings the cache up to date for the warm `check` timed next."""

    def __init__(self, repo: Path, names: list[str]) -> None:
        self.repo, self.names = repo, names

    def __call__(self) -> Sample:
        old, new = self.names
        moved = next((self.repo / "sops").rglob(f"{old}.*"))
        script = (
            f"grep -rlF --exclude-dir=.git -e {old} . | xargs sed -i 's/\\b{old}\\b/{new}/g' && "
            f"git mv {moved.relative_to(self.repo)} {moved.with_stem(new).relative_to(self.repo)}"
        )
        result = run_child(["sh", "-c", script], cwd=self.repo)
        if result.returncode != 0:
            raise BenchError(f"the substitution exited {result.returncode}:\n{result.stderr[-2000:]}")
        self.names.reverse()
        run_child([sys.executable, "-m", "sop_lint", "check", str(self.repo), "--format", "json", "--ignore", "H"])
        return Sample(result.seconds, result.peak_rss_bytes, result.cpu_seconds)

    @staticmethod
    def available() -> bool:
        """GNU sed (`-i` without an argument), grep and xargs are here."""
        if not all(shutil.which(tool) for tool in ("grep", "sed", "xargs")):
            return False
        return subprocess.run(["sed", "--version"], capture_output=True).returncode == 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median reported)")
    parser.add_argument("--processes", type=int, default=2000)
    parser.add_argument("--sops", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=500, help="processes that use the renamed SOP")
    parser.add_argument("--repo", type=Path, metavar="DIR", help="generate the repository here and keep it (used as it is when there)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.users < 1 or args.users > args.processes:
        parser.error("--runs and --users must be at least 1, --users at most --processes")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        repo = args.repo or Path(scratch) / "repo"
        if not (repo / ".git").is_dir():
            print(f"generating {args.processes} processes and {args.sops} SOPs ...", file=sys.stderr, flush=True)
            generate(repo, args.processes, args.sops)
        try:
            target, references = share_one_sop(repo, args.users)
            floor = check_case(repo, "check warm", "--ignore", "H")
            names = [target, f"{target}-renamed"]
            rename, dry_run = Renames(repo, names, references), Renames(repo, names, references, "--dry-run")
            cases = [floor, Case(f"rename, {args.users} users", rename, facts=rename.facts),
                     Case(f"rename --dry-run, {args.users} users", dry_run, facts=dry_run.facts)]
            if Substitution.available():
                cases.append(Case(f"grep | sed -i, git mv, {args.users} users", Substitution(repo, names)))
            floor.run()  # fill the cache
            measure(cases, args.runs)
            if names[0] != target:  # an odd number of runs: the kept repository gets its SOP's id back
                rename()
        except BenchError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    header = f"{'case':<32} {'median s':>9} {'min s':>8} {'max s':>8} {'x floor':>8} {'CPU s':>7} {'CPU x floor':>12} {'peak RSS MB':>12}"
    print(header)
    print("-" * len(header))
    for case in cases:
        print(
            f"{case.name:<32} {case.median:>9.3f} {min(case.seconds):>8.3f} {max(case.seconds):>8.3f} "
            f"{case.median / floor.median:>7.2f}x {case.cpu_median:>7.3f} {case.cpu_median / floor.cpu_median:>11.2f}x "
            f"{case.peak_rss_mb:>12.1f}"
        )
    if len(cases) > 3:
        print(f"\nrename / the substitution: {cases[1].median / cases[3].median:.2f}x wall, {cases[1].cpu_median / cases[3].cpu_median:.2f}x CPU")
    if args.json is not None:
        figures = {
            case.name: {
                "median_s": case.median, "seconds": case.seconds, "cpu_median_s": case.cpu_median, "peak_rss_mb": case.peak_rss_mb, **case.facts
            }
            for case in cases
        }
        ratios = {f"{case.name} / {floor.name}": case.median / floor.median for case in cases[1:]}
        ratios |= {f"{case.name} / {floor.name}, CPU": case.cpu_median / floor.cpu_median for case in cases[1:]}
        if len(cases) > 3:
            ratios |= {f"{cases[1].name} / {cases[3].name}": cases[1].median / cases[3].median}
        facts = {"machine": machine_facts(), "runs": args.runs, "processes": args.processes, "sops": args.sops, "users": args.users}
        args.json.write_text(json.dumps({**facts, "cases": figures, "ratios": ratios}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
