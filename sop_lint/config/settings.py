"""The settings of one run: the frozen `Config`, and its defaults.

The defaults are the `default` values in `schemas/config.schema.json`, so the schema that
editors show is also the one source of truth for what sop-lint does without a config.
Finding and reading a configuration file is `sop_lint.config.loading`'s job.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sop_lint.config.inventory import Inventory, inventory_of
from sop_lint.findings import Severity
from sop_lint.json_schema import load_schema


@dataclass(frozen=True)
class Config:
    """Settings in effect for one run. `source` is the file they came from, if any."""

    source: str | None = None
    processes: tuple[str, ...] = ()
    sops: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    required_fields: tuple[str, ...] = ()
    placeholders: tuple[str, ...] = ()
    vague_words: tuple[tuple[str, str], ...] = ()
    review_every: str = ""
    review_intervals: tuple[tuple[str, str], ...] = ()
    due_soon: str = ""
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    max_file_size: int = 0
    max_files: int = 0
    inventory: Inventory | None = None  # None: the configuration has none

    @property
    def file_settings(self) -> FileSettings:
        return FileSettings(required_fields=self.required_fields, placeholders=self.placeholders, vague_words=self.vague_words)


class FileSettings(NamedTuple):
    """The settings a file rule may read, and all of them: a file's findings are cached
    under a key that hashes every field here, so a rule that needs one more setting adds
    it here, and findings computed without it are never served from the cache."""

    required_fields: tuple[str, ...] = ()
    placeholders: tuple[str, ...] = ()
    vague_words: tuple[tuple[str, str], ...] = ()  # (phrase, what to write instead)


def default_config() -> Config:
    return config_from_settings({}, source=None)


def config_from_settings(settings: dict[str, Any], source: str | None) -> Config:
    defaults = {name: spec.get("default") for name, spec in load_schema("config")["properties"].items()}

    def setting(name: str) -> Any:
        return settings.get(name, defaults[name])

    required = tuple(dict.fromkeys([*setting("required-fields"), *setting("extend-required-fields")]))
    select = setting("select")
    return Config(
        source=source,
        processes=tuple(setting("processes")),
        sops=tuple(setting("sops")),
        exclude=tuple(setting("exclude")),
        required_fields=required,
        placeholders=tuple(dict.fromkeys([*setting("placeholders"), *setting("extend-placeholders")])),
        vague_words=tuple({**_phrases(setting("vague-words")), **_phrases(setting("extend-vague-words"))}.items()),
        review_every=setting("review-every"),
        review_intervals=tuple(setting("review-intervals").items()),
        due_soon=setting("due-soon"),
        select=tuple(select) if select is not None else None,
        ignore=tuple(setting("ignore")),
        per_file_ignores=tuple((glob, tuple(codes)) for glob, codes in setting("per-file-ignores").items()),
        severity={code: Severity(level) for code, level in setting("severity").items()},
        fail_on=Severity(setting("fail-on")),
        max_file_size=setting("max-file-size"),
        max_files=setting("max-files"),
        inventory=inventory_of(settings),
    )


def _phrases(value: dict[str, str] | list[str]) -> dict[str, str]:
    """Vague phrases with their suggestions, from a mapping or from a list of phrases alone."""
    return dict(value) if isinstance(value, dict) else dict.fromkeys(value, "")


_LONGEST_DEFAULT = 200


def settings_table() -> str:
    """Every setting with its default and description, as the Markdown table in the README."""
    lines = ["| setting | default | what it does |", "| --- | --- | --- |"]
    for name, spec in load_schema("config")["properties"].items():
        default = f"`{json.dumps(spec['default'])}`" if "default" in spec else "(see description)"
        if len(default) > _LONGEST_DEFAULT:  # a vocabulary: `sop-lint schema config` shows it whole
            default = f"{len(spec['default'])} entries (`sop-lint schema config`)"
        lines.append(f"| `{name}` | {default} | {spec['description']} |")
    return "\n".join(lines) + "\n"


def commented_config() -> str:
    """A configuration file that sets nothing and shows every setting: its description,
    then `# name: default` (JSON, which YAML reads alike), ready to uncomment. Made from
    the schema, as the settings table is, so it lists what this version reads."""
    lines = [
        *comment_lines("sop-lint configuration. Every setting is shown with its default, commented out: "
                       "uncomment a line and change the value to change it. `sop-lint schema config` describes them all."),
    ]
    for name, spec in load_schema("config")["properties"].items():
        lines += ["", *comment_lines(f"{spec['title']}: {spec['description']}")]
        default = json.dumps(spec["default"], ensure_ascii=False) if "default" in spec else None
        if default is not None and len(default) > _LONGEST_DEFAULT:
            lines.append(f"# ({name}: {len(spec['default'])} entries by default; `sop-lint schema config` lists them)")
        elif default is not None:
            lines.append(f"# {name}: {default}")
    return "\n".join(lines) + "\n"


_COMMENT_WIDTH = 88
_CODE = re.compile(r"`[^`]*`")


def comment_lines(text: str) -> list[str]:
    """`text` as YAML comment lines of at most 88 characters, never breaking a `quoted
    example` (its spaces are no-break ones while the text is wrapped)."""
    kept = _CODE.sub(lambda match: match.group().replace(" ", "\u00a0"), text)
    wrapped = textwrap.wrap(kept, _COMMENT_WIDTH - 2, initial_indent="# ", subsequent_indent="# ", break_on_hyphens=False, break_long_words=False)
    return [line.replace("\u00a0", " ") for line in wrapped]


def default_max_file_size() -> int:
    """The `max-file-size` default, from the configuration schema."""
    default: int = load_schema("config")["properties"]["max-file-size"]["default"]
    return default
