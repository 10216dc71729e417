"""Find, validate and read the configuration of an SOP root."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sop_lint import __version__
from sop_lint.config.inventory import inventory_of, inventory_problems
from sop_lint.config.settings import (
    Config,
    config_from_settings,
    default_config,
    default_max_file_size,
)
from sop_lint.errors import SopLintError
from sop_lint.json_schema import Violation, schema_text, validator_for, violations
from sop_lint.reading.documents import LoadProblem
from sop_lint.reading.files import read_auxiliary, read_bounded
from sop_lint.reading.globs import GlobError, compile_glob
from sop_lint.reading.loader import document_of

CONFIG_FILE_NAMES = ("sop-lint.yaml", ".sop-lint.yaml", "sop-lint.yml", ".sop-lint.yml")
_GLOB_SETTINGS = ("processes", "sops", "exclude")


def load_config(root: Path, explicit: Path | None = None, *, remember: Path | None = None) -> Config:
    """The configuration for `root`: the explicit file, else the one found in `root`.

    With `remember` (a folder), a configuration found valid is remembered there by digest,
    so that an unchanged one is not validated again: validation needs jsonschema, whose
    import alone costs a tenth of a warm pre-commit run.
    """
    path = explicit if explicit is not None else find_config_file(root)
    if path is None:
        return default_config()
    if not path.is_file():
        raise SopLintError(f"configuration file not found: {path}")
    raw = read_bounded(str(path), default_max_file_size())  # read once: what is validated is what is remembered
    marker = _validity_marker(raw, remember)
    validate = marker is None or not marker.exists()
    if path.name == "pyproject.toml":
        settings = _read_pyproject(path, raw, validate)
    else:
        settings = _read_yaml(path, raw, validate)
    if validate and marker is not None:
        with contextlib.suppress(OSError):
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
    return config_from_settings(settings, source=str(path))


def read_settings(path: Path, raw: bytes) -> dict[str, Any]:
    """The validated settings of a configuration file's content read elsewhere than from
    `path` on disk: from a commit, for `diff` to compare the inventory of two revisions."""
    return _read_pyproject(path, raw, True) if path.name == "pyproject.toml" else _read_yaml(path, raw, True)



def _validity_marker(content: bytes | LoadProblem, folder: Path | None) -> Path | None:
    """Where the validity of exactly these bytes is remembered (an edit made while they
    were read and checked is another content, judged on the next run)."""
    if folder is None or isinstance(content, LoadProblem):
        return None
    digest = hashlib.sha256(b"\0".join([__version__.encode(), schema_text("config").encode(), content])).hexdigest()
    return folder / f"valid-config-{digest[:24]}"



def config_files(root: Path) -> list[Path]:
    """The sop-lint configuration files present in `root`; more than one is an error."""
    return [root / name for name in CONFIG_FILE_NAMES if (root / name).is_file()]



def find_config_file(root: Path) -> Path | None:
    """The configuration file in `root`, if any: a sop-lint file, or a `pyproject.toml`
    with a `[tool.sop-lint]` table."""
    found = config_files(root)
    if len(found) > 1:
        raise SopLintError(
            f"both {found[0].name} and {found[1].name} exist in {root}: keep one configuration file"
        )
    if found:
        problem = read_auxiliary(root, found[0].name, default_max_file_size())
        if isinstance(problem, LoadProblem):
            raise SopLintError(f"{found[0]}: {problem.message}")
        return found[0]
    # A pyproject.toml that is not ours may be broken (or a FIFO, or a link) without concerning us.
    raw = read_auxiliary(root, "pyproject.toml", default_max_file_size())
    ours = not isinstance(raw, LoadProblem) and (b"[tool.sop-lint]" in raw or b"[tool.sop-lint." in raw)  # or a sub-table alone
    return root / "pyproject.toml" if ours else None



def _read_toml(path: Path, raw: bytes | LoadProblem) -> dict[str, Any]:
    if isinstance(raw, LoadProblem):
        raise SopLintError(f"{path}: cannot read the configuration: {raw.message}")
    import tomllib  # most repositories keep their settings in YAML

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SopLintError(f"{path}: cannot read the configuration: {error}") from error



def _read_pyproject(path: Path, raw: bytes | LoadProblem, validate: bool) -> dict[str, Any]:
    settings = _read_toml(path, raw).get("tool", {}).get("sop-lint", {})
    if validate:
        _validate(settings, lambda violation: f"{path}: [tool.sop-lint] {violation.message}")
    return dict(settings)



def _read_yaml(path: Path, raw: bytes | LoadProblem, validate: bool) -> dict[str, Any]:
    document = document_of(path.name, raw)
    if document.problems:
        problem = document.problems[0]
        raise SopLintError(f"{path}:{problem.position.line}:{problem.position.column}: {problem.message}")
    if document.data is None:
        return {}
    if not isinstance(document.data, dict):
        raise SopLintError(f"{path}: the configuration must be a mapping of `setting: value` lines")

    def located(violation: Violation) -> str:
        position = document.position(violation.path, key=violation.at_key)
        return f"{path}:{position.line}:{position.column}: {violation.message}"

    if validate:
        _validate(document.data, located)
    return document.data



def _validate(settings: object, describe: Callable[[Violation], str]) -> None:
    found = violations(validator_for("config"), settings)
    if found:
        raise SopLintError(describe(found[0]))
    assert isinstance(settings, dict)
    patterns = [(name, (index,), glob) for name in _GLOB_SETTINGS for index, glob in enumerate(settings.get(name, []))]
    patterns += [(name, (glob,), glob) for name in ("per-file-ignores", "review-intervals") for glob in settings.get(name, {})]
    for name, where, glob in patterns:
        try:
            compile_glob(glob)
        except GlobError as error:
            message = f"`{name}` has a glob pattern that is not valid: `{glob}` ({error})"
            raise SopLintError(describe(Violation((name, *where), "pattern", message, at_key=isinstance(where[0], str)))) from None
    inventory = inventory_of(settings)
    problem = next(inventory_problems(inventory), None) if inventory is not None else None
    if problem is not None:  # the schema cannot tell: a name listed twice, a tool or owner it does not list
        raise SopLintError(describe(Violation(("inventory", *problem[0]), "inventory", problem[1])))
