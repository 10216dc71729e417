"""Time ``sop-lint check`` on large files with a syntax error at the end, against the same files without it.

Usage: python bench/late_errors.py [--runs 3] [--files 20] [--steps 12550] [--json OUT]

Issue 12, item 14: a late error in a 1 MB file used to cost 10 to 17 s, as ruamel.yaml
re-read the whole file to word the finding. Each file here is a process of about 990 KB
(just under the default `max-file-size`) whose steps hold many values a line, what
ruamel.yaml reads slowest, in a folder with the 50 SOPs they use; the error is a tab that
indents the last line. The floor of each
error case is the same files without the error, measured in the same run (round-robin, as
in ``run.py``), so the ratio is the figure to track. Every case is a cold ``check``
(``--no-cache``) of a folder outside git, a whole process, start-up included.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from run import Case, check_case, machine_facts, measure

HEAD = "kind: process\nid: {0}\ntitle: Big process\nowner: '@ops'\ntrigger: A thing happens\noutcome: It is done\nsteps:\n"
STEP = "  - name: Step {0}, with a few words\n    sop: sop-{1}\n    x-note: {{a: 1, b: x}}\n"
STEPS = 12_550  # about 990 KB a file, far from the limit of 100,000 values
LATE_ERROR = "\textra: x\n"
# The SOPs the steps use, so that the files without the error have no finding at all.
SOP = """kind: sop
id: sop-{0}
title: Do part {0} of the big process
owner: "@ops"
tool: Buffer
account: Company X account @acme
format: Image 1200x675 PNG
tone: Upbeat and conversational
instructions:
  - Open Buffer and select the Company X account @acme.
  - Schedule the post for 12:30.
"""


def big_process(identifier: str, steps: int, error: bool) -> str:
    body = "".join(STEP.format(number, number % 50) for number in range(steps))
    return HEAD.format(identifier) + body + (LATE_ERROR if error else "")


def write_root(root: Path, files: int, steps: int, error: bool) -> Path:
    (root / "processes").mkdir(parents=True)
    (root / "sops").mkdir()
    for number in range(50):
        (root / "sops" / f"sop-{number}.yaml").write_text(SOP.format(number), encoding="utf-8")
    for number in range(files):
        (root / "processes" / f"big-{number}.yaml").write_text(big_process(f"big-{number}", steps, error), encoding="utf-8")
    return root


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per case (median reported)")
    parser.add_argument("--files", type=int, default=20, help="files in the many-files cases")
    parser.add_argument("--steps", type=int, default=STEPS, help="steps a file (the default makes 990 KB)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.files < 2 or args.steps < 1:
        parser.error("--runs and --steps must be at least 1, --files at least 2")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        pairs: list[tuple[Case, Case]] = []
        for count in (1, args.files):
            label = f"{count} file{'s' if count > 1 else ''}"
            valid = check_case(write_root(Path(scratch) / f"valid-{count}", count, args.steps, error=False), f"{label}, valid", "--no-cache")
            broken = check_case(write_root(Path(scratch) / f"error-{count}", count, args.steps, error=True), f"{label}, late error", "--no-cache")
            pairs.append((valid, broken))
        cases = [case for pair in pairs for case in pair]
        measure(cases, args.runs)
    header = f"{'case':<32} {'median s':>9} {'min s':>8} {'max s':>8} {'peak RSS MB':>12} {'x valid':>8}"
    print(header)
    print("-" * len(header))
    for valid, broken in pairs:
        for case in (valid, broken):
            print(
                f"{case.name:<32} {case.median:>9.3f} {min(case.seconds):>8.3f} {max(case.seconds):>8.3f} "
                f"{case.peak_rss_mb:>12.1f} {case.median / valid.median:>7.2f}x"
            )
    if args.json is not None:
        figures = {
            case.name: {"median_s": case.median, "seconds": case.seconds, "peak_rss_mb": case.peak_rss_mb, **case.facts} for case in cases
        }
        ratios = {broken.name: broken.median / valid.median for valid, broken in pairs}
        facts = {"machine": machine_facts(), "runs": args.runs, "bytes_a_file": len(big_process("big-0", args.steps, error=False))}
        args.json.write_text(json.dumps({**facts, "cases": figures, "ratios": ratios}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
