"""The package is laid out by layer, and layers import downwards only.

The import graph is read from the source (every `import`, also inside functions and
under `TYPE_CHECKING`): it has no cycle, and no module imports one of a higher layer, or
of another package of its own layer. docs/architecture.md describes the layers.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sop_lint"

# Lowest first. A module's layer is that of the longest prefix listed for it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("sop_lint", "sop_lint.errors", "sop_lint.findings", "sop_lint.suggestions", "sop_lint.kinds",
     "sop_lint.json_schema", "sop_lint.plain_store", "sop_lint.schema_advice", "sop_lint.config.inventory"),
    ("sop_lint.config", "sop_lint.config.settings"),
    ("sop_lint.reading",),
    ("sop_lint.git", "sop_lint.config.loading"),
    ("sop_lint.model",),
    ("sop_lint.rules",),
    ("sop_lint.engine",),
    ("sop_lint.reporters",),
    ("sop_lint.commands",),
    ("sop_lint.lsp",),
    ("sop_lint.cli",),
    ("sop_lint.__main__",),
)
MAX_TOP_LEVEL_MODULES = 10
MAX_LINES = 300
# Allowed to be longer, and why: splitting the credential shapes from their scan would
# put the table of token prefixes in one file and the only code that reads it in another.
LONGER = {"sop_lint.rules.support.credentials"}


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(path, package): path for path in sorted(package.rglob("*.py"))}


@functools.cache
def syntax_tree(path: Path) -> ast.Module:
    """A module's syntax tree, parsed once for all the tests that read it (parsing the
    package took each of them about a second)."""
    return ast.parse(path.read_text(encoding="utf-8"))


@functools.cache
def imported_roots(path: Path) -> frozenset[str]:
    """The top-level names of every package or module `path` imports."""
    nodes = list(ast.walk(syntax_tree(path)))
    roots = {alias.name.split(".")[0] for node in nodes if isinstance(node, ast.Import) for alias in node.names}
    return frozenset(roots | {node.module.split(".")[0] for node in nodes if isinstance(node, ast.ImportFrom) and node.module})


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The package modules `path` imports; `from a import b` names module `a.b` when that
    is a module, else `a`."""
    found = set()
    for node in ast.walk(syntax_tree(path)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module in known:
            for alias in node.names:
                found.add(f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module)
    return found


def import_graph(paths: dict[str, Path]) -> dict[str, set[str]]:
    known = set(paths)
    return {name: imports_of(path, known) - {name} for name, path in paths.items()}


def layer_of(name: str) -> tuple[int, str]:
    """(rank, the prefix that placed it) for the longest matching prefix."""
    matches = [(len(prefix), rank, prefix) for rank, prefixes in enumerate(LAYERS) for prefix in prefixes
               if name == prefix or name.startswith(prefix + ".")]
    assert matches, f"{name} is in no layer: add it to LAYERS and to docs/architecture.md"
    _, rank, prefix = max(matches)
    return rank, prefix


def back_edges(graph: dict[str, set[str]]) -> list[str]:
    """Imports of a higher layer, or of another package of the same layer."""
    wrong = []
    for importer, imported in sorted(graph.items()):
        (rank, home) = layer_of(importer)
        for target in sorted(imported):
            target_rank, target_home = layer_of(target)
            if target_rank > rank or (target_rank == rank and target_home != home and rank > 0):
                wrong.append(f"{importer} ({home}) imports {target} ({target_home})")
    return wrong


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_has_no_cycle():
    assert cycles(import_graph(modules())) == []


def test_layers_import_downwards_only():
    assert back_edges(import_graph(modules())) == []


def test_every_module_is_in_a_layer():
    for name in modules():
        layer_of(name)


def test_the_checks_catch_a_back_edge_and_a_cycle(tmp_path):
    """The test of the test: a model module that imports the engine, and two modules
    that import each other, are both caught."""
    package = tmp_path / "sop_lint"
    for name, text in {
        "__init__.py": "",
        "model/__init__.py": "",
        "model/summary.py": "def f():\n    from sop_lint.engine.loading import load_repository\n",
        "engine/__init__.py": "",
        "engine/loading.py": "from sop_lint.model.summary import f\n",
        "reading/__init__.py": "",
        "reading/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from sop_lint.reading import b\n",
        "reading/b.py": "import sop_lint.reading.a\n",
    }.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)
    graph = import_graph(modules(package))
    assert back_edges(graph) == ["sop_lint.model.summary (sop_lint.model) imports sop_lint.engine.loading (sop_lint.engine)"]
    assert sorted(cycles(graph)) == [["sop_lint.engine.loading", "sop_lint.model.summary"], ["sop_lint.reading.a", "sop_lint.reading.b"]]


def test_only_leaves_and_entry_points_sit_directly_in_the_package():
    top_level = [path.name for path in PACKAGE.glob("*.py")]
    assert len(top_level) <= MAX_TOP_LEVEL_MODULES, sorted(top_level)


def test_every_command_has_its_own_module():
    from sop_lint.cli import main

    command_modules = {path.stem for path in (PACKAGE / "commands").glob("*.py")}
    expected = {"check", "diff", "stale", "review", "rename", "graph", "init", "new", "find", "inventory", "owners"}
    assert expected <= command_modules
    assert {"rules", "explain", "schema"} <= set(main.commands)  # in commands/describe.py
    assert set(main.commands) <= expected | {"rules", "explain", "schema", "lsp"}  # lsp: the sop_lint.lsp package
    assert (PACKAGE / "lsp" / "server.py").is_file()


@pytest.mark.parametrize("name", sorted(set(modules()) - LONGER))
def test_no_module_is_long(name):
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it by what its parts do"


def test_only_the_git_runner_starts_processes_none_imports_gitpython_and_only_the_cli_imports_click():
    for name, path in modules().items():
        roots = imported_roots(path)
        assert "git" not in roots, name  # its import cost a pre-commit run more than the commit's work (issue 18)
        if "subprocess" in roots:
            assert name == "sop_lint.git.runner", name
        if "click" in roots:
            assert name == "sop_lint.cli" or name.startswith("sop_lint.cli."), name


def test_only_the_instructions_reader_imports_the_markdown_parser():
    for name, path in modules().items():
        if imported_roots(path) & {"markdown_it_pyrs", "markdown_it"}:
            assert name == "sop_lint.reading.instructions", name
