"""The rule registry: every rule module, by code.

Adding a rule is one module in this package and one line here; a test fails when a
module is left out of the registry or lacks a documentation section.
"""

from __future__ import annotations

from sop_lint.rule import Rule
from sop_lint.rules import (
    duplicate_id,
    duplicate_key,
    duplicate_step_name,
    empty_instructions,
    front_matter,
    id_file_mismatch,
    invalid_yaml,
    missing_field,
    missing_outcome,
    missing_steps,
    missing_trigger,
    orphan_sop,
    placeholder_value,
    process_cycle,
    schema_violation,
    step_order,
    step_without_target,
    unknown_kind,
    unknown_reference,
)

_MODULES: tuple[Rule, ...] = (
    invalid_yaml,
    duplicate_key,
    front_matter,
    unknown_kind,
    schema_violation,
    missing_trigger,
    missing_outcome,
    missing_steps,
    step_order,
    duplicate_step_name,
    step_without_target,
    unknown_reference,
    duplicate_id,
    id_file_mismatch,
    orphan_sop,
    process_cycle,
    missing_field,
    placeholder_value,
    empty_instructions,
)

RULES: dict[str, Rule] = {rule.CODE: rule for rule in _MODULES}
