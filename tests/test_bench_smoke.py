"""Smoke test of the benchmark in ``bench/``, on tiny generated repositories.

Benchmark figures are only comparable across commits if the generated repository is the same
every time, and only meaningful if it is a sound ops repository (clean files parse, every
reference resolves) with the defects it claims. ``run.py`` is then run once end to end.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT = Path(__file__).resolve().parent.parent
BENCH = PROJECT / "bench"
TINY = ("--processes", "10", "--sops", "40", "--commits", "200")
PARSE_DEFECTS = {"yaml-syntax", "no-front-matter", "unterminated-front-matter"}


def isolated_env() -> dict[str, str]:
    """No global or system git configuration: tests must not depend on the machine's."""
    return {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def generate(out_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(BENCH / "generate.py"), str(out_dir), *TINY, *extra]
    return subprocess.run(command, env=isolated_env(), capture_output=True, text=True)


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, env=isolated_env(), capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def tree(repo: Path) -> dict[str, bytes]:
    """Every file of the work tree (outside ``.git``) with its bytes."""
    return {
        path.relative_to(repo).as_posix(): path.read_bytes()
        for path in repo.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(repo).parts[:1]
    }


def manifest(repo: Path) -> Any:
    return json.loads(repo.with_name(repo.name + ".defects.json").read_text())


def load(path: Path) -> Any:
    """The YAML mapping of a process or SOP file (the front matter of a Markdown SOP)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        lines = text.split("\n")
        assert lines[0] == "---", path
        text = "\n".join(lines[1 : lines.index("---", 1)])
    return yaml.safe_load(text)


def ops_files(repo: Path) -> list[Path]:
    return sorted([*repo.glob("processes/**/*.yaml"), *repo.glob("sops/**/*.*")])


@pytest.fixture(scope="module")
def defective(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("bench") / "bad"
    result = generate(repo, "--bad-fraction", "0.2")
    assert result.returncode == 0, result.stderr
    return repo


def test_same_arguments_give_the_same_repository(defective: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert generate(again, "--bad-fraction", "0.2").returncode == 0
    assert tree(again) == tree(defective)
    assert git(again, "rev-parse", "HEAD") == git(defective, "rev-parse", "HEAD")


def test_history_has_the_requested_commits_and_a_clean_work_tree(defective: Path) -> None:
    assert git(defective, "rev-list", "--count", "HEAD") == "200"
    assert git(defective, "status", "--porcelain") == ""


def test_manifest_lists_the_injected_defects(defective: Path) -> None:
    defects = manifest(defective)["defects"]
    assert len(defects) == 10  # 20% of 50 files
    for defect in defects:
        path = defective / defect["path"]
        assert path.is_file(), defect
        if defect["kind"] == "yaml-syntax":
            with pytest.raises(yaml.YAMLError):
                load(path)


def test_refuses_to_overwrite_a_repository(defective: Path) -> None:
    result = generate(defective)
    assert result.returncode != 0
    assert "--force" in result.stderr


def test_clean_repository_parses_and_every_reference_resolves(tmp_path: Path) -> None:
    repo = tmp_path / "clean"
    assert generate(repo, "--bad-fraction", "0").returncode == 0
    assert manifest(repo)["defects"] == []
    documents = {path: load(path) for path in ops_files(repo)}
    ids: dict[str, set[str]] = {"process": set(), "sop": set()}
    for path, document in documents.items():
        assert document["id"] == path.stem
        assert document["id"] not in ids[document["kind"]]
        ids[document["kind"]].add(document["id"])
    used: set[str] = set()
    for document in documents.values():
        for step in document.get("steps", []):
            kind = "sop" if "sop" in step else "process"
            assert step[kind] in ids[kind], step
            if kind == "sop":
                used.add(step["sop"])
    assert ids["sop"] <= used


@pytest.mark.slow
def test_run_reports_floors_check_cold_warm_the_pre_commit_case_and_diff(defective: Path, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    command = [sys.executable, str(BENCH / "run.py"), "--repo", str(defective)]
    result = subprocess.run(
        [*command, "--runs", "1", "--json", str(out)], cwd=PROJECT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text())
    checks = ("check cold", "check warm", "pre-commit case", "diff 20 files", "diff 20 files, cold")
    for name in ("read", "pyyaml-c-compose", *checks):
        case = figures["cases"][name]
        assert case["median_s"] > 0 and case["peak_rss_mb"] > 0, name
    assert figures["cases"]["check cold"]["findings"] == figures["cases"]["check warm"]["findings"] > 0
    for name in checks:
        assert figures["ratios"][f"{name} / pyyaml-c-compose"] > 0
    if importlib.util.find_spec("yamllint"):  # a peer, in the bench extra: `pip install -e '.[bench]'`
        assert figures["ratios"]["pre-commit case / yamllint, one file"] > 0  # the hook against its peer (issue 18)
    else:
        assert "yamllint, one file: yamllint not installed, skipped" in result.stderr
    assert figures["ratios"]["stale cold / git log pass"] > 0
    assert figures["ratios"]["stale warm / git log pass"] > 0
    assert figures["ratios"]["find --tool warm / check warm"] > 0
    # issue 18: cold check against the fast path's own floor too, and in CPU time
    assert figures["cases"]["yaml-rs-load"]["median_s"] > 0 and figures["cases"]["check cold"]["cpu_median_s"] > 0
    for name in ("check cold / yaml-rs-load", "check cold CPU / pyyaml-c-compose CPU", "check cold CPU / yaml-rs-load CPU"):
        assert figures["ratios"][name] > 0, name
    assert figures["ratios"]["check cold, history / git log pass"] > 0  # a first check with every rule (issue 18)
    assert figures["cases"]["check cold, history"]["peak_rss_mb"] > 0
    assert figures["cases"]["check cold, history"]["findings"] > figures["cases"]["check cold"]["findings"]
    assert figures["repo"]["commits"] == 200
    assert "check warm / pyyaml-c-compose:" in result.stdout
    assert git(defective, "status", "--porcelain") == "", "the pre-commit case restores the SOP it edits"


@pytest.mark.slow
def test_late_errors_reports_each_error_case_against_the_same_files_without_the_error(tmp_path: Path) -> None:
    out = tmp_path / "late.json"
    command = [sys.executable, str(BENCH / "late_errors.py"), "--runs", "1", "--files", "2", "--steps", "50", "--json", str(out)]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text())
    assert set(figures["cases"]) == {"1 file, valid", "1 file, late error", "2 files, valid", "2 files, late error"}
    assert all(case["findings"] > 0 for name, case in figures["cases"].items() if "error" in name)
    assert set(figures["ratios"]) == {"1 file, late error", "2 files, late error"}
    assert all(ratio > 0 for ratio in figures["ratios"].values())


@pytest.mark.slow
def test_the_editor_case_reports_a_keystroke_against_warm_check(defective: Path, tmp_path: Path) -> None:
    out = tmp_path / "editor.json"
    command = [sys.executable, str(BENCH / "editor.py"), "--repo", str(defective), "--runs", "1", "--json", str(out)]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text())
    for where in ("in the instructions", "in the tool", "in the id", "in a step's sop"):
        assert figures[f"keystroke {where} to diagnostics, median s"] >= figures["of which the debounce pause, s"] > 0
        assert figures[f"keystroke {where}, ratio to check warm"] > 0
    assert figures["check warm, median s"] > 0
    assert git(defective, "status", "--porcelain") == "", "the editor case writes nothing in the repository"


@pytest.mark.slow
def test_rename_bench_renames_an_sop_used_by_many_processes_against_check_warm(tmp_path: Path) -> None:
    """Issue 15: the rename of an id used by 500 processes is timed against `check` warm."""
    out = tmp_path / "rename.json"
    command = [sys.executable, str(BENCH / "rename.py"), "--runs", "2", "--processes", "10", "--sops", "40", "--users", "6"]
    result = subprocess.run([*command, "--json", str(out)], cwd=PROJECT, env=isolated_env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text())
    substitution = "grep | sed -i, git mv, 6 users"  # on a machine with GNU sed, as CI's
    assert set(figures["cases"]) == {"check warm", "rename, 6 users", "rename --dry-run, 6 users", substitution}
    assert figures["ratios"]["rename, 6 users / " + substitution] > 0
    assert figures["cases"]["rename, 6 users"]["references"] == 6
    assert len(figures["cases"]["rename, 6 users"]["seconds"]) == 2  # there and back: both runs found the SOP
    assert all(ratio > 0 for ratio in figures["ratios"].values())


@pytest.mark.slow
def test_rename_bench_keeps_its_repository_with_its_sop_named_as_generated(tmp_path: Path) -> None:
    """`--repo DIR` generates the repository once and uses it again; after an odd number
    of renames the SOP gets its id back, so the next run finds it used as often."""
    repo = tmp_path / "kept"
    command = [sys.executable, str(BENCH / "rename.py"), "--runs", "1", "--processes", "10", "--sops", "40", "--users", "6", "--repo", str(repo)]
    heads = []
    for _ in range(2):
        result = subprocess.run(command, cwd=PROJECT, env=isolated_env(), capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert git(repo, "status", "--porcelain") == ""
        heads.append(git(repo, "rev-parse", "HEAD"))
    assert heads[0] == heads[1], "the second run commits nothing: the SOP is shared already"
