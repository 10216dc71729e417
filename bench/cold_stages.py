"""Where a cold `check` spends its CPU, file by file, in one process.

Run as ``python bench/cold_stages.py REPO [--rounds N]`` with the project on
``PYTHONPATH``: it reads every process and SOP file of ``REPO`` as `check` does, then
checks each one as a worker does (`engine.file_checks`), timing each stage with
``time.process_time`` (no profiler, whose cost per call would swamp the small stages):
parsing, reading an SOP's instructions, the lower-cased text the I rules share, the summary,
the credential scan, each file rule.
Of ``--rounds`` rounds (default 2), the lowest figure of each stage is printed, in
seconds, largest first. Run main's code and a branch's one after the other to compare
them (docs/performance.md, issue 18's cold path).
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import defaultdict
from pathlib import Path

from sop_lint.config.loading import load_config
from sop_lint.engine.sources import work_tree
from sop_lint.kinds import Kind
from sop_lint.model.repository import item_of
from sop_lint.model.summary import summarize
from sop_lint.reading.instructions import read_instructions
from sop_lint.reading.loader import parse_document
from sop_lint.rules.base import FileContext
from sop_lint.rules.registry import FILE_RULES, SCHEMA_COVERS
from sop_lint.rules.support.prose import lower_cased


def one_round(root: Path) -> dict[str, float]:
    config = load_config(root, None, remember=None)
    source = work_tree(root)
    files = source.files(config)
    settings = config.file_settings
    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time
    for file, raw in zip(files, source.contents(files, config), strict=True):
        if not isinstance(raw, bytes):
            continue
        start = clock()
        document = parse_document(file.path, raw, None, positions=False)
        parsed = clock()
        is_sop = isinstance(document.data, dict) and document.data.get("kind") == Kind.SOP
        if is_sop:
            instructions = read_instructions(document)  # remembered: the summary and the I rules take it from there
        read = clock()
        if is_sop:
            lower_cased(instructions)  # made once, and shared by the I rules
        shared = clock()
        summary = summarize(document, file.expected_kind)
        summarized = clock()
        context = FileContext(document, summary.kind, item_of(document, summary), settings, SCHEMA_COVERS)
        _ = context.credentials
        scanned = clock()
        spent["parsing"] += parsed - start
        spent["reading instructions"] += read - parsed
        spent["the I rules' lower-cased text"] += shared - read
        spent["summary, instructions aside"] += summarized - shared
        spent["credential scan"] += scanned - summarized
        for rule in FILE_RULES:
            before = clock()
            for _problem in rule.check_file(context):
                pass
            spent[rule.CODE] += clock() - before
        spent["all"] += clock() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    gc.disable()  # as `check` runs
    rounds = [one_round(args.repo) for _ in range(args.rounds)]
    lowest = {stage: min(spent[stage] for spent in rounds) for stage in rounds[0]}
    for stage, seconds in sorted(lowest.items(), key=lambda item: -item[1]):
        print(f"{stage:30} {seconds:7.3f}")


if __name__ == "__main__":
    main()
