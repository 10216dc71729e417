"""Generate a large, deterministic synthetic ops repository for the benchmark.

Usage: python bench/generate.py OUT_DIR [--processes 2000] [--sops 10000] [--commits 50000]
                                        [--bad-fraction 0.02] [--seed 42] [--force]

OUT_DIR becomes a git work tree whose root is the SOP root: ``processes/<area>/<id>.yaml``,
``sops/<area>/<id>.md|yaml`` and the history that produced them. The defects injected by
``--bad-fraction`` are listed in ``OUT_DIR.defects.json`` next to the repository, never inside
it, so the linter sees exactly what a user's repository would hold.

Same arguments give byte-identical files and identical commit ids: one ``random.Random(seed)``
drives every choice, dates and identities are fixed, and git runs without user configuration.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from datetime import date
from pathlib import Path

from defects import Defect
from gitstream import FastImport, git
from history import START, History, day_of
from populate import build_repository


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--processes", type=int, default=2000)
    parser.add_argument("--sops", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=50_000)
    parser.add_argument("--bad-fraction", type=float, default=0.02)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--force", action="store_true", help="replace a non-empty OUT_DIR")
    args = parser.parse_args(argv)
    if args.processes < 1 or args.sops < 1:
        parser.error("--processes and --sops must be at least 1")
    if not 1 <= args.commits <= 1_000_000:
        parser.error("--commits must be between 1 and 1,000,000")
    if not 0.0 <= args.bad_fraction <= 1.0:
        parser.error("--bad-fraction must be between 0 and 1")
    return args


def manifest_path(out_dir: Path) -> Path:
    """``OUT_DIR.defects.json``: beside the repository, so the linter never sees it."""
    return out_dir.with_name(out_dir.name + ".defects.json")


def prepare_directory(out_dir: Path, force: bool) -> None:
    if out_dir.exists() and any(out_dir.iterdir()):
        if not force:
            raise SystemExit(f"error: {out_dir} is not empty (use --force to replace it)")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)


def generate(out_dir: Path, args: argparse.Namespace) -> list[Defect]:
    """Build the records, stream the history into git, then check the tree out."""
    rng = random.Random(args.seed)
    first_day: date = day_of(START)
    repo = build_repository(rng, args.processes, args.sops, first_day)
    git(out_dir, "init", "--quiet", "--initial-branch=main")
    with FastImport(out_dir) as stream:
        defects = History(rng, repo, stream, args.commits, args.bad_fraction).run()
    git(out_dir, "reset", "--quiet", "--hard", "main")
    leftovers = git(out_dir, "status", "--porcelain")
    if leftovers:
        raise RuntimeError(f"work tree not clean after checkout:\n{leftovers}")
    return defects


def manifest_entry(defect: Defect) -> dict[str, str]:
    entry = {"path": defect.path, "kind": defect.kind, "detail": defect.detail}
    if defect.related is not None:
        entry["related"] = defect.related
    return entry


def write_manifest(out_dir: Path, args: argparse.Namespace, defects: list[Defect]) -> Path:
    path = manifest_path(out_dir)
    manifest = {
        "version": 1,
        "repository": out_dir.name,
        "arguments": {
            "processes": args.processes,
            "sops": args.sops,
            "commits": args.commits,
            "bad_fraction": args.bad_fraction,
            "seed": args.seed,
        },
        "defects": [manifest_entry(defect) for defect in defects],
    }
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return path


def tree_size(out_dir: Path) -> tuple[int, int]:
    """Number and total bytes of the process and SOP files."""
    files = [path for top in ("processes", "sops") for path in (out_dir / top).rglob("*")]
    sizes = [path.stat().st_size for path in files if path.is_file()]
    return len(sizes), sum(sizes)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out_dir = args.out_dir.resolve()
    prepare_directory(out_dir, args.force)
    started = time.perf_counter()
    defects = generate(out_dir, args)
    manifest = write_manifest(out_dir, args, defects)
    elapsed = time.perf_counter() - started
    count, size = tree_size(out_dir)
    print(
        f"generated {out_dir}: {count} files, {size / 1e6:.1f} MB, {args.commits} commits, "
        f"{len(defects)} defects (listed in {manifest.name}) in {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
