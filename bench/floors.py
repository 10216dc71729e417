"""Floors: the least work any linter of the repository must do, timed inside a child process.

Run as ``python bench/floors.py NAME FILE_LIST`` (``FILE_LIST`` is a JSON array of paths);
prints ``{"seconds": ..., "cpu_seconds": ..., "files": ..., "errors": ...}``. ``run.py`` starts it once per run,
so each floor has its own process and peak memory like the linter, but the reported time is
the loop alone: interpreter start-up and imports are not part of what a floor stands for.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

import yaml


def read_all(paths: list[str]) -> int:
    """Read every file as bytes: the I/O floor. Returns 0 errors (a read never fails here)."""
    for path in paths:
        with open(path, "rb") as handle:
            handle.read()
    return 0


def front_matter(text: str) -> str | None:
    """The text between the first ``---`` line and the next one, or None when there is none."""
    lines = text.splitlines()
    try:
        first = lines.index("---")
        last = lines.index("---", first + 1)
    except ValueError:
        return None
    return "\n".join(lines[first + 1 : last])


def compose_all(paths: list[str]) -> int:
    """Compose (parse to a node graph, with positions) every YAML document with PyYAML's C
    loader: the fastest YAML parsing available to Python. Returns how many failed to parse."""
    errors = 0
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            text = data.decode("utf-8")
            document = front_matter(text) if path.endswith(".md") else text
            if document is not None:
                yaml.compose(document, Loader=yaml.CSafeLoader)
        except (yaml.YAMLError, UnicodeDecodeError):
            errors += 1
    return errors


def yaml_rs_load_all(paths: list[str]) -> int:
    """Load every YAML document to Python values with yaml-rs, the parser of sop-lint's
    fast path (issue 18): the floor of that path, with no positions (it has none).
    Returns how many failed to load."""
    import yaml_rs

    errors = 0
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            text = data.decode("utf-8")
            document = front_matter(text) if path.endswith(".md") else text
            if document is not None:
                yaml_rs.loads(document, parse_datetime=False)
        except (yaml_rs.YAMLDecodeError, UnicodeDecodeError):
            errors += 1
    return errors


FLOORS: dict[str, Callable[[list[str]], int]] = {
    "read": read_all,
    "pyyaml-c-compose": compose_all,
    "yaml-rs-load": yaml_rs_load_all,
}


def main(argv: list[str]) -> int:
    name, list_file = argv
    with open(list_file, encoding="utf-8") as handle:
        paths = json.load(handle)
    floor = FLOORS[name]
    start, cpu = time.perf_counter(), time.process_time()
    errors = floor(paths)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "files": len(paths), "errors": errors}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
