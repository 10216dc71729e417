"""Which rules run: the configuration's `select`/`ignore`, then the command line's on top, as in ruff."""

from __future__ import annotations

from collections.abc import Iterable

from sop_lint.config.settings import Config
from sop_lint.errors import SopLintError
from sop_lint.rules.base import Rule
from sop_lint.rules.registry import RULES


def select_rules(
    config: Config, select: Iterable[str] | None = None, ignore: Iterable[str] = ()
) -> list[Rule]:
    """The rules to run: config `select`/`ignore` first, then the command line's on top, as in ruff."""
    where = config.source or "the configuration"
    _check_codes(config.severity, where)
    for _, codes in config.per_file_ignores:
        _check_codes(codes, where)
    chosen = set(RULES)
    for selectors, source, replace in (
        (config.select, where, True),
        (config.ignore, where, False),
        (select, "--select", True),
        (ignore, "--ignore", False),
    ):
        if selectors is None:
            continue
        selectors = list(selectors)
        _check_codes(selectors, source)
        matching = {code for code in RULES if matches_code(code, selectors)}
        chosen = matching if replace else chosen - matching
    return [rule for code, rule in RULES.items() if code in chosen]



def matches_code(code: str, selectors: Iterable[str]) -> bool:
    return any(selector == "ALL" or code.startswith(selector) for selector in selectors)



def _check_codes(selectors: Iterable[str], source: str) -> None:
    for selector in selectors:
        if not _matches_any_rule(selector):
            raise SopLintError(f"unknown rule code `{selector}` in {source}: `sop-lint rules` lists them")



def _matches_any_rule(selector: str) -> bool:
    return selector == "ALL" or any(code.startswith(selector) for code in RULES)
