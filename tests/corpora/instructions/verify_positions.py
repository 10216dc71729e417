"""Check the planted corpus's answer key: every entry of planted/expected.yaml names a
planted file, and its `defect` text starts exactly at `line`:`column` (1-based, in the
whole file, front matter included). Also checks that every planted SOP has exactly one
entry and that codes are known. Not a test: run it after editing the corpus.

    python tests/corpora/instructions/verify_positions.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PLANTED = HERE / "planted"
CODES = {"I001", "I002", "I003", "I004", "I005", "I006", "I007", "X001"}


def main() -> int:
    entries = yaml.safe_load((PLANTED / "expected.yaml").read_text(encoding="utf-8"))
    problems: list[str] = []
    seen: Counter[str] = Counter()
    for entry in entries:
        where = f"{entry.get('file')}:{entry.get('line')}:{entry.get('column')}"
        if set(entry) != {"file", "code", "line", "column", "defect"}:
            problems.append(f"{where}: keys are {sorted(entry)}")
            continue
        if entry["code"] not in CODES:
            problems.append(f"{where}: unknown code {entry['code']}")
        seen[entry["file"]] += 1
        path = PLANTED / entry["file"]
        if not path.is_file():
            problems.append(f"{where}: no such file")
            continue
        # Split on \n only: the position is counted in the file's own lines.
        lines = path.read_text(encoding="utf-8").split("\n")
        line, column, defect = entry["line"], entry["column"], entry["defect"]
        if not (1 <= line <= len(lines)):
            problems.append(f"{where}: the file has {len(lines)} lines")
            continue
        text = lines[line - 1]
        if not text[column - 1 :].startswith(defect):
            problems.append(f"{where}: expected {defect!r}, found {text[column - 1 : column - 1 + len(defect)]!r}")
    files = {p.relative_to(PLANTED).as_posix() for p in (PLANTED / "sops").rglob("*") if p.is_file()}
    problems += [f"{name}: planted file with no entry in expected.yaml" for name in sorted(files - set(seen))]
    for name, count in sorted(seen.items()):
        if count != 1:
            problems.append(f"{name}: {count} entries, expected exactly one")
    for problem in problems:
        print(problem)
    counts = Counter(entry["code"] for entry in entries)
    print(", ".join(f"{code}: {counts[code]}" for code in sorted(counts)), f"(total {len(entries)})")
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
