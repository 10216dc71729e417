"""The rule registry: every rule module registered, documented and uniquely coded."""

import importlib
import pkgutil
import re

import pytest

import sop_lint.rules
from sop_lint.rules.base import DOC_SECTIONS, fix_safety, summary
from sop_lint.rules.registry import RULES

# Every module of the rules package is a rule, except the contract (`base`) and the
# registry; helpers shared by several rules live in the `support` subpackage.
RULE_MODULES = sorted(
    name for _, name, is_package in pkgutil.iter_modules(sop_lint.rules.__path__) if not is_package and name not in {"base", "registry"}
)


@pytest.mark.parametrize("module_name", RULE_MODULES)
def test_every_rule_module_is_registered(module_name):
    module = importlib.import_module(f"sop_lint.rules.{module_name}")
    assert RULES.get(module.CODE) is module, f"{module_name} is missing from sop_lint/rules/registry.py"


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_is_documented(code):
    rule = RULES[code]
    doc = rule.__doc__ or ""
    for section in DOC_SECTIONS:
        assert f"\n{section}\n" in doc, f"{code} lacks the section {section!r}"
    assert summary(rule).endswith("."), "the summary is one sentence"
    assert ("\n## Fix\n" in doc) == bool(fix_safety(rule)), "a rule that offers fixes says what they do, under Fix"
    assert rule.NAME.replace("-", "_") == rule.__name__.rsplit(".", 1)[1], "module named after the rule"


def test_codes_and_names_are_unique_and_stable_in_form():
    assert all(re.fullmatch(r"[A-Z][0-9]{3}", code) for code in RULES)
    names = [rule.NAME for rule in RULES.values()]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", name) for name in names)


def test_each_rule_is_registered_as_the_kind_it_implements():
    from sop_lint.rules.registry import FILE_RULES, HISTORY_RULES, NEEDS_HISTORY, REPOSITORY_RULES

    for rule in FILE_RULES:
        assert hasattr(rule, "check_file") and not hasattr(rule, "check"), rule.CODE
    for rule in (*REPOSITORY_RULES, *HISTORY_RULES):
        assert hasattr(rule, "check") and not hasattr(rule, "check_file"), rule.CODE
    assert len(RULES) == len(FILE_RULES) + len(REPOSITORY_RULES) + len(HISTORY_RULES)
    # Only the history rules make a run read git history; they are all of the H family
    # (H004, a date in the future, needs none).
    assert {rule.CODE for rule in HISTORY_RULES} == NEEDS_HISTORY and all(code.startswith("H") for code in NEEDS_HISTORY)
